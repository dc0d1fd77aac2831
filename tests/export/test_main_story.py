"""The examples' main story, end to end (ingest, resolve, export): one country expelling two named
diplomats on one day, reported in several articles, is one dated claim per diplomat, supported by every
article whose sentence names who expelled them; no other person is made one of the expelled."""

from __future__ import annotations


def _names(data: dict) -> dict[str, str]:
    return {e["id"]: e["name"] for e in data["entities"]}


def test_one_dated_claim_per_expelled_diplomat(example_data) -> None:
    names = _names(example_data)
    docs = {d["id"]: d for d in example_data["documents"]}
    per_person = [c for c in example_data["claims"] if c["predicate"] == "expel" and c["status"] == "occurred"
                  and c["object"] and names[c["object"]].endswith(("Nazari", "Karamanlis"))]
    assert sorted(names[c["object"]].split()[-1] for c in per_person) == ["Karamanlis", "Nazari"], \
        [(names[c["subject"]], names.get(c["object"]), c["time"]) for c in per_person]
    for c in per_person:
        assert names[c["subject"]] == "Veldoria"
        assert c["time"] == "2024-03-14"
        assert c["support"]["documents"] >= 5 and c["support"]["independent"] >= 4, c["support"]
        for ev in c["evidence"]:
            text = docs[ev["doc"]]["text"]
            assert text[ev["start"]:ev["end"]] == ev["text"]
            assert text[ev["trigger_start"]:ev["trigger_end"]] in ("expelled", "expel", "expels", "ordered")
    assert per_person[0]["support"]["documents"] == per_person[1]["support"]["documents"]


def test_no_other_person_is_expelled(example_data) -> None:
    names = _names(example_data)
    persons = {e["id"] for e in example_data["entities"] if e["type"] == "PERSON"}
    expelled = {names[c["object"]] for c in example_data["claims"] if c["predicate"] == "expel" and c["object"] in persons}
    assert expelled and all(n.endswith(("Nazari", "Karamanlis")) for n in expelled), expelled
