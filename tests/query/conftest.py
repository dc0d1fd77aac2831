"""Fixtures: the shared test store built by tests/api/storebuild.py (examples + hostile records)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def store_url(shared_store_url) -> str:
    return shared_store_url


@pytest.fixture(scope="session")
def store(store_url):
    from claimgraph.store import Store

    s = Store(store_url)
    yield s
    s.dispose()
