#!/usr/bin/env bash
# Installs (Debian package) and starts a local PostgreSQL for the PostgreSQL test run, then prints
# the admin URL. Idempotent: an already running cluster is reused.
set -euo pipefail
PG_PASSWORD=${PG_PASSWORD:-postgres}
# The server binary, not just the client, decides whether PostgreSQL is installed.
if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "Installing PostgreSQL from Debian packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version=$(ls -d /usr/lib/postgresql/*/bin/postgres | cut -d/ -f5 | sort -n | tail -1)
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main"' | grep -q .; then
  pg_createcluster "$version" main >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  echo "Starting PostgreSQL $version on port $port..." >&2
  pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $port -qc \"ALTER USER postgres PASSWORD '$PG_PASSWORD'\"" >/dev/null
echo "postgresql://postgres:$PG_PASSWORD@127.0.0.1:$port/postgres"
