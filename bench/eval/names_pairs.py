"""Name pairs: the decision `claimgraph.resolve.compare.same_entity` makes on each labelled pair of
OpenSanctions' name-matching benchmark (columns case_group, schema, name1, name2, is_match),
P/R/F1 overall and per case_group, beside logic_v2's published figures on the same rows."""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from pathlib import Path

from claimgraph.resolve.compare import same_entity

from .metrics import prf

# OpenSanctions logic_v2 on exactly pairs_dev.csv (frozen run, see shared/corpora/README.md): the anchor
# belongs to that file only, recognised by its content hash; any other file gets no anchor.
LOGIC_V2 = {"P": 0.738, "R": 0.811, "F1": 0.773}
DEV_SHA256 = "389dea2389ce7a8c069949a5cfae0da7ac89d34549e617d645a57439c863fed8"


def which_half(path: str | Path) -> str:
    """'dev' for the half under ../shared (419 rows), else 'unknown' (e.g. the held-out half)."""
    return "dev" if hashlib.sha256(Path(path).read_bytes()).hexdigest() == DEV_SHA256 else "unknown"


def evaluate(path: str | Path) -> dict:
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp fp fn n
    errors = []
    for row in rows:
        gold = row["is_match"].strip().lower() in ("true", "1", "yes")
        d = same_entity(row["name1"], row["name2"], row["schema"])
        for g in ("all", row["case_group"]):
            c = counts[g]
            c[0] += d.match and gold
            c[1] += d.match and not gold
            c[2] += gold and not d.match
            c[3] += 1
        if d.match != gold:
            errors.append({**{k: row[k] for k in ("case_group", "schema", "name1", "name2")}, "gold": gold,
                           "ours": d.match, "reason": d.reason})
    groups = {g: dict(zip(("P", "R", "F1"), prf(*c[:3])), n=c[3]) for g, c in counts.items()}
    half = which_half(path)
    return {"rows": len(rows), "file": Path(path).name, "half": half, "groups": groups, "errors": errors,
            "logic_v2": LOGIC_V2 if half == "dev" else None,
            "resolve_keys_only": _resolve_only(rows)}


def _resolve_only(rows: list[dict]) -> dict:
    """The pipeline's decision: what resolve() (blocking, then same_entity inside each block) merges
    when each name is one document's cluster."""
    from collections import Counter

    from claimgraph.resolve.entities import Cluster, resolve

    tp = fp = fn = 0
    for row in rows:
        label = "PERSON" if row["schema"].lower() == "person" else "ORG"
        ids = resolve([Cluster("a", "1", label, Counter({row["name1"]: 1})),
                       Cluster("b", "2", label, Counter({row["name2"]: 1}))])
        merged = ids[("a", "1")] == ids[("b", "2")]
        gold = row["is_match"].strip().lower() in ("true", "1", "yes")
        tp, fp, fn = tp + (merged and gold), fp + (merged and not gold), fn + (gold and not merged)
    return dict(zip(("P", "R", "F1"), prf(tp, fp, fn)))


def report(res: dict) -> str:
    half = "the dev half" if res["half"] == "dev" else "not the dev half (no published anchor for it)"
    out = [f"## Name pairs (OpenSanctions name_bench: {res['file']}, {half})", "",
           f"{res['rows']} labelled pairs; decision of `claimgraph.resolve.compare.same_entity` "
           "(the same function as `claimgraph names compare`).", "",
           "| group | n | P | R | F1 |", "|---|---:|---:|---:|---:|"]
    g = res["groups"]
    for name in ["all"] + sorted(k for k in g if k != "all"):
        v = g[name]
        out.append(f"| {name} | {v['n']} | {v['P']:.1%} | {v['R']:.1%} | {v['F1']:.1%} |")
    lv = res["logic_v2"]
    rk = res["resolve_keys_only"]
    anchor = (f"OpenSanctions logic_v2 on the same rows (all): P {lv['P']:.1%} / R {lv['R']:.1%} / F1 {lv['F1']:.1%}."
              if lv else "No OpenSanctions logic_v2 figure is known for this file.")
    out += ["", anchor,
            f"**Through the pipeline** (`resolve()`: its blocking keys, then the same decision inside each block; "
            f"one cluster per name): P {rk['P']:.1%} / R {rk['R']:.1%} / F1 {rk['F1']:.1%}.",
            "", f"Disagreements with the gold label: {len(res['errors'])} (first 15):", ""]
    for e in res["errors"][:15]:
        out.append(f"- {e['case_group']}/{e['schema']}: {e['name1']!r} vs {e['name2']!r}: gold {e['gold']}, "
                   f"ours {e['ours']} ({e['reason']})")
    return "\n".join(out) + "\n"
