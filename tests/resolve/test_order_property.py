"""The graph does not depend on how articles arrive: any order of the sample and seed articles, split
into any batches of `ingest` calls, gives the export of one ingest of them all -- ids, groupings,
support, conflicts -- on SQLite and on PostgreSQL. This is the contract an incremental cross-document
stage must keep (`claimgraph rebuild` recomputes from scratch); each ingest after the first goes
through `update_store`."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.query.read import export_data
from claimgraph.run import ingest

SETTINGS = settings(max_examples=6, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def canonical(data: dict) -> list:
    """The export with list order made irrelevant (documents are listed in arrival order)."""
    return sorted((k, sorted(json.dumps(x, sort_keys=True) for x in v) if isinstance(v, list) else json.dumps(v, sort_keys=True))
                  for k, v in data.items())


@pytest.fixture(scope="module")
def reference(sources, extractor, make_store, tmp_path_factory) -> dict:
    """One ingest of everything into a SQLite store: the from-scratch graph."""
    with make_store("sqlite", tmp_path_factory.mktemp("reference")) as store:
        report = ingest(sources, store, extractor=extractor)
        assert report.ok, report.failed
        return export_data(store)


def test_reference_has_cross_document_structure(reference):
    """The property below is not vacuous: entities, quotes and claims span documents."""
    assert len(reference["documents"]) >= 15
    assert any(len({m["doc"] for m in e["mentions"]}) >= 5 for e in reference["entities"])
    assert any(c["support"]["documents"] >= 3 for c in reference["claims"])
    assert any(len({o["doc"] for o in q["occurrences"]}) >= 2 for q in reference["quotes"])


@SETTINGS
@given(data=st.data())
def test_any_order_and_batches_give_the_same_graph(backend, sources, extractor, reference, make_store, tmp_path, data):
    order = data.draw(st.permutations(sources), label="order")
    cuts = sorted(data.draw(st.sets(st.integers(1, len(order) - 1), max_size=4), label="cuts"))
    batches = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)])]
    with make_store(backend, tmp_path) as store:
        for batch in batches:
            assert ingest(batch, store, extractor=extractor).ok
        assert canonical(export_data(store)) == canonical(reference)
