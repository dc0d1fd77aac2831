"""Read views for the CLI, the JSON API and the web UI: one entity with everything said about it,
claims with their evidence in article context, quotes, documents with their annotations
(overview.py adds the timeline, sources, matrix and network). Every function takes a Store and
returns plain data (the shapes of the export contract, plus display names), so the three front ends
render the same answers.

Names are matched loosely: an entity can be asked for by id, id prefix, or any alias in any spelling
variant (fold / compact / skeleton keys from names.py). All SQL is SQLAlchemy Core with bound
parameters; lists are paginated with `limit`/`offset` and report their `total`."""

from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict

from sqlalchemy import and_, func, or_, select

from ..errors import InputError, NotFound
from ..model import QUOTE_KINDS, STATUSES
from ..names import compact_key, fold, name_skeleton
from ..store import Store
from ..store import schema as t

MAX_LIMIT = 500
MODALITIES = ("asserted", "hedged", "attributed", "denied")
CLAIMS_PER_PREDICATE = 25  # claims listed per predicate on an entity; the rest are counted
QUOTES_PER_ENTITY = 50
CONTEXT_CHARS = 320  # article context shown around a piece of evidence, at most, on each side


def page(limit: int | None, offset: int | None) -> tuple[int, int]:
    limit = 50 if limit is None else limit
    offset = offset or 0
    if limit < 1 or limit > MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise InputError("offset must be 0 or more")
    return limit, offset


def dated_first(col) -> tuple:
    """Order by a nullable date with the undated last, the same on SQLite (NULLs first) and
    PostgreSQL (NULLs last)."""
    return col.is_(None), col


def badge(modality: str, attributed_to: str | None) -> str:
    """The one word the UI shows: asserted / hedged / attributed / denied (negated counts as denied)."""
    if modality in ("denied", "negated"):
        return "denied"
    if modality == "hedged":
        return "hedged"
    return "attributed" if attributed_to else "asserted"


