"""Bad input: each bad source is one clear failure ([E1xx] in the message) and the batch goes on.
Network tests only ever talk to 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import os
import re
from pathlib import Path

import pytest

from claimgraph.run import ingest
from claimgraph.settings import get_settings
from claimgraph.store import schema as t

GOOD = "Good Headline\n\nAlbanian police said the plot was foiled after months of work by investigators.\n"
CODE = re.compile(r"^\[E1\d\d\] ")


@pytest.fixture
def good_file(tmp_path: Path) -> str:
    p = tmp_path / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return str(p)


def run_with(bad: str, good: str, store, extractor, **settings):
    report = ingest([bad, good], store, extractor=extractor, settings=get_settings(**settings) if settings else None)
    titles = [d["title"] for d in store.documents()]
    return report, titles


def assert_one_failure(report, titles, code: str, source: str | None = None) -> str:
    assert titles == ["Good Headline"], "the good file must still be ingested"
    assert len(report.ingested) == 1
    assert len(report.failed) == 1, report.failed
    src, message = report.failed[0]
    assert CODE.match(message), message
    assert message.startswith(f"[{code}]"), message
    assert "\n" not in message and "Traceback" not in message
    if source is not None:
        assert src == source
    return message


def write_bytes(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


@pytest.mark.parametrize(
    ("name", "data", "code", "words"),
    [
        pytest.param("img.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "E102", "binary", id="png-magic"),
        pytest.param("doc.pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "E102", "binary", id="pdf-magic"),
        pytest.param("nul.txt", b"hello\x00\x00\x00world\x00\x00" * 50, "E102", "NUL", id="nul-bytes"),
        pytest.param("empty.txt", b"", "E101", "empty", id="empty"),
        pytest.param("blank.txt", b"   \n\n\t  \r\n", "E101", "empty", id="whitespace-only"),
        pytest.param("trunc.json", b'{"title": "x", "text": "Albanian police', "E104", "invalid JSON", id="truncated-json"),
        pytest.param("scalar.json", b'"just a string"', "E104", "object", id="json-not-an-object"),
        pytest.param("notext.json", b'{"title": "No body here"}', "E104", "text", id="json-record-without-text"),
        pytest.param("bad.xml", b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><<<>>> </channel>',
                     "E104", "malformed feed", id="malformed-xml-feed"),
        pytest.param("empty.xml", b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>',
                     "E104", "no items", id="feed-without-items"),
        pytest.param("trunc.xml", b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One'
                     b'</title><link>https://example.com/1</link><pubDate>Wed, 23 Oct 2019 10:00:00 GMT</pubDate><desc',
                     "E104", "malformed feed", id="truncated-feed"),
        pytest.param("nomarkup.html", b"Just plain text in an html file.\n", "E104", "no markup", id="html-without-markup"),
        pytest.param("furniture.txt", b"Share This Story, Choose Your Platform!\n\n-\n", "E101", "no article text",
                     id="only-page-furniture"),
    ],
)
def test_bad_file(tmp_path, good_file, tmp_store, no_extract, name, data, code, words) -> None:
    bad = write_bytes(tmp_path, name, data)
    report, titles = run_with(bad, good_file, tmp_store, no_extract)
    message = assert_one_failure(report, titles, code)
    assert report.failed[0][0].startswith(bad)
    assert bad in message
    assert words.lower() in message.lower()


def test_failures_are_logged_in_the_store(tmp_path, good_file, tmp_store, no_extract) -> None:
    bad = write_bytes(tmp_path, "empty.txt", b"")
    ingest([bad, good_file], tmp_store, extractor=no_extract)
    with tmp_store.connect() as c:
        rows = [tuple(r) for r in c.execute(t.failures.select().with_only_columns(t.failures.c.source, t.failures.c.code))]
    assert rows == [(bad, "E101")]


def test_file_over_size_cap(tmp_path, good_file, tmp_store, no_extract) -> None:
    bad = write_bytes(tmp_path, "big.txt", b"Big Headline\n\n" + b"word " * 5000)
    report, titles = run_with(bad, good_file, tmp_store, no_extract, max_bytes=10_000)
    message = assert_one_failure(report, titles, "E103", bad)
    assert "10,000" in message


def test_size_cap_not_hit_by_default(tmp_path, tmp_store, no_extract) -> None:
    ok = write_bytes(tmp_path, "big.txt", b"Big Headline\n\n" + b"word " * 5000)
    assert ingest([ok], tmp_store, extractor=no_extract).ok


def test_missing_path(tmp_path, good_file, tmp_store, no_extract) -> None:
    missing = str(tmp_path / "does-not-exist.txt")
    report, titles = run_with(missing, good_file, tmp_store, no_extract)
    message = assert_one_failure(report, titles, "E100", missing)
    assert "no such file" in message


@pytest.mark.parametrize(
    ("sample", "must_survive"),
    [
        pytest.param("Café Headline\n\nThe café owner said the Iranian regime’s agents were “dangerous”, police said.\n",
                     ["café", "regime’s", "“dangerous”"], id="cp1252-english"),
        pytest.param("José Martí wrote a résumé.\n", ["José Martí", "résumé"], id="latin1-names"),
        pytest.param("Café Headline\n\nThe café in Tirana was closed – police said “no”. Menü and naïve résumé déjà.\n",
                     ["café", "naïve", "déjà", "Menü"], id="cp1252-mixed-accents"),
        pytest.param("Le café de Tirana\n\nLa police albanaise a déclaré mercredi qu’elle avait déjoué un complot.\n",
                     ["café", "déclaré", "déjoué", "qu’elle"], id="cp1252-french"),
    ],
)
def test_latin1_cp1252_is_decoded_not_failed(tmp_path, tmp_store, no_extract, sample, must_survive) -> None:
    data = sample.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    f = write_bytes(tmp_path, "legacy.txt", data)
    report = ingest([f], tmp_store, extractor=no_extract)
    assert report.ok, report.failed
    (doc,) = tmp_store.documents()
    for word in must_survive:
        assert word in doc["text"], (word, doc["text"])


def test_symlink_loop_in_folder_terminates(tmp_path, tmp_store, no_extract) -> None:
    folder = tmp_path / "loop"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "in.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("..", folder / "sub" / "back")  # directory loop
    os.symlink("self.txt", folder / "self.txt")  # a file link to itself
    os.symlink("b.txt", folder / "a.txt")  # two file links pointing at each other
    os.symlink("a.txt", folder / "b.txt")
    report = ingest([str(folder)], tmp_store, extractor=no_extract)
    assert [d["title"] for d in tmp_store.documents()] == ["Good Headline"]
    assert len(report.ingested) == 1
    # the looping file links are reported, each once, with an input error code
    failed_sources = sorted(Path(s).name for s, _ in report.failed)
    assert failed_sources == ["a.txt", "b.txt", "self.txt"]
    assert all(CODE.match(m) for _, m in report.failed)


def test_unreachable_url(good_file, tmp_store, no_extract) -> None:
    url = "http://127.0.0.1:9/"  # discard port on loopback: nothing listens
    report, titles = run_with(url, good_file, tmp_store, no_extract)
    message = assert_one_failure(report, titles, "E110", url)
    assert url in message


# ---- a local HTTP server ------------------------------------------------------------------------

ARTICLE_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Served Headline</title>
<meta property="article:published_time" content="2019-10-23"></head><body>
<nav><a href="/">Home</a> <a href="/about">About the site menu</a></nav>
<article><h1>Served Headline</h1>
<p>Albanian police said the plot was foiled after months of work by investigators in Tirana.</p>
<p>A spokesman said the suspects were in Austria and Turkey.</p></article>
<footer>All rights reserved menu footer</footer></body></html>"""

