"""GraphML and GEXF: written by networkx, read back by networkx with the nodes and edges the
export structure implies (entities; claims that link two entities)."""

from __future__ import annotations

import networkx as nx
import pytest

from claimgraph.export import write_gexf, write_graphml

FORMATS = [("graphml", write_graphml, nx.read_graphml), ("gexf", write_gexf, nx.read_gexf)]


def _edges_expected(data: dict) -> list[dict]:
    ents = {e["id"] for e in data["entities"]}
    return [c for c in data["claims"] if c["object"] in ents and c["subject"] in ents]


@pytest.mark.parametrize("name,write,read", FORMATS, ids=[f[0] for f in FORMATS])
def test_round_trip(example_store, example_data, tmp_path, name, write, read) -> None:
    out = tmp_path / f"graph.{name}"
    counts = write(example_store, str(out))
    g = read(str(out))
    expected = _edges_expected(example_data)
    assert expected, "the examples must have claims between two entities"
    assert counts == {"nodes": len(example_data["entities"]), "edges": len(expected)}
    assert g.is_directed()  # read back as a MultiDiGraph only when parallel edges exist
    assert g.number_of_nodes() == len(example_data["entities"])
    assert g.number_of_edges() == len(expected)

    for e in example_data["entities"]:
        node = g.nodes[e["id"]]
        assert node["type"] == e["type"]
        assert node["label"] == e["name"]
        assert node["aliases"].split("; ") == e["aliases"]
    edges = {attrs["id"]: (u, v, attrs) for u, v, attrs in g.edges(data=True)}
    docs = {d["id"]: d for d in example_data["documents"]}
    for c in expected:
        u, v, attrs = edges[c["id"]]
        assert (u, v) == (c["subject"], c["object"])
        assert attrs["predicate"] == c["predicate"]
        assert int(attrs["documents"]) == c["support"]["documents"]
        assert int(attrs["independent"]) == c["support"]["independent"]
        assert int(attrs["denials"]) == c["support"]["denials"]
        assert attrs.get("time") == c["time"]
        dates = sorted(docs[ev["doc"]]["published"] for ev in c["evidence"]
                       if (docs[ev["doc"]]["published"] or "")[:1].isdigit())
        assert attrs.get("first_reported") == (dates[0] if dates else None)


@pytest.mark.parametrize("name,write,read", FORMATS, ids=[f[0] for f in FORMATS])
def test_parallel_claims_stay_separate_edges(tmp_path, name, write, read) -> None:
    from claimgraph.export.graph import build_graph

    ent = {"aliases": ["x"], "descriptions": [], "mentions": []}
    support = {"documents": 1, "independent": 1, "denials": 0, "conflicts": []}
    ev = [{"doc": "d", "start": 0, "end": 1, "text": "x", "modality": "asserted", "attributed_to": None,
           "extractor": "claimgraph test"}]
    claim = {"object": "b", "value": None, "time": None, "place": None, "evidence": ev, "support": support}
    data = {"schema": "claimgraph/export/v1",
            "documents": [{"id": "d", "published": "2024-03-15"}],
            "entities": [ent | {"id": "a", "name": "A", "type": "GPE"}, ent | {"id": "b", "name": "B", "type": "PERSON"}],
            "claims": [claim | {"id": "c1", "subject": "a", "predicate": "expel"},
                       claim | {"id": "c2", "subject": "a", "predicate": "accuse", "time": "2024-03"},
                       claim | {"id": "c3", "subject": "a", "object": None, "predicate": "plot"}]}
    g = build_graph(data)
    assert g.number_of_edges("a", "b") == 2
    assert g.number_of_edges() == 2  # c3 has no object: no edge
    assert g.edges["a", "b", "c2"]["time"] == "2024-03"
    assert "time" not in g.edges["a", "b", "c1"]  # missing values are left out, not ""
    assert g.edges["a", "b", "c1"]["first_reported"] == "2024-03-15"

    path = tmp_path / f"parallel.{name}"
    getattr(nx, f"write_{name}")(g, str(path))
    back = read(str(path))
    assert back.is_multigraph() and back.number_of_edges("a", "b") == 2
    assert sorted(attrs["predicate"] for _, _, attrs in back.edges(data=True)) == ["accuse", "expel"]
