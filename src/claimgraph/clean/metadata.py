"""Metadata that pages print as text: bylines, date lines, datelines with wire credits, signature
lines. Unknown stays None: a value is only taken where a rule reads it off the page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import WEEKDAYS, MONTHS, infer_year, parse_date
from .boilerplate import lexicon

_NAME_PARTICLES = {"de", "da", "del", "van", "von", "der", "bin", "ibn", "al", "el", "la", "le", "di", "du", "y", "ben", "abu", "st."}
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,3}-[A-Z][\w'’-]*)$")


def looks_like_name(text: str, *, max_tokens: int = 5) -> bool:
    """Capitalised words (name particles allowed), no digits: 'Benet Koleka', 'Juan de la Cruz'."""
    toks = text.split()
    if not 1 <= len(toks) <= max_tokens or any(ch.isdigit() for ch in text):
        return False
    caps = [t for t in toks if t.lower() not in _NAME_PARTICLES]
    return bool(caps) and all(_NAME_TOKEN.match(t) for t in caps) and not text.isupper()


def split_names(text: str) -> list[str]:
    """'John Irish and David Holmes' / 'A, B & C' -> names that look like names; anything else dropped.
    A byline name has at least two words: a lone 'Reuters' after a comma is the wire, not a person."""
    if text.isupper():
        text = text.title()
    parts = re.split(r"\s*(?:,|;|&|\band\b)\s*", text.strip().rstrip("."))
    return [p for p in (p.strip() for p in parts) if p and len(p.split()) >= 2 and looks_like_name(p)]


_LABEL = r"(?:published|posted|updated|last updated|date)(?:\s+on)?"
_BYLINE = re.compile(r"^(?:by|from:|written by|author:|authors:)\s*(?P<rest>.*)$", re.I)


@dataclass
class HeaderMeta:
    authors: list[str]
    published: str | None
    is_meta: bool
    headline: str | None = None  # text before a trailing date label ('Headline date 2024-03-15'): not metadata


def read_meta_line(line: str) -> HeaderMeta:
    """Judge one short header/footer line: is it page metadata, and what does it carry?"""
    authors: list[str] = []
    published = None
    is_meta = False
    if len(line) > 200:
        return HeaderMeta([], None, False)
    low = line.lower()
    m = _BYLINE.match(line)
    if m:
        rest = m.group("rest")
        # "By Published On: June 4, 2019" -- the author slot of the template is empty
        cut = re.split(rf"\b(?:{_LABEL}|categories|category|tags)\b\s*:?", rest, maxsplit=1, flags=re.I)[0]
        cut = re.split(r"\s*[|•·]\s*|\s+[-–—]\s+", cut)[0]
        # "By John Smith, Reuters" -- a trailing wire/outlet is not a name
        authors = split_names(cut)
        is_meta = bool(authors) or cut.strip() == "" or rest != cut
    dm = re.search(rf"\b{_LABEL}\s*:?\s*(?P<date>.+)", line, re.I) or (
        re.search(r"[|•·]\s*(?P<date>[^|•·]*\d[^|•·]*)$", line) if m else None)
    if dm:
        published = parse_date(dm.group("date"))
        is_meta = is_meta or published is not None
        headline = glued_headline(line[: dm.start()]) if published and not m else None
        if headline:
            return HeaderMeta(authors, published, True, headline)
    elif len(line.split()) <= 6:
        # a line that is only a date ("date 2022-09-07", "June 4, 2019")
        bare = re.sub(r"^(?:date|published|posted|updated)\s*[:\-–]?\s*", "", line.strip(), flags=re.I)
        d = parse_date(bare) if re.search(r"\d", bare) else None
        if d and len(re.sub(r"[\d\W_]", "", bare.lower()).replace("th", "")) <= 12:
            published, is_meta = d, True
    if re.match(r"^(?:categories|category|tags|filed under)\s*:", low):
        is_meta = True
    return HeaderMeta(authors, published, is_meta)


def glued_headline(head: str) -> str | None:
    """The words before a date label, when they read as a headline that a hard-wrapped layout joined
    to its date line ('Envoys told to leave date 2024-03-15'): three words or more, ending on a word.
    A label alone or after a separator ('Reuters | Published: …') leaves nothing to keep."""
    head = head.strip()
    if len(head.split()) < 3 or not (head[-1].isalnum() or head[-1] in "’”'\"?!)"):
        return None
    return head


def signature(line: str) -> str | None:
    """A closing signature line: 'Staff writer', 'Michael Tomlinson', 'Our correspondent'."""
    text = line.strip().strip("—–-").strip()
    if not text or len(text.split()) > 5 or text[-1:] in ".!?:;,\"”)":
        return None
    if text.lower() in lexicon()["signature_roles"]:
        return text
    if looks_like_name(text, max_tokens=4) and len(text.split()) >= 2:
        return text
    return None


_MON = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z'’.\- ]{{1,40}}?(?:,\s*[A-Z][A-Za-z.\- ]{{1,30}}?)?)\s*,?\s*"
    rf"(?P<date>(?:{_MON})\.?\s+[0-3]?\d(?:,?\s+(?:19|20)\d\d)?)?\s*"
    rf"(?P<wire>\((?P<wirename>[A-Z][A-Za-z .&/-]{{1,40}})\))?\s*[–—-]{{1,2}}\s+(?=\S)"
)


@dataclass
class Dateline:
    place: str
    date: str | None  # ISO, or "--MM-DD" where the year cannot be read off the text
    wire: str | None
    length: int  # characters of the paragraph taken by the dateline


def read_dateline(paragraph: str, full_text: str, published: str | None) -> Dateline | None:
    """'TIRANA, Oct 23 (Reuters) – ...' -> place Tirana, date, wire Reuters. The year of a bare
    month-day comes from the publication date if known, else from the text (see dates.infer_year)."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    place, date, wire = m.group("place").strip(" ,"), m.group("date"), m.group("wirename")
    if not (place.split(",")[0].isupper() or date or wire):
        return None  # "Mixed Case words – ..." is an ordinary sentence with a dash
    if len(place.split(",")[0].split()) > 4:
        return None
    iso = None
    if date:
        iso = parse_date(date, published) if published else parse_date(date)
        if iso and iso.startswith("--"):
            month, day = int(iso[2:4]), int(iso[5:7])
            lead = paragraph[m.end(): m.end() + 400]
            wd = re.search(r"\b(" + "|".join(WEEKDAYS) + r")\b", lead, re.I)
            year = infer_year(month, day, full_text, WEEKDAYS[wd.group(1).lower()] if wd else None)
            if year:
                iso = f"{year:04d}-{month:02d}-{day:02d}"
    return Dateline(place=_title_place(place), date=iso, wire=wire.strip() if wire else None, length=m.end())


def _title_place(place: str) -> str:
    """'BRUSSELS, Belgium' -> 'Brussels, Belgium'; 'RIO DE JANEIRO' -> 'Rio de Janeiro'; 'AL-ARISH' ->
    'Al-Arish'. Each comma part is title-cased only if it is all capitals; abbreviations ('D.C.', 'UK')
    stay as they are."""
    return ", ".join(_title_part(part.strip()) if part.isupper() else part.strip() for part in place.split(","))


def _title_part(part: str) -> str:
    words = part.split()
    out = []
    for i, w in enumerate(words):
        if re.search(r"[A-Z]\.[A-Z]", w) or (len(w) <= 2 and w.isalpha() and w.lower() not in _NAME_PARTICLES):
            out.append(w)  # D.C., U.S., UK
        elif 0 < i < len(words) - 1 and w.lower() in _NAME_PARTICLES:
            out.append(w.lower())  # de, la, al
        else:
            out.append(re.sub(r"[A-Z]+", lambda m: m.group(0).capitalize(), w))
    return " ".join(out)
