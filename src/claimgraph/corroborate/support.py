"""Support of one claim: how many documents, how many independent sources, how many denials.

Two pieces of evidence are not independent when their documents come from the same outlet or wire,
or when one sits inside a passage copied from the other. Independent = number of connected groups
of evidence documents under those links."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..unionfind import UnionFind

DENYING = ("denied", "negated")  # modalities that do not assert a claim


class CopyIndex:
    """Copied passages by document. A claim's support needs only the copies between its own
    documents; scanning every copy for every claim made the rebuild quadratic in the store."""

    def __init__(self, copies: Iterable[dict]) -> None:
        self._by_doc: dict[str, list[dict]] = defaultdict(list)
        for cp in copies:
            self._by_doc[cp["doc_a"]].append(cp)

    def among(self, docs: set[str]) -> list[dict]:
        """The copies whose two documents are both in `docs`."""
        return [cp for d in docs for cp in self._by_doc.get(d, ()) if cp["doc_b"] in docs]


def support(evidence: list[dict], doc_source: dict[str, str | None], copies: list[dict]) -> dict:
    """evidence: dicts with doc, start, end, modality. doc_source: doc -> outlet/wire key or None."""
    docs = sorted({e["doc"] for e in evidence})
    uf = UnionFind()
    for d in docs:
        uf.find(d)
    by_source: dict[str, str] = {}
    for d in docs:
        src = doc_source.get(d)
        if src:
            if src in by_source:
                uf.union(by_source[src], d)
            else:
                by_source[src] = d
    spans: dict[str, list[tuple[int, int]]] = {}
    for e in evidence:
        spans.setdefault(e["doc"], []).append((e["start"], e["end"]))
    for cp in copies:
        a, b = cp["doc_a"], cp["doc_b"]
        if a in spans and b in spans and overlaps(spans[a], cp["start_a"], cp["end_a"]) and overlaps(spans[b], cp["start_b"], cp["end_b"]):
            uf.union(a, b)
    asserting = {e["doc"] for e in evidence if e["modality"] not in DENYING}
    return {
        "documents": len(docs),
        "independent": len({uf.find(d) for d in asserting}) if asserting else 0,
        "denials": sum(1 for e in evidence if e["modality"] in DENYING),
    }


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a passage (start, end) overlaps any of the evidence spans: evidence under a copied passage."""
    return any(s < end and e > start for s, e in spans)
