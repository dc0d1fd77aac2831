"""Hostile sources each end as one coded failure and the rest of the batch is stored: redirects to
javascript:/data:, malformed URL arguments, JSON nested past the recursion limit, feeds declaring
DTD entities, and servers that trickle headers or bytes past the per-URL deadline.
Network tests only ever talk to 127.0.0.1."""

from __future__ import annotations

import http.server
import time
from pathlib import Path

import pytest

from claimgraph.run import ingest
from claimgraph.settings import get_settings

GOOD = "Good Headline\n\nHarbour pilots at Quillmoor walked out on Tuesday over the new rota, the union said.\n"
DEADLINE_S = 1.5


@pytest.fixture
def good_file(tmp_path: Path) -> str:
    p = tmp_path / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return str(p)


def _one_failure(bad: str, good: str, store, extractor, code: str, **settings) -> str:
    report = ingest([bad, good], store, extractor=extractor, settings=get_settings(**settings))
    assert [d["title"] for d in store.documents()] == ["Good Headline"], report.failed
    assert len(report.failed) == 1, report.failed
    message = report.failed[0][1]
    assert message.startswith(f"[{code}]") and "\n" not in message and "Traceback" not in message, message
    return message


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        if self.path.startswith("/redirect/"):
            self.send_response(302)
            self.send_header("Location", {"js": "javascript:alert(1)", "data": "data:text/html,<p>x</p>",
                                          "bad": "http://[::1"}[self.path.rsplit("/", 1)[1]])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow-headers":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            for i in range(40):  # one header line every 0.25 s: each read is quick, the whole is not
                self.wfile.write(f"X-Pad-{i}: {i}\r\n".encode())
                self.wfile.flush()
                time.sleep(0.25)
            self.end_headers()
        elif self.path == "/slow-body":
            body = GOOD.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for b in body:
                self.wfile.write(bytes([b]))
                self.wfile.flush()
                time.sleep(0.25)
        else:
            self.send_error(404)


@pytest.fixture(scope="module")
def http_base(serve_http):
    with serve_http(_Handler) as base:
        yield base


@pytest.mark.parametrize("target", ["js", "data", "bad"])
def test_redirect_to_a_non_http_url(http_base, target, good_file, tmp_store, no_extract):
    _one_failure(f"{http_base}/redirect/{target}", good_file, tmp_store, no_extract, "E110")


@pytest.mark.parametrize("url", ["http://[::1", "http://exa mple.invalid/x", "https://"])
def test_malformed_url_argument(url, good_file, tmp_store, no_extract):
    _one_failure(url, good_file, tmp_store, no_extract, "E110")


@pytest.mark.parametrize("path", ["/slow-headers", "/slow-body"])
def test_trickling_server_stops_at_the_deadline(http_base, path, good_file, tmp_store, no_extract):
    started = time.monotonic()
    message = _one_failure(f"{http_base}{path}", good_file, tmp_store, no_extract, "E110", fetch_deadline=DEADLINE_S)
    assert "deadline" in message
    assert time.monotonic() - started < DEADLINE_S + 3


def test_deadline_is_configurable_and_defaults_to_a_minute(monkeypatch):
    assert get_settings().fetch_deadline == 60.0
    monkeypatch.setenv("CLAIMGRAPH_FETCH_DEADLINE", "7.5")
    assert get_settings().fetch_deadline == 7.5


@pytest.mark.parametrize("name, text", [
    ("deep.json", "[" * 100_000 + "]" * 100_000),
    ("deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n"),
    ("deep-object.json", '{"a":' * 50_000 + "1" + "}" * 50_000),
])
def test_json_nested_past_the_recursion_limit(tmp_path, name, text, good_file, tmp_store, no_extract):
    (tmp_path / name).write_text(text, encoding="utf-8")
    message = _one_failure(str(tmp_path / name), good_file, tmp_store, no_extract, "E104")
    assert "nested" in message


def test_feed_declaring_entities_is_refused(tmp_path, good_file, tmp_store, no_extract):
    """One internal entity referenced many times: refused before parsing, not expanded."""
    refs = "&big;" * 2000
    feed = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY big "{"word " * 200}">]>\n'
            '<rss version="2.0"><channel><title>T</title><item><title>Item</title>'
            f"<description>{refs}</description></item></channel></rss>\n")
    (tmp_path / "bomb.xml").write_text(feed, encoding="utf-8")
    started = time.monotonic()
    message = _one_failure(str(tmp_path / "bomb.xml"), good_file, tmp_store, no_extract, "E104")
    assert "entities" in message and time.monotonic() - started < 10
