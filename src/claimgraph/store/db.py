"""One Store over SQLAlchemy Core: SQLite file by default (WAL), PostgreSQL by URL.

Writes go through `add_document`, one transaction per document, so an interrupted run never leaves
half a document; re-adding a document id that is already stored is a no-op.

Concurrent writers (several ingests into one store): every transaction that writes starts as a write.
On SQLite that is `BEGIN IMMEDIATE` -- a deferred transaction that reads and then writes gets
SQLITE_BUSY at once when another process wrote meanwhile, and busy_timeout never applies to that
upgrade -- and on PostgreSQL a transaction-scoped advisory lock, so the check-then-insert of a
document and a rebuild's delete-then-insert never interleave with another writer's. A transaction is
a write when it is opened with `Store.begin()` or when its first statement writes; taking the write
lock waits (with the busy timeout, then retries) up to WRITE_WAIT_S. Schema creation and upgrades run
in one such transaction, so processes opening a new store together do not race."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Collection, Iterator
from pathlib import Path

from sqlalchemy import Column, Table, create_engine, delete, event, func, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DatabaseError, IntegrityError, SQLAlchemyError

from ..errors import ClaimgraphError, NotFound, StoreError
from ..model import Document, Extraction
from . import schema as t

CHUNK = 500  # values per IN list: well under SQLite's bound-parameter limit
# the tables `Store.counts` counts by default: the documents, what was extracted from them and the graph
COUNTED = ("documents", "failures", "mentions", "quote_occurrences", "claim_evidence", "entities", "quotes", "claims", "copies")
WRITE_WAIT_S = 600.0  # how long a writer waits for another one (a rebuild of a large store takes minutes)
_PG_WRITE_LOCK = 0x636C6169  # the advisory lock key every claimgraph writer on a PostgreSQL database takes
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


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
        # pysqlite only opens a transaction before a write, so two reads on one connection could see
        # two states of a store being written; an explicit BEGIN (SQLAlchemy's documented recipe for
        # the sqlite3 driver) gives every transaction one snapshot -- or the write lock, see above
        event.listen(self.engine, "begin", _on_begin)
        event.listen(self.engine, "before_cursor_execute", _before_execute)
        self._migrate()

    def begin(self):
        """A write transaction (context manager yielding a Connection) that holds the store's write
        lock from its first statement, so it may read and then write without racing other writers."""
        return self.engine.execution_options(claimgraph_write=True).begin()

    @property
    def display_url(self) -> str:
        """The URL with any password masked, for messages and API responses."""
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    # ---- schema -------------------------------------------------------------------------
    def _migrate(self) -> None:
        """Create missing tables. A store from an older schema gets the new (derived) tables empty and
        is marked stale, and `upgraded` is set: `claimgraph.run.open_store` then rebuilds it once.
        A store that is current is only read (so a read-only file opens); otherwise the whole check
        and upgrade is one write transaction, safe to run from several processes at once."""
        self.upgraded = False
        try:
            if self._schema_is_current():
                return
            with self.begin() as c:
                t.metadata.create_all(c)
                _add_missing_columns(c)
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
                if c.dialect.name == "sqlite":
                    for statement in t.SQLITE_SEARCH_INDEX:
                        c.exec_driver_sql(statement)
        except DatabaseError as exc:  # includes "file is not a database" and locked/read-only stores
            raise StoreError(f"cannot open store {self.display_url}: {exc.orig}") from exc

    def _schema_is_current(self) -> bool:
        """Every table (and on SQLite the search index and its triggers) exists at this schema version."""
        from sqlalchemy import inspect

        with self.engine.connect() as c:
            names = set(inspect(c).get_table_names())
            if c.dialect.name == "sqlite":
                names |= {r[0] for r in c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
                wanted = set(t.metadata.tables) | set(t.SQLITE_SEARCH_NAMES)
            else:
                wanted = set(t.metadata.tables)
            if not wanted <= names or _missing_columns(c):
                return False
            version = c.execute(select(t.meta.c.value).where(t.meta.c.key == "schema_version")).scalar()
        if version is not None and int(version) > t.SCHEMA_VERSION:
            raise StoreError(f"store has schema {version}, newer than this claimgraph ({t.SCHEMA_VERSION}); upgrade claimgraph")
        return version is not None and int(version) == t.SCHEMA_VERSION

    # ---- writes -------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as c:
            return c.execute(select(t.documents.c.id).where(t.documents.c.id == doc_id)).first() is not None

    def add_document(self, doc: Document, extraction: Extraction | None = None) -> bool:
        """Store a document and its extraction atomically. Returns False if it was already stored."""
        try:
            with self.begin() as c:
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
                c.execute(insert(t.graph_pending).values(doc_id=doc.id))
            return True
        except IntegrityError:  # stored by another writer between the check and the insert
            if self.has_document(doc.id):
                return False
            raise StoreError("could not write document: integrity error", source=doc.source)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not write document: {_reason(exc)}", source=doc.source) from exc

    def record_failure(self, source: str, error: ClaimgraphError) -> None:
        try:
            with self.engine.begin() as c:
                c.execute(insert(t.failures).values(source=source, code=error.code, message=error.message, at=time.time()))
        except (SQLAlchemyError, StoreError):
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

    def counts(self, tables: tuple[str, ...] = COUNTED) -> dict[str, int]:
        """Rows of `tables` (by name)."""
        with self.engine.connect() as c:
            return {name: c.execute(select(func.count()).select_from(t.metadata.tables[name])).scalar_one() for name in tables}

    def is_stale(self) -> bool:
        """True when some stored documents are not in the graph yet (stored by a run still going, or by
        one killed between the two): the next ingest runs the graph stage even if it stores nothing new."""
        with self.engine.connect() as c:
            built, stored = coverage(c)
        return built != stored

    def mark_rebuilt(self, c: Connection, taken: list[str] | None = None) -> None:
        """Record, inside the graph stage's transaction, how many documents the derived tables cover (all
        stored: the pending documents it took in, `taken`, or all of them, are pending no more), and a
        stamp of this rebuild (see `revision`)."""
        count = c.execute(select(func.count()).select_from(t.documents)).scalar_one()
        if taken is None:
            c.execute(delete(t.graph_pending))
        for part in chunks(taken or ()):
            c.execute(delete(t.graph_pending).where(t.graph_pending.c.doc_id.in_(part)))
        c.execute(delete(t.meta).where(t.meta.c.key.in_(["rebuilt_for_documents", "rebuilt_at"])))
        c.execute(insert(t.meta), [{"key": "rebuilt_for_documents", "value": str(count)},
                                   {"key": "rebuilt_at", "value": str(time.time_ns())}])

    def revision(self) -> str:
        """Changes whenever the derived tables do (every rebuild stamps it): a key for caching views
        built from them. Documents themselves never change once stored."""
        with self.engine.connect() as c:
            rows = dict(c.execute(select(t.meta.c.key, t.meta.c.value)
                                  .where(t.meta.c.key.in_(["rebuilt_for_documents", "rebuilt_at"]))).fetchall())
        return f"{rows.get('rebuilt_for_documents', '')}/{rows.get('rebuilt_at', '')}"

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


def _missing_columns(c: Connection) -> list[tuple[Table, Column]]:
    """Columns of the schema that the store's existing tables lack (create_all adds none)."""
    from sqlalchemy import inspect

    insp = inspect(c)
    have_tables = set(insp.get_table_names())
    out = []
    for table in t.metadata.sorted_tables:
        if table.name in have_tables:
            have = {col["name"] for col in insp.get_columns(table.name)}
            out += [(table, col) for col in table.columns if col.name not in have]
    return out


