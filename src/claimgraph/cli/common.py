"""What every CLI command shares: the --db/--json options, the store, JSON output and the one-line
error that replaces a traceback."""

from __future__ import annotations

import json
import re
import sys
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from ..errors import ClaimgraphError, InputError
from ..settings import get_settings

out = Console()
err = Console(stderr=True)

DbOption = Annotated[Optional[str], typer.Option("--db", help="Store: SQLite file path or SQLAlchemy URL "
                                                 "(sqlite:///x.db, postgresql://...). Default: $CLAIMGRAPH_DB or ./claimgraph.db.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def open_store(db: str | None):
    from ..run import open_store

    return open_store(db or get_settings().db_url)


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def fail(exc: ClaimgraphError, code: int = 1) -> None:
    err.print(f"[red]error[/red] {safe(exc)}", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def safe(value: object) -> str:
    """User text (article text, names, titles) as rich markup that prints literally: a '[national]'
    in a snippet is text, not a style tag to swallow."""
    return escape("" if value is None else str(value))


def add_row(table: Table, *cells: object) -> None:
    """A table row of user text, each cell escaped (rich parses plain strings in cells as markup)."""
    table.add_row(*(safe(c) for c in cells))


def clip(text: str | None, width: int) -> str:
    """Cut `text` to at most `width` characters on a word boundary, ending in '…' when cut: a reader
    never sees 'diplomats expel' for 'expelled'. A single word longer than half the width is cut inside."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if text[width - 1].isalnum() and cut[-1:].isalnum():
        space = cut.rfind(" ")
        if space > width // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


# a type letter and hex (d… documents, e… entities, c… claims); where a name may stand instead, the hex
# must hold a digit, so a word like 'ebb' or 'dad' stays a name
_ID_PREFIX = re.compile(r"[a-z][0-9a-f]{1,16}")
_ID_NOT_NAME = re.compile(r"[a-z](?=[0-9a-f]*\d)[0-9a-f]{1,16}")


def full_id(store, table, ref: str | None, noun: str, *, or_name: bool = False) -> str | None:
    """The whole id for a unique id prefix as tables print it (`claims --id c0d70b832a`); a name (when
    `or_name`) or an unknown id passes through unchanged for the library to resolve or refuse; an
    ambiguous prefix is an error that says so."""
    if not ref or not (_ID_NOT_NAME if or_name else _ID_PREFIX).fullmatch(ref):
        return ref
    from sqlalchemy import select

    with store.connect() as c:
        ids = [r[0] for r in c.execute(select(table.c.id).where(table.c.id.like(f"{ref}%")).order_by(table.c.id).limit(4))]
    if len(ids) > 1:
        shown = ", ".join(ids[:3]) + (", …" if len(ids) > 3 else "")
        raise InputError(f"id prefix {ref!r} matches more than one {noun} ({shown}); give more characters")
    return ids[0] if ids else ref


def entity_ref(store, ref: str | None) -> str | None:
    """An entity given by name passes through; an id prefix becomes the whole id (see full_id)."""
    from ..store import schema

    return full_id(store, schema.entities, ref, "entity", or_name=True)


def id_column(header: str, width: int = 10) -> Column:
    """A column of id prefixes, never wrapped or cut, so what a reader copies is a working prefix."""
    return Column(header, no_wrap=True, min_width=width)
