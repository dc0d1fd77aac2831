"""Character-level normalisation. Curly quotes and dashes are kept as the page has them (quotes are
matched either way downstream, and evidence must read as published); what goes is what breaks
matching and offsets: NBSP and odd spaces, zero widths, soft hyphens, control characters, CRLF."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\u180e]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def normalise_text(text: str) -> str:
    """NFC, one kind of space, no invisible or control characters, '\n' line ends, no trailing spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = re.sub(r" {2,}", " ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def paragraphs(text: str) -> list[str]:
    """Lines of a normalised text as paragraphs. Hard-wrapped prose (a line that does not end a
    sentence followed by one that starts in lower case) is re-joined; one-sentence-per-line and
    one-paragraph-per-line layouts are kept as they are."""
    out: list[str] = []
    prev_blank = True
    for line in text.split("\n"):
        if not line:
            prev_blank = True
            continue
        if out and not prev_blank and _continues(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        prev_blank = False
    return out


def _continues(prev: str, line: str) -> bool:
    return bool(prev) and prev[-1] not in ".!?:;\"”’)]" and (line[0].islower() or prev[-1] in ",-–")
