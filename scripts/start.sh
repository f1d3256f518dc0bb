#!/usr/bin/env bash
# One command for the embedded default: set up, then run Temporal, simulators, workers and API.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# On the embedded defaults (nothing of a real deployment configured) this is a local demo: serve the
# README's demo keys. Pointing it at your own Temporal, databases or users leaves DEMO_MODE off.
if [ -z "${API_USERS:-}${TEMPORAL_ADDRESS:-}${OPERATIONS_DATABASE_URL:-}${PRODUCTION_DATABASE_URL:-}" ]; then
  export DEMO_MODE="${DEMO_MODE:-true}"
fi
# Run directly under Node (not through the tsx CLI, which would add a parent process): a signal or
# a kill reaches run-all itself, which owns the shutdown of everything it started.
exec node --import tsx scripts/run-all.ts
