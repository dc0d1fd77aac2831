"""Run every benchmark with small defaults and write bench/out/report.md (+ report.png with matplotlib).

    .venv/bin/python bench/run_all.py            # ~6 minutes on 2 shared cores
    .venv/bin/python bench/run_all.py --full     # 200 docs, resolution up to 1M mentions (~20 minutes)

Each benchmark runs in its own process (so one's memory high-water mark and caches do not leak into
the other's figures) and leaves its table and raw numbers in bench/out/; this script collects them."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

from _common import BENCH, loadavg, machine, md_machine, out_dir


def _run(script: str, args: list[str]) -> None:
    cmd = [sys.executable, str(BENCH / script), *args]
    print("$ " + " ".join(cmd[1:]), flush=True)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def chart(extract: dict, resolve: dict, path) -> str:
    """report.png: extraction throughput bars and resolution time against mentions (log-log)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return ("_No chart: matplotlib is not importable in this environment (it is not a claimgraph dependency and "
                "the benchmarks do not install it); the tables above hold every figure._")
    from statistics import median

    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4))
    labels, vals = ["bare spaCy", "claimgraph"], [extract["n_docs"] / median(extract["bare_s"]),
                                                  extract["n_docs"] / median(extract["full_s"])]
    if "mp" in extract:
        m = extract["mp"]
        labels += ["bare, 2 proc", "claimgraph, 2 proc"]
        vals += [m["n_docs"] / median(m["bare_s"]), m["n_docs"] / median(m["full_s"])]
    a.bar(labels, vals, color=["#999", "#36c", "#bbb", "#69e"][:len(vals)])
    a.set_ylabel("documents / s")
    a.set_title("Extraction throughput")
    a.tick_params(axis="x", labelrotation=15)
    xs = [s["mentions"] for s in resolve["sizes"]]
    ys = [median(s["resolve_cpu_s"]) for s in resolve["sizes"]]
    b.loglog(xs, ys, "o-", label="resolve")
    b.loglog(xs, [ys[0] * x / xs[0] for x in xs], "--", color="#999", label="linear from the smallest size")
    b.set_xlabel("mentions")
    b.set_ylabel("CPU seconds")
    b.set_title("Resolution scaling")
    b.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return f"![benchmarks]({path.name})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--full", action="store_true", help="200 documents and resolution up to 1M mentions")
    ap.add_argument("--docs", type=int, default=None, help="documents for extraction (default 64; 200 with --full)")
    ap.add_argument("--max", type=int, default=None, help="largest resolution size (default 100000; 1000000 with --full)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="also profile extract_many on N docs")
    args = ap.parse_args(argv)
    docs = args.docs or (200 if args.full else 64)
    max_mentions = args.max or (1_000_000 if args.full else 100_000)
    out = out_dir()
    t0 = time.perf_counter()
    load0 = loadavg()
    _run("bench_extract.py", ["--docs", str(docs), "--repeats", str(args.repeats)])
    _run("bench_resolve.py", ["--max", str(max_mentions), "--repeats", str(args.repeats)])
    if args.profile:
        _run("bench_extract.py", ["--profile", str(args.profile)])
    extract = json.loads((out / "extract.json").read_text())
    resolve = json.loads((out / "resolve.json").read_text())
    parts = [
        "# claimgraph benchmarks\n",
        f"Run by `bench/run_all.py {' '.join(argv if argv is not None else sys.argv[1:])}`, "
        f"{time.perf_counter() - t0:.0f} s, load average {load0} at the start and {loadavg()} at the end. "
        f"{md_machine(machine())}.\n",
        "The machine is shared and noisy: compare the ratios (measured against a baseline in the same run), "
        "not the absolute times, across runs.\n",
        (out / "extract.md").read_text(),
        (out / "resolve.md").read_text(),
    ]
    if args.profile:
        parts.append((out / "extract_profile.md").read_text())
    parts.append("## Chart\n\n" + chart(extract, resolve, out / "report.png") + "\n")
    report = "\n".join(parts)
    (out / "report.md").write_text(report)
    print(report)
    print(f"wrote {out / 'report.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
