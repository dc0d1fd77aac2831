"""FollowTheMoney export: every line loads back through followthemoney's model, links point at
entities in the file, and the claims become the relations FtM knows."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from followthemoney import model

from claimgraph.export import write_ftm


@pytest.fixture(scope="module")
def ftm_lines(example_store, tmp_path_factory) -> tuple[list[dict], dict]:
    out = tmp_path_factory.mktemp("ftm") / "export.ftm.json"
    counts = write_ftm(example_store, str(out))
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()], counts


@pytest.fixture(scope="module")
def proxies(ftm_lines) -> list:
    # cleaned=False re-validates every value the way a loader of untrusted input does
    return [model.get_proxy(line, cleaned=False) for line in ftm_lines[0]]


def test_every_line_is_a_valid_entity(ftm_lines, proxies) -> None:
    lines, counts = ftm_lines
    assert lines and len(proxies) == len(lines)
    for line, p in zip(lines, proxies):
        assert p.id == line["id"] and p.schema.name == line["schema"]
        assert not p.schema.abstract
        for prop in p.schema.required:
            assert p.get(prop), f"{p.schema.name} {p.id} lacks required {prop}"
        # nothing was dropped when re-validating: the file holds clean values only
        assert p.to_dict()["properties"] == line["properties"], p.schema.name
    assert counts == dict(sorted(Counter(p.schema.name for p in proxies).items()))


def test_ids_unique_and_deterministic(example_store, proxies, tmp_path) -> None:
    ids = [p.id for p in proxies]
    assert len(ids) == len(set(ids))
    again = tmp_path / "again.json"
    write_ftm(example_store, str(again))
    assert [json.loads(x)["id"] for x in again.read_text("utf-8").splitlines()] == ids


def test_entity_references_resolve(proxies) -> None:
    """Every entity-typed property (Documentation.document/entity, Membership.member, ...) points
    at an entity in the same file, and the target has the schema the property's range asks for."""
    by_id = {p.id: p for p in proxies}
    refs = 0
    for p in proxies:
        for prop, value in p.itervalues():
            if prop.type.name == "entity":
                refs += 1
                assert value in by_id, f"{p.schema.name}.{prop.name} -> missing {value}"
                assert by_id[value].schema.is_a(prop.range), f"{p.schema.name}.{prop.name} -> {by_id[value].schema}"
    assert refs


def test_documents_entities_and_documentation(example_data, proxies) -> None:
    kinds = Counter(p.schema.name for p in proxies)
    assert kinds["Article"] == len(example_data["documents"])
    assert kinds["Person"] == sum(e["type"] == "PERSON" for e in example_data["entities"]) > 0
    assert kinds["Organization"] == sum(e["type"] == "ORG" for e in example_data["entities"]) > 0
    pairs = {(m["doc"], e["id"]) for e in example_data["entities"] for m in e["mentions"]}
    assert kinds["Documentation"] == len(pairs)
    names = {p.first("name", quiet=True) or p.first("full", quiet=True) for p in proxies if p.schema.is_a("Thing")}
    assert {e["name"] for e in example_data["entities"]} <= names


def test_articles_carry_metadata(example_data, proxies) -> None:
    articles = {p.first("title"): p for p in proxies if p.schema.name == "Article"}
    for d in example_data["documents"]:
        if not d["title"]:
            continue
        a = articles[d["title"]]
        assert a.first("bodyText") == d["text"]
        assert sorted(a.get("author")) == sorted(d["authors"])
        if d["published"] and d["published"][:4].isdigit():
            assert a.first("publishedAt") == d["published"]


def test_every_claim_becomes_one_relation(example_data, proxies) -> None:
    """One FtM entity per claim (recordId = claim id), with its evidence documents as proof."""
    by_id = {p.id: p for p in proxies}
    rel = {p.first("recordId"): p for p in proxies if p.first("recordId", quiet=True)}
    assert set(rel) == {c["id"] for c in example_data["claims"]}
    for c in example_data["claims"]:
        p = rel[c["id"]]
        proofs = {by_id[x].first("bodyText") for x in p.get("proof")}
        docs = {d["id"]: d["text"] for d in example_data["documents"]}
        assert proofs == {docs[ev["doc"]] for ev in c["evidence"]}
        assert p.first("summary") == c["evidence"][0]["text"]
        assert f"{c['support']['independent']} independent" in p.first("description")
        if c["object"]:
            assert p.schema.edge or p.schema.name == "Occupancy", (c["predicate"], p.schema.name)
        else:
            assert p.schema.name in ("Event", "Occupancy"), (c["predicate"], p.schema.name)


