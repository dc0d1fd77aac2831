"""Walk inputs (files, folders recursively, URLs) and yield one Item per article or per failure."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, MalformedInput, TooLarge
from ..model import RawDocument
from ..settings import Settings
from .decode import decode_bytes
from .fetch import Fetched, fetch
from .formats import EXTENSIONS, read_text, sniff


@dataclass(frozen=True)
class Item:
    source: str
    raw: RawDocument | None = None
    error: InputError | None = None


def is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def display_source(source: str) -> str:
    """A document's source as served: a URL as it is, a local path as its file name (with any record
    suffix, 'feed.xml#3'), so pages and API answers do not reveal the folders it was ingested from."""
    if is_url(source):
        return source
    path, hash_, record = source.partition("#")  # a feed item's suffix may be a URL: keep it whole
    return (re.split(r"[/\\]", path)[-1] or path) + hash_ + record


def expand(inputs: Iterable[str], skipped: Counter | None = None) -> Iterator[str | InputError]:
    """Files and URLs in a stable order; folders recursively (hidden files and symlink loops skipped).
    Files in folders whose extension is not a supported format are counted in `skipped` by extension."""
    for inp in inputs:
        if is_url(inp):
            yield inp
            continue
        p = Path(inp)
        if p.is_dir():
            seen: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(p, followlinks=True):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in seen:
                    dirs[:] = []
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.startswith("."):
                        continue
                    if Path(f).suffix.lower() not in EXTENSIONS:
                        if skipped is not None:
                            skipped[Path(f).suffix.lower() or "(no extension)"] += 1
                        continue
                    yield str(Path(root) / f)
        elif p.exists() or p.is_symlink():
            yield str(p)
        else:
            yield InputError("no such file, folder or URL", source=inp)


def iter_items(inputs: Iterable[str], settings: Settings) -> Iterator[Item]:
    for src in expand(inputs):
        if isinstance(src, InputError):
            yield Item(source=src.source or "?", error=src)
            continue
        try:
            yield from _items(src, _read(src, settings), settings)
        except InputError as exc:
            exc.source = exc.source or src
            yield Item(source=src, error=exc)


def feed_items(url: str, got: Fetched, settings: Settings) -> Iterator[Item]:
    """The articles of a feed that `watch` fetched itself (for conditional GET) as Items; a response
    that is not an RSS/Atom feed, or a malformed one, raises MalformedInput."""
    fmt = _url_format(got)
    if fmt != "feed":
        raise MalformedInput(f"not an RSS or Atom feed (the response reads as {fmt})", source=url)
    yield from _items(url, read_text(url, got.text or "", fmt, url=url), settings)


def _items(src: str, records: Iterable[RawDocument | InputError], settings: Settings) -> Iterator[Item]:
    for rec in records:
        if isinstance(rec, InputError):
            yield Item(source=rec.source or src, error=rec)
        elif len(rec.content) > settings.max_bytes:
            yield Item(source=rec.source, error=TooLarge(
                f"record text is {len(rec.content):,} characters, over the {settings.max_bytes:,} cap "
                "(CLAIMGRAPH_MAX_BYTES)", source=rec.source))
        else:
            yield Item(source=rec.source, raw=rec)


def _url_format(got: Fetched) -> str:
    """The format of a response: a JSON or feed Content-Type is believed, anything else is sniffed."""
    return got.format if got.format in ("json", "feed") else sniff(got.text or "", ".html" if got.format == "html" else None)


def _read(src: str, settings: Settings) -> Iterator[RawDocument | InputError]:
    if is_url(src):
        got = fetch(src, settings)
        yield from read_text(src, got.text or "", _url_format(got), url=src)
        return
    p = Path(src)
    try:
        size = p.stat().st_size
        if size > settings.max_bytes:
            raise TooLarge(f"file is {size:,} bytes, over the {settings.max_bytes:,}-byte cap (CLAIMGRAPH_MAX_BYTES)", source=src)
        if not p.is_file():
            raise InputError("not a regular file", source=src)
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=src) from exc
    text = decode_bytes(data)
    fmt = sniff(text, p.suffix.lower())
    if fmt == "html" and "<" not in text:
        raise MalformedInput("file has an HTML extension but no markup", source=src)
    yield from read_text(src, text, fmt)
