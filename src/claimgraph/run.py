"""The orchestrator: sources -> clean -> extract -> store, then the cross-document stages (resolve,
corroborate): updated for the new documents when the store was current, else rebuilt over the whole
store. CLI, API and tests all ingest through `ingest()`."""

from __future__ import annotations

import os
import signal
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice

from .clean import clean_document
from .errors import ClaimgraphError, ExtractError, InputError
from .ingest.sources import Item, expand, iter_items
from .model import Document, Extraction, RawDocument
from .settings import Settings, get_settings
from .store import Store
from .timings import timed


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)   # document ids newly stored
    unchanged: list[str] = field(default_factory=list)  # sources whose clean text was already stored
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, "[code] message")
    sources: int = 0  # files and URLs found to read
    skipped: dict[str, int] = field(default_factory=dict)  # files in folders not in a supported format, by extension
    # claim id -> (documents, independent) before the graph stage, for the claims it regrouped (watch's "was 3")
    claims_before: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict:
        return {"ingested": len(self.ingested), "unchanged": len(self.unchanged), "failed": len(self.failed),
                "failures": [{"source": s, "error": e} for s, e in self.failed], "skipped": self.skipped}


# Takes a (lazy) stream of documents, yields one Extraction per document in the same order.
Extractor = Callable[[Iterable[Document]], Iterable[Extraction]]

PARALLEL_FROM = 64  # documents: below this, starting worker processes costs more than it saves


def default_extractor(settings: Settings, n_documents: int = 0) -> Extractor:
    """spaCy on one process, or on every core when there are PARALLEL_FROM documents or more to
    extract (documents, not sources: one feed or JSON Lines file may hold thousands)."""
    with timed("import extract"):
        from .extract import Pipeline, cpu_count
    processes = settings.processes or (cpu_count() if n_documents >= PARALLEL_FROM else 1)
    with timed("load model"):
        return Pipeline(settings.spacy_model, n_process=processes).extract_stream


# pid of the ingest whose forked workers must die with it (0: none), and whether the hook is installed
_dying_with = {"parent": 0, "registered": False}


def _die_with_parent() -> None:
    """In a process just forked by an ingest (a spaCy worker): have the kernel kill it when the ingest
    dies, even by SIGKILL -- otherwise it waits on its pipe forever, holding memory and the store."""
    parent = _dying_with["parent"]
    if not parent or not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the ingest died before the line above
        os._exit(1)


@contextmanager
def workers_die_with_parent() -> Iterator[None]:
    """Worker processes forked inside this block die with this process (Linux)."""
    if not _dying_with["registered"]:
        os.register_at_fork(after_in_child=_die_with_parent)
        _dying_with["registered"] = True
    previous, _dying_with["parent"] = _dying_with["parent"], os.getpid()
    try:
        yield
    finally:
        _dying_with["parent"] = previous


