# Two commands for a fresh machine with Python 3.11+:
#   make site   – set everything up and build the site into site/ (make serve: live preview)
#   make test   – set everything up (Chromium included) and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: site serve check test browser lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python build.py

serve: $(STAMP)
	$(BIN)/python build.py serve

check: $(STAMP)
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

test: $(STAMP) browser node_modules/.installed
	$(BIN)/python -m ruff check sitegen tests bench build.py
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/python -m ruff check sitegen tests bench build.py

clean:
	rm -rf site .site.* .cache $(VENV) node_modules
