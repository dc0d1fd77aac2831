"""Manual merge/split decisions over a store built with the real pipeline from examples/ (issue 4, item 6).
Decisions are kept by name and replayed by every rebuild, so they survive later ingests; undo removes them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimgraph.errors import InputError, NotFound
from claimgraph.query.read import export_data
from claimgraph.resolve.manual import add_decision, list_decisions, undo_decision
from claimgraph.run import ingest, rebuild
from claimgraph.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LATER = "world-desk-daily.json"  # ingested after the decisions


@pytest.fixture(scope="module")
def examples_db(pipeline, tmp_path_factory) -> Path:
    """A store file holding every example except LATER; each test works on its own copy."""
    files = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix != ".md" and p.name != LATER)
    db = tmp_path_factory.mktemp("examples") / "store.db"
    store = Store(f"sqlite:///{db}")
    report = ingest(files, store, extractor=pipeline.extract_stream)
    store.dispose()
    assert report.ok and len(report.ingested) == 9
    return db


@pytest.fixture
def store(examples_db, tmp_path):
    for p in examples_db.parent.glob(examples_db.name + "*"):
        shutil.copy(p, tmp_path / p.name)
    s = Store(f"sqlite:///{tmp_path / examples_db.name}")
    yield s
    s.dispose()


def owner(data: dict, alias: str) -> str:
    """The id of the one entity carrying `alias`."""
    ids = [e["id"] for e in data["entities"] if alias in e["aliases"]]
    assert len(ids) == 1, (alias, ids)
    return ids[0]


def entity(data: dict, eid: str) -> dict:
    return next(e for e in data["entities"] if e["id"] == eid)


FMM, MFM = "Free Marenthia Movement", "Movement for a Free Marenthia"


def test_word_order_alias_needs_no_decision(store):
    data = export_data(store)
    assert owner(data, FMM) == owner(data, MFM)


VELL, BRENNER = "Annika Vell", "Tomas Brenner"  # two people resolution rightly keeps apart


def test_merge_persists_across_a_later_ingest(store, pipeline):
    before = export_data(store)
    assert owner(before, VELL) != owner(before, BRENNER), "premise: resolution alone keeps the two names apart"
    fmm_mentions = len(entity(before, owner(before, VELL))["mentions"]) + len(entity(before, owner(before, BRENNER))["mentions"])
    rec = add_decision(store, "merge", VELL, BRENNER)
    assert rec == {"kind": "merge", "a": VELL, "b": BRENNER}
    merged = export_data(store)
    eid = owner(merged, VELL)
    assert owner(merged, BRENNER) == eid and owner(merged, "Vell") == eid
    assert len(entity(merged, eid)["mentions"]) == fmm_mentions

    report = ingest([str(EXAMPLES / LATER)], store, extractor=pipeline.extract_stream)
    assert len(report.ingested) == 1
    after = export_data(store)
    assert len(after["documents"]) == len(before["documents"]) + 1
    eid = owner(after, VELL)
    assert owner(after, BRENNER) == eid
    new_doc = report.ingested[0]
    assert any(m["doc"] == new_doc for m in entity(after, eid)["mentions"])  # the new article's VELL joined it
    assert [(d["kind"], d["a"], d["b"]) for d in list_decisions(store)] == [("merge", VELL, BRENNER)]


def test_split_then_undo(store):
    """Youssef Karamanlis and Yusuf Karamanlis (different documents) resolve to one person; splitting
    the alias out gives it its own entity, the split survives a rebuild, undo restores the merge."""
    before = export_data(store)
    full = owner(before, "Youssef Karamanlis")
    assert owner(before, "Yusuf Karamanlis") == full
    rec = add_decision(store, "split", "Youssef Karamanlis", "Yusuf Karamanlis")
    assert rec == {"kind": "split", "a": "Youssef Karamanlis", "b": "Yusuf Karamanlis"}
    split = export_data(store)
    assert owner(split, "Youssef Karamanlis") == full  # the canonical name keeps its id
    assert owner(split, "Yusuf Karamanlis") != full
    assert "Yusuf Karamanlis" not in entity(split, full)["aliases"]
    moved = entity(split, owner(split, "Yusuf Karamanlis"))
    was = {(m["doc"], m["start"]) for m in entity(before, full)["mentions"]}
    now_full = {(m["doc"], m["start"]) for m in entity(split, full)["mentions"]}
    now_moved = {(m["doc"], m["start"]) for m in moved["mentions"]}
    assert now_moved and now_full and now_full | now_moved == was and not now_full & now_moved

    rebuild(store)  # the split is replayed by every rebuild
    assert export_data(store)["entities"] == split["entities"]

    (dec,) = list_decisions(store)
    undo_decision(store, dec["id"])
    assert list_decisions(store) == []
    assert export_data(store)["entities"] == before["entities"]


def test_undo_restores_after_merge(store):
    before = export_data(store)
    add_decision(store, "merge", FMM, MFM)
    (dec,) = list_decisions(store)
    undo_decision(store, dec["id"])
    after = export_data(store)
    assert after["entities"] == before["entities"]
    assert after["claims"] == before["claims"]


def test_undo_of_unknown_decision_raises(store):
    with pytest.raises(NotFound):
        undo_decision(store, 12345)


def test_split_of_a_non_alias_raises(store):
    before = export_data(store)
    with pytest.raises(InputError, match="not an alias"):
        add_decision(store, "split", "Tomas Brenner", "Annika Vell")
    assert list_decisions(store) == []
    assert export_data(store)["entities"] == before["entities"]


def test_unknown_decision_kind_raises(store):
    with pytest.raises(InputError):
        add_decision(store, "rename", "Tomas Brenner", "Brenner")
    assert list_decisions(store) == []


def test_later_split_beats_earlier_merge(store):
    vell, brenner = "Annika Vell", "Tomas Brenner"
    before = export_data(store)
    assert owner(before, vell) != owner(before, brenner), "premise: resolution alone keeps the two names apart"
    add_decision(store, "merge", vell, brenner)
    merged = export_data(store)
    assert owner(merged, vell) == owner(merged, brenner)
    add_decision(store, "split", vell, brenner)
    assert [d["kind"] for d in list_decisions(store)] == ["merge", "split"]
    data = export_data(store)
    assert owner(data, vell) != owner(data, brenner)
    assert owner(data, "Vell") == owner(data, vell)  # the surname stays with the full name
