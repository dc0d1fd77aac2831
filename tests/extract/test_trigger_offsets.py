"""Every event claim's evidence says where its trigger word is: text[trigger_start:trigger_end] is the
trigger, inside the evidence sentence; the offsets survive the store and the JSON export (sentences
written for these tests)."""

from __future__ import annotations

import json

import pytest

from claimgraph.query import export_data

# (text, the trigger word the event claim must carry, its predicate or PLOVER type)
TRIGGERS = [
    ("Chile expelled two Peruvian diplomats on Monday.", "expelled", "expel"),
    ("After weeks of talks, Kurdish rebels carried out an attack on the base.", "attack", "attack"),
    ("The expulsion of the attaché by Norway surprised Moscow.", "expulsion", "expel"),
    ("Latvia kicked out the Russian consul.", "kicked", "expel"),
    ("Chile severed diplomatic ties with Peru.", "severed", "SANCTION"),
    ("The storm hit the coast. Then Kenya recalled its ambassador from Uganda.", "recalled", "SANCTION"),
]


def _trigger_claims(text: str, ex) -> list:
    out = []
    for c in ex.claims:
        if c.trigger_start is None:
            continue
        ev = c.evidence
        assert text[c.trigger_start:c.trigger_end] == c.trigger, c
        assert ev.start <= c.trigger_start < c.trigger_end <= ev.end, c
        out.append(c)
    return out


@pytest.mark.parametrize("text,word,kind", TRIGGERS, ids=[t[:40] for t, _, _ in TRIGGERS])
def test_trigger_offsets_index_the_text(extract, text, word, kind):
    from claimgraph.extract.lexicon import lexicon

    ex = extract(text, "2021-03-04")
    claims = _trigger_claims(text, ex)
    start = text.index(word)
    hit = [c for c in claims if c.trigger_start == start and c.trigger_end == start + len(word)]
    assert any(kind in (c.predicate, lexicon().plover.get(c.predicate)) for c in hit), \
        [(c.predicate, c.trigger, c.trigger_start) for c in ex.claims]


def test_two_events_in_one_sentence_have_their_own_triggers(extract):
    text = "Turkish police arrested a Syrian man who attacked the Swedish consulate in Istanbul."
    ex = extract(text)
    claims = _trigger_claims(text, ex)
    assert {c.trigger for c in claims} >= {"arrested", "attacked"}, [(c.predicate, c.trigger) for c in ex.claims]
    assert len({c.evidence.start for c in claims}) == 1  # one sentence, two triggers


def test_relations_have_no_trigger_offsets(extract):
    """A role read from an apposition has no one trigger word: null offsets, not invented ones."""
    ex = extract("Maria Silva, the Brazilian foreign minister, arrived in Lima.")
    roles = [c for c in ex.claims if c.predicate == "holds_role"]
    assert roles and all(c.trigger_start is None and c.trigger_end is None for c in roles)


def test_trigger_offsets_are_stored_and_exported(pipeline, tmp_store, tmp_path):
    """Through a real store (SQLite, and PostgreSQL where configured) and the JSON export."""
    from claimgraph.export import write_json
    from claimgraph.model import Document
    from claimgraph.run import rebuild

    text = "Chile expelled two Peruvian diplomats on Monday. Peru condemned the expulsion."
    doc = Document(id=Document.id_for(text), source="test", text=text, published="2021-03-04")
    assert tmp_store.add_document(doc, pipeline.extract_many([doc])[0])
    rebuild(tmp_store)
    out = tmp_path / "x.json"
    write_json(tmp_store, str(out))
    data = json.loads(out.read_text("utf-8"))
    assert data == export_data(tmp_store)
    seen = set()
    for c in data["claims"]:
        for ev in c["evidence"]:
            if c["plover"]:
                assert isinstance(ev["trigger_start"], int), c
            if ev["trigger_start"] is not None:
                assert ev["start"] <= ev["trigger_start"] < ev["trigger_end"] <= ev["end"]
                seen.add(text[ev["trigger_start"]:ev["trigger_end"]])
    assert {"expelled", "condemned"} <= seen, seen


def test_store_from_before_trigger_offsets_gains_the_columns(upgraded_store) -> None:
    """An old claim_evidence table gets the nullable columns in place; its rows are kept with null offsets."""
    from sqlalchemy import inspect, text

    store = upgraded_store(
        'CREATE TABLE claim_evidence (id VARCHAR(40) PRIMARY KEY, doc_id VARCHAR(40) NOT NULL, '
        'subject_key VARCHAR(200) NOT NULL, predicate VARCHAR(32) NOT NULL, object_key VARCHAR(200), '
        'value TEXT, time VARCHAR(32), place_key VARCHAR(200), start INTEGER NOT NULL, '
        '"end" INTEGER NOT NULL, text TEXT NOT NULL, modality VARCHAR(16) NOT NULL, '
        "status VARCHAR(16) NOT NULL DEFAULT 'occurred', attributed_key VARCHAR(200), "
        'quote_occurrence VARCHAR(40), trigger TEXT, extractor VARCHAR(64) NOT NULL)',
        "INSERT INTO claim_evidence VALUES ('ce1', 'd1', 'GPE:chile', 'expel', NULL, NULL, NULL, NULL, "
        "0, 14, 'Chile expelled', 'asserted', 'occurred', NULL, NULL, 'expelled', 'claimgraph 0.0')")
    assert {"trigger_start", "trigger_end"} <= {c["name"] for c in inspect(store.engine).get_columns("claim_evidence")}
    with store.connect() as c:
        assert c.execute(text("SELECT trigger, trigger_start, trigger_end FROM claim_evidence")).fetchall() == [
            ("expelled", None, None)]
