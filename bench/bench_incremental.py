"""Adding one article to a store of N: does its cost stay flat in N? (issue 18, parts 2 and 3)

    .venv/bin/python bench/bench_incremental.py --sizes 300 3000 30000 --repeats 3
    .venv/bin/python bench/bench_incremental.py --sizes 100 300 1000 --repeats 1     # a quick look

For each N a store of N articles is built, then one new article is added the way a user adds it:
`claimgraph ingest NEW.json --db STORE` as a real subprocess, on a fresh copy of the N-store for each of
--repeats runs (median reported; the sizes take turns, one add each per round, so that a drift in the
shared machine's speed touches every size alike, and the ratio to the smallest N is also taken round by
round). Per N: the child's wall seconds, its CPU seconds (user + sys, from
wait4), its peak resident memory (VmHWM, polled from /proc: ru_maxrss would carry the parent's over exec),
and, from the child's own stage timings (CLAIMGRAPH_TIMINGS, see claimgraph.timings), the graph stage
(`claimgraph.run.rebuild`: the cross-document stage), the spaCy import, the model load and the start-up
before them. The graph stage per added article at each N is divided by the one at the smallest N (the
issue's target: at most 1.5x from 300 to 30,000), and its log-log slope in N is fitted.

The N-stores are synthetic above the pool size, and the report says so. A pool of real articles
(`--pool`, default 200, from `corpus.make_scaled_corpus`) is ingested once with the real pipeline (cached
in bench/out/incremental/). A store of N takes the pool's per-document rows (documents, mentions,
descriptions, doc_sources, quote occurrences, claim evidence) as they are, then copies of them until it
holds N, each copy with fresh ids and its own text: every name word of the pool's multi-word names is
replaced, in the copy's text and in every key and span that holds it, by a word of the same length from
the scaled corpus's name population, and every ordinary word that corpus.py may swap is swapped for one
of the same length. Same lengths keep every stored offset valid; the swaps keep copies of the pool from
reading as copies of each other (copy detection). Name words stay as they were in a share of each copy
that grows with the copy's number (see `keep_share`), so that, as in the scaled corpus, the pool's names
recur (hubs stay hubs) and distinct names grow as about N^NAME_GROWTH, not linearly. An acronym whose
expansion the pool shows (a one-word all-capital mention in the same cluster of a document as a multi-word
name) follows that expansion: it stays where all its expansions' name words stay (those words draw their
keep-or-rename together), else it becomes capitals of the same length (the renamed expansion's initials,
padded or cut), the same wherever it occurs in that copy; renamed apart, one acronym collected an expansion
per copy (150 for "MEK" in a 30,000-article store), one expansion an acronym per copy, and the entity step
one giant component. Then the real
`rebuild` runs once over the store, so its derived tables and copy index are what a real store has.
A check (skipped with --no-check) compares a store built this way from a quarter of the pool with the
pool itself, really ingested: the graph stage of an add, the rebuild per stored article and what the
rebuild finds per article. Results: bench/out/incremental.md and .json (or --json OUT)."""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import lru_cache
from pathlib import Path

from _common import loadavg, machine, md_machine, md_table, out_dir, publish, proc_status_kib

# distinct names grow as N^NAME_GROWTH: the really ingested scaled corpus had 1,114 entities at 100 articles
# and 5,599 at 1,000 (bench/README.md, bench_scale.py), a slope of 0.70
NAME_GROWTH = 0.7


def keep_share(r: int) -> float:
    """The chance that a name word keeps its spelling in copy `r`: a two-word name is then new in copy r
    with probability (r + 1)^(NAME_GROWTH - 1), so copies 1..R bring about R^NAME_GROWTH pools of names."""
    return math.sqrt(1.0 - (r + 1) ** (NAME_GROWTH - 1.0))
_WORDS = re.compile(r"[^\W\d_]+")
_SPLIT_WORDS = re.compile(r"([^\W\d_]+)")
_CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# free-text columns of the per-document tables: rewritten like the document's text (same words, same
# lengths); those with offsets are cut from the rewritten text, so text[start:end] stays the span
TEXT_COLUMNS = {"text", "title", "name", "speaker_text", "cue", "trigger", "value"}
SPANS = {"text": ("start", "end"), "speaker_text": ("speaker_start", "speaker_end"), "cue": ("cue_start", "cue_end"),
         "trigger": ("trigger_start", "trigger_end")}
KEY_COLUMNS = {"key", "speaker_key", "subject_key", "object_key", "place_key", "attributed_key"}


# ---- the pool: real articles, really ingested ---------------------------------------------------------

def _fingerprint(files) -> str:
    """A hash of claimgraph source files (paths relative to the package, and contents)."""
    import claimgraph

    src = Path(claimgraph.__file__).parent
    h = hashlib.sha1()
    for p in sorted(files):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in (".py", ".txt", ".json", ".tsv", ".csv"):
            h.update(p.relative_to(src).as_posix().encode() + p.read_bytes())
    return h.hexdigest()[:12]


