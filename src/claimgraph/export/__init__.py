"""export: the store in formats other tools read. JSON is the DESIGN.md contract; the others are
derived from the same structure (query.export_data), so every format says the same thing.

Each writer is `write_x(store, path) -> {what: count}`; `path` is a file (`-` for standard output)
except for csv, which writes a folder of one file per table. followthemoney and networkx load
only when their format is asked for."""

from __future__ import annotations

from ..store import Store
from .csv_export import write_csv
from .json_export import write_json


def write_ftm(store: Store, path: str) -> dict:
    from .ftm import write_ftm as write

    return write(store, path)


def write_graphml(store: Store, path: str) -> dict:
    from .graph import write_graphml as write

    return write(store, path)


def write_gexf(store: Store, path: str) -> dict:
    from .graph import write_gexf as write

    return write(store, path)


FORMATS = {"json": write_json, "ftm": write_ftm, "graphml": write_graphml, "gexf": write_gexf, "csv": write_csv}

__all__ = ["FORMATS", "write_csv", "write_ftm", "write_gexf", "write_graphml", "write_json"]
