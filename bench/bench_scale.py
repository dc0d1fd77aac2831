"""Scaling: the whole ingest at 1x / 10x / 100x corpus, time and peak memory per stage.

    .venv/bin/python bench/bench_scale.py                      # 10, 100, 1,000 articles (~10 minutes on 2 cores)
    .venv/bin/python bench/bench_scale.py --base 20            # 20, 200, 2,000 articles
    .venv/bin/python bench/bench_scale.py --factors 1 10 --profile

Input: `corpus.make_scaled_corpus` (real sentence frames, a fresh cast of names spelt the news way, ~5%
of articles republished by a second outlet), written as one JSON file per article into a folder and
ingested with `claimgraph.run.ingest` into a fresh SQLite file, then exported to JSON, the way a user
runs `claimgraph ingest FOLDER` and `claimgraph export`. Each size runs in its own process, so one
size's memory high-water mark cannot leak into another's.

Stages are timed *exclusively* (a stage's nested calls are charged to the nested stage): loading the
spaCy model (once), reading files, cleaning, extraction (spaCy and the rules), writing a document's
rows (and the check that it is not stored already), then the whole-corpus
rebuild split into entity resolution, quote grouping, copy detection, claim grouping (with support)
and the rest of the rebuild (store reads and writes), then the JSON export. Peak memory per stage is
the process's resident set size (plus any child processes), sampled every 10 ms while that stage is
the innermost one running. Reading, cleaning, extraction and writing stream one document at a time,
so their peak should stay flat as the corpus grows; the rebuild and the export work on the whole
corpus and grow with it. By default extraction runs in one process (`--processes 1`) so that the
memory figures cover everything; timings are CPU-bound either way.

`--profile` adds cProfile of the slowest stage at the largest size. Results: bench/out/scale.md, .json."""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from _common import BENCH, loadavg, machine, md_machine, md_table, out_dir, publish, proc_status_kib

STREAMING = ("read", "clean", "extract", "write")
REBUILD = ("resolve entities", "group quotes", "detect copies", "group claims + support", "rebuild: store I/O")
STAGES = ("load model", *STREAMING, *REBUILD, "export")


# ---- measuring -------------------------------------------------------------------------------------

def _rss_kib(pid: int) -> int:
    return proc_status_kib(pid, "VmRSS")


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            kids = [int(x) for x in fh.read().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in _children(k)]


def _tree_rss_kib() -> int:
    """Resident memory of this process and its children (spaCy's worker processes, if any)."""
    pid = os.getpid()
    return _rss_kib(pid) + sum(_rss_kib(k) for k in _children(pid))


class Stages:
    """Exclusive wall and CPU time per stage (a stack: entering a nested stage pauses its parent) and
    the peak resident memory seen while each stage was innermost."""

    def __init__(self) -> None:
        self.wall = dict.fromkeys(STAGES, 0.0)
        self.cpu = dict.fromkeys(STAGES, 0.0)
        self.peak_kib = dict.fromkeys(STAGES, 0)
        self.stack: list[str] = []
        self.after_write: list[int] = []  # RSS (KiB) after each document written: the streaming memory curve
        self._mark = (time.perf_counter(), time.process_time())
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def _charge(self) -> None:
        now = (time.perf_counter(), time.process_time())
        if self.stack:
            top = self.stack[-1]
            self.wall[top] += now[0] - self._mark[0]
            self.cpu[top] += now[1] - self._mark[1]
        self._mark = now

    @contextmanager
    def stage(self, name: str):
        self._charge()
        self.stack.append(name)
        try:
            yield
        finally:
            self._charge()
            self.stack.pop()

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            top = self.stack[-1:]  # one read: the main thread pushes and pops meanwhile
            if top:
                self.peak_kib[top[0]] = max(self.peak_kib[top[0]], _tree_rss_kib())

    def __enter__(self) -> Stages:
        self._mark = (time.perf_counter(), time.process_time())
        self._sampler.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._sampler.join()

    def wrap(self, name: str, fn):
        def timed(*args, **kwargs):
            with self.stage(name):
                return fn(*args, **kwargs)
        return timed

    def wrap_write(self, fn):
        """`wrap("write", fn)` that also records the memory after each document written."""
        timed = self.wrap("write", fn)

        def write(*args, **kwargs):
            out = timed(*args, **kwargs)
            self.after_write.append(_tree_rss_kib())
            return out
        return write

    def wrap_iter(self, name: str, fn):
        """A generator function whose every step (each `next`) is charged to `name`."""
        def timed(*args, **kwargs):
            it = iter(fn(*args, **kwargs))
            while True:
                with self.stage(name):
                    try:
                        item = next(it)
                    except StopIteration:
                        return
                yield item
        return timed


