"""The claim row every claim table renders (entity page, claims list): a claim whose subject and
predicate carry an incompatible time elsewhere is flagged on its row, with a link to the conflicts."""

from __future__ import annotations

from claimgraph.api.pages import _env


def row(conflicts: list[str]) -> str:
    macro = _env.get_template("macros.html").module.claim_row
    claim = {"id": "c0123456789abcdef", "predicate": "expel", "value": None, "time": "2024-03",
             "subject": {"id": "e1", "name": "Veldoria", "type": "GPE"}, "object": {"id": "e2", "name": "Karel Voss", "type": "PERSON"},
             "support": {"independent": 2, "documents": 3, "denials": 0, "conflicts": conflicts},
             "modalities": {"asserted": 2}}
    return str(macro(claim))


def test_conflicts_flagged_with_a_link() -> None:
    html = row(["c9", "c8"])
    assert 'class="conflict"' in html and "conflicts with 2 other claims" in html
    assert 'href="/claim/c0123456789abcdef#conflicts"' in html


def test_no_flag_without_conflicts() -> None:
    assert "conflict" not in row([])
