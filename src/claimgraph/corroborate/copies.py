"""Copied passages: sentences of one document that reproduce another's, spelling variants allowed.

Each sentence (quoted words masked out) becomes a set of loose 5-word shingles (case, punctuation, diacritics and British/
American spelling folded away) and a MinHash; datasketch's LSH index proposes candidate sentence
pairs without comparing all pairs; a candidate is kept when the exact shingle overlap covers half
of the shorter sentence. Runs of adjacent copied sentences are merged into one passage with exact
character offsets on both sides."""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

from ..extract.quotes import quote_spans
from ..names import fold

SHINGLE = 5
MIN_WORDS = 8
NUM_PERM = 64
THRESHOLD = 0.4
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’)]*|\n|$)")


def _sentences(text: str) -> list[tuple[int, int, set[str]]]:
    """Sentences with their shingles. Quoted words are masked: outlets that quote the same
    statement are not copying each other; copying shows in the words around the quotes."""
    masked = list(text)
    for qs, qe in quote_spans(text):
        masked[qs:qe] = " " * (qe - qs)
    masked_text = "".join(masked)
    out = []
    for m in _SENT.finditer(text):
        words = fold(masked_text[m.start():m.end()]).split()
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


def _minhash(shingles: set[str]) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, seed=7)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


def find_copies(docs: dict[str, str]) -> list[dict]:
    """docs: id -> clean text. Returns copies (doc_a, start_a, end_a, doc_b, start_b, end_b) with
    doc_a < doc_b, one per maximal run of copied sentences."""
    sents = {d: _sentences(t) for d, t in docs.items()}
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    for d, ss in sents.items():
        for k, (_, _, sh) in enumerate(ss):
            key = f"{d}\x1f{k}"
            hashes[key] = _minhash(sh)
            lsh.insert(key, hashes[key])
    pairs: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for key, mh in hashes.items():
        da, ka = key.split("\x1f")
        for other in lsh.query(mh):
            db, kb = other.split("\x1f")
            if db <= da:  # each unordered pair once, never within one document
                continue
            a, b = sents[da][int(ka)][2], sents[db][int(kb)][2]
            if len(a & b) >= 0.5 * min(len(a), len(b)):
                pairs.setdefault((da, db), set()).add((int(ka), int(kb)))
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
