"""API edges: every integer parameter is bounded (422, never a 500), only the Host names the server
is served on are answered (no DNS rebinding), and served pages show where a document came from
without revealing local folders."""

from __future__ import annotations

from typing import Optional

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from claimgraph.api import create_app
from claimgraph.api.app import allowed_host_names, host_name
from claimgraph.query import export_data
from claimgraph.run import ingest
from claimgraph.store import Store

HUGE = [str(2**63), str(2**64), "-1"]


@pytest.fixture
def served(tmp_path, no_extract):
    folder = tmp_path / "private-folder-name"
    folder.mkdir()
    (folder / "report.txt").write_text("Quillmoor harbour report\n\nHarbour pilots at Quillmoor walked out on "
                                       "Tuesday over the new rota, the union said.\n", encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    ingest([str(folder)], store, extractor=no_extract)
    app = create_app(store)
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        yield app, client, store
    store.dispose()


def _integer_parameters() -> list[tuple[str, str]]:
    """(path, name) of every integer query parameter of every GET route, API and pages."""
    from claimgraph.api import pages, routes

    out = []
    for route in routes.router.routes + pages.router.routes:
        if isinstance(route, APIRoute) and "GET" in route.methods:
            for p in route.dependant.query_params:
                if p.field_info.annotation in (int, Optional[int]):
                    out.append((route.path, p.name))
    return out


def test_every_integer_parameter_is_bounded(served):
    app, client, store = served
    params = _integer_parameters()
    assert {"offset", "min_independent", "start", "end", "limit"} <= {n for _, n in params}
    doc_id = next(store.documents())["id"]
    problems = []
    for path, name in params:
        url = path.replace("{doc_id}", doc_id).replace("{ref}", "x").replace("{claim_id}", "x").replace("{quote_id}", "x")
        for value in HUGE:
            extra = {"q": "harbour"} if "search" in path else {}
            for accept in ("application/json", "text/html"):
                r = client.get(url, params={name: value, **extra}, headers={"accept": accept})
                if r.status_code != 422:
                    problems.append(f"{url}?{name}={value} ({accept}) -> {r.status_code}")
    assert not problems, problems


def test_other_host_names_are_refused(served):
    _, client, _ = served
    assert client.get("/api/documents").status_code == 200
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/api/documents", headers={"host": host}).status_code == 200, host
    for host in ("attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example", ""):
        r = client.get("/api/documents", headers={"host": host})
        assert r.status_code == 400 and r.json()["error"]["code"] == "E400", host
        assert "Quillmoor" not in r.text


def test_allowed_hosts_follow_serve_flags(served):
    _, _, store = served
    assert host_name("[::1]:80") == "::1" and host_name("News.LAN:8000") == "news.lan"
    names = allowed_host_names("192.168.1.5", ["news.lan"])
    assert {"localhost", "127.0.0.1", "::1", "192.168.1.5", "news.lan"} == set(names)
    assert "0.0.0.0" not in allowed_host_names("0.0.0.0")
    with TestClient(create_app(store, allowed_hosts=names), base_url="http://news.lan:8000") as client:
        assert client.get("/api/documents").status_code == 200
        assert client.get("/api/documents", headers={"host": "other.lan"}).status_code == 400
    with TestClient(create_app(store, allowed_hosts=allowed_host_names(extra=["*"])), base_url="http://any.name") as client:
        assert client.get("/api/documents").status_code == 200


def test_served_sources_hide_local_folders(served, tmp_path):
    _, client, store = served
    doc_id = next(store.documents())["id"]
    full = str(tmp_path / "private-folder-name" / "report.txt")
    for url in ("/api/documents", f"/api/documents/{doc_id}", f"/doc/{doc_id}"):
        r = client.get(url, headers={"accept": "text/html" if url.startswith("/doc") else "application/json"})
        assert r.status_code == 200, url
        assert "private-folder-name" not in r.text and "report.txt" in r.text, url
    assert [d["source"] for d in export_data(store)["documents"]] == [full]  # the export keeps it whole
