"""Conflicting times (issue 4, item 7): 'was granted refuge in Albania in 2013' vs 'has settled in
Albania since 2014' are two relocate claims that list each other in support.conflicts."""

from __future__ import annotations

import pytest

from claimgraph.query.read import export_data
from claimgraph.run import ingest
from claimgraph.store import Store

A = ("Exiles mark anniversary\n\n"
     "The MEK was granted refuge in Albania in 2013, officials said on Monday. "
     "Its members live in a camp outside the capital.")
B = ("Opposition rally near Tirana\n\n"
     "The MEK has settled in Albania since 2014, its spokesman said. "
     "Thousands of supporters gathered at the camp on Sunday.")
C = ("Camp residents speak out\n\n"
     "Back in 2013, the exiled MEK was granted refuge in Albania by the government of the day, a former resident said.")


def build(pipeline, folder, texts) -> dict:
    files = []
    for i, text in enumerate(texts):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
        files.append(str(folder / f"{i}.txt"))
    store = Store(f"sqlite:///{folder / 'store.db'}")
    try:
        assert ingest(files, store, extractor=pipeline.extract_stream).ok
        return export_data(store)
    finally:
        store.dispose()


def relocations(data: dict) -> dict[str, dict]:
    names = {e["id"]: e["name"] for e in data["entities"]}
    rel = [c for c in data["claims"] if c["predicate"] == "relocate" and names.get(c["subject"]) == "MEK"
           and names.get(c["object"]) == "Albania"]
    assert len({c["time"] for c in rel}) == len(rel)
    return {c["time"]: c for c in rel}


def test_relocation_times_conflict(pipeline, tmp_path):
    data = build(pipeline, tmp_path, [A, B, C])
    docs = {d["text"]: d["id"] for d in data["documents"]}
    by_time = relocations(data)
    rel = list(by_time.values())
    assert sorted(by_time) == ["2013", "2014"]
    c13, c14 = by_time["2013"], by_time["2014"]
    # the two 2013 reports are one claim, the 2014 report another
    assert {e["doc"] for e in c13["evidence"]} == {docs[A], docs[C]}
    assert {e["doc"] for e in c14["evidence"]} == {docs[B]}
    assert c13["support"]["conflicts"] == [c14["id"]]
    assert c14["support"]["conflicts"] == [c13["id"]]
    assert c13["support"]["documents"] == 2 and c13["support"]["independent"] == 2
    # no other claim is said to conflict
    assert all(not c["support"]["conflicts"] for c in data["claims"] if c not in rel)


def test_compatible_times_do_not_conflict(pipeline, tmp_path):
    """2013 and 2013-06 are one claim at the more precise time, with no conflict."""
    data = build(pipeline, tmp_path, [A, "Camp residents speak out\n\nThe MEK was granted refuge in Albania in June 2013, "
                                         "a former resident said."])
    by_time = relocations(data)
    assert list(by_time) == ["2013-06"]
    assert by_time["2013-06"]["support"]["documents"] == 2
    assert by_time["2013-06"]["support"]["conflicts"] == []


def test_conflict_found_under_a_headline_naming_the_place(pipeline, tmp_path):
    data = build(pipeline, tmp_path, [A.replace("Exiles mark anniversary", "Exiles mark anniversary in Albania"), B])
    by_time = relocations(data)
    assert sorted(by_time) == ["2013", "2014"]
    assert by_time["2013"]["support"]["conflicts"] == [by_time["2014"]["id"]]


def test_conflict_found_for_moved_to(pipeline, tmp_path):
    data = build(pipeline, tmp_path, ["Camp residents speak out\n\nThe MEK moved to Albania in 2013, a former resident said.", B])
    by_time = relocations(data)
    assert sorted(by_time) == ["2013", "2014"]
    assert by_time["2013"]["support"]["conflicts"] == [by_time["2014"]["id"]]
