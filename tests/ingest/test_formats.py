"""Every input format, written as a small real file and ingested through claimgraph.run.ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.run import ingest

SENTENCE = "Albanian police said the plot was foiled after months of work by investigators."
BODY = " ".join([SENTENCE] * 3)


def by_title(store) -> dict[str, dict]:
    return {d["title"]: d for d in store.documents()}


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_txt(tmp_path, tmp_store, no_extract) -> None:
    f = write(tmp_path / "a.txt", f"Plain Text Headline\n\nBy Jane Doe\n\n{BODY}\n")
    report = ingest([f], tmp_store, extractor=no_extract)
    assert report.ok and len(report.ingested) == 1
    (doc,) = tmp_store.documents()
    assert doc["source"] == f
    assert doc["title"] == "Plain Text Headline"
    assert doc["authors"] == ["Jane Doe"]
    assert doc["text"] == f"Plain Text Headline\n\n{BODY}"
    assert doc["id"] == report.ingested[0]


HTML_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>HTML Headline</title>
<meta property="article:published_time" content="2019-10-23T08:00:00Z">
<meta name="author" content="Benet Koleka">
<style>body {{ color: red; }}</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World menu link</a></li></ul></nav>
<article><h1>HTML Headline</h1><p>{BODY}</p><p>The second paragraph of the html article.</p></article>
<aside>Most popular: something else entirely</aside>
<footer><p>Contact us | Privacy policy | Cookie settings</p></footer>
<script>window.tracker = "script text must not leak";</script>
</body></html>
"""


def test_html_full_page(tmp_path, tmp_store, no_extract) -> None:
    f = write(tmp_path / "b.html", HTML_PAGE)
    report = ingest([f], tmp_store, extractor=no_extract)
    assert report.ok and len(report.ingested) == 1
    (doc,) = tmp_store.documents()
    assert doc["title"] == "HTML Headline"
    assert doc["published"] == "2019-10-23"
    assert doc["authors"] == ["Benet Koleka"]
    assert doc["text"].startswith("HTML Headline\n\n")
    assert SENTENCE in doc["text"] and "The second paragraph of the html article." in doc["text"]
    for junk in ("World menu link", "Privacy policy", "Cookie settings", "script text must not leak", "color: red"):
        assert junk not in doc["text"], junk


def test_txt_that_is_really_html_is_read_as_html(tmp_path, tmp_store, no_extract) -> None:
    f = write(tmp_path / "page.txt", HTML_PAGE)
    assert ingest([f], tmp_store, extractor=no_extract).ok
    (doc,) = tmp_store.documents()
    assert doc["title"] == "HTML Headline" and "<p>" not in doc["text"] and "tracker" not in doc["text"]


def test_json_object(tmp_path, tmp_store, no_extract) -> None:
    rec = {"title": "JSON Object Headline", "text": BODY, "published": "2019-06-04",
           "url": "https://www.ncr-iran.org/en/news/a", "authors": ["Jubin Katiraie"]}
    f = write(tmp_path / "c.json", json.dumps(rec))
    report = ingest([f], tmp_store, extractor=no_extract)
    assert report.ok and len(report.ingested) == 1
    (doc,) = tmp_store.documents()
    assert doc["source"] == f
    assert doc["title"] == "JSON Object Headline"
    assert doc["published"] == "2019-06-04"
    assert doc["outlet"] == "ncr-iran.org"
    assert doc["url"] == "https://www.ncr-iran.org/en/news/a"
    assert doc["authors"] == ["Jubin Katiraie"]
    assert doc["text"] == f"JSON Object Headline\n\n{BODY}"


def test_json_list(tmp_path, tmp_store, no_extract) -> None:
    recs = [
        {"title": "List One", "text": BODY + " One.", "date": "June 4, 2019", "source": "Outlet X",
         "author": "Jane Doe and John Roe"},
        {"title": "List Two", "content": BODY + " Two.", "url": "https://news.example.org/2"},
    ]
    f = write(tmp_path / "d.json", json.dumps(recs))
    report = ingest([f], tmp_store, extractor=no_extract)
    assert report.ok and len(report.ingested) == 2
    docs = by_title(tmp_store)
    assert set(docs) == {"List One", "List Two"}
    assert docs["List One"]["source"] == f"{f}#0" and docs["List Two"]["source"] == f"{f}#1"
    assert docs["List One"]["published"] == "2019-06-04"
    assert docs["List One"]["outlet"] == "Outlet X"
    assert docs["List One"]["authors"] == ["Jane Doe", "John Roe"]
    assert docs["List Two"]["published"] is None
    assert docs["List Two"]["outlet"] == "news.example.org"


def test_json_articles_wrapper(tmp_path, tmp_store, no_extract) -> None:
    f = write(tmp_path / "w.json", json.dumps({"articles": [{"title": "Wrapped A", "text": BODY + " A."},
                                                             {"title": "Wrapped B", "text": BODY + " B."}]}))
    assert len(ingest([f], tmp_store, extractor=no_extract).ingested) == 2
    assert set(by_title(tmp_store)) == {"Wrapped A", "Wrapped B"}


