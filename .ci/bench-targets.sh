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

TARGETS=${TARGETS:-"poll phones answers burst crowd cache gobench"}
CACHE_PHONES=${CACHE_PHONES:-20000}
CACHE_DURATION=${CACHE_DURATION:-60s}
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
CACHE_ADDR=127.0.0.1:18088
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
      ./bin/cajaload -url "$URL" phones -join=false -n 10000 -interval 2s -duration 60s -conns "$conns" | tee -a "$OUT" || true
      # The floor: plain net/http answering from memory, same machine, same run.
      ./bin/cajaload reference -addr "$REF_ADDR" >/dev/null 2>&1 &
      ref_pid=$!
      sleep 0.5
      log "reference (plain net/http from memory), $how"
      max_rss "$ref_pid" & sampler=$!
      ./bin/cajaload -url "http://$REF_ADDR" phones -join=false -n 10000 -interval 2s -duration 60s -conns "$conns" | tee -a "$OUT" || true
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
    # Issue 13's two runs: 4,000 phones 64 at a time, then 20,000 phones 128
    # at a time (group commit writes what arrives together, and a real
    # burst has hundreds of phones in flight). Joins are group-committed
    # too and measured against the same reference.
    for run in "4000 64" "20000 128"; do
      set -- $run
      log "targets 3 and 4: $1 participants join, then each answers a poll once over HTTP, $2 at a time"
      ./bin/cajaload -url "$URL" votes -n "$1" -c "$2" | tee -a "$OUT" || true
      aps=$(grep -Eo 'answers/s +[0-9]+' "$OUT" | tail -1 | awk '{print $2}')
      jps=$(grep -Eo 'joins/s +[0-9]+' "$OUT" | tail -1 | awk '{print $2}')
      [ -n "$tps" ] && [ -n "$aps" ] && log "answers/s over pgbench INSERTs/s, -n $1 -c $2: $(awk -v a="$aps" -v t="$tps" 'BEGIN {printf "%.2f", a/t}') (target >= 0.5)"
      [ -n "$tps" ] && [ -n "$jps" ] && log "joins/s over pgbench INSERTs/s, -n $1 -c $2: $(awk -v a="$jps" -v t="$tps" 'BEGIN {printf "%.2f", a/t}') (target >= 0.3)"
    done
    ;;
  burst)
    log "burst: a quiz question, 5,000 participants answer within 3 s"
    ./bin/cajaload -url "$URL" burst -n 5000 -window 3s -c 128 | tee -a "$OUT" || true
    ;;
  crowd)
    stop_server; start_server
    log "target 5: 50,000 phones (sharing 4,000 connections: one address has too few ports for one each) for 90 s"
    ./bin/cajaload -url "$URL" phones -join=false -n 50000 -conns 4000 -interval 2s -duration 90s | tee -a "$OUT" || true
    ;;
  cache)
    # Target 6: the read path through a shared cache. nginx honours Caja's
    # headers and nothing else (no Cache-Control override); phones go through
    # it (-via), the organizer's changes and /metrics go to the server.
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || bash .ci/services.sh
    NGINX=$(command -v nginx || echo /usr/sbin/nginx)
    ndir=$(mktemp -d)
    cat >"$ndir/nginx.conf" <<NGINX
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
worker_processes 2;
daemon off;
pid $ndir/nginx.pid;
error_log $ndir/error.log warn;
worker_rlimit_nofile 65536;
events { worker_connections 32768; }
http {
    access_log off;
    client_body_temp_path $ndir/client_body;
    proxy_temp_path $ndir/proxy_temp;
    fastcgi_temp_path $ndir/fastcgi_temp;
    uwsgi_temp_path $ndir/uwsgi_temp;
    scgi_temp_path $ndir/scgi_temp;
    proxy_cache_path $ndir/cache levels=1:2 keys_zone=caja:10m max_size=256m inactive=10m use_temp_path=off;
    upstream caja { server $ADDR; keepalive 64; }
    server {
        listen $CACHE_ADDR;
        location / {
            proxy_pass http://caja;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_cache caja;
            proxy_cache_revalidate on;
            proxy_cache_lock on;
            proxy_cache_use_stale updating;
            proxy_cache_bypass \$http_authorization;
            add_header X-Cache-Status \$upstream_cache_status always;
        }
    }
}
NGINX
    "$NGINX" -p "$ndir" -c "$ndir/nginx.conf" -e "$ndir/error.log" &
    nginx_pid=$!
    sleep 1
    stop_server; start_server
    log "target 6: $CACHE_PHONES phones (joined, /me as the web app) every 2 s for $CACHE_DURATION through nginx, sharing 2,000 connections"
    ./bin/cajaload -url "$URL" phones -via "http://$CACHE_ADDR" -n "$CACHE_PHONES" -conns 2000 -interval 2s -duration "$CACHE_DURATION" | tee -a "$OUT" || true
    kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true
    rm -rf "$ndir"
    stop_server; start_server
    log "target 6 reference: the same $CACHE_PHONES phones straight to the server, sharing 2,000 connections"
    ./bin/cajaload -url "$URL" phones -n "$CACHE_PHONES" -conns 2000 -interval 2s -duration "$CACHE_DURATION" | tee -a "$OUT" || true
    # What the origin still serves per phone behind a cache: /me, fetched when
    # me_marker moves (every phone at once after a reveal). One participant's
    # /me with its token, wrk, 100 connections: the capacity figure of the
    # sizing in BENCHMARKS.md.
    json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
    me_sid=$(curl -fs -X POST "$URL/api/v1/sessions" -H 'Content-Type: application/json' -d '{"name":"me","admin_id":"bench"}' | json id)
    me_tok=$(curl -fs -X POST "$URL/api/v1/sessions/$me_sid/participants" -H 'Content-Type: application/json' -d '{"nickname":"bench"}' | json token)
    for _ in $(seq 1 50); do curl -fs -o /dev/null -H "Authorization: Bearer $me_tok" "$URL/api/v1/sessions/$me_sid/participants/me" && break; sleep 0.1; done
    log "target 6: GET /participants/me, wrk 100 connections, 10 s (what a reveal costs the origin per phone)"
    wrk -t2 -c100 -d10s -H "Authorization: Bearer $me_tok" -H "Accept-Encoding: gzip" "$URL/api/v1/sessions/$me_sid/participants/me" 2>&1 | grep -E "Requests/sec|Latency|Non-2xx" | tee -a "$OUT" || true
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
