# Two commands a newcomer needs: `make serve` (the demo site) and `make test` (the test suite).
# Each creates .venv and installs what it needs on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve test build browser clean check rule-tables

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Chromium for the browser tests comes from Debian (never a browser download at run time).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get install -y -qq chromium >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1)) || \
	    echo "chromium not installed: browser tests will be skipped"; \
	  else echo "chromium not found: browser tests will be skipped (apt-get install chromium)"; fi; }

serve: install
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

test: install browser
	$(BIN)/python -m pytest

check: install
	$(BIN)/specsite check

build: install
	$(BIN)/mkdocs build --strict
	cd examples/webshop && ../../$(BIN)/mkdocs build --strict --site-dir ../../site/example

clean:
	rm -rf site .pytest_cache

rule-tables: install
	$(BIN)/python tools/update_rule_tables.py
