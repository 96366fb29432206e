PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOWEST := .venv-lowest

.PHONY: run console test lint typecheck test-lowest lock verbatim bench rule-index clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# The runtime dependencies at the locked versions (what the Docker image ships), checked
# against their hashes; then the project itself, editable, and for tests its test tools.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/python -m bot auto

console: $(VENV)/.installed
	$(BIN)/python -m bot console

# SUITE_HALF: the slowest exhaustive checks (the trigger index row by row, the fuzzer, the crash
# run of a mixed burst) are split in two; `make test` runs the first half and `make test-lowest`
# the second, so CI checks all of it (tests/halves.py).
# Two workers for everything but the crash tests: most slow tests wait on real bot processes
# rather than on the CPU. The crash tests then run on their own, one at a time: their simulated
# users read the bot's timing, and beside other tests on two cores they misread it.
XDIST := -n 2

# The project's own bytecode, written before the run: with PYTHONDONTWRITEBYTECODE set (as in
# the image, and in some shells) every test worker and every bot process the tests start would
# otherwise compile all of bot/ from source again (about half a second of CPU each, a hundred times
# and more). Only the .pyc files under __pycache__/ (ignored by git) are written.
PYC := $(BIN)/python -m compileall -q -j 0 bot tests bench

test: $(VENV)/.installed-test
	$(PYC)
	SUITE_HALF=1 $(BIN)/python -m pytest $(XDIST) -m "not crash"
	SUITE_HALF=1 $(BIN)/python -m pytest -m crash

lint: $(VENV)/.installed-test
	$(BIN)/ruff check bot tests bench

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# The floors in pyproject.toml are true: every direct dependency at the lowest version it
# allows (uv's lowest-direct resolution), then the suite without the slow crash and fault runs.
$(LOWEST)/.installed: pyproject.toml | $(VENV)/.installed-test
	rm -rf $(LOWEST)
	$(PY) -m venv $(LOWEST)
	$(BIN)/uv pip install -q --python $(LOWEST)/bin/python --resolution lowest-direct -e '.[test]'
	touch $@

test-lowest: $(LOWEST)/.installed
	$(LOWEST)/bin/python -m compileall -q -j 0 bot tests bench
	SUITE_HALF=2 $(LOWEST)/bin/python -m pytest $(XDIST) -m "not crash and not faults"
	SUITE_HALF=2 $(LOWEST)/bin/python -m pytest -m crash -k mixed_burst

# Refresh the lock after changing dependencies in pyproject.toml (see README, "Dependencies").
lock: $(VENV)/.installed-test
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes \
	  --quiet --output-file requirements.lock

# After merging changes to the phrase tables or the code that reads them: the start-up
# accelerator (bot/listening/ruleindex.py; tests/listening/test_rule_index.py says when).
rule-index: $(VENV)/.installed-test
	$(BIN)/python tools/make_rule_index.py

bench: $(VENV)/.installed
	$(BIN)/python -m bench.compare

verbatim:
	$(PY) ../shared/tools/verbatim_check.py

clean:
	rm -rf $(VENV) $(LOWEST) .pytest_cache .mypy_cache .ruff_cache
