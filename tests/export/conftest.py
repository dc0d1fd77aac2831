"""Fixtures for the export tests: the examples/ corpus ingested once per session with the real
pipeline (clean, spaCy extraction, resolve, corroborate) into a SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.query import export_data
from claimgraph.store import Store

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples"
SCHEMA_FILE = REPO_ROOT / "docs" / "schema" / "export.schema.json"


@pytest.fixture(scope="session")
def example_store(tmp_path_factory) -> Store:
    """A store holding examples/ after a full `ingest` (loads the spaCy model once)."""
    from claimgraph.run import ingest

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('export') / 'examples.db'}")
    report = ingest([str(EXAMPLES)], store)
    assert report.ok and report.ingested, report.as_dict()
    yield store
    store.dispose()


@pytest.fixture(scope="session")
def example_data(example_store) -> dict:
    """export_data() of the example store: what every format is checked against."""
    data = export_data(example_store)
    assert data["documents"] and data["entities"] and data["claims"], "the examples must give something to export"
    return data


@pytest.fixture(scope="session")
def export_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text("utf-8"))


@pytest.fixture(scope="session")
def validator(export_schema):
    """A jsonschema validator for docs/schema/export.schema.json (draft 2020-12)."""
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(export_schema)
    return Draft202012Validator(export_schema)
