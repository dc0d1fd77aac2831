"""MEANTIME for the evaluation: read the CAT XML gold of a topic, ingest the topic's plain-text
articles through claimgraph's real pipeline into a throw-away store (as a user would: title and date
lines included), and align our character offsets to the corpus tokens.

Alignment: the corpus text is its tokens joined by spaces; difflib matches it against our clean text
(which may have lost the date line to metadata, and may render `` '' as quote marks), and every
matched character of the clean text points to the corpus token it belongs to."""

from __future__ import annotations

import difflib
import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class GoldDoc:
    doc_id: str
    tokens: dict[int, str]                       # t_id -> token text
    order: list[int]                             # t_ids in text order
    entity_mentions: list[dict] = field(default_factory=list)  # m_id, tokens, syntactic_type, type, entity
    timexes: list[dict] = field(default_factory=list)          # m_id, tokens, type, value, function
    events: list[dict] = field(default_factory=list)           # m_id, tokens, pred, pos, certainty, polarity, time
    participants: dict[str, list[str]] = field(default_factory=dict)  # event m_id -> entity mention m_ids


def load_gold(xml_path: Path) -> GoldDoc:
    root = ET.parse(xml_path).getroot()
    doc_id = root.get("doc_id") or xml_path.stem.split("_")[0]
    tokens = {int(t.get("t_id")): t.text or "" for t in root.iter("token")}
    order = [int(t.get("t_id")) for t in root.iter("token")]
    markables = root.find("Markables")
    anchors = {}
    descriptors = {}
    for m in markables if markables is not None else []:
        mid = m.get("m_id")
        toks = [int(a.get("t_id")) for a in m.findall("token_anchor")]
        if toks:
            anchors[mid] = (m, toks)
        else:
            descriptors[mid] = m
    refers, participants = {}, {}
    rel = root.find("Relations")
    for r in rel.iter("REFERS_TO") if rel is not None else []:
        tgt = r.find("target")
        for s in r.findall("source"):
            if tgt is not None:
                refers[s.get("m_id")] = tgt.get("m_id")
    for r in rel.iter("HAS_PARTICIPANT") if rel is not None else []:
        src, tgt = r.find("source"), r.find("target")
        if src is not None and tgt is not None:
            participants.setdefault(src.get("m_id"), []).append(tgt.get("m_id"))
    g = GoldDoc(doc_id, tokens, order, participants=participants)
    for mid, (m, toks) in anchors.items():
        if m.tag == "ENTITY_MENTION":
            ent = descriptors.get(refers.get(mid, ""))
            etype = (ent.get("ent_type") if ent is not None else None) or m.get("ent_type") or ""
            inst = ent.get("instance_id") if ent is not None else None
            entity = inst or (f"{doc_id}#{refers[mid]}" if mid in refers else f"{doc_id}#m{mid}")
            g.entity_mentions.append({"m_id": mid, "tokens": toks, "syntactic_type": m.get("syntactic_type") or "",
                                      "type": etype, "entity": entity})
        elif m.tag == "TIMEX3":
            g.timexes.append({"m_id": mid, "tokens": toks, "type": m.get("type"), "value": m.get("value") or "",
                              "function": m.get("functionInDocument") or ""})
        elif m.tag == "EVENT_MENTION":
            g.events.append({"m_id": mid, "tokens": toks, "pred": m.get("pred") or "", "pos": m.get("pos") or "",
                             "certainty": m.get("certainty") or "", "polarity": m.get("polarity") or "",
                             "time": m.get("time") or "", "special_cases": m.get("special_cases") or ""})
    return g


_QUOTES = {"``": '"', "''": '"'}


def char_to_token(gold: GoldDoc, text: str) -> list[int | None]:
    """For each character of our clean `text`, the corpus t_id it belongs to (None: unmatched)."""
    parts, owner = [], []
    for tid in gold.order:
        tok = _QUOTES.get(gold.tokens[tid], gold.tokens[tid])
        if parts:
            parts.append(" ")
            owner.append(None)
        parts.append(tok)
        owner.extend([tid] * len(tok))
    corpus = "".join(parts)
    norm = lambda s: re.sub(r"[“”„«»]", '"', re.sub(r"[‘’]", "'", s))
    sm = difflib.SequenceMatcher(None, norm(text), norm(corpus), autojunk=False)
    out: list[int | None] = [None] * len(text)
    for a, b, n in sm.get_matching_blocks():
        for k in range(n):
            out[a + k] = owner[b + k]
    return out


def span_tokens(c2t: list[int | None], start: int, end: int) -> tuple[int, ...]:
    seen = []
    for tid in c2t[start:end]:
        if tid is not None and tid not in seen:
            seen.append(tid)
    return tuple(seen)


@dataclass
class Topic:
    name: str
    gold: dict[str, GoldDoc]      # corpus doc id -> gold
    export: dict                  # claimgraph export of the topic's store
    doc_of: dict[str, str]        # our document id -> corpus doc id
    c2t: dict[str, list]          # our document id -> char->token map
    seconds: float = 0.0


def find_annotation(text_path: Path, annotations: Path | None, topic: str) -> Path | None:
    doc_id = text_path.name.split("_")[0]
    roots = [annotations / topic, annotations] if annotations else []
    roots.append(text_path.parent.parent.parent / "annotation" / topic)
    for r in roots:
        if r.is_dir():
            hits = sorted(r.glob(f"{doc_id}_*.xml")) or sorted(r.glob(f"{doc_id}.xml"))
            if hits:
                return hits[0]
    return None


def ingest_topic(folder: Path, annotations: Path | None, extractor=None) -> Topic:
    """Ingest one topic folder of .txt articles into a temporary SQLite store; export it.
    `extractor` (a loaded Pipeline's extract_stream) lets several topics share one model load."""
    import time

    from claimgraph.query import export_data
    from claimgraph.run import ingest
    from claimgraph.store import Store

    texts = sorted(folder.glob("*.txt"))
    gold = {}
    for p in texts:
        ann = find_annotation(p, annotations, folder.name)
        if ann is not None:
            gold[p.name.split("_")[0]] = load_gold(ann)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/eval.db")
        ingest([str(p) for p in texts if p.name.split("_")[0] in gold], store, extractor=extractor)
        data = export_data(store)
        store.dispose()
    return topic_of_export(folder.name, gold, data, time.perf_counter() - t0)


def topic_of_export(name: str, gold: dict[str, GoldDoc], data: dict, seconds: float = 0.0) -> Topic:
    """A Topic from an export (any claimgraph version's JSON export) and the gold of its documents."""
    doc_of, c2t = {}, {}
    for d in data["documents"]:
        cid = Path(d["source"]).name.split("_")[0]
        if cid in gold:
            doc_of[d["id"]] = cid
            c2t[d["id"]] = char_to_token(gold[cid], d["text"])
    return Topic(name, gold, data, doc_of, c2t, seconds)


def read_export(path: Path, annotations: Path) -> Topic:
    """A Topic from an export file of MEANTIME articles: the gold of each document is found by its
    source path (`<annotations>/<topic folder>/<doc id>_*.xml`)."""
    import json

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    gold = {}
    for d in data["documents"]:
        src = Path(d["source"])
        ann = find_annotation(src, annotations, src.parent.name)
        if ann is not None:
            gold[src.name.split("_")[0]] = load_gold(ann)
    return topic_of_export(Path(path).stem, gold, data)
