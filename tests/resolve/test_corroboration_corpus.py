"""Corroboration on a small invented corpus with a known copy (issue 4, item 4), real spaCy pipeline.

Trennholm Times reports the expulsion; Coastal Courier reprints it verbatim except for one spelling
(organisation -> organization) and its last sentence; Northern Ledger reports it in its own words;
a second Northern Ledger article (same outlet, own words) is added in one test. Veldoria, Marenthia
and every outlet are fictional."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimgraph.names import fold
from claimgraph.query.read import export_data
from claimgraph.run import ingest
from claimgraph.store import Store

HEAD = "Veldoria expels two Marenthian diplomats\n\n"
SHARED = ("Veldoria expelled two Marenthian diplomats on Thursday after police said they had foiled a plot against "
          "exiled opposition leaders. The foreign ministry said the two men had been declared persona non grata and "
          "given three days to leave the country. Veldorian police said the diplomats had photographed the homes of "
          "opposition leaders and passed the pictures to an intelligence {org} in Soltaneh. ")
ORIGINAL = HEAD + SHARED.format(org="organisation") + "Marenthia denied plotting any attack and called the expulsions a provocation."
REPRINT = HEAD + SHARED.format(org="organization") + "Exiles from Marenthia welcomed the decision and asked for stronger protection at their camp."
INDEPENDENT = ("Diplomats ordered out of Veldoria\n\n"
               "In a sharp escalation, the government in Trennholm announced that Veldoria expelled two Marenthian "
               "diplomats on Thursday. Veldorian officials accused the pair of spying on exiles who live in a camp near "
               "the coast. Veldorian police said Marenthia had plotted an attack on the Free Marenthia Movement. "
               "Marenthia denied plotting any attack.")
SAME_OUTLET = ("Exiles react to expulsions\n\n"
               "Exiled activists cheered on Friday after Veldoria expelled two Marenthian diplomats on Thursday. "
               "Several Veldorian activists told reporters that agents from Marenthia had long watched their camp.")

ARTICLES = {"original": (ORIGINAL, "Trennholm Times"), "reprint": (REPRINT, "Coastal Courier"),
            "independent": (INDEPENDENT, "Northern Ledger"), "same_outlet": (SAME_OUTLET, "Northern Ledger")}


def write(folder: Path, name: str) -> str:
    text, outlet = ARTICLES[name]
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"title": text.split("\n")[0], "published": "2024-03-14", "outlet": outlet, "text": text}),
                    encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def corpus_db(pipeline, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name in ARTICLES:
        write(folder, name)
    store = Store(f"sqlite:///{folder / 'store.db'}")
    report = ingest([str(folder / f"{n}.json") for n in ("original", "reprint", "independent")], store,
                    extractor=pipeline.extract_stream)
    store.dispose()
    assert report.ok and len(report.ingested) == 3
    return folder / "store.db"


@pytest.fixture(scope="module")
def data(corpus_db) -> dict:
    store = Store(f"sqlite:///{corpus_db}")
    try:
        return export_data(store)
    finally:
        store.dispose()


def doc_id(data: dict, name: str) -> str:
    text = ARTICLES[name][0]
    (d,) = [d["id"] for d in data["documents"] if d["text"] == text]
    return d


def entity_id(data: dict, name: str, type_: str) -> str:
    (e,) = [e["id"] for e in data["entities"] if e["name"] == name and e["type"] == type_]
    return e


def the_claim(data: dict, subject: str, predicate: str, obj: str | None, **kw) -> dict:
    found = [c for c in data["claims"] if c["subject"] == subject and c["predicate"] == predicate and c["object"] == obj
             and all(c[k] == v for k, v in kw.items())]
    assert len(found) == 1, found
    return found[0]


def test_documents_keep_their_outlets(data):
    outlets = {d["id"]: d["outlet"] for d in data["documents"]}
    assert outlets == {doc_id(data, n): ARTICLES[n][1] for n in ("original", "reprint", "independent")}
    assert all(d["wire"] is None for d in data["documents"])


def test_copy_links_reprint_to_original_with_exact_offsets(data):
    texts = {d["id"]: d["text"] for d in data["documents"]}
    orig, rep = doc_id(data, "original"), doc_id(data, "reprint")
    assert len(data["copies"]) == 1
    (cp,) = data["copies"]
    assert {cp["doc_a"], cp["doc_b"]} == {orig, rep}
    side = {cp["doc_a"]: (cp["start_a"], cp["end_a"]), cp["doc_b"]: (cp["start_b"], cp["end_b"])}
    a = texts[orig][slice(*side[orig])]
    b = texts[rep][slice(*side[rep])]
    shared = SHARED.strip()
    assert a == shared.format(org="organisation")
    assert b == shared.format(org="organization")
    assert a != b and fold(a) == fold(b)  # the same passage modulo spelling
    # the changed last sentences are not part of the copy
    assert "denied" not in a and "welcomed" not in b


def test_shared_claim_counts_the_reprint_once(data):
    veldoria = entity_id(data, "Veldoria", "GPE")
    marenthia = entity_id(data, "Marenthia", "GPE")
    claim = the_claim(data, veldoria, "expel", marenthia)
    assert claim["time"] == "2024-03-14"
    assert {e["doc"] for e in claim["evidence"]} == {doc_id(data, n) for n in ("original", "reprint", "independent")}
    assert claim["support"]["documents"] == 3
    assert claim["support"]["independent"] == 2
    assert claim["support"]["denials"] == 0


def test_denial_is_evidence_of_the_denied_claim(data):
    """'Marenthia denied plotting any attack' (two outlets): a plot claim whose evidence is all 'denied',
    attributed to Marenthia, backed by no independent source."""
    marenthia = entity_id(data, "Marenthia", "GPE")
    claim = the_claim(data, marenthia, "plot", None, value="any attack")
    assert {e["modality"] for e in claim["evidence"]} == {"denied"}
    assert {e["attributed_to"] for e in claim["evidence"]} == {marenthia}
    assert {e["doc"] for e in claim["evidence"]} == {doc_id(data, "original"), doc_id(data, "independent")}
    assert claim["support"] == {"documents": 2, "independent": 0, "denials": 2, "conflicts": []}


def test_generic_denial_counts_against_the_specific_plot_claim(data):
    """The object-less denial also counts as a denial of 'Marenthia plotted an attack on the FMM'
    (resolve._generic_denials): one denying document per outlet that carries the denial."""
    marenthia = entity_id(data, "Marenthia", "GPE")
    fmm = entity_id(data, "Free Marenthia Movement", "ORG")
    claim = the_claim(data, marenthia, "plot", fmm)
    assert [e["modality"] for e in claim["evidence"]] == ["asserted"]
    assert claim["support"] == {"documents": 1, "independent": 1, "denials": 2, "conflicts": []}


def test_same_outlet_article_counts_once(corpus_db, pipeline, tmp_path):
    db = tmp_path / "store.db"
    for p in corpus_db.parent.glob(corpus_db.name + "*"):
        shutil.copy(p, tmp_path / p.name)
    store = Store(f"sqlite:///{db}")
    try:
        report = ingest([write(tmp_path, "same_outlet")], store, extractor=pipeline.extract_stream)
        assert len(report.ingested) == 1
        data = export_data(store)
    finally:
        store.dispose()
    new = report.ingested[0]
    assert len(data["copies"]) == 1 and new not in {data["copies"][0]["doc_a"], data["copies"][0]["doc_b"]}
    claim = the_claim(data, entity_id(data, "Veldoria", "GPE"), "expel", entity_id(data, "Marenthia", "GPE"))
    assert new in {e["doc"] for e in claim["evidence"]}
    assert claim["support"]["documents"] == 4
    assert claim["support"]["independent"] == 2


def test_copy_found_when_the_reprint_arrives_later(pipeline, tmp_path):
    """Copies are found incrementally: the original first, the reprint in a later ingest, gives the same
    export (copies and support included) as ingesting everything at once."""
    for name in ARTICLES:
        write(tmp_path, name)
    path = {n: str(tmp_path / f"{n}.json") for n in ARTICLES}
    late = Store(f"sqlite:///{tmp_path / 'late.db'}")
    once = Store(f"sqlite:///{tmp_path / 'once.db'}")
    try:
        ingest([path["original"], path["independent"]], late, extractor=pipeline.extract_stream)
        assert export_data(late)["copies"] == []
        ingest([path["reprint"], path["same_outlet"]], late, extractor=pipeline.extract_stream)
        ingest([path[n] for n in ARTICLES], once, extractor=pipeline.extract_stream)
        a, b = export_data(late), export_data(once)
    finally:
        late.dispose()
        once.dispose()
    assert len(a["copies"]) == 1
    for key in ("entities", "quotes", "claims", "copies"):
        assert sorted(map(json.dumps, a[key])) == sorted(map(json.dumps, b[key])), key
    claim = the_claim(a, entity_id(a, "Veldoria", "GPE"), "expel", entity_id(a, "Marenthia", "GPE"))
    assert (claim["support"]["documents"], claim["support"]["independent"]) == (4, 2)
