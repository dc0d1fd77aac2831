"""Each page a first-time reader opens, at 1280 px in Chromium: a screenshot that is not blank, no
horizontal overflow, and what the page must show. The network is drawn by fcose, deterministically;
the sources matrix fits the page; entity tables share one column grid; the article's "Claims here"
lists whole labelled claims once each; an evidence jump leaves context above the highlight."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("/usr/bin/chromium not installed (apt-get install -y chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright (the pip package) not installed")


@pytest.fixture(scope="module")
def api(base_url):
    with httpx.Client(base_url=base_url) as c:
        yield c


@pytest.fixture(scope="module")
def paths(api) -> dict[str, str]:
    veldoria = api.get("/api/entities/Veldoria").json()
    doc = max(api.get("/api/documents", params={"limit": 100}).json()["items"],
              key=lambda d: len(api.get(f"/api/documents/{d['id']}").json()["evidence"]))
    return {"doc": f"/doc/{doc['id']}", "network": "/network", "neighbourhood": f"/network?entity={veldoria['id']}",
            "sources": "/sources", "entity": f"/entity/{veldoria['id']}"}


def open_page(page, url: str, shot: Path, blank) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    if page.locator("#cy").count():
        page.wait_for_selector("#cy[data-ready='1']")
    page.screenshot(path=str(shot), full_page=True)
    assert not blank(shot.read_bytes()), f"{url}: blank screenshot"
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{url}: page overflows horizontally {width}"


@pytest.mark.parametrize("name", ["doc", "network", "neighbourhood", "sources", "entity"])
def test_page_renders_without_horizontal_overflow(page, base_url, paths, name, tmp_path, blank):
    open_page(page, base_url + paths[name], tmp_path / f"{name}.png", blank)
    assert page.dialogs == []


def node_positions(page) -> dict[str, tuple[float, float]]:
    return page.evaluate("""() => { const out = {}; window.claimgraphNetwork.nodes().forEach(n => {
        const p = n.position(); out[n.id()] = [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10]; }); return out; }""")


def test_network_layout_is_fcose_deterministic_and_labels_do_not_overlap(page, base_url):
    page.goto(base_url + "/network")
    page.wait_for_selector("#cy[data-ready='1']")
    assert page.get_attribute("#cy", "data-layout") == "fcose"
    first = node_positions(page)
    page.reload()
    page.wait_for_selector("#cy[data-ready='1']")
    assert node_positions(page) == first  # a reload draws the same picture
    boxes = page.evaluate("""() => window.claimgraphNetwork.nodes().map(n => n.boundingBox({includeLabels: true}))""")
    overlaps = [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes[i + 1:], i + 1)
                if a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]]
    assert not overlaps, f"{len(overlaps)} node/label boxes overlap"
    zoom_font = page.evaluate("""() => { const cy = window.claimgraphNetwork;
        return cy.zoom() * parseFloat(cy.nodes()[0].style('font-size')); }""")
    assert zoom_font >= 10, f"labels render at {zoom_font:.1f}px at the default zoom"
    edge = page.evaluate("""() => { const e = window.claimgraphNetwork.edges()[0];
        const before = e.style('label'); e.emit('mouseover'); return [before, e.style('label'), e.data('label')]; }""")
    assert edge[0] == "" and edge[1] == edge[2]  # edge labels appear on hover


def test_network_from_an_entity_page_shows_its_neighbourhood(page, base_url, paths):
    page.goto(base_url + paths["entity"])
    page.click("p.lede a >> text=network")
    page.wait_for_selector("#cy[data-ready='1']")
    focus = page.get_attribute("#cy", "data-focus")
    assert focus and focus in paths["entity"]
    ids = page.evaluate("() => window.claimgraphNetwork.edges().map(e => [e.source().id(), e.target().id()])")
    assert ids and all(focus in pair for pair in ids)


def test_sources_matrix_fits_the_page(page, base_url, api):
    page.goto(base_url + "/sources")
    rows = page.locator("table.matrix tbody tr").count()
    assert rows >= 10
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 2600, f"sources page is {height}px tall for {rows} claims"
    claim_w = page.locator("table.matrix tbody th.claim-col").first.bounding_box()["width"]
    assert claim_w >= 300, "the claim column is too narrow to read"
    wrap = page.locator(".matrix-wrap")
    page.evaluate("document.querySelector('.matrix-wrap').scrollLeft = 10000")
    x_after = page.locator("table.matrix tbody th.claim-col").first.bounding_box()["x"]
    assert abs(x_after - wrap.bounding_box()["x"]) < 3, "the claim column scrolls away"
    head = page.locator("table.matrix thead th.rot span").first
    assert page.evaluate("(el) => getComputedStyle(el).writingMode", head.element_handle()) == "vertical-rl"


def test_entity_tables_share_one_column_grid_and_show_quotes_about(page, base_url, paths):
    page.goto(base_url + paths["entity"])
    tables = page.locator("table.claims")
    assert tables.count() >= 2
    lefts = [[round(c.bounding_box()["x"]) for c in t.locator("thead th").all()] for t in tables.all()]
    assert all(cols == lefts[0] for cols in lefts), lefts
    assert page.locator("section.quotes-by h2").count() == 1
    about = page.locator("section.quotes-about blockquote.quote")
    assert about.count() >= 1
    assert "Veldoria" in about.first.inner_text()
    assert about.first.locator("footer a.ent").count() == 1  # the speaker, linked


def test_conflicting_claims_are_flagged_on_their_rows(page, base_url, api):
    items = api.get("/api/claims", params={"limit": 500}).json()["items"]
    conflicted = [c for c in items if c["support"]["conflicts"]]
    if not conflicted:
        pytest.skip("the example store has no conflicting claims")
    c = conflicted[0]
    page.goto(base_url + f"/entity/{c['subject']['id']}")
    row = page.locator(f"table.claims tr:has(a[href='/claim/{c['id']}'])").first
    assert "conflicts with" in row.inner_text()


def test_claims_here_lists_each_claim_once_as_a_labelled_claim(page, base_url, api, paths):
    doc = api.get("/api/documents/" + paths["doc"].rsplit("/", 1)[1]).json()
    page.goto(base_url + paths["doc"])
    links = page.locator("ul.doc-claims a.claim")
    hrefs = [a.get_attribute("href") for a in links.all()]
    assert hrefs and len(hrefs) == len(set(hrefs)) == len({e["claim"] for e in doc["evidence"]})
    for a in links.all():
        label = a.inner_text().strip()
        claim = api.get(a.get_attribute("href").replace("/claim/", "/api/claims/")).json()
        assert label == claim["label"]  # whole, never cut mid-word


def test_evidence_jump_leaves_context_above(page, base_url, api, paths):
    doc = api.get("/api/documents/" + paths["doc"].rsplit("/", 1)[1]).json()
    ev = max(doc["evidence"], key=lambda e: e["start"])
    page.goto(base_url + f"{paths['doc']}?start={ev['start']}&end={ev['end']}#hl")
    page.wait_for_load_state("load")
    top = page.evaluate("document.getElementById('hl').getBoundingClientRect().top")
    scrolled = page.evaluate("window.scrollY")
    viewport = page.viewport_size["height"]
    assert scrolled > 0, "the page did not jump"
    assert viewport * 0.2 <= top <= viewport * 0.6, f"highlight at {top}px of {viewport}"
