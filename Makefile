# Bike-demand monitoring stack. `make` starts everything with Docker; `make test` checks everything without it.
.DEFAULT_GOAL := all
SHELL := /bin/bash

NPM_STAMP := node_modules/.install-stamp

.PHONY: all test deps typecheck lint unit
.PHONY: local local-stop local-status

## deps: install npm dependencies when missing or older than the lockfile
deps: $(NPM_STAMP)
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## test: type-check, lint and run every test (no Docker needed)
test: deps
	npm run --silent typecheck
	npm run --silent lint
	npm test

# Stack without Docker (docs/local.md): src/local/cli.ts, ports from LOCAL_API_PORT,
# LOCAL_PROMETHEUS_PORT and LOCAL_NODE_EXPORTER_PORT (defaults 8080, 9090, 9100).
LOCAL_STACK = node --import tsx src/local/cli.ts

## local: without Docker: run bike-api, node-exporter and Prometheus in the background (.local/)
local: deps
	@$(LOCAL_STACK) start

## local-stop: stop the processes that make local started
local-stop: deps
	@$(LOCAL_STACK) stop

## local-status: show whether the processes of make local run, with their URLs
local-status: deps
	@$(LOCAL_STACK) status
