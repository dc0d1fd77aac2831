"""CSV export: one file per table in a folder, for spreadsheets.

Nested lists of the JSON contract become their own tables (mentions, quote occurrences, evidence)
keyed by the parent id, so every row is flat; short lists (aliases, authors) are joined with "; ".
Files are UTF-8 with a byte-order mark, which Excel needs to read non-ASCII names correctly."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from ..errors import ExportError
from ..query import export_data
from ..store import Store

SEP = "; "

# file name -> columns, in the order they are written
TABLES: dict[str, tuple[str, ...]] = {
    "documents": ("id", "source", "url", "title", "authors", "published", "outlet", "wire", "dateline", "text"),
    "entities": ("id", "name", "type", "aliases", "descriptions", "mentions"),
    "mentions": ("entity", "doc", "start", "end", "text"),
    "quotes": ("id", "kind", "speaker", "speaker_name", "speaker_text", "text", "said_on", "occurrences", "claims"),
    "quote_occurrences": ("quote", "doc", "start", "end", "kind", "cue", "cue_start", "cue_end", "speaker_start",
                          "speaker_end", "said_on"),
    "claims": ("id", "subject", "subject_name", "predicate", "status", "object", "object_name", "value", "time", "place",
               "place_name", "documents", "independent", "denials", "conflicts"),
    "evidence": ("claim", "doc", "start", "end", "text", "modality", "status", "attributed_to", "extractor"),
    "copies": ("doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b"),
}


def rows(data: dict) -> dict[str, list[dict]]:
    """The export structure (query.export_data) as flat rows per table."""
    names = {e["id"]: e["name"] for e in data["entities"]}
    texts = {d["id"]: d["text"] for d in data["documents"]}
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    for d in data["documents"]:
        out["documents"].append(d | {"authors": SEP.join(d["authors"])})
    for e in data["entities"]:
        out["entities"].append({"id": e["id"], "name": e["name"], "type": e["type"], "aliases": SEP.join(e["aliases"]),
                                "descriptions": SEP.join(e["descriptions"]), "mentions": len(e["mentions"])})
        out["mentions"].extend({"entity": e["id"], **m, "text": texts.get(m["doc"], "")[m["start"]:m["end"]]}
                               for m in e["mentions"])
    for q in data["quotes"]:
        out["quotes"].append({"id": q["id"], "kind": q["kind"], "speaker": q["speaker"], "speaker_name": names.get(q["speaker"]),
                              "speaker_text": q["speaker_text"], "text": q["text"], "said_on": q["said_on"],
                              "occurrences": len(q["occurrences"]), "claims": SEP.join(q["claims"])})
        out["quote_occurrences"].extend({"quote": q["id"], **o} for o in q["occurrences"])
    for c in data["claims"]:
        s = c["support"]
        out["claims"].append({k: c[k] for k in ("id", "subject", "predicate", "status", "object", "value", "time", "place")}
                             | {"subject_name": names.get(c["subject"]), "object_name": names.get(c["object"]),
                                "place_name": names.get(c["place"]), "documents": s["documents"],
                                "independent": s["independent"], "denials": s["denials"],
                                "conflicts": SEP.join(s["conflicts"])})
        out["evidence"].extend({"claim": c["id"], **ev} for ev in c["evidence"])
    out["copies"] = list(data["copies"])
    return out


def write_csv(store: Store, path: str) -> dict:
    """Write <path>/<table>.csv for every table; `path` is a folder, created if missing."""
    if path == "-":
        raise ExportError("csv export writes one file per table: give a folder, not -")
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, table in rows(export_data(store)).items():
        _write_table(folder / f"{name}.csv", TABLES[name], table)
        counts[name] = len(table)
    return counts


def _write_table(path: Path, columns: tuple[str, ...], table: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(table)
