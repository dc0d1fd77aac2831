"""Property-based: clean_document takes any text or HTML and either returns a well-formed Document or
raises a ClaimgraphError; extraction on what it returns never fails and every offset it records reads
back the recorded text from the clean text."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimgraph.clean import clean_document
from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document, RawDocument

from .conftest import example_sentences

SETTINGS = settings(max_examples=50, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])

# Characters that break text processing: controls and NUL, bidi controls, RTL scripts, zero widths,
# combining marks, line/paragraph separators, surrogates-free astral symbols, odd spaces.
NASTY = ("\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x7f\x85\x9f\r\n\t \u00a0\u00ad\u200b\u200c\u200d\u200e\u200f"
         "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029\ufeff\ufffd\u0301\u0308\u0327"
         "שלוםعربيةفارسی\u0640\u064b\u05b0ﷺ\U0001f600\U0001d400\u3000\u180e<>&\"'“”‘’«»—–…")

nasty_text = st.text(alphabet=st.sampled_from(list(NASTY)) | st.characters(codec="utf-8"), max_size=300)
huge_line = st.builds(lambda w, n: (w + " ") * n, st.text(min_size=1, max_size=12), st.integers(1000, 20000))
any_text = st.one_of(nasty_text, st.text(max_size=500), huge_line,
                     st.lists(st.one_of(nasty_text, huge_line), max_size=4).map("\n".join))

TAGS = ["p", "div", "span", "b", "article", "section", "h1", "li", "ul", "table", "tr", "td", "script", "style",
        "a", "br", "img", "blockquote", "pre", "title", "head", "body", "html", "noscript", "svg", "template"]


def _el(tag: str, attrs: str, children: list[str]) -> str:
    return f"<{tag}{attrs}>{''.join(children)}</{tag}>"


html_leaf = st.one_of(
    nasty_text,
    st.sampled_from(["<br>", "<img src=x onerror=alert(1)>", "<!-- c -->", "<![CDATA[x]]>", "&amp;", "&#0;",
                     "&#x110000;", "&nbsp;", "&bogus;", "</p>", "<p", "<", "<<>>", "<?xml version='1.0'?>",
                     "<!DOCTYPE html>", "<meta charset=\"utf-16\">", "<script>var a='</p>';</script>"]),
)
html_attrs = st.sampled_from(["", " class=\"x\"", " id='a' data-x=\"\x00\"", " style=\"display:none\"", " hidden",
                              " dir=\"rtl\"", " lang=\"ar\"", " a=b c d=\"e"])
html = st.recursive(
    html_leaf,
    lambda children: st.builds(_el, st.sampled_from(TAGS), html_attrs, st.lists(children, max_size=4)),
    max_leaves=30,
)
any_html = st.one_of(html, html.map(lambda b: f"<html><head><title>T</title></head><body>{b}</body></html>"),
                     st.builds(lambda d, inner: "<div>" * d + inner + "</div>" * d, st.integers(1, 800), html))


def _check_document(doc: Document) -> None:
    assert isinstance(doc.text, str) and doc.text.strip()
    assert doc.id == Document.id_for(doc.text)
    bad = [ch for ch in doc.text if ch != "\n" and unicodedata.category(ch) == "Cc"]
    assert not bad, f"control characters left in clean text: {bad[:5]!r}"
    if doc.title is not None:
        assert doc.text.startswith(doc.title), "the headline must be the first line of the clean text"


def _clean_or_claimgraph_error(raw: RawDocument) -> Document | None:
    try:
        doc = clean_document(raw)
    except ClaimgraphError:
        return None
    _check_document(doc)
    return doc


@SETTINGS
@given(any_text)
@example("\x00" * 64)
@example("Headline\x00\n\nBody with a NUL\x00 and \x1b[31mANSI\x1b[0m codes.")
@example("خبرگزاری رسمی ایران گزارش داد که سفیر ایران از آلبانی اخراج شد.\n\n\u202eReversed\u202c text.")
@example("word " * 60_000)
@example("\r\n\u2028\u2029\ufeff\u200b")
def test_clean_text_returns_document_or_claimgraph_error(text):
    _clean_or_claimgraph_error(RawDocument(source="prop.txt", content=text, format="text"))


@SETTINGS
@given(any_html)
@example("<div>" * 5000 + "<p>Deep text.</p>" + "</div>" * 5000)
@example("<html><body><p>a\x00b</p><script>document.write('<p>x</p>')</script></body></html>")
@example("<p dir=rtl>مرحبا بالعالم</p><p>" + "&amp;" * 10_000 + "</p>")
@example("<<<>>><p<p<p></p")
def test_clean_html_returns_document_or_claimgraph_error(markup):
    _clean_or_claimgraph_error(RawDocument(source="prop.html", content=markup, format="html"))


# Extraction: real sentences (so the extractor finds names, quotes and claims) with hostile
# characters spliced in, cleaned first like any ingested article.
_SENTS = example_sentences()


@st.composite
def spliced_article(draw) -> str:
    sents = draw(st.lists(st.sampled_from(_SENTS), min_size=1, max_size=5)) if _SENTS else ["Tom said it."]
    text = "\n\n".join(sents)
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        junk = draw(st.text(alphabet=st.sampled_from(list(NASTY)), min_size=1, max_size=4))
        text = text[:at] + junk + text[at:]
    if draw(st.booleans()):
        text = draw(st.sampled_from(["Headline with “quotes” and \u202eRTL\u202c\n\n", "عنوان الخبر\n\n", ""])) + text
    return text


def _span_ok(text: str, start, end, recorded, what: str) -> None:
    assert isinstance(start, int) and isinstance(end, int), what
    assert 0 <= start <= end <= len(text), f"{what}: offsets {start}:{end} outside text of {len(text)} chars"
    if recorded is not None:
        assert text[start:end] == recorded, f"{what}: text[{start}:{end}]={text[start:end]!r} != {recorded!r}"


@SETTINGS
@given(spliced_article(), st.sampled_from(["text", "html"]))
def test_extraction_offsets_read_back_their_text(pipeline, article, fmt):
    content = article if fmt == "text" else "<html><body>" + "".join(
        f"<p>{p}</p>" for p in article.split("\n\n")) + "</body></html>"
    raw = RawDocument(source=f"prop.{fmt}", content=content, format=fmt)
    try:
        clean = clean_document(raw)
    except ClaimgraphError:
        return
    doc = Document(id=clean.id, source=clean.source, text=clean.text, title=clean.title, published="2024-03-15")
    (ex,) = pipeline.extract_many([doc])
    assert ex.error is None, ex.error
    text = doc.text
    for m in ex.mentions:
        _span_ok(text, m.start, m.end, m.text, f"mention {m.label}")
    for d in ex.descriptions:
        _span_ok(text, d.start, d.end, d.text, "description")
    for q in ex.quotes:
        _span_ok(text, q.start, q.end, q.text, "quote")
        if q.speaker_start is not None or q.speaker_end is not None:
            _span_ok(text, q.speaker_start, q.speaker_end, None, "quote speaker")
    for c in ex.claims:
        e = c.evidence
        _span_ok(text, e.start, e.end, e.text, f"claim evidence ({c.predicate})")
