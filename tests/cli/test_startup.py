"""Commands import only what they use (issue 18, start-up): a `stats` or `docs` call should cost a
second, not the pipeline's imports; an `ingest` loads spaCy only when there is something new to
extract, and never the web server, Dask or scipy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.run import ingest
from claimgraph.store import Store

ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "veldoria-herald.txt"
PIPELINE = ("spacy", "thinc")
NEVER_FOR_INGEST = ("scipy", "datasketch", "fastapi", "uvicorn", "dask", "distributed")  # jinja2 comes with spaCy (spacy.cli)

PROBE = """
import json, sys
from claimgraph.cli import main
sys.argv = ["claimgraph", *{args!r}]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print(json.dumps(sorted(m for m in {modules!r} if m in sys.modules)))
"""


def loaded_by(args: list[str], modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` a fresh interpreter has imported after running `claimgraph ARGS...` (which must succeed)."""
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=args, modules=modules)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("command", ["stats", "docs", "rebuild"])
def test_store_commands_leave_the_pipeline_unloaded(tmp_path, command):
    """Reading a store, and recomputing its graph (which scans copies outside quotation marks), parse nothing."""
    db = tmp_path / "s.db"
    Store(f"sqlite:///{db}").dispose()  # a current, empty store: opening it needs no rebuild
    assert loaded_by([command, "--db", str(db)], PIPELINE + ("datasketch", "scipy")) == []


def test_ingest_of_nothing_new_loads_no_pipeline(tmp_path, no_extract):
    """Re-ingesting a stored article (a cron job over a folder) reads, cleans, finds it stored and stops."""
    db = tmp_path / "s.db"
    store = Store(f"sqlite:///{db}")
    assert ingest([str(ARTICLE)], store, extractor=no_extract).ingested
    store.dispose()
    assert loaded_by(["ingest", str(ARTICLE), "--db", str(db)], PIPELINE + NEVER_FOR_INGEST) == []


def test_ingest_of_one_article_imports_only_the_pipeline(tmp_path):
    db = tmp_path / "s.db"
    assert loaded_by(["ingest", str(ARTICLE), "--db", str(db)], PIPELINE + NEVER_FOR_INGEST) == list(PIPELINE)
    store = Store(f"sqlite:///{db}")
    try:
        assert store.counts()["documents"] == 1 and store.counts()["mentions"] > 0
    finally:
        store.dispose()
