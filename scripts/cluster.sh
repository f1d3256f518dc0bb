#!/usr/bin/env bash
# A real multi-service Temporal cluster on this machine: frontend, history, matching and worker as
# four separate server processes on PostgreSQL (Debian package, scripts/postgres.sh).
#
#   bash scripts/cluster.sh up       install (once), create/upgrade the schemas, start, create the
#                                    namespace, register the search attributes; prints the address
#   bash scripts/cluster.sh down     stop the four services
#   bash scripts/cluster.sh status   which services run, and whether the frontend answers
#
# Settings (environment): TEMPORAL_CLUSTER_PORT (frontend gRPC port, default 7433; the other
# services take the next ports, see below), TEMPORAL_CLUSTER_DIR (pid files, logs and config,
# default data/cluster), TEMPORAL_CLUSTER_PG_URL (the PostgreSQL admin URL; default: the one
# scripts/postgres.sh starts), TEMPORAL_CLUSTER_DB (database name prefix, default temporal_cluster),
# TEMPORAL_NAMESPACE (default "default").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

TEMPORAL_VERSION=1.32.2
GO_TOOLCHAIN=go1.27.3
BIN_DIR="$ROOT/.tools/cluster/bin"
SERVER="$BIN_DIR/server"
SQL_TOOL="$BIN_DIR/sql"
CLUSTER_DIR="${TEMPORAL_CLUSTER_DIR:-$ROOT/data/cluster}"
PORT="${TEMPORAL_CLUSTER_PORT:-7433}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
DB_PREFIX="${TEMPORAL_CLUSTER_DB:-temporal_cluster}"
SERVICES=(frontend history matching worker)
ADDRESS="127.0.0.1:$PORT"

say() { echo "▸ $*" >&2; }
die() {
  echo "cluster.sh: $*" >&2
  exit 1
}

[[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT >= 1024 && PORT <= 65000)) || die "TEMPORAL_CLUSTER_PORT must be a port between 1024 and 65000 (is '$PORT')"
# gRPC ports: frontend PORT, history PORT+1, matching PORT+2, worker PORT+3; membership ports
# PORT+10..PORT+13; the frontend's HTTP API PORT+20.
grpc_port() { case $1 in frontend) echo $((PORT)) ;; history) echo $((PORT + 1)) ;; matching) echo $((PORT + 2)) ;; worker) echo $((PORT + 3)) ;; esac }
membership_port() { echo $(($(grpc_port "$1") + 10)); }
HTTP_PORT=$((PORT + 20))
for p in 7233 8233 3000 3100; do
  for s in "${SERVICES[@]}"; do
    [ "$(grpc_port "$s")" = $p ] || [ "$(membership_port "$s")" = $p ] && die "TEMPORAL_CLUSTER_PORT=$PORT makes the $s service use port $p, which the dev server or the project's defaults use; pick another"
  done
  [ "$HTTP_PORT" = $p ] && die "TEMPORAL_CLUSTER_PORT=$PORT puts the frontend's HTTP port on $p; pick another"
done

