"""The scaling benchmark's instruments (bench/bench_scale.py, bench/corpus.py) measure what they claim:
every stage is charged, the stages add up to the run, and the scaling corpus has no copies but its
deliberate republications. Nothing here is timed: the benchmark itself never runs as a test."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import select

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import bench_scale  # noqa: E402
from corpus import make_scaled_corpus  # noqa: E402

from claimgraph.model import Extraction  # noqa: E402
from claimgraph.run import rebuild  # noqa: E402
from claimgraph.store import Store  # noqa: E402
from claimgraph.store import schema as t  # noqa: E402

pytestmark = pytest.mark.skipif(not (BENCH.parent.parent / "shared" / "corpora").is_dir(),
                                reason="the benchmark corpus needs ../shared/corpora")


def test_scaled_corpus_is_deterministic_and_recast():
    a, b = make_scaled_corpus(30, seed=3), make_scaled_corpus(30, seed=3)
    assert [d.text for d in a] == [d.text for d in b]
    assert len({d.id for d in a}) == 30
    assert make_scaled_corpus(30, seed=4)[0].text != a[0].text
    assert all(d.title and d.text.startswith(d.title) and 250 <= len(d.text.split()) <= 900 for d in a)


def test_scaled_corpus_copies_are_only_its_republications(tmp_path):
    docs = make_scaled_corpus(300, seed=0)
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    for d in docs:
        store.add_document(d, Extraction(doc=d.id))
    rebuild(store)
    title = {d.id: d.title for d in docs}
    with store.connect() as c:
        pairs = {(r.doc_a, r.doc_b) for r in c.execute(select(t.copies.c.doc_a, t.copies.c.doc_b))}
    store.dispose()
    assert pairs, "the ~5% republications must be found as copies"
    # a republication keeps its original's headline; two different articles sharing a recast headline
    # would be a coincidence, so every copied pair must be one story
    assert all(title[a] == title[b] for a, b in pairs)
    assert len(pairs) < 0.2 * len(docs)


def test_stages_add_up_to_the_run():
    res = bench_scale.run_one(4, seed=1, processes=1, profile=False)
    assert (res["ingested"], res["failed"]) == (4, 0)
    assert res["counts"]["documents"] == 4
    for stage in ("read", "clean", "extract", "write", "resolve entities", "detect copies", "rebuild: store I/O", "export"):
        assert res["wall"][stage] > 0, stage
    charged = sum(res["wall"].values())
    assert 0.9 * res["total_s"] <= charged <= 1.01 * res["total_s"]
    assert res["peak_mib"]["extract"] > 100  # the model is loaded while extracting
    assert list(res["rss_after_write_mib"]) == ["10%", "25%", "50%", "75%", "100%"]
    alone = res["rebuild_alone"]  # the rebuild re-run in a fresh process: it ran, and it was measured
    assert alone["s"] > 0 and alone["peak_mib"] >= alone["rss_before_mib"] > 50
