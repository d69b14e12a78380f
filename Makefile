# Two commands for a fresh machine with Python 3.11+:
#   make site   – set everything up and build the site into site/ (make serve: live preview)
#   make test   – set everything up (Chromium and the npm tools included) and run every test
# make quick runs everything but the browser and slow tests, in seconds, for the inner loop.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Python packages come only from the hashed lock files (make lock refreshes them from pyproject.toml).
SITE_STAMP := $(VENV)/.site-$(shell cksum requirements.lock | cut -d' ' -f1)
TEST_STAMP := $(VENV)/.test-$(shell cksum requirements-dev.lock | cut -d' ' -f1)
PIP_COMPILE := .cache/lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links

.PHONY: site serve check test quick browser lint lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(SITE_STAMP): requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	rm -f $(VENV)/.site-*
	touch $@

$(TEST_STAMP): requirements-dev.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	rm -f $(VENV)/.test-* $(VENV)/.site-*
	touch $@

site: $(SITE_STAMP)
	$(BIN)/python build.py

serve: $(SITE_STAMP)
	$(BIN)/python build.py serve

check: $(SITE_STAMP)
	$(BIN)/python build.py check

# Browser tests drive Debian's Chromium; install it where apt is available and it is missing.
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# axe-core, the Nu HTML checker and Lighthouse, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

test: $(TEST_STAMP) browser node_modules/.installed
	$(BIN)/python -m ruff check sitegen tests bench build.py
	$(BIN)/python -m pytest

quick: $(TEST_STAMP)
	$(BIN)/python -m ruff check sitegen tests bench build.py
	$(BIN)/python -m pytest -m "not browser and not slow" -n 2 --dist worksteal

lint: $(TEST_STAMP)
	$(BIN)/python -m ruff check sitegen tests bench build.py

# Refresh the lock files after editing the dependencies in pyproject.toml; commit all three.
lock:
	test -x .cache/lock-venv/bin/pip-compile || ($(PYTHON) -m venv .cache/lock-venv && \
		.cache/lock-venv/bin/pip install --quiet pip-tools)
	$(PIP_COMPILE) --output-file requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra test --constraint requirements.lock --output-file requirements-dev.lock pyproject.toml

clean:
	rm -rf site .site.* .cache $(VENV) node_modules
