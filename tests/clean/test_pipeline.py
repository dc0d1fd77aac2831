"""The clean stage end to end on small hand-written articles (claimgraph.clean.clean_document)."""

from __future__ import annotations

import pytest

from claimgraph.clean import clean_document
from claimgraph.clean.html import date_is_stated, visible_text
from claimgraph.errors import EmptyDocument
from claimgraph.model import Document, RawDocument

SENTENCE = "Albanian police said the plot was foiled after months of work by investigators."
BODY = " ".join([SENTENCE] * 6)  # 78 words: enough article before a teaser tail for it to be cut


def clean(text: str, fmt: str = "text", **kw) -> Document:
    return clean_document(RawDocument(source="test", content=text, format=fmt, **kw))


def assert_offsets_sound(doc: Document) -> None:
    if doc.title:
        assert doc.text.startswith(doc.title)
    for r in doc.removed:
        if len(r.split()) > 1:
            assert r not in doc.text, f"removed item still in text: {r!r}"
    assert doc.id == Document.id_for(doc.text)


REUTERS = (
    "Albania Says It Foiled Plot\n\nBy Benet Koleka\n\n"
    "TIRANA, Oct 23 (Reuters) – Albanian police foiled a number of attacks last year, a senior officer said on "
    "Wednesday.\n\nThe plan of March 2018 was stopped.\n\n"
    "(Reporting by Benet Koleka; Editing by David Holmes)"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(REUTERS, dict(
            title="Albania Says It Foiled Plot", authors=("Benet Koleka",), published="2019-10-23", dateline="Tirana",
            wire="Reuters", outlet="Reuters",
            text="Albania Says It Foiled Plot\n\nAlbanian police foiled a number of attacks last year, a senior officer "
                 "said on Wednesday.\n\nThe plan of March 2018 was stopped."), id="wire-story"),
        pytest.param(REUTERS.replace(" on Wednesday", ""), dict(
            title="Albania Says It Foiled Plot", published="--10-23", dateline="Tirana", wire="Reuters"),
            id="dateline-year-unknown-stays-partial"),
        pytest.param(f"By Published On: June 4, 2019Categories: NEWS\nIranian regime’s embassy in Albania\n\n{BODY}"
                     "\n\nStaff writer\n\nShare This Story, Choose Your Platform!", dict(
            title="Iranian regime’s embassy in Albania", authors=("Staff writer",), published="2019-06-04",
            dateline=None, wire=None, text=f"Iranian regime’s embassy in Albania\n\n{BODY}"), id="empty-byline-template"),
        pytest.param(f"Headline Here\n\n{BODY}\n\nLatest news\n\nSome teaser headline\n\nTeaser text...\n\nMust read"
                     "\n\nOther teaser", dict(title="Headline Here", text=f"Headline Here\n\n{BODY}"), id="latest-news-tail"),
        pytest.param(f"Headline Here\n\n{BODY}\n\nYou might also likeRELATED\nRecommended to you", dict(
            text=f"Headline Here\n\n{BODY}"), id="glued-tail-headings"),
        pytest.param(f"{BODY}\n\nThe end of the story is here.\n\nMichael Tomlinson", dict(
            title=None, authors=("Michael Tomlinson",), text=f"{BODY}\n\nThe end of the story is here."),
            id="signature-line"),
        pytest.param("Albania expels envoy\n\nBy the end of the year, Albania had expelled two diplomats.\n\n" + BODY, dict(
            title="Albania expels envoy", authors=(),
            text="Albania expels envoy\n\nBy the end of the year, Albania had expelled two diplomats.\n\n" + BODY),
            id="by-sentence-is-not-a-byline"),
        pytest.param(f"Headline Here\n\n[caption id=\"1\"]Photo of Tirana[/caption]\n\n{BODY} [a] note\n\n"
                     "Share on Facebook Twitter WhatsApp", dict(text=f"Headline Here\n\n{BODY} [a] note"),
                     id="shortcode-and-share-widget"),
        pytest.param(f"Headline Here\n\n{BODY}\n\nPhoto: Reuters/Florion Goga", dict(text=f"Headline Here\n\n{BODY}"),
                     id="photo-credit-at-end"),
    ],
)
def test_clean_document(text: str, expected: dict) -> None:
    doc = clean(text)
    for key, value in expected.items():
        assert getattr(doc, key) == value, key
    assert_offsets_sound(doc)


