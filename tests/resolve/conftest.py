"""Fixtures for the cross-document tests: the real spaCy pipeline once per session (same pattern as
tests/extract/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def sources(seeds_dir) -> list[str]:
    """Every sample file (text, HTML, JSON, JSON Lines, a feed) and every seed article."""
    return sorted(str(p) for p in EXAMPLES.iterdir() if p.name != "README.md") + sorted(map(str, seeds_dir.glob("*.txt")))


@pytest.fixture(scope="session")
def extractor(pipeline):
    """The real pipeline, each document parsed once for the whole session (extraction is per document;
    what is under test is everything after it)."""
    done: dict = {}

    def extract(docs):
        for d in docs:
            if d.id not in done:
                done[d.id] = next(iter(pipeline.extract_stream([d])))
            yield done[d.id]
    return extract
