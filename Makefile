# Two commands do all the set-up on a fresh machine: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test check clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/journey

test: $(STAMP)
	$(BIN)/journey check scenarios/*.yaml
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/journey check scenarios/*.yaml

clean:
	rm -rf $(VENV)