def test_short_article_keeps_heading_like_line() -> None:
    # a 'Latest news' line before the article has said anything is not a teaser tail
    doc = clean("Headline Here\n\nShort body here.\n\nLatest news\n\nMore text here.")
    assert "Latest news" in doc.text and "More text here." in doc.text
    assert doc.removed == ()


def test_single_name_line_is_text_not_signature() -> None:
    doc = clean("Michael Tomlinson")
    assert doc.text == "Michael Tomlinson" and doc.authors == ()


def test_container_metadata_wins_and_title_not_duplicated() -> None:
    doc = clean(f"Albania Says It Foiled Plot\n\n{BODY}", title="Albania Says It Foiled Plot",
                published="Wed, 23 Oct 2019 10:00:00 GMT", outlet="Reuters", authors=("Benet Koleka",))
    assert doc.title == "Albania Says It Foiled Plot"
    assert doc.text == f"Albania Says It Foiled Plot\n\n{BODY}"
    assert doc.published == "2019-10-23"
    assert doc.outlet == "Reuters" and doc.authors == ("Benet Koleka",)


def test_outlet_from_url_host() -> None:
    doc = clean(f"Headline Here\n\n{BODY}", url="https://www.example.com/news/1")
    assert doc.outlet == "example.com" and doc.url == "https://www.example.com/news/1"


def test_breadcrumb_glued_to_headline_is_removed() -> None:
    doc = clean(f"Iran TerrorismIran Terror Threats Reach Albania\n\nIran Terror Threats Reach Albania\n\n{BODY}")
    assert doc.title == "Iran Terror Threats Reach Albania"
    assert doc.text == f"Iran Terror Threats Reach Albania\n\n{BODY}"
    assert_offsets_sound(doc)


def test_same_text_same_id() -> None:
    a = clean(f"Headline Here\n\n{BODY}")
    b = clean(f"Headline Here\r\n\r\n{BODY}\u00a0\n\nShare This Story, Choose Your Platform!")
    assert a.id == b.id and a.text == b.text


HTML_PAGE = f"""<!doctype html>
<html><head><title>Albania expels envoy</title>
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2019-10-23T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/login">Log in</a></nav>
<article><h1>Albania expels envoy</h1><p>{BODY}</p><p>The envoy left Tirana on Thursday.</p></article>
<footer>Contact us | Privacy policy</footer>
<script>var tracking = "should never appear";</script>
</body></html>"""


def test_html_page() -> None:
    doc = clean(HTML_PAGE, fmt="html", url="https://www.example.com/a")
    assert doc.title == "Albania expels envoy"
    assert doc.authors == ("Jane Doe",)
    assert doc.published == "2019-10-23"
    assert doc.outlet == "example.com"
    assert doc.text.startswith("Albania expels envoy\n\n")
    assert SENTENCE in doc.text and "The envoy left Tirana on Thursday." in doc.text
    for junk in ("Log in", "Privacy policy", "tracking", "should never appear"):
        assert junk not in doc.text
    assert doc.text.count("Albania expels envoy") == 1
    assert_offsets_sound(doc)


def test_html_copyright_year_is_not_a_publication_date() -> None:
    page = (f"<html><head><title>Albania expels envoy</title></head><body><article><h1>Albania expels envoy</h1>"
            f"<p>{BODY}</p></article><footer>Copyright 2020 Example News</footer></body></html>")
    doc = clean(page, fmt="html")
    assert doc.published in (None, "2020")


def _dated_page(head: str = "", footer: str = "") -> str:
    return (f"<html><head><title>Albania expels envoy</title>{head}</head><body><article><h1>Albania expels envoy</h1>"
            f"<p>{BODY}</p></article><footer>{footer}</footer></body></html>")


