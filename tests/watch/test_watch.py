"""`claimgraph watch` against a live local feed server on 127.0.0.1 and real folders: only new items
are ingested (real spaCy, real SQLite file), a 304 downloads nothing, a failing feed backs off and
recovers without stopping the others, each new article gets one line naming it and what it changed."""

from __future__ import annotations

import hashlib
import http.server
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from typer.testing import CliRunner

import claimgraph.run
from claimgraph.cli import app
from claimgraph.query import export_data
from claimgraph.run import rebuild
from claimgraph.settings import get_settings
from claimgraph.store import Store
from claimgraph.watch import Stop, Watcher, watch_sources

# (title, paragraphs): short articles written for these tests; A and B report the same expulsion
EXPEL_A = ("Norway expels two Russian diplomats",
           ["OSLO -- Norway expelled two Russian diplomats on Tuesday, the foreign ministry said.",
            "\u201cWe will not tolerate espionage on Norwegian soil,\u201d Foreign Minister Kari Lund told reporters."])
EXPEL_B = ("Oslo orders Russian envoys out",
           ["Norway expelled two Russian diplomats this week after a spy inquiry, officials said.",
            "Lund said the decision was final. The Russian embassy accused Norway of hostility."])
FLOOD = ("Floods close bridges in Tartu",
         ["Heavy rain flooded the Emajogi river on Sunday, and the city closed three bridges.",
          "\u201cThe water is still rising,\u201d mayor Urmas Klaas said on Monday."])
HARBOUR = ("Harbour strike ends in Gdansk",
           ["Dock workers in Gdansk ended a four-day strike after the port authority raised wages, the union said."])


@dataclass
class Feed:
    """What the local server publishes: a channel title (the outlet) and items; `status` set to 500
    makes every request fail. Counts the full responses and the 304s it sent."""

    outlet: str
    items: list[tuple[str, list[str]]] = field(default_factory=list)
    status: int = 200
    full: int = 0
    not_modified: int = 0
    conditional: list[str] = field(default_factory=list)  # the If-None-Match headers received

    def body(self) -> bytes:
        entries = "".join(
            f"<item><title>{escape(title)}</title><link>http://news.test/{i}</link><guid>news-{i}</guid>"
            f"<description>{escape(''.join(f'<p>{escape(p)}</p>' for p in paras))}</description></item>"
            for i, (title, paras) in enumerate(self.items))
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(self.outlet)}</title>'
                f"<link>http://news.test/</link><description>test feed</description>{entries}</channel></rss>").encode()

    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body()).hexdigest()[:16] + '"'

    def handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if feed.status != 200:
                    self.send_error(feed.status)
                    return
                asked = self.headers.get("If-None-Match")
                if asked:
                    feed.conditional.append(asked)
                if asked == feed.etag():
                    feed.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", feed.etag())
                    self.end_headers()
                    return
                feed.full += 1
                data = feed.body()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("ETag", feed.etag())
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


