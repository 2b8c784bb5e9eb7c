# Two commands do all the set-up on a fresh machine: `make play` and `make test`.
# `make play` installs only what playing needs; `make test` adds the test tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLAY_STAMP := $(VENV)/.installed-play
TEST_STAMP := $(VENV)/.installed-test
NODE := $(VENV)/node
NODE_STAMP := $(NODE)/.installed
NODE_WEB := $(VENV)/node-web
NODE_WEB_STAMP := $(NODE_WEB)/.installed

.PHONY: play test check clean tmux chromium node

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(PLAY_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $(PLAY_STAMP)

$(TEST_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(PLAY_STAMP) $(TEST_STAMP)

play: $(PLAY_STAMP)
	$(BIN)/journey

test: $(TEST_STAMP) tmux chromium node $(NODE_STAMP) $(NODE_WEB_STAMP)
	$(BIN)/journey check scenarios/*.yaml
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

# Tools the tests need from Debian: installed with apt-get where we can (as root, as on CI);
# elsewhere, make says what to install. $(call debian,COMMAND,PACKAGE,WHAT NEEDS IT)
define debian
@command -v $(1) >/dev/null 2>&1 || { \
  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2); \
  else \
    echo "make test needs $(2) for $(3): apt-get install $(2)" >&2; \
    exit 1; \
  fi; }
endef

# tests/ui/test_real_terminal.py plays the app in a real terminal, tmux.
tmux:
	$(call debian,tmux,tmux,the real-terminal test)

# tests/web/ plays the game through journey serve in Chromium, driven by Playwright (which
# never downloads a browser of its own).
chromium:
	$(call debian,chromium,chromium,the browser tests)

# tests/web/test_runtime_parity.py plays the page's JavaScript runtime in node (and Chromium)
# against the Python engine.
node:
	$(call debian,node,nodejs,the JavaScript runtime tests)

# tests/editors/ drives the YAML language server that editors run. npm installs the version
# pinned in tests/editors/package-lock.json into .venv/node; `make play` never needs it.
$(NODE_STAMP): tests/editors/package.json tests/editors/package-lock.json
	$(call debian,npm,npm,the language-server test)
	mkdir -p $(NODE)
	cp tests/editors/package.json tests/editors/package-lock.json $(NODE)/
	npm ci --prefix $(NODE) --no-audit --no-fund --loglevel=error
	touch $@

# tests/web/ checks the exported page with axe-core, injected into Chromium: npm installs the
# version pinned in tests/web/package-lock.json into .venv/node-web.
$(NODE_WEB_STAMP): tests/web/package.json tests/web/package-lock.json
	$(call debian,npm,npm,the accessibility test)
	mkdir -p $(NODE_WEB)
	cp tests/web/package.json tests/web/package-lock.json $(NODE_WEB)/
	npm ci --prefix $(NODE_WEB) --no-audit --no-fund --loglevel=error
	touch $@

check: $(PLAY_STAMP)
	$(BIN)/journey check scenarios/*.yaml

clean:
	rm -rf $(VENV)
