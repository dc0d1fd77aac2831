"""A folder mixing hostile files with good ones: every hostile file is either read or refused with one
clear line, the run stays bounded, and every good article is stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from claimgraph.run import IngestReport, ingest
from claimgraph.settings import get_settings
from claimgraph.store import Store

from .conftest import REPO_ROOT, write_corpus

CAP = 6_000_000  # max_bytes for the run: the 5 MB page is under it, the big text file over it
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _ingest_bounded(inputs, store, settings, extractor, seconds: float) -> IngestReport:
    """run.ingest in a thread: a FIFO or a parser that never returns fails the test instead of hanging it."""
    box: dict = {}

    def go():
        try:
            box["report"] = ingest(inputs, store, settings=settings, extractor=extractor)
        except BaseException as exc:  # noqa: BLE001 -- re-raised in the test thread
            box["exc"] = exc

    th = threading.Thread(target=go, daemon=True)
    th.start()
    th.join(seconds)
    assert not th.is_alive(), f"ingest still running after {seconds} s"
    if "exc" in box:
        raise box["exc"]
    return box["report"]


def _hostile_folder(folder: Path) -> tuple[list[Path], dict[str, str]]:
    """Good articles plus hostile files. Returns (good paths, {hostile path: 'fail' | 'either'})."""
    good = write_corpus(folder / "good", 6)
    (folder / "good" / "page.html").write_text(
        "<html><head><title>Envoys told to leave</title></head><body><article><p>Veldoria ordered two Marenthian "
        "diplomats to leave within 72 hours on Thursday, the foreign ministry said.</p></article></body></html>",
        encoding="utf-8")
    good.append(folder / "good" / "page.html")
    bad = folder / "bad"
    bad.mkdir()
    expect: dict[str, str] = {}

    nested = bad / "nested-bomb.html"  # 5 MB of nesting around one sentence
    depth = 450_000
    nested.write_text("<html><body>" + "<div>" * depth + "<p>Police said the camp was watched for months.</p>"
                      + "</div>" * depth + "</body></html>", encoding="utf-8")
    expect[str(nested)] = "either"

    big = bad / "too-big.txt"
    with big.open("w", encoding="utf-8") as f:
        line = "The ministry denied the accusations on Thursday. " * 20 + "\n"
        while f.tell() <= CAP + 100_000:
            f.write(line)
    expect[str(big)] = "fail"

    (bad / "nuls.txt").write_bytes(b"\x00" * 5000 + b"Officers seized two phones." + b"\x00" * 5000)
    expect[str(bad / "nuls.txt")] = "fail"
    (bad / "few-nuls.txt").write_bytes(b"Officers seized two\x00 phones and a\x00 hand-drawn map on Tuesday.\n")
    expect[str(bad / "few-nuls.txt")] = "either"
    (bad / "image.txt").write_bytes(PNG + os.urandom(2000))
    expect[str(bad / "image.txt")] = "fail"
    (bad / "record.html").write_text(json.dumps({"text": "A record with JSON inside an HTML name."}), encoding="utf-8")
    expect[str(bad / "record.html")] = "either"
    (bad / "empty.txt").write_bytes(b"")
    expect[str(bad / "empty.txt")] = "fail"
    (bad / "latin1.txt").write_bytes("Le ministère a démenti les accusations jeudi à Tirana.".encode("latin-1"))
    expect[str(bad / "latin1.txt")] = "either"

    loop_file = bad / "self-loop.txt"
    os.symlink(loop_file.name, loop_file)  # self-referencing symlink: ELOOP on open
    expect[str(loop_file)] = "fail"
    os.symlink("..", bad / "up")  # directory loop: bad/up -> folder; walked once, never forever

    fifo = bad / "pipe.txt"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        expect[str(fifo)] = "fail"

    if os.geteuid() != 0:  # root reads anything: the permission case only means something as a user
        locked = bad / "locked.txt"
        locked.write_text("Nobody may read this article about the expelled diplomats.", encoding="utf-8")
        locked.chmod(0)
        expect[str(locked)] = "fail"
    return good, expect


def test_hostile_files_fail_in_one_line_and_good_files_are_all_stored(tmp_path, no_extract):
    folder = tmp_path / "mixed"
    good, expect = _hostile_folder(folder)
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        report = _ingest_bounded([str(folder)], store, get_settings(max_bytes=CAP), no_extract, seconds=90)
        stored = {d["source"]: d for d in store.documents()}
        failed = dict(report.failed)

        # every good article stored, once
        for p in good:
            assert str(p) in stored or any(s.startswith(str(p)) for s in stored), f"good file lost: {p}"
        assert len({d["id"] for d in stored.values()}) == len(stored)

        # every failure is one clear line: "[E1xx] source: reason"
        for source, why in report.failed:
            assert "\n" not in why and why.startswith("[E") and "] " in why, why
            assert len(why) < 500, why
            assert "Traceback" not in why
        # hostile files: refused where they must be, read or refused (never silently dropped) otherwise
        for src, kind in expect.items():
            if kind == "fail":
                assert src in failed, f"{src} was not refused: stored={src in stored}"
                assert src not in stored
            else:
                assert (src in failed) != (src in stored), f"{src}: failed={src in failed}, stored={src in stored}"
        # nothing reported twice, nothing from the good folder failed
        assert len(failed) == len(report.failed)
        assert not [s for s in failed if "/good/" in s]
        assert str(folder / "bad" / "too-big.txt") in failed
        assert "[E103]" in failed[str(folder / "bad" / "too-big.txt")]
        assert "[E102]" in failed[str(folder / "bad" / "image.txt")]
        # the failures table logs each one
        assert store.counts()["failures"] == len(report.failed)
        # the nested page, if stored, kept its sentence
        nested = str(folder / "bad" / "nested-bomb.html")
        if nested in stored:
            assert "Police said the camp was watched for months." in stored[nested]["text"]
        # the few stray NULs are gone from the stored text
        few = str(folder / "bad" / "few-nuls.txt")
        if few in stored:
            assert "\x00" not in stored[few]["text"]
    finally:
        store.dispose()


_BOMB_RUN = """
import sys, time
from claimgraph.model import Extraction
from claimgraph.run import ingest
from claimgraph.settings import get_settings
from claimgraph.store import Store
store = Store(sys.argv[2])
t = time.monotonic()
r = ingest([sys.argv[1]], store, settings=get_settings(), extractor=lambda ds: [Extraction(doc=d.id) for d in ds])
print(len(r.ingested), len(r.failed), round(time.monotonic() - t, 1))
"""


def test_repetitive_5mb_html_is_handled_in_bounded_time(tmp_path):
    folder = tmp_path / "bomb"
    write_corpus(folder, 2)
    (folder / "repetitive.html").write_text(
        "<html><body>" + "<p>Spam spam spam and more spam. </p>" * 140_000 + "</body></html>", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("CLAIMGRAPH_DB", "CLAIMGRAPH_MAX_BYTES")}
    try:
        done = subprocess.run([sys.executable, "-c", _BOMB_RUN, str(folder), f"sqlite:///{tmp_path / 'b.db'}"],
                              capture_output=True, text=True, timeout=20, env=env, cwd=REPO_ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail("ingest of 2 articles and one 5 MB repetitive page did not finish in 20 s")
    assert done.returncode == 0, done.stderr[-2000:]
    ingested, failed, _secs = done.stdout.split()
    assert int(ingested) + int(failed) == 3 and int(ingested) >= 2


def test_100mb_text_is_refused_without_being_read(tmp_path, no_extract):
    """A 100 MB text file, over the default cap (20 MB), is refused by its size before it is read: the
    run allocates a small fraction of it, and the article beside it is stored."""
    import tracemalloc

    folder = tmp_path / "huge"
    good = write_corpus(folder, 1)
    big = folder / "dump.txt"
    block = ("The ministry denied the accusations on Thursday. " * 40 + "\n").encode() * 256  # ~0.5 MB
    with big.open("wb") as f:
        while f.tell() < 100 * 2**20:
            f.write(block)
    warm = Store(f"sqlite:///{tmp_path / 'warm.db'}")
    _ingest_bounded([str(p) for p in good], warm, get_settings(), no_extract, seconds=30)  # imports, caches
    warm.dispose()
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    env_cap = os.environ.pop("CLAIMGRAPH_MAX_BYTES", None)
    tracemalloc.start()
    try:
        report = _ingest_bounded([str(folder)], store, get_settings(), no_extract, seconds=30)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        if env_cap is not None:
            os.environ["CLAIMGRAPH_MAX_BYTES"] = env_cap
    try:
        assert [s for s, _ in report.failed] == [str(big)]
        assert report.failed[0][1].startswith("[E103]")
        assert peak < 10 * 2**20, f"{peak / 2**20:.0f} MiB allocated: the file was read"
        assert [d["source"] for d in store.documents()] == [str(p) for p in good]
    finally:
        store.dispose()
