"""Manual corrections. A merge or split is stored as a decision over names (not ids, which follow
the canonical name) and replayed by every rebuild, so corrections survive re-runs and re-ingests;
deleting the decision undoes it."""

from __future__ import annotations

import time

from sqlalchemy import delete, insert, select

from ..errors import InputError, NotFound
from ..names import fold
from ..store import Store
from ..store import schema as t


def entity_names(store: Store, ref: str) -> tuple[str, set[str]]:
    """(canonical name, every alias) of the entity given by id or by any of its names."""
    with store.connect() as c:
        row = c.execute(select(t.entities).where(t.entities.c.id == ref)).first()
        if row is None:
            key = fold(ref)
            ids = {r.entity_id for r in c.execute(
                select(t.entity_members.c.entity_id, t.mentions.c.text)
                .join(t.mentions, (t.mentions.c.doc_id == t.entity_members.c.doc_id) & (t.mentions.c.key == t.entity_members.c.key)))
                if fold(r.text) == key}
            ids |= {r.id for r in c.execute(select(t.entities.c.id, t.entities.c.name)) if fold(r.name) == key}
            if not ids:
                raise NotFound(f"no entity named or with id {ref!r}")
            if len(ids) > 1:
                raise InputError(f"{ref!r} names {len(ids)} entities; use an entity id (claimgraph export lists them)")
            row = c.execute(select(t.entities).where(t.entities.c.id == ids.pop())).first()
        aliases = {r.text for r in c.execute(
            select(t.mentions.c.text).join(t.entity_members, (t.mentions.c.doc_id == t.entity_members.c.doc_id)
                                           & (t.mentions.c.key == t.entity_members.c.key))
            .where(t.entity_members.c.entity_id == row.id))}
    return row.name, aliases | {row.name}


def add_decision(store: Store, kind: str, a: str, b: str) -> dict:
    """Record `merge A B` or `split ENTITY ALIAS`, then rebuild the derived tables."""
    from . import resolve_store

    if kind == "merge":
        name_a, _ = entity_names(store, a)
        name_b, _ = entity_names(store, b)
        values = (name_a, name_b)
    elif kind == "split":
        name, aliases = entity_names(store, a)
        if fold(b) not in {fold(x) for x in aliases}:
            raise InputError(f"{b!r} is not an alias of {name!r} (aliases: {', '.join(sorted(aliases))})")
        values = (name, b)
    else:
        raise InputError(f"unknown decision {kind!r}")
    with store.engine.begin() as c:
        c.execute(insert(t.decisions).values(kind=kind, a=values[0], b=values[1], at=time.time()))
    resolve_store(store)
    return {"kind": kind, "a": values[0], "b": values[1]}


def list_decisions(store: Store) -> list[dict]:
    with store.connect() as c:
        return [dict(r._mapping) for r in c.execute(select(t.decisions).order_by(t.decisions.c.id))]


def undo_decision(store: Store, decision_id: int) -> None:
    from . import resolve_store

    with store.engine.begin() as c:
        if c.execute(delete(t.decisions).where(t.decisions.c.id == decision_id)).rowcount == 0:
            raise NotFound(f"no decision {decision_id}")
    resolve_store(store)
