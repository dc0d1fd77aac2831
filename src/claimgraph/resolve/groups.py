"""Group per-document quote occurrences into quotes and claim evidence into claims.

Quotes: two occurrences are one quote when their loose word sequences share a 6-word shingle and
one mostly contains the other (truncations, ellipses, organisation/organization). Blocking is by
shingle, so only occurrences that share words are ever compared. Reported speech (any kind but
direct) is someone's paraphrase: it joins another occurrence only with the same speaker entity.
Claims: same subject entity, predicate, object entity and value, with compatible times (one a
prefix of the other, or either unknown)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from ..model import make_id
from ..unionfind import UnionFind
from ..names import fold

SHINGLE = 6


def loose_words(text: str) -> list[str]:
    return fold(text).split()


COMMON_SHINGLE = 50  # a shingle shared by more occurrences is boilerplate, no evidence of sameness


def shingle_keys(text: str) -> set[str]:
    """The quote's 6-word shingles (the whole of a shorter one), each as a 16-hex-digit hash: the keys
    quote occurrences are blocked by, in memory and in the store's quote_shingles index alike."""
    w = loose_words(text)
    return {hashlib.sha1(" ".join(w[i:i + SHINGLE]).encode("utf-8")).hexdigest()[:16]
            for i in range(max(1, len(w) - SHINGLE + 1))}


def group_quotes(occs: list[dict], shingles: list[set[str]] | None = None) -> list[list[int]]:
    """occs in (doc, start) order (and their shingle_keys, when known); returns groups of their indices."""
    shingles = shingles if shingles is not None else [shingle_keys(o["text"]) for o in occs]
    index: dict[str, list[int]] = defaultdict(list)
    for i, sh in enumerate(shingles):
        for s in sh:
            index[s].append(i)
    return link_quotes(occs, shingles, [m for m in index.values() if len(m) <= COMMON_SHINGLE])


def link_quotes(occs: list[dict], shingles: list[set[str]], postings: Iterable[list[int]]) -> list[list[int]]:
    """Connected occurrences: each posting list (the occurrences sharing one shingle, in (doc, start)
    order, not a common one) links its first occurrence with each other one that mostly overlaps it
    in the same voice."""
    uf = UnionFind()
    for i in range(len(occs)):
        uf.find(i)
    for members in postings:
        for j in members[1:]:
            a, b = members[0], j
            small = min(len(shingles[a]), len(shingles[b]))
            if small and len(shingles[a] & shingles[b]) >= 0.5 * small and same_voice(occs[a], occs[b]):
                uf.union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(occs)):
        groups[uf.find(i)].append(i)
    return list(groups.values())


def same_voice(a: dict, b: dict) -> bool:
    """Two quotations in marks may be one quote whoever is credited; a paraphrase needs the same speaker."""
    if (a.get("kind") or "direct") == "direct" and (b.get("kind") or "direct") == "direct":
        return True
    return a.get("speaker") is not None and a.get("speaker") == b.get("speaker")


def times_compatible(a: str | None, b: str | None) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def group_claims(rows: list[dict]) -> list[list[int]]:
    """rows carry subject/object (entity ids), predicate, value, time and status: a claim groups evidence of
    one status (an attempted attack is another claim than the attack)."""
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_key[(r["subject"], r["predicate"], r["object"], _value_key(r["value"]), r.get("status", "occurred"))].append(i)
    out = []
    for members in by_key.values():
        # split by incompatible times; untimed evidence joins the largest timed group (or its own)
        timed: list[list[int]] = []
        untimed = []
        for i in sorted(members, key=lambda i: -len(rows[i]["time"] or "")):
            t = rows[i]["time"]
            if not t:
                untimed.append(i)
                continue
            for g in timed:
                if times_compatible(rows[g[0]]["time"], t):
                    g.append(i)
                    break
            else:
                timed.append([i])
        if timed:
            max(timed, key=len).extend(untimed)
        elif untimed:
            timed.append(untimed)
        out.extend(timed)
    return out


def _value_key(v: str | None) -> str:
    return re.sub(r"\b(the|a|an|former|then)\b", "", fold(v)).strip() if v else ""


def claim_time(rows: list[dict], members: list[int]) -> str | None:
    """The most precise time the evidence agrees on."""
    times = [rows[i]["time"] for i in members if rows[i]["time"]]
    return max(times, key=len) if times else None


def claim_id(subject: str, predicate: str, obj: str | None, value: str | None, time: str | None,
             status: str = "occurred") -> str:
    """Stable id; an occurred claim keeps the id it had before statuses existed."""
    if status == "occurred":
        return make_id("c", subject, predicate, obj, _value_key(value), time)
    return make_id("c", subject, predicate, obj, _value_key(value), time, status)


def majority(values: list) -> object:
    vals = [v for v in values if v is not None]
    return Counter(vals).most_common(1)[0][0] if vals else None
