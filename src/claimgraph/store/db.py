"""One Store over SQLAlchemy Core: SQLite file by default (WAL), PostgreSQL by URL.

Writes go through `add_document`, one transaction per document, so an interrupted run never leaves
half a document; re-adding a document id that is already stored is a no-op."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event, func, insert, select, delete
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DatabaseError, SQLAlchemyError

from ..errors import ClaimgraphError, NotFound, StoreError
from ..model import Document, Extraction
from . import schema as t


def normalise_url(url: str) -> str:
    """Accept a bare path ('my.db') as well as a SQLAlchemy URL; PostgreSQL URLs use psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


class Store:
    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        try:
            if self.url.startswith("sqlite:///"):
                path = Path(self.url[len("sqlite:///"):].split("?", 1)[0])
                if str(path) not in ("", ":memory:") and not str(path).startswith("file:") and not path.parent.exists():
                    raise StoreError(f"folder {path.parent} does not exist", source=str(path))
            self.engine: Engine = create_engine(self.url, future=True)
        except (ArgumentError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open store {url!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            # pysqlite only opens a transaction before a write, so two reads on one connection could
            # see two states of a store being written; an explicit BEGIN gives every connection one
            # snapshot (SQLAlchemy's documented recipe for the sqlite3 driver)
            event.listen(self.engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        self._migrate()

    @property
    def display_url(self) -> str:
        """The URL with any password masked, for messages and API responses."""
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    # ---- schema -------------------------------------------------------------------------
    def _migrate(self) -> None:
        """Create missing tables. A store from an older schema gets the new (derived) tables empty and
        is marked stale, and `upgraded` is set: `claimgraph.run.open_store` then rebuilds it once."""
        self.upgraded = False
        try:
            t.metadata.create_all(self.engine)
            _add_missing_columns(self.engine)
            with self.engine.begin() as c:
                row = c.execute(select(t.meta.c.value).where(t.meta.c.key == "schema_version")).first()
                if row is None:
                    c.execute(insert(t.meta).values(key="schema_version", value=str(t.SCHEMA_VERSION)))
                elif int(row[0]) > t.SCHEMA_VERSION:
                    raise StoreError(f"store has schema {row[0]}, newer than this claimgraph ({t.SCHEMA_VERSION}); upgrade claimgraph")
                elif int(row[0]) < t.SCHEMA_VERSION:
                    c.execute(delete(t.meta).where(t.meta.c.key.in_(["schema_version", "rebuilt_for_documents"])))
                    c.execute(insert(t.meta).values(key="schema_version", value=str(t.SCHEMA_VERSION)))
                    for table in t.metadata.sorted_tables:  # create_all adds no index to a table that exists
                        for index in table.indexes:
                            index.create(c, checkfirst=True)
                    self.upgraded = True
        except DatabaseError as exc:  # includes "file is not a database" and locked/read-only stores
            raise StoreError(f"cannot open store {self.display_url}: {exc.orig}") from exc

    # ---- writes -------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as c:
            return c.execute(select(t.documents.c.id).where(t.documents.c.id == doc_id)).first() is not None

    def add_document(self, doc: Document, extraction: Extraction | None = None) -> bool:
        """Store a document and its extraction atomically. Returns False if it was already stored."""
        try:
            with self.engine.begin() as c:
                if c.execute(select(t.documents.c.id).where(t.documents.c.id == doc.id)).first():
                    return False
                c.execute(insert(t.documents).values(
                    id=doc.id, source=doc.source, url=doc.url, title=doc.title, authors=json.dumps(list(doc.authors)),
                    published=doc.published, outlet=doc.outlet, wire=doc.wire, dateline=doc.dateline, text=doc.text,
                    removed=json.dumps(list(doc.removed), ensure_ascii=False),
                    extractor=extraction.mentions[0].extractor if extraction and extraction.mentions else None,
                    ingested_at=time.time()))
                if extraction is not None:
                    _write_extraction(c, doc.id, extraction)
            return True
        except SQLAlchemyError as exc:
            raise StoreError(f"could not write document: {_reason(exc)}", source=doc.source) from exc

    def record_failure(self, source: str, error: ClaimgraphError) -> None:
        try:
            with self.engine.begin() as c:
                c.execute(insert(t.failures).values(source=source, code=error.code, message=error.message, at=time.time()))
        except SQLAlchemyError:
            pass  # the failure is still reported to the user; losing its log row must not stop the batch

    # ---- reads --------------------------------------------------------------------------
    def connect(self) -> Connection:
        return self.engine.connect()

    def documents(self) -> Iterator[dict]:
        with self.engine.connect() as c:
            for row in c.execute(select(t.documents).order_by(t.documents.c.ingested_at, t.documents.c.id)):
                yield _doc_row(row._mapping)

    def document(self, doc_id: str) -> dict:
        with self.engine.connect() as c:
            if not doc_id.isalnum():  # ids are hex: no LIKE wildcards from the user
                raise NotFound(f"no document with id {doc_id!r}")
            # a whole id is one index lookup; only a prefix (typed at the CLI) needs the LIKE scan
            rows = (c.execute(select(t.documents).where(t.documents.c.id == doc_id)).fetchall()
                    or c.execute(select(t.documents).where(t.documents.c.id.like(f"{doc_id}%"))).fetchall())
        if not rows:
            raise NotFound(f"no document with id {doc_id!r}")
        if len(rows) > 1:
            raise NotFound(f"id prefix {doc_id!r} matches {len(rows)} documents; give more characters")
        return _doc_row(rows[0]._mapping)

    def counts(self) -> dict[str, int]:
        out = {}
        with self.engine.connect() as c:
            for table in (t.documents, t.failures, t.mentions, t.quote_occurrences, t.claim_evidence,
                          t.entities, t.quotes, t.claims, t.copies):
                out[table.name] = c.execute(select(func.count()).select_from(table)).scalar_one()
        return out

    def is_stale(self) -> bool:
        """True when documents were stored after the last rebuild finished (say the run was killed
        between the two): the next ingest rebuilds even if it stores nothing new."""
        with self.engine.connect() as c:
            built = c.execute(select(t.meta.c.value).where(t.meta.c.key == "rebuilt_for_documents")).scalar()
            count = c.execute(select(func.count()).select_from(t.documents)).scalar_one()
        return str(count) != (built or "0")

    def mark_rebuilt(self, c: Connection) -> None:
        """Record, inside the rebuild's transaction, how many documents the derived tables cover."""
        count = c.execute(select(func.count()).select_from(t.documents)).scalar_one()
        c.execute(delete(t.meta).where(t.meta.c.key == "rebuilt_for_documents"))
        c.execute(insert(t.meta).values(key="rebuilt_for_documents", value=str(count)))

    def clear_derived(self, c: Connection) -> None:
        for table in t.DERIVED:
            c.execute(delete(table))

    def dispose(self) -> None:
        self.engine.dispose()


def _doc_row(m) -> dict:
    d = dict(m)
    d["authors"] = json.loads(d["authors"] or "[]")
    d["removed"] = json.loads(d["removed"] or "[]")
    return d


def _write_extraction(c: Connection, doc_id: str, ex: Extraction) -> None:
    if ex.mentions:
        c.execute(insert(t.mentions), [dict(id=m.id, doc_id=doc_id, start=m.start, end=m.end, text=m.text, label=m.label,
                                            key=m.key, name=m.name, extractor=m.extractor) for m in ex.mentions])
    if ex.descriptions:
        c.execute(insert(t.descriptions), [dict(doc_id=doc_id, key=d.key, text=d.text, start=d.start, end=d.end)
                                           for d in ex.descriptions])
    if ex.sources:
        c.execute(insert(t.doc_sources), [dict(doc_id=doc_id, key=k, name=n, label=lab) for k, (n, lab) in ex.sources.items()])
    if ex.quotes:
        c.execute(insert(t.quote_occurrences), [dict(
            id=q.id, doc_id=doc_id, start=q.start, end=q.end, text=q.text, cue=q.cue, speaker_key=q.speaker_key,
            speaker_text=q.speaker_text, speaker_start=q.speaker_start, speaker_end=q.speaker_end, said_on=q.said_on,
            extractor=q.extractor, kind=q.kind, cue_start=q.cue_start, cue_end=q.cue_end) for q in ex.quotes])
    if ex.claims:
        rows = {}
        for cl in ex.claims:
            e = cl.evidence
            rows[cl.id] = dict(
                id=cl.id, doc_id=doc_id, subject_key=cl.subject, predicate=cl.predicate, object_key=cl.object,
                value=cl.value, time=cl.time, place_key=cl.place, start=e.start, end=e.end, text=e.text,
                modality=e.modality, status=e.status, attributed_key=e.attributed_to, quote_occurrence=e.quote, trigger=cl.trigger,
                trigger_start=cl.trigger_start, trigger_end=cl.trigger_end, extractor=e.extractor)
        c.execute(insert(t.claim_evidence), list(rows.values()))


def _add_missing_columns(engine) -> None:
    """A store from before a column was added gets it in place (ALTER TABLE ... ADD COLUMN), so its rows
    are kept; create_all only creates missing tables. Only columns an old row can hold are added:
    nullable ones (quote kind, cue offsets: NULL reads as direct) and ones with a server default
    (evidence status: rows extracted before it read 'occurred' until their documents are extracted again)."""
    from sqlalchemy import inspect
    from sqlalchemy.schema import CreateColumn

    insp = inspect(engine)
    with engine.begin() as c:
        for table in t.metadata.sorted_tables:
            have = {col["name"] for col in insp.get_columns(table.name)}
            for col in table.columns:
                if col.name not in have and (col.nullable or col.server_default is not None):
                    c.exec_driver_sql(f'ALTER TABLE {table.name} ADD COLUMN {CreateColumn(col).compile(dialect=engine.dialect)}')


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # the driver's own implicit transactions off: see the "begin" hook
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]