# ---- entities --------------------------------------------------------------------------------
class _AliasIndex:
    """fold / compact / skeleton key -> entity ids, rebuilt when the store's entities change."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.by_fold: dict[str, set[str]] = defaultdict(set)
        self.by_compact: dict[str, set[str]] = defaultdict(set)
        self.by_skeleton: dict[str, set[str]] = defaultdict(set)
        for eid, text in rows:
            f = fold(text)
            if not f:
                continue
            self.by_fold[f].add(eid)
            self.by_compact[compact_key(text)].add(eid)
            self.by_skeleton[name_skeleton(text)].add(eid)


_index_lock = threading.Lock()
_index_cache: dict[str, tuple[tuple, _AliasIndex]] = {}


def _version(c) -> tuple:
    return (c.execute(select(func.count()).select_from(t.entities)).scalar_one(),
            c.execute(select(func.count()).select_from(t.entity_members)).scalar_one(),
            c.execute(select(func.max(t.decisions.c.id))).scalar_one(),
            c.execute(select(func.max(t.documents.c.ingested_at))).scalar_one())


def _alias_index(store: Store, c) -> _AliasIndex:
    version = _version(c)
    with _index_lock:
        hit = _index_cache.get(store.url)
        if hit and hit[0] == version:
            return hit[1]
    rows = [(r.entity_id, r.text) for r in c.execute(
        select(t.entity_members.c.entity_id, t.mentions.c.text).distinct()
        .join(t.mentions, and_(t.mentions.c.doc_id == t.entity_members.c.doc_id, t.mentions.c.key == t.entity_members.c.key)))]
    rows += [(r.entity_id, r.name) for r in c.execute(
        select(t.entity_members.c.entity_id, t.doc_sources.c.name).distinct()
        .join(t.doc_sources, and_(t.doc_sources.c.doc_id == t.entity_members.c.doc_id, t.doc_sources.c.key == t.entity_members.c.key)))]
    rows += [(r.id, r.name) for r in c.execute(select(t.entities.c.id, t.entities.c.name))]
    index = _AliasIndex(rows)
    with _index_lock:
        _index_cache[store.url] = (version, index)
    return index


def _mention_counts(c, ids: set[str]) -> dict[str, int]:
    if not ids:
        return {}
    q = select(t.entity_stats.c.entity_id, t.entity_stats.c.mentions).where(t.entity_stats.c.entity_id.in_(sorted(ids)))
    return {eid: n for eid, n in c.execute(q)}


def match_entities(store: Store, name: str) -> list[str]:
    """Entity ids that `name` loosely names, best match first: exact folded alias, then spacing/
    hyphen variants, then transliteration skeletons; ties broken by mention count."""
    with store.connect() as c:
        index = _alias_index(store, c)
        for table, key in ((index.by_fold, fold(name)), (index.by_compact, compact_key(name)),
                           (index.by_skeleton, name_skeleton(name))):
            ids = table.get(key) if key else None
            if ids:
                counts = _mention_counts(c, ids)
                return sorted(ids, key=lambda e: (-counts.get(e, 0), e))
        # last resort: every word of the query is a word of an alias ('Nazary' -> 'Abdolkarim Nazari')
        words = set(name_skeleton(name).split())
        ids = set()
        if words:
            for key, eids in index.by_skeleton.items():
                if words <= set(key.split()):
                    ids |= eids
        if ids:
            counts = _mention_counts(c, ids)
            return sorted(ids, key=lambda e: (-counts.get(e, 0), e))
    return []


def resolve_entity(store: Store, ref: str) -> str:
    """An entity id from an id, a unique id prefix, or any name (loosely matched)."""
    ref = (ref or "").strip()
    if not ref:
        raise InputError("give an entity name or id")
    with store.connect() as c:
        if c.execute(select(t.entities.c.id).where(t.entities.c.id == ref)).first():
            return ref
        if ref.isalnum() and len(ref) >= 6 and ref == ref.lower():
            rows = c.execute(select(t.entities.c.id).where(t.entities.c.id.like(f"{ref}%")).limit(2)).fetchall()
            if len(rows) == 1:
                return rows[0][0]
    ids = match_entities(store, ref)
    if not ids:
        raise NotFound(f"no entity named or with id {ref!r}")
    return ids[0]


def find_entities(store: Store, q: str = "", *, type: str | None = None, limit: int | None = 50,
                  offset: int | None = 0) -> dict:
    """Entities whose name or any alias contains `q` (folded), most mentioned first."""
    limit, offset = page(limit, offset)
    with store.connect() as c:
        if q.strip():
            index = _alias_index(store, c)
            key = fold(q)
            ids = set(match_entities(store, q))
            if key:
                for alias, eids in index.by_fold.items():
                    if key in alias:
                        ids |= eids
            sel = select(t.entities).where(t.entities.c.id.in_(sorted(ids))) if ids else None
        else:  # the unfiltered list (most mentioned first) leaves out demonyms linked to their country
            sel = select(t.entities).where(t.entities.c.id.not_in(select(t.entity_links.c.entity_id)))
        if sel is None:
            return {"total": 0, "limit": limit, "offset": offset, "items": []}
        if type:
            sel = sel.where(t.entities.c.type == type)
        rows = c.execute(sel).fetchall()
        counts = _mention_counts(c, {r.id for r in rows}) if len(rows) <= 5000 else {}
        exact = set(match_entities(store, q)) if q.strip() else set()
        rows.sort(key=lambda r: (r.id not in exact, -counts.get(r.id, 0), r.name))
        items = [{"id": r.id, "name": r.name, "type": r.type, "mentions": counts.get(r.id, 0)}
                 for r in rows[offset:offset + limit]]
    return {"total": len(rows), "limit": limit, "offset": offset, "items": items}


def _names(c, ids) -> dict[str, dict]:
    ids = sorted({i for i in ids if i})
    out: dict[str, dict] = {}
    for i in range(0, len(ids), 500):
        for r in c.execute(select(t.entities.c.id, t.entities.c.name, t.entities.c.type).where(t.entities.c.id.in_(ids[i:i + 500]))):
            out[r.id] = {"id": r.id, "name": r.name, "type": r.type}
    return out


def entity(store: Store, ref: str) -> dict:
    """Who is X: name, type, every alias, descriptions and roles; what is claimed about X (as subject
    or object, grouped by predicate, with support and modality counts); what X said."""
    eid = resolve_entity(store, ref)
    others = [] if eid.startswith(ref.strip()) else [i for i in match_entities(store, ref) if i != eid][:10]
    with store.connect() as c:
        row = c.execute(select(t.entities).where(t.entities.c.id == eid)).first()
        named = _names(c, others)
        also = [named[i] for i in others if i in named]  # match order, not the backend's row order
        member_keys = c.execute(select(func.count()).select_from(t.entity_members)
                                .where(t.entity_members.c.entity_id == eid)).scalar_one()
        aliases = Counter({r.alias: r.mentions for r in c.execute(
            select(t.entity_aliases.c.alias, t.entity_aliases.c.mentions).where(t.entity_aliases.c.entity_id == eid))})
        stats = c.execute(select(t.entity_stats).where(t.entity_stats.c.entity_id == eid)).first()
        descriptions: Counter = Counter()
        for r in c.execute(select(t.descriptions.c.text)
                           .join(t.entity_members, and_(t.descriptions.c.doc_id == t.entity_members.c.doc_id,
                                                        t.descriptions.c.key == t.entity_members.c.key))
                           .where(t.entity_members.c.entity_id == eid)):
            descriptions[r.text] += 1
        # a hub entity can have thousands of claims: the best corroborated per predicate are shown
        # (ranked in SQL, so a hub costs what it shows), the rest are counted (`claims --entity` pages them)
        about = or_(t.claims.c.subject == eid, t.claims.c.object == eid)
        claim_counts = Counter({r.predicate: r.n for r in c.execute(
            select(t.claims.c.predicate, func.count().label("n")).where(about).group_by(t.claims.c.predicate))})
        rank = func.row_number().over(partition_by=t.claims.c.predicate,
                                      order_by=(t.claims.c.independent.desc(), t.claims.c.id)).label("rank")
        ranked = select(t.claims, rank).where(about).subquery()
        kept = c.execute(select(ranked).where(or_(ranked.c.rank <= CLAIMS_PER_PREDICATE,
                                                  and_(ranked.c.predicate == "holds_role", ranked.c.subject == eid)))
                         .order_by(ranked.c.predicate, ranked.c.independent.desc(), ranked.c.id)).fetchall()
        summaries = _claim_summaries(c, kept)
        quote_rows = c.execute(select(t.quotes).where(t.quotes.c.speaker == eid)
                               .order_by(*dated_first(t.quotes.c.said_on), t.quotes.c.id).limit(QUOTES_PER_ENTITY)).fetchall()
        quotes = _quote_summaries(c, quote_rows)
        links = c.execute(select(t.entity_links).where(or_(t.entity_links.c.entity_id == eid,
                                                           t.entity_links.c.target_id == eid))).fetchall()
        linked = _names(c, [x for r in links for x in (r.entity_id, r.target_id)])
    by_predicate: dict[str, list[dict]] = defaultdict(list)
    for s in summaries:
        by_predicate[s["predicate"]].append(s)
    roles = [{"role": s["value"], "of": s["object"], "claim": s["id"], "support": s["support"]}
             for s in summaries if s["predicate"] == "holds_role" and s["subject"]["id"] == eid]
    alias_list = [{"alias": a, "mentions": n} for a, n in sorted(aliases.items(), key=lambda kv: (-kv[1], kv[0]))]
    if row.name not in aliases:
        alias_list.insert(0, {"alias": row.name, "mentions": 0})
    return {"id": row.id, "name": row.name, "type": row.type, "aliases": alias_list,
            "descriptions": _distinct_folded(d for d, _ in descriptions.most_common()), "roles": roles,
            "mentions": stats.mentions if stats else 0, "documents": stats.documents if stats else 0,
            "member_keys": member_keys,
            "claims": dict(sorted(by_predicate.items())), "claim_counts": dict(sorted(claim_counts.items())),
            "quotes": quotes,
            "demonym_of": next((linked[r.target_id] for r in links if r.entity_id == eid), None),
            "demonyms": [linked[r.entity_id] for r in links if r.target_id == eid],
            "also_named": also}  # other entities the same name could mean (ambiguous names)


def _distinct_folded(texts) -> list[str]:
    """First spelling of each text that differs only in case, spelling variant or punctuation."""
    seen, out = set(), []
    for x in texts:
        if fold(x) not in seen:
            seen.add(fold(x))
            out.append(x)
    return out


# ---- claims -----------------------------------------------------------------------------------
def _claim_summaries(c, rows) -> list[dict]:
    """Claim rows -> dicts with names resolved, support, and how the evidence says it."""
    if not rows:
        return []
    names = _names(c, [x for r in rows for x in (r.subject, r.object, r.place)])
    ids = [r.id for r in rows]
    modes: dict[str, Counter] = defaultdict(Counter)
    for i in range(0, len(ids), 500):
        q = (select(t.claim_members.c.claim_id, t.claim_evidence.c.modality, t.claim_evidence.c.attributed_key)
             .join(t.claim_evidence, t.claim_evidence.c.id == t.claim_members.c.evidence_id)
             .where(t.claim_members.c.claim_id.in_(ids[i:i + 500])))
        for r in c.execute(q):
            modes[r.claim_id][badge(r.modality, r.attributed_key)] += 1
    return [{"id": r.id, "subject": _ref(names, r.subject), "predicate": r.predicate, "status": r.status,
             "object": _ref(names, r.object), "value": r.value, "time": r.time, "place": _ref(names, r.place),
             "support": {"documents": r.documents, "independent": r.independent, "denials": r.denials,
                         "conflicts": json.loads(r.conflicts or "[]")},
             "modalities": {m: modes[r.id][m] for m in MODALITIES if modes[r.id][m]}} for r in rows]


def _ref(names: dict, eid: str | None) -> dict | None:
    if not eid:
        return None
    return names.get(eid, {"id": eid, "name": eid, "type": None})


def claim_label(s: dict) -> str:
    """'Veldoria expel Abdolkarim Nazari [2024-03]' for tables and page titles; an event that did not
    happen says so: 'Veldoria attempted attack Nazari'."""
    obj = s["object"]["name"] if s.get("object") else (s.get("value") or "")
    if s["predicate"] == "holds_role" and s.get("value"):
        obj = s["value"] + (f" ({s['object']['name']})" if s.get("object") else "")
    when = f" [{s['time']}]" if s.get("time") else ""
    pred = s["predicate"] if s.get("status", "occurred") == "occurred" else f"{s['status']} {s['predicate']}"
    return f"{s['subject']['name']} {pred} {obj}".strip() + when


def claims(store: Store, *, subject: str | None = None, predicate: str | None = None, entity_ref: str | None = None,
           min_independent: int = 0, modality: str | None = None, status: str | None = None,
           limit: int | None = 50, offset: int | None = 0) -> dict:
    """Claims, most independently corroborated first. `subject` / `entity_ref` take any name or id;
    `modality` keeps claims with at least one piece of evidence of that kind; `status` the claims of that
    event status (occurred, attempted, planned, prevented, future, hypothetical)."""
    limit, offset = page(limit, offset)
    if modality and modality not in MODALITIES + ("negated",):
        raise InputError(f"unknown modality {modality!r}; choose from: {', '.join(MODALITIES)}")
    if status and status not in STATUSES:
        raise InputError(f"unknown status {status!r}; choose from: {', '.join(STATUSES)}")
    sel = select(t.claims)
    if status:
        sel = sel.where(t.claims.c.status == status)
    if subject:
        sel = sel.where(t.claims.c.subject.in_(_entity_ids(store, subject)))
    if entity_ref:
        ids = _entity_ids(store, entity_ref)
        sel = sel.where(or_(t.claims.c.subject.in_(ids), t.claims.c.object.in_(ids)))
    if predicate:
        sel = sel.where(t.claims.c.predicate == predicate)
    if min_independent:
        sel = sel.where(t.claims.c.independent >= min_independent)
    if modality:
        ev = select(t.claim_members.c.claim_id).join(t.claim_evidence, t.claim_evidence.c.id == t.claim_members.c.evidence_id)
        if modality == "attributed":
            ev = ev.where(t.claim_evidence.c.attributed_key.is_not(None), t.claim_evidence.c.modality == "asserted")
        elif modality == "denied":
            ev = ev.where(t.claim_evidence.c.modality.in_(("denied", "negated")))
        elif modality == "asserted":
            ev = ev.where(t.claim_evidence.c.modality == "asserted", t.claim_evidence.c.attributed_key.is_(None))
        else:
            ev = ev.where(t.claim_evidence.c.modality == modality)
        sel = sel.where(t.claims.c.id.in_(ev))
    with store.connect() as c:
        total = c.execute(select(func.count()).select_from(sel.subquery())).scalar_one()
        rows = c.execute(sel.order_by(t.claims.c.independent.desc(), t.claims.c.documents.desc(), t.claims.c.id)
                         .limit(limit).offset(offset)).fetchall()
        items = _claim_summaries(c, rows)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _entity_ids(store: Store, ref: str) -> list[str]:
    """Every entity the name could mean (a filter keeps them all); an id or id prefix means one."""
    with store.connect() as c:
        if c.execute(select(t.entities.c.id).where(t.entities.c.id == ref)).first():
            return [ref]
    ids = match_entities(store, ref)
    if not ids:
        raise NotFound(f"no entity named or with id {ref!r}")
    return ids


def claim(store: Store, claim_id: str) -> dict:
    """One claim with every piece of evidence: the sentence in its article context, the span,
    the modality badge, who it is attributed to, and whether its source is independent."""
    with store.connect() as c:
        row = c.execute(select(t.claims).where(t.claims.c.id == claim_id)).first()
        if row is None:
            raise NotFound(f"no claim with id {claim_id!r}")
        summary = _claim_summaries(c, [row])[0]
        ev_rows = c.execute(select(t.claim_evidence).join(t.claim_members, t.claim_members.c.evidence_id == t.claim_evidence.c.id)
                            .where(t.claim_members.c.claim_id == claim_id)
                            .order_by(t.claim_evidence.c.doc_id, t.claim_evidence.c.start)).fetchall()
        doc_ids = sorted({r.doc_id for r in ev_rows})
        docs = {r.id: r for r in c.execute(select(t.documents.c.id, t.documents.c.title, t.documents.c.outlet, t.documents.c.wire,
                                                  t.documents.c.published, t.documents.c.source, t.documents.c.text)
                                           .where(t.documents.c.id.in_(doc_ids)))}
        members = {(r.doc_id, r.key): r.entity_id for r in c.execute(
            select(t.entity_members).where(t.entity_members.c.doc_id.in_(doc_ids)))} if doc_ids else {}
        copies = [dict(r._mapping) for r in c.execute(select(t.copies).where(
            and_(t.copies.c.doc_a.in_(doc_ids), t.copies.c.doc_b.in_(doc_ids))))] if doc_ids else []
        attributed = {members.get((r.doc_id, r.attributed_key)) for r in ev_rows if r.attributed_key}
        names = _names(c, attributed)
        conflicts = [{"id": s["id"], "label": claim_label(s)}
                     for s in _claim_summaries(c, c.execute(select(t.claims).where(
                         t.claims.c.id.in_(summary["support"]["conflicts"]))).fetchall())]
    groups = _independence(ev_rows, docs, copies)
    evidence = []
    for r in ev_rows:
        d = docs[r.doc_id]
        att = members.get((r.doc_id, r.attributed_key)) if r.attributed_key else None
        evidence.append({
            "id": r.id, "doc": r.doc_id, "start": r.start, "end": r.end, "text": r.text, "modality": r.modality,
            "status": r.status, "badge": badge(r.modality, r.attributed_key), "attributed_to": _ref(names, att) if att else None,
            "attributed_text": r.attributed_key if r.attributed_key and not att else None,
            "extractor": r.extractor, "trigger": r.trigger,
            "trigger_start": r.trigger_start, "trigger_end": r.trigger_end,
            "document": {"id": d.id, "title": d.title, "outlet": d.outlet or d.wire, "published": d.published, "source": d.source},
            "context": context(d.text, r.start, r.end), "independence": groups[r.doc_id]})
    return summary | {"label": claim_label(summary), "evidence": evidence, "conflicts": conflicts}


def context(text: str, start: int, end: int) -> dict:
    """The paragraph around [start, end), cut to CONTEXT_CHARS on each side at a word boundary."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    if start - a > CONTEXT_CHARS:
        a = text.find(" ", start - CONTEXT_CHARS, start) + 1 or start - CONTEXT_CHARS
    if b - end > CONTEXT_CHARS:
        cut = text.rfind(" ", end, end + CONTEXT_CHARS)
        b = cut if cut > end else end + CONTEXT_CHARS
    return {"before": text[a:start], "span": text[start:end], "after": text[end:b]}


