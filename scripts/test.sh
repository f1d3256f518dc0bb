#!/usr/bin/env bash
# The whole test suite against real servers. SQLite by default; for PostgreSQL set
# TEST_DATABASE=postgresql and PG_ADMIN_URL (scripts/postgres.sh starts one and prints it).
# Extra arguments go to jest, e.g. `npm test -- tests/api`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx tsc -p . --noEmit
npx tsc -p console --noEmit
exec npx jest "$@"
