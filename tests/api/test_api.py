"""The JSON API: endpoints mirror the CLI, paginate and filter; one error shape; 404s for unknown
ids; no stack traces; OpenAPI at /docs."""

from __future__ import annotations

import pytest

ERROR_KEYS = {"code", "status", "message"}


@pytest.mark.parametrize("path", [
    "/api/entities", "/api/entities?q=marenthia", "/api/claims", "/api/claims?min_independent=2&predicate=holds_role",
    "/api/claims?modality=hedged", "/api/quotes", "/api/quotes?speaker=Vell", "/api/timeline", "/api/timeline?entity=FMM",
    "/api/documents", "/api/sources", "/api/matrix", "/api/network", "/api/search?q=Veldoria",
])
def test_endpoints_answer_json(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")


def test_pagination(client):
    a = client.get("/api/claims?limit=3").json()
    b = client.get("/api/claims?limit=3&offset=3").json()
    assert (a["limit"], a["offset"], len(a["items"])) == (3, 0, 3)
    assert a["total"] == b["total"] > 3
    assert {c["id"] for c in a["items"]}.isdisjoint(c["id"] for c in b["items"])


def test_entity_by_any_name_and_detail_endpoints(client):
    e = client.get("/api/entities/Nazary").json()
    assert "Nazari" in e["name"]
    assert client.get(f"/api/entities/{e['id']}").json()["id"] == e["id"]
    cid = client.get("/api/claims").json()["items"][0]["id"]
    c = client.get(f"/api/claims/{cid}").json()
    assert c["evidence"] and {"context", "badge", "independence", "document"} <= set(c["evidence"][0])
    qid = client.get("/api/quotes").json()["items"][0]["id"]
    assert client.get(f"/api/quotes/{qid}").json()["id"] == qid
    did = client.get("/api/documents").json()["items"][0]["id"]
    d = client.get(f"/api/documents/{did}").json()
    assert d["text"] and "mentions" in d and "evidence" in d


@pytest.mark.parametrize("path, status, code", [
    ("/api/entities/NoSuchEntityQqq", 404, "E404"),
    ("/api/claims/0000", 404, "E404"),
    ("/api/quotes/0000", 404, "E404"),
    ("/api/documents/ffffffffffffff", 404, "E404"),
    ("/api/documents/..%2F..%2Fetc", 404, "E404"),
    ("/api/no-such-endpoint", 404, "E404"),
    ("/api/claims?limit=0", 422, "E422"),
    ("/api/claims?limit=abc", 422, "E422"),
    ("/api/claims?modality=certain", 400, "E100"),
    ("/api/search", 422, "E422"),
    ("/api/search?q=%22%22", 400, "E100"),
])
def test_error_shape(client, path, status, code):
    r = client.get(path)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["code"] == code and body["error"]["status"] == status
    assert "Traceback" not in r.text


def test_unexpected_errors_hide_the_trace(store, monkeypatch):
    from fastapi.testclient import TestClient

    from claimgraph.api import create_app
    from claimgraph.query import overview

    def boom(*a, **k):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(overview, "sources", boom)
    with TestClient(create_app(store), base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        r = c.get("/api/sources")
    assert r.status_code == 500
    assert r.json() == {"error": {"code": "E500", "status": 500, "message": "internal error"}}


def test_openapi_lists_endpoints(client):
    spec = client.get("/openapi.json").json()
    for p in ("/api/entities/{ref}", "/api/claims", "/api/claims/{claim_id}", "/api/quotes", "/api/timeline",
              "/api/sources", "/api/search", "/api/network", "/api/matrix"):
        assert p in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in docs.text
    assert "https://" not in docs.text  # no CDN: the API docs work offline too


def test_read_only(client):
    assert client.post("/api/claims", json={}).status_code == 405
    assert client.delete("/api/entities/FMM").status_code == 405


def test_security_headers(client):
    h = client.get("/").headers
    assert "script-src 'self'" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff"