def _independence(ev_rows, docs, copies) -> dict[str, dict]:
    """Per evidence document: independent, or which other evidence documents it shares an outlet
    with or copies passages from (the same links corroborate/support.py collapses)."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for r in ev_rows:
        spans[r.doc_id].append((r.start, r.end))
    links: dict[str, list[dict]] = defaultdict(list)
    ids = sorted(spans)
    for i, a in enumerate(ids):
        src_a = docs[a].outlet or docs[a].wire
        for b in ids[i + 1:]:
            if src_a and src_a == (docs[b].outlet or docs[b].wire):
                links[a].append({"doc": b, "why": "same outlet"})
                links[b].append({"doc": a, "why": "same outlet"})
    for cp in copies:
        a, b = cp["doc_a"], cp["doc_b"]
        if any(s < cp["end_a"] and e > cp["start_a"] for s, e in spans.get(a, [])) and \
                any(s < cp["end_b"] and e > cp["start_b"] for s, e in spans.get(b, [])):
            links[a].append({"doc": b, "why": "copied passage"})
            links[b].append({"doc": a, "why": "copied passage"})
    out = {}
    for d in ids:
        seen, uniq = set(), []
        for link in links[d]:
            if (link["doc"], link["why"]) not in seen:
                seen.add((link["doc"], link["why"]))
                uniq.append(link | {"outlet": docs[link["doc"]].outlet or docs[link["doc"]].wire, "title": docs[link["doc"]].title})
        out[d] = {"independent": not uniq, "shared_with": uniq}
    return out


# ---- quotes -----------------------------------------------------------------------------------
def _quote_summaries(c, rows) -> list[dict]:
    if not rows:
        return []
    ids = [r.id for r in rows]
    occ: dict[str, list[dict]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        q = (select(t.quote_members.c.quote_id, t.quote_occurrences, t.documents.c.title, t.documents.c.outlet,
                    t.documents.c.published)
             .join(t.quote_occurrences, t.quote_occurrences.c.id == t.quote_members.c.occurrence_id)
             .join(t.documents, t.documents.c.id == t.quote_occurrences.c.doc_id)
             .where(t.quote_members.c.quote_id.in_(ids[i:i + 500]))
             .order_by(*dated_first(t.documents.c.published), t.quote_occurrences.c.doc_id, t.quote_occurrences.c.start))
        for r in c.execute(q):
            occ[r.quote_id].append({"doc": r.doc_id, "start": r.start, "end": r.end, "cue": r.cue, "text": r.text,
                                    "kind": r.kind or "direct", "cue_start": r.cue_start, "cue_end": r.cue_end,
                                    "speaker_text": r.speaker_text, "title": r.title, "outlet": r.outlet,
                                    "published": r.published})
    names = _names(c, [r.speaker for r in rows])
    return [{"id": r.id, "text": r.text, "speaker": _ref(names, r.speaker), "speaker_text": r.speaker_text,
             "said_on": r.said_on, "kind": r.kind or "direct", "occurrences": occ[r.id],
             "outlets": sorted({o["outlet"] for o in occ[r.id] if o["outlet"]})} for r in rows]


def quotes(store: Store, *, speaker: str | None = None, kind: str | None = None, limit: int | None = 50,
           offset: int | None = 0) -> dict:
    """Who said what, and where it was copied: each quote with every occurrence across documents.
    `kind` keeps one kind of attribution (direct, mixed, indirect, according_to, belief)."""
    limit, offset = page(limit, offset)
    sel = select(t.quotes)
    if speaker:
        sel = sel.where(t.quotes.c.speaker.in_(_entity_ids(store, speaker)))
    if kind:
        if kind not in QUOTE_KINDS:
            raise InputError(f"unknown quote kind {kind!r}; one of {', '.join(QUOTE_KINDS)}")
        sel = sel.where(or_(t.quotes.c.kind == kind, t.quotes.c.kind.is_(None)) if kind == "direct" else t.quotes.c.kind == kind)
    with store.connect() as c:
        total = c.execute(select(func.count()).select_from(sel.subquery())).scalar_one()
        rows = c.execute(sel.order_by(*dated_first(t.quotes.c.said_on), t.quotes.c.id).limit(limit).offset(offset)).fetchall()
        items = _quote_summaries(c, rows)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def quote(store: Store, quote_id: str) -> dict:
    with store.connect() as c:
        row = c.execute(select(t.quotes).where(t.quotes.c.id == quote_id)).first()
        if row is None:
            raise NotFound(f"no quote with id {quote_id!r}")
        return _quote_summaries(c, [row])[0]


# ---- documents --------------------------------------------------------------------------------
def documents(store: Store, *, outlet: str | None = None, limit: int | None = 50, offset: int | None = 0) -> dict:
    limit, offset = page(limit, offset)
    cols = [t.documents.c[k] for k in ("id", "source", "url", "title", "published", "outlet", "wire", "dateline")]
    sel = select(*cols)
    if outlet:
        sel = sel.where(t.documents.c.outlet == outlet)
    with store.connect() as c:
        total = c.execute(select(func.count()).select_from(sel.subquery())).scalar_one()
        items = [dict(r._mapping) for r in c.execute(sel.order_by(t.documents.c.published.desc(), t.documents.c.id)
                                                     .limit(limit).offset(offset))]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def document(store: Store, doc_id: str) -> dict:
    """One article with its annotations: entity mentions, quote occurrences and claim evidence spans
    (offsets into `text`), plus `segments`, a flat split of the text for rendering highlights."""
    d = store.document(doc_id)
    with store.connect() as c:
        members = {r.key: r.entity_id for r in c.execute(select(t.entity_members).where(t.entity_members.c.doc_id == d["id"]))}
        mentions = [{"start": r.start, "end": r.end, "text": r.text, "label": r.label, "entity": members.get(r.key)}
                    for r in c.execute(select(t.mentions).where(t.mentions.c.doc_id == d["id"]).order_by(t.mentions.c.start))]
        occ = [dict(r._mapping) | {"kind": r.kind or "direct"} for r in c.execute(
            select(t.quote_occurrences.c.start, t.quote_occurrences.c.end, t.quote_occurrences.c.speaker_text,
                   t.quote_occurrences.c.cue, t.quote_occurrences.c.kind, t.quote_occurrences.c.said_on,
                   t.quote_members.c.quote_id, t.quote_occurrences.c.speaker_key)
            .outerjoin(t.quote_members, t.quote_members.c.occurrence_id == t.quote_occurrences.c.id)
            .where(t.quote_occurrences.c.doc_id == d["id"]).order_by(t.quote_occurrences.c.start))]
        for o in occ:  # the speaker as an entity of this document, for a link
            o["speaker"] = members.get(o.pop("speaker_key")) if o.get("speaker_key") else None
        evidence = [{"start": r.start, "end": r.end, "claim": r.claim_id, "modality": r.modality,
                     "badge": badge(r.modality, r.attributed_key)} for r in c.execute(
            select(t.claim_evidence.c.start, t.claim_evidence.c.end, t.claim_evidence.c.modality,
                   t.claim_evidence.c.attributed_key, t.claim_members.c.claim_id)
            .join(t.claim_members, t.claim_members.c.evidence_id == t.claim_evidence.c.id)
            .where(t.claim_evidence.c.doc_id == d["id"]).order_by(t.claim_evidence.c.start))]
        names = _names(c, [m["entity"] for m in mentions] + [o["speaker"] for o in occ])
        for o in occ:
            o["speaker"] = _ref(names, o["speaker"])
        copies = [dict(r._mapping) for r in c.execute(select(t.copies).where(
            or_(t.copies.c.doc_a == d["id"], t.copies.c.doc_b == d["id"])))]
    entities = {}
    for m in mentions:
        if m["entity"] and m["entity"] in names:
            entities.setdefault(m["entity"], names[m["entity"]] | {"mentions": 0})["mentions"] += 1
    return d | {"mentions": mentions, "quotes": occ, "evidence": evidence, "copies": copies,
                "entities": sorted(entities.values(), key=lambda e: (-e["mentions"], e["name"]))}


def segments(text: str, mentions: list[dict], quotes: list[dict], highlight: tuple[int, int] | None = None) -> list[dict]:
    """Split text at every annotation boundary: each segment knows the entity it names (if any),
    whether it is inside a quote, and whether it is the highlighted span. Overlaps are fine."""
    cuts = {0, len(text)}
    spans = []
    for m in mentions:
        if m.get("entity"):
            spans.append(("entity", m["start"], m["end"], m["entity"]))
    for q in quotes:
        spans.append(("quote", q["start"], q["end"], q.get("quote_id")))
    if highlight:
        spans.append(("mark", max(0, highlight[0]), min(len(text), highlight[1]), True))
    for _, s, e, _v in spans:
        if 0 <= s < e <= len(text):
            cuts.update((s, e))
    bounds = sorted(cuts)
    out = []
    for a, b in zip(bounds, bounds[1:]):
        seg = {"text": text[a:b], "start": a, "entity": None, "quote": None, "mark": False}
        for kind, s, e, v in spans:
            if s <= a and b <= e:
                seg[kind] = v if kind != "mark" else True
        out.append(seg)
    return out
