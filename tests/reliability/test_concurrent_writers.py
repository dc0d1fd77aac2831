"""Several `claimgraph` processes writing one store at once: every document stored exactly once,
every run exits 0, and the store equals a serial run's (SQLite file and PostgreSQL)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from claimgraph.query import export_data
from claimgraph.run import ingest
from claimgraph.store import Store
from claimgraph.timings import ENV as TIMINGS

from .conftest import CLI_CMD, canonical, cli_env, write_corpus

N_DOCS = 12
RUN_TIMEOUT_S = 240


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """N_DOCS articles in three sub-folders (a, b, c) of one folder."""
    root = tmp_path_factory.mktemp("writers") / "corpus"
    for i, path in enumerate(write_corpus(root / "all", N_DOCS)):
        sub = root / "abc"[i % 3]
        sub.mkdir(exist_ok=True)
        path.rename(sub / path.name)
    (root / "all").rmdir()
    return root


@pytest.fixture(scope="module")
def serial_export(corpus, pipeline, tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("serial") / "serial.db"
    store = Store(f"sqlite:///{db}")
    report = ingest([str(corpus)], store, extractor=pipeline.extract_stream)
    assert report.ok and len(report.ingested) == N_DOCS, report.as_dict()
    data = canonical(export_data(store))
    store.dispose()
    return data


def _run_together(commands: list[list[str]]) -> list[subprocess.CompletedProcess]:
    """Start every command at once; wait for all (bounded), killing any that outlive the limit."""
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=cli_env())
             for cmd in commands]
    done = []
    try:
        for cmd, p in zip(commands, procs):
            out, _ = p.communicate(timeout=RUN_TIMEOUT_S)
            done.append(subprocess.CompletedProcess(cmd, p.returncode, out))
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    return done


def _overlapping_ingests(corpus: Path, db: str) -> None:
    """Four ingests of overlapping folders into `db` at once: each must exit 0."""
    a, b, c = (str(corpus / x) for x in "abc")
    runs = [[a, b], [b, c], [c, a], [str(corpus)]]
    results = _run_together([CLI_CMD + ["ingest", *r, "--db", db, "--processes", "1"] for r in runs])
    for r in results:
        assert r.returncode == 0, f"{r.args[-5:]} exited {r.returncode}:\n{r.stdout[-2000:]}"
        assert "failed 0" in r.stdout, r.stdout[-2000:]


def _check_store(db: str, serial_export: str) -> None:
    store = Store(db)
    try:
        counts = store.counts()
        assert counts["documents"] == N_DOCS and counts["failures"] == 0, counts
        assert canonical(export_data(store)) == serial_export
    finally:
        store.dispose()


def test_concurrent_ingests_sqlite(corpus, serial_export, tmp_path):
    db = f"sqlite:///{tmp_path / 'shared.db'}"
    _overlapping_ingests(corpus, db)
    _check_store(db, serial_export)


def test_concurrent_ingests_postgresql(corpus, serial_export, pg_schema_url):
    _overlapping_ingests(corpus, pg_schema_url)
    _check_store(pg_schema_url, serial_export)


def test_concurrent_adds_to_a_filled_store_update_it_without_rebuilding(corpus, serial_export, pg_schema_url, tmp_path):
    """Four ingests into a PostgreSQL store that holds a third of the corpus: each takes in the articles
    pending when it gets the write lock (its own, and others' stored meanwhile), so none rebuilds the
    store, and the store equals a serial run's."""
    first = subprocess.run(CLI_CMD + ["ingest", str(corpus / "a"), "--db", pg_schema_url, "--processes", "1"],
                           capture_output=True, text=True, env=cli_env(), timeout=RUN_TIMEOUT_S)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    b, c = str(corpus / "b"), str(corpus / "c")
    runs = [[b], [c], [c, b], [str(corpus)]]
    timings = [tmp_path / f"timings-{i}.json" for i in range(len(runs))]
    procs = [subprocess.Popen(CLI_CMD + ["ingest", *r, "--db", pg_schema_url, "--processes", "1"], text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=cli_env() | {TIMINGS: str(f)})
             for r, f in zip(runs, timings)]
    for p in procs:
        out, _ = p.communicate(timeout=RUN_TIMEOUT_S)
        assert p.returncode == 0 and "failed 0" in out, out[-2000:]
    stages = [json.loads(f.read_text())["stages"] for f in timings if f.exists()]
    assert stages and all("graph rebuild" not in s for s in stages), [sorted(s) for s in stages]
    assert any("graph entities" in s for s in stages)  # some ingest did update the graph
    _check_store(pg_schema_url, serial_export)


def test_concurrent_opens_of_a_new_store(tmp_path):
    """Three `claimgraph stats` on a file that does not exist yet: all create or read the schema, none fails."""
    db = str(tmp_path / "new.db")
    results = _run_together([CLI_CMD + ["stats", "--db", db, "--json"] for _ in range(3)])
    for r in results:
        assert r.returncode == 0, r.stdout[-2000:]
        assert '"documents": 0' in r.stdout, r.stdout[-2000:]
