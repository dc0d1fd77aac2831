"""Fixtures for the extraction tests: one spaCy pipeline per session, and `extract(text, published)`
returning the Extraction of a Document built from `text`."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.model import Document, Extraction


def make_document(text: str, published: str | None = None, **kw) -> Document:
    return Document(id=Document.id_for(text), source="test", text=text, published=published, **kw)


@pytest.fixture
def extract(pipeline) -> Callable[..., Extraction]:
    """extract(text, published=None, **document_fields) -> Extraction of that one document."""

    def run(text: str, published: str | None = None, **kw) -> Extraction:
        return pipeline.extract_many([make_document(text, published, **kw)])[0]

    return run
