"""The sources view pages its copied document pairs and counts outlet pairs in SQL: the same
figures as the full list, a bounded page (API and HTML)."""

from __future__ import annotations

import json
from collections import Counter

from fastapi.testclient import TestClient

from claimgraph.api import create_app
from claimgraph.query import overview
from claimgraph.run import ingest
from claimgraph.store import Store

from .conftest import example_sentences


def test_copy_pairs_are_paged_and_outlet_pairs_add_up(tmp_path, no_extract):
    sents = example_sentences()
    shared = " ".join(sents[:6])  # a long passage every article carries: copies between all of them
    records = [{"title": f"Story {i}", "outlet": f"Outlet {i % 3}", "published": f"2024-01-0{i + 1}",
                "text": f"{sents[10 + i]} {shared} {sents[20 + i]}"} for i in range(4)]
    (tmp_path / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    try:
        assert ingest([str(tmp_path / "wire.jsonl")], store, extractor=no_extract).ok
        full = overview.sources(store)
        assert full["copies_total"] == len(full["copies"]) >= 3
        expected = Counter()
        for cp in full["copies"]:
            expected[(cp["copier"]["outlet"], cp["original"]["outlet"])] += cp["passages"]
        assert {(x["copier"], x["original"]): x["passages"] for x in full["outlet_copies"]} == dict(expected)
        one = overview.sources(store, limit=1, offset=1)
        assert one["copies"] == full["copies"][1:2] and one["copies_total"] == full["copies_total"]
        with TestClient(create_app(store), base_url="http://127.0.0.1") as client:
            api = client.get("/api/sources", params={"limit": 2}).json()
            assert api["copies"] == full["copies"][:2] and api["copies_total"] == full["copies_total"]
            assert client.get("/api/sources", params={"limit": 10**6}).status_code == 422
            page = client.get("/sources", headers={"accept": "text/html"})
            assert page.status_code == 200 and "Who copies whom" in page.text and "Outlet Late" not in page.text
            # the page is kept per rebuild: a new ingest (which rebuilds) shows at once
            late = {"title": "Late", "outlet": "Outlet Late", "published": "2024-02-01", "text": f"{shared} {sents[30]}"}
            (tmp_path / "late.json").write_text(json.dumps(late), encoding="utf-8")
            assert ingest([str(tmp_path / "late.json")], store, extractor=no_extract).ok
            assert "Outlet Late" in client.get("/sources", headers={"accept": "text/html"}).text
    finally:
        store.dispose()
