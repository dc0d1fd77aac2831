"""support() on hand-built evidence: documents, independent sources (same outlet / copied passage
collapsed), denials."""

from __future__ import annotations

import pytest

from claimgraph.corroborate import support


def ev(doc: str, start: int = 0, end: int = 100, modality: str = "asserted") -> dict:
    return {"doc": doc, "start": start, "end": end, "modality": modality}


def copy(a: str, b: str, sa: int = 0, ea: int = 100, sb: int = 0, eb: int = 100) -> dict:
    return {"doc_a": a, "start_a": sa, "end_a": ea, "doc_b": b, "start_b": sb, "end_b": eb}


def test_distinct_outlets_are_independent():
    s = support([ev("d1"), ev("d2"), ev("d3")], {"d1": "A", "d2": "B", "d3": None}, [])
    assert s == {"documents": 3, "independent": 3, "denials": 0}


def test_same_outlet_counts_once():
    s = support([ev("d1"), ev("d2"), ev("d3")], {"d1": "A", "d2": "A", "d3": "B"}, [])
    assert (s["documents"], s["independent"]) == (3, 2)


def test_unknown_outlets_are_not_one_source():
    s = support([ev("d1"), ev("d2")], {"d1": None, "d2": None}, [])
    assert s["independent"] == 2


def test_evidence_inside_a_copied_passage_counts_once():
    s = support([ev("d1", 50, 80), ev("d2", 150, 180), ev("d3")], {"d1": "A", "d2": "B", "d3": "C"},
                [copy("d1", "d2", 40, 120, 140, 220)])
    assert (s["documents"], s["independent"]) == (3, 2)


def test_copy_elsewhere_in_the_documents_does_not_collapse_the_evidence():
    """The two documents share a copied passage, but the claim's sentences lie outside it."""
    s = support([ev("d1", 300, 350), ev("d2", 400, 450)], {"d1": "A", "d2": "B"}, [copy("d1", "d2", 0, 200, 0, 200)])
    assert s["independent"] == 2


def test_copy_links_chain_with_outlets():
    # d1 and d2 share an outlet, d2 copies d3: one source
    s = support([ev("d1"), ev("d2"), ev("d3"), ev("d4")], {"d1": "A", "d2": "A", "d3": "C", "d4": "D"},
                [copy("d2", "d3")])
    assert (s["documents"], s["independent"]) == (4, 2)


def test_denials_are_counted_and_do_not_support():
    s = support([ev("d1"), ev("d2", modality="denied"), ev("d3", modality="hedged")],
                {"d1": "A", "d2": "B", "d3": "C"}, [])
    assert s == {"documents": 3, "independent": 2, "denials": 1}  # hedged evidence backs the claim, a denial does not


def test_negation_counts_as_a_denial():
    s = support([ev("d1"), ev("d2", modality="negated")], {"d1": "A", "d2": "B"}, [])
    assert (s["documents"], s["denials"]) == (2, 1)


def test_negation_does_not_back_the_claim():
    s = support([ev("d1"), ev("d2", modality="negated")], {"d1": "A", "d2": "B"}, [])
    assert s["independent"] == 1


def test_only_denials_means_no_independent_support():
    s = support([ev("d1", modality="denied"), ev("d2", modality="denied")], {"d1": "A", "d2": "B"}, [])
    assert s == {"documents": 2, "independent": 0, "denials": 2}


def test_copy_index_gives_the_support_of_the_whole_copy_list():
    """The rebuild reads each claim's copies through CopyIndex: same figures as scanning them all."""
    import random

    from claimgraph.corroborate import CopyIndex

    rng = random.Random(7)
    docs = [f"d{i}" for i in range(30)]
    copies = [copy(*rng.sample(docs, 2), 0, 100, 0, 100) for _ in range(60)]
    index = CopyIndex(copies)
    for _ in range(50):
        evidence = [ev(d, 10, 20) for d in rng.sample(docs, rng.randint(1, 8))]
        source = {d: rng.choice(["A", "B", None]) for d in docs}
        among = index.among({e["doc"] for e in evidence})
        assert support(evidence, source, among) == support(evidence, source, copies)
    assert index.among({"nowhere"}) == []
