"""Quotation marks paired per paragraph, on plain text: straight, curly and mismatched marks all open
or close by position, and an unclosed quote runs to the paragraph's end. No parse is needed, so copy
detection (which skips quoted text) uses it without loading spaCy; extract/quotes.py builds quotes on it."""

from __future__ import annotations

import re
from collections.abc import Iterator

OPEN = "“«„"
CLOSE = "”»"
_MARKS = re.compile(f"[{re.escape(OPEN + CLOSE)}\"]")
MIN_WORDS = 3  # a quoted span of fewer words is a scare quote or a title, not a quotation


def quote_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of quoted text, marks excluded."""
    pos = 0
    for para in text.split("\n"):
        yield from ((pos + s, pos + e) for s, e in para_spans(para))
        pos += len(para) + 1


def para_spans(p: str) -> Iterator[tuple[int, int]]:
    """(start, end) of quoted text in one paragraph (no newline), marks excluded."""
    open_at = None
    for m in _MARKS.finditer(p):  # only the marks: a loop over every character was most of copy detection's hashing time
        i, ch = m.start(), m.group()
        prev = p[i - 1] if i else " "
        nxt = p[i + 1] if i + 1 < len(p) else " "
        closer = ch in CLOSE or ch == '"' or (ch == "“" and open_at is not None and not nxt.isalnum() and nxt not in "‘'\"")
        # a mismatched “ that closes (after a word, before a space or punctuation) opens nothing
        opener = (ch in OPEN and not (ch == "“" and closer and open_at is not None)) or (
            ch in '"”' and (prev.isspace() or prev in "([{—–-:") and (nxt.isalnum() or nxt in "…."))
        if open_at is None:
            if opener:
                open_at = i
        elif closer and not (opener and ch in OPEN):
            yield from _emit(p, open_at + 1, i)
            open_at = None
        elif opener:
            yield from _emit(p, open_at + 1, i)
            open_at = i
    if open_at is not None:
        yield from _emit(p, open_at + 1, len(p))


def _emit(p: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    while s < e and p[s].isspace():
        s += 1
    while e > s and (p[e - 1].isspace() or p[e - 1] in ",;"):  # '“...,” X said': the comma is the frame's
        e -= 1
    if len(p[s:e].split()) >= MIN_WORDS:
        yield s, e
