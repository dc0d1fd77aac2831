"""Search also finds articles that name the entity under another of its aliases, and says which."""

from __future__ import annotations

import re

from claimgraph.query import views
from claimgraph.query.search import alias_documents, search


def words(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.lower()))


def test_an_acronym_also_finds_articles_that_spell_the_name_out(store):
    r = search(store, "FMM")
    direct = {d["id"] for d in r["documents"]["items"]}
    extra = r["alias_documents"]["items"]
    assert extra, "some example articles never write FMM"
    fmm = views.resolve_entity(store, "FMM")
    aliases = {a["alias"] for a in views.entity(store, fmm)["aliases"]}
    for d in extra:
        assert d["id"] not in direct
        assert d["entity"]["id"] == fmm and d["alias"] in aliases and d["alias"] != "FMM"
        text = store.document(d["id"])["text"]
        assert "fmm" not in words(text)
        assert words(d["alias"]) <= words(text)
        assert any(p["hit"] for p in d["snippet_parts"])


def test_words_that_name_no_entity_add_nothing(store):
    assert alias_documents(store, "ministry statement") == {"total": 0, "items": []}
