# Two commands do all the set-up on a fresh machine: `make play` and `make test`.
# `make play` installs only what playing needs; `make test` adds the test tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLAY_STAMP := $(VENV)/.installed-play
TEST_STAMP := $(VENV)/.installed-test

.PHONY: play test check clean tmux

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

test: $(TEST_STAMP) tmux
	$(BIN)/journey check scenarios/*.yaml
	$(BIN)/mypy
	$(BIN)/python -m pytest

# tests/ui/test_real_terminal.py plays the app in a real terminal, tmux. Install it where we
# can (as root with apt-get, as on CI); elsewhere, say how.
tmux:
	@command -v tmux >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux; \
	  else \
	    echo "make test needs tmux for the real-terminal test: apt-get install tmux" >&2; \
	    exit 1; \
	  fi; }

check: $(PLAY_STAMP)
	$(BIN)/journey check scenarios/*.yaml

clean:
	rm -rf $(VENV)
