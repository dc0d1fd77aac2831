"""The gate on broad data: the scoreboard (bench/eval/scoreboard.py, `make eval`) runs the real
pipeline over every development set under ../shared, and every figure must hold the floor pinned in
bench/eval/floors.json. The seed floors (test_quality_gate.py) stay, but no longer decide alone.

Raising a floor after an improvement is a one-line change in floors.json; lowering one needs a reason
in the commit message. The last test proves the gate has teeth: a deliberately over-fitted rule
(claims kept only from sentences that occur in the seed articles: the extreme of a rule written
against the seeds) keeps every seed floor and breaks a broad one."""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

from bench.eval import scoreboard  # noqa: E402

FLOORS = scoreboard.load_floors()


@pytest.fixture(scope="module")
def board():
    if not scoreboard.SHARED.is_dir():
        pytest.skip(f"development sets not found at {scoreboard.SHARED}")
    runner = scoreboard.Runner()
    try:
        results = {r.name: r for r in scoreboard.run(None, runner)}
    finally:
        runner.close()
    return results


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_floor_holds(board, key):
    res = board[key.partition(".")[0]]
    if res.skipped:
        pytest.skip(res.skipped)
    assert scoreboard.check([res], {key: FLOORS[key]}) == []


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def test_overfitted_rule_keeps_the_seeds_and_fails_the_gate():
    if not (scoreboard.SHARED / "seeds").is_dir() or not (scoreboard.SHARED / "corpora/plover").is_dir():
        pytest.skip("seeds or PLOVER sentences not found under ../shared")
    seed_text = "".join(_letters(p.read_text(encoding="utf-8")) for p in (scoreboard.SHARED / "seeds").glob("*.txt"))

    def overfit(extract):
        def stream(documents):
            for ex in extract(documents):
                keep = tuple(c for c in ex.claims if _letters(c.evidence.text) in seed_text)
                yield dataclasses.replace(ex, claims=keep)
        return stream

    runner = scoreboard.Runner(processes=1, extractor_wrapper=overfit)
    try:
        results = {r.name: r for r in scoreboard.run(["seeds", "plover"], runner)}
    finally:
        runner.close()
    seed_floors = {k: v for k, v in FLOORS.items() if k.startswith("seeds.")}
    broad_floors = {k: v for k, v in FLOORS.items() if k.startswith("plover.")}
    assert seed_floors and broad_floors
    assert scoreboard.check([results["seeds"]], seed_floors) == [], "the over-fitted rule should look fine on the seeds"
    assert scoreboard.check([results["plover"]], broad_floors), "the gate must catch the drop on broad data"
