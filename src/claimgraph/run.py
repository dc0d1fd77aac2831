"""The orchestrator: sources -> clean -> extract -> store, then the cross-document stages
(resolve, corroborate) over the whole store. CLI, API and tests all ingest through `ingest()`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .clean import clean_document
from .errors import ClaimgraphError, InputError
from .ingest.sources import expand, iter_items
from .model import Document, Extraction
from .settings import Settings, get_settings
from .store import Store

BATCH = 32  # documents extracted together: big enough for nlp.pipe, small enough for flat memory


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)   # document ids newly stored
    unchanged: list[str] = field(default_factory=list)  # sources whose clean text was already stored
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, "[code] message")

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict:
        return {"ingested": len(self.ingested), "unchanged": len(self.unchanged), "failed": len(self.failed),
                "failures": [{"source": s, "error": e} for s, e in self.failed]}


Extractor = Callable[[list[Document]], list[Extraction]]


def default_extractor(settings: Settings) -> Extractor:
    from .extract import Pipeline

    pipeline = Pipeline(settings.spacy_model)
    return pipeline.extract_many


def ingest(inputs: Iterable[str], store: Store, *, settings: Settings | None = None,
           extractor: Extractor | None = None, on_source: Callable[[str], None] | None = None,
           on_total: Callable[[int], None] | None = None) -> IngestReport:
    """Ingest files, folders and URLs into `store`. Per-source failures are recorded and reported;
    the batch goes on. Re-ingesting content already stored is a no-op."""
    settings = settings or get_settings()
    extractor = extractor or default_extractor(settings)
    report = IngestReport()
    sources = list(expand(inputs))
    if on_total:
        on_total(len(sources))
    pending: list[Document] = []
    seen: set[str] = set()

    def flush() -> None:
        if not pending:
            return
        try:
            extractions = extractor(pending)
        except ClaimgraphError as exc:  # one bad batch: store nothing of it, say why, go on
            for d in pending:
                report.failed.append((d.source, str(exc)))
            pending.clear()
            return
        for doc, ex in zip(pending, extractions):
            try:
                if store.add_document(doc, ex):
                    report.ingested.append(doc.id)
                else:
                    report.unchanged.append(doc.source)
            except ClaimgraphError as exc:
                report.failed.append((doc.source, str(exc)))
        pending.clear()

    for src in sources:
        if isinstance(src, InputError):
            report.failed.append((src.source or "?", str(src)))
            store.record_failure(src.source or "?", src)
            if on_source:
                on_source(src.source or "?")
            continue
        for item in iter_items([src], settings):
            if item.error is not None:
                report.failed.append((item.source, str(item.error)))
                store.record_failure(item.source, item.error)
                continue
            try:
                doc = clean_document(item.raw)
            except InputError as exc:
                exc.source = exc.source or item.source
                report.failed.append((item.source, str(exc)))
                store.record_failure(item.source, exc)
                continue
            if doc.id in seen or store.has_document(doc.id):
                report.unchanged.append(item.source)
                continue
            seen.add(doc.id)
            pending.append(doc)
            if len(pending) >= BATCH:
                flush()
        if on_source:
            on_source(src)
    flush()
    if report.ingested:
        rebuild(store)
    return report


def rebuild(store: Store) -> None:
    """Recompute the cross-document tables (entities, grouped quotes and claims, copies, support)."""
    from .resolve import resolve_store

    resolve_store(store)


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
        ex = (extractor or default_extractor(settings))([doc])[0]
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(f"sqlite:///{tmp}/one.db")
            store.add_document(doc, ex)
            rebuild(store)
            data = export_data(store)
            store.dispose()
        return data
    raise InputError("no article found", source=path)
