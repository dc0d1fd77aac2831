"""Overviews across the whole store: what happened when (timeline), which outlets say what and who
copies whom (sources, the source-by-claim matrix), and the entity network. Same conventions as
views.py: plain data out, bound parameters, paginated or capped lists."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import case, func, or_, select

from ..resolve import UNKNOWN_OUTLET
from ..store import Store
from ..store import schema as t
from .views import _claim_summaries, _entity_ids, _names, badge, claim_label, page



def timeline(store: Store, *, entity_ref: str | None = None, limit: int | None = 200, offset: int | None = 0) -> dict:
    """Dated claims in time order (ISO dates at the precision the text gave: 2018 < 2018-12 < 2018-12-03)."""
    limit, offset = page(limit, offset)
    sel = select(t.claims).where(t.claims.c.time.is_not(None), t.claims.c.time != "")
    if entity_ref:
        ids = _entity_ids(store, entity_ref)
        sel = sel.where(or_(t.claims.c.subject.in_(ids), t.claims.c.object.in_(ids)))
    with store.connect() as c:
        total = c.execute(select(func.count()).select_from(sel.subquery())).scalar_one()
        rows = c.execute(sel.order_by(t.claims.c.time, t.claims.c.independent.desc(), t.claims.c.id)
                         .limit(limit).offset(offset)).fetchall()
        items = [s | {"label": claim_label(s)} for s in _claim_summaries(c, rows)]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def sources(store: Store, *, limit: int | None = None, offset: int | None = 0) -> dict:
    """Outlets with their documents and the claims they carry, and who copies whom (copied passages
    between documents; the later-published one is taken as the copier): a page of document pairs
    (`limit` None: all of them) with their total, and every outlet pair. Outlet counts are aggregated
    at rebuild time (table `outlets`) and pairs are counted in SQL, so this stays fast on a large store."""
    if limit is not None:
        limit, offset = page(limit, offset)
    with store.connect() as c:
        outlets = [{"outlet": r.outlet, "documents": r.documents, "claims": r.claims, "wire": r.wire}
                   for r in c.execute(select(t.outlets).order_by(t.outlets.c.documents.desc(), t.outlets.c.outlet))]
        total = c.execute(select(func.count()).select_from(
            select(t.copies.c.doc_a, t.copies.c.doc_b).group_by(t.copies.c.doc_a, t.copies.c.doc_b).subquery())).scalar_one()
        copies = _copy_pairs(c, limit, offset or 0)
        outlet_copies = _outlet_copies(c)
    return {"outlets": outlets, "copies": copies, "copies_total": total, "outlet_copies": outlet_copies}


def _copy_pairs(c, limit: int | None = None, offset: int = 0) -> list[dict]:
    """Copied passages per document pair (later-published = copier), in document-id order."""
    a, b = t.documents.alias("a"), t.documents.alias("b")
    q = (select(a.c.id.label("a_id"), a.c.title.label("a_title"), a.c.outlet.label("a_outlet"), a.c.wire.label("a_wire"),
                a.c.published.label("a_published"), b.c.id.label("b_id"), b.c.title.label("b_title"),
                b.c.outlet.label("b_outlet"), b.c.wire.label("b_wire"), b.c.published.label("b_published"),
                func.count().label("n"))
         .select_from(t.copies).join(a, a.c.id == t.copies.c.doc_a).join(b, b.c.id == t.copies.c.doc_b)
         .group_by(a.c.id, a.c.title, a.c.outlet, a.c.wire, a.c.published, b.c.id, b.c.title, b.c.outlet, b.c.wire,
                   b.c.published)
         .order_by(a.c.id, b.c.id))
    copies = []
    for r in c.execute(q if limit is None else q.limit(limit).offset(offset)):
        da = {"id": r.a_id, "title": r.a_title, "outlet": r.a_outlet or r.a_wire, "published": r.a_published}
        db = {"id": r.b_id, "title": r.b_title, "outlet": r.b_outlet or r.b_wire, "published": r.b_published}
        copier, original = (db, da) if (db["published"] or "") >= (da["published"] or "") else (da, db)
        known = bool(da["published"] and db["published"] and da["published"] != db["published"])
        copies.append({"copier": copier, "original": original, "passages": r.n, "direction_known": known})
    return copies


def _outlet_copies(c) -> list[dict]:
    """Copied passages per (copier outlet, original outlet), most first: one grouped query, not a
    walk over every document pair."""
    a, b = t.documents.alias("a"), t.documents.alias("b")

    def outlet(d):
        return func.coalesce(func.nullif(d.c.outlet, ""), func.nullif(d.c.wire, ""), UNKNOWN_OUTLET)

    b_later = func.coalesce(b.c.published, "") >= func.coalesce(a.c.published, "")
    copier = case((b_later, outlet(b)), else_=outlet(a)).label("copier")
    original = case((b_later, outlet(a)), else_=outlet(b)).label("original")
    rows = c.execute(select(copier, original, func.count().label("n"))
                     .select_from(t.copies).join(a, a.c.id == t.copies.c.doc_a).join(b, b.c.id == t.copies.c.doc_b)
                     .group_by(copier, original).order_by(func.count().desc(), copier, original))
    return [{"copier": r.copier, "original": r.original, "passages": r.n} for r in rows]


def matrix(store: Store, *, limit: int | None = 50, min_independent: int = 0) -> dict:
    """Source-by-claim matrix: the `limit` most corroborated claims (rows) against outlets (columns);
    each cell is how that outlet carries the claim (its strongest badge), plus outlet copy links."""
    limit, _ = page(limit, 0)
    with store.connect() as c:
        rows = c.execute(select(t.claims).where(t.claims.c.independent >= min_independent)
                         .order_by(t.claims.c.documents.desc(), t.claims.c.independent.desc(), t.claims.c.id)
                         .limit(limit)).fetchall()
        summaries = _claim_summaries(c, rows)
        ids = [r.id for r in rows]
        cells: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
        if ids:
            q = (select(t.claim_members.c.claim_id, t.claim_evidence.c.modality, t.claim_evidence.c.attributed_key,
                        t.documents.c.outlet, t.documents.c.wire)
                 .join(t.claim_evidence, t.claim_evidence.c.id == t.claim_members.c.evidence_id)
                 .join(t.documents, t.documents.c.id == t.claim_evidence.c.doc_id)
                 .where(t.claim_members.c.claim_id.in_(ids)))
            for r in c.execute(q):
                cells[r.claim_id][r.outlet or r.wire or UNKNOWN_OUTLET][badge(r.modality, r.attributed_key)] += 1
        outlet_copies = _outlet_copies(c)
    width = Counter(o for i in ids for o in cells[i])
    outlets = sorted(width, key=lambda o: (-width[o], o))
    out_rows = []
    for s in summaries:
        row = {}
        for o in outlets:
            counts = cells[s["id"]].get(o)
            if counts:
                # the cell shows denial first: an outlet reporting a denial is what a reader must see
                top = next(m for m in ("denied", "hedged", "attributed", "asserted") if counts.get(m))
                row[o] = {"badge": top, "evidence": sum(counts.values())}
        out_rows.append({"claim": s | {"label": claim_label(s)}, "cells": row})
    shown = set(outlets)
    return {"outlets": outlets, "rows": out_rows,
            "copies": [x for x in outlet_copies if x["copier"] in shown or x["original"] in shown]}


def network(store: Store, *, entity_ref: str | None = None, min_independent: int = 0, limit: int | None = 300) -> dict:
    """Entities linked by claims (subject -> object): edge weight = independent support summed over
    the claims between the two; nodes sized by how many claims touch them."""
    limit, _ = page(limit, 0)
    sel = select(t.claims.c.id, t.claims.c.subject, t.claims.c.object, t.claims.c.predicate, t.claims.c.independent,
                 t.claims.c.value).where(t.claims.c.object.is_not(None), t.claims.c.independent >= min_independent)
    if entity_ref:
        ids = _entity_ids(store, entity_ref)
        sel = sel.where(or_(t.claims.c.subject.in_(ids), t.claims.c.object.in_(ids)))
    with store.connect() as c:
        rows = c.execute(sel.order_by(t.claims.c.independent.desc(), t.claims.c.id).limit(limit)).fetchall()
        names = _names(c, [x for r in rows for x in (r.subject, r.object)])
    edges: dict[tuple[str, str], dict] = {}
    degree: Counter = Counter()
    for r in rows:
        if r.subject == r.object or r.subject not in names or r.object not in names:
            continue
        e = edges.setdefault((r.subject, r.object), {"source": r.subject, "target": r.object, "weight": 0,
                                                     "predicates": [], "claims": []})
        e["weight"] += r.independent
        if r.predicate not in e["predicates"]:
            e["predicates"].append(r.predicate)
        e["claims"].append(r.id)
        degree[r.subject] += 1
        degree[r.object] += 1
    nodes = [names[n] | {"claims": degree[n]} for n in sorted(degree)]
    return {"nodes": nodes, "edges": [e | {"id": f"{e['source']}-{e['target']}", "label": ", ".join(e["predicates"])}
                                      for e in edges.values()]}
