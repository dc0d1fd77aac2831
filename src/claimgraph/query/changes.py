"""What adding one document changed in the store, for `claimgraph watch`: a snapshot of counts and of
claim support taken before the document, compared with the store after it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..store import Store
from ..store import schema as t
from .views import _claim_summaries, claim_label

COUNTED = ("entities", "quotes", "claims", "copies")  # the graph tables a new article can grow


@dataclass(frozen=True)
class Snapshot:
    counts: dict[str, int]
    support: dict[str, tuple[int, int]]  # claim id -> (documents, independent)


def snapshot(store: Store) -> Snapshot:
    """Counts of the graph tables and every claim's support: two integers a claim, read in one query,
    so the change a document makes to claims it joins can be told afterwards."""
    counts = store.counts()
    with store.connect() as c:
        support = {r.id: (r.documents, r.independent)
                   for r in c.execute(select(t.claims.c.id, t.claims.c.documents, t.claims.c.independent))}
    return Snapshot({k: counts[k] for k in COUNTED}, support)


def document_change(store: Store, doc_id: str, before: Snapshot, after: Snapshot) -> dict:
    """The document (title, outlet, source), how the counts moved from `before` to `after`, and the
    claims its evidence belongs to, with their support now and before (None: a claim it started),
    most independent first."""
    doc = store.document(doc_id)
    with store.connect() as c:
        ids = select(t.claim_members.c.claim_id).join(
            t.claim_evidence, t.claim_evidence.c.id == t.claim_members.c.evidence_id).where(
            t.claim_evidence.c.doc_id == doc_id)
        rows = c.execute(select(t.claims).where(t.claims.c.id.in_(ids))
                         .order_by(t.claims.c.independent.desc(), t.claims.c.documents.desc(), t.claims.c.id)).fetchall()
        summaries = _claim_summaries(c, rows)
    claims = []
    for s in summaries:
        was = before.support.get(s["id"])
        claims.append({"id": s["id"], "label": claim_label(s), "documents": s["support"]["documents"],
                       "independent": s["support"]["independent"],
                       "before": None if was is None else {"documents": was[0], "independent": was[1]}})
    return {"document": {k: doc[k] for k in ("id", "title", "outlet", "wire", "source")},
            "added": {k: after.counts[k] - before.counts[k] for k in COUNTED},
            "claims": claims}