FEED_XML = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Local Feed</title>
<link>http://127.0.0.1/</link><description>d</description>
<item><title>Served Feed Item</title><link>http://127.0.0.1/item/1</link>
<pubDate>Tue, 04 Jun 2019 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The Albanian government expelled the Iranian ambassador last December, officials said.&lt;/p&gt;</description>
</item></channel></rss>"""

ROUTES = {
    "/article.html": ("text/html; charset=utf-8", ARTICLE_HTML),
    "/feed": ("application/rss+xml", FEED_XML),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        route = ROUTES.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        ctype, body = route
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def http_base(serve_http):
    with serve_http(_Handler) as base:
        yield base


def test_urls_from_local_server(http_base, tmp_store, no_extract) -> None:
    article, feed = f"{http_base}/article.html", f"{http_base}/feed"
    report = ingest([article, feed], tmp_store, extractor=no_extract)
    assert report.ok, report.failed
    assert len(report.ingested) == 2
    docs = {d["title"]: d for d in tmp_store.documents()}
    page = docs["Served Headline"]
    assert page["source"] == article and page["url"] == article
    assert page["outlet"] and page["outlet"].split(":")[0] == "127.0.0.1"
    assert page["published"] == "2019-10-23"
    assert "suspects were in Austria and Turkey" in page["text"]
    assert "About the site menu" not in page["text"] and "All rights reserved" not in page["text"]
    item = docs["Served Feed Item"]
    assert item["url"] == "http://127.0.0.1/item/1"
    assert item["outlet"] == "Local Feed"
    assert item["published"] == "2019-06-04"
    assert "expelled the Iranian ambassador last December" in item["text"]


def test_outlet_of_fetched_page_has_no_port(http_base, tmp_store, no_extract) -> None:
    ingest([f"{http_base}/article.html"], tmp_store, extractor=no_extract)
    (doc,) = tmp_store.documents()
    assert doc["outlet"] == "127.0.0.1"


def test_http_404_is_a_failure(http_base, good_file, tmp_store, no_extract) -> None:
    missing = f"{http_base}/no-such-page"
    report, titles = run_with(missing, good_file, tmp_store, no_extract)
    message = assert_one_failure(report, titles, "E110", missing)
    assert "404" in message


def test_http_response_over_size_cap(http_base, good_file, tmp_store, no_extract) -> None:
    report, titles = run_with(f"{http_base}/article.html", good_file, tmp_store, no_extract, max_bytes=100)
    assert_one_failure(report, titles, "E103", f"{http_base}/article.html")


def test_reingest_url_is_unchanged(http_base, tmp_store, no_extract) -> None:
    url = f"{http_base}/article.html"
    assert len(ingest([url], tmp_store, extractor=no_extract).ingested) == 1
    again = ingest([url], tmp_store, extractor=no_extract)
    assert again.ingested == [] and again.unchanged == [url]
