# Bike-demand monitoring stack. `make` starts everything with Docker; `make test` checks everything without it.
.DEFAULT_GOAL := all
SHELL := /bin/bash

NPM_STAMP := node_modules/.install-stamp

.PHONY: all test deps typecheck lint unit

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
