"""resolve: per-document clusters -> entities; occurrences -> quotes; evidence -> claims.
`resolve_store` rebuilds every derived table from the per-document tables in one transaction,
replaying manual merge/split decisions, so a re-run always equals a from-scratch run."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict

from sqlalchemy import insert, select

from ..corroborate import CopyIndex, support, update_copies
from ..store import Store
from ..store import schema as t
from ..model import make_id
from ..names import fold
from .state import update_entities
from .groups import claim_id, claim_time, group_claims, group_quotes, majority, times_compatible

__all__ = ["resolve_store"]

UNKNOWN_OUTLET = "(unknown)"  # documents with neither an outlet nor a wire, as the sources view names them


def resolve_store(store: Store) -> dict[str, int]:
    with store.engine.begin() as c:
        store.clear_derived(c)
        members = update_entities(c, None).changed
        entities = {r.id: (r.name, r.type) for r in c.execute(select(t.entities))}

        # quotes
        occs = [dict(r._mapping) for r in c.execute(select(t.quote_occurrences).order_by(t.quote_occurrences.c.doc_id,
                                                                                            t.quote_occurrences.c.start))]
        for o in occs:
            o["speaker"] = members.get((o["doc_id"], o["speaker_key"])) if o["speaker_key"] else None
        quote_rows, quote_members = [], []
        for grp in group_quotes(occs):
            rows = [occs[i] for i in grp]
            longest = max(rows, key=lambda o: len(o["text"]))
            speaker = majority([o["speaker"] for o in rows if o["speaker_key"]])
            qid = make_id("q", longest["doc_id"], longest["start"])
            quote_rows.append({"id": qid, "text": longest["text"], "speaker": speaker,
                               "speaker_text": (entities[speaker][0] if speaker else None) or majority([o["speaker_text"] for o in rows]),
                               "said_on": majority([o["said_on"] for o in rows]), "kind": longest["kind"] or "direct"})
            quote_members.extend({"occurrence_id": o["id"], "quote_id": qid} for o in rows)
        if quote_rows:  # one statement per table: a single-row INSERT per quote was most of a rebuild's I/O
            c.execute(insert(t.quotes), quote_rows)
            c.execute(insert(t.quote_members), quote_members)

        # copies and outlets, for independence
        unscanned = select(t.documents.c.id).where(t.documents.c.id.not_in(select(t.copy_scanned.c.doc_id)))
        update_copies(c, c.execute(unscanned).scalars().all(),
                      lambda doc_id: c.execute(select(t.documents.c.text).where(t.documents.c.id == doc_id)).scalar())
        copies = [dict(r._mapping) for r in c.execute(select(t.copies))]
        copy_index = CopyIndex(copies)
        doc_rows = c.execute(select(t.documents.c.id, t.documents.c.wire, t.documents.c.outlet)).fetchall()
        doc_source = {r.id: (r.wire or r.outlet) for r in doc_rows}

        # claims
        ev = []
        for r in c.execute(select(t.claim_evidence)):
            subj = members.get((r.doc_id, r.subject_key))
            if not subj:
                continue
            ev.append({"id": r.id, "doc": r.doc_id, "start": r.start, "end": r.end, "modality": r.modality, "status": r.status,
                       "subject": subj, "predicate": r.predicate,
                       "object": members.get((r.doc_id, r.object_key)) if r.object_key else None,
                       "place": members.get((r.doc_id, r.place_key)) if r.place_key else None,
                       "value": r.value, "time": r.time})
        _objects_from_roles(ev, entities)
        claim_rows = []
        member_rows = []
        for grp in group_claims(ev):
            rows = [ev[i] for i in grp]
            first = rows[0]
            time = claim_time(ev, grp)
            cid = claim_id(first["subject"], first["predicate"], first["object"], first["value"], time, first["status"])
            s = support(rows, doc_source, copy_index.among({r["doc"] for r in rows}))
            claim_rows.append({"id": cid, "subject": first["subject"], "predicate": first["predicate"], "object": first["object"],
                               "status": first["status"],
                               "value": majority([r["value"] for r in rows]), "time": time,
                               "place": majority([r["place"] for r in rows]), "conflicts": "[]", **s})
            member_rows.extend({"evidence_id": r["id"], "claim_id": cid} for r in rows)
        _conflicts(claim_rows)
        _generic_denials(claim_rows, ev, member_rows)
        if claim_rows:
            c.execute(insert(t.claims), claim_rows)
            c.execute(insert(t.claim_members), member_rows)
        _outlet_aggregates(c, doc_rows, {e["id"]: e["doc"] for e in ev}, member_rows)
        store.mark_rebuilt(c)
        return {"entities": len(entities), "claims": len(claim_rows), "copies": len(copies)}


def _outlet_aggregates(c, doc_rows, evidence_doc: dict[str, str], member_rows: list[dict]) -> None:
    """Documents and distinct claims per outlet (the document's outlet, else its wire), for the sources view."""
    outlet_of = {r.id: r.outlet or r.wire or UNKNOWN_OUTLET for r in doc_rows}
    docs: Counter = Counter(outlet_of.values())
    wire: dict[str, str] = {}
    for r in doc_rows:
        if r.wire:
            o = outlet_of[r.id]
            wire[o] = max(wire.get(o, r.wire), r.wire)
    claims: dict[str, set[str]] = defaultdict(set)
    for m in member_rows:
        claims[outlet_of[evidence_doc[m["evidence_id"]]]].add(m["claim_id"])
    if docs:
        c.execute(insert(t.outlets), [{"outlet": o, "documents": n, "claims": len(claims.get(o, ())), "wire": wire.get(o)}
                                      for o, n in docs.items()])


def _objects_from_roles(ev: list[dict], entities: dict[str, tuple[str, str]]) -> None:
    """'Albania expelled Iran's ambassador': when the corpus names exactly one person as Iran's
    ambassador (a holds_role claim), the role phrase stands for that person."""
    from ..extract.lexicon import lexicon

    lex = lexicon()
    country_entity = {fold(name): eid for eid, (name, typ) in entities.items() if typ == "GPE"}
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in ev:
        if e["predicate"] == "holds_role" and e["object"] and e["value"]:
            role = _role_word(e["value"], lex.roles)
            if role:
                holders[(role, e["object"])].add(e["subject"])
    for e in ev:
        if e["object"] is not None or not e["value"] or e["predicate"] == "holds_role":
            continue
        role = _role_word(e["value"], lex.roles)
        words = [w.rstrip("’'s") if w.endswith(("’s", "'s")) else w for w in re.findall(r"[\w’']+", e["value"])]
        country = next((lex.country_of[w.lower()] for w in words if w.lower() in lex.country_of), None)
        target = country_entity.get(fold(country)) if country else None
        who = holders.get((role, target), set()) if role and target else set()
        if len(who) == 1:
            e["object"] = next(iter(who))
            e["value"] = None


def _role_word(value: str, roles: frozenset[str]) -> str | None:
    words = re.findall(r"[\w-]+", value.lower())
    return next((w for w in words if w in roles), None)


def _generic_denials(claims: list[dict], ev: list[dict], members: list[dict]) -> None:
    """'Iran denied any plot' (no object) denies every plot claim whose subject is Iran: each such
    claim counts the denying documents among its denials."""
    by_id = {e["id"]: e for e in ev}
    denying: dict[tuple, set[str]] = defaultdict(set)
    claim_of = {m["evidence_id"]: m["claim_id"] for m in members}
    claim_by_id = {c["id"]: c for c in claims}
    for eid, cid in claim_of.items():
        e, c = by_id[eid], claim_by_id[cid]
        if e["modality"] == "denied" and c["object"] is None:
            denying[(c["subject"], c["predicate"])].add(e["doc"])
    for c in claims:
        docs = denying.get((c["subject"], c["predicate"]), set())
        if docs and c["object"] is not None:
            c["denials"] += len(docs)


CONFLICT_PREDICATES = {"relocate", "located_in", "expel", "arrest", "kill", "release", "detain", "visit", "meet", "sanction", "seize"}


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
