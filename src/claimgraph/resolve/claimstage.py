"""Claim evidence -> claims with support, conflicts, generic denials and outlet aggregates, from scratch
(`rebuild_claims`) or after new documents (`update_claims`).

Everything a claim is computed from is keyed: its evidence shares a claim key (subject, predicate,
object, value key, status; `ckey`), support reads the copies among its own documents, conflicts
compare the claims of one (subject, predicate, object), a generic denial ('Iran denied any plot')
counts for the claims of one (subject, predicate), and an outlet's distinct claims are kept by adding
and removing the claims whose membership changed. The store's claim_index holds each piece of resolved
evidence with its key and claim, so an add regroups only the claim keys of the evidence it touches:
the new documents' evidence, evidence whose entities changed, and evidence the role step resolves
differently (a new holder of a role, a renamed country). A claim that only gains one new article adds
it to its stored support when the article's place among the claim's sources is known without counting
them (`_grown`): a hub claim's support is not recounted over its thousands of articles."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection

from ..corroborate import CopyIndex, support
from ..corroborate.support import DENYING, overlaps
from ..model import make_id
from ..names import fold
from ..store import schema as t
from .groups import _value_key, claim_id, claim_time, group_claims, majority, times_compatible
from .keyed import chunks, entity_names, entity_of, rows_in

UNKNOWN_OUTLET = "(unknown)"  # documents with neither an outlet nor a wire, as the sources view names them
CONFLICT_PREDICATES = {"relocate", "located_in", "expel", "arrest", "kill", "release", "detain", "visit", "meet", "sanction", "seize"}
Names = dict[str, tuple[str, str]]  # entity id -> (name, type)
INDEX_FIELDS = ("subject", "predicate", "object", "place", "value", "status", "time", "modality", "start", "end")


def rebuild_claims(c: Connection, members: dict[tuple[str, str], str], names: Names) -> int:
    """Every claim from every stored piece of evidence; fills claim_index, place_names, outlet_claims."""
    from ..extract.lexicon import lexicon

    lex = lexicon()
    rows = sorted(c.execute(select(t.claim_evidence)), key=lambda r: (r.doc_id, r.start, r.id))
    ev = [e for e in (_evidence(r, members, lex) for r in rows) if e]
    places = [{"folded": fold(name), "entity_id": eid} for eid, (name, typ) in names.items() if typ == "GPE"]
    if places:
        c.execute(insert(t.place_names), places)
    place: dict[str, str] = {}
    for p in places:
        place[p["folded"]] = min(place.get(p["folded"], p["entity_id"]), p["entity_id"])
    holders: dict[tuple, set[str]] = defaultdict(set)
    for e in ev:
        if e["hold"]:
            holders[e["hold"]].add(e["subject"])
    for e in ev:
        _apply_role(e, place.get, lambda key: holders.get(key, set()))
    doc_rows = {r.id: r for r in c.execute(select(t.documents.c.id, t.documents.c.wire, t.documents.c.outlet))}
    copy_index = CopyIndex(dict(r._mapping) for r in c.execute(select(t.copies)))
    claims = _group(ev, _full_support(doc_rows, copy_index.among))
    denying = _denying(ev)
    for cl in claims:
        cl["denials"] += _generic(cl, denying)
    _conflicts(claims)
    _write(c, claims, ev, _sources(doc_rows))
    outlet_claims = {(_outlet(doc_rows[e["doc"]]), e["claim"]) for e in ev}
    if outlet_claims:
        c.execute(insert(t.outlet_claims), [{"outlet": o, "claim_id": cid} for o, cid in outlet_claims])
    _outlet_rows(c, doc_rows.values(), Counter(o for o, _ in outlet_claims), {})
    return len(claims)


def update_claims(c: Connection, doc_ids: list[str], delta) -> tuple[int, dict[str, tuple[int, int]]]:
    """Regroup the claim keys the new documents and the entity delta touch; returns the claims rewritten,
    and the support (documents, independent sources) the regrouped claims had before, by claim id: every
    claim a new document's evidence joins was regrouped, so `watch` can say how its support moved."""
    from ..extract.lexicon import lexicon

    fresh = set(doc_ids)
    hit, old, ev = _affected(c, fresh, delta, lexicon())
    _resolve_roles(c, ev, set(hit))
    denied = {(r.subject, r.predicate) for r in old.values() if r.object is None and r.modality == "denied"}
    denied |= {(e["subject"], e["predicate"]) for e in ev.values() if e["object"] is None and e["modality"] == "denied"}
    deny_before = {k: _denying_docs(c, k) for k in denied}  # (subject, predicate) whose generic denials may change
    generic = lambda sp: deny_before[sp] if sp in deny_before else _denying_docs(c, sp)  # noqa: E731
    keys = {r.ckey for r in old.values()} | {_ckey(e) for e in ev.values()}
    untimed = _untimed_growth(c, keys - {r.ckey for r in old.values()}, list(ev.values()), fresh, generic)
    for _, claim, new in untimed.values():
        for e in new:
            e["claim"] = claim["id"]
    kept = [r for r in rows_in(c, select(t.claim_index), t.claim_index.c.ckey, keys - untimed.keys()) if r.evidence_id not in hit]
    was = {r.evidence_id: r.claim_id for r in kept}  # the claim each kept evidence was in
    rest = [_from_index(r) for r in kept]
    old_claims = set(was.values()) | {r.claim_id for r in old.values()}
    old_claim_rows = [dict(r._mapping) for r in rows_in(c, select(t.claims), t.claims.c.id, old_claims)]
    old_claims |= {prev["id"] for prev, _, _ in untimed.values()}
    old_claim_rows += [prev for prev, _, _ in untimed.values()]
    rows = sorted([*rest, *(e for e in ev.values() if _ckey(e) not in untimed)], key=lambda e: (e["doc"], e["start"], e["id"]))
    # remove what is regrouped: the claims, and the index and member rows of the evidence read anew
    for chunk in chunks(hit):
        c.execute(delete(t.claim_index).where(t.claim_index.c.evidence_id.in_(chunk)))
        c.execute(delete(t.claim_members).where(t.claim_members.c.evidence_id.in_(chunk)))
    for chunk in chunks(old_claims):
        c.execute(delete(t.claims).where(t.claims.c.id.in_(chunk)))
    # regroup: a claim that only gains a new article that shares no source and no copy with its articles
    # adds to its stored support (a hub's claim has thousands); the others are counted anew
    members: dict[str, set[str]] = defaultdict(set)  # the claims no evidence read anew was in: their evidence
    for eid, cid in was.items():
        members[cid].add(eid)
    for r in old.values():
        members[r.claim_id] = set()
    heads = _heads(rows)
    grown = _grown(c, rows, heads, fresh, members, {r["id"]: r for r in old_claim_rows}, generic)
    # the documents whose sources are read: those of the claims counted anew, and those of the evidence
    # read anew, whose index rows carry them
    docs = {rows[i]["doc"] for cid, grp in heads if cid not in grown for i in grp} | fresh | {e["doc"] for e in ev.values()}
    doc_rows = {r.id: r for r in rows_in(c, select(t.documents.c.id, t.documents.c.wire, t.documents.c.outlet), t.documents.c.id, docs)}
    full = _full_support(doc_rows, lambda ds: _copies_among(c, ds))
    claims = _group(rows, lambda cid, grp: grown[cid] if cid in grown else full(cid, grp), heads)
    claims += [claim for _, claim, _ in untimed.values()]
    kept_support = grown.keys() | {claim["id"] for _, claim, _ in untimed.values()}  # claims that keep their outlets
    # a hub's claim key holds evidence from thousands of articles: of those kept, only the ones that changed claim are written
    moved: dict[str, list[str]] = defaultdict(list)
    for e in rest:
        if e["claim"] != was[e["id"]]:
            moved[e["claim"]].append(e["id"])
    for cid, ids in sorted(moved.items()):
        for chunk in chunks(ids):
            c.execute(update(t.claim_index).where(t.claim_index.c.evidence_id.in_(chunk)).values(claim_id=cid))
            c.execute(update(t.claim_members).where(t.claim_members.c.evidence_id.in_(chunk)).values(claim_id=cid))
    if ev:
        source = _sources(doc_rows)
        c.execute(insert(t.claim_index), [_index_row(e, source) for e in ev.values()])
        c.execute(insert(t.claim_members), [{"evidence_id": e["id"], "claim_id": e["claim"]} for e in ev.values()])
    _update_denials(c, claims, deny_before)
    _update_conflicts(c, claims, old_claim_rows)
    if claims:
        c.execute(insert(t.claims), claims)
    counted = [e for e in rows if e["claim"] not in grown or e["doc"] in fresh] + [e for _, _, new in untimed.values() for e in new]
    _update_outlets(c, fresh, old_claims - kept_support, counted, doc_rows, kept_support)
    return len(claims), {r["id"]: (r["documents"], r["independent"]) for r in old_claim_rows}