@contextmanager
def instrumented(st: Stages):
    """Patch the stage functions where `claimgraph.run` and `claimgraph.resolve` look them up."""
    import claimgraph.resolve as resolve_mod
    import claimgraph.resolve.claimstage as claim_mod
    import claimgraph.resolve.quotestage as quote_mod
    import claimgraph.run as run_mod
    from claimgraph.extract import Pipeline
    from claimgraph.store import Store

    patches = [(run_mod, "default_extractor", st.wrap("load model", run_mod.default_extractor)),
               (run_mod, "iter_items", st.wrap_iter("read", run_mod.iter_items)),
               (Store, "has_document", st.wrap("write", Store.has_document)),
               (run_mod, "clean_document", st.wrap("clean", run_mod.clean_document)),
               (Pipeline, "extract_stream", st.wrap_iter("extract", Pipeline.extract_stream)),
               (Store, "add_document", st.wrap_write(Store.add_document)),
               (run_mod, "rebuild", st.wrap("rebuild: store I/O", run_mod.rebuild)),
               (resolve_mod, "update_entities", st.wrap("resolve entities", resolve_mod.update_entities)),
               (quote_mod, "group_quotes", st.wrap("group quotes", quote_mod.group_quotes)),
               (resolve_mod, "update_copies", st.wrap("detect copies", resolve_mod.update_copies)),
               (claim_mod, "group_claims", st.wrap_iter("group claims + support", claim_mod.group_claims)),
               (claim_mod, "support", st.wrap("group claims + support", claim_mod.support))]
    saved = [(obj, name, getattr(obj, name)) for obj, name, _ in patches]
    try:
        for obj, name, fn in patches:
            setattr(obj, name, fn)
        yield
    finally:
        for obj, name, fn in saved:
            setattr(obj, name, fn)


def write_corpus(n_docs: int, folder: Path, seed: int) -> dict:
    from corpus import make_scaled_corpus

    docs = make_scaled_corpus(n_docs, seed=seed)
    for i, d in enumerate(docs):
        rec = {"title": d.title, "text": d.text, "published": d.published, "outlet": d.outlet,
               "url": f"https://news.example/{seed}/{i}"}
        (folder / f"{i:07d}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return {"docs": len(docs), "words": sum(len(d.text.split()) for d in docs),
            "bytes": sum(p.stat().st_size for p in folder.iterdir())}


def run_one(n_docs: int, seed: int, processes: int, profile: bool) -> dict:
    """Generate, ingest and export `n_docs` articles in this process; figures per stage."""
    from claimgraph.query import export_data
    from claimgraph.run import ingest
    from claimgraph.settings import get_settings
    from claimgraph.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        t0 = time.perf_counter()
        corpus = write_corpus(n_docs, folder, seed)
        corpus["generate_s"] = time.perf_counter() - t0
        settings = get_settings(processes=processes)
        db = Path(tmp) / "scale.db"
        store = Store(f"sqlite:///{db}")
        rss_start = _rss_kib(os.getpid())
        st = Stages()
        with instrumented(st), st:  # patch first (imports spaCy), then start the clocks
            t0 = time.perf_counter()
            report = ingest([str(folder)], store, settings=settings)
            with st.stage("export"):
                data = export_data(store)
                (Path(tmp) / "export.json").write_text(json.dumps(data, ensure_ascii=False))
            total = time.perf_counter() - t0
        counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
        res = {"docs": n_docs, "corpus": corpus, "ingested": len(report.ingested), "failed": len(report.failed),
               "unchanged": len(report.unchanged), "total_s": total, "rss_start_mib": rss_start / 1024,
               "wall": st.wall, "cpu": st.cpu, "peak_mib": {k: v / 1024 for k, v in st.peak_kib.items()},
               "counts": counts, "db_mib": db.stat().st_size / 2**20,
               "rss_after_write_mib": _curve(st.after_write)}
        store.dispose()
        res["rebuild_alone"] = rebuild_alone(db)
        if profile:
            res["profile"] = profile_stage(max(STAGES, key=lambda k: st.wall[k]), store, folder)
            store.dispose()
    return res


def _curve(kib: list[int]) -> dict[str, float]:
    """RSS after 10%, 25%, 50%, 75% and 100% of the documents were written (MiB)."""
    if not kib:
        return {}
    return {f"{q}%": kib[max(0, round(len(kib) * q / 100) - 1)] / 1024 for q in (10, 25, 50, 75, 100)}


_REBUILD_ALONE = """
import sys, time
from claimgraph.run import rebuild
from claimgraph.store import Store
from claimgraph.store import schema as t
store = Store(sys.argv[1])
with store.engine.begin() as c:  # what a first ingest's rebuild starts from: no copy index yet
    for table in (t.copies, t.passages, t.passage_bands, t.copy_scanned, t.common_bands):
        c.execute(table.delete())
def hwm():  # VmHWM, the peak RSS of this process image (ru_maxrss would carry the parent's over exec)
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")) / 1024
import claimgraph.resolve  # its imports (spaCy's modules, not the model) are counted in the baseline
base = hwm()
t0 = time.perf_counter()
rebuild(store)
print(time.perf_counter() - t0, base, hwm())
"""


