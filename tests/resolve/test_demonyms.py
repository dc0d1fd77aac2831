"""Demonyms (issue 15): 'Norwegian' is a NORP entity linked to the country (demonym_of), shown on the
entity page, never in the most-mentioned list; official country names merge with the common name.
Real spaCy pipeline over two invented articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.query import views
from claimgraph.run import ingest
from claimgraph.store import Store

ARTICLES = {
    "a": ("Norwegian ferry talks resume\n\n"
          "Norwegian officials met Danish negotiators in Oslo on Monday. Norway said the Norwegian proposal "
          "would cut fares. The Norwegian delegation left on Tuesday, and Norwegian newspapers praised the deal."),
    "b": ("Ferry deal signed\n\n"
          "The Kingdom of Norway signed the ferry agreement with Denmark on Friday. Norwegian ministers "
          "welcomed it, and Norway will open the new route in May."),
}


@pytest.fixture(scope="module")
def store(pipeline, tmp_path_factory):
    folder = tmp_path_factory.mktemp("demonyms")
    paths = []
    for name, text in ARTICLES.items():
        p = folder / f"{name}.json"
        p.write_text(json.dumps({"title": text.split("\n")[0], "published": "2024-05-02", "outlet": f"Outlet {name}",
                                 "text": text}), encoding="utf-8")
        paths.append(str(p))
    s = Store(f"sqlite:///{Path(folder) / 'store.db'}")
    assert ingest(paths, s, extractor=pipeline.extract_stream).ok
    yield s
    s.dispose()


def _entity(store: Store, name: str, type_: str) -> dict:
    (hit,) = [e for e in views.find_entities(store, name, limit=50)["items"] if e["type"] == type_ and e["name"] == name]
    return views.entity(store, hit["id"])


def test_demonym_links_to_its_country(store):
    norwegian = _entity(store, "Norwegian", "NORP")
    assert norwegian["demonym_of"]["name"] == "Norway" and norwegian["demonym_of"]["type"] == "GPE"
    norway = views.entity(store, norwegian["demonym_of"]["id"])
    assert [d["name"] for d in norway["demonyms"]] == ["Norwegian"]


def test_official_name_is_the_country(store):
    norway = _entity(store, "Norway", "GPE")
    assert "Kingdom of Norway" in {a["alias"] for a in norway["aliases"]}


def test_demonym_is_never_a_top_entity(store):
    top = views.find_entities(store, "", limit=50)["items"]
    names = [e["name"] for e in top]
    assert "Norway" in names and "Norwegian" not in names
    assert views.find_entities(store, "Norwegian", type="NORP")["total"] == 1  # still found by name
