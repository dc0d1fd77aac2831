"""MEANTIME events found by claims, and event status against MEANTIME factuality.

    python bench/eval/meantime_events.py ../shared/corpora/meantime/text/corpus_apple \\
        ../shared/corpora/meantime/text/corpus_airbus --annotations ../shared/corpora/meantime/annotation [--json]

Runs claimgraph's extraction (the real pipeline) on each article. A gold event mention is *matched* when a
claim's trigger token is one of its tokens. On matched events, status is scored against factuality: the
gold event happened when it is CERTAIN, POS(itive) and NON_FUTURE, and ours when its evidence is
`occurred` and asserted (not hedged, negated or denied); --show prints the disagreements; accuracy is agreement on happened / did not happen (majority
baseline beside it: gold is mostly happened); mentions without annotated factuality are left out. Works with any claimgraph version whose evidence has no
`status` (then every event counts as occurred), so the figure of an older tree can be compared."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.eval.meantime_corpus import char_to_token, find_annotation, load_gold  # noqa: E402


def gold_happened(e: dict) -> bool:
    return e["certainty"] == "CERTAIN" and e["polarity"] == "POS" and e["time"] != "FUTURE"


def score(folders: list[Path], annotations: Path | None) -> dict:
    from claimgraph.extract import Pipeline
    from claimgraph.model import Document

    pipe = Pipeline()
    events = matched = 0
    pairs: list[tuple[bool, bool]] = []
    statuses: Counter = Counter()
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            ann = find_annotation(path, annotations, folder.name)
            if ann is None:
                continue
            gold = load_gold(ann)
            text = path.read_text("utf-8")
            ex = pipe.extract_many([Document(id=Document.id_for(text), source=str(path), text=text)])[0]
            c2t = char_to_token(gold, text)
            by_token = {t: e for e in gold.events for t in e["tokens"]}
            events += len(gold.events)
            seen = set()
            for c in ex.claims:
                ev = c.evidence
                at = text.find(c.trigger, ev.start, ev.end) if c.trigger else -1
                e = by_token.get(c2t[at]) if 0 <= at < len(c2t) else None
                if e is None or e["m_id"] in seen:
                    continue
                seen.add(e["m_id"])
                status = getattr(ev, "status", "occurred")
                statuses[status] += 1
                if not e["certainty"] or not e["polarity"]:
                    continue  # factuality not annotated on this mention: no status figure
                pairs.append((status == "occurred" and ev.modality == "asserted", gold_happened(e)))
                if "--show" in sys.argv and pairs[-1][0] != pairs[-1][1]:
                    print(f"{status}/{ev.modality} vs {e['certainty']}/{e['polarity']}/{e['time']} {c.trigger}: "
                          f"{ev.text[:150]!r}", file=sys.stderr)
            matched += len(seen)
    agree = sum(a == b for a, b in pairs)
    happened = sum(b for _, b in pairs)
    return {"gold_events": events, "matched": matched, "matched_share": round(matched / events, 3) if events else 0.0,
            "status_accuracy": round(agree / len(pairs), 3) if pairs else 0.0,
            "majority_baseline": round(max(happened, len(pairs) - happened) / len(pairs), 3) if pairs else 0.0,
            "not_happened_gold": len(pairs) - happened,
            "not_happened_caught": sum(1 for a, b in pairs if not a and not b), "statuses": dict(statuses)}


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    ann = None
    if "--annotations" in argv:
        ann = Path(argv[argv.index("--annotations") + 1])
        args = [a for a in args if a != str(ann)]
    out = score([Path(a) for a in args], ann)
    print(json.dumps(out) if "--json" in argv else "\n".join(f"{k}: {v}" for k, v in out.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
