PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run console test verbatim bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/python -m bot auto

console: $(VENV)/.installed
	$(BIN)/python -m bot console

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python -m bench.compare

verbatim:
	$(PY) ../shared/tools/verbatim_check.py

clean:
	rm -rf $(VENV) .pytest_cache
