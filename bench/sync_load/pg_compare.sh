#!/usr/bin/env bash
# bench/sync_load on PostgreSQL and SQLite in one run, with pgbench's one-row insert beside it
# (docs/performance.md). A throw-away cluster (scripts/pg-test-cluster), a fresh database per run.
# usage: bench/sync_load/pg_compare.sh BUILD TERMINALS SECONDS [SERVER_BIN...]
#   SERVER_BIN: the servers to measure on PostgreSQL (default BUILD/sync/reception-server), e.g.
#   an older build's beside this one's; SQLite is measured with the first.
set -euo pipefail
build=${1:?BUILD}
terminals=${2:-1000}
seconds=${3:-30}
shift 3 || true
servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=("$build/sync/reception-server")
root=$(cd "$(dirname "$0")/../.." && pwd)
cluster=/tmp/reception-pg-bench-$$
bin=/usr/lib/postgresql/15/bin
as=()
if [ "$(id -u)" -eq 0 ]; then as=(runuser -u nobody --); fi
"$root/scripts/pg-test-cluster" start "$cluster" 5433 >/dev/null
trap '"$root/scripts/pg-test-cluster" stop "$cluster"' EXIT
conn="host=$cluster port=5433 user=reception"
n=0
for server in "${servers[@]}"; do
  n=$((n + 1))
  psql -q "$conn dbname=postgres" -c "CREATE DATABASE bench$n"
  echo "== PostgreSQL: $server"
  RECEPTION_BENCH_DB="$conn dbname=bench$n" "$build/bench/sync_load" "$server" "$terminals" "$seconds" 0
done
echo "== SQLite: ${servers[0]}"
"$build/bench/sync_load" "${servers[0]}" "$terminals" "$seconds" 0
psql -q "$conn dbname=postgres" -c "CREATE DATABASE pgb" \
  -c "" >/dev/null
psql -q "$conn dbname=pgb" -c "CREATE TABLE t(id bigserial PRIMARY KEY, v text)"
printf "INSERT INTO t(v) VALUES ('x');\n" > "$cluster/insert.sql"
chmod 0644 "$cluster/insert.sql"
for clients in 1 8 64; do
  echo "== pgbench, one-row insert, $clients clients"
  "${as[@]}" "$bin/pgbench" -h "$cluster" -p 5433 -U reception -n -c "$clients" -j 2 -T 15 \
    -f "$cluster/insert.sql" pgb 2>&1 | grep -E "tps|latency average"
done
