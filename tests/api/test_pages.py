"""Server-rendered pages: each renders, and hostile article text is escaped on every one of them
(script tags, attribute injection, javascript: URLs)."""

from __future__ import annotations

import re

import pytest

HTML = {"accept": "text/html"}


def _pages(client):
    voss = client.get("/api/entities/Karel Voss").json()
    hostile_docs = [d["id"] for d in client.get("/api/search?q=Voss").json()["documents"]["items"]]
    claims = client.get(f"/api/claims?entity={voss['id']}").json()["items"]
    pages = ["/", "/search?q=Voss", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E", f"/entity/{voss['id']}",
             "/timeline", "/network", "/sources", "/quotes", "/quotes?speaker=Voss", "/claims",
             f"/claims?entity={voss['id']}&min_independent=0&modality=denied"]
    pages += [f"/doc/{d}?start=0&end=40" for d in hostile_docs] + [f"/claim/{c['id']}" for c in claims]
    return pages


def test_pages_render(client):
    for path in _pages(client):
        r = client.get(path, headers=HTML)
        assert r.status_code == 200, (path, r.text[:300])
        assert r.headers["content-type"].startswith("text/html")


def test_hostile_text_is_escaped_everywhere(client, hostile_markers):
    markers = hostile_markers
    seen_escaped = False
    for path in _pages(client):
        body = client.get(path, headers=HTML).text
        for m in markers:
            assert m not in body, (path, m)
        # the only scripts are our own files
        for src in re.findall(r"<script\b[^>]*>", body):
            assert re.fullmatch(r'<script src="/static/[\w./-]+">', src), (path, src)
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", body, re.I), path
        assert not re.search(r"<[a-z]+[^>]*\son\w+\s*=", body, re.I), path
        seen_escaped |= "&lt;script&gt;" in body
    assert seen_escaped, "the hostile records should be shown, escaped"


def test_javascript_url_is_not_a_link(client):
    doc = next(d for d in client.get("/api/documents?limit=500").json()["items"] if (d["url"] or "").startswith("javascript:"))
    body = client.get(f"/doc/{doc['id']}", headers=HTML).text
    assert "javascript:alert(document.cookie)" in body  # shown as text
    assert 'href="javascript:' not in body


@pytest.mark.parametrize("path", ["/entity/NoSuchEntityQqq", "/claim/0000", "/doc/ffffffffffff", "/nowhere"])
def test_html_404(client, path):
    r = client.get(path, headers=HTML)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html") and "E404" in r.text


def test_safe_url():
    from claimgraph.api.pages import safe_url

    assert safe_url("https://x.example/a") == "https://x.example/a"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", "//evil", None, ""):
        assert safe_url(bad) is None


def test_static_assets_are_local(client):
    assert client.get("/static/vendor/cytoscape.min.js").status_code == 200
    assert client.get("/static/network.js").status_code == 200
    for path in ("/", "/network"):
        assert not re.search(r"""(src|href)=["']https?://""", client.get(path, headers=HTML).text)
