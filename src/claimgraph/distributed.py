"""Per-document cleaning and extraction on a Dask cluster.

Workers receive RawDocuments in ordered batches, clean and extract them with a spaCy pipeline
loaded once per worker process, and send back (Document, Extraction) or the reason a document
failed. The client writes results to the store in the order they were sent, so a distributed
ingest stores exactly what a serial one stores."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

from .errors import ExtractError, InputError
from .model import Document, Extraction, RawDocument

BATCH = 64  # documents in flight per round trip: enough to keep every worker busy


@lru_cache(maxsize=2)
def _pipeline(model: str):
    from .extract import Pipeline

    return Pipeline(model)


def process(raw: RawDocument, model: str) -> tuple[Document | None, Extraction | None, str | None]:
    """Runs on a worker: one raw document to (document, extraction, error message)."""
    from .clean import clean_document

    try:
        doc = clean_document(raw)
    except InputError as exc:
        exc.source = exc.source or raw.source
        return None, None, str(exc)
    ex = _pipeline(model).extract_many([doc])[0]
    return doc, ex, None


def connect(scheduler: str | None, workers: int | None):
    """A Client on the given scheduler, or on a local cluster of `workers` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise ExtractError("dask[distributed] is not installed") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="5s")
        except OSError as exc:
            raise ExtractError(f"cannot reach Dask scheduler {scheduler}: {exc}") from exc
    cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster)


def process_stream(client, raws: Iterable[RawDocument], model: str) -> Iterator[tuple[RawDocument, Document | None, Extraction | None, str | None]]:
    """Results in input order, BATCH documents at a time."""
    it = iter(raws)
    while True:
        batch = list(islice(it, BATCH))
        if not batch:
            return
        futures = client.map(process, batch, model=model, pure=False)
        for raw, (doc, ex, err) in zip(batch, client.gather(futures)):
            yield raw, doc, ex, err
