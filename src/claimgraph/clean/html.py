"""HTML -> main text plus the metadata the page declares, via trafilatura. Its text is then
cleaned by the same line rules as plain text, because extracted text keeps some furniture."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..errors import EmptyDocument

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass
class HtmlResult:
    text: str
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    sitename: str | None


def html_to_text(html: str, url: str | None = None) -> HtmlResult:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, deduplicate=False, favor_precision=True,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        # pages whose main block trafilatura cannot find: fall back to all visible text
        text = trafilatura.html2txt(html) or ""
    if not text.strip():
        raise EmptyDocument("HTML page has no readable text")
    authors: tuple[str, ...] = ()
    if doc is not None and doc.author:
        authors = tuple(a.strip() for a in doc.author.split(";") if a.strip())
    return HtmlResult(
        text=text,
        title=(doc.title if doc is not None else None) or None,
        authors=authors,
        published=(doc.date if doc is not None else None) or None,
        sitename=(doc.sitename if doc is not None else None) or None,
    )
