"""HTML -> main text plus the metadata the page declares, via trafilatura. Its text is then
cleaned by the same line rules as plain text, because extracted text keeps some furniture."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from ..errors import EmptyDocument

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# htmldate's extensive search turns a "Copyright 2020" footer into 2020-01-01; only dates the page
# states as dates (meta tags, <time>, JSON-LD, the URL) are taken here. Dates printed in the text
# ("Published June 4, 2019") are read later by the clean stage's own line rules.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
_EXTRACT = dict(with_metadata=True, include_comments=False, include_tables=False, include_images=False,
                deduplicate=False, date_extraction_params=DATE_PARAMS)
_PAGE = re.compile(r"<(?:html|head|body)[\s>]|<!doctype", re.I)
_HOST = re.compile(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?\.?", re.I)
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
           "article", "header", "footer", "tr", "table", "pre", "figure", "figcaption", "dd", "dt", "hr", "main"}


@dataclass
class HtmlResult:
    text: str
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    sitename: str | None
    url: str | None = None  # the canonical URL the page states (<link rel=canonical>, og:url, JSON-LD)


MAX_PARSED_HTML = 2_000_000  # characters; trafilatura takes ~13 s/MB, and no news page is this big


def html_to_text(html: str, url: str | None = None) -> HtmlResult:
    import trafilatura

    if len(html) > MAX_PARSED_HTML:
        # a page this size is a dump or an attack: read its words by pattern, in bounded time
        text = stripped_text(html)
        if not text.strip():
            raise EmptyDocument("HTML page has no readable text")
        return HtmlResult(text=text, title=None, authors=(), published=None, sitename=None)

    if not _PAGE.search(html[:5000]):
        # a fragment ('<p>...</p>' from a JSON record): trafilatura refuses markup without a page around it
        html = f"<html><body>{html}</body></html>"
    # Precision first (it drops page furniture); a short page or fragment has no block that passes the
    # precision filters, so retry plainly, then take all visible text, before calling the page empty.
    doc = trafilatura.bare_extraction(html, url=url, favor_precision=True, **_EXTRACT)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        doc = trafilatura.bare_extraction(html, url=url, **_EXTRACT) or doc
        text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        text = trafilatura.html2txt(html) or visible_text(html) or stripped_text(html)
    if not text.strip():
        raise EmptyDocument("HTML page has no readable text")
    authors: tuple[str, ...] = ()
    if doc is not None and doc.author:
        authors = tuple(a.strip() for a in doc.author.split(";") if a.strip())
    date = (doc.date if doc is not None else None) or None
    sitename = (doc.sitename if doc is not None else None) or None
    title = (doc.title if doc is not None else None) or None
    if sitename and _HOST.fullmatch(sitename.strip()):
        sitename = title_site_name(html, title) or host_outlet(sitename)
    return HtmlResult(
        text=text,
        title=title,
        authors=authors,
        published=date if date and date_is_stated(date, html, url) else None,
        sitename=sitename or title_site_name(html, title),
        url=stated_url(doc.url if doc is not None else None),
    )


_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_TITLE_SEP = re.compile(r"\s+(?:[|–—:·•»-]|::)\s+")


def title_site_name(html: str, headline: str | None) -> str | None:
    """The site's name where the page's <title> is its headline plus a separator and a name
    ('Expulsions test … - The Northern Ledger'): the common pattern of pages that declare no
    og:site_name. Only a short name after a headline that matches is taken; nothing is guessed."""
    import html as html_lib

    m = _TITLE_TAG.search(html[:20000])
    if not m or not headline:
        return None
    page_title = " ".join(html_lib.unescape(m.group(1)).split())
    head = " ".join(headline.split())
    if not page_title.startswith(head):
        return None
    sep = _TITLE_SEP.match(page_title[len(head):])
    name = page_title[len(head) + sep.end():].strip() if sep else ""
    return name if name and len(name.split()) <= 6 and not _TITLE_SEP.search(name) else None


def stated_url(url: str | None) -> str | None:
    """An absolute http(s) URL the page states as its own, else None."""
    u = (url or "").strip()
    return u if re.match(r"https?://[^\s/]+\.[^\s/]+", u) else None


def host_outlet(host_or_url: str | None) -> str | None:
    """The outlet named by a host or URL: 'https://www.example.com:8080/x' -> 'example.com'."""
    if not host_or_url:
        return None
    s = host_or_url.strip()
    host = (urlparse(s if "//" in s else f"//{s}").hostname or "").rstrip(".")
    return (host[4:] if host.startswith("www.") else host) or None


def date_is_stated(iso: str, html: str, url: str | None = None) -> bool:
    """Does the page (or its URL) state this day? htmldate fills what a page leaves out: a bare year
    becomes January 1st, a year-month takes today's day; such a date is not a publication date."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", iso)
    if not m:
        return False
    y, mm, dd = m.groups()
    mo, d = rf"0?{int(mm)}", rf"0?{int(dd)}"
    month = r"[^\W\d_]{3,}\.?"  # a month name, in any language
    pats = (
        rf"{y}{mm}{dd}",  # 20191023
        rf"{y}\D{{1,3}}{mo}\D{{1,3}}{d}",  # 2019-10-23, 2019/10/23, 2019年10月23日
        rf"{d}[-/.]{mo}[-/.]{y}",  # 23.10.2019, 23/10/2019
        rf"{mo}[-/.]{d}[-/.]{y}",  # 10/23/2019
        rf"{d}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?{month},?\s+(?:de\s+)?{y}",  # 23 October 2019, 23. Oktober 2019
        rf"{month}\s+{d}(?:st|nd|rd|th)?,?\s+{y}",  # October 23, 2019
    )
    hay = f"{html}\n{url or ''}"
    # only the neighbourhood of the year can state the day: search there, not the whole page
    near = "\n".join(hay[max(0, m.start() - 40): m.end() + 40] for m in re.finditer(y, hay))
    return any(re.search(rf"(?<!\d){p}(?!\d)", near, re.I) for p in pats)


def visible_text(html: str) -> str:
    """All text outside scripts and styles, one line per block element: the last resort."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    if max((len(list(el.iterancestors())) for el in root.iter()), default=0) > 500:
        return ""  # pathological nesting: the recursive walk below would overflow; stripped_text copes
    for el in root.xpath("//script|//style|//noscript|//template|//head"):
        el.drop_tree()
    out: list[str] = []

    def walk(el) -> None:
        block = isinstance(el.tag, str) and el.tag.lower() in _BLOCKS
        if block:
            out.append("\n")
        if isinstance(el.tag, str) and el.text:
            out.append(re.sub(r"\s+", " ", el.text))
        for child in el:
            walk(child)
            if child.tail:
                out.append(re.sub(r"\s+", " ", child.tail))
        if block:
            out.append("\n")

    walk(root)
    return "\n".join(line.strip() for line in "".join(out).split("\n") if line.strip())


_DROP = re.compile(r"<(script|style|noscript|template|head)\b.*?</\1\s*>", re.S | re.I)
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|tr|section|article|blockquote|header|footer)\b[^>]*>", re.I)


def stripped_text(html: str) -> str:
    """Tags removed by pattern: for markup no parser accepts (thousands of nested divs, broken
    documents), so the words on the page are still read rather than the page refused."""
    import html as html_lib

    text = _DROP.sub(" ", html)
    text = _BLOCK_TAG.sub("\n", text)
    text = re.sub(r"<[^>]*>", " ", text)
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in html_lib.unescape(text).split("\n") if line.strip())
