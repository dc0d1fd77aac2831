"""The clean stage: one RawDocument in, one Document out.

Order matters: shortcodes and share widgets go first (they sit anywhere), then the teaser tail is cut,
then header and footer lines are read as metadata, then the dateline. What is removed is kept on the
Document (`removed`) so a user can see exactly what the tool took out."""

from __future__ import annotations

import re

from ..dates import parse_date
from ..errors import EmptyDocument
from ..model import Document, RawDocument
from .boilerplate import is_credit, is_punctuation_only, is_share_widget, is_tail_heading
from .html import host_outlet, html_to_text
from .metadata import read_dateline, read_meta_line, signature
from .shortcodes import strip_shortcodes
from .text import normalise_text, paragraphs

HEADER_SPAN = 8  # paragraphs at the top where page metadata lives
MIN_BODY_WORDS_BEFORE_TAIL = 60


def _loose(s: str) -> str:
    return re.sub(r"[\W_]+", " ", s.lower()).strip()


def _is_title_like(p: str) -> bool:
    words = p.split()
    return (0 < len(words) <= 30 and len(p) <= 250 and p[-1] not in ".!:;,\"”’)"
            and p[0] not in "\"“‘'(" and not p.isdigit())


def _take_title(paras: list[str], given: str | None, removed: list[str]) -> tuple[str | None, list[str]]:
    """Title from the container if it has one, else the first title-like paragraph. A breadcrumb
    glued in front of the headline ('Iran TerrorismIran Terror Threats...') is debris."""
    if given:
        title = normalise_text(given).replace("\n", " ").strip()
        for i, p in enumerate(paras[:HEADER_SPAN]):
            if _loose(p) == _loose(title) or (_loose(p).endswith(_loose(title)) and _is_title_like(p)):
                removed.extend(paras[:i] if _loose(p) != _loose(title) else [])
                return title, paras[:i] + paras[i + 1:] if _loose(p) == _loose(title) else paras[i + 1:]
        return title, paras
    if len(paras) < 2 or not _is_title_like(paras[0]):
        return None, paras
    first, rest = paras[0], paras[1:]
    if rest and _is_title_like(rest[0]) and _loose(first).endswith(_loose(rest[0])) and first != rest[0]:
        removed.append(first)
        return rest[0], rest[1:]
    if rest and _loose(first) == _loose(rest[0]):
        return first, rest[1:]
    return first, rest


def clean_document(raw: RawDocument) -> Document:
    """Clean one raw document. Raises EmptyDocument when nothing readable is left."""
    title_given, authors, published, outlet = raw.title, list(raw.authors), raw.published, raw.outlet
    body, url = raw.content, raw.url
    if raw.format == "html":
        h = html_to_text(raw.content, raw.url)
        body = h.text
        title_given = title_given or h.title
        authors = authors or list(h.authors)
        published = published or h.published
        outlet = outlet or h.sitename
        url = url or h.url
    if published:
        published = parse_date(published) or None

    removed: list[str] = []
    paras: list[str] = []
    for p in paragraphs(normalise_text(body)):
        p, codes = strip_shortcodes(p)
        removed.extend(codes)
        if not p:
            continue
        if is_share_widget(p) or is_punctuation_only(p):
            removed.append(p)
            continue
        paras.append(p)

    # teaser tail: from a 'Latest news'-style heading to the end, once the article has had its say
    words_before = 0
    for i, p in enumerate(paras):
        if words_before >= MIN_BODY_WORDS_BEFORE_TAIL and is_tail_heading(p):
            removed.extend(paras[i:])
            paras = paras[:i]
            break
        words_before += len(p.split())

    # header metadata lines (bylines, date lines, categories)
    head_authors: list[str] = []
    kept: list[str] = []
    byline_at = None
    for i, p in enumerate(paras):
        meta = read_meta_line(p) if i < HEADER_SPAN else None
        if meta and meta.is_meta:
            if meta.headline:  # a headline the date line was glued to: keep it, drop the date
                kept.append(meta.headline)
                p = p[len(meta.headline):].strip()
            removed.append(p)
            head_authors.extend(meta.authors)
            published = published or meta.published
            if p.lower().startswith(("by", "from:", "written by", "author")):
                byline_at = len(kept)
            continue
        kept.append(p)
    paras = kept

    # footer: credits, date lines and a signature line, read from the end backwards
    sig_authors: list[str] = []
    while paras:
        last = paras[-1]
        if is_credit(last):
            removed.append(paras.pop())
            continue
        meta = read_meta_line(last)
        if meta.is_meta:
            removed.append(paras.pop())
            head_authors.extend(meta.authors)
            published = published or meta.published
            continue
        sig = signature(last) if len(paras) > 1 else None
        if sig and not sig_authors:
            sig_authors.append(sig)
            removed.append(paras.pop())
            continue
        break
    paras = [p for p in paras if not (is_credit(p) and len(p.split()) <= 25) or removed.append(p)]

    title, paras = _take_title(paras, title_given, removed)
    if byline_at is not None and title is not None:
        # short non-sentences between headline and byline are captions and kickers
        lead = max(0, byline_at - (0 if title_given else 1))
        cut = [p for p in paras[:lead] if len(p.split()) <= 8 and p[-1] not in ".!?\"”"]
        removed.extend(cut)
        paras = [p for j, p in enumerate(paras) if not (j < lead and p in cut)]

    dateline = wire = None
    if paras:
        full = "\n".join(paras)
        dl = read_dateline(paras[0], full, published)
        if dl:
            removed.append(paras[0][: dl.length].strip())
            paras[0] = paras[0][dl.length:]
            dateline, wire = dl.place, dl.wire
            published = published or dl.date

    authors = authors or head_authors or sig_authors
    if not paras and not title:
        raise EmptyDocument("no article text left after cleaning")
    text = "\n\n".join(([title] if title else []) + paras)
    if not text.strip():
        raise EmptyDocument("no article text left after cleaning")
    url_outlet = host_outlet(url)
    return Document(
        id=Document.id_for(text), source=raw.source, text=text, title=title,
        authors=tuple(dict.fromkeys(a for a in authors if a)), published=published,
        outlet=outlet or url_outlet or wire, wire=wire, dateline=dateline, url=url,
        removed=tuple(removed),
    )