# ---- evidence and the role step ---------------------------------------------------------------------

def _affected(c: Connection, fresh: set[str], delta, lex) -> tuple[dict, dict, dict[str, dict]]:
    """The evidence to regroup: the new documents', that whose subject, object or place cluster changed
    entity, and that the role step may now resolve differently (a role whose holders changed, a place
    renamed). Returns (claim_evidence rows, their stored claim_index rows, resolved evidence), by id."""
    folds = _update_places(c, delta.renamed)
    touched_docs = fresh | {d for d, _ in delta.changed}
    hit = {r.id: r for r in rows_in(c, select(t.claim_evidence), t.claim_evidence.c.doc_id, touched_docs)
           if r.doc_id in fresh or any((r.doc_id, k) in delta.changed for k in (r.subject_key, r.object_key, r.place_key))}
    old = {r.evidence_id: r for r in rows_in(c, select(t.claim_index), t.claim_index.c.evidence_id, hit)}
    members = entity_of(c, {r.doc_id for r in hit.values()})
    ev = {i: e for i, e in ((i, _evidence(r, members, lex)) for i, r in hit.items()) if e}
    holds = {(r.hold_role, r.hold_target) for r in old.values() if r.hold_role} | {e["hold"] for e in ev.values() if e["hold"]}
    more = {r.evidence_id for r in rows_in(c, select(t.claim_index.c.evidence_id), t.claim_index.c.ref_country, folds)}
    for role, target in holds:
        named = [r.folded for r in c.execute(select(t.place_names.c.folded).where(t.place_names.c.entity_id == target))]
        more |= {r.evidence_id for r in rows_in(c, select(t.claim_index.c.evidence_id).where(t.claim_index.c.ref_role == role),
                                                 t.claim_index.c.ref_country, named)}
    more -= hit.keys()
    if more:
        extra = {r.id: r for r in rows_in(c, select(t.claim_evidence), t.claim_evidence.c.id, more)}
        old |= {r.evidence_id: r for r in rows_in(c, select(t.claim_index), t.claim_index.c.evidence_id, more)}
        members |= entity_of(c, {r.doc_id for r in extra.values()})
        ev |= {i: e for i, e in ((i, _evidence(r, members, lex)) for i, r in extra.items()) if e}
        hit |= extra
    return hit, old, ev


