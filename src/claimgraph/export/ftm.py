"""FollowTheMoney export: entities, articles and the relations our claims support, as JSON Lines
of `EntityProxy.to_dict()` built with the followthemoney library's own model, so that Aleph
(`ftm store write` / `alephclient write-entities`) and OpenSanctions tooling load it as is.

What becomes what:

- documents -> `Article` (a Document: title, author, publishedAt, sourceUrl, publisher, bodyText)
- entities  -> by spaCy label (`SCHEMA_OF_TYPE`): Person, Organization, Address for places,
  Event, LegalEntity for everything else (NORP, unnamed sources, ...)
- every (document, entity) pair with a mention -> `Documentation` linking the Article to the entity
- claims    -> the FtM relation that fits the predicate and the two entities' schemata
  (`RELATIONS`): Membership, Directorship, Family, Occupancy of a Position (a role held without an
  organisation), otherwise `UnknownLink` (role = predicate) between two entities, or an `Event`
  (involved = subject, object) when the claim has no second entity. Each carries its time
  (`date`), its evidence documents (`proof`) and its first evidence sentence (`summary`).

FtM has no notion of modality or corroboration; `description` on each relation says how many
documents and independent sources back the claim and whether any of them deny it, so a reader in
Aleph does not mistake an allegation for a fact. Ids are deterministic (sha1 of our ids)."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from followthemoney import model
from followthemoney.proxy import EntityProxy

from ..query import export_data
from ..store import Store

SCHEMA_OF_TYPE = {"PERSON": "Person", "ORG": "Organization", "GPE": "Address", "LOC": "Address",
                  "FAC": "Address", "EVENT": "Event"}
DEFAULT_SCHEMA = "LegalEntity"

# predicate -> (FtM schema, subject property, object property, role/relationship property)
RELATIONS = {
    "member_of": ("Membership", "member", "organization", "role"),
    "part_of": ("Membership", "member", "organization", "role"),
    "affiliated_with": ("Membership", "member", "organization", "role"),
    "holds_role": ("Membership", "member", "organization", "role"),
    "leads": ("Directorship", "director", "organization", "role"),
    "child_of": ("Family", "person", "relative", "relationship"),
    "relative_of": ("Family", "person", "relative", "relationship"),
}
ROLE_WORDS = {"child_of": "child", "relative_of": "relative", "leads": "leader", "part_of": "part of",
              "affiliated_with": "affiliated with", "member_of": "member"}


def make(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id("claimgraph", *key)
    return proxy


def build_entities(data: dict) -> list[EntityProxy]:
    """The export structure (query.export_data) as FtM entity proxies, articles first."""
    out: list[EntityProxy] = []
    articles: dict[str, EntityProxy] = {}
    for d in data["documents"]:
        a = make("Article", "document", d["id"])
        a.add("title", d["title"])
        a.add("author", d["authors"])
        a.add("publishedAt", d["published"])
        a.add("publisher", d["outlet"])
        web = d["source"].startswith(("http://", "https://"))
        a.add("sourceUrl", d["url"] or (d["source"] if web else None))
        a.add("fileName", None if web else d["source"])
        a.add("bodyText", d["text"])
        articles[d["id"]] = a
        out.append(a)

    ents: dict[str, EntityProxy] = {}
    for e in data["entities"]:
        schema = SCHEMA_OF_TYPE.get(e["type"], DEFAULT_SCHEMA)
        p = make(schema, "entity", e["id"])
        names = [n for n in e["aliases"] if n != e["name"]]
        if schema == "Address":
            p.add("full", e["name"])
            # exact names only: fuzzy matching turns invented or unknown places into real countries
            p.add("country", e["name"])
        else:
            p.add("name", e["name"])
            p.add("alias", names)
        p.add("description", e["descriptions"])
        p.add("notes", f"claimgraph entity {e['id']} ({e['type']})")
        ents[e["id"]] = p
        out.append(p)
        for doc in sorted({m["doc"] for m in e["mentions"]}):
            if doc in articles:
                link = make("Documentation", "documentation", doc, e["id"])
                link.add("document", articles[doc].id)
                link.add("entity", p.id)
                link.add("role", "mentioned")
                out.append(link)

    names = {e["id"]: e["name"] for e in data["entities"]}
    seen: set[str] = set()
    for c in data["claims"]:
        made = _relation(c, ents, names)
        if not made:
            continue
        *extra, rel = made
        for x in extra:  # shared by several claims (a Position): written once
            if x.id not in seen:
                seen.add(x.id)
                out.append(x)
        rel.add("date", c["time"])
        rel.add("proof", sorted({articles[ev["doc"]].id for ev in c["evidence"] if ev["doc"] in articles}))
        rel.add("summary", c["evidence"][0]["text"] if c["evidence"] else None)
        rel.add("description", _support_note(c))
        rel.add("recordId", c["id"])
        out.append(rel)
    return out


def _relation(c: dict, ents: dict[str, EntityProxy], names: dict[str, str]) -> list[EntityProxy]:
    """The FtM entities for one claim: the relation last, preceded by any node it needs."""
    subj, obj = ents.get(c["subject"]), ents.get(c["object"]) if c["object"] else None
    if subj is None:
        return []
    pred = c["predicate"]
    if pred in RELATIONS and obj is not None:
        schema, sp, op, rp = RELATIONS[pred]
        s = model.get(schema)
        if subj.schema.is_a(s.properties[sp].range) and obj.schema.is_a(s.properties[op].range):
            rel = make(schema, "claim", c["id"])
            rel.add(sp, subj.id)
            rel.add(op, obj.id)
            rel.add(rp, c["value"] or ROLE_WORDS.get(pred, pred))
            return [rel]
    if pred == "holds_role" and c["value"] and subj.schema.is_a("Person"):
        # a role without an organisation (or in a country): OpenSanctions' Position + Occupancy
        post = make("Position", "position", c["value"].casefold(), c["object"] or "")
        post.add("name", c["value"] + (f" ({names[c['object']]})" if c["object"] in names else ""))
        if obj is not None:
            post.add("country", obj.get("country"))
        occ = make("Occupancy", "claim", c["id"])
        occ.add("holder", subj.id)
        occ.add("post", post.id)
        return [post, occ]
    if obj is not None:
        rel = make("UnknownLink", "claim", c["id"])
        rel.add("subject", subj.id)
        rel.add("object", obj.id)
        rel.add("role", " ".join(x for x in (_status_word(c), pred) if x) + (f": {c['value']}" if c["value"] else ""))
        return [rel]
    ev = make("Event", "claim", c["id"])
    ev.add("name", " ".join(x for x in (names.get(c["subject"]), _status_word(c), pred, c["value"]) if x))
    if subj.schema.is_a("LegalEntity"):
        ev.add("involved", subj.id)
    if c["place"] in ents:
        ev.add("location", ents[c["place"]].first("full") or ents[c["place"]].first("name"))
    return [ev]


def _status_word(c: dict) -> str:
    """'attempted', 'planned', ... for an event that did not happen as such; nothing for one that did."""
    return "" if c.get("status", "occurred") == "occurred" else c["status"]


def _support_note(c: dict) -> str:
    s = c["support"]
    mods = sorted({ev["modality"] for ev in c["evidence"]})
    status = "" if c.get("status", "occurred") == "occurred" else f" ({c['status']}: the event did not happen as such)"
    return (f"claimgraph claim {c['predicate']}{status}: reported by {s['documents']} document(s), "
            f"{s['independent']} independent; modality {', '.join(mods)}; denials {s['denials']}")


def write_ftm(store: Store, path: str) -> dict:
    """Write one FtM entity per line (JSON Lines); `-` writes to standard output."""
    proxies = build_entities(export_data(store))
    lines = "".join(json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True) + "\n" for p in proxies)
    if path == "-":
        sys.stdout.write(lines)
    else:
        Path(path).write_text(lines, encoding="utf-8")
    counts: dict[str, int] = defaultdict(int)
    for p in proxies:
        counts[p.schema.name] += 1
    return dict(sorted(counts.items()))
