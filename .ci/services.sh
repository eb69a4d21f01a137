#!/usr/bin/env bash
# Makes sure the Postgres and Redis that the tests use are up: checks them,
# starts them when installed but stopped, installs them (Debian packages)
# when missing. CAJA_TEST_DATABASE_URL / CAJA_TEST_REDIS_URL point elsewhere
# (e.g. CI service containers); then this only waits for them.
set -euo pipefail

PG_URL=${CAJA_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
REDIS_URL=${CAJA_TEST_REDIS_URL:-redis://127.0.0.1:6379/0}

log() { echo "services: $*" >&2; }

apt_install() {
  if ! command -v apt-get >/dev/null; then
    log "cannot install $* (no apt-get); install it and re-run"; exit 1
  fi
  log "installing $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "$@" >/dev/null
}

pg_up() { pg_isready -q -d "$PG_URL" 2>/dev/null; }
redis_up() { redis-cli -u "$REDIS_URL" ping 2>/dev/null | grep -q PONG; }

wait_for() { # name, check function
  for _ in $(seq 1 60); do "$2" && return 0; sleep 0.5; done
  log "$1 did not come up"; exit 1
}

# redis-sentinel: the Sentinel tests start their own sentinels.
if ! command -v pg_isready >/dev/null || ! command -v redis-cli >/dev/null || ! command -v redis-server >/dev/null || ! command -v redis-sentinel >/dev/null; then
  missing=()
  command -v pg_isready >/dev/null || missing+=(postgresql postgresql-client)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v redis-cli >/dev/null || missing+=(redis-tools)
  command -v redis-sentinel >/dev/null || missing+=(redis-sentinel)
  apt_install "${missing[@]}"
fi

if ! pg_up; then
  if [ -n "${CAJA_TEST_DATABASE_URL:-}" ]; then
    wait_for Postgres pg_up
  else
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql; fi
    ver=$(ls /etc/postgresql | sort -V | tail -1)
    log "starting Postgres $ver"
    # Tests connect as postgres over TCP without a password, as on the
    # development machines.
    hba=/etc/postgresql/$ver/main/pg_hba.conf
    if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
      sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    fi
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
    wait_for Postgres pg_up
  fi
fi

if ! redis_up; then
  if [ -n "${CAJA_TEST_REDIS_URL:-}" ]; then
    wait_for Redis redis_up
  else
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_for Redis redis_up
  fi
fi
log "Postgres and Redis are up"

# nginx is the shared cache the read-path test (cmd/caja/nginx_cache_test.go)
# puts in front of Caja; the test starts and stops it itself.
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  apt_install nginx-light
fi
