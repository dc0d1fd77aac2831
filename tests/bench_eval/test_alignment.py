"""MEANTIME offset alignment and NER scoring (bench/eval/meantime_corpus.py, meantime_ner.py) on tiny
hand-made inputs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.eval.meantime_corpus import GoldDoc, char_to_token, span_tokens  # noqa: E402
from bench.eval.meantime_ner import score  # noqa: E402


def _gold(words: list[str]) -> GoldDoc:
    return GoldDoc("1", {i + 1: w for i, w in enumerate(words)}, list(range(1, len(words) + 1)))


def test_alignment_skips_lost_date_line_and_maps_quotes():
    g = _gold(["Apple", "sues", "Cisco", "March", "06", ",", "2008", "Jobs", "said", "``", "no", "''", "."])
    text = 'Apple sues Cisco\n\nJobs said "no".'
    c2t = char_to_token(g, text)
    assert span_tokens(c2t, 0, 5) == (1,)
    assert span_tokens(c2t, 11, 16) == (3,)
    j = text.index("Jobs")
    assert span_tokens(c2t, j, j + 4) == (8,)
    q = text.index('"')
    assert span_tokens(c2t, q, q + 1) == (10,)


def test_alignment_of_a_multi_token_span():
    g = _gold(["Steve", "Jobs", "of", "Apple", "Inc.", "spoke"])
    text = "Steve Jobs of Apple Inc. spoke"
    c2t = char_to_token(g, text)
    assert span_tokens(c2t, text.index("Apple"), text.index(" spoke")) == (4, 5)


def test_ner_score_counts_only_annotated_region():
    gold = {("d", (1, 2), "PER"), ("d", (4,), "ORG")}
    pred = {("d", (1, 2), "PER"), ("d", (4,), "LOC"), ("d", (9,), "ORG")}  # (9,) lies outside the region
    region = {("d", 1), ("d", 2), ("d", 4)}
    res = score(gold, pred, region)
    assert res["all"]["P"] == pytest.approx(0.5) and res["all"]["R"] == pytest.approx(0.5)
    assert res["span only"]["F1"] == pytest.approx(1.0)
    assert res["PER"]["F1"] == pytest.approx(1.0)
