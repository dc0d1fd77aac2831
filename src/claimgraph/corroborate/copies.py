"""Copied passages: sentences of one document that reproduce another's, spelling variants allowed.

Each sentence (quoted words masked out: outlets quoting the same statement are not copying each
other) becomes a set of loose 5-word shingles -- case, punctuation, diacritics and British/American
spelling folded away -- and a MinHash (`corroborate.minhash`). The MinHash is cut into LSH bands whose keys are
stored in the `passage_bands` table, so a new document finds its candidate sentences by an indexed
lookup, never by comparing all pairs, and old documents are never hashed again. A band shared by more
than COMMON_BAND sentences is recorded in `common_bands` and never read again. A candidate is kept
when the exact shingle overlap covers half of the shorter sentence; runs of adjacent copied
sentences become one passage with exact character offsets on both sides."""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from ..quotemarks import para_spans, quote_spans
from ..names import fold
from ..store import chunks, insert_rows
from ..store import schema as t
from .minhash import minhash

SHINGLE = 5
MIN_WORDS = 10  # after quotes are masked: shorter stock phrases ('X denied the accusations') are not copying
OVERLAP = 0.6  # share of the shorter sentence's shingles that must be shared
COMMON_BAND = 200  # a band shared by more sentences than this is a stock phrase, not evidence of copying
BANDS, ROWS = 21, 3  # 63 permutations; candidates from about 0.36 Jaccard upwards
HIT_CACHE = 4096  # older documents' sentences that bands hit, kept hashed (about 3 KiB each)
SENTENCE_CACHE = 256  # documents whose sentences stay in memory (1,000 articles: 2,000 cost +86 MiB, 256 +36 MiB, same speed)
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’)]*|\n|$)")


def sentences(text: str) -> list[tuple[int, int, set[str]]]:
    """(start, end, shingles) of every sentence long enough to count as copied text."""
    masked = list(text)
    for qs, qe in quote_spans(text):
        masked[qs:qe] = " " * (qe - qs)
    masked_text = "".join(masked)
    out = []
    for m in _SENT.finditer(text):
        sh = _shingles(masked_text[m.start():m.end()])
        if sh is None:
            continue
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e, sh))
    return out


def sentence_at(text: str, start: int, end: int) -> set[str]:
    """The shingles `sentences` gives the sentence at text[start:end], from its own paragraph alone (a
    sentence never crosses a line, and quotation marks pair within a paragraph): an old document hit
    by a band costs one sentence, not the hashing of all of its text."""
    p0 = text.rfind("\n", 0, start) + 1
    p1 = text.find("\n", start)
    para = text[p0:p1 if p1 >= 0 else len(text)]
    masked = list(text[start:end])
    for qs, qe in para_spans(para):
        lo, hi = max(qs + p0, start), min(qe + p0, end)
        if lo < hi:
            masked[lo - start:hi - start] = " " * (hi - lo)
    return _shingles("".join(masked)) or set()


def _shingles(sentence: str) -> set[str] | None:
    words = fold(sentence).split()
    if len(words) < MIN_WORDS:
        return None
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def bands(shingles: set[str]) -> list[str]:
    hv = minhash((s.encode("utf-8") for s in shingles), BANDS * ROWS, seed=7)
    return [f"{b:02d}" + hashlib.sha1(hv[b * ROWS:(b + 1) * ROWS].tobytes()).hexdigest()[:20] for b in range(BANDS)]


