"""CSV export: a folder with one file per table; row counts and keys match the JSON structure."""

from __future__ import annotations

import csv

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.export import write_csv
from claimgraph.export.csv_export import TABLES


def _expected_rows(data: dict) -> dict[str, int]:
    return {
        "documents": len(data["documents"]),
        "entities": len(data["entities"]),
        "mentions": sum(len(e["mentions"]) for e in data["entities"]),
        "quotes": len(data["quotes"]),
        "quote_occurrences": sum(len(q["occurrences"]) for q in data["quotes"]),
        "claims": len(data["claims"]),
        "evidence": sum(len(c["evidence"]) for c in data["claims"]),
        "copies": len(data["copies"]),
    }


@pytest.fixture(scope="module")
def tables(example_store, tmp_path_factory) -> tuple[dict[str, list[dict]], dict]:
    folder = tmp_path_factory.mktemp("csv") / "out"  # created by the writer
    counts = write_csv(example_store, str(folder))
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    out = {}
    for name, columns in TABLES.items():
        with (folder / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            assert tuple(reader.fieldnames) == columns
            out[name] = list(reader)
    return out, counts


def test_row_counts(tables, example_data) -> None:
    rows, counts = tables
    expected = _expected_rows(example_data)
    assert counts == expected
    assert {name: len(r) for name, r in rows.items()} == expected


def test_values_round_trip(tables, example_data) -> None:
    rows, _ = tables
    docs = {d["id"]: d for d in example_data["documents"]}
    assert {r["id"]: r["text"] for r in rows["documents"]} == {i: d["text"] for i, d in docs.items()}
    names = {e["id"]: e["name"] for e in example_data["entities"]}
    for r in rows["claims"]:
        assert r["subject_name"] == names[r["subject"]]
        assert r["object_name"] == (names[r["object"]] if r["object"] else "")
    for r in rows["mentions"]:
        assert r["entity"] in names
        assert docs[r["doc"]]["text"][int(r["start"]):int(r["end"])] == r["text"]
    claims = {c["id"]: c for c in example_data["claims"]}
    for r in rows["evidence"]:
        assert r["modality"] in {ev["modality"] for ev in claims[r["claim"]]["evidence"]}
        assert docs[r["doc"]]["text"][int(r["start"]):int(r["end"])] == r["text"]


def test_stdout_is_refused(example_store) -> None:
    with pytest.raises(ClaimgraphError, match="folder"):
        write_csv(example_store, "-")
