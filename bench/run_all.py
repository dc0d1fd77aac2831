"""Run every benchmark and write bench/out/report.md with a chart, bench/out/report.png.

    make bench                                   # installs matplotlib (the `bench` extra), then runs this
    .venv/bin/python bench/run_all.py            # ~20 minutes on 2 shared cores
    .venv/bin/python bench/run_all.py --full     # 200 docs, resolution to 1M mentions, scaling to 2,000 articles

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


def chart(extract: dict, resolve: dict, scale: dict, api: list[dict], path) -> str:
    """report.png: extraction throughput, resolution scaling, time and memory per stage against corpus
    size, and API latency at each store size."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return ("_No chart: matplotlib is not installed in this environment. `make bench` installs it "
                "(`pip install -e '.[bench]'`); the tables above hold every figure._")
    from statistics import median

    from bench_scale import REBUILD, STREAMING

    fig, ((a, b), (c, d)) = plt.subplots(2, 2, figsize=(13, 9))
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
    runs = scale["runs"]
    sizes = [r["docs"] for r in runs]
    groups = {"read + clean + write": ("read", "clean", "write"), "extract": ("extract",), "rebuild": REBUILD,
              "export": ("export",)}
    bottom = [0.0] * len(runs)
    for (label, stages), colour in zip(groups.items(), ("#bbb", "#36c", "#e83", "#5a5")):
        vals = [sum(r["wall"][s] for s in stages) / r["docs"] * 1000 for r in runs]
        c.bar([f"{n:,}" for n in sizes], vals, bottom=bottom, label=label, color=colour)
        bottom = [x + y for x, y in zip(bottom, vals)]
    c.set_xlabel("articles ingested (1x, 10x, 100x)")
    c.set_ylabel("ms per article")
    c.set_title("Ingest time per article by stage (model load left out)")
    c2 = c.twinx()
    c2.plot(range(len(runs)), [max(r["peak_mib"][s] for s in STREAMING) for r in runs], "ko-",
             label="peak RSS while streaming (model included)")
    c2.plot(range(len(runs)), [r["rebuild_alone"]["peak_mib"] for r in runs], "k^--", label="peak RSS, rebuild alone")
    c2.set_ylabel("peak RSS MiB")
    c2.set_ylim(0, 1.6 * max(max(r["peak_mib"].values()) for r in runs))
    c.set_ylim(0, 1.6 * max(bottom))
    c.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), fontsize=7, ncol=4)
    c2.legend(loc="upper left", fontsize=7)
    labels = list(api[0]["endpoints"])
    width = 0.8 / len(api)
    for k, r in enumerate(api):
        d.barh([i + k * width for i in range(len(labels))], [r["endpoints"][x]["p50_ms"] for x in labels], height=width,
               label=f"{r['docs']:,} articles")
    d.set_yticks([i + width * (len(api) - 1) / 2 for i in range(len(labels))], labels, fontsize=7)
    d.invert_yaxis()
    d.set_xscale("log")
    d.set_xlabel("p50 latency, ms (log)")
    d.set_title("API latency by store size")
    d.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return f"![benchmarks]({path.name})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--full", action="store_true",
                    help="200 documents, resolution up to 1M mentions, scaling to 2,000 articles")
    ap.add_argument("--docs", type=int, default=None, help="documents for extraction (default 64; 200 with --full)")
    ap.add_argument("--max", type=int, default=None, help="largest resolution size (default 100000; 1000000 with --full)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="also profile extract_many on N docs")
    ap.add_argument("--scale-base", type=int, default=None, help="articles at 1x for scaling (default 10; 20 with --full)")
    ap.add_argument("--api-docs", type=int, nargs="+", default=[10_000, 100_000], help="API store sizes")
    ap.add_argument("--incremental-sizes", type=int, nargs="+", default=None,
                    help="store sizes for adding one article (default 300 1000 3000; 300 3000 30000 with --full)")
    ap.add_argument("--collect", action="store_true",
                    help="run nothing: collect the results already in bench/out (each table names its own run)")
    args = ap.parse_args(argv)
    docs = args.docs or (200 if args.full else 64)
    max_mentions = args.max or (1_000_000 if args.full else 100_000)
    out = out_dir()
    t0 = time.perf_counter()
    load0 = loadavg()
    if not args.collect:
        _run("bench_extract.py", ["--docs", str(docs), "--repeats", str(args.repeats)])
        _run("bench_startup.py", ["--repeats", str(args.repeats)])
        _run("bench_resolve.py", ["--max", str(max_mentions), "--repeats", str(args.repeats)])
        _run("bench_scale.py", ["--base", str(args.scale_base or (20 if args.full else 10)), "--profile"])
        _run("bench_api.py", ["--docs", *map(str, args.api_docs)])
        sizes = args.incremental_sizes or ([300, 3_000, 30_000] if args.full else [300, 1_000, 3_000])
        _run("bench_incremental.py", ["--sizes", *map(str, sizes), "--repeats", "1"])
        if args.profile:
            _run("bench_extract.py", ["--profile", str(args.profile)])
    extract = json.loads((out / "extract.json").read_text())
    resolve = json.loads((out / "resolve.json").read_text())
    scale = json.loads((out / "scale.json").read_text())
    api = json.loads((out / "api.json").read_text())
    parts = [
        "# claimgraph benchmarks\n",
        f"Run by `bench/run_all.py {' '.join(argv if argv is not None else sys.argv[1:])}`, "
        f"{time.perf_counter() - t0:.0f} s, load average {load0} at the start and {loadavg()} at the end. "
        f"{md_machine(machine())}.\n",
        "The machine is shared and noisy: compare the ratios (measured against a baseline in the same run), "
        "not the absolute times, across runs.\n",
        (out / "extract.md").read_text(),
        (out / "startup.md").read_text(),
        (out / "resolve.md").read_text(),
        (out / "scale.md").read_text(),
        (out / "api.md").read_text(),
    ]
    if (out / "incremental.md").exists():  # absent from results collected before the bench existed
        parts.append((out / "incremental.md").read_text())
    if args.profile or (args.collect and (out / "extract_profile.md").exists()):
        parts.append((out / "extract_profile.md").read_text())
    parts.append("## Chart\n\n" + chart(extract, resolve, scale, api, out / "report.png") + "\n")
    report = "\n".join(parts)
    (out / "report.md").write_text(report)
    print(report)
    print(f"wrote {out / 'report.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
