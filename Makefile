# Loom: `make run` starts everything on a fresh machine; `make test` runs every test.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
WEBAPP_SOURCES := $(shell find webapp/src webapp/index.html webapp/vite.config.ts webapp/tsconfig*.json bpmn -type f 2>/dev/null)

.PHONY: help install build run test test-backend test-webapp test-e2e lint format clean bench

help:
	@echo "make run    install, build, migrate, bootstrap and start Loom at http://$(HOST):$(PORT)"
	@echo "make test   run every test: lint, backend, webapp unit tests, browser tests"

$(BIN)/loom: setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,embedded]'
	touch $@

webapp/node_modules/.package-lock.json: webapp/package-lock.json
	cd webapp && npm ci --no-audit --no-fund
	touch $@

webapp/dist/index.html: webapp/node_modules/.package-lock.json $(WEBAPP_SOURCES)
	cd webapp && npm run build

install: $(BIN)/loom webapp/node_modules/.package-lock.json

build: install webapp/dist/index.html

run: build
	$(BIN)/loom run --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check platform tests bench
	$(BIN)/ruff format --check platform tests bench
	$(BIN)/mypy platform/core platform/engine
	cd webapp && npm run typecheck

test-backend: install
	$(BIN)/pytest tests --ignore=tests/e2e -q -n 2

test-webapp: install
	cd webapp && npm test

test-e2e: build
	$(BIN)/pytest tests/e2e -q

test: lint test-backend test-webapp test-e2e

bench: install
	$(BIN)/python bench/entities.py
	$(BIN)/python bench/flows.py

format: install
	$(BIN)/ruff format platform tests bench
	$(BIN)/ruff check --fix platform tests bench

clean:
	rm -rf webapp/dist .pytest_cache .ruff_cache .mypy_cache
