# Caja: `make run` starts the server (embedded SQLite + in-process Redis unless
# DATABASE_URL / REDIS_URL are set); `make test` runs every test.
SHELL := bash
.DEFAULT_GOAL := run

GO        ?= go
WEB_SRC   := $(shell find web/src web/index.html web/vite.config.ts web/package.json web/package-lock.json web/tsconfig*.json -type f 2>/dev/null)
FUZZTIME  ?= 10000x

.PHONY: run build web test test-go test-web test-e2e screenshots lint fuzz services validate-deploy bench bench-targets clean

## run: build the web app if it is missing or stale, then serve on :8080
run: web
	$(GO) run ./cmd/caja serve

## build: the caja and cajaload binaries in bin/
build: web
	$(GO) build -trimpath -o bin/caja ./cmd/caja
	$(GO) build -trimpath -o bin/cajaload ./cmd/cajaload

# The web build is embedded by `go build`; rebuild it when its sources change.
web: web/dist/index.html
web/dist/index.html: $(WEB_SRC)
	cd web && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run build

## test: every test — Go (race detector, real Postgres and Redis), web unit, browser end to end, deploy files
test: services lint test-go fuzz test-web test-e2e validate-deploy

services:
	@bash .ci/services.sh

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './web/node_modules/*')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

test-go:
	$(GO) test -race -count=1 -timeout 30m ./...

## fuzz: a short run of every fuzz target (FUZZTIME each). A count, not a duration:
## Go 1.26's coordinator can fail a clean duration-bound run with "context deadline
## exceeded" at the deadline (go.dev/issue/75804, fixed in Go 1.27).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

test-web:
	cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm test

test-e2e: web
	@command -v chromium >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
	$(GO) build -o bin/caja ./cmd/caja
	cd web && npm run e2e

validate-deploy:
	bash .ci/validate-deploy.sh

## bench: the Go benchmarks
bench: services
	$(GO) test -run '^$$' -bench . -benchmem ./...

## bench-targets: the throughput targets of BENCHMARKS.md, each next to its reference (about 8 minutes)
bench-targets:
	bash .ci/bench-targets.sh

clean:
	rm -rf bin data web/dist/assets web/dist/index.html

## screenshots: the browser test, writing its screenshots to web/e2e/screenshots/ (the ones README links)
## instead of the ignored web/e2e/output/ of every `make test`
screenshots: web
	command -v chromium >/dev/null || { echo "chromium is missing: apt-get install -y chromium"; exit 1; }
	$(GO) build -o bin/caja ./cmd/caja && cd web && E2E_SCREENSHOTS=1 npm run e2e