def ingest(inputs: Iterable[str], store: Store, *, settings: Settings | None = None,
           extractor: Extractor | None = None, on_source: Callable[[str], None] | None = None,
           on_total: Callable[[int], None] | None = None, items: Iterable[Item] = ()) -> IngestReport:
    """Ingest files, folders and URLs into `store`, and `items` already read (the articles of a feed
    that `watch` fetched). Per-source failures are recorded and reported; the batch goes on.
    Re-ingesting content already stored is a no-op.

    Documents stream through: sources are read and cleaned lazily while the extractor (spaCy's
    nlp.pipe, on several processes for large inputs) consumes them, so memory stays flat."""
    settings = settings or get_settings()
    report = IngestReport()
    skipped: Counter = Counter()
    sources = list(expand(inputs, skipped))
    report.sources, report.skipped = len(sources), dict(skipped.most_common())
    if on_total:
        on_total(len(sources))
    queue: deque[Document] = deque()

    def fail(source: str, exc: ClaimgraphError) -> None:
        exc.source = exc.source or source
        report.failed.append((source, str(exc)))
        store.record_failure(source, exc)

    def read(found: Iterable[Item]) -> Iterator[RawDocument]:
        for item in found:
            if item.error is not None:
                fail(item.source, item.error)
            else:
                yield item.raw

    def raws() -> Iterator[RawDocument]:
        for src in sources:
            if isinstance(src, InputError):
                fail(src.source or "?", src)
            else:
                yield from read(iter_items([src], settings))
            if on_source:
                on_source(src if isinstance(src, str) else (src.source or "?"))
        yield from read(items)

    def cleaned() -> Iterator[Document]:
        seen: set[str] = set()
        for raw in raws():
            try:
                doc = clean_document(raw)
            except InputError as exc:
                fail(raw.source, exc)
                continue
            if doc.id in seen or store.has_document(doc.id):
                report.unchanged.append(raw.source)
                continue
            seen.add(doc.id)
            queue.append(doc)
            yield doc

    def write(doc: Document, ex: Extraction) -> None:
        if ex.error:
            fail(doc.source, ExtractError(ex.error))
            return
        try:
            if store.add_document(doc, ex):
                report.ingested.append(doc.id)
            else:
                report.unchanged.append(doc.source)
        except ClaimgraphError as exc:
            fail(doc.source, exc)

    with workers_die_with_parent():
        if settings.scheduler or settings.dask_workers:
            _ingest_on_dask(raws(), settings, store, report, write)
        else:
            docs = cleaned()
            head = list(islice(docs, PARALLEL_FROM))  # enough to decide whether workers pay off
            if head:  # nothing new (all stored already, or all failed): no spaCy to load
                for ex in (extractor or default_extractor(settings, len(head)))(chain(head, docs)):
                    write(queue.popleft(), ex)
    if report.ingested or store.is_stale():
        with timed("graph"):  # the cross-document stage (CLAIMGRAPH_TIMINGS: see timings.py)
            report.claims_before = rebuild(store, update=True)["claims_before"]
    return report


def _ingest_on_dask(raws: Iterator[RawDocument], settings: Settings, store: Store, report: IngestReport, write) -> None:
    """Cleaning and extraction on Dask workers; reading sources and writing the store stay here."""
    from .distributed import connect, process_stream

    client = connect(settings.scheduler, settings.dask_workers)
    try:
        seen: set[str] = set()
        for raw, doc, ex, err in process_stream(client, raws, settings.spacy_model):
            if err is not None:
                report.failed.append((raw.source, err))
                store.record_failure(raw.source, InputError(err.split("] ", 1)[-1], source=raw.source))
            elif doc.id in seen or store.has_document(doc.id):
                report.unchanged.append(raw.source)
            else:
                seen.add(doc.id)
                write(doc, ex)
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None and not settings.scheduler:
            cluster.close()


def open_store(url: str) -> Store:
    """Open a store for use; one written by an older claimgraph has its derived tables rebuilt here,
    once, from the stored per-document rows (nothing is re-extracted and nothing is lost)."""
    store = Store(url)
    if store.upgraded:
        rebuild(store)
    return store


def rebuild(store: Store, update: bool = False) -> dict:
    """Recompute the cross-document tables (entities, grouped quotes and claims, copies, support) from
    the stored per-document rows; returns counts. With `update`, only what the documents stored since
    the last graph stage touch is recomputed (`update_store`: the same rows; it rebuilds a store whose
    derived tables were not current)."""
    with timed("import resolve"):
        from .resolve import resolve_store, update_store
    return update_store(store) if update else resolve_store(store)


def extract_one(path: str, settings: Settings | None = None, extractor: Extractor | None = None) -> dict:
    """Clean and extract one article and return it in the export structure, storing nothing
    lasting (a throw-away store in a temporary folder does the grouping)."""
    import tempfile

    from .query import export_data

    settings = settings or get_settings()
    for item in iter_items([path], settings):
        if item.error is not None:
            raise item.error
        doc = clean_document(item.raw)
        ex = next(iter((extractor or default_extractor(settings))([doc])))
        if ex.error:
            raise ExtractError(ex.error, source=path)
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(f"sqlite:///{tmp}/one.db")
            store.add_document(doc, ex)
            rebuild(store)
            data = export_data(store)
            store.dispose()
        return data
    raise InputError("no article found", source=path)
