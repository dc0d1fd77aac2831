"""Copied passages: sentences of one document that reproduce another's, spelling variants allowed.
Sentences are compared by a loose 8-word shingle index (blocking), and runs of adjacent copied
sentences are merged into one passage with exact offsets on both sides."""

from __future__ import annotations

import re
from collections import defaultdict

from ..resolve.names import fold

SHINGLE = 8
MIN_WORDS = 10
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’)]*|\n|$)")


def _sentences(text: str) -> list[tuple[int, int, set[str]]]:
    out = []
    for m in _SENT.finditer(text):
        words = fold(m.group(0)).split()
        if len(words) < MIN_WORDS:
            continue
        sh = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e, sh))
    return out


def find_copies(docs: dict[str, str], same_source: set[frozenset] = frozenset()) -> list[dict]:
    """docs: id -> clean text. Returns copies (doc_a, start_a, end_a, doc_b, start_b, end_b) with
    doc_a < doc_b, one per maximal run of copied sentences."""
    sents = {d: _sentences(t) for d, t in docs.items()}
    index: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for d, ss in sents.items():
        for k, (_, _, sh) in enumerate(ss):
            for s in sh:
                index[s].append((d, k))
    pairs: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for hits in index.values():
        if len(hits) > 200:
            continue
        for i, (da, ka) in enumerate(hits):
            for db, kb in hits[i + 1:]:
                if da == db:
                    continue
                a, b = sents[da][ka][2], sents[db][kb][2]
                if len(a & b) >= 0.5 * min(len(a), len(b)):
                    key = (da, db) if da < db else (db, da)
                    pairs[key].add((ka, kb) if da < db else (kb, ka))
    out = []
    for (da, db), matched in sorted(pairs.items()):
        run = None
        for ka, kb in sorted(matched):
            if run and ka == run[1] + 1 and kb == run[3] + 1:
                run = (run[0], ka, run[2], kb)
            else:
                if run:
                    out.append(_passage(sents, da, db, run))
                run = (ka, ka, kb, kb)
        if run:
            out.append(_passage(sents, da, db, run))
    return out


def _passage(sents, da, db, run) -> dict:
    a0, a1, b0, b1 = run
    return {"doc_a": da, "start_a": sents[da][a0][0], "end_a": sents[da][a1][1],
            "doc_b": db, "start_b": sents[db][b0][0], "end_b": sents[db][b1][1]}
