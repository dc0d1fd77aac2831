"""The JSON export validates against docs/schema/export.schema.json, and the schema is strict
enough to reject a wrong type or a missing required field."""

from __future__ import annotations

import copy
import json

import pytest

from claimgraph.export import write_json


def test_schema_file_is_valid_draft_2020_12(export_schema) -> None:
    assert export_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(export_schema["required"]) == {"schema", "documents", "entities", "quotes", "claims", "copies"}


def test_write_json_validates(example_store, validator, tmp_path) -> None:
    out = tmp_path / "export.json"
    counts = write_json(example_store, str(out))
    data = json.loads(out.read_text("utf-8"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    assert counts == {k: len(data[k]) for k in ("documents", "entities", "quotes", "claims", "copies")}


def test_export_references_resolve(example_data) -> None:
    """Every id the export points at is defined in it, and every offset lies inside its document."""
    docs = {d["id"]: d for d in example_data["documents"]}
    ents = {e["id"] for e in example_data["entities"]}
    claims = {c["id"] for c in example_data["claims"]}
    for e in example_data["entities"]:
        for m in e["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(docs[m["doc"]]["text"])
    for c in example_data["claims"]:
        assert c["subject"] in ents
        assert all(x is None or x in ents for x in (c["object"], c["place"]))
        assert set(c["support"]["conflicts"]) <= claims
        for ev in c["evidence"]:
            assert docs[ev["doc"]]["text"][ev["start"]:ev["end"]] == ev["text"]
            assert ev["attributed_to"] is None or ev["attributed_to"] in ents
    for q in example_data["quotes"]:
        assert q["speaker"] is None or q["speaker"] in ents
        assert set(q["claims"]) <= claims


# (what is broken, how) -> the schema must reject the result
BREAKAGES = [
    ("schema tag", lambda d: d.update(schema="claimgraph/export/v0")),
    ("missing top-level list", lambda d: d.pop("copies")),
    ("documents not a list", lambda d: d.update(documents={})),
    ("document without text", lambda d: d["documents"][0].pop("text")),
    ("authors as a string", lambda d: d["documents"][0].update(authors="A. Writer")),
    ("entity without aliases", lambda d: d["entities"][0].pop("aliases")),
    ("entity type lower case", lambda d: d["entities"][0].update(type="person")),
    ("mention offset as string", lambda d: d["entities"][0]["mentions"].append({"doc": "x", "start": "0", "end": 5})),
    ("negative offset", lambda d: d["entities"][0]["mentions"].append({"doc": "x", "start": -1, "end": 5})),
    ("claim without support", lambda d: d["claims"][0].pop("support")),
    ("claim without evidence", lambda d: d["claims"][0].update(evidence=[])),
    ("unknown modality", lambda d: d["claims"][0]["evidence"][0].update(modality="true")),
    ("support count as float", lambda d: d["claims"][0]["support"].update(independent=1.5)),
    ("object as a number", lambda d: d["claims"][0].update(object=7)),
    ("quote occurrence without cue", lambda d: d["quotes"][0]["occurrences"][0].pop("cue")),
    ("copy without end_b", lambda d: d["copies"].append({"doc_a": "a", "start_a": 0, "end_a": 1, "doc_b": "b",
                                                        "start_b": 0})),
]


@pytest.mark.parametrize("what,breaks", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_schema_rejects(example_data, validator, what, breaks) -> None:
    broken = copy.deepcopy(example_data)
    if not broken["quotes"] and "quote" in what:
        pytest.skip("the examples gave no quotes")
    breaks(broken)
    assert not validator.is_valid(broken), what


def test_schema_allows_added_fields(example_data, validator) -> None:
    """The contract lets fields be added: an extra key is not an error."""
    data = copy.deepcopy(example_data)
    data["generated_by"] = "a later claimgraph"
    data["entities"][0]["wikidata"] = "Q1"
    assert validator.is_valid(data)
