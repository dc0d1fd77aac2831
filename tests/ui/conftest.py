"""Fixtures: the shared test store built by tests/api/storebuild.py (examples + hostile records),
a uvicorn server on it, Debian's chromium through Playwright, and a check that a screenshot is not
blank. Test modules skip themselves where chromium or playwright is missing."""

from __future__ import annotations

import socket
import struct
import threading
import time
import zlib

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def store_url(shared_store_url) -> str:
    return shared_store_url


@pytest.fixture(scope="session")
def store(store_url):
    from claimgraph.store import Store

    s = Store(store_url)
    yield s
    s.dispose()


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
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the pip package) not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
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


@pytest.fixture
def blank():
    """blank(png_bytes) -> True when the PNG is one flat colour."""
    return _blank


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
