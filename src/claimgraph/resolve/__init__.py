"""resolve: per-document clusters -> entities; occurrences -> quotes; evidence -> claims.
`resolve_store` rebuilds every derived table from the per-document tables in one transaction,
replaying manual merge/split decisions, so a re-run always equals a from-scratch run. `update_store`
is the same stage after new documents, recomputing only what they touch (quotestage, claimstage), and
leaves the same rows."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..corroborate import update_copies
from ..store import Store
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


def update_store(store: Store, doc_ids: list[str]) -> dict[str, int]:
    """The cross-document stage after `doc_ids` were added to a store whose derived tables were current
    before: the same rows as `resolve_store`, computed from what the new documents touch. A store that
    was not current (another writer's documents unresolved, or these already seen) is rebuilt instead,
    and so is one that was empty (a first ingest: a rebuild reads each row once, cheaper than by key)."""
    with store.begin() as c:
        if not doc_ids:
            return {"entities": 0, "claims": 0, "copies": 0}
        if not _current_but(c, doc_ids):
            return _resolve_all(store, c)
        with timed("graph entities"):  # CLAIMGRAPH_TIMINGS sub-stages of "graph"
            delta = update_entities(c, doc_ids)
        with timed("graph downstream"):
            update_copies(c, sorted(doc_ids), lambda d: c.execute(select(t.documents.c.text).where(t.documents.c.id == d)).scalar())
            q = update_quotes(c, doc_ids, delta)
            n = update_claims(c, doc_ids, delta)
        store.mark_rebuilt(c)
        return {"entities": len(delta.renamed), "quotes": q, "claims": n}


def _current_but(c: Connection, doc_ids: list[str]) -> bool:
    """The derived tables covered every stored document but `doc_ids`, none of those, and at least one."""
    new = set(doc_ids)
    built = c.execute(select(t.meta.c.value).where(t.meta.c.key == "rebuilt_for_documents")).scalar()
    count = c.execute(select(func.count()).select_from(t.documents)).scalar_one()
    if built is None or int(built) == 0 or int(built) + len(new) != count:
        return False
    scanned = t.copy_scanned.c.doc_id
    return not any(c.execute(select(scanned).where(scanned.in_(chunk)).limit(1)).first() for chunk in chunks(new))


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
