# Two commands a newcomer needs: `make serve` (the demo site) and `make test` (the test suite).
# Each creates .venv and installs what it needs on a fresh machine. `make build` builds this site
# into site/ and the example product into site/example-product/ (a folder of its own: the main
# site's "Example product" page is site/example/); `make serve-example` serves the example alone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SITE := site
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve serve-example test build build-docs build-example browser clean check rule-tables

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
	@echo "The example product is served on its own: make serve-example (http://127.0.0.1:8001/)"
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

serve-example: install
	cd examples/webshop && $(abspath $(BIN))/mkdocs serve -a 127.0.0.1:8001

test: install browser
	$(BIN)/python -m pytest

check: install
	$(BIN)/specsite check

build: build-docs
	$(MAKE) --no-print-directory build-example

build-docs: install
	$(BIN)/mkdocs build --strict --site-dir $(abspath $(SITE))

# after build-docs: the main site's build empties its folder, which would delete the example
build-example: install
	cd examples/webshop && $(abspath $(BIN))/mkdocs build --strict --site-dir $(abspath $(SITE))/example-product

clean:
	rm -rf site .pytest_cache

rule-tables: install
	$(BIN)/python tools/update_rule_tables.py
