"""Read the store into plain data: document lists, statistics, and the full export structure of
DESIGN.md (claimgraph/export/v1)."""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import select

from ..extract.lexicon import lexicon
from ..store import Store
from ..store import schema as t

SCHEMA = "claimgraph/export/v1"


def document_summaries(store: Store) -> list[dict]:
    return [{k: d[k] for k in ("id", "source", "title", "authors", "published", "outlet", "wire", "dateline")}
            | {"chars": len(d["text"])} for d in store.documents()]


def stats(store: Store) -> dict:
    counts = store.counts()
    with store.connect() as c:
        outlets = defaultdict(int)
        for (o,) in c.execute(select(t.documents.c.outlet)):
            outlets[o or "(unknown)"] += 1
        fails = [dict(r._mapping) for r in c.execute(select(t.failures.c.source, t.failures.c.code, t.failures.c.message)
                                                    .order_by(t.failures.c.id.desc()).limit(20))]
    return {"store": store.display_url, "counts": counts, "outlets": dict(sorted(outlets.items(), key=lambda kv: -kv[1])),
            "recent_failures": fails}


def export_data(store: Store) -> dict:
    """Everything in the store as the DESIGN.md JSON contract."""
    with store.connect() as c:
        docs = [_doc(r._mapping) for r in c.execute(select(t.documents).order_by(t.documents.c.ingested_at, t.documents.c.id))]
        member = {(r.doc_id, r.key): r.entity_id for r in c.execute(select(t.entity_members))}

        ent_mentions = defaultdict(list)
        ent_aliases = defaultdict(set)
        for r in c.execute(select(t.mentions).order_by(t.mentions.c.doc_id, t.mentions.c.start)):
            eid = member.get((r.doc_id, r.key))
            if eid:
                ent_mentions[eid].append({"doc": r.doc_id, "start": r.start, "end": r.end})
                ent_aliases[eid].add(r.text)
        ent_desc = defaultdict(list)
        for r in c.execute(select(t.descriptions).order_by(t.descriptions.c.doc_id, t.descriptions.c.start)):
            eid = member.get((r.doc_id, r.key))
            if eid and r.text not in ent_desc[eid]:
                ent_desc[eid].append(r.text)
        for r in c.execute(select(t.doc_sources)):
            eid = member.get((r.doc_id, r.key))
            if eid:
                ent_aliases[eid].add(r.name)
        entities = []
        for r in c.execute(select(t.entities).order_by(t.entities.c.id)):
            entities.append({"id": r.id, "name": r.name, "type": r.type,
                             "aliases": sorted(ent_aliases[r.id] | {r.name}), "descriptions": ent_desc[r.id],
                             "mentions": ent_mentions[r.id]})

        occ_by_quote = defaultdict(list)
        occ_quote = {r.occurrence_id: r.quote_id for r in c.execute(select(t.quote_members))}
        for r in c.execute(select(t.quote_occurrences).order_by(t.quote_occurrences.c.doc_id, t.quote_occurrences.c.start)):
            q = occ_quote.get(r.id)
            if q:
                occ_by_quote[q].append({"doc": r.doc_id, "start": r.start, "end": r.end, "cue": r.cue,
                                        "speaker_start": r.speaker_start, "speaker_end": r.speaker_end,
                                        "kind": r.kind or "direct", "cue_start": r.cue_start, "cue_end": r.cue_end,
                                        "said_on": r.said_on})
        claim_of_ev = {r.evidence_id: r.claim_id for r in c.execute(select(t.claim_members))}
        evidence = defaultdict(list)
        quote_claims = defaultdict(set)
        for r in c.execute(select(t.claim_evidence).order_by(t.claim_evidence.c.doc_id, t.claim_evidence.c.start)):
            cid = claim_of_ev.get(r.id)
            if not cid:
                continue
            evidence[cid].append({"doc": r.doc_id, "start": r.start, "end": r.end, "text": r.text, "modality": r.modality,
                                  "status": r.status, "trigger_start": r.trigger_start, "trigger_end": r.trigger_end,
                                  "attributed_to": member.get((r.doc_id, r.attributed_key)) if r.attributed_key else None,
                                  "extractor": r.extractor})
            if r.quote_occurrence and r.quote_occurrence in occ_quote:
                quote_claims[occ_quote[r.quote_occurrence]].add(cid)
        quotes = [{"id": r.id, "speaker": r.speaker, "speaker_text": r.speaker_text, "text": r.text, "said_on": r.said_on,
                   "kind": r.kind or "direct", "occurrences": occ_by_quote[r.id], "claims": sorted(quote_claims[r.id])}
                  for r in c.execute(select(t.quotes).order_by(t.quotes.c.id))]
        plover, modes = lexicon().plover, lexicon().plover_modes
        claims = [{"id": r.id, "subject": r.subject, "predicate": r.predicate, "plover": plover.get(r.predicate),
                   "plover_mode": modes.get(r.predicate), "status": r.status, "object": r.object, "value": r.value,
                   "time": r.time, "place": r.place, "evidence": evidence[r.id],
                   "support": {"documents": r.documents, "independent": r.independent, "denials": r.denials,
                               "conflicts": json.loads(r.conflicts or "[]")}}
                  for r in c.execute(select(t.claims).order_by(t.claims.c.id))]
        copies = [{"doc_a": r.doc_a, "start_a": r.start_a, "end_a": r.end_a, "doc_b": r.doc_b, "start_b": r.start_b,
                   "end_b": r.end_b} for r in c.execute(select(t.copies).order_by(t.copies.c.id))]
    return {"schema": SCHEMA, "documents": docs, "entities": entities, "quotes": quotes, "claims": claims, "copies": copies}


def _doc(m) -> dict:
    return {"id": m["id"], "source": m["source"], "url": m["url"], "title": m["title"],
            "authors": json.loads(m["authors"] or "[]"), "published": m["published"], "outlet": m["outlet"],
            "wire": m["wire"], "dateline": m["dateline"], "text": m["text"]}
