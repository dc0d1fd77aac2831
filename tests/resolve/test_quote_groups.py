"""Quote grouping across documents: quotations in marks group by shared words whoever is credited;
a paraphrase (indirect, mixed, according_to, belief) only with the same speaker entity."""

from __future__ import annotations

from claimgraph.resolve.groups import group_quotes

SAID = "the harbour would stay closed to all foreign ships until the end of the month"


def _occ(text: str, kind: str, speaker: str | None) -> dict:
    return {"text": text, "kind": kind, "speaker": speaker}


def _grouped(occs: list[dict]) -> list[list[int]]:
    return sorted(sorted(g) for g in group_quotes(occs))


def test_paraphrases_of_one_speaker_group():
    occs = [_occ(SAID, "indirect", "e1"), _occ("that " + SAID + " at least", "indirect", "e1")]
    assert _grouped(occs) == [[0, 1]]


def test_same_words_from_different_speakers_stay_apart():
    occs = [_occ(SAID, "indirect", "e1"), _occ(SAID, "indirect", "e2"), _occ(SAID, "according_to", None)]
    assert _grouped(occs) == [[0], [1], [2]]


def test_direct_quotes_group_whoever_is_credited():
    occs = [_occ(SAID, "direct", "e1"), _occ(SAID, None, None)]  # an older row has no kind: direct
    assert _grouped(occs) == [[0, 1]]
