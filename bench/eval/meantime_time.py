"""Times: claimgraph's normalised time expressions (`claimgraph.dates.find_times`, resolved against
the publication date our cleaner read from the article's date line) against MEANTIME's TIMEX3 values.
Scored on gold DATE/TIME expressions with a calendar value (YYYY, YYYY-MM, YYYY-MM-DD ...): found
(a time of ours overlaps it), exact value, same month (same year for year-only values). The
publication date is scored against the document's CREATION_TIME on its own line."""

from __future__ import annotations

import re

from claimgraph.dates import find_times

from .meantime_corpus import Topic, span_tokens

CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


def _month(v: str | None) -> str | None:
    m = CALENDAR.match(v or "")
    if not m:
        return None
    return m.group(0)[:7]


def evaluate(topics: list[Topic]) -> dict:
    n = found = exact = month = 0
    pub_n = pub_ok = 0
    examples = []
    for t in topics:
        docs = {d["id"]: d for d in t.export["documents"]}
        for did, cid in t.doc_of.items():
            d, g = docs[did], t.gold[cid]
            times = []
            for te in find_times(d["text"], d["published"]):
                toks = span_tokens(t.c2t[did], te.start, te.end)
                if toks:
                    times.append((set(toks), te))
            for x in g.timexes:
                if x["function"] == "CREATION_TIME":
                    pub_n += 1
                    pub_ok += (d["published"] or "")[:10] == x["value"][:10]
                    continue
                if x["type"] not in ("DATE", "TIME") or not CALENDAR.match(x["value"]):
                    continue
                n += 1
                hit = next((te for toks, te in times if toks & set(x["tokens"])), None)
                if hit is None:
                    continue
                found += 1
                gold_v = x["value"][:10] if x["type"] == "TIME" else x["value"]
                exact += hit.value == gold_v
                month += hit.value is not None and _month(hit.value) == _month(gold_v)
                if hit.value != gold_v and len(examples) < 12:
                    examples.append((" ".join(g.tokens[i] for i in x["tokens"]), gold_v, hit.text, hit.value))
    return {"gold": n, "found": found, "exact": exact, "same_month": month, "published_n": pub_n,
            "published_ok": pub_ok, "examples": examples}


def report(res: dict) -> str:
    n = res["gold"] or 1
    f = res["found"] or 1
    out = ["## MEANTIME: times", "",
           f"Gold TIMEX3 DATE/TIME expressions with a calendar value: {res['gold']}.", "",
           "| measure | count | of all gold | of those found |", "|---|---:|---:|---:|",
           f"| found (overlapping time expression) | {res['found']} | {res['found'] / n:.1%} | |",
           f"| exact value | {res['exact']} | {res['exact'] / n:.1%} | {res['exact'] / f:.1%} |",
           f"| same month (year for year values) | {res['same_month']} | {res['same_month'] / n:.1%} | "
           f"{res['same_month'] / f:.1%} |", "",
           f"Publication date = CREATION_TIME: {res['published_ok']}/{res['published_n']}.", "",
           "Some disagreements (gold text, gold value, our text, our value):", ""]
    out += [f"- {a!r}: {b} vs {c!r}: {d}" for a, b, c, d in res["examples"]]
    return "\n".join(out) + "\n"
