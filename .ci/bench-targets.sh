#!/usr/bin/env bash
# Measures Caja's throughput targets on this machine, each next to its
# reference measured in the same run (absolute numbers drift on a shared
# machine; ratios much less). Writes everything it prints to
# bench-results.txt; BENCHMARKS.md records a run.
#
#   bash .ci/bench-targets.sh            # all targets (about 8 minutes)
#   TARGETS="poll answers" bash .ci/bench-targets.sh
#
# Needs Postgres and Redis (as the tests do), wrk and pgbench (installed with
# apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=${TARGETS:-"poll phones answers burst crowd gobench"}
PG_ADMIN=${CAJA_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
REDIS_URL=${CAJA_TEST_REDIS_URL:-redis://127.0.0.1:6379/0}
ADDR=127.0.0.1:18080
URL=http://$ADDR
OUT=bench-results.txt
RUN=bench_$(date +%s)_$$
DB_URL=${PG_ADMIN%/*}/$RUN?sslmode=disable
PREFIX="$RUN:"
# cajaload reads the same variable to scrape the projector lag from /metrics.
export CAJA_METRICS_TOKEN=${CAJA_METRICS_TOKEN:-$RUN}

log() { echo "== $*" | tee -a "$OUT" >&2; }

bash .ci/services.sh
for tool in wrk pgbench; do
  if ! command -v "$tool" >/dev/null; then
    pkg=$tool; [ "$tool" = pgbench ] && pkg=postgresql-contrib
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq "$pkg" >/dev/null
  fi
done
# Each simulated phone holds a connection, like a real one.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

: >"$OUT"
log "Caja throughput targets, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+dirty')"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), $(psql --version | cut -d' ' -f3- ), $(redis-server --version | cut -d' ' -f3)"

go build -trimpath -o bin/caja ./cmd/caja
go build -trimpath -o bin/cajaload ./cmd/cajaload

psql -q "$PG_ADMIN" -c "CREATE DATABASE $RUN" -c "CREATE DATABASE ${RUN}_pgbench"
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $RUN" -c "DROP DATABASE IF EXISTS ${RUN}_pgbench" || true
  redis-cli -u "$REDIS_URL" --scan --pattern "$PREFIX*" | xargs -r -n 500 redis-cli -u "$REDIS_URL" del >/dev/null || true
}
trap cleanup EXIT

start_server() {
  # Every simulated phone comes from 127.0.0.1: the per-address join limit
  # would only measure throttling.
  env DATABASE_URL="$DB_URL" REDIS_URL="$REDIS_URL" CAJA_REDIS_PREFIX="$PREFIX" CAJA_ADDR="$ADDR" \
    CAJA_JOIN_RATE=0 CAJA_METRICS_TOKEN="$CAJA_METRICS_TOKEN" CAJA_LOG_LEVEL=warn "$@" ./bin/caja serve >>bench-server.log 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -fs "$URL/readyz" >/dev/null && return; sleep 0.1; done
  echo "server did not start; see bench-server.log" >&2; exit 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=; }
REF_ADDR=127.0.0.1:18090
# max_rss PID: the largest RSS (MB) of PID, written to /tmp/$RUN.rss until killed.
max_rss() {
  local max=0 rss
  trap 'echo "$max" >"/tmp/$RUN.rss"; exit 0' TERM
  while :; do
    rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo 0)
    [ "$rss" -gt "$max" ] && max=$rss
    echo "$max" >"/tmp/$RUN.rss"
    sleep 1
  done
}
: >bench-server.log
start_server

for target in $TARGETS; do
  case $target in
  poll)
    log "target 1: the polling endpoint against naive gin handlers on the same Redis (wrk, 100 connections)"
    ./bin/cajaload -url "$URL" compare -redis "$REDIS_URL" -prefix "$PREFIX" -c 100 -d 10s -rounds 3 | tee -a "$OUT"
    ;;
  phones)
    # Both servers with the soft memory limit Caja gives itself in a
    # container of ~280 MB (90 %; see README "Memory"): without one, Go's
    # heap grows to twice the live set of 10,000 connections before a
    # collection.
    export GOMEMLIMIT=${PHONES_GOMEMLIMIT:-250MiB}
    for conns in 1000 0; do
      how="each phone on its own connection"
      [ "$conns" -gt 0 ] && how="sharing $conns connections, as behind a load balancer"
      # Fresh processes, so that each run's memory is its own.
      stop_server; start_server
      log "target 2: 10,000 phones polling every 2 s for 60 s, $how, GOMEMLIMIT=$GOMEMLIMIT"
      ./bin/cajaload -url "$URL" phones -n 10000 -interval 2s -duration 60s -conns "$conns" | tee -a "$OUT" || true
      # The floor: plain net/http answering from memory, same machine, same run.
      ./bin/cajaload reference -addr "$REF_ADDR" >/dev/null 2>&1 &
      ref_pid=$!
      sleep 0.5
      log "reference (plain net/http from memory), $how"
      max_rss "$ref_pid" & sampler=$!
      ./bin/cajaload -url "http://$REF_ADDR" phones -n 10000 -interval 2s -duration 60s -conns "$conns" | tee -a "$OUT" || true
      kill "$sampler"; wait "$sampler" 2>/dev/null || true
      log "reference RSS max $(cat "/tmp/$RUN.rss") MB"
      kill "$ref_pid"; wait "$ref_pid" 2>/dev/null || true
    done
    unset GOMEMLIMIT
    stop_server; start_server
    ;;
  answers)
    log "target 3 reference: pgbench, single-row INSERT, -c 32 -j 2, 15 s"
    psql -q "${PG_ADMIN%/*}/${RUN}_pgbench" -c "CREATE TABLE answers (id bigserial PRIMARY KEY, session_id uuid, participant_id uuid, option_id uuid, created_at timestamptz DEFAULT now())"
    echo "INSERT INTO answers (session_id, participant_id, option_id) VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid());" >"/tmp/$RUN.sql"
    pgbench -n -c 32 -j 2 -T 15 -f "/tmp/$RUN.sql" "${PG_ADMIN%/*}/${RUN}_pgbench" 2>&1 | grep -E "tps|latency average" | tee -a "$OUT"
    tps=$(grep -Eo 'tps = [0-9.]+' "$OUT" | tail -1 | cut -d' ' -f3)
    # 64 phones in flight, as recorded since the first run; then 128, since
    # group commit writes what arrives together and a real burst has
    # hundreds of phones in flight.
    for c in 64 128; do
      log "targets 3 and 4: 20,000 participants join, then each answers a poll once over HTTP, $c at a time"
      ./bin/cajaload -url "$URL" votes -n 20000 -c "$c" | tee -a "$OUT" || true
      aps=$(grep -Eo 'answers/s +[0-9]+' "$OUT" | tail -1 | awk '{print $2}')
      [ -n "$tps" ] && [ -n "$aps" ] && log "answers/s over pgbench INSERTs/s, $c at a time: $(awk -v a="$aps" -v t="$tps" 'BEGIN {printf "%.2f", a/t}') (target >= 0.35)"
    done
    ;;
  burst)
    log "burst: a quiz question, 5,000 participants answer within 3 s"
    ./bin/cajaload -url "$URL" burst -n 5000 -window 3s -c 128 | tee -a "$OUT" || true
    ;;
  crowd)
    stop_server; start_server
    log "target 5: 50,000 phones (sharing 4,000 connections: one address has too few ports for one each) for 90 s"
    ./bin/cajaload -url "$URL" phones -n 50000 -conns 4000 -interval 2s -duration 90s | tee -a "$OUT" || true
    ;;
  gobench)
    stop_server
    log "Go benchmarks (real Postgres and Redis)"
    go test -run '^$' -bench 'BenchmarkState|BenchmarkSubmitResponse|BenchmarkProjector' -benchmem -benchtime 2s \
      ./transport/httpapi ./commands ./readmodel 2>&1 | grep -E '^(Benchmark|ok|FAIL)' | tee -a "$OUT"
    start_server
    ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
  esac
done
log "done; the server's log is bench-server.log"
