"""Scoring functions shared by the evaluation parts: precision/recall/F1 and the coreference
metrics of the CoNLL scorer (MUC, B-cubed, CEAF-e, their mean). Clusters are iterables of hashable
mention ids; pure functions, tested on textbook examples in tests/bench_eval/."""

from __future__ import annotations

from collections.abc import Iterable

from scipy.optimize import linear_sum_assignment


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _clusters(cs: Iterable[Iterable]) -> list[frozenset]:
    return [frozenset(c) for c in cs if c]


def muc(key: Iterable[Iterable], response: Iterable[Iterable]) -> tuple[float, float, float]:
    """Vilain et al. 1995: links needed to join each key cluster, given the response partition."""
    k, r = _clusters(key), _clusters(response)

    def score(gold: list[frozenset], pred: list[frozenset]) -> float:
        where = {m: i for i, c in enumerate(pred) for m in c}
        num = den = 0
        for c in gold:
            parts = {where.get(m, ("single", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    rec, prec = score(k, r), score(r, k)
    return prec, rec, f1(prec, rec)


def b_cubed(key: Iterable[Iterable], response: Iterable[Iterable]) -> tuple[float, float, float]:
    """Bagga & Baldwin 1998, per mention; mentions missing on one side count as singletons there."""
    k, r = _clusters(key), _clusters(response)

    def score(gold: list[frozenset], pred: list[frozenset]) -> float:
        where = {m: c for c in pred for m in c}
        total = n = 0.0
        for c in gold:
            for m in c:
                other = where.get(m, frozenset([m]))
                total += len(c & other) / len(c)
                n += 1
        return total / n if n else 0.0

    rec, prec = score(k, r), score(r, k)
    return prec, rec, f1(prec, rec)


def ceaf_e(key: Iterable[Iterable], response: Iterable[Iterable]) -> tuple[float, float, float]:
    """Luo 2005, entity-based: best one-to-one cluster alignment with phi4 = 2|K∩R|/(|K|+|R|)."""
    k, r = _clusters(key), _clusters(response)
    if not k or not r:
        return 0.0, 0.0, 0.0
    cost = [[-2 * len(a & b) / (len(a) + len(b)) for b in r] for a in k]
    rows, cols = linear_sum_assignment(cost)
    sim = -sum(cost[i][j] for i, j in zip(rows, cols))
    prec, rec = sim / len(r), sim / len(k)
    return prec, rec, f1(prec, rec)


def conll(key: Iterable[Iterable], response: Iterable[Iterable]) -> dict[str, tuple[float, float, float] | float]:
    key, response = list(map(list, key)), list(map(list, response))
    out = {"MUC": muc(key, response), "B3": b_cubed(key, response), "CEAF-e": ceaf_e(key, response)}
    out["CoNLL F1"] = sum(v[2] for v in out.values()) / 3
    return out
