"""End to end in a real browser (Debian chromium driven by Playwright): search for an entity, open
it, open a claim, follow its evidence into the article, screenshot it; the network draws offline;
hostile article text never executes. Skipped when chromium or playwright is not installed."""

from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the pip package) not installed")


@pytest.fixture(scope="module")
def base_url(store_url):
    import uvicorn

    from claimgraph.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store_url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def test_search_entity_claim_evidence_article(page, base_url, tmp_path):
    page.goto(base_url + "/")
    page.fill("#q", "Free Marenthia")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=*")
    page.click("ul.entities a.ent >> text=Free Marenthia Movement")
    page.wait_for_url("**/entity/*")
    assert "Free Marenthia Movement" in page.inner_text("h1")
    assert page.locator("text=FMM").count() >= 1  # an alias is listed
    page.click("table.claims a.claim >> nth=0")
    page.wait_for_url("**/claim/*")
    assert page.locator("li.ev").count() >= 1
    assert page.locator("li.ev .badge").first.inner_text().strip().lower() in {"asserted", "hedged", "attributed", "denied"}
    span = page.locator("li.ev mark.span").first.inner_text().strip()
    page.click("li.ev a.ev-doc >> nth=0")
    page.wait_for_url("**/doc/*")
    mark = page.locator("article.text mark.hl")
    assert mark.count() >= 1 and mark.first.is_visible()
    assert span[:20] in page.inner_text("article.text")
    shot = tmp_path / "article.png"
    page.screenshot(path=str(shot), full_page=False)
    assert not _blank(shot.read_bytes()), "the screenshot is blank"
    assert page.dialogs == []


def test_network_draws_offline(page, base_url):
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(base_url) else route.continue_())
    page.goto(base_url + "/network")
    page.wait_for_selector("#cy[data-ready='1']")
    assert page.locator("#cy canvas").count() >= 1


@pytest.mark.parametrize("where", ["doc", "entity", "claim", "search", "sources", "quotes", "timeline"])
def test_hostile_text_never_runs(page, base_url, where):
    import httpx

    api = httpx.Client(base_url=base_url)
    voss = api.get("/api/entities/Karel Voss").json()
    paths = {
        "doc": [f"/doc/{d['id']}?start=0&end=30" for d in api.get("/api/search", params={"q": "Voss"}).json()["documents"]["items"]],
        "entity": [f"/entity/{voss['id']}"],
        "claim": [f"/claim/{c['id']}" for c in api.get("/api/claims", params={"entity": voss["id"]}).json()["items"][:3]],
        "search": ["/search?q=%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E", "/search?q=Voss"],
        "sources": ["/sources"], "quotes": ["/quotes"], "timeline": ["/timeline"],
    }[where]
    assert paths
    for path in paths:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        page.hover("body")
        for el in page.locator("main a, main span, main mark").all()[:80]:
            el.dispatch_event("mouseover")
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert page.dialogs == [], path


def _blank(png: bytes) -> bool:
    """True when a PNG is one flat colour (decoded here: no imaging library needed)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width = struct.unpack(">I", data[:4])[0]
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + width * 4 if len(raw) % (1 + width * 4) == 0 else 1 + width * 3
    rows = [raw[i + 1:i + stride] for i in range(0, len(raw), stride)]
    # filtered rows: a flat image has every row (after the first) filtered to the same bytes
    return len(set(rows[1:])) <= 1 and len(set(rows[0])) <= 4
