"""Start-up: where the time of `claimgraph ingest ONE_ARTICLE` goes (issue 18, part 3).

    .venv/bin/python bench/bench_startup.py                    # examples/veldoria-herald.txt, 3 repeats
    .venv/bin/python bench/bench_startup.py --article FILE --repeats 5

Each repeat runs, in fresh interpreters (nothing cached in the process; the OS file cache is warm
after the first):

- the whole command, `claimgraph ingest ARTICLE --db NEW.db` (wall of the process);
- a probe doing the same ingest in phases: the CLI's imports, the ingest's own imports (clean, store,
  SQLAlchemy), spaCy and the extraction rules, the cross-document stage (resolve, corroborate), the
  spaCy model load, then the ingest of the article itself (read, clean, extract, store, rebuild);
- `python -c pass`: the interpreter's own start.

It also lists the heaviest top-level imports (`python -X importtime`, cumulative) and which optional
packages an ingest leaves unimported."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, loadavg, machine, md_machine, md_table, median, publish

DEFAULT_ARTICLE = ROOT / "examples" / "veldoria-herald.txt"
# packages an ingest of one article should not need (report only: the test is tests/cli/test_startup.py)
UNNEEDED = ("scipy", "datasketch", "fastapi", "starlette", "uvicorn", "dask", "distributed", "pandas",
            "networkx", "followthemoney", "torch")

PROBE = r"""
import json, sys, time
t = [time.perf_counter()]
import claimgraph.cli
t.append(time.perf_counter())
import claimgraph.run
from claimgraph.settings import get_settings
from claimgraph.store import Store
t.append(time.perf_counter())
from claimgraph.extract import Pipeline
t.append(time.perf_counter())
import claimgraph.resolve
t.append(time.perf_counter())
pipeline = Pipeline(get_settings().spacy_model)
t.append(time.perf_counter())
store = Store("sqlite:///" + sys.argv[2])
report = claimgraph.run.ingest([sys.argv[1]], store, extractor=pipeline.extract_stream)
store.dispose()
t.append(time.perf_counter())
assert len(report.ingested) == 1, report.as_dict()
names = ["cli imports", "ingest imports (clean, store, SQLAlchemy)", "spaCy + rules imports",
         "cross-document stage imports", "model load", "the article (read, clean, extract, store, rebuild)"]
print(json.dumps({"phases": dict(zip(names, [b - a for a, b in zip(t, t[1:])])),
                  "loaded": sorted(m for m in sys.argv[3].split(",") if m in sys.modules)}))
"""

IMPORTS = "import claimgraph.cli, claimgraph.run, claimgraph.resolve; from claimgraph.extract import pipeline"


def _wall(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def top_imports(n: int = 10) -> list[tuple[str, float]]:
    """The `n` packages (other than claimgraph) with the largest cumulative import time in seconds, from
    -X importtime. A package's time includes what it imports itself (spaCy's includes thinc's)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", IMPORTS], capture_output=True, text=True, check=True)
    by_pkg: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        name = parts[-1].strip()
        if len(parts) == 3 and parts[1].strip().isdigit() and "." not in name and name != "claimgraph":
            by_pkg[name] = int(parts[1]) / 1e6
    return sorted(by_pkg.items(), key=lambda kv: -kv[1])[:n]


def bench_startup(article: Path, repeats: int = 3, log=print) -> dict:
    cli = Path(sys.executable).with_name("claimgraph")
    cli_cmd = [str(cli)] if cli.exists() else [sys.executable, "-c", "from claimgraph.cli import main; main()"]
    res: dict = {"machine": machine(), "article": str(article.relative_to(ROOT) if article.is_relative_to(ROOT) else article),
                 "bytes": article.stat().st_size, "repeats": repeats, "load_before": loadavg(),
                 "command_s": [], "python_s": [], "phases": []}
    for r in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            res["command_s"].append(_wall([*cli_cmd, "ingest", str(article), "--db", f"{tmp}/cmd.db"]))
            proc = subprocess.run([sys.executable, "-c", PROBE, str(article), f"{tmp}/probe.db", ",".join(UNNEEDED)],
                                  capture_output=True, text=True, check=True)
            probe = json.loads(proc.stdout.strip().splitlines()[-1])
            res["phases"].append(probe["phases"])
            res["loaded"] = probe["loaded"]
        res["python_s"].append(_wall([sys.executable, "-c", "pass"]))
        log(f"  repeat {r + 1}/{repeats}: command {res['command_s'][-1]:.2f} s, phases "
            + ", ".join(f"{v:.2f}" for v in probe["phases"].values()))
    res["top_imports"] = top_imports()
    res["load_after"] = loadavg()
    return res


def render(res: dict) -> str:
    names = list(res["phases"][0])
    med = {k: median([p[k] for p in res["phases"]]) for k in names}
    py = median(res["python_s"])
    total = py + sum(med.values())
    imports = sum(v for k, v in med.items() if k.endswith("imports"))
    rows = [["python start (`python -c pass`)", py, f"{100 * py / total:.0f}%"]]
    rows += [[k, v, f"{100 * v / total:.0f}%"] for k, v in med.items()]
    rows.append(["**sum**", total, "100%"])
    art = med[names[-1]]
    unloaded = [m for m in UNNEEDED if m not in res["loaded"]]
    notes = [
        f"- shares: imports {100 * imports / total:.0f}%, model load {100 * med['model load'] / total:.0f}%, "
        f"the article {100 * art / total:.0f}%, python start {100 * py / total:.0f}%",
        f"- the whole command `claimgraph ingest {res['article']} --db NEW.db`: median "
        f"**{median(res['command_s']):.2f} s** wall ({', '.join(f'{x:.2f}' for x in res['command_s'])})",
        f"- heaviest top-level imports (`python -X importtime -c \"{IMPORTS}\"`, cumulative s): "
        + ", ".join(f"{k} {v:.2f}" for k, v in res["top_imports"]),
        f"- not imported by the ingest: {', '.join(unloaded) or 'none'}; imported: {', '.join(res['loaded']) or 'none'}",
        f"- article {res['article']} ({res['bytes']:,} bytes) into a new SQLite store; median of {res['repeats']} "
        f"fresh processes; load average before {res['load_before']}, after {res['load_after']}",
        f"- machine: {md_machine(res['machine'])}",
    ]
    return ("## Start-up of a one-article ingest (issue 18)\n\n"
            + md_table(["phase", "median wall s", "share"], rows) + "\n\n" + "\n".join(notes) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    res = bench_startup(args.article.resolve(), args.repeats, log=lambda s: print(s, file=sys.stderr, flush=True))
    publish("startup", render(res), res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
