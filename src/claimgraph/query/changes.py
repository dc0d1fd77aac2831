"""What adding one document changed in the store, for `claimgraph watch`: the graph counts before and
after it, and the support of the claims it joined before and after: the graph stage reports the support
the claims it regrouped had, so no claim the article did not touch is read (before, every claim's support
was read twice per article)."""

from __future__ import annotations

from sqlalchemy import select

from ..store import Store
from ..store import schema as t
from .views import _claim_summaries, claim_label

COUNTED = ("entities", "quotes", "claims", "copies")  # the graph tables a new article can grow


def document_change(store: Store, doc_id: str, before: dict[str, int], after: dict[str, int],
                    claims_before: dict[str, tuple[int, int]]) -> dict:
    """The document (title, outlet, source), how the counts moved from `before` to `after`, and the
    claims its evidence belongs to, with their support now and before (`claims_before`, from the graph
    stage that took the document in: None for a claim it started), most independent first."""
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
        was = claims_before.get(s["id"])
        claims.append({"id": s["id"], "label": claim_label(s), "documents": s["support"]["documents"],
                       "independent": s["support"]["independent"],
                       "before": None if was is None else {"documents": was[0], "independent": was[1]}})
    return {"document": {k: doc[k] for k in ("id", "title", "outlet", "wire", "source")},
            "added": {k: after[k] - before[k] for k in COUNTED},
            "claims": claims}
