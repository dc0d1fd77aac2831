"""The aggregates the rebuild stores for fast views (entity_aliases, entity_stats, outlets) equal the same
figures counted live from the per-document rows of the real shared store; and a store written with the
previous schema (without those tables) is rebuilt once when it is opened, to the same export."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict

from sqlalchemy import and_, select, update

from claimgraph.query import export_data
from claimgraph.query.views import entity
from claimgraph.run import open_store
from claimgraph.store import Store
from claimgraph.store import schema as t


def _live_aliases(c) -> tuple[Counter, dict[str, int], dict[str, set[str]]]:
    aliases: Counter = Counter()
    mentions: Counter = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    join = and_(t.mentions.c.doc_id == t.entity_members.c.doc_id, t.mentions.c.key == t.entity_members.c.key)
    for r in c.execute(select(t.entity_members.c.entity_id, t.mentions.c.text, t.mentions.c.doc_id).join(t.mentions, join)):
        aliases[(r.entity_id, r.text)] += 1
        mentions[r.entity_id] += 1
        docs[r.entity_id].add(r.doc_id)
    join = and_(t.doc_sources.c.doc_id == t.entity_members.c.doc_id, t.doc_sources.c.key == t.entity_members.c.key)
    for r in c.execute(select(t.entity_members.c.entity_id, t.doc_sources.c.name).join(t.doc_sources, join)):
        aliases[(r.entity_id, r.name)] += 1
    return aliases, mentions, docs


def test_entity_aggregates_equal_live_counts(store):
    with store.connect() as c:
        live, mentions, docs = _live_aliases(c)
        stored = Counter({(r.entity_id, r.alias): r.mentions for r in c.execute(select(t.entity_aliases))})
        stats = {r.entity_id: (r.mentions, r.documents) for r in c.execute(select(t.entity_stats))}
        n_entities = c.execute(select(t.entities.c.id)).fetchall()
    assert stored == live
    assert len(stats) == len(n_entities)
    assert stats == {e: (mentions[e], len(docs[e])) for e in stats}
    # not a vacuous check: some entity goes by several spellings, and one is in several documents
    per_entity = Counter(e for e, _ in live)
    assert max(per_entity.values()) >= 2 and max(len(d) for d in docs.values()) >= 2


def test_entity_view_reads_the_aggregates(store):
    with store.connect() as c:
        live, mentions, docs = _live_aliases(c)
    eid = max(mentions, key=lambda e: (len(docs[e]), e))  # the most widely mentioned entity
    view = entity(store, eid)
    assert view["mentions"] == mentions[eid] and view["documents"] == len(docs[eid])
    assert {a["alias"]: a["mentions"] for a in view["aliases"] if a["mentions"]} == \
        {a: n for (e, a), n in live.items() if e == eid}


def test_outlet_aggregates_equal_live_counts(store):
    claims: dict[str, set[str]] = defaultdict(set)
    docs: Counter = Counter()
    with store.connect() as c:
        outlet_of = {r.id: r.outlet or r.wire or "(unknown)" for r in c.execute(select(t.documents))}
        docs.update(outlet_of.values())
        for r in c.execute(select(t.claim_evidence.c.doc_id, t.claim_members.c.claim_id)
                           .join(t.claim_members, t.claim_members.c.evidence_id == t.claim_evidence.c.id)):
            claims[outlet_of[r.doc_id]].add(r.claim_id)
        stored = {r.outlet: (r.documents, r.claims) for r in c.execute(select(t.outlets))}
    assert stored == {o: (n, len(claims[o])) for o, n in docs.items()}
    assert sum(1 for _, k in stored.values() if k) >= 2  # several outlets carry claims


def test_store_of_previous_schema_is_rebuilt_once_on_open(store_url, tmp_path):
    src = sqlite3.connect(store_url.removeprefix("sqlite:///"))
    old = tmp_path / "old.db"
    dst = sqlite3.connect(old)
    src.backup(dst)  # the WAL's content included
    src.close()
    dst.close()
    expected = export_data(Store(store_url))
    # what schema 1 looked like: no aggregate tables (they come back empty), version 1
    s = Store(f"sqlite:///{old}")
    with s.engine.begin() as c:
        for table in (t.entity_aliases, t.entity_stats, t.outlets):
            c.execute(table.delete())
        c.exec_driver_sql("DROP INDEX ix_claims_object")  # indexes new in schema 2
        c.exec_driver_sql("DROP INDEX ix_quotes_speaker")
        c.execute(update(t.meta).where(t.meta.c.key == "schema_version").values(value="1"))
    s.dispose()

    upgraded = open_store(f"sqlite:///{old}")
    assert upgraded.upgraded
    with upgraded.connect() as c:
        assert c.execute(select(t.meta.c.value).where(t.meta.c.key == "schema_version")).scalar_one() == str(t.SCHEMA_VERSION)
        assert c.execute(select(t.outlets)).fetchall()
        assert c.execute(select(t.entity_stats)).fetchall()
        indexes = {r[0] for r in c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"ix_claims_object", "ix_quotes_speaker"} <= indexes
    assert not upgraded.is_stale()
    assert export_data(upgraded) == expected
    upgraded.dispose()
    again = open_store(f"sqlite:///{old}")
    assert not again.upgraded  # once
    again.dispose()
