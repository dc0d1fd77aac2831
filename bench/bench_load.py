"""Load during an ingest: 8 clients, 2,000 mixed requests (API, pages, full-text search, /sources)
against a served store while `claimgraph ingest` writes into the same SQLite file.

    .venv/bin/python bench/bench_load.py                         # 10,000-article store
    .venv/bin/python bench/bench_load.py --docs 100000           # the bench_api.py 100k store (~3 min to build)
    .venv/bin/python bench/bench_load.py --docs 2000 --requests 300

The store is bench_api.py's synthetic one (real schema, written straight into the tables); the
server is uvicorn on 127.0.0.1 in this process, as `claimgraph serve` runs it. While the clients run,
a real `claimgraph ingest` subprocess (spaCy, one process) ingests --ingest-docs small articles into
the same file and then rebuilds. Reported: p50/p95/max per request kind and overall, 5xx and
transport errors, the ingest's exit status and failed documents, and /sources alone (sequential,
before the load) next to /sources under load. Results go to bench/out/load.md and load.json."""

from __future__ import annotations

import argparse
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import ROOT, loadavg, machine, md_machine, md_table, publish
from bench_api import build_store, endpoints, serve

CLI = [sys.executable, "-c", "from claimgraph.cli import main; main()"]


def write_articles(folder: Path, n: int) -> None:
    """`n` small distinct articles from the sentences of examples/*.txt."""
    sents = sorted({s.strip() + "." for p in sorted((ROOT / "examples").glob("*.txt"))
                    for s in p.read_text(encoding="utf-8").replace("\n", " ").split(". ") if 40 <= len(s) <= 300})
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = "\n\n".join(sents[(i * 7 + j * 3) % len(sents)] for j in range(4))
        (folder / f"load-{i:04d}.txt").write_text(f"Load report {i}\n\n{body}\n", encoding="utf-8")


def percentiles(times: list[float]) -> dict:
    s = sorted(times)
    return {"n": len(s), "p50_ms": statistics.median(s), "p95_ms": s[min(len(s) - 1, int(0.95 * len(s)))], "max_ms": s[-1]}


def mixed_requests(samples: dict, n: int, seed: int) -> list[tuple[str, str]]:
    """`n` (kind, url) pairs: every bench_api endpoint, the search and sources pages, shuffled."""
    kinds = endpoints(samples)
    kinds["GET /search?q=TEXT (HTML)"] = [u.replace("/api/search", "/search") for u in kinds["GET /api/search?q=TEXT"]]
    kinds["GET /sources (HTML)"] = ["/sources"]
    rng = random.Random(seed)
    labels = sorted(kinds)
    out = [(labels[i % len(labels)], rng.choice(kinds[labels[i % len(labels)]])) for i in range(n)]
    rng.shuffle(out)
    return out


def run_clients(base: str, work: list[tuple[str, str]], clients: int) -> tuple[dict[str, list[float]], dict]:
    """Send `work` from `clients` threads; per-kind times (ms) and counts of 5xx, other non-200, errors."""
    import httpx

    todo: queue.Queue = queue.Queue()
    for item in work:
        todo.put(item)
    times: dict[str, list[float]] = {}
    errors = {"5xx": 0, "other_non_200": 0, "transport": 0}
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(base_url=base, timeout=120, headers={"accept": "text/html"}) as c:
            while True:
                try:
                    kind, url = todo.get_nowait()
                except queue.Empty:
                    return
                t = time.perf_counter()
                try:
                    status = c.get(url).status_code
                except httpx.HTTPError:
                    status = None
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    times.setdefault(kind, []).append(ms)
                    if status is None:
                        errors["transport"] += 1
                    elif status >= 500:
                        errors["5xx"] += 1
                    elif status != 200:
                        errors["other_non_200"] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return times, errors


