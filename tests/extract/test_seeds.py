"""The five real seed articles (../shared/seeds) through `claimgraph.run.extract_one`: clean + extract +
single-document export. Nothing may crash and every offset must index the exported clean text."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT.parent / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []

needs_seeds = pytest.mark.skipif(not SEED_FILES, reason=f"seed articles not found at {SEEDS}")


@pytest.fixture(scope="module")
def exported(pipeline):
    """path name -> extract_one() export of that seed, computed once (shares the session pipeline)."""
    from claimgraph.run import extract_one

    cache: dict[str, dict] = {}

    def get(path: Path) -> dict:
        if path.name not in cache:
            cache[path.name] = extract_one(str(path), extractor=pipeline.extract_many)
        return cache[path.name]

    return get


def _doc(data: dict) -> dict:
    assert data["schema"] == "claimgraph/export/v1"
    assert len(data["documents"]) == 1
    return data["documents"][0]


@needs_seeds
@pytest.mark.parametrize("path", SEED_FILES, ids=[p.name[:3] for p in SEED_FILES])
def test_seed_offsets_valid(exported, path):
    data = exported(path)
    doc = _doc(data)
    text, doc_id = doc["text"], doc["id"]
    assert len(text) > 500
    assert data["entities"], "a news article names someone or something"

    for e in data["entities"]:
        names = set(e["aliases"]) | {e["name"]}
        for m in e["mentions"]:
            assert m["doc"] == doc_id
            assert 0 <= m["start"] < m["end"] <= len(text)
            assert text[m["start"]:m["end"]] in names, (e["name"], text[m["start"]:m["end"]])

    for q in data["quotes"]:
        assert q["occurrences"]
        for o in q["occurrences"]:
            assert o["doc"] == doc_id
            assert 0 <= o["start"] < o["end"] <= len(text)
            assert text[o["start"]:o["end"]] == q["text"]
            if o["speaker_start"] is not None:
                s, e = o["speaker_start"], o["speaker_end"]
                assert 0 <= s < e <= len(text)
                assert text[s:e].strip() == text[s:e] and any(ch.isalpha() for ch in text[s:e])
                assert e <= o["start"] or s >= o["end"], "speaker words lie outside the quote"
            else:
                assert q["speaker"] is None

    claim_ids = {c["id"] for c in data["claims"]}
    for q in data["quotes"]:
        assert set(q.get("claims", [])) <= claim_ids

    entity_ids = {e["id"] for e in data["entities"]}
    for c in data["claims"]:
        assert c["subject"] in entity_ids, c
        assert c["object"] is None or c["object"] in entity_ids
        assert c["evidence"]
        for ev in c["evidence"]:
            assert ev["doc"] == doc_id
            assert 0 <= ev["start"] < ev["end"] <= len(text)
            assert text[ev["start"]:ev["end"]] == ev["text"]
            assert ev["modality"] in ("asserted", "hedged", "denied", "negated")
            assert ev["extractor"].startswith("claimgraph ")


@needs_seeds
def test_seed_000_fallahian_quote_speaker(exported):
    path = next((p for p in SEED_FILES if p.name.startswith("000_")), None)
    if path is None:
        pytest.skip("seed 000 not found")
    data = exported(path)
    text = _doc(data)["text"]
    found = [q for q in data["quotes"] if "The Ministry of Intelligence needs cover" in q["text"]]
    assert len(found) == 1, [q["text"][:60] for q in data["quotes"]]
    q = found[0]
    assert q["text"].startswith("The Ministry of Intelligence needs cover to gather information")
    assert "Fallahian" in (q["speaker_text"] or "")
    speaker = {e["id"]: e for e in data["entities"]}.get(q["speaker"])
    assert speaker is not None and "Fallahian" in speaker["name"] and speaker["type"] == "PERSON"
    (occ,) = q["occurrences"]
    assert "Fallahian" in text[occ["speaker_start"]:occ["speaker_end"]]
    assert occ["cue"] == "said"
