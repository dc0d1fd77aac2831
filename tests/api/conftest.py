"""Fixtures for the API tests: the shared test store (tests/api/storebuild.py) and a TestClient."""

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


@pytest.fixture(scope="session")
def client(store):
    from fastapi.testclient import TestClient

    from claimgraph.api import create_app

    with TestClient(create_app(store), base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        yield c