def _evidence(r, members: dict[tuple[str, str], str], lex) -> dict | None:
    """A claim_evidence row with its keys resolved to entities, or None when its subject is no entity."""
    subj = members.get((r.doc_id, r.subject_key))
    if not subj:
        return None
    e = {"id": r.id, "doc": r.doc_id, "start": r.start, "end": r.end, "modality": r.modality, "status": r.status,
         "subject": subj, "predicate": r.predicate,
         "object": members.get((r.doc_id, r.object_key)) if r.object_key else None,
         "place": members.get((r.doc_id, r.place_key)) if r.place_key else None,
         "value": r.value, "time": r.time, "hold": None, "ref": None}
    if e["predicate"] == "holds_role":
        role = _role_word(e["value"], lex.roles) if e["object"] and e["value"] else None
        e["hold"] = (role, e["object"]) if role else None
    elif e["object"] is None and e["value"]:
        role = _role_word(e["value"], lex.roles)
        words = [w.rstrip("’'s") if w.endswith(("’s", "'s")) else w for w in re.findall(r"[\w’']+", e["value"])]
        country = next((lex.country_of[w.lower()] for w in words if w.lower() in lex.country_of), None)
        e["ref"] = (role, fold(country)) if role and country else None
    return e


def _apply_role(e: dict, place: Callable[[str], str | None], holders: Callable[[tuple], set[str]]) -> None:
    """'Albania expelled Iran's ambassador': when the corpus names exactly one person as Iran's
    ambassador (a holds_role claim), the role phrase stands for that person. `place`: folded country
    name -> its GPE entity (the least id when several share the name)."""
    if not e["ref"]:
        return
    role, country = e["ref"]
    target = place(country)
    who = holders((role, target)) if target else set()
    if len(who) == 1:
        e["object"] = next(iter(who))
        e["value"] = None


