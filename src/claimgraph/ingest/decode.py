"""Bytes -> text, refusing what is not text. Charset by BOM, then the declared charset, then UTF-8,
then Windows-1252, then detection.

Why cp1252 before detection: legacy Western text is by far the most common non-UTF-8 input, and
charset-normalizer cannot tell it from other single-byte Latin code pages on article-sized samples
(French comes out as Mac Latin-2, Spanish as cp1250, German with a curly quote as Baltic). So cp1252
is taken when it decodes every byte and the result reads like a Western language; otherwise (undefined
bytes, letters that are mostly accented, symbols inside words, letters of orthographies that never
meet) the bytes are some other code page and detection decides (cp1251 Russian, Shift-JIS, cp1250 ...)."""

from __future__ import annotations

import re

from ..errors import BinaryInput, EmptyDocument, MalformedInput

_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"BZh", b"\x7fELF",
                 b"7z\xbc\xaf", b"Rar!", b"ID3", b"OggS", b"RIFF", b"\x00\x00\x01\x00", b"MZ")

# Western text: accented letters are a minority of letters (Icelandic and Portuguese, the densest,
# stay well under this); text in another code page read as cp1252 is mostly "accented letters".
MAX_ACCENTED_SHARE = 0.25
# Non-letters glued inside a word ("oœwiadczy³a", "Ìð¶{") are what another code page looks like.
MAX_INWORD_SYMBOL_SHARE = 0.05
_INWORD_OK = set("’‘'·\u00ad")  # apostrophes, the Catalan middle dot, soft hyphen
# Letters of one orthography that no cp1252 language writes together with the others: Icelandic
# eth/thorn (Turkish ş/ğ, Lithuanian š/ž, Romanian ţ read as cp1252) and Nordic ø (Czech ř read as
# cp1252, next to ě/ů as ì/ù).
_CLASHES = (
    (set("ðþÐÞ"), set("àâãäçèêëìîïñòôõùûüÿœÀÂÃÄÇÈÊËÌÎÏÑÒÔÕÙÛÜŸŒ")),
    (set("øØ"), set("ìùÌÙãõÃÕñÑ")),
)


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    if not data.strip():
        raise EmptyDocument("file is empty")
    if data.startswith(_BINARY_MAGIC):
        raise BinaryInput("binary file (not text, HTML, JSON or XML)")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    sample = data[:65536]
    if sample.count(b"\x00") > max(1, len(sample) // 100):
        raise BinaryInput("binary file (contains NUL bytes)")
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _western(data)
    if text is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise MalformedInput("not valid UTF-8 and no other text encoding fits")
        text = str(best)
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > len(text[:20000]) // 50:
        raise BinaryInput("binary file (mostly control characters)")
    return text


def _western(data: bytes) -> str | None:
    """The bytes as cp1252 if every byte is defined there and the result reads like Western text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None  # 0x81 0x8D 0x8F 0x90 0x9D: not cp1252
    return text if looks_western(text) else None


def looks_western(text: str) -> bool:
    """Does this (cp1252-decoded) text read like a language written in cp1252?"""
    sample = text[:200000]
    letters = [ch for ch in sample if ch.isalpha()]
    accented = [ch for ch in letters if not ch.isascii()]
    if not accented:
        return True
    if len(accented) > MAX_ACCENTED_SHARE * len(letters):
        return False
    inword = [ch for ch in re.findall(r"(?<=[^\W\d_])([^\x00-\x7f])(?=[^\W\d_])", sample)
              if not ch.isalpha() and ch not in _INWORD_OK]
    non_ascii = sum(1 for ch in sample if not ch.isascii())
    if len(inword) > max(1, MAX_INWORD_SYMBOL_SHARE * non_ascii):
        return False
    present = set(accented)
    return not any(present & marks and present & others for marks, others in _CLASHES)
