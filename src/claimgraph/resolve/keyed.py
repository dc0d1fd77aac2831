"""Reads by indexed key for the incremental stage: every row it touches is found through an index,
never by scanning a table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator

from sqlalchemy import Select, and_, select
from sqlalchemy.engine import Connection, Row

from ..store import chunks  # also imported from here by the stages, which read and write by key
from ..store import schema as t


def keyed(column, values: Collection) -> Iterator:
    """Conditions selecting the rows whose `column` is one of `values`, in chunks of IN lists. `column`
    may be a tuple of columns, `values` then tuples: one condition per value of the leading columns
    with an IN list for the last, so an index serves it (SQLite answers a row-value IN list by
    scanning the table)."""
    if not isinstance(column, tuple):
        for chunk in chunks(values):
            yield column.in_(chunk)
        return
    groups: dict[tuple, list] = defaultdict(list)
    for v in values:
        groups[tuple(v[:-1])].append(v[-1])
    for lead, lasts in sorted(groups.items(), key=str):
        same = and_(*(col == v for col, v in zip(column[:-1], lead)))
        for chunk in chunks(lasts):
            yield same & column[-1].in_(chunk)


def rows_in(c: Connection, query: Select, column, values: Collection) -> Iterator[Row]:
    """`query` restricted to rows whose `column` (or tuple of columns) is one of `values`."""
    for cond in keyed(column, values):
        yield from c.execute(query.where(cond)).all()  # fetched at once: row by row costs a call per row


def entity_of(c: Connection, docs: Collection[str]) -> dict[tuple[str, str], str]:
    """(doc, key) -> entity id for every cluster of `docs`."""
    return {(r.doc_id, r.key): r.entity_id for r in rows_in(c, select(t.entity_members), t.entity_members.c.doc_id, docs)}


def entity_names(c: Connection, ids: Collection[str]) -> dict[str, tuple[str, str]]:
    """entity id -> (name, type)."""
    return {r.id: (r.name, r.type) for r in rows_in(c, select(t.entities), t.entities.c.id, ids)}
