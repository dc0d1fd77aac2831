# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv if needed.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DB ?= claimgraph.db

$(BIN)/claimgraph: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/claimgraph

demo: install
	$(BIN)/claimgraph ingest examples/ --db $(DB)
	$(BIN)/claimgraph stats --db $(DB)
	$(BIN)/claimgraph docs --db $(DB)
	$(BIN)/claimgraph export --format json claimgraph-export.json --db $(DB)

test: install
	$(BIN)/python -m pytest

# The accuracy scoreboard over every development set in ../shared (under 10 minutes; EVAL_ARGS=--quick for
# seeds + PLOVER). Rewrites bench/eval/scoreboard.json; exits 1 when a figure breaks its floor.
eval: install
	$(BIN)/python bench/eval/run.py --all $(EVAL_ARGS)

# All benchmarks (not tests): bench/out/report.md and report.png. See bench/README.md.
bench: install
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) claimgraph.db claimgraph.db-wal claimgraph.db-shm claimgraph-export.json

.PHONY: install demo test eval bench clean