def _extract_fingerprint() -> str:
    """Changes when the code that makes the per-document rows (ingest, clean, extract and its lexicons,
    the records, name keys) does, so a cached pool is never stale."""
    import claimgraph

    src = Path(claimgraph.__file__).parent
    return _fingerprint([p for d in ("ingest", "clean", "extract") for p in (src / d).rglob("*")]
                        + [src / "model.py", src / "names.py"])


def ingest_real(n_docs: int, seed: int, db: Path) -> float:
    """`n_docs` articles of `make_scaled_corpus` written as JSON files and ingested with the real pipeline
    (spaCy on one process), as `claimgraph ingest FOLDER` does. Returns the ingest's wall seconds."""
    from bench_scale import write_corpus

    from claimgraph.run import ingest
    from claimgraph.settings import get_settings
    from claimgraph.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(n_docs, Path(tmp), seed)
        store = Store(f"sqlite:///{db}")
        t0 = time.perf_counter()
        report = ingest([tmp], store, settings=get_settings(processes=1))
        secs = time.perf_counter() - t0
        store.dispose()
    if report.failed or len(report.ingested) != n_docs:
        raise RuntimeError(f"pool ingest: {len(report.ingested)} of {n_docs} stored, failed: {report.failed[:3]}")
    return secs


def pool_store(n_docs: int, seed: int, folder: Path, log=print) -> tuple[Path, dict]:
    """The pool's SQLite store, ingested once and cached in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"pool-{n_docs}-{seed}-{_extract_fingerprint()}.db"
    info = db.with_suffix(".json")
    if not db.exists() or not info.exists():
        for stale in (db, info):
            stale.unlink(missing_ok=True)
        log(f"pool: ingesting {n_docs} real articles (seed {seed}) once ...")
        part = db.with_suffix(".part")
        part.unlink(missing_ok=True)
        secs = ingest_real(n_docs, seed, part)
        part.rename(db)
        info.write_text(json.dumps({"docs": n_docs, "seed": seed, "ingest_s": secs}))
    return db, json.loads(info.read_text())


# ---- copies of the pool, each with its own names and words ---------------------------------------------

class Rewriter:
    """Rewrites the pool's rows for copy `r` (r = 0: the pool as it is). Word for word, each replacement
    as long as the word it replaces, so every offset stays valid and text[start:end] stays the span."""

    def __init__(self, name_words: set[str], seed: int, expansions: dict[str, list[str]] | None = None) -> None:
        from corpus import _FUNCTION, _IRREGULAR, _protected_stems, _scaled_population, _vocabulary

        from claimgraph.names import fold

        self.fold = fold
        self.seed = seed
        self.name_folds = {fold(w) for w in name_words} - {""}
        pop = _scaled_population(len(name_words), random.Random(seed))
        spellings = [s for given, sur in pop.persons for s in given + sur] + [s for org in pop.orgs for s in org]
        self.names = _by_length(w for s in spellings for w in _WORDS.findall(s) if w[0].isupper())
        self.ordinary = _by_length(w for ws in _vocabulary().values() for w in ws)
        self.keep_words = _FUNCTION | _IRREGULAR
        self.stems = _protected_stems()
        self._memo: dict[str, dict[str, str]] = {"word": {}, "key": {}}
        self._memo_copy = 0
        # acronym -> the capitalised words of its commonest expansion (for initials) and the name words of
        # all of them (it keeps its spelling where they all keep theirs); its folded form -> the acronym
        self.acronyms = {a: ([w for w in _WORDS.findall(exps[0]) if w[0].isupper() and not _is_acronym(w)],
                             {w for e in exps for w in _WORDS.findall(e)
                              if w[0].isupper() and fold(w) in self.name_folds and not _is_acronym(w)})
                         for a, exps in (expansions or {}).items() if exps}
        self.acronym_folds = {fold(a): a for a in self.acronyms}
        # the name words of acronyms that share an expansion word draw their keep-or-rename together: else
        # a kept expansion would get a new acronym in the copies where another expansion's words change
        family: dict[str, str] = {}

        def root(x: str) -> str:
            while family.get(x, x) != x:
                x = family[x]
            return x

        for a, (_, words) in self.acronyms.items():
            for w in words:
                family[root(fold(w))] = root(a)
        self.family = {fold(w): root(a) for a, (_, words) in self.acronyms.items() for w in words}

    def _pick(self, words: dict[int, list[str]], f: str, n: int, r: int, keep: float) -> str | None:
        """The stand-in for `f` in copy `r` (None: it stays, with probability `keep`): drawn from a
        generator seeded by both, so the same wherever `f` occurs in that copy, in a text or in a key."""
        pool = words.get(n)
        if not pool:
            return None
        rng = random.Random(f"{self.seed}|{r}|{f}")
        draw = rng.random()
        if f in self.family:
            draw = random.Random(f"{self.seed}|{r}|{self.family[f]}").random()
        return None if draw < keep else rng.choice(pool)

    def _memo_for(self, kind: str, r: int) -> dict[str, str]:
        """Stand-ins already drawn for copy `r` (copies are written one after the other)."""
        if self._memo_copy != r:
            self._memo, self._memo_copy = {"word": {}, "key": {}}, r
        return self._memo[kind]

    def _memoised(self, kind: str, w: str, r: int, fn) -> str:
        memo = self._memo_for(kind, r)
        new = memo.get(w)
        if new is None:
            new = memo[w] = fn(w, r)
        return new

    def word(self, w: str, r: int) -> str:
        return self._memoised("word", w, r, self._word)

    def _word(self, w: str, r: int) -> str:
        """The word `w` in copy `r`: a name word becomes another name, an ordinary word another word."""
        if w in self.acronyms:
            return self._acronym(w, r)
        f = self.fold(w)
        if f in self.name_folds and w[0].isupper():
            new = self._pick(self.names, f, len(w), r, keep_share(r))
            if new is None:
                return w
            return new.upper() if w.isupper() and len(w) > 1 else new
        if w.islower() and len(w) >= 4 and w not in self.keep_words and not w.startswith(self.stems):
            return self._pick(self.ordinary, w, len(w), r, 0.0) or w
        return w

    def _acronym(self, a: str, r: int) -> str:
        """The acronym `a` in copy `r`: as it is where its expansions' name words all keep their spelling,
        else capitals as many as its letters, from the renamed expansion's initials where there are some,
        never `a` itself (it would tie the copy's new expansion to the pool's acronym)."""
        initials, names = self.acronyms[a]
        if all(self.word(w, r) == w for w in names):
            return a
        rng = random.Random(f"{self.seed}|{r}|{a}|acronym")
        new = "".join(self.word(w, r)[0].upper() for w in initials)[:len(a)]
        new += "".join(rng.choice(_CAPITALS) for _ in range(len(a) - len(new)))
        while new == a:
            new = "".join(rng.choice(_CAPITALS) for _ in a)
        return new

    def text(self, s: str | None, r: int) -> str | None:
        if s is None or r == 0:
            return s
        memo = self._memo_for("word", r)
        parts = self._split(s)  # separators at even places, words at odd ones
        return "".join([p if i % 2 == 0 else memo.get(p) or self.word(p, r) for i, p in enumerate(parts)])

    @staticmethod
    @lru_cache(maxsize=65536)
    def _split(s: str) -> list[str]:
        """`s` cut into separators and words, once per pool text (every copy rewrites the same texts)."""
        return _SPLIT_WORDS.split(s)

    def key(self, k: str | None, r: int) -> str | None:
        """A cluster key ('PERSON:reza hashemian'): its name words folded as `word` renamed them."""
        if k is None or r == 0 or ":" not in k:
            return k
        label, rest = k.split(":", 1)

        return f"{label}:{_WORDS.sub(lambda m: self._memoised('key', m.group(0), r, self._key_word), rest)}"

    def _key_word(self, f: str, r: int) -> str:
        if f in self.acronym_folds:
            return self.fold(self.word(self.acronym_folds[f], r))
        if f not in self.name_folds:
            return f
        new = self._pick(self.names, f, len(f), r, keep_share(r))
        return self.fold(new) if new else f

    def row(self, row: dict, doc_id: str, r: int, old_text: str, new_text: str) -> dict:
        """A per-document row of the pool, rewritten for copy `r` of its document (now `doc_id`, `new_text`)."""
        out = dict(row)
        if r == 0:
            return out
        out["doc_id"] = doc_id
        for col, v in row.items():
            if v is None:
                continue
            if col in TEXT_COLUMNS:
                start, end = (row.get(c) for c in SPANS.get(col, ("", "")))
                cut = start is not None and end is not None and old_text[start:end] == v
                out[col] = new_text[start:end] if cut else self.text(v, r)
            elif col in KEY_COLUMNS:
                out[col] = self.key(v, r)
            elif col in ("id", "quote_occurrence"):  # the rows' own ids, and the one reference between them
                out[col] = f"{v}x{r}"  # the pool's ids are hex after their prefix: no copy's can equal one
        return out


def _is_acronym(w: str) -> bool:
    return len(w) >= 2 and w.isupper()


def _expansions(mentions: dict[str, list[dict]]) -> dict[str, list[str]]:
    """Acronym -> its expansions, its own commonest first: the multi-word names that share a cluster key
    with it in one document (the entity step links the two through that cluster), and those of the
    acronyms it shares a cluster with ('MEK' and 'PMOI'), which it must follow as well."""
    from collections import Counter

    own: dict[str, Counter] = {}
    group: dict[str, set[str]] = {}
    for ms in mentions.values():
        by_key: dict[str, list[str]] = {}
        for m in ms:
            by_key.setdefault(m["key"], []).append(m["text"].strip())
        for texts in by_key.values():
            acronyms = {x for x in texts if _is_acronym(x) and x.isalpha()}
            for a in acronyms:
                own.setdefault(a, Counter()).update(x for x in texts if " " in x)
                group.setdefault(a, {a}).update(acronyms)
    for a in sorted(group):  # to a fixed point: the acronyms linked to `a` through shared clusters
        while (more := set().union(*(group[b] for b in group[a]))) != group[a]:
            group[a] = more
    out = {a: [e for e, _ in own[a].most_common()] for a in group}
    return {a: list(dict.fromkeys(out[a] + [e for b in sorted(group[a]) for e in out[b]])) for a in group
            if any(out[b] for b in group[a])}


def _by_length(words) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for w in dict.fromkeys(words):
        out.setdefault(len(w), []).append(w)
    return out


def _pool_rows(pool_db: Path, limit: int) -> tuple[list[dict], dict[str, dict[str, list[dict]]]]:
    """The first `limit` documents of the pool (in ingest order) and their per-document rows by table."""
    from sqlalchemy import create_engine, select

    from claimgraph.store import schema as t

    engine = create_engine(f"sqlite:///{pool_db}")
    with engine.connect() as c:
        docs = [dict(r._mapping) for r in c.execute(select(t.documents).order_by(t.documents.c.ingested_at,
                                                                                   t.documents.c.id).limit(limit))]
        keep = {d["id"] for d in docs}
        rows: dict[str, dict[str, list[dict]]] = {}
        for table in t.PER_DOCUMENT:
            by_doc: dict[str, list[dict]] = {}
            for r in c.execute(select(table)):
                if r.doc_id in keep:
                    row = dict(r._mapping)
                    if table is t.descriptions:
                        row.pop("id")  # an autoincrement: the copy gets its own
                    by_doc.setdefault(r.doc_id, []).append(row)
            rows[table.name] = by_doc
    engine.dispose()
    return docs, rows


def build_store(db: Path, n_docs: int, pool_db: Path, pool_docs: int, seed: int, log=print) -> dict:
    """A store of `n_docs` articles: the pool's first `pool_docs` documents, then rewritten copies of
    them, written in bulk into the real schema; then the real rebuild. Returns counts and timings."""
    from corpus import _ORG_WORDS, _STARTERS, _TITLE_WORDS
    from sqlalchemy import insert

    from claimgraph.model import Document
    from claimgraph.run import rebuild
    from claimgraph.store import Store
    from claimgraph.store import schema as t

    docs, rows = _pool_rows(pool_db, pool_docs)
    # the words of multi-word names: what make_scaled_corpus recasts (titles and 'Ministry' stay as written)
    name_words = {w for ms in rows["mentions"].values() for m in ms if " " in m["text"].strip()
                  for w in _WORDS.findall(m["text"]) if w[0].isupper()}
    rw = Rewriter(name_words - _TITLE_WORDS - _STARTERS - _ORG_WORDS, seed, _expansions(rows["mentions"]))
    store = Store(f"sqlite:///{db}")
    t0 = time.perf_counter()
    batch: dict[str, list[dict]] = {name: [] for name in ("documents", *rows)}
    tables = {"documents": t.documents} | {table.name: table for table in t.PER_DOCUMENT}
    now = time.time()
    with store.begin() as c:
        c.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MiB for this connection: the random ids' indexes

        def flush() -> None:
            for name, pending in batch.items():  # documents first: the other tables refer to them
                if pending:  # the driver's executemany: SQLAlchemy's per-row parameter handling costs more
                    cols = list(pending[0])
                    sql = str(insert(tables[name]).compile(dialect=c.dialect, column_keys=cols))
                    c.exec_driver_sql(sql, [tuple(row[k] for k in cols) for row in pending])
                    pending.clear()

        for i in range(n_docs):
            r, d = divmod(i, len(docs))
            doc = docs[d]
            text = rw.text(doc["text"], r)
            doc_id = doc["id"] if r == 0 else Document.id_for(text)
            batch["documents"].append(doc | {"id": doc_id, "text": text, "title": rw.text(doc["title"], r),
                                             "source": f"bench://incremental/{r}/{d}" if r else doc["source"],
                                             "ingested_at": now - n_docs + i})
            for name, by_doc in rows.items():
                batch[name] += [rw.row(row, doc_id, r, doc["text"], text) for row in by_doc.get(doc["id"], ())]
            if len(batch["documents"]) >= 500:
                flush()
        flush()
    write_s = time.perf_counter() - t0
    log(f"  store of {n_docs:,}: rows written in {write_s:.1f} s, rebuilding ...")
    t0 = time.perf_counter()
    rebuild(store)
    rebuild_s = time.perf_counter() - t0
    counts = store.counts()
    store.dispose()
    return {"docs": n_docs, "pool_docs": len(docs), "copies_of_pool": math.ceil(n_docs / len(docs)) - 1,
            "write_s": write_s, "rebuild_s": rebuild_s, "counts": counts, "db_mib": db.stat().st_size / 2**20}


# ---- one add, measured from outside ---------------------------------------------------------------------

def _cli() -> list[str]:
    """`claimgraph` as a user runs it: the console script next to this Python, else the same entry point."""
    script = Path(sys.executable).with_name("claimgraph")
    return [str(script)] if script.exists() else [sys.executable, "-c", "import sys; from claimgraph.cli import main; sys.exit(main())"]


def add_one(store_db: Path, article: Path, work: Path) -> dict:
    """`claimgraph ingest ARTICLE --db COPY` on a fresh copy of `store_db`, in a child process."""
    from claimgraph.store import Store
    from claimgraph.timings import ENV

    db = work / "add.db"
    shutil.copyfile(store_db, db)
    _settle(db)
    timings = work / "timings.json"
    timings.unlink(missing_ok=True)
    env = os.environ | {ENV: str(timings)}
    peak = [0]
    with open(work / "out.txt", "w+b") as out, open(work / "err.txt", "w+b") as err:
        t0 = time.time()
        start = time.perf_counter()
        proc = subprocess.Popen([*_cli(), "ingest", str(article), "--db", str(db), "--json"], env=env,
                                stdout=out, stderr=err)
        done = threading.Event()

        def poll() -> None:  # the high-water mark only grows: the last reading before the exit is the peak
            while not done.is_set():
                peak[0] = max(peak[0], proc_status_kib(proc.pid, "VmHWM"))
                done.wait(0.02)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own rusage: user and system CPU
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        poller.join()
        out.seek(0)
        err.seek(0)
        report, errors = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise RuntimeError(f"claimgraph ingest exited {proc.returncode}: {errors[-2000:]}")
    stages = json.loads(timings.read_text())["stages"]
    store = Store(f"sqlite:///{db}")
    stored = store.counts()["documents"]
    store.dispose()
    first = min(s["started_at"] for s in stages.values())
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mib": peak[0] / 1024,
            "startup_s": first - t0, "stages": stages, "stored_after": stored, "report": json.loads(report)}


def _settle(path: Path) -> None:
    """Write a fresh copy out to disk before the add: otherwise the add's first checkpoint (SQLite syncs
    the file) pays for writing back the whole copy, gigabytes at 30,000 articles, which a user's store
    never has pending."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def new_article(folder: Path, seed: int) -> Path:
    """One real article of the scaled corpus that no store here holds (another seed than the pool's)."""
    from bench_scale import write_corpus

    folder.mkdir(parents=True, exist_ok=True)
    write_corpus(1, folder, seed)
    return next(folder.glob("*.json"))