@pytest.fixture
def feed_server(serve_http):
    """Start feeds on the loopback server: `url = start(feed)`; all are stopped after the test."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        yield lambda feed: stack.enter_context(serve_http(feed.handler())) + "/feed.xml"


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'watch.db'}")
    yield s
    s.dispose()


def make_watcher(specs: list[str], store: Store, pipeline, lines: list[str], **kw) -> Watcher:
    return Watcher(watch_sources(specs), store, settings=get_settings(), extractor=pipeline.extract_stream,
                   interval=kw.pop("interval", 0.05), max_backoff=kw.pop("max_backoff", 0.4), say=lines.append, **kw)


def write_article(path: Path, article: tuple[str, list[str]]) -> None:
    path.write_text("\n\n".join([article[0], *article[1]]) + "\n", encoding="utf-8")


def new_lines(lines: list[str], since: int) -> list[str]:
    return [ln for ln in lines[since:] if ln.startswith("+ ")]


def said_counts(line: str) -> dict[str, int]:
    """'+ "T" (O): +6 entities, +1 quote; claim ...' -> {'entities': 6, 'quote': 1}."""
    body = line.split('": ', 1)[1] if '" (' not in line else line.split("): ", 1)[1]
    return {noun: int(n) for n, noun in (part.split(" ", 1) for part in body.split(";")[0].split(", "))}


def test_feed_only_new_items_are_ingested_and_a_304_downloads_nothing(feed_server, store, pipeline):
    feed = Feed("Nordic Wire", [EXPEL_A])
    url = feed_server(feed)
    lines: list[str] = []
    w = make_watcher([url], store, pipeline, lines)
    src = w.sources[0]

    w.poll(src)
    assert new_lines(lines, 0) and new_lines(lines, 0)[0].startswith(f'+ "{EXPEL_A[0]}" (Nordic Wire): ')
    assert store.counts()["documents"] == 1 and feed.full == 1

    seen = len(lines)
    w.poll(src)  # nothing published: a conditional GET answered 304
    assert feed.not_modified == 1 and feed.full == 1 and feed.conditional == [feed.etag()]
    assert lines[seen:] == [] and store.counts()["documents"] == 1 and w.summary.not_modified == 1

    feed.items.append(FLOOD)  # published between polls
    quotes = store.counts()["quotes"]
    w.poll(src)
    added = new_lines(lines, seen)
    assert len(added) == 1 and added[0].startswith(f'+ "{FLOOD[0]}" (Nordic Wire): ')
    n = store.counts()["quotes"] - quotes
    assert n >= 1 and said_counts(added[0])["quote" if n == 1 else "quotes"] == n
    assert store.counts()["documents"] == 2 and w.summary.articles == 2 and w.summary.unchanged == 0
    assert not store.is_stale()

    del feed.items[0]  # the oldest item leaves the feed: nothing to ingest, and it is forgotten
    seen = len(lines)
    w.poll(src)
    assert feed.full == 3 and lines[seen:] == [] and len(src.seen) == 1 and store.counts()["documents"] == 2


def test_once_names_each_article_and_the_support_it_adds(feed_server, tmp_path, pipeline, monkeypatch):
    monkeypatch.setattr(claimgraph.run, "default_extractor", lambda settings, n_documents=0: pipeline.extract_stream)
    first, second = Feed("Nordic Wire", [EXPEL_A]), Feed("Baltic Courier", [EXPEL_B])
    db = str(tmp_path / "once.db")
    result = CliRunner().invoke(app, ["watch", feed_server(first), feed_server(second), "--db", db, "--once"])
    assert result.exit_code == 0, result.output
    articles = [ln for ln in result.stdout.splitlines() if ln.startswith("+ ")]
    assert len(articles) == 2
    assert articles[0].startswith(f'+ "{EXPEL_A[0]}" (Nordic Wire): ') and "claims" in articles[0]
    assert articles[1].startswith(f'+ "{EXPEL_B[0]}" (Baltic Courier): ')
    assert "claim 'Norway expel Russia' now 2 independent sources (was 1)" in articles[1]
    assert result.stdout.splitlines()[-1].startswith("watched 2 sources in 1 poll: 2 new articles")

    store = Store(db)  # what the line says is what the store holds
    claim = next(c for c in export_data(store)["claims"] if c["predicate"] == "expel")
    assert claim["support"]["independent"] == 2 and len({e["doc"] for e in claim["evidence"]}) == 2
    store.dispose()

    again = CliRunner().invoke(app, ["watch", feed_server(first), "--db", db, "--once"])  # a new watch, same store
    assert again.exit_code == 0 and "+ " not in again.stdout and "1 already stored" in again.stdout


def test_a_failing_feed_backs_off_recovers_and_never_stops_the_others(feed_server, tmp_path, store, pipeline):
    feed = Feed("Nordic Wire", [EXPEL_A], status=500)
    folder = tmp_path / "drop"
    folder.mkdir()
    write_article(folder / "flood.txt", FLOOD)
    lines: list[str] = []
    w = make_watcher([feed_server(feed), str(folder)], store, pipeline, lines, interval=0.05, max_backoff=0.3)
    src = w.sources[0]

    w.run(once=True)
    assert len([ln for ln in lines if ln.startswith("! ")]) == 1 and "HTTP 500" in lines[0] and src.spec in lines[0]
    assert new_lines(lines, 0) == [new_lines(lines, 0)[0]] and FLOOD[0] in new_lines(lines, 0)[0]  # the folder went on
    w.poll(src)
    w.poll(src)
    assert src.failures == 3 and len([ln for ln in lines if ln.startswith("! ")]) == 1  # one line per failing streak
    assert [w.backoff(n) for n in (1, 2, 3)] == [0.1, 0.2, 0.3]  # doubling, capped at --max-backoff

    feed.status = 200
    seen = len(lines)
    w.poll(src)
    assert lines[seen] == f"\u2713 {src.spec}: recovered after 3 failed polls"
    assert new_lines(lines, seen)[0].startswith(f'+ "{EXPEL_A[0]}"') and src.failures == 0
    assert store.counts()["documents"] == 2 and w.summary.failed == {src.spec}


def test_folder_only_new_or_changed_files_and_unseen_text(tmp_path, store, pipeline):
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_article(folder / "a.txt", EXPEL_A)
    lines: list[str] = []
    w = make_watcher([str(folder)], store, pipeline, lines)
    src = w.sources[0]
    w.poll(src)
    assert len(new_lines(lines, 0)) == 1 and store.counts()["documents"] == 1

    w.poll(src)  # nothing changed: no file is read again
    assert len(lines) == 1 and w.summary.unchanged == 0

    write_article(folder / "b.txt", FLOOD)
    os.utime(folder / "a.txt", ns=(1, 1))  # touched, same text: read again, but its item was seen
    (folder / "sub").mkdir()
    write_article(folder / "sub" / "copy.txt", EXPEL_A)  # a new file with text already stored
    w.poll(src)
    added = new_lines(lines, 1)
    assert len(added) == 1 and added[0].startswith(f'+ "{FLOOD[0]}"')
    assert w.summary.unchanged == 1 and store.counts()["documents"] == 2

    write_article(folder / "a.txt", HARBOUR)  # rewritten with new text: a new article
    w.poll(src)
    assert new_lines(lines, 2)[0].startswith(f'+ "{HARBOUR[0]}"') and store.counts()["documents"] == 3


@pytest.mark.parametrize("kind", ["missing folder", "not a feed", "unreachable"])
def test_a_bad_source_is_one_line_never_a_traceback(kind, tmp_path, serve_http, monkeypatch, no_extract):
    monkeypatch.setattr(claimgraph.run, "default_extractor", lambda settings, n_documents=0: no_extract)

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            data = b"<!doctype html><html><body><p>Not a feed.</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(data)

    db = str(tmp_path / "bad.db")
    with serve_http(Page) as base:
        source = {"missing folder": str(tmp_path / "nowhere"), "not a feed": base + "/page",
                  "unreachable": "http://127.0.0.1:9/feed.xml"}[kind]  # port 9 (discard): nothing listens
        result = CliRunner().invoke(app, ["watch", source, "--db", db, "--once"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    if kind == "missing folder":
        assert result.output.strip().splitlines() == [f"error [E100] {source}: no such file, folder or http(s) feed URL"]
    else:
        why = "not an RSS or Atom feed (the response reads as html)" if kind == "not a feed" else "cannot fetch"
        assert f"! [{'E104' if kind == 'not a feed' else 'E110'}] {source}: {why}" in result.stdout
        assert "1 source failed" in result.stdout.splitlines()[-1]


WATCH = "import sys; from claimgraph.cli import main; sys.argv = ['claimgraph', *sys.argv[1:]]; main()"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_stops_between_articles_with_the_store_whole(sig, feed_server, tmp_path):
    feed = Feed("Nordic Wire", [EXPEL_A, EXPEL_B, FLOOD, HARBOUR])
    db = tmp_path / "signal.db"
    env = os.environ | {"PYTHONUNBUFFERED": "1", "COLUMNS": "400"}
    proc = subprocess.Popen([sys.executable, "-c", WATCH, "watch", feed_server(feed), "--db", str(db), "--interval", "0.05"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = proc.stdout.readline()  # the first article is stored: signal while the next ones are ingested
        assert first.startswith(f'+ "{EXPEL_A[0]}"'), first + proc.stderr.read()
        proc.send_signal(sig)
        rest, errors = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, errors
    lines = [first.rstrip("\n"), *rest.splitlines()]
    assert lines[-1].startswith("watched 1 source in ") and lines[-1].endswith(f"; stopped by {sig.name}")
    assert "Traceback" not in errors

    store = Store(str(db))
    stored = store.counts()["documents"]
    assert stored == len([ln for ln in lines if ln.startswith("+ ")]) >= 1  # every article said is whole, no other
    assert not store.is_stale()  # each stored article had its graph update
    incremental = export_data(store)
    rebuild(store)
    assert export_data(store) == incremental
    store.dispose()
