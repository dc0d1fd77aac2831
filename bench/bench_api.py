"""API latency on stores of 10k and 100k synthetic articles: p50/p95 per endpoint, bounded request loops.

    .venv/bin/python bench/bench_api.py                    # 10,000 and 100,000 articles (~8 minutes)
    .venv/bin/python bench/bench_api.py --docs 2000 --requests 50

The store is written straight into the tables (SQLAlchemy Core, the real schema) instead of running
spaCy over 10k articles, which would take an hour on this machine and measure extraction, not the
query layer: each synthetic article has ~16 mentions of entities drawn from a pool of 2,000 (each
with 1-3 spelling variants), ~6 claims with evidence offsets into its text, a quote and, for one
article in ten, a copied passage. Entities are drawn from a population that grows with the store
(2,000 per 10k articles), so the 100k store is the 10k one ten times over, not the same cast ten
times as often. The smallest store is the baseline: the report gives each endpoint's p50 at every
larger size as a ratio to it (10 would mean the endpoint scans the store). The server is uvicorn on 127.0.0.1 in this process (one worker);
requests are sequential from one httpx client, each endpoint's parameter cycling over sampled ids
and names so no single row stays hot. Results go to bench/out/api.md and api.json."""

from __future__ import annotations

import argparse
import hashlib
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import loadavg, machine, md_machine, md_table, publish

SYL = ["ka", "ri", "mo", "sa", "del", "var", "to", "nen", "ha", "lu", "pe", "zor", "an", "ve", "kim", "ra", "bor", "tes"]
PREDICATES = ["expel", "accuse", "deny", "meet", "visit", "arrest", "threaten", "call_for", "holds_role", "plot"]
VERBS = {"expel": "expelled", "accuse": "accused", "deny": "denied meeting", "meet": "met", "visit": "visited",
         "arrest": "arrested", "threaten": "threatened", "call_for": "called for talks with", "holds_role": "is an adviser to",
         "plot": "plotted against"}
MODALITIES = ["asserted"] * 6 + ["hedged"] * 2 + ["denied"]
OUTLETS = [f"Outlet {i}" for i in range(60)]


def _id(prefix: str, *parts: object) -> str:
    return prefix + hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{word()} {word()}"


