#!/usr/bin/env bash
# bench/sync_load on PostgreSQL and SQLite in one run, with pgbench's one-row insert beside it
# (docs/performance.md). A throw-away cluster (scripts/pg-test-cluster), a fresh database per run.
# usage: bench/sync_load/pg_compare.sh BUILD TERMINALS SECONDS [SERVER_BIN...]
#   TERMINALS 0: only the ceiling runs.
#   SERVER_BIN: the servers to measure on PostgreSQL (default BUILD/sync/reception-server), e.g.
#   an older build's beside this one's; SQLite and the ceiling are measured with the first.
#   CEILING_CLIENTS (default "8 64 256"): the client counts of the ceiling runs, each set beside
#   pgbench at the same count: pushes/s ÷ pgbench tps.
set -euo pipefail
build=${1:?BUILD}
terminals=${2:-1000}
seconds=${3:-30}
shift 3 || true
servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=("$build/sync/reception-server")
servers_load=("${servers[@]}")
root=$(cd "$(dirname "$0")/../.." && pwd)
cluster=/tmp/reception-pg-bench-$$
bin=/usr/lib/postgresql/15/bin
as=()
if [ "$(id -u)" -eq 0 ]; then as=(runuser -u nobody --); fi
"$root/scripts/pg-test-cluster" start "$cluster" 5433 >/dev/null
trap '"$root/scripts/pg-test-cluster" stop "$cluster"' EXIT
conn="host=$cluster port=5433 user=reception"

# A server that has run a while reuses its WAL files; a new cluster creates and zero-fills a
# 16 MB file every few seconds under this load, and each creation held the commits for 100 ms
# or more (14 commits over 100 ms in 30 s against 0 to 2 on a cluster that had run before). So
# the cluster is run in first: 1 GB of WAL files made and kept (min_wal_size) before measuring.
psql -q "$conn dbname=postgres" -c "ALTER SYSTEM SET min_wal_size = '1GB'" -c "SELECT pg_reload_conf()" >/dev/null
psql -q "$conn dbname=postgres" -c "CREATE TABLE warm(x int)"
for _ in $(seq 1 70); do echo "INSERT INTO warm VALUES (1); SELECT pg_switch_wal();"; done |
  psql -q "$conn dbname=postgres" >/dev/null
psql -q "$conn dbname=postgres" -c "DROP TABLE warm" -c "CHECKPOINT"
echo "== cluster run in: $(ls "$cluster/data/pg_wal" | grep -c '^0') WAL files"

n=0
[ "$terminals" -gt 0 ] || servers_load=() # TERMINALS 0: the ceiling runs only
for server in "${servers_load[@]}"; do
  n=$((n + 1))
  psql -q "$conn dbname=postgres" -c "CREATE DATABASE bench$n"
  echo "== PostgreSQL: $server"
  RECEPTION_BENCH_DB="$conn dbname=bench$n" "$build/bench/sync_load" "$server" "$terminals" "$seconds" 0
done
if [ "$terminals" -gt 0 ]; then
  echo "== SQLite: ${servers[0]}"
  "$build/bench/sync_load" "${servers[0]}" "$terminals" "$seconds" 0
fi

psql -q "$conn dbname=postgres" -c "CREATE DATABASE pgb"
psql -q "$conn dbname=pgb" -c "CREATE TABLE t(id bigserial PRIMARY KEY, v text)"
printf "INSERT INTO t(v) VALUES ('x');\n" > "$cluster/insert.sql"
chmod 0644 "$cluster/insert.sql"
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
hz=$(getconf CLK_TCK)
out="$cluster/run.txt"
summary=()
for clients in ${CEILING_CLIENTS:-8 64 256}; do
  n=$((n + 1))
  psql -q "$conn dbname=postgres" -c "CREATE DATABASE bench$n"
  echo "== ceiling, PostgreSQL, $clients clients"
  RECEPTION_BENCH_DB="$conn dbname=bench$n" "$build/bench/sync_load" "${servers[0]}" ceiling "$clients" 20 >"$out"
  cat "$out"
  pg=$(awk '/^ceiling:/ {print $2}' "$out")
  pg_cpu=$(awk '/CPU per request/ {print $(NF-5)}' "$out")
  echo "== ceiling, SQLite, $clients clients"
  "$build/bench/sync_load" "${servers[0]}" ceiling "$clients" 20 >"$out"
  cat "$out"
  lite=$(awk '/^ceiling:/ {print $2}' "$out")
  echo "== pgbench, one-row insert, $clients clients"
  b0=$(busy_ticks)
  "${as[@]}" "$bin/pgbench" -h "$cluster" -p 5433 -U reception -n -c "$clients" -j 2 -T 15 \
    -f "$cluster/insert.sql" pgb >"$out" 2>&1
  b1=$(busy_ticks)
  grep -E "processed|latency average|tps" "$out"
  tps=$(awk '/^tps/ {printf "%d", $3}' "$out")
  txs=$(awk '/actually processed/ {print $NF}' "$out")
  # The whole machine's CPU per transaction, pgbench's own client included.
  tx_cpu=$(awk -v b="$((b1 - b0))" -v hz="$hz" -v n="${txs:-0}" 'BEGIN {printf "%.3f", (n > 0 ? 1000 * b / hz / n : 0)}')
  summary+=("$(awk -v c="$clients" -v pg="${pg:-0}" -v lite="${lite:-0}" -v tps="${tps:-0}" \
    -v pc="${pg_cpu:-0}" -v tc="$tx_cpu" 'BEGIN {
    printf "%4d clients: PostgreSQL %d pushes/s (%.3f ms CPU each), SQLite %d pushes/s, pgbench %d tps (%.3f ms CPU each); PostgreSQL / pgbench = %.2f, SQLite / pgbench = %.2f",
      c, pg, pc, lite, tps, tc, (tps > 0 ? pg / tps : 0), (tps > 0 ? lite / tps : 0) }')")
done
echo "== ceiling (pushes back to back, one new ticket each) against pgbench's one-row insert"
printf '%s\n' "${summary[@]}"