def update_copies(c: Connection, new_ids: Iterable[str], load_text: Callable[[str], str | None]) -> int:
    """Index the new documents (ids not scanned before), find their copies against every stored
    document and each other, and store them; returns the number of new copied passages.

    Documents go one at a time, in id order: a pair is found when its later document is indexed,
    so each document's passages are complete and written before the next is read. Texts come from
    `load_text` when needed; of an older document only the sentences a band hit are hashed again
    (their offsets are in `passages`). At most SENTENCE_CACHE documents' sentences and HIT_CACHE hit
    sentences are kept, so memory stays flat however many documents a first ingest brings."""
    cache: OrderedDict[str, list[tuple[int, int, set[str]]]] = OrderedDict()
    hit_cache: OrderedDict[tuple[str, int], tuple[int, int, set[str]]] = OrderedDict()

    def sents(doc_id: str):
        if doc_id in cache:
            cache.move_to_end(doc_id)
        else:
            cache[doc_id] = sentences(load_text(doc_id) or "")
            if len(cache) > SENTENCE_CACHE:
                cache.popitem(last=False)
        return cache[doc_id]

    def hit_sentences(keys: set[tuple[str, int]]) -> dict[tuple[str, int], tuple[int, int, set[str]]]:
        """(start, end, shingles) of the (document, sentence) pairs the bands hit; absent: not stored."""
        out, missing = {}, defaultdict(list)
        for doc_id, idx in keys:
            if doc_id in cache:
                if idx < len(cache[doc_id]):
                    out[doc_id, idx] = cache[doc_id][idx]
            elif (doc_id, idx) in hit_cache:
                hit_cache.move_to_end((doc_id, idx))
                out[doc_id, idx] = hit_cache[doc_id, idx]
            else:
                missing[doc_id].append(idx)
        spans = {(r.doc_id, r.idx): (r.start, r.end) for part in chunks(missing)
                 for r in c.execute(select(t.passages).where(t.passages.c.doc_id.in_(part)))}
        for doc_id in sorted(missing):
            text = load_text(doc_id) or ""
            for idx in missing[doc_id]:
                if (doc_id, idx) in spans:
                    s, e = spans[doc_id, idx]
                    out[doc_id, idx] = hit_cache[doc_id, idx] = (s, e, sentence_at(text, s, e))
        while len(hit_cache) > HIT_CACHE:
            hit_cache.popitem(last=False)
        return out

    found = 0
    for d in sorted(new_ids):
        ss = sents(d)
        keys = {i: bands(sh) for i, (_, _, sh) in enumerate(ss)}
        if ss:
            insert_rows(c, t.passages, [(d, i, s, e) for i, (s, e, _) in enumerate(ss)])
            insert_rows(c, t.passage_bands, [(b, d, i) for i, bs in keys.items() for b in bs])
        c.execute(insert(t.copy_scanned).values(doc_id=d))
        by_band: dict[str, list[int]] = defaultdict(list)
        for i, bs in keys.items():
            for b in bs:
                by_band[b].append(i)
        all_bands = list(by_band)
        common = _common(c, all_bands)
        live = [b for b in all_bands if b not in common]
        hits = [r for part in chunks(live) for r in c.execute(select(t.passage_bands).where(t.passage_bands.c.band.in_(part)))]
        per_band: dict[str, int] = defaultdict(int)
        for r in hits:
            per_band[r.band] += 1
        now_common = sorted(b for b, k in per_band.items() if k > COMMON_BAND)
        if now_common:
            c.execute(insert(t.common_bands), [{"band": b} for b in now_common])
        hits = [r for r in hits if r.doc_id != d and per_band[r.band] <= COMMON_BAND]
        other = hit_sentences({(r.doc_id, r.idx) for r in hits})
        checked: set[tuple[int, str, int]] = set()
        pairs: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
        for r in hits:
            if (r.doc_id, r.idx) not in other:
                continue
            for i in by_band[r.band]:
                if (i, r.doc_id, r.idx) in checked:
                    continue
                checked.add((i, r.doc_id, r.idx))
                a, b = ss[i][2], other[r.doc_id, r.idx][2]
                if len(a & b) >= OVERLAP * min(len(a), len(b)):
                    key, ij = ((d, r.doc_id), (i, r.idx)) if d < r.doc_id else ((r.doc_id, d), (r.idx, i))
                    pairs[key].add(ij)

        def span(doc_id: str, idx: int) -> tuple[int, int]:
            return ss[idx][:2] if doc_id == d else other[doc_id, idx][:2]

        rows = [p for (da, db), matched in sorted(pairs.items()) for p in _runs(span, da, db, matched)]
        if rows:
            c.execute(insert(t.copies), rows)
            found += len(rows)
    return found


def _common(c: Connection, bands: list[str]) -> set[str]:
    cb = t.common_bands.c.band
    return {b for part in chunks(bands) for b in c.execute(select(cb).where(cb.in_(part))).scalars()}


def _runs(span: Callable[[str, int], tuple[int, int]], da: str, db: str, matched: set[tuple[int, int]]) -> list[dict]:
    """Runs of adjacent matched sentences on both sides, each one passage with its offsets."""
    out, run = [], None
    for ka, kb in sorted(matched):
        if run and ka == run[1] + 1 and kb == run[3] + 1:
            run = (run[0], ka, run[2], kb)
        else:
            if run:
                out.append(_passage(span, da, db, run))
            run = (ka, ka, kb, kb)
    if run:
        out.append(_passage(span, da, db, run))
    return out


def _passage(span, da, db, run) -> dict:
    a0, a1, b0, b1 = run
    return {"doc_a": da, "start_a": span(da, a0)[0], "end_a": span(da, a1)[1],
            "doc_b": db, "start_b": span(db, b0)[0], "end_b": span(db, b1)[1]}


def find_copies(docs: dict[str, str]) -> list[dict]:
    """Copies among `docs` (id -> clean text) without a store: an in-memory SQLite index."""
    from sqlalchemy import create_engine

    engine = create_engine("sqlite://")
    t.metadata.create_all(engine, tables=[t.passages, t.passage_bands, t.copy_scanned, t.common_bands, t.copies])
    with engine.begin() as c:
        update_copies(c, docs, docs.get)  # iterating a dict gives its ids
        rows = [dict(r._mapping) for r in c.execute(select(t.copies).order_by(t.copies.c.id))]
    engine.dispose()
    return [{k: v for k, v in r.items() if k != "id"} for r in rows]