pid_file() { echo "$CLUSTER_DIR/$1.pid"; }
# Running, and still our service (a pid left in a stale file may have been reused by another program).
alive() {
  local f pid
  f=$(pid_file "$1")
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--service $1"
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

temporal_cli() {
  if [ -n "${TEMPORAL_CLI:-}" ] && [ -x "$TEMPORAL_CLI" ]; then echo "$TEMPORAL_CLI"; elif command -v temporal >/dev/null 2>&1; then command -v temporal; elif [ -x "$ROOT/.tools/py/bin/temporal" ]; then echo "$ROOT/.tools/py/bin/temporal"; else die "the Temporal CLI was not found (TEMPORAL_CLI, PATH, .tools/py/bin); run \`npm run setup\` first"; fi
}

install_server() {
  if [ -x "$SERVER" ] && [ -x "$SQL_TOOL" ] && "$SERVER" --version 2>/dev/null | grep -q "$TEMPORAL_VERSION"; then return; fi
  command -v go >/dev/null 2>&1 || die "Go is needed to build the Temporal server $TEMPORAL_VERSION (install the golang package, or put server and sql binaries in $BIN_DIR)"
  mkdir -p "$BIN_DIR"
  say "Building the Temporal server $TEMPORAL_VERSION and its SQL tool into ${BIN_DIR#"$ROOT"/} (once; about 15 minutes on a fresh machine)"
  local started=$SECONDS
  (GOTOOLCHAIN=$GO_TOOLCHAIN GOBIN="$BIN_DIR" go install -v "go.temporal.io/server/cmd/server@v$TEMPORAL_VERSION" "go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_VERSION" 2>&1 |
    awk -v s="$started" '{ n++; if (n % 50 == 0) { printf "  … %d packages compiled (%s)\n", n, $0 > "/dev/stderr"; fflush("/dev/stderr") } }') || true
  [ -x "$SERVER" ] && [ -x "$SQL_TOOL" ] || die "building the Temporal server failed; run the go install above by hand to see why"
  say "Built in $((SECONDS - started))s"
}

module_dir() {
  local dir
  local cache=${GOMODCACHE:-$HOME/go/pkg/mod}
  if command -v go >/dev/null 2>&1; then cache=$(go env GOMODCACHE); fi
  dir="$cache/go.temporal.io/server@v$TEMPORAL_VERSION"
  if [ ! -d "$dir/schema" ]; then
    command -v go >/dev/null 2>&1 || die "the Temporal server module (schemas, config template) is not in the Go module cache and Go is missing"
    say "Downloading the Temporal server module $TEMPORAL_VERSION (schemas and config template)"
    (cd /tmp && GOTOOLCHAIN=$GO_TOOLCHAIN GOFLAGS=-mod=mod go mod download "go.temporal.io/server@v$TEMPORAL_VERSION") >&2 || die "could not download go.temporal.io/server@v$TEMPORAL_VERSION"
  fi
  [ -d "$dir/schema/postgresql/v12" ] || die "no PostgreSQL schema in $dir"
  echo "$dir"
}

# PG_HOST PG_PORT PG_USER PG_PASSWORD from the admin URL postgresql://user:password@host:port/db
parse_pg_url() {
  local url=$1 rest
  [[ "$url" =~ ^postgres(ql)?://([^:@/]+):([^@/]*)@([^:/]+):([0-9]+)(/.*)?$ ]] || die "the PostgreSQL admin URL must look like postgresql://user:password@host:port/db (got '$url')"
  PG_USER=${BASH_REMATCH[2]}
  PG_PASSWORD=${BASH_REMATCH[3]}
  PG_HOST=${BASH_REMATCH[4]}
  PG_PORT=${BASH_REMATCH[5]}
  rest=${BASH_REMATCH[6]}
  PG_ADMIN_DB=${rest#/}
  PG_ADMIN_DB=${PG_ADMIN_DB%%\?*}
  PG_ADMIN_DB=${PG_ADMIN_DB:-postgres}
}

sql_tool() { "$SQL_TOOL" --plugin postgres12 --ep "$PG_HOST" -p "$PG_PORT" -u "$PG_USER" --pw "$PG_PASSWORD" "$@"; }
psql_admin() { PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$1" -qAtc "$2"; }

setup_schema() {
  local db=$1 versioned=$2
  if [ -z "$(psql_admin "$PG_ADMIN_DB" "select 1 from pg_database where datname = '$db'")" ]; then
    say "Creating database $db"
    sql_tool --db "$db" create-database >/dev/null 2>&1 || die "could not create database $db on $PG_HOST:$PG_PORT"
  fi
  if [ -z "$(psql_admin "$db" "select 1 from pg_tables where tablename = 'schema_version'")" ]; then
    sql_tool --db "$db" setup-schema -v 0.0 >"$CLUSTER_DIR/schema-$db.log" 2>&1 || die "setting up the schema of $db failed; see $CLUSTER_DIR/schema-$db.log"
  fi
  # Applies only the versions newer than the database's: a no-op when up to date.
  sql_tool --db "$db" update-schema -d "$versioned" >>"$CLUSTER_DIR/schema-$db.log" 2>&1 || die "upgrading the schema of $db failed; see $CLUSTER_DIR/schema-$db.log"
  say "Schema of $db at version $(psql_admin "$db" "select curr_version from schema_version limit 1")"
}

write_config() {
  local template=$1 out=$CLUSTER_DIR/config.yaml
  # The module's development-postgres12.yaml with this cluster's database, ports and dynamic config;
  # pprof and the Prometheus endpoint are left out (they would claim fixed ports).
  node - "$template" "$out" <<EOF
const fs = require('fs');
const [template, out] = process.argv.slice(2);
let y = fs.readFileSync(template, 'utf8');
const esc = (s) => JSON.stringify(s);
y = y.replace(/databaseName: "temporal_visibility"/, 'databaseName: ' + esc('${DB_PREFIX}_visibility'))
  .replace(/databaseName: "temporal"/, 'databaseName: ' + esc('${DB_PREFIX}'))
  .replace(/connectAddr: "127\.0\.0\.1:5432"/g, 'connectAddr: ' + esc('${PG_HOST}:${PG_PORT}'))
  .replace(/user: "temporal"/g, 'user: ' + esc(process.env.PG_USER))
  .replace(/password: "temporal"/g, 'password: ' + esc(process.env.PG_PASSWORD))
  .replace(/\n  pprof:\n    port: \d+\n/, '\n')
  .replace(/\n  metrics:\n(    .*\n|      .*\n)+/, '\n')
  .replace(/level: info/, 'level: warn')
  .replace(/rpcAddress: "localhost:7233"/, 'rpcAddress: "127.0.0.1:${PORT}"')
  .replace(/filepath: "config\/dynamicconfig\/development-sql.yaml"/, 'filepath: ' + esc('${CLUSTER_DIR}/dynamicconfig.yaml'));
const ports = { frontend: [${PORT}, $((PORT + 10))], history: [$((PORT + 1)), $((PORT + 11))], matching: [$((PORT + 2)), $((PORT + 12))], worker: [$((PORT + 3)), $((PORT + 13))] };
for (const [svc, [grpc, membership]] of Object.entries(ports)) {
  y = y.replace(new RegExp('(\\n  ' + svc + ':\\n    rpc:\\n      grpcPort: )\\\\d+(\\n      membershipPort: )\\\\d+'), '\$1' + grpc + '\$2' + membership);
}
y = y.replace(/httpPort: 7243/, 'httpPort: ${HTTP_PORT}');
for (const p of ['7233', '7234', '7235', '7239', '6933', '6934', '6935', '6939', '7243'])
  if (new RegExp('[^0-9]' + p + '[^0-9]').test(y)) throw new Error('the config template still names port ' + p + '; its layout changed');
fs.writeFileSync(out, y);
EOF
  # Dynamic config: what the CLI dev server sets for a development cluster, so the same code runs
  # on both (updates, search attributes readable right after registration, namespaces seen quickly).
  cat >"$CLUSTER_DIR/dynamicconfig.yaml" <<EOF
limit.maxIDLength:
  - value: 255
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
frontend.enableUpdateWorkflowExecution:
  - value: true
frontend.enableUpdateWorkflowExecutionAsyncAccepted:
  - value: true
system.namespaceCacheRefreshInterval:
  - value: 2s
frontend.namespaceRPS:
  - value: 10000
frontend.namespaceCount:
  - value: 10000
EOF
}

start_service() {
  local svc=$1 log=$CLUSTER_DIR/$1.log
  if alive "$svc"; then
    say "$svc already running (pid $(cat "$(pid_file "$svc")"))"
    return
  fi
  if port_open "$(grpc_port "$svc")"; then die "port $(grpc_port "$svc") for the $svc service is taken by another program; set TEMPORAL_CLUSTER_PORT"; fi
  # setsid: the service outlives this script and its terminal; `down` stops it by its pid.
  setsid "$SERVER" --config-file "$CLUSTER_DIR/config.yaml" --allow-no-auth start --service "$svc" >>"$log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$svc")"
  say "Started $svc (pid $!, gRPC port $(grpc_port "$svc"), log ${log#"$ROOT"/})"
}

frontend_answers() { "$(temporal_cli)" operator cluster health --address "$ADDRESS" >/dev/null 2>&1; }

up() {
  mkdir -p "$CLUSTER_DIR"
  install_server
  local mod
  mod=$(module_dir)
  if [ -n "${TEMPORAL_CLUSTER_PG_URL:-}" ]; then
    parse_pg_url "$TEMPORAL_CLUSTER_PG_URL"
  else
    parse_pg_url "$(bash scripts/postgres.sh | tail -1)"
  fi
  command -v psql >/dev/null 2>&1 || die "psql is needed (the postgresql-client package)"
  psql_admin "$PG_ADMIN_DB" "select 1" >/dev/null 2>&1 || die "PostgreSQL at $PG_HOST:$PG_PORT does not accept $PG_USER"
  export PG_USER PG_PASSWORD
  setup_schema "$DB_PREFIX" "$mod/schema/postgresql/v12/temporal/versioned"
  setup_schema "${DB_PREFIX}_visibility" "$mod/schema/postgresql/v12/visibility/versioned"
  write_config "$mod/config/development-postgres12.yaml"
  for svc in "${SERVICES[@]}"; do start_service "$svc"; done
  say "Waiting for the frontend at $ADDRESS"
  local i
  for i in $(seq 1 120); do
    frontend_answers && break
    for svc in "${SERVICES[@]}"; do
      alive "$svc" || die "the $svc service exited; last lines of $CLUSTER_DIR/$svc.log:
$(tail -20 "$CLUSTER_DIR/$svc.log")"
    done
    [ "$i" = 120 ] && die "the frontend did not answer within 120 s; see the logs in $CLUSTER_DIR"
    sleep 1
  done
  local cli
  cli=$(temporal_cli)
  if ! "$cli" operator namespace describe --address "$ADDRESS" -n "$NAMESPACE" >/dev/null 2>&1; then
    say "Creating namespace $NAMESPACE"
    "$cli" operator namespace create --address "$ADDRESS" -n "$NAMESPACE" --retention 72h >/dev/null
  fi
  # A new namespace reaches history and matching through their namespace caches: wait until a
  # workflow call in it is accepted by the whole cluster.
  for i in $(seq 1 60); do
    "$cli" workflow list --address "$ADDRESS" -n "$NAMESPACE" --limit 1 >/dev/null 2>&1 && break
    [ "$i" = 60 ] && die "namespace $NAMESPACE was not usable within 60 s"
    sleep 1
  done
  TEMPORAL_ADDRESS=$ADDRESS TEMPORAL_NAMESPACE=$NAMESPACE npx tsx scripts/register-search-attributes.ts >&2 ||
    die "registering the search attributes failed"
  say "Temporal cluster is up: TEMPORAL_ADDRESS=$ADDRESS TEMPORAL_NAMESPACE=$NAMESPACE"
  echo "$ADDRESS"
}

down() {
  local any=
  for svc in "${SERVICES[@]}"; do
    local f
    f=$(pid_file "$svc")
    if alive "$svc"; then
      local pid
      pid=$(cat "$f")
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        say "Killed $svc (pid $pid; it did not stop within 10 s)"
      else
        say "Stopped $svc (pid $pid)"
      fi
      any=1
    fi
    rm -f "$f"
  done
  [ -n "$any" ] || say "No cluster service was running"
}

status() {
  local running=0
  for svc in "${SERVICES[@]}"; do
    if alive "$svc"; then
      echo "$svc: running (pid $(cat "$(pid_file "$svc")"), gRPC port $(grpc_port "$svc"))"
      running=$((running + 1))
    else
      echo "$svc: stopped"
    fi
  done
  if ((running > 0)) && frontend_answers; then
    echo "frontend answers at $ADDRESS (namespace $NAMESPACE)"
  elif ((running > 0)); then
    echo "frontend does not answer at $ADDRESS"
  fi
  ((running == ${#SERVICES[@]}))
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) die "usage: bash scripts/cluster.sh up|down|status" ;;
esac