def _resolve_roles(c: Connection, ev: dict[str, dict], regrouped: set[str]) -> None:
    """The role step for the evidence being regrouped: holders from the stored index (less what is
    regrouped) and from the regrouped evidence itself."""
    countries = {e["ref"][1] for e in ev.values() if e["ref"]}
    place = {r.folded: r.entity_id for r in c.execute(
        select(t.place_names.c.folded, func.min(t.place_names.c.entity_id).label("entity_id")).where(t.place_names.c.folded.in_(countries))
        .group_by(t.place_names.c.folded))} if countries else {}
    holders: dict[tuple, set[str]] = defaultdict(set)
    for e in ev.values():
        if e["hold"]:
            holders[e["hold"]].add(e["subject"])
    wanted = {(e["ref"][0], place.get(e["ref"][1])) for e in ev.values() if e["ref"] and place.get(e["ref"][1])}
    for role, target in wanted:
        for r in c.execute(select(t.claim_index.c.evidence_id, t.claim_index.c.subject)
                           .where((t.claim_index.c.hold_role == role) & (t.claim_index.c.hold_target == target))):
            if r.evidence_id not in regrouped:
                holders[(role, target)].add(r.subject)
    for e in ev.values():
        _apply_role(e, place.get, lambda key: holders.get(key, set()))


def _role_word(value: str, roles: frozenset[str]) -> str | None:
    words = re.findall(r"[\w-]+", value.lower())
    return next((w for w in words if w in roles), None)


def _update_places(c: Connection, renamed: set[str]) -> set[str]:
    """Keep place_names for renamed entities; returns every folded name whose entity may have changed."""
    if not renamed:
        return set()
    folds = {r.folded for r in rows_in(c, select(t.place_names.c.folded), t.place_names.c.entity_id, renamed)}
    for chunk in chunks(renamed):
        c.execute(delete(t.place_names).where(t.place_names.c.entity_id.in_(chunk)))
    places = [{"folded": fold(name), "entity_id": eid} for eid, (name, typ) in entity_names(c, renamed).items() if typ == "GPE"]
    if places:
        c.execute(insert(t.place_names), places)
    return folds | {p["folded"] for p in places}


# ---- claims --------------------------------------------------------------------------------------

def _ckey(e: dict) -> str:
    return make_id("k", e["subject"], e["predicate"], e["object"], _value_key(e["value"]), e["status"])


def _heads(ev: list[dict]) -> list[tuple[str, list[int]]]:
    """(claim id, indexes into `ev`) per claim of the evidence (in (doc, start, id) order)."""
    out = []
    for grp in group_claims(ev):
        first = ev[grp[0]]
        out.append((claim_id(first["subject"], first["predicate"], first["object"], first["value"], claim_time(ev, grp),
                             first["status"]), grp))
    return out


