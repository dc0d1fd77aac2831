"""The API keeps answering, with whole and consistent data, while an ingest writes the same SQLite file."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time

import httpx
import pytest

from claimgraph.api.app import create_app
from claimgraph.store import Store

from .conftest import CLI, doc_count, write_corpus

N_DOCS = 40
MAX_REQUESTS = 200
MAX_SECONDS = 20.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """uvicorn serving create_app(store) on 127.0.0.1 in a thread; yields (base_url, db_path)."""
    import uvicorn

    db = tmp_path / "live.db"
    Store(f"sqlite:///{db}").dispose()  # create the schema before the writer starts
    app = create_app(f"sqlite:///{db}")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}", db
    finally:
        srv.should_exit = True
        th.join(timeout=10)
        app.state.store.dispose()


def _json_ok(r: httpx.Response, url: str) -> dict:
    assert r.status_code == 200, f"GET {url} -> {r.status_code}: {r.text[:300]}"
    assert r.headers["content-type"].startswith("application/json"), url
    body = r.json()
    assert isinstance(body, dict), url
    return body


def _check_page(body: dict, url: str) -> list[dict]:
    assert isinstance(body.get("items"), list) and isinstance(body.get("total"), int), url
    assert len(body["items"]) <= body["limit"] and body["total"] >= len(body["items"]), url
    for it in body["items"]:
        assert isinstance(it.get("id"), str) and it["id"], url
    return body["items"]


@pytest.mark.skipif(not CLI.exists(), reason="claimgraph console script not installed in .venv")
def test_api_reads_stay_whole_while_ingest_writes(server, tmp_path):
    base, db = server
    corpus = tmp_path / "corpus"
    write_corpus(corpus, N_DOCS)
    env = {k: v for k, v in os.environ.items() if k not in ("CLAIMGRAPH_DB", "CLAIMGRAPH_MAX_BYTES")}
    writer = subprocess.Popen([str(CLI), "ingest", str(corpus), "--db", str(db), "--processes", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    requests = 0
    seen_docs: set[int] = set()
    saw_claims = False
    try:
        deadline = time.monotonic() + 60  # spaCy loads first: start reading once writes have begun
        while doc_count(db) == 0 and writer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        with httpx.Client(base_url=base, timeout=10) as client:
            start = time.monotonic()
            # readers race the writer; once it is done, a last round reads the finished graph
            while requests < MAX_REQUESTS:
                finished = writer.poll() is not None
                for path in ("/api/entities?limit=20", "/api/claims?limit=20", "/api/documents?limit=200"):
                    items = _check_page(_json_ok(client.get(path), path), path)
                    requests += 1
                    if path.startswith("/api/documents"):
                        seen_docs.add(len(items))
                        for d in items[:2]:
                            u = f"/api/documents/{d['id']}"
                            doc = _json_ok(client.get(u), u)
                            requests += 1
                            assert doc.get("id") == d["id"] and isinstance(doc.get("text"), str) and doc["text"], u
                    if path.startswith("/api/claims") and items:
                        saw_claims = True
                        u = f"/api/claims/{items[0]['id']}"
                        r = client.get(u)
                        requests += 1
                        if r.status_code == 404:  # regrouped by a rebuild between the two requests
                            assert r.json()["error"]["code"] == "E404"
                            continue
                        claim = _json_ok(r, u)
                        ev_docs = {e["doc"] if isinstance(e["doc"], str) else e["doc"]["id"]
                                   for e in claim.get("evidence", [])}
                        assert ev_docs, f"claim {items[0]['id']} has no evidence"
                        for doc_id in sorted(ev_docs)[:3]:
                            du = f"/api/documents/{doc_id}"
                            _json_ok(client.get(du), du)
                            requests += 1
                if finished:
                    break
                if requests >= MAX_REQUESTS - 20 or time.monotonic() - start > MAX_SECONDS - 3:
                    # out of budget for racing reads: keep a last round for the finished graph
                    writer.wait(timeout=90)
                time.sleep(0.1)
        out, _ = writer.communicate(timeout=90)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(timeout=10)
    assert writer.returncode == 0, out
    assert doc_count(db) == N_DOCS
    assert len(seen_docs) >= 2, "the reads never overlapped the writes"
    assert saw_claims, "the finished graph has no claims to check"
