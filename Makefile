# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv if needed.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DB ?= claimgraph.db
PKG_CONFIG ?= pkg-config
ICU_CONFIG ?= icu-config

$(BIN)/claimgraph: pyproject.toml
	@$(MAKE) --no-print-directory -s check-icu
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/claimgraph

# PyICU (followthemoney -> normality) has no binary wheel: pip compiles it against ICU's headers with a
# C++ compiler. Say how to get both before pip fails halfway with a compiler error.
check-icu:
	@if ! { $(PKG_CONFIG) --exists icu-uc 2>/dev/null || $(ICU_CONFIG) --version >/dev/null 2>&1; } \
	   || ! command -v $(CXX) >/dev/null 2>&1; then \
	  echo "claimgraph needs ICU headers, pkg-config and a C++ compiler (to build PyICU for followthemoney)."; \
	  echo "Install them with one line, then run make again:"; \
	  echo "  Debian/Ubuntu: sudo apt-get install -y libicu-dev pkg-config g++"; \
	  echo "  Fedora:        sudo dnf install -y libicu-devel pkgconf-pkg-config gcc-c++"; \
	  echo "  macOS:         brew install icu4c pkg-config && export PKG_CONFIG_PATH=\"\$$(brew --prefix icu4c)/lib/pkgconfig\""; \
	  exit 1; \
	fi

demo: install
	$(BIN)/claimgraph ingest examples/ --db $(DB)
	$(BIN)/claimgraph stats --db $(DB)
	$(BIN)/claimgraph docs --db $(DB)
	$(BIN)/claimgraph export --format json claimgraph-export.json --db $(DB)

# -rs: say which tests were skipped and why (no chromium, CLAIMGRAPH_TEST_PG unset; see README Set-up)
test: install
	$(BIN)/python -m pytest -rs

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

.PHONY: install check-icu demo test eval bench clean