def _group(ev: list[dict], support_of: Callable[[str, list[dict]], dict], heads: list | None = None) -> list[dict]:
    """Claims of the evidence (in (doc, start, id) order), with support (`support_of(claim id, its
    evidence)`); sets each evidence's claim."""
    claims = []
    for cid, grp in heads if heads is not None else _heads(ev):
        rows = [ev[i] for i in grp]
        first = rows[0]
        claims.append({"id": cid, "subject": first["subject"], "predicate": first["predicate"], "object": first["object"],
                       "status": first["status"], "value": majority([r["value"] for r in rows]), "time": claim_time(ev, grp),
                       "place": majority([r["place"] for r in rows]), "conflicts": "[]", **support_of(cid, rows)})
        for r in rows:
            r["claim"] = cid
    return claims


def _full_support(doc_rows: dict, among: Callable[[set[str]], list[dict]]) -> Callable[[str, list[dict]], dict]:
    """Support counted over all of a claim's evidence: its documents' outlets or wires, the copies among them."""
    doc_source = _sources(doc_rows)

    def count(_cid: str, rows: list[dict]) -> dict:
        return support(rows, doc_source, among({r["doc"] for r in rows}))
    return count


def _grown(c: Connection, ev: list[dict], heads: list[tuple[str, list[int]]], fresh: set[str], members: dict[str, set[str]],
           old: dict[str, dict], generic: Callable[[tuple[str, str]], int]) -> dict[str, dict]:
    """Claims that keep their id and all their evidence (`members`: none of it read anew) and gain only the
    evidence of one new article whose place among the claim's sources is known without counting them
    all (`_joins`): it is one more document, and one more independent source when it asserts and is
    linked to none of them. Returns claim id -> its support (its stored denials less the generic ones,
    `generic`: the denying documents of a (subject, predicate) before the add, which `_update_denials`
    adds back)."""
    out = {}
    for cid, grp in heads:
        ids = {ev[i]["id"] for i in grp}
        before = members.get(cid)
        if cid not in old or not before or not before < ids:
            continue
        new = [ev[i] for i in grp if ev[i]["id"] not in before]
        docs = {e["doc"] for e in new}
        if len(docs) != 1 or not docs <= fresh:
            continue
        grows = _grow(c, old[cid], new, generic)
        if grows is not None:
            out[cid] = grows
    return out


def _grow(c: Connection, prev: dict, new: list[dict], generic: Callable[[tuple[str, str]], int]) -> dict | None:
    """The support of stored claim `prev` with the evidence of one new article added (`new`), or None
    when that needs counting all its sources anew (see `_grown`)."""
    asserts = any(e["modality"] not in DENYING for e in new)
    joins = _joins(c, prev["id"], new, asserts)
    if joins is None:
        return None
    own = prev["denials"] - (generic((prev["subject"], prev["predicate"])) if prev["object"] is not None else 0)
    return {"documents": prev["documents"] + 1, "independent": prev["independent"] + (asserts and not joins),
            "denials": own + sum(e["modality"] in DENYING for e in new)}


