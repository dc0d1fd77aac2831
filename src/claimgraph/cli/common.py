"""What every CLI command shares: the --db/--json options, the store, JSON output and the one-line
error that replaces a traceback."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer
from rich.console import Console

from ..errors import ClaimgraphError
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
    err.print(f"[red]error[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(code)
