"""Shared fixtures. Extraction (spaCy) is replaced by `no_extract` so ingest tests stay fast."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.model import Extraction
from claimgraph.store import Store

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


@pytest.fixture
def tmp_store(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    yield store
    store.dispose()


def _no_extract(docs):
    return [Extraction(doc=d.id) for d in docs]


@pytest.fixture
def no_extract():
    """An extractor that extracts nothing: ingest runs clean + store without loading spaCy."""
    return _no_extract
