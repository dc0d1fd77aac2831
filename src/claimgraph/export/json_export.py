"""JSON export: one object, schema claimgraph/export/v1 (see DESIGN.md)."""

from __future__ import annotations

import json
from pathlib import Path

from ..query import export_data
from ..store import Store


def write_json(store: Store, path: str) -> dict:
    data = export_data(store)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if path == "-":
        print(text)
    else:
        Path(path).write_text(text, encoding="utf-8")
    return {k: len(v) for k, v in data.items() if isinstance(v, list)}