def _untimed_growth(c: Connection, keys: set[str], ev: list[dict], fresh: set[str],
                    generic: Callable[[tuple[str, str]], int]) -> dict[str, tuple[dict, dict, list[dict]]]:
    """Claim keys that gain only untimed evidence of one new article, none of whose evidence is read anew,
    and that hold untimed evidence already: every untimed evidence of a key is in one claim (the largest
    timed one's, or their own), so the new evidence joins that claim; its id and time stay, and so do its
    value and place when the new evidence names none or the same. Such a claim is grown (`_grow`)
    without reading the key's evidence, which for a hub's claim is thousands of rows. Returns
    key -> (the stored claim, the claim with its new support, the new evidence)."""
    by_key: dict[str, list[dict]] = defaultdict(list)
    for e in ev:
        if _ckey(e) in keys:
            by_key[_ckey(e)].append(e)
    ci, cl = t.claim_index.c, t.claims.c
    untimed = select(ci.claim_id).where((ci.ckey == bindparam("k")) & (ci.time.is_(None) | (ci.time == ""))).limit(1)
    out = {}
    for key, new in sorted(by_key.items()):
        if len({e["doc"] for e in new}) != 1 or new[0]["doc"] not in fresh or any(e["time"] for e in new):
            continue
        cid = c.execute(untimed, {"k": key}).scalar()
        prev = c.execute(select(t.claims).where(cl.id == cid)).first() if cid else None
        if prev is None:
            continue
        prev = dict(prev._mapping)
        if any(e[f] is not None and e[f] != prev[f] for e in new for f in ("value", "place")):
            continue
        grows = _grow(c, prev, new, generic)
        if grows is not None:
            out[key] = (prev, {**prev, "conflicts": "[]", **grows}, new)
    return out


def _joins(c: Connection, cid: str, new: list[dict], asserts: bool) -> bool | None:
    """Whether a new article (its evidence `new` in claim `cid`) joins one of the claim's independent
    sources: False when it shares no source (its wire, else its outlet) and no copied passage under the
    evidence with the claim's articles; True when it shares exactly one (a source, or one copied article)
    and that one is asserted there, or the article does not assert; None when that is not known without
    counting them all (it links to two, or to one that only denies)."""
    doc = new[0]["doc"]
    d, ci, cp = t.documents.c, t.claim_index.c, t.copies.c
    own = _source(c.execute(select(d.wire, d.outlet).where(d.id == doc)).one())
    rows = select(ci.start, ci.end, ci.modality, ci.source).where(ci.claim_id == cid)
    anchors: dict[tuple[str, str], bool] = {}  # what the article links to -> asserted there
    if own is not None:  # two index probes (claim, source): a hub claim has thousands of rows
        same = select(ci.doc_id).where((ci.claim_id == cid) & (ci.source == own)).limit(1)
        if c.execute(same).first():
            anchors[("source", own)] = c.execute(same.where(ci.modality.not_in(DENYING))).first() is not None
    spans = [(e["start"], e["end"]) for e in new]
    for r in c.execute(select(t.copies).where((cp.doc_a == doc) | (cp.doc_b == doc))):
        mine, theirs = ((r.start_a, r.end_a), (r.doc_b, r.start_b, r.end_b)) if r.doc_a == doc else \
            ((r.start_b, r.end_b), (r.doc_a, r.start_a, r.end_a))
        if not overlaps(spans, *mine):
            continue
        there = c.execute(rows.where(ci.doc_id == theirs[0])).all()
        if there and overlaps([(x.start, x.end) for x in there], *theirs[1:]):
            key = ("source", own) if own is not None and there[0].source == own else ("doc", theirs[0])
            anchors[key] = anchors.get(key, False) or any(x.modality not in DENYING for x in there)
    if not anchors:
        return False
    if len(anchors) > 1 or (asserts and not next(iter(anchors.values()))):
        return None
    return True


def _copies_among(c: Connection, docs: set[str]) -> list[dict]:
    """The copies whose two documents are both in `docs` (a claim's own documents)."""
    if len(docs) < 2:
        return []
    return [dict(r._mapping) for r in rows_in(c, select(t.copies), t.copies.c.doc_a, docs) if r.doc_b in docs]


def _source(doc) -> str | None:
    """The source support counts a document (a row with wire and outlet) under: its wire, else its
    outlet (None: neither)."""
    return doc.wire or doc.outlet or None


def _sources(doc_rows: dict) -> dict[str, str | None]:
    return {d: _source(r) for d, r in doc_rows.items()}


def _index_row(e: dict, source: dict[str, str | None]) -> dict:
    hold, ref = e["hold"] or (None, None), e["ref"] or (None, None)
    return {"evidence_id": e["id"], "doc_id": e["doc"], "claim_id": e["claim"], "ckey": _ckey(e),
            **{f: e[f] for f in INDEX_FIELDS}, "hold_role": hold[0], "hold_target": hold[1], "ref_role": ref[0], "ref_country": ref[1],
            "source": source[e["doc"]]}


