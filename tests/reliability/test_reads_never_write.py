"""Search and the other reads never write: the SQLite full-text index belongs to the schema and is
kept by ingest, so search traffic cannot take the write lock from a running ingest."""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlalchemy import event

from claimgraph.query.search import search_documents
from claimgraph.run import ingest
from claimgraph.store import Store

from .conftest import write_corpus

WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|BEGIN IMMEDIATE)\b", re.IGNORECASE)


@pytest.fixture
def small_store(tmp_path, no_extract):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    ingest([str(p) for p in write_corpus(tmp_path / "c", 4)], store, extractor=no_extract)
    yield store
    store.dispose()


def _record_statements(store: Store) -> list[str]:
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda conn, cur, stmt, *a: seen.append(stmt))
    return seen


def test_search_only_reads(small_store):
    seen = _record_statements(small_store)
    assert search_documents(small_store, "report")["total"] == 4
    assert seen and not [s for s in seen if WRITE.match(s)]


def test_api_search_only_reads(small_store):
    from fastapi.testclient import TestClient

    from claimgraph.api import create_app

    with TestClient(create_app(small_store), base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        seen = _record_statements(small_store)
        r = client.get("/api/search", params={"q": "report"})
        assert r.status_code == 200 and r.json()["documents"]["total"] == 4
        assert client.get("/search", params={"q": "report"}, headers={"accept": "text/html"}).status_code == 200
    assert seen and not [s for s in seen if WRITE.match(s)]


def test_ingest_keeps_the_index(small_store, tmp_path, no_extract):
    """A document stored after the index exists is found at once, with no search-time indexing."""
    (tmp_path / "late.txt").write_text("Harbour pilots at Quillmoor walked out on Tuesday over the new rota.\n\n"
                                       "The port authority said talks would resume.\n", encoding="utf-8")
    ingest([str(tmp_path / "late.txt")], small_store, extractor=no_extract)
    seen = _record_statements(small_store)
    hits = search_documents(small_store, "Quillmoor")
    assert hits["total"] == 1 and "Quillmoor" in hits["items"][0]["snippet"]
    assert not [s for s in seen if WRITE.match(s)]


def test_an_older_store_gains_the_index_on_open(small_store, tmp_path):
    """A store written before the index was part of the schema gets it, filled, when opened."""
    db = small_store.engine.url.database
    small_store.dispose()
    con = sqlite3.connect(db)
    for name in ("documents_fts_ai", "documents_fts_ad", "documents_fts_au"):
        con.execute(f"DROP TRIGGER IF EXISTS {name}")
    con.execute("DROP TABLE documents_fts")
    con.commit()
    con.close()
    store = Store(f"sqlite:///{db}")
    try:
        assert search_documents(store, "report")["total"] == 4
    finally:
        store.dispose()
