# The two commands of the README, and the set-up they need. Each target sets itself up:
# a virtualenv in .venv with what the build needs (refreshed when pyproject.toml changes),
# the test tools on top of it only for the test targets, and for the browser tests
# Debian's Chromium (installed when run as root) and, from npm, axe-core for the
# accessibility tests. The pinned Mermaid is committed (docs/js/vendor/mermaid): the site
# needs no npm; `make vendor-mermaid` refreshes it after a change to package.json.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=
MERMAID_DIR := docs/js/vendor/mermaid
BUILD_DEPS := $(VENV)/.build-deps
TEST_DEPS := $(VENV)/.test-deps
PIP := $(BIN)/python -m pip install --disable-pip-version-check
# Material prints a notice about its future on every start; this is its documented switch.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup test-setup site serve preview test test-fast lint browser-deps bench clean vendor-mermaid
.DEFAULT_GOAL := site

$(BUILD_DEPS): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python >= 3.11 is needed; '$(PYTHON)' is $$($(PYTHON) --version). Run: make PYTHON=python3.12 ..."; exit 1; }
	@test -x $(BIN)/python || { echo "==> Creating the virtualenv in $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo "==> Installing what the build needs into $(VENV) (MkDocs, Material, mermaid2, ...)"
	$(PIP) --quiet --upgrade pip
	$(PIP) -e '.[site]'
	touch $@

$(TEST_DEPS): $(BUILD_DEPS)
	@echo "==> Installing the test tools into $(VENV) (pytest, Playwright, Hypothesis, ruff, mypy)"
	$(PIP) -e '.[site,test]'
	touch $@

# Mermaid's ESM build (the entry module and the chunks it imports on demand, no source maps)
# and its licence, from the version package-lock.json pins. Commit the result.
vendor-mermaid:
	@command -v npm >/dev/null || { echo "npm is needed to refresh the pinned Mermaid: apt-get install npm"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	rm -rf $(MERMAID_DIR)
	mkdir -p $(MERMAID_DIR)/chunks/mermaid.esm.min
	cp node_modules/mermaid/dist/mermaid.esm.min.mjs node_modules/mermaid/LICENSE $(MERMAID_DIR)/
	cp node_modules/mermaid/dist/chunks/mermaid.esm.min/*.mjs $(MERMAID_DIR)/chunks/mermaid.esm.min/

# The npm packages the tests use (axe-core, pinned in package-lock.json).
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the accessibility tests (axe-core): apt-get install npm (or install Node.js)"; exit 1; }
	@echo "==> Installing the pinned npm packages the tests use (axe-core)"
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

setup: $(BUILD_DEPS)

test-setup: setup $(TEST_DEPS) node_modules/.package-lock.json

site: setup
	$(BIN)/mkdocs build --strict
	@echo "==> Built into site/. To look at it: python3 -m http.server -d site 8000, then open http://127.0.0.1:8000/"
	@echo "    (make serve: a live preview at http://127.0.0.1:8000/postmortem-kb/)"

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Rebuilds only what a save changed (see the guide): for large archives.
preview: setup
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

browser-deps:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Missing: $(CHROMIUM), needed by the browser tests."; \
	    echo "Install it with: sudo apt-get install chromium   (or set CHROMIUM=/path/to/chromium)"; \
	    echo "Or run everything but the browser tests with: make test-fast"; \
	    exit 1; \
	  fi; \
	fi

lint: $(TEST_DEPS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: test-setup browser-deps lint
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest $(PYTEST_ARGS)

test-fast: test-setup lint
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

# The benchmark builds the Zensical recipe too (zensical comes with the test tools).
bench: setup $(TEST_DEPS)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache test-output
