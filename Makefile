# Bike-demand monitoring stack. `make` starts everything with Docker, or without it (make local) when no
# Docker engine answers; `make test` checks everything without Docker.
.DEFAULT_GOAL := all
SHELL := /bin/bash

NPM_STAMP := node_modules/.install-stamp
PYTHON_TOOLS_STAMP := .venv/.install-stamp
ORACLE_STAMP := .venv/.oracle-stamp
# Node 24 comes from the npm registry's `node` package, a pinned devDependency: once `make deps` has
# installed it, node_modules/.bin goes first on PATH, so every recipe (and npm itself) runs on it,
# whatever the system Node is. The system Node is only used for the first `npm ci`.
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)

# Docker stack (docs/docker.md). `docker compose` (v2 plugin) when it answers, else the standalone
# `docker-compose`: detected once per make run; override with make COMPOSE="...".
ifeq ($(origin COMPOSE),undefined)
COMPOSE := $(shell docker compose version >/dev/null 2>&1 && echo "docker compose" || echo docker-compose)
endif
# The one-shot clients (evaluation, traffic, fire-alert) live under this compose profile.
CLIENTS = $(COMPOSE) --profile evaluation
# A Docker engine answers: a `docker` client alone (no daemon, or no permission on its socket) is not one.
DOCKER_ENGINE_ANSWERS = docker info >/dev/null 2>&1
# What `make` waits for, and for how long at most: the first start downloads the dataset and trains.
HEALTHY_SERVICES := bike-api prometheus alertmanager grafana
WAIT_SECONDS ?= 300
WAIT_POLL_SECONDS ?= 3
# Extra arguments of the clients, e.g. make evaluation EVALUATION_ARGS="--period week2_february".
EVALUATION_ARGS ?=
TRAFFIC_ARGS ?=
FIRE_ALERT_ARGS ?=
# make logs SERVICE=bike-api: one service only.
SERVICE ?=
ARCHIVE ?= bike-demand-monitoring.tar.gz
# make report: where the newest evaluation's HTML report is saved.
REPORT_FILE ?= latest-report.html

# The secrets `make` generates, kept out of git: the Grafana admin password (docker-compose.yml
# mounts it as a Compose secret). Exported: compose reads the same place.
export SECRETS_DIR ?= $(CURDIR)/.secrets
GRAFANA_PASSWORD_FILE = $(SECRETS_DIR)/grafana-admin-password

.PHONY: all test fuzz deps doctor generate bench python-tools oracle-venv
.PHONY: up wait urls secrets reload-prometheus stop evaluation report fire-alert traffic traffic-drift train logs status clean archive help
.PHONY: local local-stop local-status

## deps: install npm dependencies when missing or older than the lockfile
deps: $(NPM_STAMP)
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## doctor: print the Node the targets use, check every prerequisite and print the fix of each missing one
doctor: deps
	@node --import tsx src/doctor.ts

## test: type-check, lint and run every test (no Docker needed; the dataset archive: BIKE_SHARING_ZIP)
test: deps
	@node --import tsx test/require-dataset.ts
	npm run --silent typecheck
	npm run --silent lint
	npm test

## python-tools: create .venv with the pinned Python dev tools of the tests (kubernetes-validate)
python-tools: $(PYTHON_TOOLS_STAMP)
$(PYTHON_TOOLS_STAMP): .ci/python-requirements.txt
	python3 -m venv .venv
	.venv/bin/pip install --quiet --disable-pip-version-check -r .ci/python-requirements.txt
	@touch $@

## oracle-venv: add the Evidently oracle's pinned packages to .venv (scripts/oracle; development only, CI never needs it)
oracle-venv: $(ORACLE_STAMP)
$(ORACLE_STAMP): scripts/oracle/requirements.txt
	python3 -m venv .venv
	.venv/bin/pip install --quiet --disable-pip-version-check -r scripts/oracle/requirements.txt
	@touch $@

