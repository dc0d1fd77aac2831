"""bench/bench_incremental.py measures what it says: a real `claimgraph ingest` child adds one article
to each store, the synthetic stores keep every stored span equal to the text at its offsets while their
names grow with the store, and the report carries every row. Nothing here asserts a timing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import select

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import bench_incremental as bi  # noqa: E402

from claimgraph.names import fold  # noqa: E402
from claimgraph.store import Store  # noqa: E402
from claimgraph.store import schema as t  # noqa: E402

pytestmark = pytest.mark.skipif(not (BENCH.parent.parent / "shared" / "corpora").is_dir(),
                                reason="the benchmark corpus needs ../shared/corpora")


@pytest.fixture(scope="module")
def pool(tmp_path_factory) -> Path:
    """6 scaled-corpus articles really ingested, in the folder the bench caches its pool in."""
    db, info = bi.pool_store(6, 0, tmp_path_factory.mktemp("pool"), log=lambda s: None)
    assert info["docs"] == 6
    return db


def _spans(db: Path) -> tuple[dict[str, str], list[tuple[str, int, int, str]]]:
    """Every document's text and every (doc, start, end, text) a per-document row says is in it."""
    store = Store(f"sqlite:///{db}")
    with store.connect() as c:
        text = dict(c.execute(select(t.documents.c.id, t.documents.c.text)).fetchall())
        spans = [tuple(r) for table in (t.mentions, t.quote_occurrences, t.claim_evidence, t.descriptions)
                 for r in c.execute(select(table.c.doc_id, table.c.start, table.c.end, table.c.text))]
        spans += [tuple(r) for r in c.execute(select(t.quote_occurrences.c.doc_id, t.quote_occurrences.c.speaker_start,
                                                     t.quote_occurrences.c.speaker_end, t.quote_occurrences.c.speaker_text))
                  if r.speaker_start is not None]
    store.dispose()
    return text, spans


def test_synthetic_copies_keep_spans_and_bring_new_names(pool, tmp_path):
    real_text, real_spans = _spans(pool)
    # the rule the copies must keep holds in the really ingested pool (else this test proves nothing)
    assert real_spans and all(real_text[d][s:e] == x for d, s, e, x in real_spans)
    built = bi.build_store(tmp_path / "s.db", 18, pool, 6, seed=0, log=lambda s: None)
    assert built["counts"]["documents"] == 18 and built["copies_of_pool"] == 2
    text, spans = _spans(tmp_path / "s.db")
    assert len(spans) > 2.5 * len(real_spans)
    bad = [(d, s, e, x) for d, s, e, x in spans if text[d][s:e] != x]
    assert not bad, bad[:3]
    names, mentions, members = _names(tmp_path / "s.db")
    real_names, real_mentions, _ = _names(pool)
    assert len(names - real_names) > 0.5 * len(real_names)  # the copies bring their own casts
    assert {(d, k) for d, k, *_ in mentions} <= members  # every mention's key was resolved by the real rebuild

    # a key is the folded name it was made from: where that holds in the pool, it holds in the copies
    def share(rows) -> float:
        return sum(k == f"{label}:{fold(name)}" for _, k, label, name in rows) / len(rows)

    assert share(real_mentions) > 0.5
    assert share(mentions) == pytest.approx(share(real_mentions), abs=0.03)


def _names(db: Path) -> tuple[set[str], list, set]:
    """Entity names, mentions (doc, key, label, name) and resolved (doc, key) pairs of a store."""
    store = Store(f"sqlite:///{db}")
    with store.connect() as c:
        names = {r.name for r in c.execute(select(t.entities.c.name))}
        mentions = c.execute(select(t.mentions.c.doc_id, t.mentions.c.key, t.mentions.c.label,
                                    t.mentions.c.name)).fetchall()
        members = set(c.execute(select(t.entity_members.c.doc_id, t.entity_members.c.key)).fetchall())
    store.dispose()
    return names, mentions, members


def test_the_bench_runs_and_reports_every_row(pool):
    res = bi.bench_incremental([4, 8], repeats=2, pool=6, seed=0, do_check=True, cache=pool.parent, log=lambda s: None)
    assert len(list(pool.parent.glob("pool-*.db"))) == 1  # the cached pool was used, not ingested again
    assert [s["n"] for s in res["sizes"]] == [4, 8]
    for s in res["sizes"]:
        assert s["store"]["counts"]["documents"] == s["n"]
        assert len(s["add"]["runs"]) == 2
        for run in s["add"]["runs"]:
            assert run["stored_after"] == s["n"] + 1 and run["report"]["ingested"] == 1
            assert {"import extract", "load model", "import resolve", "graph"} <= set(run["stages"])
            assert run["cpu_s"] > 0 and run["peak_mib"] > 50 and run["startup_s"] > 0
        assert s["add"]["graph_s"] > 0 and s["add"]["rest_s"] > 0
    small, big = ([r["stages"]["load model"]["started_at"] for r in s["add"]["runs"]] for s in res["sizes"])
    assert small[0] < big[0] < small[1] < big[1]  # the sizes take turns
    first = res["sizes"][0]
    assert first["graph_vs_smallest"] == first["graph_cpu_vs_smallest"] == first["graph_cpu_paired_vs_smallest"] == 1.0
    assert set(res["exponent"]) == set(bi.EXPONENTS)
    c = res["check"]
    assert c["docs"] == 6 and c["synthetic_from"] == 1
    assert c["synthetic"]["counts"]["documents"] == c["real"]["counts"]["documents"] == 6
    md = bi.render(res)
    for label in ("add 1 article, wall", "of which the graph stage", "graph stage vs the smallest N", "round by round", "CPU of the add",
                  "peak memory of the add", "model load", "spaCy import", "synthetic / real"):
        assert label in md, label


def test_slope_is_the_log_log_exponent():
    assert bi.slope([300, 3000, 30000], [2.0, 2.0, 2.0]) == pytest.approx(0.0)
    assert bi.slope([300, 3000, 30000], [1.0, 10.0, 100.0]) == pytest.approx(1.0)
    assert bi.slope([300], [1.0]) is None
