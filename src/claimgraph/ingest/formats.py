"""Readers for each input format. Each takes decoded text and yields RawDocuments, or
InputErrors for single bad records inside a container."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..errors import InputError, MalformedInput, UnsupportedInput
from ..model import RawDocument

RECORD_KEYS = ("text", "html", "content", "body")
EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
              ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xml": "feed", ".rss": "feed", ".atom": "feed"}


def sniff(text: str, ext: str | None) -> str:
    """Format by extension, corrected by content: a '.txt' that is really HTML is read as HTML."""
    head = text.lstrip()[:2000].lower()
    guess = EXTENSIONS.get(ext or "")
    if guess in ("json", "jsonl") and head[:1] == "<":
        guess = None  # markup behind a JSON extension: read it for what it is
    if guess in ("json", "jsonl") or (guess is None and head[:1] in "{["):
        if guess is None:
            return "jsonl" if "\n{" in text.strip() and head.startswith("{") and not _is_one_json(text) else "json"
        return guess
    if re.search(r"<(rss|feed|rdf:rdf)[\s>]", head):
        return "feed"
    if guess == "feed":
        return "html" if re.search(r"<html[\s>]", head) else "feed"
    if re.match(r"(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", head) or (
            guess != "text" and re.search(r"<(p|div|article)[\s>]", head)):
        return "html"
    return guess or "text"


def _is_one_json(text: str) -> bool:
    try:
        json.loads(text)
        return True
    except (ValueError, RecursionError):
        return False


def _load_json(text: str, where: str) -> object:
    """json.loads, with a JSON nested deeper than Python's recursion limit refused like invalid JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", source=where) from exc
    except RecursionError as exc:
        raise MalformedInput("JSON nested too deeply to read", source=where) from exc


def read_text(source: str, text: str, fmt: str, url: str | None = None) -> Iterator[RawDocument | InputError]:
    if fmt in ("text", "html"):
        yield RawDocument(source=source, content=text, format=fmt, url=url)
    elif fmt == "json":
        data = _load_json(text, source)
        records = data if isinstance(data, list) else data.get("articles") or data.get("items") or [data] if isinstance(data, dict) else None
        if not isinstance(records, list):
            raise MalformedInput("JSON must be an object or a list of objects", source=source)
        for i, rec in enumerate(records):
            yield _record(f"{source}#{i}" if len(records) > 1 else source, rec)
    elif fmt == "jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield MalformedInput(f"invalid JSON on line {n}: {exc.msg}", source=f"{source}:{n}")
                continue
            except RecursionError:
                yield MalformedInput(f"JSON on line {n} nested too deeply to read", source=f"{source}:{n}")
                continue
            yield _record(f"{source}:{n}", rec)
    elif fmt == "feed":
        yield from _feed(source, text)
    else:
        raise UnsupportedInput(f"unsupported format {fmt!r}", source=source)


def _record(source: str, rec: object) -> RawDocument | InputError:
    if not isinstance(rec, dict):
        return MalformedInput("record is not a JSON object", source=source)
    key = next((k for k in RECORD_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), None)
    if key is None:
        return MalformedInput("record has no 'text' or 'html' field", source=source)
    fmt = "html" if key == "html" or (key != "text" and "<p" in rec[key][:5000].lower()) else "text"
    authors = rec.get("authors") or rec.get("author") or ()
    if isinstance(authors, str):
        authors = [a.strip() for a in re.split(r";|,| and ", authors) if a.strip()]
    return RawDocument(
        source=source, content=rec[key], format=fmt, url=_str(rec.get("url")), title=_str(rec.get("title")),
        published=_str(rec.get("published") or rec.get("date")), outlet=_str(rec.get("outlet") or rec.get("source")),
        authors=tuple(str(a) for a in authors if a),
    )


def _str(v: object) -> str | None:
    return v.strip() or None if isinstance(v, str) else None


_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)


def refuse_entity_declarations(source: str, text: str) -> None:
    """A feed whose DTD declares entities is refused: one entity referenced a few thousand times turns
    a 100 KB file into hundreds of millions of characters (news feeds never declare entities)."""
    root = _FEED_ROOT.search(text)
    if _ENTITY_DECLARATION.search(text, 0, root.start() if root else len(text)):
        raise MalformedInput("feed declares DTD entities (refused: they can expand without limit)", source=source)


def _feed(source: str, text: str) -> Iterator[RawDocument | InputError]:
    import feedparser

    refuse_entity_declarations(source, text)
    parsed = feedparser.parse(text)
    bodies = [(e.get("content") or [{}])[0].get("value") or e.get("summary") or "" for e in parsed.entries]
    if parsed.bozo and not any(b.strip() for b in bodies):
        # broken XML: no items, or (a truncated file) only items feedparser had begun, without content
        raise MalformedInput(f"malformed feed: {parsed.bozo_exception}".splitlines()[0], source=source)
    if not parsed.entries:
        raise MalformedInput("feed has no items", source=source)
    outlet = parsed.feed.get("title")
    for i, (e, body) in enumerate(zip(parsed.entries, bodies)):
        where = f"{source}#{e.get('link') or i}"
        if not body.strip():
            yield MalformedInput("feed item has no content", source=where)
            continue
        authors = _feed_authors(e)
        published = e.get("published") or e.get("updated")
        if e.get("published_parsed"):
            p = e.published_parsed
            published = f"{p.tm_year:04d}-{p.tm_mon:02d}-{p.tm_mday:02d}"
        yield RawDocument(source=where, content=f"<html><body><article>{body}</article></body></html>", format="html",
                          url=e.get("link"), title=e.get("title"), published=published, outlet=outlet,
                          authors=tuple(authors))


def _feed_authors(entry) -> list[str]:
    """RSS <author> is 'email (Name)'; feedparser mis-splits long top-level domains, so the raw
    string is read here first."""
    raw = entry.get("author") or ""
    m = re.match(r"^\s*\S+@\S+\s*\((?P<name>[^()]+)\)\s*$", raw)
    if m:
        return [m.group("name").strip()]
    names = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
    return names or ([raw] if raw and "@" not in raw else [])
