"""An ingest killed with SIGKILL in the middle leaves only whole documents, and re-running the same
command completes the store exactly as an uninterrupted run would have built it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from claimgraph.query import export_data
from claimgraph.run import ingest
from claimgraph.settings import get_settings
from claimgraph.store import Store

from .conftest import CLI, canonical, doc_count, orphan_rows, write_corpus

N_DOCS = 60
PER_DOC_TABLES = ("mentions", "descriptions", "doc_sources", "quote_occurrences", "claim_evidence")


def per_doc_counts(db: Path) -> dict[str, dict[str, int]]:
    """{doc_id: {table: rows of that document}} for every stored document."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out = {d: {t: 0 for t in PER_DOC_TABLES} for (d,) in con.execute("SELECT id FROM documents")}
        for table in PER_DOC_TABLES:
            for d, n in con.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id"):
                out.setdefault(d, {t: 0 for t in PER_DOC_TABLES})[table] = n
        return out
    finally:
        con.close()


def run_cli(corpus: Path, db: Path, timeout: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), "ingest", str(corpus), "--db", str(db), "--processes", "1"],
                          capture_output=True, text=True, timeout=timeout, env=_env())


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("CLAIMGRAPH_DB", "CLAIMGRAPH_MAX_BYTES")}
    return env


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kill") / "corpus"
    write_corpus(folder, N_DOCS)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, pipeline, tmp_path_factory):
    """The same corpus ingested without interruption, in process with the same spaCy model."""
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    store = Store(f"sqlite:///{db}")
    report = ingest([str(corpus)], store, settings=get_settings(), extractor=pipeline.extract_stream)
    assert report.failed == [] and len(report.ingested) == N_DOCS
    data = export_data(store)
    store.dispose()
    return db, data


@pytest.mark.skipif(not CLI.exists(), reason="claimgraph console script not installed in .venv")
def test_sigkill_mid_ingest_then_rerun_equals_uninterrupted_run(corpus, reference, tmp_path):
    ref_db, ref_export = reference
    ref_counts = per_doc_counts(ref_db)
    db = tmp_path / "killed.db"

    proc = subprocess.Popen([str(CLI), "ingest", str(corpus), "--db", str(db), "--processes", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    try:
        deadline = time.monotonic() + 60
        while doc_count(db) < 5 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None or doc_count(db) >= 5, "ingest ended before storing 5 documents"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)

    # The killed store: every stored document is whole (all or none of its extraction rows)
    partial = per_doc_counts(db)
    assert 5 <= len(partial) <= N_DOCS
    for doc_id, counts in partial.items():
        assert doc_id in ref_counts, f"{doc_id} is not a document of the uninterrupted run"
        assert counts == ref_counts[doc_id], f"document {doc_id} half-written after SIGKILL"
    assert sum(orphan_rows(db).values()) == 0

    # Re-run the same command to completion
    done = run_cli(corpus, db)
    assert done.returncode == 0, done.stdout + done.stderr

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        n, distinct_ids, distinct_sources = con.execute(
            "SELECT count(*), count(DISTINCT id), count(DISTINCT source) FROM documents").fetchone()
        dup_mentions = con.execute("SELECT count(*) - count(DISTINCT id) FROM mentions").fetchone()[0]
    finally:
        con.close()
    assert n == distinct_ids == distinct_sources == N_DOCS
    assert dup_mentions == 0
    assert per_doc_counts(db) == ref_counts
    assert sum(orphan_rows(db).values()) == 0

    store = Store(f"sqlite:///{db}")
    try:
        assert canonical(export_data(store)) == canonical(ref_export)
    finally:
        store.dispose()


def _ingest_killed_in_rebuild(corpus: Path, store: Store, extractor, monkeypatch) -> None:
    """Every document is committed, then the process dies inside the cross-document rebuild
    (simulated: rebuild raises KeyboardInterrupt, as a kill between the last commit and the rebuild's)."""
    import claimgraph.run as run_mod

    def dies(*_args, **_kwargs):
        raise KeyboardInterrupt("killed during rebuild")

    with monkeypatch.context() as m:
        m.setattr(run_mod, "rebuild", dies)
        with pytest.raises(KeyboardInterrupt):
            ingest([str(corpus)], store, settings=get_settings(), extractor=extractor)


def test_rerun_after_kill_during_rebuild_completes_the_graph(corpus, reference, pipeline, tmp_path, monkeypatch):
    _ref_db, ref_export = reference
    store = Store(f"sqlite:///{tmp_path / 'rebuild.db'}")
    try:
        _ingest_killed_in_rebuild(corpus, store, pipeline.extract_stream, monkeypatch)
        assert store.counts()["documents"] == N_DOCS
        report = ingest([str(corpus)], store, settings=get_settings(), extractor=pipeline.extract_stream)
        assert report.failed == []
        assert store.counts()["entities"] == len(ref_export["entities"]) > 0
        assert canonical(export_data(store)) == canonical(ref_export)
    finally:
        store.dispose()
