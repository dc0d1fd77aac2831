"""Incremental ingest equals a from-scratch run (issue 4, item 3): the cross-document stages rebuild
from the per-document tables, so the order in which articles arrive must not change any id."""

from __future__ import annotations

import json

from claimgraph.query.read import export_data
from claimgraph.run import ingest
from claimgraph.store import Store


def canonical(data: dict) -> dict:
    """The export with document order (and nothing else) made irrelevant."""
    return {k: (sorted(json.dumps(x, sort_keys=True) for x in v) if isinstance(v, list) else v) for k, v in data.items()}


def test_incremental_equals_from_scratch(seeds_dir, pipeline, tmp_path):
    seeds = sorted(seeds_dir.glob("*.txt"))
    s000, s002, s003, s004 = (next(str(p) for p in seeds if p.name.startswith(n)) for n in ("000", "002", "003", "004"))
    a = Store(f"sqlite:///{tmp_path / 'a.db'}")
    b = Store(f"sqlite:///{tmp_path / 'b.db'}")
    try:
        r1 = ingest([s000, s003], a, extractor=pipeline.extract_stream)
        r2 = ingest([s002, s004], a, extractor=pipeline.extract_stream)
        r3 = ingest([s000, s002, s003, s004], b, extractor=pipeline.extract_stream)
        assert r1.ok and r2.ok and r3.ok
        assert len(r1.ingested) == 2 and len(r2.ingested) == 2 and len(r3.ingested) == 4
        ea, eb = export_data(a), export_data(b)
        # the comparison is not vacuous: the corpus yields cross-document structure
        assert len(ea["documents"]) == 4 and ea["entities"] and ea["claims"] and ea["quotes"]
        assert any(len({m["doc"] for m in e["mentions"]}) >= 3 for e in ea["entities"])
        assert any(c["support"]["documents"] >= 2 for c in ea["claims"])
        for key in ("entities", "claims", "quotes"):
            assert sorted(x["id"] for x in ea[key]) == sorted(x["id"] for x in eb[key]), key
        assert canonical(ea) == canonical(eb)
        # re-ingesting what is already stored changes nothing
        r4 = ingest([s004, s000], a, extractor=pipeline.extract_stream)
        assert r4.ingested == [] and len(r4.unchanged) == 2
        assert canonical(export_data(a)) == canonical(ea)
    finally:
        a.dispose()
        b.dispose()
