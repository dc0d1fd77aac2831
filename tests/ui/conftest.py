"""Fixtures: the shared test store built by tests/api/storebuild.py (examples + hostile records)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def storebuild():
    name = "claimgraph_tests_storebuild"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "api" / "storebuild.py"
        spec = importlib.util.spec_from_file_location(name, path)
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
