"""The evaluation's metric functions (bench/eval/metrics.py) on textbook examples with known answers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.eval.metrics import b_cubed, ceaf_e, conll, muc, prf  # noqa: E402

A = pytest.approx


def test_prf():
    assert prf(8, 2, 8) == (A(0.8), A(0.5), A(2 * 0.8 * 0.5 / 1.3))
    assert prf(0, 0, 5) == (0.0, 0.0, 0.0)


def test_muc_vilain_example():
    # key {A B C D}; response {A B} {C D}: one missing link of three -> R 2/3, P 1
    p, r, f = muc([["A", "B", "C", "D"]], [["A", "B"], ["C", "D"]])
    assert (p, r) == (A(1.0), A(2 / 3))
    assert f == A(0.8)


def test_muc_identical_and_singletons():
    assert muc([[1, 2], [3]], [[1, 2], [3]])[2] == A(1.0)
    assert muc([[1], [2]], [[1], [2]]) == (0.0, 0.0, 0.0)  # no links to find


# Bagga & Baldwin (1998), figure: key {1..5} {6 7} {8..12}; response {1..5} {6..12}
KEY = [[1, 2, 3, 4, 5], [6, 7], [8, 9, 10, 11, 12]]
RESPONSE = [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11, 12]]


def test_b_cubed_bagga_baldwin():
    p, r, _ = b_cubed(KEY, RESPONSE)
    assert r == A(1.0)
    assert p == A((5 + 2 * 2 / 7 + 5 * 5 / 7) / 12)  # 0.7619


def test_ceaf_e():
    p, r, _ = ceaf_e(KEY, RESPONSE)
    sim = 1.0 + 2 * 5 / 12  # {1..5} exact; {8..12} best aligned to {6..12}
    assert (p, r) == (A(sim / 2), A(sim / 3))


def test_conll_mean_and_perfect():
    res = conll(KEY, KEY)
    assert res["CoNLL F1"] == A(1.0)
    res = conll(KEY, RESPONSE)
    assert res["CoNLL F1"] == A((res["MUC"][2] + res["B3"][2] + res["CEAF-e"][2]) / 3)


def test_missing_mentions_count_as_singletons():
    # the response lacks mention 3: B3 recall of the key cluster {1 2 3} drops
    p, r, _ = b_cubed([[1, 2, 3]], [[1, 2]])
    assert r == A((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert p == A(1.0)
