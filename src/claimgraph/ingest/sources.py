"""Walk inputs (files, folders recursively, URLs) and yield one Item per article or per failure."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, MalformedInput, TooLarge
from ..model import RawDocument
from ..settings import Settings
from .decode import decode_bytes
from .fetch import fetch_url
from .formats import EXTENSIONS, read_text, sniff


@dataclass(frozen=True)
class Item:
    source: str
    raw: RawDocument | None = None
    error: InputError | None = None


def is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


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
            for rec in _read(src, settings):
                if isinstance(rec, InputError):
                    yield Item(source=rec.source or src, error=rec)
                else:
                    yield Item(source=rec.source, raw=rec)
        except InputError as exc:
            exc.source = exc.source or src
            yield Item(source=src, error=exc)


def _read(src: str, settings: Settings) -> Iterator[RawDocument | InputError]:
    if is_url(src):
        text, fmt = fetch_url(src, settings)
        fmt = fmt if fmt in ("json", "feed") else sniff(text, ".html" if fmt == "html" else None)
        yield from read_text(src, text, fmt, url=src)
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
