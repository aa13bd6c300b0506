# The CEN — run `make help` for the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Every dependency, transitive ones included, is pinned with its hashes in requirements/lock.txt
# (made by `make lock` from pyproject.toml); the site itself is installed without dependencies.
# PortOne's browser SDK comes from npm, pinned by tools/portone/package-lock.json.
$(VENV)/.installed-run: pyproject.toml requirements/lock.txt tools/portone/package-lock.json | $(VENV)/bin/python
	$(PIP) install -q --require-hashes -r requirements/lock.txt
	$(PIP) install -q --no-deps -e .
	bash tools/portone/vendor.sh
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements/lock.txt tools/portone/package-lock.json | $(VENV)/bin/python
	$(PIP) install -q --require-hashes -r requirements/lock.txt
	$(PIP) install -q --no-deps -e .
	bash tools/portone/vendor.sh
	touch $@ $(VENV)/.installed-run

lock: | $(VENV)/bin/python ## Regenerate requirements/lock.txt (hashes) from pyproject.toml
	$(PIP) install -q pip-tools==7.6.2
	$(VENV)/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --extra test \
	  --output-file requirements/lock.txt pyproject.toml

install: $(VENV)/.installed-run ## Install the site into .venv

run: install ## Install, migrate SQLite, load the demo and serve it at http://127.0.0.1:8000/
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --admin-password admin
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed-test lint check ## Install, start the search node and PostgreSQL, run every test
	bash tools/test.sh

lint: $(VENV)/.installed-test ## ruff (lint + format) and djhtml
	$(VENV)/bin/ruff check .
	$(PY) tools/importcheck.py
	$(VENV)/bin/ruff format --check .
	find frontend cms_pages commerce health search demo -name '*.html' -print0 | xargs -0 $(VENV)/bin/djhtml --check

check: $(VENV)/.installed-test ## Django's system checks and missing migrations
	DJANGO_SETTINGS_MODULE=thecen.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=thecen.settings.test $(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-test ## Rewrite code and templates in the house style
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	find frontend cms_pages commerce health search demo -name '*.html' -print0 | xargs -0 $(VENV)/bin/djhtml

services-up: ## Start the search node and PostgreSQL for development
	bash tools/searchnode/node.sh start
	bash tools/postgres.sh start

services-down: ## Stop them
	bash tools/searchnode/node.sh stop
	bash tools/postgres.sh stop

stack: $(VENV)/.installed-test ## The production-like stack: PostgreSQL, Redis, S3Proxy, 3 search nodes, 2 app servers, proxy, worker
	bash tools/stack/stack.sh up

stack-down: ## Stop what `make stack` started
	bash tools/stack/stack.sh down

bench: $(VENV)/.installed-test ## Throughput of the main pages under gunicorn (needs wrk)
	bash bench/run.sh

bench-scale: $(VENV)/.installed-test ## Pages and daily jobs at demo / beta / 10x beta on PostgreSQL (BENCH_ARGS=--reuse)
	bash tools/postgres.sh start
	BENCH_SEARCH_URL="$$(curl -fs -o /dev/null http://127.0.0.1:$${SEARCH_NODE_PORT:-9250} && echo http://127.0.0.1:$${SEARCH_NODE_PORT:-9250})" \
	  DATABASE_URL="$$(bash tools/postgres.sh url)" $(PY) bench/scale.py $(BENCH_ARGS)

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var

bench-settlement: $(VENV)/.installed-test ## Partner settlement run: 100 partners x 1,000 lines on PostgreSQL (time, queries)
	bash tools/postgres.sh start
	DATABASE_URL="$$(bash tools/postgres.sh url)" $(PY) bench/settlement.py $(BENCH_ARGS)

.PHONY: help install run test lint check format services-up services-down stack stack-down lock bench bench-scale bench-settlement clean