## fuzz: schemathesis against a bike-api started for it, every operation, fixed seed (scripts/fuzz/run.sh)
fuzz: deps
	scripts/fuzz/run.sh

## generate: regenerate the dashboards, Prometheus alert rules, Grafana alerting files and Kubernetes manifests from src/deployment/
generate: deps
	npm run --silent generate

## bench: measure the model and the service (npm run bench; not a test, figures in the README)
bench: deps
	npm run --silent bench

## all: the stack with Docker (make up) when a Docker engine answers, else without it (make local) (default)
all:
	@if ! command -v docker >/dev/null 2>&1; then why='no docker command on the PATH'; \
	elif ! $(DOCKER_ENGINE_ANSWERS); then why='docker info: no engine answers'; \
	else exec $(MAKE) --no-print-directory up; fi; \
	echo "No Docker engine ($$why): starting the stack without Docker instead (make local, docs/local.md)."; \
	exec $(MAKE) --no-print-directory local

## up: [Docker] build the images, start the stack, wait until it is healthy, print the URLs
up: secrets
	$(CLIENTS) build
	$(COMPOSE) up -d
	@$(MAKE) --no-print-directory wait
	@$(MAKE) --no-print-directory urls

## wait: [Docker] wait until bike-api, prometheus, alertmanager and grafana are healthy (at most WAIT_SECONDS, default 300); fails at once on a crash
# A crashed service never reads "exited" here: `restart: unless-stopped` turns a crash into
# "restarting", then "running" with a higher RestartCount. So each poll reads the state, the
# restart count and the health, and fails at once (with the service's last logs) when the
# container is restarting, exited or dead, restarted since the wait began, or unhealthy.
wait:
	@deadline=$$(( $$(date +%s) + $(WAIT_SECONDS) )); \
	for service in $(HEALTHY_SERVICES); do \
	  printf 'Waiting for %s ' "$$service"; shown=''; baseline=''; \
	  while :; do \
	    id=$$($(COMPOSE) ps -q "$$service" 2>/dev/null); \
	    state=''; restarts=''; health=''; \
	    if [ -n "$$id" ]; then read -r state restarts health < <(docker inspect -f '{{.State.Status}} {{.RestartCount}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$$id" 2>/dev/null); fi; \
	    if [ "$$health" = healthy ]; then echo ' healthy'; break; fi; \
	    if [ -z "$$baseline" ] && [ -n "$$restarts" ]; then baseline=$$restarts; fi; \
	    status=$${state:-not created}$${health:+/$$health}; \
	    if [ "$$status" != "$$shown" ]; then printf ' %s' "$$status"; shown=$$status; else printf '.'; fi; \
	    failed=''; \
	    if [ "$$health" = unhealthy ]; then failed='its healthcheck fails'; fi; \
	    case "$$state" in restarting|exited|dead) failed="it is $$state (it crashed, or stopped)" ;; esac; \
	    if [ -n "$$restarts" ] && [ "$$restarts" -gt "$${baseline:-0}" ]; then failed="it crashed and was restarted ($$restarts restarts)"; fi; \
	    if [ -z "$$failed" ] && [ "$$(date +%s)" -ge "$$deadline" ]; then failed="it is $$status, not healthy within the limit of $(WAIT_SECONDS)s"; fi; \
	    if [ -n "$$failed" ]; then \
	      echo; echo "$$service is not healthy: $$failed. Its last logs:"; \
	      $(COMPOSE) logs --tail=40 "$$service"; exit 1; \
	    fi; \
	    sleep $(WAIT_POLL_SECONDS); \
	  done; \
	done

## secrets: [Docker] generate a random Grafana admin password into .secrets/ (untracked), once
secrets: $(GRAFANA_PASSWORD_FILE)
$(GRAFANA_PASSWORD_FILE):
	@mkdir -p "$(SECRETS_DIR)" && chmod 700 "$(SECRETS_DIR)"
	@# 24 letters and digits. The file is readable by Grafana's user in the container; the
	@# directory (0700) keeps it from the host's other users.
	@(umask 022 && LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 24 >"$@.partial") && mv "$@.partial" "$@"
	@echo "Generated the Grafana admin password into $@ (used when Grafana's volume is created)"

## reload-prometheus: [Docker] re-read prometheus.yml and the rules (SIGHUP; the HTTP lifecycle API is off)
reload-prometheus:
	$(COMPOSE) kill -s HUP prometheus

## urls: [Docker] print the addresses of the services and the Grafana login
# Host ports as Compose sees them: the environment first, then .env, then the brief's defaults.
urls:
	@setting() { value=$${!1:-}; [ -n "$$value" ] || value=$$(sed -n "s/^$$1=//p" .env 2>/dev/null | tail -n 1); echo "$${value:-$$2}"; }; \
	echo; \
	echo "  bike-api       http://localhost:$$(setting API_PORT 8080)        (API docs /docs, metrics /metrics)"; \
	echo "  Prometheus     http://localhost:$$(setting PROMETHEUS_PORT 9090)        (alerts /alerts, targets /targets)"; \
	echo "  Alertmanager   http://localhost:$$(setting ALERTMANAGER_PORT 9093)        (notifications and silences: README, Alerting)"; \
	echo "  Grafana        http://localhost:$$(setting GRAFANA_PORT 3000)        (folder \"Bike demand monitoring\")"; \
	echo "  node-exporter  http://localhost:$$(setting NODE_EXPORTER_PORT 9100)/metrics"; \
	echo "  Grafana login  user $$(setting GRAFANA_ADMIN_USER admin), password in $(GRAFANA_PASSWORD_FILE) (as when its volume was created)"
	@echo
	@echo "  Next: make evaluation, make traffic, make fire-alert (make help lists every target)"

## stop: [Docker] stop and remove the containers; the volumes (model, dataset, metrics, Grafana) are kept
stop:
	$(CLIENTS) down --remove-orphans

# Runs the client src/clients/$(1).ts with the arguments $(2) against the stack that runs: the one
# of make local when it runs (at the ports it recorded in .local/stack.json, which client-env turns
# into API_URL and PROMETHEUS_URL), else the Compose one in its client container ($(3), default
# evaluation: each container depends on what its client needs) when a Docker engine answers,
# else it says that no stack runs.
define run-client
	@if [ -f $(LOCAL_RECORD) ] && env=$$($(LOCAL_STACK) client-env 2>/dev/null); then \
	  echo "local stack: $$env node --import tsx src/clients/$(1).ts $(2)"; \
	  env $$env node --import tsx src/clients/$(1).ts $(2); \
	elif $(DOCKER_ENGINE_ANSWERS); then \
	  echo "$(CLIENTS) run --rm $(or $(3),evaluation) node dist/clients/$(1).js $(2)"; \
	  $(CLIENTS) run --rm $(or $(3),evaluation) node dist/clients/$(1).js $(2); \
	elif [ -f $(LOCAL_RECORD) ]; then $(LOCAL_STACK) client-env >/dev/null; \
	else echo "No stack to run against: no Docker engine answers and make local has not started one. Start one with make (or make local)." >&2; exit 1; fi
endef

## evaluation: evaluate the model on the brief's three February weeks (EVALUATION_ARGS for one week)
evaluation:
	$(call run-client,run-evaluation,$(EVALUATION_ARGS))

## report: save the newest evaluation's HTML report to REPORT_FILE (default latest-report.html), from the stack that runs
report: deps
	@if [ -f $(LOCAL_RECORD) ] && env=$$($(LOCAL_STACK) client-env 2>/dev/null); then \
	  env $$env node --import tsx src/clients/save-report.ts --output "$(REPORT_FILE)"; \
	else node --import tsx src/clients/save-report.ts --output "$(REPORT_FILE)"; fi

## fire-alert: POST /trigger-drift, then wait until Prometheus fires the severe drift alert and print it
fire-alert:
	$(call run-client,wait-for-alert,$(FIRE_ALERT_ARGS),fire-alert)

## traffic: send real hours of the reference month (and some invalid requests) to /predict; TRAFFIC_ARGS=--help for options
traffic:
	$(call run-client,traffic,$(TRAFFIC_ARGS))

## traffic-drift: send July 2011 hours to /predict: live drift rises at the next check, LiveDataDrift fires 10 min later
traffic-drift:
	$(call run-client,traffic,--period july-2011 $(TRAFFIC_ARGS))

## train: [Docker] retrain the model into the model volume (bike-api image), then restart bike-api if it runs
train:
	$(COMPOSE) run --rm --no-deps bike-api node dist/model/train-cli.js
	@if [ -n "$$($(COMPOSE) ps -q bike-api 2>/dev/null)" ]; then $(COMPOSE) restart bike-api; fi

## logs: [Docker] follow the logs of every service, or of one with SERVICE=bike-api
logs:
	$(COMPOSE) logs -f --tail=100 $(SERVICE)

## status: [Docker] list the containers with their state and health
status:
	$(CLIENTS) ps

## clean: remove containers and volumes (with an engine), the local stack and its data (once stopped), artefacts and caches
clean:
	-@if $(DOCKER_ENGINE_ANSWERS); then echo "$(CLIENTS) down -v --remove-orphans"; $(CLIENTS) down -v --remove-orphans; fi
	rm -rf artefacts .cache dist $(ARCHIVE)
	@# .local/stack.json is the only record of the local processes: kept while one of them survives.
	@if [ -f $(LOCAL_RECORD) ] && ! $(LOCAL_STACK) stop; then \
	  echo "make clean: kept .local/, the record of the local stack that could not be stopped."; exit 1; fi
	rm -rf .local

## archive: write bike-demand-monitoring.tar.gz, the deliverable: every file committed at HEAD
archive:
	@if [ -n "$$(git status --porcelain --untracked-files=no)" ]; then \
	  echo "warning: uncommitted changes are not in the archive: it is made from HEAD"; fi
	git archive --format=tar.gz --prefix=bike-demand-monitoring/ -o $(ARCHIVE) HEAD
	@echo "Wrote $(ARCHIVE) ($$(du -h $(ARCHIVE) | cut -f1)): $$(tar -tzf $(ARCHIVE) | grep -vc '/$$') files"

# Stack without Docker (docs/local.md): src/local/cli.ts, ports from LOCAL_API_PORT,
# LOCAL_PROMETHEUS_PORT, LOCAL_NODE_EXPORTER_PORT and LOCAL_ALERTMANAGER_PORT (defaults 8080,
# 9090, 9100, 9093), recorded in .local/stack.json for the clients; notifications to
# ALERT_WEBHOOK_URL_CRITICAL and ALERT_WEBHOOK_URL_WARNING.
LOCAL_STACK = node --import tsx src/local/cli.ts
LOCAL_RECORD = .local/stack.json

## local: without Docker: run bike-api, node-exporter, Alertmanager and Prometheus in the background (.local/)
local: deps
	@$(LOCAL_STACK) start

## local-stop: stop the processes that make local started
local-stop: deps
	@$(LOCAL_STACK) stop

## local-status: show whether the processes of make local run, with their URLs
local-status: deps
	@$(LOCAL_STACK) status

## help: list the targets
help:
	@echo "make <target> (default: all). [Docker]: needs a Docker engine. evaluation, traffic and fire-alert"
	@echo "run against whichever stack runs: the one of make local, else the Docker one."
	@awk '/^## [A-Za-z0-9_.-]+: / { line = substr($$0, 4); i = index(line, ": "); printf "  %-13s %s\n", substr(line, 1, i - 1), substr(line, i + 2) }' $(MAKEFILE_LIST)
