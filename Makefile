# The verbs people expect. Everything runs inside .venv with the pinned packages.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000
SITE_DIR ?= site
# Material prints a banner about MkDocs 2.0 on every run; it is noise for editors.
export NO_MKDOCS_2_WARNING := 1
export VENV

.PHONY: setup serve build test clean

setup:
	@scripts/setup_env.sh

## serve: set up, then build and serve the portal with live reload at http://$(ADDR)
serve: setup
	$(BIN)/mkdocs serve --strict --dev-addr $(ADDR)

## build: strict build of the whole portal into site/
build: setup
	$(BIN)/mkdocs build --strict --clean --site-dir $(SITE_DIR)

## test: set up what the tests need (Chromium included) and run the whole suite
test:
	@scripts/setup_env.sh --test --browser
	@$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: that is a failure." >&2; exit 1; fi; \
	exit $$status

clean:
	rm -rf $(SITE_DIR) .cache tests/artifacts
