"""The query layer and full-text search on PostgreSQL: the shared test store is copied into a fresh
schema and queried there. Runs when CLAIMGRAPH_TEST_PG holds a server URL (.ci/run sets it)."""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, insert, select, text

from claimgraph.query import overview, views
from claimgraph.query.search import search
from claimgraph.store import Store, normalise_url
from claimgraph.store import schema as t

PG_URL = os.environ.get("CLAIMGRAPH_TEST_PG")
pytestmark = pytest.mark.skipif(not PG_URL, reason="CLAIMGRAPH_TEST_PG is not set (a postgresql:// URL of a test database)")


@pytest.fixture(scope="module")
def pg_store(store):
    name = f"cg_query_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(PG_URL))
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{name}"'))
    sep = "&" if "?" in PG_URL else "?"
    pg = Store(f"{PG_URL}{sep}options={quote(f'-csearch_path={name}')}")
    with store.connect() as src, pg.engine.begin() as dst:
        for table in t.metadata.sorted_tables:
            if table.name == "meta":
                continue
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            if rows:
                dst.execute(insert(table), rows)
    yield pg
    pg.dispose()
    with admin.begin() as c:
        c.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    admin.dispose()


def test_same_answers_as_sqlite(store, pg_store):
    for name in ("FMM", "Nazary", "Annika Vell"):  # the whole view: aliases, counts, claims ranked in SQL
        assert views.entity(pg_store, name) == views.entity(store, name)
    a, b = views.claims(store, min_independent=2, limit=500), views.claims(pg_store, min_independent=2, limit=500)
    assert a["total"] == b["total"] and {c["id"] for c in a["items"]} == {c["id"] for c in b["items"]}
    cid = a["items"][0]["id"]
    assert len(views.claim(pg_store, cid)["evidence"]) == len(views.claim(store, cid)["evidence"])
    assert overview.timeline(pg_store)["total"] == overview.timeline(store)["total"]
    assert overview.sources(pg_store)["outlets"] == overview.sources(store)["outlets"]
    assert overview.matrix(pg_store)["rows"] and overview.network(pg_store)["edges"]
    assert views.quotes(pg_store, speaker="Vell")["total"] == views.quotes(store, speaker="Vell")["total"]


def test_full_text_search(pg_store):
    r = search(pg_store, "diplomats expelled")
    assert r["documents"]["total"] >= 1
    assert any(p["hit"] for p in r["documents"]["items"][0]["snippet_parts"])
    assert search(pg_store, "x' OR 1=1; DROP TABLE documents; --")["documents"]["total"] >= 0
    assert views.documents(pg_store)["total"] > 0