def bench_load(n_docs: int, n_requests: int, clients: int, ingest_docs: int, seed: int, log=print) -> dict:
    import httpx

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.db"
        t0 = time.perf_counter()
        samples = build_store(db, n_docs, seed)
        log(f"store: {samples['counts']} in {time.perf_counter() - t0:.1f}s")
        write_articles(Path(tmp) / "incoming", ingest_docs)
        server, thread, base = serve(db)
        try:
            with httpx.Client(base_url=base, timeout=120, headers={"accept": "text/html"}) as c:
                c.get("/sources")
                alone = []
                for _ in range(20):
                    t = time.perf_counter()
                    assert c.get("/sources").status_code == 200
                    alone.append((time.perf_counter() - t) * 1000)
            log(f"/sources alone: {percentiles(alone)}")
            ingest = subprocess.Popen(CLI + ["ingest", str(Path(tmp) / "incoming"), "--db", str(db), "--processes", "1"],
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            t1 = time.perf_counter()
            times, errors = run_clients(base, mixed_requests(samples, n_requests, seed), clients)
            load_s = time.perf_counter() - t1
            ingest_running_at_end = ingest.poll() is None
            try:
                out, _ = ingest.communicate(timeout=900)
            except subprocess.TimeoutExpired:
                ingest.kill()
                out, _ = ingest.communicate()
            log(f"load: {load_s:.1f}s, errors {errors}; ingest exit {ingest.returncode}: {out.strip().splitlines()[-1:]}")
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    summary = out.strip().splitlines()[-1] if out.strip() else ""
    failed = int(summary.split("failed ")[1].split()[0]) if "failed " in summary else None
    return {"machine": machine(), "loadavg": loadavg(), "docs": n_docs, "store": samples["counts"], "clients": clients,
            "requests": n_requests, "load_s": load_s, "errors": errors, "all": percentiles([x for v in times.values() for x in v]),
            "kinds": {k: percentiles(v) for k, v in sorted(times.items())}, "sources_alone": percentiles(alone),
            "ingest": {"docs": ingest_docs, "exit": ingest.returncode, "failed": failed, "summary": summary,
                       "still_running_when_load_ended": ingest_running_at_end}}


def render(r: dict) -> str:
    def row(label: str, p: dict) -> list:
        return [label, p["n"], f"{p['p50_ms']:.1f}", f"{p['p95_ms']:.1f}", f"{p['max_ms']:.1f}"]

    rows = [row("all requests", r["all"])] + [row(k, p) for k, p in r["kinds"].items()]
    rows.append(row("GET /sources (HTML) alone, sequential, before the load", r["sources_alone"]))
    ing = r["ingest"]
    return "\n\n".join([
        f"# Load during an ingest ({r['docs']:,}-article store, {r['clients']} clients, {r['requests']:,} requests)",
        f"{r['requests']:,} mixed requests from {r['clients']} threads in {r['load_s']:.1f} s, while `claimgraph ingest` "
        f"stored {ing['docs']} articles into the same SQLite file and rebuilt. Errors: {r['errors']['5xx']} 5xx, "
        f"{r['errors']['other_non_200']} other non-200, {r['errors']['transport']} transport. Ingest: exit {ing['exit']}, "
        f"{ing['failed']} failed ({ing['summary']}); still running when the load ended: "
        f"{ing['still_running_when_load_ended']}. Load average after: {r['loadavg']}.",
        md_table(["request", "n", "p50 ms", "p95 ms", "max ms"], rows),
        md_machine(r["machine"]),
    ]) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=10_000, help="synthetic store size (default 10000)")
    ap.add_argument("--requests", type=int, default=2000, help="requests in all (default 2000)")
    ap.add_argument("--clients", type=int, default=8, help="client threads (default 8)")
    ap.add_argument("--ingest-docs", type=int, default=40, help="articles the concurrent ingest stores (default 40)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    result = bench_load(args.docs, args.requests, args.clients, args.ingest_docs, args.seed, log=log)
    publish("load", render(result), result)
    bad = result["errors"]["5xx"] + result["errors"]["transport"] + (result["ingest"]["failed"] or 0)
    return 0 if bad == 0 and result["ingest"]["exit"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
