"""What the entity and article pages add to the read views: quotes about an entity (a mention of it
inside the quoted span, said by anyone else), shown beside the quotes it said; and the claims an
article states, each once and labelled, for its "Claims here" list."""

from __future__ import annotations

from sqlalchemy import and_, or_, select

from ..store import Store
from ..store import schema as t
from .views import QUOTES_PER_ENTITY, _claim_summaries, _quote_summaries, claim_label, dated_first


def quotes_about(store: Store, entity_id: str, *, limit: int = QUOTES_PER_ENTITY) -> list[dict]:
    """Quotes (grouped across articles) with a mention of `entity_id` inside a quoted span, not
    spoken by the entity itself; undated last, like every quote list."""
    qo, m, em, qm = t.quote_occurrences, t.mentions, t.entity_members, t.quote_members
    about = (select(qm.c.quote_id)
             .join(qo, qo.c.id == qm.c.occurrence_id)
             .join(m, and_(m.c.doc_id == qo.c.doc_id, m.c.start >= qo.c.start, m.c.end <= qo.c.end))
             .join(em, and_(em.c.doc_id == m.c.doc_id, em.c.key == m.c.key))
             .where(em.c.entity_id == entity_id))
    with store.connect() as c:
        rows = c.execute(select(t.quotes).where(t.quotes.c.id.in_(about),
                                                or_(t.quotes.c.speaker.is_(None), t.quotes.c.speaker != entity_id))
                         .order_by(*dated_first(t.quotes.c.said_on), t.quotes.c.id).limit(limit)).fetchall()
        return _quote_summaries(c, rows)


def document_claims(store: Store, evidence: list[dict]) -> list[dict]:
    """The claims an article's evidence spans support, each once, labelled ('Veldoria expel two
    Marenthian diplomats'), in the order the article first states them, with the badges of how it
    states them and the span of the first statement (for the jump to it)."""
    first: dict[str, dict] = {}
    for ev in evidence:
        item = first.setdefault(ev["claim"], {"id": ev["claim"], "start": ev["start"], "end": ev["end"], "badges": []})
        if ev["badge"] not in item["badges"]:
            item["badges"].append(ev["badge"])
    if not first:
        return []
    with store.connect() as c:
        rows = c.execute(select(t.claims).where(t.claims.c.id.in_(sorted(first)))).fetchall()
        labels = {s["id"]: claim_label(s) for s in _claim_summaries(c, rows)}
    return sorted((item | {"label": labels[cid]} for cid, item in first.items() if cid in labels),
                  key=lambda x: (x["start"], x["label"]))
