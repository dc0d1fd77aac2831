"""Bytes -> text, refusing what is not text. Charset by BOM, then UTF-8, then detection."""

from __future__ import annotations

from ..errors import BinaryInput, EmptyDocument, MalformedInput

_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"BZh", b"\x7fELF",
                 b"7z\xbc\xaf", b"Rar!", b"ID3", b"OggS", b"RIFF", b"\x00\x00\x01\x00", b"MZ")


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
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise MalformedInput("not valid UTF-8 and no other text encoding fits")
    text = str(best)
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > len(text[:20000]) // 50:
        raise BinaryInput("binary file (mostly control characters)")
    return text
