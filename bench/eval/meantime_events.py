"""MEANTIME events: does a claim state a gold event, and does it say how factual the event is?

Gold events are the EVENT_MENTIONs with a named participant (a HAS_PARTICIPANT link to a NAM /
PRE.NAM entity mention): the ones a knowledge graph of who did what to whom can be asked about.
A claim's evidence matches a gold event when, in the same document,
- the evidence span contains the event's tokens,
- the claim's subject or object has a mention on one of the event's named participants, and
- where the export gives the trigger's offsets (`trigger_start`/`trigger_end` on the evidence), the
  trigger overlaps the event; without them the sentence stands in for the trigger, and an evidence
  that could be several events is paired with the one whose predicate lemma is the claim's
  predicate, else the first verbal one.
The sentence-level measure (`mode="sentence"`) ignores trigger offsets on every export, so an export
made before they existed and one made after are measured alike (run this module on export files to
compare two versions of claimgraph).
Each evidence pairs with at most one event. For matched events the evidence's modality and status
are compared with the gold factuality: certainty (PROBABLE/POSSIBLE = hedged), polarity (NEG =
negated or denied) and time (FUTURE = a status of future, planned or hypothetical; an evidence
without a status counts as occurred). Underspecified gold values are left out of that dimension."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .meantime_corpus import Topic, read_export, span_tokens
from .meantime_ner import _is_named

NOT_YET = {"future", "planned", "hypothetical"}


def gold_events(topic: Topic) -> dict[str, list[tuple[dict, list[set[int]]]]]:
    """corpus doc -> [(event, token sets of its named participants)] for events with one."""
    out = {}
    for cid, g in topic.gold.items():
        ments = {m["m_id"]: m for m in g.entity_mentions}
        evs = []
        for e in g.events:
            named = [set(ments[p]["tokens"]) for p in g.participants.get(e["m_id"], [])
                     if p in ments and _is_named(g, ments[p])]
            if named:
                evs.append((e, named))
        out[cid] = evs
    return out


def _entity_tokens(topic: Topic) -> dict[tuple[str, str], set[int]]:
    """(our doc, entity id) -> corpus tokens of that entity's mentions in the doc."""
    out: dict[tuple[str, str], set[int]] = {}
    for ent in topic.export["entities"]:
        for m in ent["mentions"]:
            if m["doc"] in topic.doc_of:
                out.setdefault((m["doc"], ent["id"]), set()).update(span_tokens(topic.c2t[m["doc"]], m["start"], m["end"]))
    return out


MODES = ("trigger", "sentence")


def pairs(topic: Topic, mode: str = "trigger") -> list[tuple[dict, dict, dict]]:
    """(claim, evidence, gold event) for every evidence that matches a gold event; `mode="sentence"`
    leaves trigger offsets aside (the evidence sentence stands in for the trigger)."""
    golds = gold_events(topic)
    ent_toks = _entity_tokens(topic)
    out = []
    for c in topic.export["claims"]:
        for ev in c["evidence"]:
            did = ev["doc"]
            if did not in topic.doc_of:
                continue
            c2t = topic.c2t[did]
            inside = set(span_tokens(c2t, ev["start"], ev["end"]))
            args = set().union(*(ent_toks.get((did, x), set()) for x in (c.get("subject"), c.get("object")) if x))
            cands = [e for e, named in golds[topic.doc_of[did]]
                     if set(e["tokens"]) <= inside and any(p & args for p in named)]
            if mode == "trigger" and isinstance(ev.get("trigger_start"), int) and isinstance(ev.get("trigger_end"), int):
                trig = set(span_tokens(c2t, ev["trigger_start"], ev["trigger_end"]))
                cands = [e for e in cands if trig & set(e["tokens"])]
            if not cands:
                continue
            same = [e for e in cands if e["pred"].lower() == str(c.get("predicate", "")).lower()]
            verbs = [e for e in cands if e["pos"] == "VERB"]
            out.append((c, ev, (same or verbs or cands)[0]))
    return out


def _agree(ev: dict, gold: dict) -> dict[str, bool]:
    """Per factuality dimension the gold specifies: does the evidence say the same?"""
    modality, status = ev.get("modality", "asserted"), ev.get("status") or "occurred"
    out = {}
    if gold["certainty"] in ("CERTAIN", "PROBABLE", "POSSIBLE"):
        out["certainty"] = (modality == "hedged") == (gold["certainty"] != "CERTAIN")
    if gold["polarity"] in ("POS", "NEG"):
        out["polarity"] = (modality in ("negated", "denied")) == (gold["polarity"] == "NEG")
    if gold.get("time") in ("FUTURE", "NON_FUTURE"):
        out["time"] = (status in NOT_YET) == (gold["time"] == "FUTURE")
    return out


def evaluate(topics: list[Topic], mode: str = "trigger") -> dict:
    n_gold = sum(len(v) for t in topics for v in gold_events(t).values())
    matched: dict[tuple, dict[str, bool]] = {}
    for t in topics:
        for _c, ev, g in pairs(t, mode):
            key = (t.name, ev["doc"], g["m_id"])
            agree = _agree(ev, g)
            # an event stated by several evidences counts once; it is right only if all of them are
            old = matched.get(key, {})
            matched[key] = {k: old.get(k, True) and v for k, v in agree.items()}
    dims = {d: [a[d] for a in matched.values() if d in a] for d in ("certainty", "polarity", "time")}
    whole = [all(a.values()) for a in matched.values() if a]
    acc = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    return {"gold_events": n_gold, "matched": len(matched), "recall": len(matched) / n_gold if n_gold else 0.0,
            "factuality_accuracy": acc(whole),
            **{f"{d}_accuracy": acc(v) for d, v in dims.items()}, **{f"{d}_n": len(v) for d, v in dims.items()}}


def report(res: dict) -> str:
    return "\n".join([
        "## MEANTIME: events stated by claims", "",
        "Gold events with a named participant; matched when a claim's evidence contains the event and one of the "
        "claim's entities is on a named participant (see bench/eval/meantime_events.py).", "",
        "| gold events | matched | recall | factuality accuracy | certainty | polarity | time (future) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {res['gold_events']} | {res['matched']} | {res['recall']:.1%} | {res['factuality_accuracy']:.1%} | "
        f"{res['certainty_accuracy']:.1%} (n={res['certainty_n']}) | {res['polarity_accuracy']:.1%} (n={res['polarity_n']}) | "
        f"{res['time_accuracy']:.1%} (n={res['time_n']}) |", ""])


def main(argv: list[str] | None = None) -> int:
    """Score export files (one per MEANTIME topic, from any claimgraph version) on the events measure."""
    ap = argparse.ArgumentParser(description="MEANTIME events stated by claims, on claimgraph JSON exports")
    ap.add_argument("exports", nargs="+", help="claimgraph JSON exports of MEANTIME topic folders")
    ap.add_argument("--annotations", required=True, help="MEANTIME annotation folder (<topic>/<doc id>_*.xml)")
    ap.add_argument("--mode", choices=MODES, default="sentence")
    args = ap.parse_args(argv)
    res = evaluate([read_export(Path(p), Path(args.annotations)) for p in args.exports], args.mode)
    print(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