def rebuild_alone(db: Path) -> dict:
    """The whole-corpus rebuild (copy index included) in a fresh process without spaCy: its own time
    and peak memory, which the in-process figures cannot separate from the model's."""
    out = subprocess.run([sys.executable, "-c", _REBUILD_ALONE, f"sqlite:///{db}"], capture_output=True, text=True,
                         check=True).stdout.split()
    secs, before, peak = map(float, out)
    return {"s": secs, "rss_before_mib": before, "peak_mib": peak}


# ---- profile -----------------------------------------------------------------------------------------

def profile_stage(stage: str, store, folder: Path, top: int = 15) -> dict:
    """cProfile of `stage` alone: extraction over the first 50 articles, or the rebuild on the full store."""
    prof = cProfile.Profile()
    if stage in STREAMING:
        from claimgraph.clean import clean_document
        from claimgraph.extract import Pipeline
        from claimgraph.ingest import iter_items
        from claimgraph.settings import get_settings

        files = sorted(folder.iterdir())[:50]
        docs = [clean_document(i.raw) for i in iter_items([str(f) for f in files], get_settings()) if i.raw]
        pipeline = Pipeline(n_process=1)
        pipeline.extract_many(docs[:5])  # warm-up: model load and first-call caches stay out of the profile
        what = f"extraction of {len(docs)} articles (`Pipeline.extract_many`)"
        prof.enable()
        pipeline.extract_many(docs)
        prof.disable()
    else:
        from claimgraph.run import rebuild

        what = "the whole-corpus rebuild (`claimgraph.run.rebuild`) on the largest store"
        prof.enable()
        rebuild(store)
        prof.disable()
    st = pstats.Stats(prof)
    total = st.total_tt
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():
        short = file.split("/site-packages/", 1)[-1].split("/src/", 1)[-1]
        rows.append({"function": f"{short}:{line}({func})", "calls": nc, "cum_s": ct, "own_s": tt})
    by_package: dict[str, float] = {}
    for (file, _line, _func), (_cc, _nc, tt, _ct, _callers) in st.stats.items():
        by_package[_package(file)] = by_package.get(_package(file), 0.0) + tt
    by_cum = sorted(rows, key=lambda r: r["cum_s"], reverse=True)[:top]
    by_own = sorted(rows, key=lambda r: r["own_s"], reverse=True)[:top]
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(60)
    (out_dir() / "scale_profile.txt").write_text(buf.getvalue())
    return {"stage": stage, "what": what, "total_s": total, "by_cum": by_cum, "by_own": by_own,
            "by_package": dict(sorted(by_package.items(), key=lambda kv: -kv[1]))}


