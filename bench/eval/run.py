"""Score claimgraph on public benchmarks.

The scoreboard (`make eval`): every development set under ../shared through the real pipeline, one
row per figure with its floor (bench/eval/floors.json) and the last committed figure
(bench/eval/scoreboard.json, rewritten by the run unless --no-save); exit status 1 when a figure
breaks its floor:

    python bench/eval/run.py --all            # seeds, PLOVER, name pairs, PolNeAR, CoNLL, MEANTIME
    python bench/eval/run.py --quick          # seeds + PLOVER (about a minute)
    python bench/eval/run.py --sets conll names

The detailed MEANTIME / name-pair report:

    python bench/eval/run.py \\
        --meantime ../shared/corpora/meantime/text/corpus_apple ../shared/corpora/meantime/text/corpus_airbus \\
        --annotations ../shared/corpora/meantime/annotation \\
        --pairs ../shared/corpora/name_pairs/pairs_dev.csv --out bench/out/eval.md

--meantime takes any number of MEANTIME topic folders of .txt articles (the annotation of each is
looked up as ANNOTATIONS/<topic>/<doc id>_*.xml, or ../../annotation/<topic>/ next to the texts).
Each part can be run alone: leave out --meantime or --pairs. --json also writes the figures as JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.eval import (meantime_coref, meantime_events, meantime_factuality, meantime_ner,  # noqa: E402
                        meantime_time, names_pairs, scoreboard)
from bench.eval.meantime_corpus import ingest_topic  # noqa: E402


def _jsonable(x):
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    return x


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--meantime", nargs="*", default=[], help="MEANTIME topic folders (text/<topic>/*.txt)")
    ap.add_argument("--annotations", help="MEANTIME annotation folder (holding <topic>/*.xml)")
    ap.add_argument("--pairs", help="name-pair CSV (case_group,schema,name1,name2,is_match,...)")
    ap.add_argument("--out", default="bench/out/eval.md", help="Markdown report to write")
    ap.add_argument("--json", dest="json_out", help="also write the figures as JSON here")
    ap.add_argument("--all", action="store_true", help="the scoreboard over every development set")
    ap.add_argument("--quick", action="store_true", help="the scoreboard on seeds + PLOVER only")
    ap.add_argument("--sets", nargs="+", choices=list(scoreboard.SETS), help="the scoreboard on these sets")
    ap.add_argument("--no-save", action="store_true", help="do not rewrite bench/eval/scoreboard.json")
    ap.add_argument("--processes", type=int, default=0, help="extraction processes (default: all cores)")
    args = ap.parse_args(argv)
    if args.all or args.quick or args.sets:
        sets = args.sets or (scoreboard.QUICK_SETS if args.quick else list(scoreboard.SETS))
        return board(sets, args, argv)

    import claimgraph

    sections = ["# claimgraph on public benchmarks", "",
                f"claimgraph {getattr(claimgraph, '__version__', '?')}, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC. "
                f"Command: `python bench/eval/run.py {' '.join(sys.argv[1:] if argv is None else argv)}`", ""]
    figures = {}
    if args.pairs:
        t0 = time.perf_counter()
        res = names_pairs.evaluate(args.pairs)
        figures["name_pairs"] = {k: v for k, v in res.items() if k != "errors"}
        sections.append(names_pairs.report(res))
        print(f"name pairs: F1 {res['groups']['all']['F1']:.1%} ({time.perf_counter() - t0:.1f}s)", file=sys.stderr)
    if args.meantime:
        ann = Path(args.annotations) if args.annotations else None
        topics = []
        for folder in args.meantime:
            t = ingest_topic(Path(folder), ann)
            print(f"{t.name}: {len(t.doc_of)}/{len(t.gold)} documents ingested and aligned in {t.seconds:.0f}s",
                  file=sys.stderr)
            topics.append(t)
        from claimgraph.extract import Pipeline
        from claimgraph.settings import get_settings

        nlp = Pipeline(get_settings().spacy_model).nlp
        sections.append(f"MEANTIME topics: {', '.join(f'{t.name} ({len(t.doc_of)} articles)' for t in topics)}; "
                        "each ingested with `claimgraph.run.ingest` into a temporary SQLite store and exported.\n")
        for name, mod, call in (("ner", meantime_ner, lambda: meantime_ner.evaluate(topics, nlp)),
                                ("coref", meantime_coref, lambda: meantime_coref.evaluate(topics)),
                                ("time", meantime_time, lambda: meantime_time.evaluate(topics)),
                                ("events", meantime_events, lambda: meantime_events.evaluate(topics)),
                                ("factuality", meantime_factuality, lambda: meantime_factuality.evaluate(topics, nlp))):
            res = call()
            figures[name] = res
            sections.append(mod.report(res))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(sections), encoding="utf-8")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(_jsonable(figures), indent=1, default=str), encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


def board(sets: list[str], args, argv: list[str] | None) -> int:
    """Run the scoreboard, print it, keep it, and say whether every floor holds."""
    floors, last = scoreboard.load_floors(), scoreboard.load_board()
    t0 = time.perf_counter()
    runner = scoreboard.Runner(processes=args.processes)
    try:
        results = list(scoreboard.run(sets, runner, progress=lambda m: print(m, file=sys.stderr, flush=True)))
    finally:
        runner.close()
    seconds = time.perf_counter() - t0
    print(scoreboard.render(results, floors, last, seconds))
    if not args.no_save:
        command = "python bench/eval/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
        scoreboard.save_board(results, seconds, command)
    failures = scoreboard.check(results, floors)
    for f in failures:
        print(f"FLOOR BROKEN: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
