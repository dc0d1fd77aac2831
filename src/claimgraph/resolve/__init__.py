"""resolve: per-document clusters -> entities; occurrences -> quotes; evidence -> claims.
`resolve_store` rebuilds every derived table from the per-document tables in one transaction,
replaying manual merge/split decisions, so a re-run always equals a from-scratch run. `update_store`
is the same stage after new documents, recomputing only what they touch (quotestage, claimstage), and
leaves the same rows."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..corroborate import update_copies
from ..store import Store, coverage
from ..store import schema as t
from ..timings import timed
from .claimstage import UNKNOWN_OUTLET, rebuild_claims, update_claims
from .keyed import chunks
from .quotestage import rebuild_quotes, update_quotes
from .state import EntityDelta, update_entities

__all__ = ["EntityDelta", "UNKNOWN_OUTLET", "resolve_store", "update_store"]


def resolve_store(store: Store) -> dict[str, int]:
    """The from-scratch path (`claimgraph rebuild`, manual decisions, a stale or upgraded store)."""
    with store.begin() as c:
        return _resolve_all(store, c)


def update_store(store: Store) -> dict:
    """The cross-document stage for the documents stored since it last ran (`graph_pending`: this run's,
    and any other writer's not yet taken in): the same rows as `resolve_store`, computed from what they
    touch. Returns counts, and the support the claims it regrouped had before (`claims_before`, for
    `watch`). Under the store's write lock, so concurrent ingests each take in what is pending and none
    rebuilds. A store whose derived tables did not cover every other document (older than the pending
    queue, or damaged) is rebuilt instead, and so is one that was empty (a first ingest: a rebuild reads
    each row once, cheaper than by key)."""
    with store.begin() as c:
        pending = sorted(c.execute(select(t.graph_pending.c.doc_id)).scalars())
        built, stored = coverage(c)
        if not pending and built == stored:  # nothing new, or another writer's graph stage took ours in
            return {"entities": 0, "quotes": 0, "claims": 0, "claims_before": {}}
        if built == 0 or built + len(pending) != stored or _scanned(c, pending):
            before = {r.id: (r.documents, r.independent) for r in c.execute(
                select(t.claims.c.id, t.claims.c.documents, t.claims.c.independent))}  # whole, as the rebuild is
            return _resolve_all(store, c) | {"claims_before": before}
        with timed("graph entities"):  # CLAIMGRAPH_TIMINGS sub-stages of "graph"
            delta = update_entities(c, pending)
        with timed("graph downstream"):
            update_copies(c, pending, lambda d: c.execute(select(t.documents.c.text).where(t.documents.c.id == d)).scalar())
            q = update_quotes(c, pending, delta)
            n, before = update_claims(c, pending, delta)
        store.mark_rebuilt(c, pending)
        return {"entities": len(delta.renamed), "quotes": q, "claims": n, "claims_before": before}


def _scanned(c: Connection, pending: list[str]) -> bool:
    """Some of the pending documents are in the graph already (a queue that lost a delete): not safe to add."""
    scanned = t.copy_scanned.c.doc_id
    return any(c.execute(select(scanned).where(scanned.in_(chunk)).limit(1)).first() for chunk in chunks(pending))


@timed("graph rebuild")  # a CLAIMGRAPH_TIMINGS stage of its own: tells a bench or test that an add rebuilt
def _resolve_all(store: Store, c: Connection) -> dict[str, int]:
    store.clear_derived(c)
    members = update_entities(c, None).changed
    names = {r.id: (r.name, r.type) for r in c.execute(select(t.entities))}
    unscanned = select(t.documents.c.id).where(t.documents.c.id.not_in(select(t.copy_scanned.c.doc_id)))
    update_copies(c, c.execute(unscanned).scalars().all(),
                  lambda doc_id: c.execute(select(t.documents.c.text).where(t.documents.c.id == doc_id)).scalar())
    rebuild_quotes(c, members, names)
    n_claims = rebuild_claims(c, members, names)
    store.mark_rebuilt(c)
    return {"entities": len(names), "claims": n_claims, "copies": c.execute(select(func.count()).select_from(t.copies)).scalar_one()}
