"""Distributed ingest (issue 6): the speed-up of 2 local Dask workers over 1 on the same corpus.

    .venv/bin/python bench/bench_dask.py [--docs 120]

Writes the corpus as .txt files, then times `claimgraph.run.ingest` on a fresh SQLite store with a
LocalCluster of 1 worker and of 2 workers (cluster start-up and model loading excluded: a warm-up
ingest of 2 documents runs on each cluster first). The figure to compare is the ratio: the machine is
shared, and with 2 cores the second worker competes with the client that writes the store."""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from _common import loadavg, machine, md_machine, md_table, out_dir
from corpus import make_corpus


def run(n_workers: int, folder: Path, warm: Path, tmp: Path) -> float:
    from dask.distributed import LocalCluster

    from claimgraph.run import ingest
    from claimgraph.settings import get_settings
    from claimgraph.store import Store

    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        settings = get_settings(scheduler=cluster.scheduler_address)
        ingest([str(warm)], Store(str(tmp / f"warm{n_workers}.db")), settings=settings)
        store = Store(str(tmp / f"w{n_workers}.db"))
        t0 = time.perf_counter()
        report = ingest([str(folder)], store, settings=settings)
        elapsed = time.perf_counter() - t0
    assert not report.failed, report.failed
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=120)
    args = ap.parse_args()
    docs = make_corpus(args.docs + 2, seed=11)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        folder, warm = tmp / "corpus", tmp / "warm"
        folder.mkdir()
        warm.mkdir()
        for i, doc in enumerate(docs[:args.docs]):
            (folder / f"{i:05d}.txt").write_text(doc.text, encoding="utf-8")
        for i, doc in enumerate(docs[args.docs:]):
            (warm / f"{i}.txt").write_text(doc.text, encoding="utf-8")
        before = loadavg()
        one = run(1, folder, warm, tmp)
        two = run(2, folder, warm, tmp)
    rows = [["1 worker", args.docs, round(one, 2), round(args.docs / one, 2), "1.00 (baseline)"],
            ["2 workers", args.docs, round(two, 2), round(args.docs / two, 2), f"**{one / two:.2f}**"]]
    md = "\n".join([
        "## Distributed ingest on Dask (issue 6)", "",
        md_table(["LocalCluster", "docs", "seconds", "docs/s", "speed-up vs 1 worker"], rows), "",
        "- the same corpus, each run into a fresh SQLite store; clean + extract on the workers, writes and "
        "cross-document rebuild on the client (that part does not parallelise)",
        f"- load average before {before}, after {loadavg()} (2 shared cores: the client competes with the workers)",
        md_machine(machine()),
    ])
    out = out_dir()
    (out / "dask.md").write_text(md + "\n")
    (out / "dask.json").write_text(json.dumps({"docs": args.docs, "one": one, "two": two, "speedup": one / two}))
    print(md)


if __name__ == "__main__":
    main()
