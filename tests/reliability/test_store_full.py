"""A store that stops accepting writes in the middle of a run (disk full, read-only) fails each document
with one clear StoreError line, and what is already stored stays whole and consistent."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from claimgraph.model import Extraction, Mention
from claimgraph.run import ingest
from claimgraph.settings import get_settings
from claimgraph.store import Store

from .conftest import orphan_rows, write_corpus


def word_mentions(docs):
    """A stand-in extractor (no spaCy): every capitalised word is a mention, so documents have rows in
    `mentions` whose writes can fail after the document row went in."""
    out = []
    for d in docs:
        ms = tuple(Mention(doc=d.id, start=m.start(), end=m.end(), text=m.group(), label="ORG", key=f"k:{m.group()}",
                           name=m.group(), extractor="test") for m in re.finditer(r"\b[A-Z][a-z]+\b", d.text))
        out.append(Extraction(doc=d.id, mentions=ms))
    return out


def _snapshot(db: Path) -> tuple[int, int, dict]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        mentions = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
        per_doc = dict(con.execute("SELECT doc_id, count(*) FROM mentions GROUP BY doc_id").fetchall())
    finally:
        con.close()
    return docs, mentions, per_doc


def _assert_one_line_store_errors(report, sources: list[Path]) -> None:
    failed = dict(report.failed)
    for p in sources:
        assert str(p) in failed, f"{p} not reported as failed"
        why = failed[str(p)]
        assert why.startswith("[E200]") and "\n" not in why, why
        assert "Traceback" not in why and len(why) < 400, why
    assert report.ingested == []


@pytest.fixture
def seeded(tmp_path):
    """A SQLite store holding 5 documents with their mentions, plus 5 more articles not yet ingested."""
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 10)
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir(), later.mkdir()
    for i, p in enumerate(paths):
        # later articles are long, so storing them needs new pages
        target = (first if i < 5 else later) / p.name
        target.write_text(p.read_text(encoding="utf-8") * (1 if i < 5 else 40), encoding="utf-8")
    db = tmp_path / "store.db"
    store = Store(f"sqlite:///{db}")
    report = ingest([str(first)], store, settings=get_settings(), extractor=word_mentions)
    assert report.failed == [] and len(report.ingested) == 5
    store.dispose()
    return db, sorted(later.iterdir())


def test_disk_full_mid_run_fails_each_document_and_keeps_store_consistent(seeded):
    db, later = seeded
    before = _snapshot(db)
    store = Store(f"sqlite:///{db}")

    @event.listens_for(store.engine, "connect")
    def _full_disk(dbapi_conn, _record):
        # SQLite itself refuses to grow the file from here on: SQLITE_FULL, "database or disk is full"
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    store.engine.dispose()  # reconnect with the limit
    try:
        report = ingest([str(p) for p in later], store, settings=get_settings(), extractor=word_mentions)
    finally:
        store.dispose()
    _assert_one_line_store_errors(report, later)
    assert any("full" in why for _s, why in report.failed), report.failed
    assert _snapshot(db) == before
    assert sum(orphan_rows(db).values()) == 0


def test_write_failure_after_the_document_row_rolls_the_document_back(seeded):
    """The documents row is inserted, then the mentions insert fails (disk full): no half document."""
    db, later = seeded
    before = _snapshot(db)
    store = Store(f"sqlite:///{db}")

    @event.listens_for(store.engine, "before_cursor_execute")
    def _fail_mentions(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO MENTIONS"):
            raise sqlite3.OperationalError("database or disk is full")

    try:
        report = ingest([str(p) for p in later], store, settings=get_settings(), extractor=word_mentions)
        assert store.counts()["documents"] == before[0]
    finally:
        store.dispose()
    _assert_one_line_store_errors(report, later)
    assert all("database or disk is full" in why for _s, why in report.failed), report.failed
    assert _snapshot(db) == before
    assert sum(orphan_rows(db).values()) == 0

    # once the disk has room again, the same run stores them whole
    store = Store(f"sqlite:///{db}")
    try:
        again = ingest([str(p) for p in later], store, settings=get_settings(), extractor=word_mentions)
        assert again.failed == [] and len(again.ingested) == len(later)
    finally:
        store.dispose()
    docs, _m, per_doc = _snapshot(db)
    assert docs == before[0] + len(later)
    assert len(per_doc) == docs  # every document has its mentions


def test_read_only_store_fails_each_document_cleanly(seeded):
    db, later = seeded
    before = _snapshot(db)
    store = Store(f"sqlite:///file:{db}?mode=ro&uri=true")
    try:
        assert store.counts()["documents"] == before[0]
        report = ingest([str(p) for p in later], store, settings=get_settings(), extractor=word_mentions)
    finally:
        store.dispose()
    _assert_one_line_store_errors(report, later)
    assert _snapshot(db) == before
    assert sum(orphan_rows(db).values()) == 0