# (claim fields, subject type, object type) -> FtM schema the relation must take
RELATION_TABLE = [
    ({"predicate": "member_of", "value": None}, "PERSON", "ORG", "Membership"),
    ({"predicate": "holds_role", "value": "legal adviser"}, "PERSON", "ORG", "Membership"),
    ({"predicate": "leads", "value": None}, "PERSON", "ORG", "Directorship"),
    ({"predicate": "child_of", "value": None}, "PERSON", "PERSON", "Family"),
    ({"predicate": "relative_of", "value": None}, "PERSON", "PERSON", "Family"),
    ({"predicate": "holds_role", "value": "ambassador"}, "PERSON", "GPE", "Occupancy"),
    ({"predicate": "holds_role", "value": "spokesman"}, "PERSON", None, "Occupancy"),
    ({"predicate": "member_of", "value": None}, "PERSON", "GPE", "UnknownLink"),
    ({"predicate": "expel", "value": None}, "GPE", "PERSON", "UnknownLink"),
    ({"predicate": "expel", "value": "two diplomats"}, "GPE", None, "Event"),
]


@pytest.mark.parametrize("fields,stype,otype,schema", RELATION_TABLE)
def test_relation_mapping(fields, stype, otype, schema) -> None:
    from claimgraph.export.ftm import build_entities

    doc = {"id": "d1", "source": "a.txt", "url": None, "title": "T", "authors": [], "published": "2024-03-15",
           "outlet": None, "wire": None, "dateline": None, "text": "T. Some sentence."}
    ents = [{"id": "s", "name": "Subject", "type": stype, "aliases": ["Subject"], "descriptions": [],
             "mentions": [{"doc": "d1", "start": 0, "end": 1}]}]
    if otype:
        ents.append({"id": "o", "name": "Object", "type": otype, "aliases": ["Object"], "descriptions": [],
                     "mentions": [{"doc": "d1", "start": 3, "end": 7}]})
    claim = {"id": "c1", "subject": "s", "object": "o" if otype else None, "time": "2024-03", "place": None,
             "evidence": [{"doc": "d1", "start": 3, "end": 17, "text": "Some sentence.", "modality": "hedged",
                           "attributed_to": None, "extractor": "claimgraph test"}],
             "support": {"documents": 1, "independent": 1, "denials": 0, "conflicts": []}} | fields
    data = {"schema": "claimgraph/export/v1", "documents": [doc], "entities": ents, "quotes": [],
            "claims": [claim], "copies": []}
    out = build_entities(data)
    rel = next(p for p in out if p.first("recordId", quiet=True) == "c1")
    assert rel.schema.name == schema
    assert rel.first("date") == "2024-03"
    assert "hedged" in rel.first("description")
    if fields["value"] and schema in ("Membership", "Directorship"):
        assert rel.first("role") == fields["value"]
    if schema == "Occupancy":
        post = next(p for p in out if p.id == rel.first("post"))
        assert post.schema.name == "Position" and post.first("name").startswith(fields["value"])


# place name -> the FtM country code its Address gets (none unless FtM knows the name exactly)
PLACES = [("Albania", ["al"]), ("Iran", ["ir"]), ("Marenthia", []), ("Soltaneh", []), ("Port Casmir", [])]


@pytest.mark.parametrize("name,country", PLACES)
def test_places_get_a_country_only_when_known(name, country) -> None:
    from claimgraph.export.ftm import build_entities

    data = {"schema": "claimgraph/export/v1", "documents": [], "quotes": [], "claims": [], "copies": [],
            "entities": [{"id": "p", "name": name, "type": "GPE", "aliases": [name], "descriptions": [],
                          "mentions": []}]}
    (place,) = build_entities(data)
    assert place.schema.name == "Address" and place.first("full") == name
    assert place.get("country") == country
