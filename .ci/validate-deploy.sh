#!/usr/bin/env bash
# Validates the deployment files without a Docker engine or a Terraform binary:
#   - docker-compose.yml with Debian's docker-compose (v1) `config`,
#     reading .env.example as the compose file does;
#   - both GitHub workflows with actionlint (shellcheck on their run: scripts
#     when shellcheck is installed).
# The Terraform is checked by the Go test in deploy/terraform (go test ./...).
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT_VERSION=${ACTIONLINT_VERSION:-v1.7.12}

log() { echo "validate-deploy: $*" >&2; }

apt_install() {
  if ! command -v apt-get >/dev/null; then
    log "cannot install $* (no apt-get)"
    exit 1
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null
}

# --- docker-compose.yml ---------------------------------------------------------
if ! command -v docker-compose >/dev/null; then
  log "installing docker-compose (Debian package)"
  apt_install docker-compose
fi
test -f .env.example || { log ".env.example is missing (docker-compose.yml reads it)"; exit 1; }
# --env-file: interpolation reads .env.example too, never a developer's own .env.
docker-compose --env-file .env.example -f docker-compose.yml config -q
log "docker-compose.yml: valid ($(docker-compose version --short))"

# --- Grafana dashboard ------------------------------------------------------------
if command -v python3 >/dev/null; then
  python3 - deploy/grafana/caja-dashboard.json <<'PY'
import json, sys
path = sys.argv[1]
d = json.load(open(path))
assert d.get("uid") and d.get("title"), "dashboard needs uid and title"
names = [v["name"] for v in d["templating"]["list"]]
assert "datasource" in names, "dashboard needs a datasource variable"
ids = [p["id"] for p in d["panels"]]
assert len(ids) == len(set(ids)), "duplicate panel ids"
for p in d["panels"]:
    if p["type"] == "row":
        continue
    assert p["datasource"]["uid"] == "${datasource}", p["title"] + ": not on the datasource variable"
    assert p["targets"] and all(t.get("expr") for t in p["targets"]), p["title"] + ": no query"
print("validate-deploy: %s: %d panels" % (path, len(ids)), file=sys.stderr)
PY
else
  log "python3 not installed: skipping the dashboard check"
fi

# --- GitHub workflows -------------------------------------------------------------
shellcheck_flag=()
if ! command -v shellcheck >/dev/null; then
  log "shellcheck not installed: linting workflows without it"
  shellcheck_flag=(-shellcheck=)
fi
go run "github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}" \
  "${shellcheck_flag[@]}" \
  .github/workflows/ci.yml .github/workflows/deploy.yml
log "workflows: actionlint ${ACTIONLINT_VERSION} clean"
