#!/usr/bin/env bash
# One command for the embedded default: set up, then run Temporal, simulators, workers and API.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node node_modules/tsx/dist/cli.mjs scripts/run-all.ts
