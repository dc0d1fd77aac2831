"""Fixtures for the cross-document tests: the real spaCy pipeline once per session (same pattern as
tests/extract/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pipeline():
    """claimgraph.extract.Pipeline(): loads the spaCy model once for the whole session."""
    from claimgraph.extract import Pipeline

    return Pipeline()