def measured_add(store_db: Path, article: Path, expect_docs: int) -> dict:
    """One add of `article` on a fresh copy of the store, checked to be one incremental add."""
    with tempfile.TemporaryDirectory() as tmp:
        run = add_one(store_db, article, Path(tmp))
    if run["stored_after"] != expect_docs + 1 or run["report"].get("ingested") != 1:
        raise RuntimeError(f"the add stored {run['report']} ({run['stored_after']} documents after it)")
    if "graph rebuild" in run["stages"]:
        raise RuntimeError("the add rebuilt the whole store instead of updating it")
    return run


def summarize(runs: list[dict]) -> dict:
    """Every run and the medians."""

    def med(f) -> float:
        return statistics.median(f(r) for r in runs)

    def stage(name: str, what: str = "wall_s"):
        return lambda r: r["stages"].get(name, {}).get(what, 0.0)

    out = {"runs": runs, "wall_s": med(lambda r: r["wall_s"]), "cpu_s": med(lambda r: r["cpu_s"]),
           "peak_mib": med(lambda r: r["peak_mib"]), "startup_s": med(lambda r: r["startup_s"]),
           "import_s": med(stage("import extract")), "model_s": med(stage("load model")),
           "graph_imports_s": med(stage("import resolve")),
           # the graph stage's own work: its first step imports claimgraph.resolve (datasketch, scipy), a
           # fixed cost reported on its own row, so that it cannot hide growth in N
           "graph_s": med(lambda r: graph_own(r, "wall_s")), "graph_cpu_s": med(graph_own),
           # an add's graph stage (update_store) in two: the entity step, and everything downstream of it
           "graph_entities_s": med(stage("graph entities")), "graph_downstream_s": med(stage("graph downstream"))}
    out["rest_s"] = med(lambda r: r["wall_s"] - r["startup_s"] - sum(
        r["stages"].get(s, {}).get("wall_s", 0.0) for s in ("import extract", "load model", "graph")))
    return out


