"""GraphML and GEXF export (networkx): entities are nodes, claims between two entities are edges.

A claim becomes an edge only when it has an object entity (`expel` A -> B, `holds_role` A -> ORG);
claims with only a value ("expel ... two diplomats") have no second node and are left to the JSON,
FtM and CSV exports. The graph is a MultiDiGraph: two claims between the same pair stay two edges.

Both formats take only str/int/float attribute values, so lists are joined with "; " and a missing
value is left out of the element instead of being written as an empty string."""

from __future__ import annotations

import sys
from collections.abc import Callable

import networkx as nx

from ..query import export_data
from ..store import Store

SEP = "; "


def build_graph(data: dict) -> nx.MultiDiGraph:
    """The export structure (query.export_data) as a MultiDiGraph keyed by entity and claim ids."""
    published = {d["id"]: d["published"] for d in data["documents"]}
    g = nx.MultiDiGraph(name="claimgraph", schema=data["schema"])
    for e in data["entities"]:
        g.add_node(e["id"], **_clean({"label": e["name"], "name": e["name"], "type": e["type"],
                                      "aliases": SEP.join(e["aliases"]), "descriptions": SEP.join(e["descriptions"]),
                                      "mentions": len(e["mentions"])}))
    for c in data["claims"]:
        if not c["object"] or c["subject"] not in g or c["object"] not in g:
            continue
        docs = sorted({ev["doc"] for ev in c["evidence"]})
        dates = sorted(p for p in (published.get(d) for d in docs) if p and p[0].isdigit())
        s = c["support"]
        g.add_edge(c["subject"], c["object"], key=c["id"], **_clean({
            "id": c["id"], "label": c["predicate"], "predicate": c["predicate"], "value": c["value"],
            "time": c["time"], "place": c["place"], "first_reported": dates[0] if dates else None,
            "documents": s["documents"], "independent": s["independent"], "denials": s["denials"],
            "conflicts": SEP.join(s["conflicts"]), "evidence_docs": SEP.join(docs),
            "modalities": SEP.join(sorted({ev["modality"] for ev in c["evidence"]}))}))
    return g


def write_graphml(store: Store, path: str) -> dict:
    return _write(store, path, nx.write_graphml)


def write_gexf(store: Store, path: str) -> dict:
    return _write(store, path, nx.write_gexf)


def _write(store: Store, path: str, writer: Callable) -> dict:
    g = build_graph(export_data(store))
    if path == "-":
        sys.stdout.flush()  # the writers emit bytes: keep them after any text already printed
        writer(g, sys.stdout.buffer)
    else:
        writer(g, path)
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def _clean(attrs: dict) -> dict:
    return {k: v for k, v in attrs.items() if v is not None and v != ""}