@pytest.mark.parametrize(
    ("page", "url", "published"),
    [
        pytest.param(_dated_page(footer="© 2018–2020 Example News"), None, None, id="copyright-range"),
        pytest.param(_dated_page('<meta name="date" content="2019-10">'), None, None, id="year-month-gets-no-day"),
        pytest.param(_dated_page('<meta property="article:published_time" content="2020-01-01T09:00:00Z">',
                                 "Copyright 2020"), None, "2020-01-01", id="stated-new-year-kept"),
        pytest.param(_dated_page(), "https://example.com/2019/10/23/envoy", "2019-10-23", id="date-in-url"),
        pytest.param(_dated_page('<meta property="article:published_time" content="2019-06-04">'), None, "2019-06-04",
                     id="meta-date"),
    ],
)
def test_html_publication_date_only_as_stated(page: str, url: str | None, published: str | None) -> None:
    assert clean(page, fmt="html", url=url).published == published


@pytest.mark.parametrize(
    ("iso", "html", "stated"),
    [
        ("2020-01-01", "<footer>Copyright 2020 Example</footer>", False),
        ("2020-01-01", "<p>Updated 2020-11 and © 2020</p>", False),
        ("2020-01-01", '<meta content="2020-01-01T00:00:00Z">', True),
        ("2019-10-23", "<time>Oct. 23, 2019</time>", True),
        ("2019-10-23", "<p>23rd October 2019</p>", True),
        ("2019-10-23", "<p>23. Oktober 2019</p>", True),
        ("2019-10-23", "<p>23 de octubre de 2019</p>", True),
        ("2019-10-23", "<p>23/10/2019</p>", True),
        ("2019-10-23", "<p>10/23/2019</p>", True),
        ("2019-10-23", "<p>2019年10月23日</p>", True),
        ("2019-10-23", '<meta content="2019-10">', False),
    ],
)
def test_date_is_stated(iso: str, html: str, stated: bool) -> None:
    assert date_is_stated(iso, html) is stated


@pytest.mark.parametrize(
    ("sitename", "url", "outlet"),
    [
        pytest.param(None, "http://127.0.0.1:8000/a.html", "127.0.0.1", id="port-dropped"),
        pytest.param(None, "https://www.example.com/a", "example.com", id="www-dropped"),
        pytest.param("www.Example.org:8443", None, "example.org", id="host-like-site-name"),
        pytest.param("Example News", "https://www.example.com/a", "Example News", id="real-site-name-kept"),
    ],
)
def test_html_outlet_is_a_bare_host(sitename: str | None, url: str | None, outlet: str) -> None:
    head = f'<meta property="og:site_name" content="{sitename}">' if sitename else ""
    assert clean(_dated_page(head), fmt="html", url=url).outlet == outlet


@pytest.mark.parametrize(
    "fragment",
    [
        pytest.param(f"<p>{BODY}</p>", id="paragraph"),
        pytest.param(f"<div><p>{BODY}</p></div>", id="div"),
        pytest.param(f"<p>{SENTENCE}</p>", id="one-sentence"),
        pytest.param(f"<span>{SENTENCE}</span>", id="inline-only"),
    ],
)
def test_html_fragment_is_read(fragment: str) -> None:
    doc = clean(fragment, fmt="html", title="Fragment")
    assert doc.text.startswith("Fragment\n\n") and SENTENCE in doc.text


def test_visible_text_skips_scripts_and_breaks_blocks() -> None:
    html = f"<html><head><title>T</title><style>p {{}}</style></head><body><div>One\n  two</div>" \
           f"<script>var x = 1;</script><p>Three <b>four</b></p></body></html>"
    assert visible_text(html) == "One two\nThree four"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("   \n\n  ", id="whitespace"),
        pytest.param("Share This Story, Choose Your Platform!\n\n-", id="only-furniture"),
        pytest.param("[gallery ids=\"1,2\"]\n\n* * *", id="only-shortcodes"),
    ],
)
def test_nothing_left_is_empty_document(text: str) -> None:
    with pytest.raises(EmptyDocument) as info:
        clean(text)
    assert str(info.value).startswith("[E101]")
