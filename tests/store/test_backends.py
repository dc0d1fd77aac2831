"""The same store on SQLite and on PostgreSQL.

PostgreSQL tests run when CLAIMGRAPH_TEST_PG holds a server URL (postgresql://user:pw@host/db;
.ci/run starts one on loopback); each test gets a schema of its own in that database, dropped
afterwards. Without the variable they are skipped, and the SQLite side still runs."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, select, text

from claimgraph.errors import NotFound, StoreError
from claimgraph.model import Document, Extraction, Mention
from claimgraph.query import export_data
from claimgraph.run import ingest
from claimgraph.store import Store, normalise_url
from claimgraph.store import schema as t

PG_URL = os.environ.get("CLAIMGRAPH_TEST_PG")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
needs_pg = pytest.mark.skipif(not PG_URL, reason="CLAIMGRAPH_TEST_PG is not set (a postgresql:// URL of a test "
                                                 "database); .ci/run sets it")


def _pg_store(schema: str) -> Store:
    sep = "&" if "?" in PG_URL else "?"
    return Store(f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}")


@pytest.fixture
def pg_schema():
    """A fresh, empty PostgreSQL schema name; dropped with everything in it after the test."""
    name = f"cg_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(PG_URL))
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{name}"'))
    yield name
    with admin.begin() as c:
        c.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=needs_pg)])
def store(request, tmp_path):
    """An empty store on each backend."""
    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'store.db'}")
    else:
        s = _pg_store(request.getfixturevalue("pg_schema"))
    yield s
    s.dispose()


def make_doc(text: str = "Headline\n\nAlbania expelled the Iranian ambassador.", source: str = "a.txt") -> Document:
    return Document(id=Document.id_for(text), source=source, text=text, title=text.split("\n")[0],
                    authors=("Jane Doe",), published="2019-06-04", outlet="example.com", removed=("By Jane Doe",))


def mention(doc: Document, start: int = 10, end: int = 17) -> Mention:
    return Mention(doc=doc.id, start=start, end=end, text=doc.text[start:end], label="GPE", key="gpe:albania",
                   name="Albania", extractor="claimgraph test")


def test_backend_is_the_one_asked_for(store) -> None:
    assert store.engine.dialect.name in ("sqlite", "postgresql")
    if store.engine.dialect.name == "postgresql":
        assert store.url.startswith("postgresql+psycopg://")
    with store.connect() as c:
        assert c.execute(select(t.meta.c.value).where(t.meta.c.key == "schema_version")).scalar_one() == str(t.SCHEMA_VERSION)


def test_round_trip_and_idempotence(store) -> None:
    doc = make_doc()
    assert store.add_document(doc, Extraction(doc=doc.id, mentions=(mention(doc),))) is True
    assert store.add_document(doc, Extraction(doc=doc.id, mentions=(mention(doc),))) is False
    row = store.document(doc.id[:8])
    assert row["text"] == doc.text and row["authors"] == ["Jane Doe"] and row["removed"] == ["By Jane Doe"]
    counts = store.counts()
    assert counts["documents"] == 1 and counts["mentions"] == 1


def test_failed_write_leaves_nothing(store) -> None:
    doc = make_doc()
    m = mention(doc)
    with pytest.raises(StoreError):
        store.add_document(doc, Extraction(doc=doc.id, mentions=(m, m)))  # duplicate mention id
    assert store.counts()["documents"] == 0 and store.counts()["mentions"] == 0
    assert store.add_document(doc, Extraction(doc=doc.id, mentions=(m,))) is True


def test_prefix_lookup(store) -> None:
    a, b = make_doc("one\n\nfirst text"), make_doc("two\n\nsecond text", source="b.txt")
    store.add_document(a)
    store.add_document(b)
    k = next(i for i in range(1, 40) if a.id[:i] != b.id[:i])
    assert store.document(a.id[:k])["id"] == a.id
    with pytest.raises(NotFound):
        store.document("d")  # every id starts with 'd': ambiguous
    with pytest.raises(NotFound):
        store.document("d%")  # no LIKE wildcards from the user


def test_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open store"):
        Store("postgresql://nobody:secret@127.0.0.1:1/nothing?connect_timeout=2")


def _ingest_examples(store: Store, extractor) -> dict:
    report = ingest([str(EXAMPLES)], store, extractor=extractor)
    assert report.ok and len(report.ingested) > 0, report.as_dict()
    again = ingest([str(EXAMPLES)], store, extractor=extractor)
    assert not again.ingested and len(again.unchanged) == len(report.ingested)
    return export_data(store)


def _canonical(data: dict) -> dict:
    """Lists of records sorted by id (by content where they have none), so that row order, which
    neither backend promises, does not count; lists of strings (authors, aliases) keep their order."""
    def key(x: dict) -> str:
        return x["id"] if "id" in x else json.dumps(x, sort_keys=True)

    def walk(v):
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            return sorted((walk(x) for x in v), key=key)
        return v

    return walk(data)


@needs_pg
def test_same_export_from_both_backends(tmp_path, pg_schema) -> None:
    """The examples through the real pipeline (spaCy, resolve, corroborate) give the same JSON
    export from SQLite and from PostgreSQL."""
    from claimgraph.extract import Pipeline

    extractor = Pipeline().extract_stream
    lite, pg = Store(f"sqlite:///{tmp_path / 'lite.db'}"), _pg_store(pg_schema)
    try:
        a, b = _ingest_examples(lite, extractor), _ingest_examples(pg, extractor)
        assert pg.engine.dialect.name == "postgresql"
        assert lite.counts() == pg.counts()
    finally:
        lite.dispose()
        pg.dispose()
    assert a["claims"] and a["entities"] and a["quotes"]
    for key in ("documents", "entities", "quotes", "claims", "copies"):
        assert _canonical(a[key]) == _canonical(b[key]), key
