# Loom: `make run` starts everything on a fresh machine; `make test` runs every test.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
WEBAPP_SOURCES := $(shell find webapp/src webapp/index.html webapp/vite.config.ts webapp/tsconfig*.json webapp/scripts/precompress.mjs bpmn -type f 2>/dev/null)

.PHONY: help install lock build run test test-backend test-webapp test-budget test-e2e test-ops lint format clean bench

help:
	@echo "make run    install, build, migrate, bootstrap and start Loom at http://$(HOST):$(PORT)"
	@echo "make test   run every test: lint, backend, webapp unit tests, browser tests"
	@echo "make lock   regenerate the hashed Python lock (requirements/*.txt) from setup.cfg"

# Python dependencies come from the hashed lock (runtime + dev + embedded), then Loom itself
# without dependencies: an edited lock or setup.cfg reinstalls. `pip check` fails when
# setup.cfg asks for something the lock lacks (run `make lock`).
$(BIN)/loom: requirements/dev.txt setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	touch $@

# Regenerate the hashed lock from setup.cfg with pip-tools, in a throwaway virtualenv (pip-tools
# is never installed into $(VENV)). Existing pins are kept unless UPGRADE says otherwise:
#   make lock                        add or drop what setup.cfg changed, keep every other pin
#   make lock UPGRADE='celery kombu' these packages to their newest allowed versions
#   make lock UPGRADE=all            every package to its newest allowed version
# Runs on Linux x86_64 with Python 3.11, the platform the lock pins for. base.txt is compiled
# first; dev.txt is constrained by it, so the two agree. (A dev-only package named in UPGRADE is
# not passed to base.txt's run: pip-compile -P would add it there.)
PIP_TOOLS_VERSION ?= 7.7.0
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock:
	tools=$$(mktemp -d) && trap 'rm -rf "$$tools"' EXIT && \
	$(PYTHON) -m venv "$$tools" && \
	"$$tools/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "make lock needs Python 3.11 (PYTHON=python3.11)")' && \
	"$$tools/bin/pip" install --quiet 'pip-tools==$(PIP_TOOLS_VERSION)' && \
	base_args= && dev_args= && \
	if [ "$(UPGRADE)" = all ]; then base_args=--upgrade; dev_args=--upgrade; else \
	  for p in $(UPGRADE); do \
	    dev_args="$$dev_args -P $$p"; \
	    if grep -qi "^$$p==" requirements/base.txt 2>/dev/null; then base_args="$$base_args -P $$p"; fi; \
	  done; \
	fi && \
	export CUSTOM_COMPILE_COMMAND='make lock' && \
	"$$tools/bin/pip-compile" $(LOCK_FLAGS) $$base_args -o requirements/base.txt setup.cfg && \
	"$$tools/bin/pip-compile" $(LOCK_FLAGS) $$dev_args --extra dev --extra embedded \
	  -c requirements/base.txt -o requirements/dev.txt setup.cfg && \
	"$$tools/bin/pip-compile" $(LOCK_FLAGS) $$dev_args -o requirements/ops.txt requirements/ops.in

# The ops checkers (checkov, ansible-lint with the `ansible` package's collections) live in a
# virtualenv of their own, from their own hashed lock: their dependencies never meet the app's.
OPS_VENV ?= .venv-ops
$(OPS_VENV)/bin/checkov: requirements/ops.txt
	test -x $(OPS_VENV)/bin/python || $(PYTHON) -m venv $(OPS_VENV)
	$(OPS_VENV)/bin/pip install --quiet --upgrade pip
	$(OPS_VENV)/bin/pip install --quiet --require-hashes -r requirements/ops.txt
	touch $@

webapp/node_modules/.package-lock.json: webapp/package-lock.json
	cd webapp && npm ci --no-audit --no-fund
	touch $@

webapp/dist/index.html: webapp/node_modules/.package-lock.json $(WEBAPP_SOURCES)
	cd webapp && npm run build

install: $(BIN)/loom webapp/node_modules/.package-lock.json $(OPS_VENV)/bin/checkov

build: install webapp/dist/index.html

run: build
	$(BIN)/loom run --host $(HOST) --port $(PORT)

OPS_PYTHON := ops/ansible/bin/release_lock.py

lint: install
	$(BIN)/ruff check platform stubs tests bench benchkit $(OPS_PYTHON)
	$(BIN)/ruff format --check platform stubs tests bench benchkit $(OPS_PYTHON)
	$(BIN)/mypy platform
	$(BIN)/mypy --strict $(OPS_PYTHON)
	cd webapp && npm run typecheck

test-backend: install
	$(BIN)/pytest tests --ignore=tests/e2e -q -n 2

test-webapp: install
	cd webapp && npm test

# The JavaScript a first visit downloads (entry chunk and its static imports, gzip) stays in budget.
test-budget: build
	cd webapp && npm run budget

test-e2e: build
	$(BIN)/pytest tests/e2e -q

# Infrastructure and pipeline code: ansible-lint (production profile, offline, with the `ansible`
# package's collections), actionlint and shellcheck (ops/bin/lint-workflows), and checkov on the
# Terraform with every skipped check's reason written where it is skipped (ops/terraform/CHECKOV.md).
# Terraform itself is not installable here: fmt and validate run in the GitHub workflow.
test-ops: install
	cd ops/ansible && ../../$(OPS_VENV)/bin/ansible-lint
	PATH="$(CURDIR)/$(OPS_VENV)/bin:$$PATH" ops/bin/lint-workflows
	$(OPS_VENV)/bin/checkov --directory ops/terraform --framework terraform --skip-download --quiet --compact

test: lint test-ops test-backend test-webapp test-budget test-e2e

bench: install
	$(BIN)/python bench/entities.py
	$(BIN)/python bench/entity_jobs.py
	$(BIN)/python bench/flows.py
	$(BIN)/python bench/hooks.py
	$(BIN)/python bench/apikeys.py
	$(BIN)/python bench/neighbours.py

format: install
	$(BIN)/ruff format platform stubs tests bench benchkit
	$(BIN)/ruff check --fix platform stubs tests bench benchkit

clean:
	rm -rf webapp/dist .pytest_cache .ruff_cache .mypy_cache
