"""Shared fixtures. Extraction (spaCy) is replaced by `no_extract` so ingest tests stay fast."""

from __future__ import annotations

import http.server
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from claimgraph.model import Extraction
from claimgraph.store import Store, normalise_url

PG_URL = os.environ.get("CLAIMGRAPH_TEST_PG")  # a PostgreSQL test database; .ci/run sets it

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real seed articles (../shared/seeds); tests that need them skip when absent."""
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"seed articles not found at {SEEDS}")
    return SEEDS


@pytest.fixture(autouse=True)
def _hermetic_env(monkeypatch):
    """A user's CLAIMGRAPH_DB / CLAIMGRAPH_MAX_BYTES must not change what the tests see."""
    monkeypatch.delenv("CLAIMGRAPH_DB", raising=False)
    monkeypatch.delenv("CLAIMGRAPH_MAX_BYTES", raising=False)


@contextmanager
def fresh_store(backend: str, folder: Path) -> Iterator[Store]:
    """An empty store on `backend`: a SQLite file in `folder`, or a fresh schema in CLAIMGRAPH_TEST_PG's
    PostgreSQL database, dropped afterwards."""
    if backend == "sqlite":
        store = Store(f"sqlite:///{folder / f'store-{uuid.uuid4().hex[:8]}.db'}")
        try:
            yield store
        finally:
            store.dispose()
        return
    name = f"cg_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(PG_URL))
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{name}"'))
    sep = "&" if "?" in PG_URL else "?"
    store = Store(f"{PG_URL}{sep}options={quote(f'-csearch_path={name}')}")
    try:
        yield store
    finally:
        store.dispose()
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


@pytest.fixture
def tmp_store(request, tmp_path: Path):
    """An empty store: a SQLite file, and -- when CLAIMGRAPH_TEST_PG names a PostgreSQL test database
    (.ci/run starts one) -- the same test again on a fresh PostgreSQL schema, dropped afterwards."""
    with fresh_store(request.param, tmp_path) as store:
        yield store


BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


@pytest.fixture
def upgraded_store(tmp_path: Path):
    """`upgraded_store(*sql)`: a SQLite file written by `sql` (an older claimgraph's tables and rows), then
    opened as a Store, which upgrades it in place; disposed after the test."""
    opened: list[Store] = []

    def open_old(*statements: str) -> Store:
        url = f"sqlite:///{tmp_path / 'old.db'}"
        engine = create_engine(url)
        with engine.begin() as c:
            for sql in statements:
                c.execute(text(sql))
        engine.dispose()
        opened.append(Store(url))
        return opened[-1]
    yield open_old
    for store in opened:
        store.dispose()


@pytest.fixture(scope="session")
def make_store():
    """`fresh_store` for tests that need many empty stores in one test (one per generated example)."""
    return fresh_store


def pytest_generate_tests(metafunc):
    if "tmp_store" in metafunc.fixturenames:
        metafunc.parametrize("tmp_store", BACKENDS, indirect=True)
    if "backend" in metafunc.fixturenames:  # tests that open their own stores with `make_store`
        metafunc.parametrize("backend", BACKENDS)


def _no_extract(docs):
    return [Extraction(doc=d.id) for d in docs]


@pytest.fixture
def no_extract():
    """An extractor that extracts nothing: ingest runs clean + store without loading spaCy."""
    return _no_extract


@pytest.fixture(scope="session")
def pipeline():
    """claimgraph.extract.Pipeline(): the real spaCy model, loaded once for the whole session."""
    from claimgraph.extract import Pipeline

    return Pipeline()


def _storebuild():
    """tests/api/storebuild.py loaded once as a module (test folders are not packages)."""
    import importlib.util
    import sys

    name = "claimgraph_tests_storebuild"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "tests" / "api" / "storebuild.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]


@pytest.fixture(scope="session")
def shared_store_url(tmp_path_factory) -> str:
    """The query/API/UI test store: examples/ plus hostile records, built once per session."""
    return _storebuild().build(tmp_path_factory.getbasetemp() / "claimgraph-query-store")


@pytest.fixture(scope="session")
def hostile_markers() -> list[str]:
    """The strings the hostile records of the shared store carry (tests/api/storebuild.py)."""
    return _storebuild().HOSTILE_MARKERS


@contextmanager
def local_server(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve `handler` on a free loopback port in a thread, its per-request log lines silenced; yields the
    base URL, stops it after."""
    quiet = type(handler.__name__, (handler,), {"log_message": lambda self, *args: None})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), quiet)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def serve_http():
    """`local_server` for the test modules (URL ingest, feeds for `watch`; a conftest is not importable
    under importlib mode): a real HTTP server on 127.0.0.1."""
    return local_server