def build_store(path: Path, n_docs: int, seed: int = 0) -> dict:
    """Write a synthetic store; return samples (entity names and ids, claim, quote, doc ids) to query."""
    from sqlalchemy import insert

    from claimgraph.names import fold
    from claimgraph.store import Store
    from claimgraph.store import schema as t

    rng = random.Random(seed)
    store = Store(f"sqlite:///{path}")
    n_ent = max(2000, n_docs // 5)
    ents = []
    for i in range(n_ent):
        name = _name(rng)
        variants = [name, name.replace(" ", "-"), name.split()[0][:-1] + "i " + name.split()[1]][: rng.randint(1, 3)]
        ents.append({"id": _id("e", i), "name": name, "type": rng.choice(["PERSON", "ORG", "GPE"]), "variants": variants})
    weights = [1 / (i + 1) for i in range(n_ent)]  # a few entities are everywhere, most are rare
    docs, mentions, members, evidence, occurrences = [], [], {}, [], []
    claim_docs: dict[str, set] = {}
    claim_row: dict[str, dict] = {}
    claim_members, quote_members, copies = [], [], []
    quotes = {}
    t0 = time.time()
    for d in range(n_docs):
        doc_id = _id("d", d)
        cast = rng.choices(range(n_ent), weights=weights, k=8)
        parts, pos = [], 0
        title = f"{ents[cast[0]]['name']} and {ents[cast[1]]['name']} in the news"
        parts.append(title + "\n\n")
        pos = len(parts[0])
        year = rng.randint(2010, 2024)
        for s in range(6):
            a, b = rng.sample(cast, 2)
            pred = rng.choice(PREDICATES)
            sa, sb = rng.choice(ents[a]["variants"]), rng.choice(ents[b]["variants"])
            hedge = rng.choice(MODALITIES)
            lead = "Reportedly, " if hedge == "hedged" else ""
            when = f"{year}-{rng.randint(1, 12):02d}"
            sent = f"{lead}{sa} {VERBS[pred]} {sb} in {when}, officials said."
            start = pos
            a0 = start + len(lead)
            b0 = a0 + len(sa) + 1 + len(VERBS[pred]) + 1
            for text, off, ent in ((sa, a0, a), (sb, b0, b)):
                key = fold(text)
                mentions.append({"id": _id("m", doc_id, off), "doc_id": doc_id, "start": off, "end": off + len(text),
                                 "text": text, "label": ents[ent]["type"], "key": key, "name": text,
                                 "extractor": "bench"})
                members[(doc_id, key)] = ents[ent]["id"]
            ev_id = _id("v", doc_id, s)
            evidence.append({"id": ev_id, "doc_id": doc_id, "subject_key": fold(sa), "predicate": pred,
                             "object_key": fold(sb), "value": "adviser" if pred == "holds_role" else None,
                             "time": None if pred == "holds_role" else when, "place_key": None, "start": start,
                             "end": start + len(sent), "text": sent, "modality": hedge, "attributed_key": None,
                             "quote_occurrence": None, "trigger": VERBS[pred], "extractor": "bench"})
            cid = _id("c", ents[a]["id"], pred, ents[b]["id"])
            claim_row.setdefault(cid, {"id": cid, "subject": ents[a]["id"], "predicate": pred, "object": ents[b]["id"],
                                       "value": "adviser" if pred == "holds_role" else None,
                                       "time": None if pred == "holds_role" else when, "place": None})
            claim_docs.setdefault(cid, set()).add(doc_id)
            claim_members.append({"evidence_id": ev_id, "claim_id": cid})
            parts.append(sent + (" " if s % 2 == 0 else "\n\n"))
            pos += len(parts[-1])
        qn = rng.randint(0, 3000)
        qtext = f"We will answer every {SYL[qn % len(SYL)]} accusation number {qn} in time."
        speaker = rng.choice(cast)
        sname = ents[speaker]["variants"][0]
        qsent = f"\"{qtext}\" {sname} said."
        occ_id = _id("o", doc_id)
        occurrences.append({"id": occ_id, "doc_id": doc_id, "start": pos + 1, "end": pos + 1 + len(qtext), "text": qtext,
                            "cue": "said", "speaker_key": fold(sname), "speaker_text": sname,
                            "speaker_start": pos + len(qtext) + 3, "speaker_end": pos + len(qtext) + 3 + len(sname),
                            "said_on": None, "extractor": "bench"})
        qid = _id("q", qn)
        quotes.setdefault(qid, {"id": qid, "text": qtext, "speaker": ents[speaker]["id"], "speaker_text": sname,
                                "said_on": None})
        quote_members.append({"occurrence_id": occ_id, "quote_id": qid})
        parts.append(qsent + "\n")
        text = "".join(parts)
        docs.append({"id": doc_id, "source": f"synthetic/{d}.txt", "url": f"https://news.example/{d}", "title": title,
                     "authors": "[]", "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                     "outlet": rng.choice(OUTLETS), "wire": None, "dateline": None, "text": text, "removed": "[]",
                     "extractor": "bench", "ingested_at": t0 + d})
        if d and d % 10 == 0:
            copies.append({"doc_a": _id("d", d - 1), "start_a": 0, "end_a": 120, "doc_b": doc_id, "start_b": 0, "end_b": 120})
    claims = []
    for cid, row in claim_row.items():
        n = len(claim_docs[cid])
        claims.append(row | {"documents": n, "independent": max(1, n - rng.randint(0, n // 2)), "denials": 0,
                             "conflicts": "[]"})
    with store.engine.begin() as c:
        c.execute(insert(t.entities), [{k: e[k] for k in ("id", "name", "type")} for e in ents])
        for table, rows in ((t.documents, docs), (t.mentions, mentions), (t.claim_evidence, evidence),
                            (t.quote_occurrences, occurrences), (t.claims, claims), (t.claim_members, claim_members),
                            (t.quotes, list(quotes.values())), (t.quote_members, quote_members), (t.copies, copies),
                            (t.entity_members, [{"doc_id": d, "key": k, "entity_id": e} for (d, k), e in members.items()])):
            for i in range(0, len(rows), 5000):
                c.execute(insert(table), rows[i:i + 5000])
        _aggregates(c)
    store.dispose()
    used = sorted({r["subject"] for r in claims})
    return {"names": [ents[i]["variants"][-1] for i in range(0, 200, 7)],
            "entity_ids": rng.sample(used, 40), "claims": [r["id"] for r in rng.sample(claims, 40)],
            "quotes": rng.sample(list(quotes), 20), "docs": [d["id"] for d in rng.sample(docs, 40)],
            "words": ["officials accusation", "expelled", "talks", "answer every", "plotted against"],
            "counts": {"documents": len(docs), "mentions": len(mentions), "entities": len(ents), "claims": len(claims),
                       "evidence": len(evidence), "quotes": len(quotes), "copies": len(copies)}}


def _aggregates(c) -> None:
    """The per-entity and per-outlet aggregates a rebuild stores, computed here in SQL from the rows above."""
    from sqlalchemy import text

    member = "JOIN entity_members em ON em.doc_id = m.doc_id AND em.key = m.key"
    c.execute(text(f"INSERT INTO entity_aliases SELECT em.entity_id, m.text, count(*) FROM mentions m {member} "
                   "GROUP BY em.entity_id, m.text"))
    c.execute(text(f"INSERT INTO entity_stats SELECT em.entity_id, count(*), count(DISTINCT m.doc_id) FROM mentions m "
                   f"{member} GROUP BY em.entity_id"))
    outlet = "coalesce({0}.outlet, {0}.wire, '(unknown)')"
    c.execute(text(f"INSERT INTO outlets SELECT d.o, d.n, coalesce(cl.n, 0), d.w FROM "
                   f"(SELECT {outlet.format('documents')} AS o, count(*) AS n, max(wire) AS w FROM documents GROUP BY 1) d "
                   f"LEFT JOIN (SELECT {outlet.format('d2')} AS o, count(DISTINCT cm.claim_id) AS n FROM claim_evidence ev "
                   "JOIN claim_members cm ON cm.evidence_id = ev.id JOIN documents d2 ON d2.id = ev.doc_id GROUP BY 1) cl "
                   "ON cl.o = d.o"))


def endpoints(s: dict) -> dict[str, list[str]]:
    """endpoint label -> the concrete URLs its loop cycles over."""
    from urllib.parse import quote

    def q(x: str) -> str:
        return quote(x, safe="")

    return {
        "GET /api/entities?q=NAME": [f"/api/entities?q={q(n.split()[0])}" for n in s["names"]],
        "GET /api/entities/{name}": [f"/api/entities/{q(n)}" for n in s["names"]],
        "GET /api/entities/{id}": [f"/api/entities/{e}" for e in s["entity_ids"]],
        "GET /api/claims?min_independent=2": [f"/api/claims?min_independent=2&offset={i * 50}" for i in range(10)],
        "GET /api/claims?subject=NAME": [f"/api/claims?subject={q(n)}" for n in s["names"]],
        "GET /api/claims/{id}": [f"/api/claims/{c}" for c in s["claims"]],
        "GET /api/quotes?speaker=ID": [f"/api/quotes?speaker={e}" for e in s["entity_ids"]],
        "GET /api/timeline?entity=ID": [f"/api/timeline?entity={e}" for e in s["entity_ids"]],
        "GET /api/documents/{id}": [f"/api/documents/{d}" for d in s["docs"]],
        "GET /api/search?q=TEXT": [f"/api/search?q={q(w)}" for w in s["words"]],
        "GET /api/network?entity=ID": [f"/api/network?entity={e}" for e in s["entity_ids"]],
        "GET /api/sources": ["/api/sources"],
        "GET /api/matrix": ["/api/matrix"],
        "GET /entity/{id} (HTML)": [f"/entity/{e}" for e in s["entity_ids"]],
        "GET /claim/{id} (HTML)": [f"/claim/{c}" for c in s["claims"]],
        "GET /doc/{id} (HTML)": [f"/doc/{d}" for d in s["docs"]],
    }


def serve(db: Path):
    import uvicorn

    from claimgraph.api import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(f"sqlite:///{db}"), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def bench_api(n_docs: int, requests: int, budget_s: float, seed: int = 0, log=print) -> dict:
    import httpx

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        samples = build_store(db, n_docs, seed)
        build_s = time.perf_counter() - t0
        log(f"store: {samples['counts']} in {build_s:.1f}s")
        server, thread, base = serve(db)
        results = {}
        try:
            with httpx.Client(base_url=base, timeout=60, headers={"accept": "text/html"}) as client:
                for label, urls in endpoints(samples).items():
                    client.get(urls[0])  # warm-up: first-call caches (alias index, FTS fill) are reported apart
                    times, statuses = [], set()
                    stop = time.perf_counter() + budget_s
                    for i in range(requests):
                        t = time.perf_counter()
                        r = client.get(urls[i % len(urls)])
                        times.append((time.perf_counter() - t) * 1000)
                        statuses.add(r.status_code)
                        if time.perf_counter() > stop:
                            break
                    times_sorted = sorted(times)
                    results[label] = {"n": len(times), "p50_ms": statistics.median(times),
                                      "p95_ms": times_sorted[min(len(times) - 1, int(0.95 * len(times)))],
                                      "max_ms": times_sorted[-1], "statuses": sorted(statuses)}
                    log(f"{label}: p50 {results[label]['p50_ms']:.1f} ms, p95 {results[label]['p95_ms']:.1f} ms "
                        f"(n={len(times)}, {sorted(statuses)})")
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    return {"machine": machine(), "loadavg": loadavg(), "docs": n_docs, "store": samples["counts"],
            "build_s": build_s, "requests_per_endpoint": requests, "budget_s": budget_s, "endpoints": results}


def render(runs: list[dict]) -> str:
    base = runs[0]
    head = ["endpoint"] + [f"{r['docs']:,} p50 / p95 ms" for r in runs] + \
        [f"p50 {r['docs']:,} / {base['docs']:,}" for r in runs[1:]]
    rows = []
    for label, b in base["endpoints"].items():
        cells = [f"{r['endpoints'][label]['p50_ms']:.1f} / {r['endpoints'][label]['p95_ms']:.1f}" for r in runs]
        ratios = [f"{r['endpoints'][label]['p50_ms'] / b['p50_ms']:.1f}" for r in runs[1:]]
        rows.append([label, *cells, *ratios])
    stores = "; ".join(f"{r['docs']:,} articles: " + ", ".join(f"{v:,} {k}" for k, v in r["store"].items() if k != "documents")
                       + f" (built in {r['build_s']:.0f} s)" for r in runs)
    bad = sorted({s for r in runs for e in r["endpoints"].values() for s in e["statuses"] if s != 200})
    return "\n\n".join([
        f"# API latency ({', '.join(format(r['docs'], ',') for r in runs)} synthetic articles)",
        f"Stores: {stores}. Sequential requests from one client to uvicorn on 127.0.0.1 (one process); "
        f"up to {base['requests_per_endpoint']} requests or {base['budget_s']:.0f} s per endpoint after one warm-up "
        f"request. Load average {', '.join(r['loadavg'] for r in runs)} after each size. "
        + (f"Statuses other than 200: {bad}." if bad else "Every response was 200."),
        md_table(head, rows),
        md_machine(base["machine"]),
    ]) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[10_000, 100_000], help="store sizes (default 10000 100000)")
    ap.add_argument("--requests", type=int, default=100, help="requests per endpoint (default 100)")
    ap.add_argument("--budget", type=float, default=20.0, help="seconds per endpoint at most (default 20)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    runs = [bench_api(n, args.requests, args.budget, args.seed, log=log) for n in sorted(args.docs)]
    publish("api", render(runs), runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