_INDEX_COLUMNS = tuple(col.name for col in t.claim_index.columns)


def _from_index(r) -> dict:
    """An evidence row of the index as the grouping reads it (a hub's key has thousands: by position,
    not by attribute)."""
    row = dict(zip(_INDEX_COLUMNS, r))
    return {"id": row["evidence_id"], "doc": row["doc_id"], **{f: row[f] for f in INDEX_FIELDS},
            "hold": (row["hold_role"], row["hold_target"]) if row["hold_role"] else None,
            "ref": (row["ref_role"], row["ref_country"]) if row["ref_role"] else None}


def _write(c: Connection, claims: list[dict], ev: list[dict], source: dict[str, str | None]) -> None:
    if claims:
        c.execute(insert(t.claims), claims)
        c.execute(insert(t.claim_members), [{"evidence_id": e["id"], "claim_id": e["claim"]} for e in ev])
        c.execute(insert(t.claim_index), [_index_row(e, source) for e in ev])


# ---- generic denials and conflicts ---------------------------------------------------------------------

def _denying(ev: list[dict]) -> dict[tuple[str, str], set[str]]:
    """'Iran denied any plot' (no object) denies every plot claim whose subject is Iran: the denying
    documents per (subject, predicate)."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in ev:
        if e["modality"] == "denied" and e["object"] is None:
            out[(e["subject"], e["predicate"])].add(e["doc"])
    return out


def _generic(claim: dict, denying: dict[tuple[str, str], set[str]]) -> int:
    """Each claim with an object counts the generic denials of its subject and predicate."""
    return len(denying.get((claim["subject"], claim["predicate"]), ())) if claim["object"] is not None else 0


def _denying_docs(c: Connection, sp: tuple[str, str]) -> int:
    ci = t.claim_index.c
    return c.execute(select(func.count(func.distinct(ci.doc_id))).where(
        (ci.subject == sp[0]) & (ci.predicate == sp[1]) & ci.object.is_(None) & (ci.modality == "denied"))).scalar_one()


def _update_denials(c: Connection, claims: list[dict], before: dict[tuple[str, str], int]) -> None:
    """The new claims count the generic denials of their (subject, predicate) (claim_index written);
    the stored claims of each (subject, predicate) in `before` (its denying documents before the add)
    shift by the change."""
    generic: dict[tuple, int] = {}
    for cl in claims:
        sp = (cl["subject"], cl["predicate"])
        if cl["object"] is not None:
            generic[sp] = generic[sp] if sp in generic else _denying_docs(c, sp)
            cl["denials"] += generic[sp]
    for sp, was in before.items():
        shift = _denying_docs(c, sp) - was
        if shift:
            c.execute(update(t.claims).where((t.claims.c.subject == sp[0]) & (t.claims.c.predicate == sp[1])
                                             & t.claims.c.object.is_not(None))
                      .values(denials=t.claims.c.denials + shift))


def _conflicts(claims: list[dict]) -> None:
    """Same subject, predicate and object with incompatible times (granted refuge in 2013 vs settled
    since 2014): each lists the other as a conflict."""
    by_key = defaultdict(list)
    for cl in claims:
        if cl["predicate"] in CONFLICT_PREDICATES and cl["time"]:
            by_key[(cl["subject"], cl["predicate"], cl["object"])].append(cl)
    for group in by_key.values():
        for a in group:
            others = [b["id"] for b in group if b is not a and not times_compatible(a["time"], b["time"])]
            a["conflicts"] = json.dumps(sorted(others))


def _update_conflicts(c: Connection, claims: list[dict], removed: list[dict]) -> None:
    """Conflicts of every claim sharing a (subject, predicate, object) with a claim removed or added."""
    keys = {(cl["subject"], cl["predicate"], cl["object"]) for cl in [*claims, *removed] if cl["predicate"] in CONFLICT_PREDICATES}
    new_by_key = defaultdict(list)
    for cl in claims:
        new_by_key[(cl["subject"], cl["predicate"], cl["object"])].append(cl)
    changed = []
    for s, p, o in keys:
        cc = t.claims.c
        stored = [dict(r._mapping) for r in c.execute(select(cc.id, cc.subject, cc.predicate, cc.object, cc.time, cc.conflicts).where(
            (cc.subject == s) & (cc.predicate == p) & (cc.object.is_(None) if o is None else cc.object == o)))]
        was = {r["id"]: r["conflicts"] for r in stored}
        for r in stored:
            r["conflicts"] = "[]"
        _conflicts(stored + new_by_key.get((s, p, o), []))
        changed += [{"cid": r["id"], "value": r["conflicts"]} for r in stored if r["conflicts"] != was[r["id"]]]
    if changed:
        c.execute(update(t.claims).where(t.claims.c.id == bindparam("cid")).values(conflicts=bindparam("value")), changed)


# ---- outlets -----------------------------------------------------------------------------------------

def _outlet(doc) -> str:
    return doc.outlet or doc.wire or UNKNOWN_OUTLET


def _outlet_rows(c: Connection, docs: Iterable, claims: Counter, stored: dict) -> None:
    """Write the outlets of `docs`: documents and wire from `stored` (outlet -> row) plus `docs`, distinct
    claims from `stored` plus the `claims` shift."""
    n: Counter = Counter()
    wire: dict[str, str | None] = {}
    for d in docs:
        o = _outlet(d)
        n[o] += 1
        if d.wire:
            wire[o] = max(wire.get(o) or d.wire, d.wire)
    rows = []
    for o in n.keys() | claims.keys():
        old = stored.get(o)
        w = [x for x in (old and old["wire"], wire.get(o)) if x]
        rows.append({"outlet": o, "documents": (old["documents"] if old else 0) + n[o],
                     "claims": (old["claims"] if old else 0) + claims[o], "wire": max(w) if w else None})
    for chunk in chunks([r["outlet"] for r in rows if r["outlet"] in stored]):
        c.execute(delete(t.outlets).where(t.outlets.c.outlet.in_(chunk)))
    if rows:
        c.execute(insert(t.outlets), rows)


def _update_outlets(c: Connection, fresh: set[str], old_claims: set[str], ev: list[dict], doc_rows: dict,
                    grown: Iterable[str] = ()) -> None:
    """Documents per outlet gain the new documents; distinct claims lose the claims removed and gain the ones
    written; a `grown` claim keeps its outlets and gains the new article's (`ev`: its new evidence only)."""
    shift: Counter = Counter()
    for r in rows_in(c, select(t.outlet_claims), t.outlet_claims.c.claim_id, old_claims):
        shift[r.outlet] -= 1
    for chunk in chunks(old_claims):
        c.execute(delete(t.outlet_claims).where(t.outlet_claims.c.claim_id.in_(chunk)))
    pairs = {(_outlet(doc_rows[e["doc"]]), e["claim"]) for e in ev}
    grown = set(grown)
    oc = t.outlet_claims.c
    known = [(cid, o) for o, cid in pairs if cid in grown]
    pairs -= {(r.outlet, r.claim_id) for r in rows_in(c, select(oc.outlet, oc.claim_id), (oc.claim_id, oc.outlet), known)}
    if pairs:
        c.execute(insert(t.outlet_claims), [{"outlet": o, "claim_id": cid} for o, cid in pairs])
    for o, _ in pairs:
        shift[o] += 1
    new_docs = [doc_rows[d] for d in fresh if d in doc_rows]
    touched = {_outlet(d) for d in new_docs} | set(shift)
    stored = {r.outlet: dict(r._mapping) for r in rows_in(c, select(t.outlets), t.outlets.c.outlet, touched)}
    _outlet_rows(c, new_docs, shift, stored)
