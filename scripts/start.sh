#!/usr/bin/env bash
# One command for the embedded default: set up, then run Temporal, simulators, workers and API.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Run directly under Node (not through the tsx CLI, which would add a parent process): a signal or
# a kill reaches run-all itself, which owns the shutdown of everything it started.
exec node --import tsx scripts/run-all.ts