def test_jsonl_good_bad_and_html_lines(tmp_path, tmp_store, no_extract) -> None:
    page = f"<html><body><article><h1>Line Three</h1><p>{BODY} Three.</p></article></body></html>"
    lines = [
        json.dumps({"title": "Line One", "text": BODY + " One.", "published": "2019-10-23"}),
        '{"title": "broken", "text": ',
        json.dumps({"title": "Line Three", "html": page, "url": "https://www.iranfocus.com/en/x"}),
        "",
        json.dumps({"title": "Line Five", "text": BODY + " Five.", "outlet": "Kayhan Life"}),
    ]
    f = write(tmp_path / "e.jsonl", "\n".join(lines) + "\n")
    report = ingest([f], tmp_store, extractor=no_extract)
    assert len(report.ingested) == 3
    assert len(report.failed) == 1
    source, message = report.failed[0]
    assert source == f"{f}:2"
    assert message.startswith("[E104]") and "line 2" in message
    docs = by_title(tmp_store)
    assert set(docs) == {"Line One", "Line Three", "Line Five"}
    assert docs["Line One"]["source"] == f"{f}:1" and docs["Line One"]["published"] == "2019-10-23"
    three = docs["Line Three"]
    assert three["source"] == f"{f}:3" and three["outlet"] == "iranfocus.com"
    assert "<p>" not in three["text"] and three["text"].startswith("Line Three\n\n") and "Three." in three["text"]
    assert docs["Line Five"]["outlet"] == "Kayhan Life"


@pytest.mark.parametrize("html", [f"<p>{BODY}</p>", f"<div><p>{BODY}</p></div>"], ids=["p", "div-p"])
def test_jsonl_html_fragment_record(tmp_path, tmp_store, no_extract, html) -> None:
    f = write(tmp_path / "frag.jsonl", json.dumps({"title": "Fragment", "html": html}) + "\n")
    report = ingest([f], tmp_store, extractor=no_extract)
    assert report.ok, report.failed
    (doc,) = tmp_store.documents()
    assert doc["text"] == f"Fragment\n\n{BODY}"


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Feed Outlet</title><link>https://feed.example.com/</link><description>news</description>
<item><title>RSS Item One</title><link>https://feed.example.com/1</link>
<pubDate>Wed, 23 Oct 2019 10:00:00 GMT</pubDate><author>desk@feed.example.com (Jane Roe)</author>
<description>&lt;p&gt;{BODY} First.&lt;/p&gt;&lt;p&gt;Second paragraph of item one.&lt;/p&gt;</description></item>
<item><title>RSS Item Two</title><link>https://feed.example.com/2</link>
<pubDate>Tue, 04 Jun 2019 10:00:00 GMT</pubDate>
<description>{BODY} Second.</description></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title><id>urn:feed</id>
<updated>2019-10-23T00:00:00Z</updated>
<entry><title>Atom Entry</title><link href="https://atom.example.net/e1"/><id>urn:e1</id>
<updated>2019-10-23T12:00:00Z</updated><published>2019-10-22T12:00:00Z</published>
<author><name>Atom Author</name></author>
<content type="html">&lt;p&gt;{BODY} Atom.&lt;/p&gt;</content></entry>
</feed>
"""


def test_rss_feed(tmp_path, tmp_store, no_extract) -> None:
    f = write(tmp_path / "f.xml", RSS)
    report = ingest([f], tmp_store, extractor=no_extract)
    assert report.ok and len(report.ingested) == 2
    docs = by_title(tmp_store)
    one, two = docs["RSS Item One"], docs["RSS Item Two"]
    assert one["published"] == "2019-10-23" and two["published"] == "2019-06-04"
    assert one["outlet"] == two["outlet"] == "Feed Outlet"
    assert one["url"] == "https://feed.example.com/1"
    assert one["source"] == f"{f}#https://feed.example.com/1"
    assert one["authors"] == ["Jane Roe"]
    assert "Second paragraph of item one." in one["text"] and "<p>" not in one["text"]
    assert one["text"].startswith("RSS Item One\n\n")


def test_atom_feed(tmp_path, tmp_store, no_extract) -> None:
    f = write(tmp_path / "g.atom", ATOM)
    report = ingest([f], tmp_store, extractor=no_extract)
    assert report.ok and len(report.ingested) == 1
    (doc,) = tmp_store.documents()
    assert doc["title"] == "Atom Entry"
    assert doc["published"] == "2019-10-22"  # published, not the later update
    assert doc["outlet"] == "Atom Outlet"
    assert doc["authors"] == ["Atom Author"]
    assert doc["url"] == "https://atom.example.net/e1"
    assert doc["text"] == f"Atom Entry\n\n{BODY} Atom."


def test_folder_of_every_format(tmp_path, tmp_store, no_extract) -> None:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    write(folder / "a.txt", f"Plain Text Headline\n\n{BODY}\n")
    write(folder / "b.html", HTML_PAGE)
    write(folder / "sub" / "f.xml", RSS)
    write(folder / "sub" / "g.atom", ATOM)
    write(folder / "notes.csv", "not,an,article\n")  # unknown extension: skipped, not failed
    write(folder / ".hidden.txt", f"Hidden Headline\n\n{BODY}\n")  # hidden: skipped
    report = ingest([str(folder)], tmp_store, extractor=no_extract)
    assert report.ok
    assert len(report.ingested) == 5
    assert set(by_title(tmp_store)) == {"Plain Text Headline", "HTML Headline", "RSS Item One", "RSS Item Two",
                                        "Atom Entry"}


def test_same_content_twice_in_one_run_is_stored_once(tmp_path, tmp_store, no_extract) -> None:
    a = write(tmp_path / "a.txt", f"Same Headline\n\n{BODY}\n")
    b = write(tmp_path / "b.txt", f"Same Headline\r\n\r\n{BODY}\r\n")
    report = ingest([a, b], tmp_store, extractor=no_extract)
    assert len(report.ingested) == 1 and report.unchanged == [b]
    assert len(list(tmp_store.documents())) == 1