def graph_own(run: dict, what: str = "cpu_s") -> float:
    """Seconds (CPU, or `what`) of one add's graph stage, its imports apart."""
    st = run["stages"]
    return st.get("graph", {}).get(what, 0.0) - st.get("import resolve", {}).get(what, 0.0)


def slope(xs: list[float], ys: list[float]) -> float | None:
    """Least-squares slope of log y against log x: 1 is linear in N, 0 is flat."""
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx, my = statistics.fmean(p[0] for p in pts), statistics.fmean(p[1] for p in pts)
    den = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / den if den else None


def rebuild_seconds(db: Path, repeats: int = 3) -> float:
    """Median wall seconds of a whole-store rebuild in this process, each on a fresh copy of `db`."""
    from claimgraph.run import rebuild
    from claimgraph.store import Store

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeats):
            copy = Path(tmp) / "r.db"
            shutil.copyfile(db, copy)
            _settle(copy)
            store = Store(f"sqlite:///{copy}")
            t0 = time.perf_counter()
            rebuild(store)
            times.append(time.perf_counter() - t0)
            store.dispose()
            copy.unlink()
    return statistics.median(times)


def check(pool_db: Path, pool: int, article: Path, seed: int, work: Path, log=print) -> dict:
    """The pool really ingested (N = pool) against a synthetic store of the same N made from a quarter of
    it: what the rebuild finds per article, the rebuild per stored article, and the graph stage of an add."""
    syn_db = work / "check.db"
    built = build_store(syn_db, pool, pool_db, max(1, pool // 4), seed, log=log)
    from claimgraph.run import rebuild
    from claimgraph.store import Store

    real_db = work / "real.db"  # the pool as this claimgraph stores it: a pool cached by an older schema is upgraded
    shutil.copyfile(pool_db, real_db)
    store = Store(f"sqlite:///{real_db}")
    if store.is_stale():
        rebuild(store)
    real_counts = store.counts()
    store.dispose()
    out = {}
    for kind, db, counts in (("real", real_db, real_counts), ("synthetic", syn_db, built["counts"])):
        add = summarize([measured_add(db, article, pool)])
        out[kind] = {"counts": counts, "rebuild_s": rebuild_seconds(db), "add_graph_s": add["graph_s"],
                     "add_wall_s": add["wall_s"]}
        out[kind]["rebuild_per_article_ms"] = out[kind]["rebuild_s"] / pool * 1000
    out["docs"] = pool
    out["synthetic_from"] = built["pool_docs"]
    out["rebuild_ratio"] = out["synthetic"]["rebuild_s"] / out["real"]["rebuild_s"]
    out["graph_ratio"] = out["synthetic"]["add_graph_s"] / out["real"]["add_graph_s"]
    out["within_2x"] = all(0.5 <= out[k] <= 2.0 for k in ("rebuild_ratio", "graph_ratio"))
    return out


def _code_fingerprint() -> str:
    """Changes with any source file of claimgraph and with the writer that makes the stores (its code here,
    its settings, and corpus.py's name population): a kept N-store is reused only by the code that built
    it, and not thrown away when only the measuring or the report changes."""
    import inspect

    import claimgraph

    src = _fingerprint(Path(claimgraph.__file__).parent.rglob("*"))
    writer = [inspect.getsource(f) for f in (keep_share, Rewriter, _is_acronym, _expansions, _by_length, _pool_rows, build_store)]
    settings = repr((NAME_GROWTH, _WORDS.pattern, _SPLIT_WORDS.pattern, _CAPITALS, sorted(TEXT_COLUMNS), SPANS, sorted(KEY_COLUMNS)))
    corpus = (Path(__file__).parent / "corpus.py").read_bytes()
    return hashlib.sha1(src.encode() + "".join(writer).encode() + settings.encode() + corpus).hexdigest()[:12]


def n_store(n: int, pool_db: Path, pool: int, seed: int, tmp: Path, keep: Path | None, log=print) -> tuple[Path, dict]:
    """The store of `n` articles and how it was built: built in `tmp`, or, with `keep`, taken from there
    when the same pool, seed and claimgraph code built it before (a 30,000-article store's first rebuild
    takes most of an hour here), and left there for the next run."""
    if keep is None:
        db = tmp / f"store-{n}.db"
        return db, build_store(db, n, pool_db, pool, seed, log=log)
    keep.mkdir(parents=True, exist_ok=True)
    db = keep / f"store-{n}-{pool_db.stem}-{seed}-{_code_fingerprint()}.db"
    info = db.with_suffix(".json")
    if db.exists() and info.exists():
        log(f"  store of {n:,}: kept from an earlier run ({db.name})")
        return db, json.loads(info.read_text()) | {"kept": True}
    part = db.with_suffix(".part")
    part.unlink(missing_ok=True)
    built = build_store(part, n, pool_db, pool, seed, log=log)
    part.rename(db)
    info.write_text(json.dumps(built))
    return db, built


def bench_incremental(sizes: list[int], repeats: int, pool: int, seed: int, do_check: bool, cache: Path | None = None,
                      keep: Path | None = None, log=print) -> dict:
    """Everything the report shows; the pool is cached in `cache` (default bench/out/incremental/), the
    N-stores in `keep` if given."""
    pool_db, pool_info = pool_store(pool, seed, cache or out_dir() / "incremental", log=log)
    res: dict = {"machine": machine(), "sizes": [], "repeats": repeats, "pool": pool_info, "name_growth": NAME_GROWTH}
    with tempfile.TemporaryDirectory() as tmp:
        article = new_article(Path(tmp) / "new", seed + 1)
        stores = {}
        for n in sorted(sizes):
            stores[n] = n_store(n, pool_db, pool, seed, Path(tmp), keep, log=log)
            log(f"  store of {n:,}: {stores[n][1]['counts']}, rebuild {stores[n][1]['rebuild_s']:.1f} s")
        # the sizes take turns, one add each per round: the machine's speed drifts (other tenants), and a
        # drift then touches every size alike instead of the one measured while it lasted
        runs: dict[int, list[dict]] = {n: [] for n in stores}
        loads: dict[int, list[str]] = {n: [] for n in stores}
        for r in range(repeats):
            for n, (db, _) in stores.items():
                runs[n].append(measured_add(db, article, n))
                loads[n].append(loadavg())
                log(f"  round {r + 1}/{repeats}, N={n:,}: graph stage {runs[n][-1]['stages']['graph']['wall_s']:.2f} s")
        for n, (db, built) in stores.items():
            add = summarize(runs[n])
            log(f"  N={n:,}: add wall {add['wall_s']:.2f} s, graph stage {add['graph_s']:.2f} s, "
                f"peak {add['peak_mib']:.0f} MiB")
            res["sizes"].append({"n": n, "store": built, "add": add, "loadavg": loads[n][-1]})
            if keep is None:
                db.unlink()
        if do_check:
            log(f"check: {pool} articles really ingested against {pool} built from {max(1, pool // 4)} ...")
            res["check"] = check(pool_db, pool, article, seed, Path(tmp), log=log)
    first = res["sizes"][0]["add"]
    for s in res["sizes"]:  # one article is added: the graph stage of the add is its cost per added article
        s["graph_vs_smallest"] = s["add"]["graph_s"] / first["graph_s"] if first["graph_s"] else None
        s["graph_cpu_vs_smallest"] = s["add"]["graph_cpu_s"] / first["graph_cpu_s"] if first["graph_cpu_s"] else None
        # the same ratio taken within each round (its adds ran back to back), then the median of the rounds
        s["graph_cpu_paired_vs_smallest"] = statistics.median(
            graph_own(a) / graph_own(b) for a, b in zip(s["add"]["runs"], first["runs"]) if graph_own(b))
    ns = [s["n"] for s in res["sizes"]]
    res["exponent"] = {k: slope(ns, [s["add"][k] for s in res["sizes"]]) for k in EXPONENTS}
    return res


EXPONENTS = {"graph_s": "graph stage", "graph_downstream_s": "graph stage downstream of entities", "graph_cpu_s": "graph stage CPU",
             "wall_s": "add wall", "cpu_s": "add CPU", "peak_mib": "peak memory"}


def render(res: dict) -> str:
    sizes = res["sizes"]
    head = ["articles already stored"] + [f"{s['n']:,}" for s in sizes]

    def row(label: str, f, fmt=lambda v: v) -> list:
        return [label] + [fmt(f(s)) for s in sizes]

    secs = lambda v: f"{v:.2f} s"  # noqa: E731
    rows = [
        row("add 1 article, wall", lambda s: s["add"]["wall_s"], secs),
        row("of which the graph stage (`rebuild`, its imports apart)", lambda s: s["add"]["graph_s"], secs),
        row("graph stage vs the smallest N (wall / CPU)", lambda s: (s["graph_vs_smallest"], s["graph_cpu_vs_smallest"]),
            lambda v: " / ".join("-" if x is None else f"**{x:.2f}x**" for x in v)),
        row("graph stage CPU vs the smallest N, round by round (median)", lambda s: s.get("graph_cpu_paired_vs_smallest"),
            lambda v: "-" if v is None else f"**{v:.2f}x**"),
        row("graph stage: the entity step", lambda s: s["add"].get("graph_entities_s", 0.0), secs),
        row("graph stage: downstream of entities (copies, quotes, claims, support, outlets)",
            lambda s: s["add"].get("graph_downstream_s", 0.0), secs),
        row("of which start-up (interpreter, CLI imports, store open, read + clean)", lambda s: s["add"]["startup_s"], secs),
        row("of which the spaCy import (`claimgraph.extract`)", lambda s: s["add"]["import_s"], secs),
        row("of which the graph stage's imports (`claimgraph.resolve`)", lambda s: s["add"]["graph_imports_s"], secs),
        row("of which the model load", lambda s: s["add"]["model_s"], secs),
        row("of which the rest (extract + store the article, exit)", lambda s: s["add"]["rest_s"], secs),
        row("CPU of the add (user + sys)", lambda s: s["add"]["cpu_s"], secs),
        row("CPU of the graph stage (imports apart)", lambda s: s["add"]["graph_cpu_s"], secs),
        row("peak memory of the add", lambda s: s["add"]["peak_mib"], lambda v: f"{v:.0f} MiB"),
    ]
    store_rows = [
        row("real articles / synthetic copies", lambda s: f"{min(s['n'], s['store']['pool_docs']):,} / "
            f"{max(0, s['n'] - s['store']['pool_docs']):,}"),
        *[row(k, lambda s, k=k: s["store"]["counts"][k], lambda v: f"{v:,}")
          for k in ("mentions", "entities", "quotes", "claims", "copies")],
        row("store file", lambda s: s["store"]["db_mib"], lambda v: f"{v:,.0f} MiB"),
        row("built in (rows written + first rebuild)", lambda s: f"{s['store']['write_s']:.0f} + {s['store']['rebuild_s']:.0f} s"),
        row("load average after", lambda s: s["loadavg"]),
    ]
    ex = res["exponent"]
    fit = ", ".join(f"{label} N^{ex[k]:.2f}" for k, label in EXPONENTS.items() if ex.get(k) is not None)
    first, last = sizes[0], sizes[-1]
    parts = [
        f"# Adding one article to a store of N ({', '.join(format(s['n'], ',') for s in sizes)})",
        f"`claimgraph ingest NEW.json --db STORE` as a subprocess, median of {res['repeats']} run(s), each on a fresh "
        "copy of the N-store, the sizes taking turns round by round; the stage split comes from the child's own "
        "timings (CLAIMGRAPH_TIMINGS). "
        f"Graph stage per added article at N = {last['n']:,}: **{last['graph_vs_smallest']:.2f}x** the one at "
        f"N = {first['n']:,} in wall time, **{last['graph_cpu_vs_smallest']:.2f}x** in CPU time, "
        f"**{last.get('graph_cpu_paired_vs_smallest') or 0:.2f}x** taken round by round (target: at most "
        f"1.5x from 300 to 30,000). Fitted in N: {fit or '-'} (0 = flat, 1 = linear). On a shared machine the "
        "CPU figures are the steadier: wall time also counts waiting for the cores.",
        md_table(head, rows),
        f"The stores: the first {res['pool']['docs']:,} articles are `make_scaled_corpus({res['pool']['docs']}, "
        f"seed={res['pool']['seed']})` really ingested; above that they are **synthetic**: copies of those articles' "
        "stored rows with their own name words and ordinary words (same lengths, so every offset holds), then one "
        "real rebuild (see the script's docstring). The article added is a real one from another seed.",
        md_table(["store", *head[1:]], store_rows),
    ]
    if "check" in res:
        c = res["check"]
        per = lambda kind, k: c[kind]["counts"][k] / c["docs"]  # noqa: E731
        crow = [["rebuild of the whole store", *(f"{c[k]['rebuild_s']:.2f} s ({c[k]['rebuild_per_article_ms']:.1f} ms "
                                                  "per article)" for k in ("real", "synthetic")), f"{c['rebuild_ratio']:.2f}"],
                ["graph stage of an add", *(f"{c[k]['add_graph_s']:.2f} s" for k in ("real", "synthetic")),
                 f"{c['graph_ratio']:.2f}"]]
        crow += [[f"{k} per article", *(f"{per(kind, k):.2f}" for kind in ("real", "synthetic")),
                  f"{per('synthetic', k) / per('real', k):.2f}" if per("real", k) else "-"]
                 for k in ("mentions", "entities", "quotes", "claims", "copies")]
        parts += [
            f"Check of the synthetic stores: {c['docs']:,} articles really ingested against {c['docs']:,} built by "
            f"the synthetic writer from the first {c['synthetic_from']:,} of them. "
            + ("**Both timings are within a factor of 2.**" if c["within_2x"] else
               "**A timing is NOT within a factor of 2: read the synthetic figures with care.**"),
            md_table(["", "really ingested", "synthetic", "synthetic / real"], crow),
        ]
    parts.append(md_machine(res["machine"]))
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 3000, 30000], help="articles already stored")
    ap.add_argument("--repeats", type=int, default=3, help="adds per size, each on a fresh copy (median)")
    ap.add_argument("--pool", type=int, default=200, help="real articles ingested once and copied (default 200)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-check", action="store_true", help="skip the real-against-synthetic check")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    ap.add_argument("--keep-stores", type=Path, default=None, metavar="DIR",
                    help="keep the built N-stores in DIR and reuse them while the code is the same")
    args = ap.parse_args(argv)
    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    res = bench_incremental(args.sizes, args.repeats, args.pool, args.seed, not args.no_check, keep=args.keep_stores,
                            log=log)
    res["loadavg"] = loadavg()
    publish("incremental", render(res), res, *([args.json] if args.json else []))
    return 0


if __name__ == "__main__":
    sys.exit(main())
