"""Fixtures for the API tests: the shared test store (tests/api/storebuild.py) and a TestClient."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def storebuild():
    """tests/api/storebuild.py as one module, whichever conftest loads it first."""
    name = "claimgraph_tests_storebuild"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("storebuild.py"))
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]


@pytest.fixture(scope="session")
def store_url(tmp_path_factory) -> str:
    return storebuild().build(tmp_path_factory.getbasetemp() / "claimgraph-query-store")


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

    with TestClient(create_app(store), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_markers() -> list[str]:
    """Substrings of the hostile records that must never reach a page unescaped."""
    return storebuild().HOSTILE_MARKERS
