"""Full-text search (SQLite FTS5, built lazily) and its safety with hostile query text."""

from __future__ import annotations

import pytest

from claimgraph.errors import InputError
from claimgraph.query.search import fts_query, search, search_documents, snippet_parts


def test_finds_articles_and_entities(store):
    r = search(store, "diplomats expelled")
    assert r["documents"]["total"] >= 1
    assert any(p["hit"] for p in r["documents"]["items"][0]["snippet_parts"])
    assert any(e["name"] == "Free Marenthia Movement" for e in search(store, "Free Marenthia")["entities"])


def test_index_grows_with_the_store(store):
    before = search_documents(store, "Voss")["total"]
    assert before >= 2  # the hostile records are indexed like any other article


@pytest.mark.parametrize("q", ['"', "NEAR(a b)", "a OR", "*", "x' OR 1=1 --", "title:foo", "Voss AND"])
def test_operators_and_quotes_are_plain_words(store, q):
    try:
        search_documents(store, q)
    except InputError as exc:
        assert "words" in exc.message


def test_empty_query_refused(store):
    with pytest.raises(InputError):
        search_documents(store, "  ")


@pytest.mark.parametrize("q, expected", [
    ('Free "Marenthia"', '"free" "marenthia"'),
    ("x' OR 1=1", '"x" "or" "1" "1"'),
])
def test_fts_query(q, expected):
    assert fts_query(q) == expected


def test_snippet_parts():
    assert snippet_parts("a \x02b\x03 c") == [{"text": "a ", "hit": False}, {"text": "b", "hit": True}, {"text": " c", "hit": False}]
