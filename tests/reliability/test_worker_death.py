"""A multi-process ingest killed with SIGKILL leaves no extraction worker behind, and parallelism is
decided by documents, not files: one JSON Lines file of many records runs on worker processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from claimgraph.extract import cpu_count
from claimgraph.run import PARALLEL_FROM

from .conftest import CLI_CMD, cli_env, example_sentences, write_corpus

START_TIMEOUT_S = 120
GRACE_S = 5


def _children(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is `pid`, from /proc."""
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.add(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _kill_parent_and_watch_workers(cmd: list[str], want_workers: int) -> list[int]:
    """Start `cmd`, wait until it has `want_workers` children, SIGKILL it, and return the workers
    still alive GRACE_S later (killing them afterwards, so the test never leaves processes behind)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env())
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while len(workers) < want_workers and proc.poll() is None and time.monotonic() < deadline:
            workers |= _children(proc.pid)
            time.sleep(0.2)
        assert len(workers) >= want_workers, f"ingest started {len(workers)} worker processes (exit {proc.poll()})"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        time.sleep(GRACE_S)
        return sorted(p for p in workers if _alive(p))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for p in workers:
            if _alive(p):
                os.kill(p, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_die_with_a_killed_ingest(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 40)
    cmd = CLI_CMD + ["ingest", str(corpus), "--db", str(tmp_path / "k.db"), "--processes", "2"]
    assert _kill_parent_and_watch_workers(cmd, 2) == []


@pytest.mark.skipif(cpu_count() < 2 or not Path("/proc/self/stat").exists(), reason="needs 2 cores and Linux /proc")
def test_one_file_of_many_records_runs_on_workers(tmp_path):
    """One JSON Lines file of PARALLEL_FROM + 16 records, no --processes: workers start (by records,
    not by the one file), and die with the ingest."""
    sents = example_sentences()
    lines = [json.dumps({"title": f"Record {i}", "text": " ".join(sents[(i * 5 + j) % len(sents)] for j in range(3))})
             for i in range(PARALLEL_FROM + 16)]
    feed = tmp_path / "records.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cmd = CLI_CMD + ["ingest", str(feed), "--db", str(tmp_path / "r.db")]
    assert _kill_parent_and_watch_workers(cmd, 2) == []