def _package(file: str) -> str:
    """Which code a profiled function belongs to: claimgraph, a library (spacy, thinc, sqlalchemy ...), or
    Python itself (built-ins and the standard library)."""
    if "/site-packages/" in file:
        return file.split("/site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if "/src/claimgraph/" in file:
        return "claimgraph"
    if file.startswith(("~", "<")) or file.startswith("/"):
        return "python (built-ins, stdlib)"
    return file.split("/", 1)[0]  # compiled (Cython) code reports its path inside the package: spacy/tokens/doc.pyx


# ---- driver and report ---------------------------------------------------------------------------------

def bench_scale(base: int, factors: list[int], seed: int, processes: int, profile: bool, log=print) -> dict:
    runs = []
    for i, f in enumerate(factors):
        n = base * f
        cmd = [sys.executable, str(BENCH / "bench_scale.py"), "--one", str(n), "--seed", str(seed),
               "--processes", str(processes)] + (["--profile"] if profile and i == len(factors) - 1 else [])
        log(f"{f}x: {n:,} articles ...")
        with tempfile.NamedTemporaryFile(suffix=".json") as fh:
            subprocess.run(cmd + ["--result", fh.name], check=True)
            runs.append(json.loads(Path(fh.name).read_text()) | {"factor": f})
        r = runs[-1]
        log(f"{f}x: {r['total_s']:.1f} s, streaming peak {max(r['peak_mib'][s] for s in STREAMING):.0f} MiB")
    return {"machine": machine(), "loadavg": loadavg(), "base": base, "seed": seed, "processes": processes, "runs": runs}


def streaming_peak(run: dict) -> float:
    return max(run["peak_mib"][s] for s in STREAMING)


def render(res: dict) -> str:
    runs = res["runs"]
    first = runs[0]
    head = ["stage"] + [f"{r['factor']}x s" for r in runs] + [f"{r['factor']}x peak MiB" for r in runs]
    rows = []
    for s in STAGES:
        rows.append([s] + [r["wall"][s] for r in runs] + [round(r["peak_mib"][s]) if r["peak_mib"][s] else "-" for r in runs])
    rows.append(["**total (ingest + export)**"] + [r["total_s"] for r in runs] + [round(max(r["peak_mib"].values())) for r in runs])
    per_doc = [[f"{r['factor']}x", f"{r['docs']:,}", f"{r['corpus']['words']:,}", r["total_s"],
                f"{r['docs'] / r['total_s']:.2f}", f"{r['corpus']['words'] / r['total_s']:,.0f}",
                f"{(r['total_s'] / r['docs']) / (first['total_s'] / first['docs']):.2f}",
                f"{sum(r['wall'][s] for s in REBUILD) / r['total_s']:.1%}",
                round(streaming_peak(r)), f"{streaming_peak(r) / streaming_peak(prev):.2f}",
                f"{r['rebuild_alone']['s']:.1f} s, {r['rebuild_alone']['peak_mib']:.0f} MiB",
                f"{r['db_mib']:.1f}", r["failed"]] for prev, r in zip([first, *runs], runs)]
    counts = [[f"{r['factor']}x"] + [f"{r['counts'].get(k, 0):,}" for k in ("documents", "entities", "quotes", "claims", "copies")]
              for r in runs]
    parts = [
        f"# Scaling: {', '.join(str(r['factor']) + 'x' for r in runs)} corpus "
        f"({', '.join(format(r['docs'], ',') for r in runs)} articles)",
        f"`bench/bench_scale.py --base {res['base']}`: `make_scaled_corpus` articles written as JSON files, then "
        f"`ingest FOLDER` into a fresh SQLite store and a JSON export, each size in its own process; extraction on "
        f"{res['processes']} process(es). Load average {res['loadavg']} at the end.",
        md_table(["size", "articles", "words", "total s", "articles/s", "words/s", "s per article vs 1x",
                  "rebuild share", "streaming peak MiB", "vs previous size", "rebuild alone (fresh process)", "store MiB",
                  "failed"], per_doc),
        "The rebuild alone: the same store's whole-corpus rebuild, copy index included, re-run in a fresh process "
        f"without spaCy (a Python process with claimgraph imported holds ~{first['rebuild_alone']['rss_before_mib']:.0f} MiB "
        "before it starts).",
        "Time (exclusive wall seconds) and peak resident memory per stage:",
        md_table(head, rows),
        "Resident memory after 10% ... 100% of the documents were written (MiB): flat rows mean the streaming "
        "stages hold nothing per document; the first documents pay for loading the spaCy model.",
        md_table(["size", *runs[-1]["rss_after_write_mib"]],
                 [[f"{r['factor']}x", *[round(v) for v in r["rss_after_write_mib"].values()]] for r in runs]),
        "What the export held:",
        md_table(["size", "documents", "entities", "quotes", "claims", "copies"], counts),
    ]
    if "profile" in runs[-1]:
        parts.append(render_profile(runs[-1]["profile"]))
    parts.append(md_machine(res["machine"]))
    return "\n\n".join(parts) + "\n"


def render_profile(p: dict) -> str:
    def table(rows):
        return md_table(["function", "calls", "cumulative s", "% of profiled", "own s"],
                        [[f"`{r['function']}`", f"{r['calls']:,}", r["cum_s"], f"{r['cum_s'] / p['total_s']:.0%}", r["own_s"]]
                         for r in rows])
    packages = [[k, v, f"{v / p['total_s']:.0%}"] for k, v in list(p["by_package"].items())[:8]]
    return (f"## Profile of the slowest stage: {p['stage']}\n\ncProfile of {p['what']}: {p['total_s']:.1f} s profiled "
            f"(cProfile inflates many small Python calls; read shares). Full listing: bench/out/scale_profile.txt.\n\n"
            f"Own time by package (where the time is actually spent):\n\n"
            f"{md_table(['package', 'own s', 'share'], packages)}\n\n"
            f"By cumulative time:\n\n{table(p['by_cum'])}\n\nBy own time (excluding callees):\n\n{table(p['by_own'])}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", type=int, default=10, help="articles at 1x (default 10)")
    ap.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--processes", type=int, default=1, help="extraction processes (default 1: memory covers all work)")
    ap.add_argument("--profile", action="store_true", help="cProfile the slowest stage at the largest size")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)     # internal: run one size in this process
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        res = run_one(args.one, args.seed, args.processes, args.profile)
        Path(args.result).write_text(json.dumps(res))
        return 0
    res = bench_scale(args.base, args.factors, args.seed, args.processes, args.profile,
                      log=lambda s: print(s, file=sys.stderr, flush=True))
    publish("scale", render(res), res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
