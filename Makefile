# Two commands do all the set-up on a fresh machine: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test check clean tmux

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/journey

test: $(STAMP) tmux
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

check: $(STAMP)
	$(BIN)/journey check scenarios/*.yaml

clean:
	rm -rf $(VENV)
