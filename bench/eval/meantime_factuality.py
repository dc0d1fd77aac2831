"""Modality against MEANTIME event factuality, for the events we extract. Each piece of claim
evidence of ours (a sentence with a modality) is paired with the gold event mention in its span
whose predicate lemma our trigger lexicon maps to the claim's predicate (else: the only gold verbal
event in the span, else none). Hedged-vs-asserted is scored against certainty (CERTAIN vs
PROBABLE/POSSIBLE), negated-vs-positive against polarity (NEG vs POS); underspecified gold values
are left out. Majority-class accuracy is shown beside ours: gold is mostly certain and positive."""

from __future__ import annotations

from collections import Counter

from .meantime_corpus import Topic, span_tokens


def _triggers() -> dict[str, str]:
    try:
        from claimgraph.extract.lexicon import lexicon

        lx = lexicon()
        return {**lx.nouns, **lx.verbs}
    except Exception:  # noqa: BLE001 -- the lexicon layout is not part of the export contract
        return {}


def pairs(topic: Topic) -> list[tuple[str, dict]]:
    """(our modality, gold event mention) for every evidence paired with a gold event."""
    trig = _triggers()
    out = []
    for c in topic.export["claims"]:
        for ev in c["evidence"]:
            if ev["doc"] not in topic.doc_of:
                continue
            g = topic.gold[topic.doc_of[ev["doc"]]]
            toks = set(span_tokens(topic.c2t[ev["doc"]], ev["start"], ev["end"]))
            inside = [e for e in g.events if set(e["tokens"]) <= toks]
            same = [e for e in inside if trig.get(e["pred"].lower()) == c["predicate"]]
            verbs = [e for e in inside if e["pos"] == "VERB"]
            ev_gold = same[0] if same else (verbs[0] if len(verbs) == 1 else None)
            if ev_gold is not None:
                out.append((ev["modality"], ev_gold))
    return out


def rule_on_gold_events(topics: list[Topic], nlp) -> list[tuple[str, dict]]:
    """(modality our rule gives, gold event) for every gold event mention: claimgraph's modality rule
    (extract.claims._modality, the one claim evidence gets) applied to the spaCy token at the event's
    first token, whatever the predicate. Measures the rule on ~1,000 events instead of the few that
    fall under our predicates. Empty when the rule's module layout changes."""
    try:
        from claimgraph.extract.claims import _modality
    except ImportError:
        return []
    out = []
    for t in topics:
        docs = {d["id"]: d for d in t.export["documents"]}
        for did, cid in t.doc_of.items():
            first_char = {}
            for i, tid in enumerate(t.c2t[did]):
                if tid is not None and tid not in first_char:
                    first_char[tid] = i
            sp = nlp(docs[did]["text"])
            for e in t.gold[cid].events:
                ch = first_char.get(e["tokens"][0])
                if ch is None:
                    continue
                span = sp.char_span(ch, ch + 1, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                try:
                    out.append((_modality(None, span[0])[0], e))
                except Exception:  # noqa: BLE001 -- a private rule's signature may change; then no figure
                    return []
    return out


def _scores(all_pairs: list[tuple[str, dict]]) -> dict:
    cert = [(m, e["certainty"]) for m, e in all_pairs if e["certainty"] in ("CERTAIN", "PROBABLE", "POSSIBLE")
            and m in ("asserted", "hedged")]
    pol = [(m, e["polarity"]) for m, e in all_pairs if e["polarity"] in ("POS", "NEG")]
    hedge_ok = sum((m == "hedged") == (g != "CERTAIN") for m, g in cert)
    neg_ok = sum((m in ("negated", "denied")) == (g == "NEG") for m, g in pol)
    hedged_gold = [m for m, g in cert if g != "CERTAIN"]
    neg_gold = [m for m, g in pol if g == "NEG"]
    hedged_ours = [g for m, g in cert if m == "hedged"]
    neg_ours = [g for m, g in pol if m in ("negated", "denied")]
    return {"evidence_paired": len(all_pairs),
            "uncertain": {"gold": len(hedged_gold), "found": sum(m == "hedged" for m in hedged_gold),
                          "ours": len(hedged_ours), "correct": sum(g != "CERTAIN" for g in hedged_ours)},
            "negative": {"gold": len(neg_gold), "found": sum(m in ("negated", "denied") for m in neg_gold),
                         "ours": len(neg_ours), "correct": sum(g == "NEG" for g in neg_ours)},
            "certainty": {"n": len(cert), "accuracy": hedge_ok / len(cert) if cert else 0.0,
                          "majority": max(Counter(g == "CERTAIN" for _, g in cert).values()) / len(cert) if cert else 0.0,
                          "confusion": Counter(f"{m}/{g}" for m, g in cert)},
            "polarity": {"n": len(pol), "accuracy": neg_ok / len(pol) if pol else 0.0,
                         "majority": max(Counter(g == "POS" for _, g in pol).values()) / len(pol) if pol else 0.0,
                         "confusion": Counter(f"{m}/{g}" for m, g in pol)}}


def evaluate(topics: list[Topic], nlp=None) -> dict:
    res = {"claims": _scores([p for t in topics for p in pairs(t)])}
    if nlp is not None:
        rule = rule_on_gold_events(topics, nlp)
        if rule:
            res["rule on all gold events"] = _scores(rule)
    return res


def report(res: dict) -> str:
    out = ["## MEANTIME: modality vs event factuality", "",
           "`claims`: the evidence of the claims we extract, paired with the gold event it states. "
           "`rule on all gold events`: the same modality rule applied to every gold event mention.", "",
           "| scope | decision | n | accuracy | majority class | gold minority found | ours minority correct | ours/gold counts |",
           "|---|---|---:|---:|---:|---:|---:|---|"]
    for scope, v0 in res.items():
        for name, key, mk in (("hedged vs asserted (certainty)", "certainty", "uncertain"),
                              ("negated vs positive (polarity)", "polarity", "negative")):
            v, m = v0[key], v0[mk]
            conf = ", ".join(f"{k}: {n}" for k, n in sorted(v["confusion"].items()))
            out.append(f"| {scope} | {name} | {v['n']} | {v['accuracy']:.1%} | {v['majority']:.1%} | "
                       f"{m['found']}/{m['gold']} | {m['correct']}/{m['ours']} | {conf} |")
    return "\n".join(out) + "\n"
