"""Named-entity mentions (PER/ORG/LOC) against MEANTIME's named entity mentions (syntactic type NAM
or PRE.NAM): precision, recall, F1 by type; claimgraph beside spaCy's bare NER on the same clean text
in the same run.

MEANTIME annotates entity mentions only where they take part in an annotated event, so a name we find
elsewhere is not necessarily wrong. Recall counts every gold name; precision counts only predictions
that overlap some gold entity mention other than a composite one (apposition, coordination ...: the
names inside those are not marked on their own), the region the annotators looked at. A span
matches when it equals the gold span without a leading article ('the US' = 'US'), with the same type;
the 'overlap' rows accept any shared token (one prediction per gold mention)."""

from __future__ import annotations

from collections import Counter

from .meantime_corpus import Topic, span_tokens
from .metrics import f1, prf

TYPES = ("PER", "ORG", "LOC")
# OntoNotes labels -> MEANTIME types. NORP (nationalities, groups) has no MEANTIME counterpart.
LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


NAMED = {"NAM", "PRE.NAM"}
ARTICLES = {"the", "a", "an"}
# Composite mentions (appositions, coordinations ...) contain names the annotators did not mark
# separately: a name inside one is neither right nor wrong.
COMPOSITE = {"APP", "CONJ", "ARC", "PTV", "HLS"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "him", "them",
            "us", "me", "who", "which", "that", "this", "these", "those", "everyone", "many", "some"}


def _is_named(g, m) -> bool:
    """NAM / PRE.NAM, or an untyped mention that reads as a name (capitalised, not a pronoun)."""
    if m["syntactic_type"] in NAMED:
        return True
    if m["syntactic_type"]:
        return False
    words = [g.tokens[t] for t in m["tokens"]]
    return bool(words) and words[0][:1].isupper() and words[0].lower() not in PRONOUNS and \
        all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in {"of", "and", "de", "al"} for w in words)


def gold_mentions(topic: Topic) -> set[tuple]:
    """(corpus doc, token span, type) of every named PER/ORG/LOC mention, leading article dropped."""
    out = set()
    for cid, g in topic.gold.items():
        for m in g.entity_mentions:
            if m["type"] in TYPES and _is_named(g, m):
                toks = list(m["tokens"])
                while len(toks) > 1 and g.tokens[toks[0]].lower() in ARTICLES:
                    toks = toks[1:]
                out.add((cid, tuple(toks), m["type"]))
    return out


def annotated_tokens(topic: Topic) -> set[tuple]:
    """(corpus doc, t_id) of every token inside some non-composite gold entity mention."""
    return {(cid, t) for cid, g in topic.gold.items() for m in g.entity_mentions
            if m["syntactic_type"] not in COMPOSITE for t in m["tokens"]}


def our_mentions(topic: Topic) -> set[tuple]:
    out = set()
    for e in topic.export["entities"]:
        typ = LABEL_MAP.get(e["type"])
        if not typ:
            continue
        for m in e["mentions"]:
            if m["doc"] in topic.doc_of:
                toks = span_tokens(topic.c2t[m["doc"]], m["start"], m["end"])
                if toks:
                    out.add((topic.doc_of[m["doc"]], toks, typ))
    return out


def spacy_mentions(topic: Topic, nlp) -> set[tuple]:
    out = set()
    for d in topic.export["documents"]:
        if d["id"] not in topic.doc_of:
            continue
        for ent in nlp(d["text"]).ents:
            typ = LABEL_MAP.get(ent.label_)
            toks = span_tokens(topic.c2t[d["id"]], ent.start_char, ent.end_char)
            if typ and toks:
                out.add((topic.doc_of[d["id"]], toks, typ))
    return out


def _overlap_tp(gold: set[tuple], pred: set[tuple]) -> tuple[int, int]:
    """One-to-one matches sharing a token and the type: (matched gold, matched predictions)."""
    by_tok = {}
    for p in pred:
        for t in p[1]:
            by_tok.setdefault((p[0], t, p[2]), []).append(p)
    used, tp = set(), 0
    for g in sorted(gold):
        for t in g[1]:
            cand = [p for p in by_tok.get((g[0], t, g[2]), []) if p not in used]
            if cand:
                used.add(cand[0])
                tp += 1
                break
    return tp, len(used)


def score(gold: set[tuple], pred: set[tuple], region: set[tuple]) -> dict:
    """P/R/F1 per type and micro-averaged. Predictions outside the annotated region are not counted
    against precision (see the module docstring)."""
    pred = {p for p in pred if any((p[0], t) in region for t in p[1])}
    res = {}
    for typ in TYPES + ("all",):
        g = {x for x in gold if typ == "all" or x[2] == typ}
        p = {x for x in pred if typ == "all" or x[2] == typ}
        tp = len(g & p)
        res[typ] = dict(zip(("P", "R", "F1"), prf(tp, len(p) - tp, len(g) - tp)), gold=len(g), pred=len(p))
        if typ == "all":
            tg, tpred = _overlap_tp(g, p)
            res["all, overlap"] = {"P": tpred / len(p) if p else 0.0, "R": tg / len(g) if g else 0.0,
                                   "gold": len(g), "pred": len(p)}
            res["all, overlap"]["F1"] = f1(res["all, overlap"]["P"], res["all, overlap"]["R"])
    # span only (type ignored): how much of the error is typing
    gs, ps = {x[:2] for x in gold}, {x[:2] for x in pred}
    tp = len(gs & ps)
    res["span only"] = dict(zip(("P", "R", "F1"), prf(tp, len(ps) - tp, len(gs) - tp)), gold=len(gs), pred=len(ps))
    return res


def evaluate(topics: list[Topic], nlp) -> dict:
    gold, ours, base, region = set(), set(), set(), set()
    for t in topics:  # documents are keyed (topic, doc id): ids need not be unique across topics
        gold |= {((t.name, c), s, y) for c, s, y in gold_mentions(t)}
        ours |= {((t.name, c), s, y) for c, s, y in our_mentions(t)}
        base |= {((t.name, c), s, y) for c, s, y in spacy_mentions(t, nlp)}
        region |= {((t.name, c), tok) for c, tok in annotated_tokens(t)}
    return {"claimgraph": score(gold, ours, region), "spaCy": score(gold, base, region),
            "missed_by_type": dict(Counter(x[2] for x in gold - ours))}


def report(res: dict) -> str:
    out = ["## MEANTIME: named-entity mentions", "",
           "Named (NAM, PRE.NAM, or untyped and capitalised) PER/ORG/LOC mentions; exact token span (leading article dropped) and type. "
           "Precision counts predictions inside annotated (non-composite) entity mentions only (MEANTIME annotates event "
           "participants, not every name). spaCy = the bare spaCy model claimgraph loads, on the same clean "
           "text (OntoNotes GPE/LOC/FAC -> LOC, PERSON -> PER, ORG -> ORG).", "",
           "| type | gold | claimgraph P | R | F1 | spaCy P | R | F1 |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for typ in TYPES + ("all", "all, overlap", "span only"):
        a, b = res["claimgraph"][typ], res["spaCy"][typ]
        out.append(f"| {typ} | {a['gold']} | {a['P']:.1%} | {a['R']:.1%} | {a['F1']:.1%} | "
                   f"{b['P']:.1%} | {b['R']:.1%} | {b['F1']:.1%} |")
    return "\n".join(out) + "\n"
