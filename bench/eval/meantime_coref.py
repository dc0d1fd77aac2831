"""Cross-document entity coreference over the named mentions that MEANTIME and claimgraph both find
(same token span): gold clusters are MEANTIME's entity instances (cross-document instance ids, else
the in-document entity), ours are claimgraph's entities; MUC, B-cubed, CEAF-e and their mean (CoNLL
F1). Baseline in the same run: mentions with the same normalised string are one entity."""

from __future__ import annotations

from collections import defaultdict

from claimgraph.names import fold

from .meantime_corpus import Topic, span_tokens
from .meantime_ner import ARTICLES, TYPES, _is_named
from .metrics import conll


def _gold(topic: Topic) -> dict[tuple, tuple[str, str]]:
    """(doc, token span) -> (gold entity, surface) of named PER/ORG/LOC mentions."""
    out = {}
    for cid, g in topic.gold.items():
        for m in g.entity_mentions:
            if m["type"] in TYPES and _is_named(g, m):
                toks = list(m["tokens"])
                while len(toks) > 1 and g.tokens[toks[0]].lower() in ARTICLES:
                    toks = toks[1:]
                out[(cid, tuple(toks))] = (m["entity"], " ".join(g.tokens[t] for t in toks))
    return out


def _ours(topic: Topic) -> dict[tuple, str]:
    out = {}
    for e in topic.export["entities"]:
        for m in e["mentions"]:
            if m["doc"] in topic.doc_of:
                toks = span_tokens(topic.c2t[m["doc"]], m["start"], m["end"])
                if toks:
                    out[(topic.doc_of[m["doc"]], toks)] = e["id"]
    return out


def clusters(topic: Topic) -> tuple[list, list, list, int]:
    gold, ours = _gold(topic), _ours(topic)
    common = sorted(set(gold) & set(ours))
    key, resp, base = defaultdict(list), defaultdict(list), defaultdict(list)
    for m in common:
        mid = (topic.name,) + m
        key[gold[m][0]].append(mid)
        resp[ours[m]].append(mid)
        base[fold(gold[m][1])].append(mid)
    return list(key.values()), list(resp.values()), list(base.values()), len(common)


def evaluate(topics: list[Topic]) -> dict:
    out = {}
    all_k, all_r, all_b, n_all = [], [], [], 0
    for t in topics:
        k, r, b, n = clusters(t)
        out[t.name] = {"mentions": n, "gold entities": len(k), "claimgraph": conll(k, r), "same string": conll(k, b)}
        all_k += [[(t.name, x) for x in c] for c in k]
        all_r += [[(t.name, x) for x in c] for c in r]
        all_b += [[(t.name, x) for x in c] for c in b]
        n_all += n
    out["all topics"] = {"mentions": n_all, "gold entities": len(all_k), "claimgraph": conll(all_k, all_r),
                         "same string": conll(all_k, all_b)}
    return out


def report(res: dict) -> str:
    out = ["## MEANTIME: cross-document entity coreference", "",
           "Named PER/ORG/LOC mentions found by both MEANTIME and claimgraph (same span); gold = MEANTIME "
           "entity instances. Baseline: same normalised string = same entity. F1 of each metric.", "",
           "| topic | mentions | gold entities | system | MUC | B³ | CEAF-e | CoNLL F1 |", "|---|---:|---:|---|---:|---:|---:|---:|"]
    for topic, v in res.items():
        for system in ("claimgraph", "same string"):
            s = v[system]
            out.append(f"| {topic} | {v['mentions']} | {v['gold entities']} | {system} | {s['MUC'][2]:.1%} | "
                       f"{s['B3'][2]:.1%} | {s['CEAF-e'][2]:.1%} | {s['CoNLL F1']:.1%} |")
    return "\n".join(out) + "\n"
