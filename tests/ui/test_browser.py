"""End to end in a real browser (Debian chromium driven by Playwright): search for an entity, open
it, open a claim, follow its evidence into the article, screenshot it; the network draws offline;
hostile article text never executes. Skipped when chromium or playwright is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the pip package) not installed")


def test_search_entity_claim_evidence_article(page, base_url, tmp_path, blank):
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
    assert not blank(shot.read_bytes()), "the screenshot is blank"
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