def _add_missing_columns(c: Connection) -> None:
    """A store from before a column was added gets it in place (ALTER TABLE ... ADD COLUMN), so its rows
    are kept. Only columns an old row can hold are added: nullable ones (quote kind, cue and trigger
    offsets: NULL reads as unknown or direct) and ones with a server default (evidence status: rows
    extracted before it read 'occurred' until their documents are extracted again)."""
    from sqlalchemy.schema import CreateColumn

    for table, col in _missing_columns(c):
        if col.nullable or col.server_default is not None:
            c.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {CreateColumn(col).compile(dialect=c.dialect)}")


def coverage(c: Connection) -> tuple[int, int]:
    """(documents the derived tables cover, documents stored)."""
    built = c.execute(select(t.meta.c.value).where(t.meta.c.key == "rebuilt_for_documents")).scalar()
    return int(built or 0), c.execute(select(func.count()).select_from(t.documents)).scalar_one()


def chunks(values: Collection) -> Iterator[list]:
    """`values` sorted, in lists of at most CHUNK (for IN lists and executemany)."""
    vals = sorted(set(values), key=str)
    for i in range(0, len(vals), CHUNK):
        yield vals[i:i + CHUNK]


def insert_rows(c: Connection, table: Table, rows: list[tuple]) -> None:
    """Rows in the table's column order, through the driver's executemany: for the copy index's millions
    of band rows, SQLAlchemy's per-row parameter handling costs more than the inserts themselves."""
    if not rows:
        return
    mark = "?" if c.dialect.paramstyle == "qmark" else "%s"
    q = c.dialect.identifier_preparer
    cols = ", ".join(q.quote(col.name) for col in table.columns)
    c.exec_driver_sql(f"INSERT INTO {q.format_table(table)} ({cols}) VALUES ({', '.join([mark] * len(table.columns))})", rows)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # the driver's own implicit transactions off: see the "begin" hook
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")  # first: switching a new file to WAL takes a lock too
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _on_begin(conn: Connection) -> None:
    """A transaction opened with Store.begin() takes the write lock now; any other one decides at its
    first statement (see _before_execute)."""
    if conn.get_execution_options().get("claimgraph_write"):
        _take_write_lock(conn)
    else:
        conn.info["claimgraph_pending"] = True


def _before_execute(conn: Connection, _cursor, statement: str, *_args) -> None:
    """Open the pending transaction: as a write if its first statement writes, else as a snapshot read."""
    if not conn.info.pop("claimgraph_pending", False):
        return
    if _WRITES.match(statement):
        _take_write_lock(conn)
    elif conn.dialect.name == "sqlite":
        conn.connection.dbapi_connection.execute("BEGIN")


def _take_write_lock(conn: Connection) -> None:
    """BEGIN IMMEDIATE on SQLite (waiting busy_timeout, then retrying, up to WRITE_WAIT_S); the
    advisory write lock on PostgreSQL (which waits by itself)."""
    conn.info.pop("claimgraph_pending", None)
    raw = conn.connection.dbapi_connection
    if conn.dialect.name == "postgresql":
        raw.execute(f"SELECT pg_advisory_xact_lock({_PG_WRITE_LOCK})")
        return
    if conn.dialect.name != "sqlite":
        return
    import sqlite3

    deadline = time.monotonic() + WRITE_WAIT_S
    while True:
        try:
            raw.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise StoreError(f"store is locked by another writer for over {WRITE_WAIT_S:g}s") from exc
            time.sleep(0.1)


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]
