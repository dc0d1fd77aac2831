"""resolve: per-document clusters -> entities; occurrences -> quotes; evidence -> claims.
`resolve_store` rebuilds every derived table from the per-document tables in one transaction,
replaying manual merge/split decisions, so a re-run always equals a from-scratch run. `update_store`
is the same stage after new documents, recomputing only what they touch (quotestage, claimstage), and
leaves the same rows."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection

from ..corroborate import update_copies
from ..names import country_code, demonym_country, fold
from ..store import Store
from ..store import schema as t
from ..timings import timed
from .claimstage import UNKNOWN_OUTLET, rebuild_claims, update_claims
from .entities import Cluster, canonical_name, entity_type, resolve
from .keyed import chunks
from .quotestage import rebuild_quotes, update_quotes

__all__ = ["EntityDelta", "UNKNOWN_OUTLET", "resolve_store", "update_store"]


@dataclass
class EntityDelta:
    """What the entity stage changed: the downstream stages regroup only what these touch."""
    changed: dict[tuple[str, str], str]  # (doc_id, key) -> entity id, for every cluster new or whose entity changed
    renamed: set[str]  # entity ids that appeared, vanished, or whose name or type changed


def resolve_store(store: Store) -> dict[str, int]:
    """The from-scratch path (`claimgraph rebuild`, manual decisions, a stale or upgraded store)."""
    with store.begin() as c:
        return _resolve_all(store, c)


def update_store(store: Store, doc_ids: list[str]) -> dict[str, int]:
    """The cross-document stage after `doc_ids` were added to a store whose derived tables were current
    before: the same rows as `resolve_store`, computed from what the new documents touch. A store that
    was not current (another writer's documents unresolved, or these already seen) is rebuilt instead,
    and so is one that was empty (a first ingest: a rebuild reads each row once, cheaper than by key)."""
    with store.begin() as c:
        if not doc_ids:
            return {"entities": 0, "claims": 0, "copies": 0}
        if not _current_but(c, doc_ids):
            return _resolve_all(store, c)
        with timed("graph entities"):  # CLAIMGRAPH_TIMINGS sub-stages of "graph"
            delta = _entity_delta(c, doc_ids)
        with timed("graph downstream"):
            update_copies(c, sorted(doc_ids), lambda d: c.execute(select(t.documents.c.text).where(t.documents.c.id == d)).scalar())
            q = update_quotes(c, doc_ids, delta)
            n = update_claims(c, doc_ids, delta)
        store.mark_rebuilt(c)
        return {"entities": len(delta.renamed), "quotes": q, "claims": n}


def _current_but(c: Connection, doc_ids: list[str]) -> bool:
    """The derived tables covered every stored document but `doc_ids`, none of those, and at least one."""
    new = set(doc_ids)
    built = c.execute(select(t.meta.c.value).where(t.meta.c.key == "rebuilt_for_documents")).scalar()
    count = c.execute(select(func.count()).select_from(t.documents)).scalar_one()
    if built is None or int(built) == 0 or int(built) + len(new) != count:
        return False
    scanned = t.copy_scanned.c.doc_id
    return not any(c.execute(select(scanned).where(scanned.in_(chunk)).limit(1)).first() for chunk in chunks(new))


def _resolve_all(store: Store, c: Connection) -> dict[str, int]:
    store.clear_derived(c)
    members, names = _resolve_entities(c)
    unscanned = select(t.documents.c.id).where(t.documents.c.id.not_in(select(t.copy_scanned.c.doc_id)))
    update_copies(c, c.execute(unscanned).scalars().all(),
                  lambda doc_id: c.execute(select(t.documents.c.text).where(t.documents.c.id == doc_id)).scalar())
    rebuild_quotes(c, members, names)
    n_claims = rebuild_claims(c, members, names)
    store.mark_rebuilt(c)
    return {"entities": len(names), "claims": n_claims, "copies": c.execute(select(func.count()).select_from(t.copies)).scalar_one()}


def _entity_delta(c: Connection, doc_ids: list[str]) -> EntityDelta:
    """The entity stage after `doc_ids` were added: rewrites the entity tables and says what changed.
    (For now the whole entity resolution reruns and is diffed against the stored one.)"""
    old_members = {(r.doc_id, r.key): r.entity_id for r in c.execute(select(t.entity_members))}
    old_names = {r.id: (r.name, r.type) for r in c.execute(select(t.entities))}
    for table in ENTITY_TABLES:
        c.execute(delete(table))
    members, names = _resolve_entities(c)
    return EntityDelta(changed={k: e for k, e in members.items() if old_members.get(k) != e},
                       renamed={e for e in old_names.keys() | names.keys() if old_names.get(e) != names.get(e)})


ENTITY_TABLES = (t.entities, t.entity_members, t.entity_aliases, t.entity_stats, t.entity_links)


def _resolve_entities(c: Connection) -> tuple[dict[tuple[str, str], str], dict[str, tuple[str, str]]]:
    """Entity resolution over every stored cluster, written to the (empty) entity tables; returns
    (doc, key) -> entity id and entity id -> (name, type)."""
    clusters: dict[tuple[str, str], Cluster] = {}
    mentioned: Counter = Counter()  # (doc, key) -> mentions; doc_sources names are aliases, not mentions
    # rows in one order on every backend (sorted here, not by the database's collation): which spelling
    # names an entity must not depend on the order a backend happens to return rows in
    for r in sorted(c.execute(select(t.mentions.c.doc_id, t.mentions.c.start, t.mentions.c.key, t.mentions.c.label,
                                     t.mentions.c.text)), key=lambda r: (r.doc_id, r.start)):
        cl = clusters.setdefault((r.doc_id, r.key), Cluster(r.doc_id, r.key, r.label))
        cl.names[r.text] += 1
        mentioned[(r.doc_id, r.key)] += 1
    for r in sorted(c.execute(select(t.doc_sources)), key=lambda r: (r.doc_id, r.key)):
        cl = clusters.setdefault((r.doc_id, r.key), Cluster(r.doc_id, r.key, r.label))
        cl.names[r.name] += 1
    dec = [(r.kind, r.a, r.b) for r in c.execute(select(t.decisions).order_by(t.decisions.c.id))]
    members = resolve(list(clusters.values()), merges=[(a, b) for k, a, b in dec if k == "merge"],
                      splits=[(a, b) for k, a, b in dec if k == "split"])
    by_entity: dict[str, list[Cluster]] = defaultdict(list)
    for k, eid in members.items():
        by_entity[eid].append(clusters[k])
    ent_name = {eid: canonical_name(cls) for eid, cls in by_entity.items()}
    ent_type = {eid: entity_type(cls) for eid, cls in by_entity.items()}
    if members:
        c.execute(insert(t.entities), [{"id": eid, "name": ent_name[eid], "type": ent_type[eid]} for eid in by_entity])
        c.execute(insert(t.entity_members), [{"doc_id": d, "key": k, "entity_id": e} for (d, k), e in members.items()])
        _entity_aggregates(c, by_entity, mentioned)
        _demonym_links(c, ent_name, ent_type)
    return members, {eid: (ent_name[eid], ent_type[eid]) for eid in by_entity}


def _entity_aggregates(c, by_entity: dict[str, list[Cluster]], mentioned: Counter) -> None:
    """Aliases with counts, mentions and documents per entity, for the entity view."""
    aliases, stats = [], []
    for eid, cls in by_entity.items():
        names: Counter = Counter()
        for cl in cls:
            names.update(cl.names)
        aliases.extend({"entity_id": eid, "alias": a, "mentions": n} for a, n in names.items())
        stats.append({"entity_id": eid, "mentions": sum(mentioned[(cl.doc, cl.key)] for cl in cls),
                      "documents": len({cl.doc for cl in cls if mentioned[(cl.doc, cl.key)]})})
    c.execute(insert(t.entity_aliases), aliases)
    c.execute(insert(t.entity_stats), stats)


def _demonym_links(c, names: dict[str, str], types: dict[str, str]) -> None:
    """'Iranian' (a NORP entity) is the demonym_of 'Iran' when the corpus has that country as a place
    entity: by the country lexicon, or, for a place no lexicon knows, by the place's name plus a short
    suffix ('Marenthia' -> 'Marenthian'). The entity page shows the link; the most-mentioned lists
    leave demonyms out."""
    by_code: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for eid, name in sorted(names.items()):
        if types[eid] == "GPE":
            by_name.setdefault(fold(name), eid)
            code = country_code(name)
            if code:
                by_code.setdefault(code, eid)
    rows = []
    for eid, name in names.items():
        if types[eid] != "NORP":
            continue
        country = demonym_country(name)
        target = by_code.get(country_code(country)) if country else _place_of_demonym(fold(name), by_name)
        if target:
            rows.append({"entity_id": eid, "kind": "demonym_of", "target_id": target})
    if rows:
        c.execute(insert(t.entity_links), rows)


def _place_of_demonym(demonym: str, places: dict[str, str]) -> str | None:
    """The place whose name the demonym extends by at most three letters ('veldorian(s)' -> 'veldoria')."""
    for cut in range(1, 5):
        hit = places.get(demonym[:-cut])
        if hit and len(demonym) - cut >= 4:
            return hit
    return None
