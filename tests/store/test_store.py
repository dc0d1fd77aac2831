"""The SQLite store: schema, WAL, idempotent ingest, atomic writes, lookups, errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

import claimgraph.store.db as db
from claimgraph.errors import NotFound, StoreError
from claimgraph.model import Document, Extraction, Mention
from claimgraph.run import ingest
from claimgraph.store import Store, normalise_url
from claimgraph.store import schema as t


def make_doc(text: str = "Headline\n\nAlbania expelled the Iranian ambassador.", source: str = "a.txt") -> Document:
    return Document(id=Document.id_for(text), source=source, text=text, title=text.split("\n")[0],
                    authors=("Jane Doe",), published="2019-06-04", outlet="example.com", removed=("By Jane Doe",))


def mention(doc: Document, start: int = 10, end: int = 17) -> Mention:
    return Mention(doc=doc.id, start=start, end=end, text=doc.text[start:end], label="GPE", key="gpe:albania",
                   name="Albania", extractor="claimgraph test")


def db_path(store: Store) -> str:
    return store.url[len("sqlite:///"):]


def test_schema_version_row(tmp_store) -> None:
    with tmp_store.connect() as c:
        rows = c.execute(select(t.meta.c.key, t.meta.c.value)).fetchall()
    assert ("schema_version", str(t.SCHEMA_VERSION)) in [tuple(r) for r in rows]


def test_reopening_keeps_one_schema_row(tmp_path) -> None:
    path = tmp_path / "s.db"
    Store(str(path)).dispose()
    s = Store(str(path))
    with s.connect() as c:
        n = c.execute(select(t.meta.c.key).where(t.meta.c.key == "schema_version")).fetchall()
    s.dispose()
    assert len(n) == 1


def test_newer_schema_is_refused(tmp_path) -> None:
    path = tmp_path / "s.db"
    s = Store(str(path))
    with s.engine.begin() as c:
        c.execute(update(t.meta).where(t.meta.c.key == "schema_version").values(value=str(t.SCHEMA_VERSION + 1)))
    s.dispose()
    with pytest.raises(StoreError) as info:
        Store(str(path))
    assert "newer" in str(info.value) and str(info.value).startswith("[E200]")


def test_wal_mode(tmp_store) -> None:
    if not tmp_store.url.startswith("sqlite"):
        pytest.skip("a SQLite setting")
    tmp_store.add_document(make_doc())
    con = sqlite3.connect(db_path(tmp_store))
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()


def test_foreign_keys_on(tmp_store) -> None:
    if not tmp_store.url.startswith("sqlite"):
        pytest.skip("a SQLite setting")
    with tmp_store.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_add_document_round_trip(tmp_store) -> None:
    doc = make_doc()
    assert tmp_store.add_document(doc, Extraction(doc=doc.id, mentions=(mention(doc),))) is True
    row = tmp_store.document(doc.id)
    assert row["text"] == doc.text and row["title"] == "Headline"
    assert row["authors"] == ["Jane Doe"] and row["removed"] == ["By Jane Doe"]
    assert row["published"] == "2019-06-04" and row["outlet"] == "example.com"
    assert row["extractor"] == "claimgraph test"
    assert tmp_store.counts()["mentions"] == 1


def test_add_same_document_twice_is_a_noop(tmp_store) -> None:
    doc = make_doc()
    assert tmp_store.add_document(doc, Extraction(doc=doc.id, mentions=(mention(doc),))) is True
    assert tmp_store.add_document(doc, Extraction(doc=doc.id, mentions=(mention(doc),))) is False
    counts = tmp_store.counts()
    assert counts["documents"] == 1 and counts["mentions"] == 1
    assert tmp_store.has_document(doc.id)


def test_add_document_is_atomic_when_extraction_write_fails(tmp_store, monkeypatch) -> None:
    doc = make_doc()
    real = db._write_extraction

    def write_then_fail(c, doc_id, ex):
        real(c, doc_id, ex)  # the document and its mentions are written in this transaction ...
        raise OperationalError("INSERT INTO claim_evidence", {}, Exception("disk I/O error"))  # ... then it breaks

    monkeypatch.setattr(db, "_write_extraction", write_then_fail)
    with pytest.raises(StoreError) as info:
        tmp_store.add_document(doc, Extraction(doc=doc.id, mentions=(mention(doc),)))
    assert str(info.value).startswith("[E200]") and "disk I/O error" in str(info.value)
    assert not tmp_store.has_document(doc.id)
    counts = tmp_store.counts()
    assert counts["documents"] == 0 and counts["mentions"] == 0

    monkeypatch.setattr(db, "_write_extraction", real)  # the next attempt succeeds from scratch
    assert tmp_store.add_document(doc, Extraction(doc=doc.id, mentions=(mention(doc),))) is True
    assert tmp_store.counts()["mentions"] == 1


def test_add_document_is_atomic_on_integrity_error(tmp_store) -> None:
    doc = make_doc()
    m = mention(doc)
    with pytest.raises(StoreError):
        tmp_store.add_document(doc, Extraction(doc=doc.id, mentions=(m, m)))  # duplicate mention id
    assert tmp_store.counts()["documents"] == 0
    assert tmp_store.counts()["mentions"] == 0


def test_idempotent_reingest_of_seeds(seeds_dir, tmp_store, no_extract) -> None:
    first = ingest([str(seeds_dir)], tmp_store, extractor=no_extract)
    n = len(list(seeds_dir.glob("*.txt")))
    assert first.ok and len(first.ingested) == n
    counts = tmp_store.counts()
    assert counts["documents"] == n
    second = ingest([str(seeds_dir)], tmp_store, extractor=no_extract)
    assert second.ok
    assert second.ingested == []
    assert len(second.unchanged) == n
    assert tmp_store.counts() == counts


def test_document_by_unique_prefix(tmp_store) -> None:
    a = make_doc("Headline A\n\nText one.", "a.txt")
    b = make_doc("Headline B\n\nText two.", "b.txt")
    tmp_store.add_document(a)
    tmp_store.add_document(b)
    assert tmp_store.document(a.id)["source"] == "a.txt"
    # the shortest prefix that tells them apart
    k = next(i for i in range(1, len(a.id) + 1) if a.id[:i] != b.id[:i])
    assert tmp_store.document(a.id[:k])["id"] == a.id
    assert tmp_store.document(b.id[:k])["id"] == b.id
    with pytest.raises(NotFound) as info:
        tmp_store.document("d")  # every id starts with 'd'
    assert "2 documents" in str(info.value)


def test_unknown_id_is_not_found(tmp_store) -> None:
    tmp_store.add_document(make_doc())
    with pytest.raises(NotFound) as info:
        tmp_store.document("dffffffffffffffff")
    assert str(info.value).startswith("[E404]")


def test_document_lookup_does_not_treat_input_as_wildcard(tmp_store) -> None:
    tmp_store.add_document(make_doc())
    with pytest.raises(NotFound):
        tmp_store.document("%")


def test_store_in_missing_folder(tmp_path) -> None:
    with pytest.raises(StoreError) as info:
        Store(str(tmp_path / "no" / "such" / "folder" / "x.db"))
    assert str(info.value).startswith("[E200]")
    assert not (tmp_path / "no").exists()


def test_store_with_bad_url() -> None:
    with pytest.raises(StoreError):
        Store("nosuchdialect://user@host/db")


def test_store_on_a_file_that_is_not_sqlite(tmp_path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database " * 100)
    with pytest.raises(StoreError) as info:
        Store(str(path))
    assert str(info.value).startswith("[E200]")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("my.db", "sqlite:///my.db"),
        ("/abs/path/x.db", "sqlite:////abs/path/x.db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_normalise_url(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


def test_documents_in_ingest_order(tmp_store) -> None:
    docs = [make_doc(f"Headline {i}\n\nText {i}.", f"{i}.txt") for i in range(3)]
    for d in docs:
        tmp_store.add_document(d)
    assert [d["source"] for d in tmp_store.documents()] == ["0.txt", "1.txt", "2.txt"]


def test_record_failure(tmp_store) -> None:
    from claimgraph.errors import EmptyDocument

    tmp_store.record_failure("x.txt", EmptyDocument("file is empty"))
    assert tmp_store.counts()["failures"] == 1
    with tmp_store.connect() as c:
        row = c.execute(select(t.failures.c.source, t.failures.c.code, t.failures.c.message)).one()
    assert tuple(row) == ("x.txt", "E101", "file is empty")


def test_sqlite_file_is_created_where_asked(tmp_path) -> None:
    path = tmp_path / "here.db"
    s = Store(str(path))
    s.add_document(make_doc())
    s.dispose()
    assert path.is_file() and Path(str(path)).stat().st_size > 0


def test_store_from_before_quote_kinds_gains_the_columns_and_keeps_rows(upgraded_store) -> None:
    """A store written before quote kinds and cue offsets gets the columns in place; old rows read as direct."""
    from sqlalchemy import inspect, text

    store = upgraded_store(
        'CREATE TABLE quote_occurrences (id VARCHAR(40) PRIMARY KEY, doc_id VARCHAR(40) NOT NULL, '
        'start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, cue VARCHAR(64), '
        'speaker_key VARCHAR(200), speaker_text TEXT, speaker_start INTEGER, speaker_end INTEGER, '
        'said_on VARCHAR(32), extractor VARCHAR(64) NOT NULL)',
        "INSERT INTO quote_occurrences VALUES ('qo1', 'd1', 0, 5, 'hello', 'said', NULL, NULL, "
        "NULL, NULL, NULL, 'claimgraph 0.0')")
    cols = {c["name"] for c in inspect(store.engine).get_columns("quote_occurrences")}
    assert {"kind", "cue_start", "cue_end"} <= cols
    with store.connect() as c:
        assert c.execute(text("SELECT text, kind FROM quote_occurrences")).fetchall() == [("hello", None)]
