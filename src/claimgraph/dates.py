"""Dates at the precision the text gives them.

Absolute expressions ("June 4, 2019", "March 2018", "2014") become ISO strings of that precision
("2019-06-04", "2018-03", "2014"). Relative ones ("last December", "on Wednesday", "last year") are
resolved against a reference date, normally the article's publication date; without one they stay
unresolved (None) rather than being guessed. dateparser is only a fallback for full dates in odd
formats: it fills missing parts from today's date, which would invent precision."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

# Ordered: the most precise pattern first; each yields (year, month, day) parts that are present.
_ABSOLUTE = [
    re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?=$|[^\d])"),
    re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}(?!\d)", re.I),
    re.compile(rf"\b{_YEAR}/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b"),
    re.compile(rf"\b{_MON}\s+(?:of\s+)?{_YEAR}(?!\d)", re.I),
    re.compile(rf"\b{_MON}\s+{_DAY}(?![\d:])", re.I),
    re.compile(rf"\b{_DAY}\s+{_MON}(?!\w)", re.I),
]


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str
    value: str | None  # ISO at the text's precision; "--10-23" for a month-day without a known year


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if year and month and day:
            return dt.date(year, month, day).isoformat()
        if year and month:
            return f"{year:04d}-{month:02d}"
        if year:
            return f"{year:04d}"
        if month and day:
            dt.date(2000, month, day)  # validates (2000 is a leap year)
            return f"--{month:02d}-{day:02d}"
    except ValueError:
        return None
    return None


def _parts(m: re.Match) -> tuple[int | None, int | None, int | None]:
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    month = MONTHS[g["mon"].lower().rstrip(".")] if g.get("mon") else (int(g["m"]) if g.get("m") else None)
    day = int(g["day"]) if g.get("day") else (int(g["d"]) if g.get("d") else None)
    return year, month, day


def parse_date(text: str, ref: str | None = None) -> str | None:
    """The first absolute date in `text` as ISO; a month-day without a year takes the year from `ref`
    (the closest such date not after ref + 1 day) or stays partial ("--10-23")."""
    for rx in _ABSOLUTE:
        m = rx.search(text)
        if m:
            y, mo, d = _parts(m)
            if y is None and mo and d and ref:
                y = _year_for(mo, d, ref)
            return _iso(y, mo, d)
    try:
        import dateparser  # slow import; only for odd formats such as RFC 822 feed dates

        parsed = dateparser.parse(text, settings={"REQUIRE_PARTS": ["day", "month", "year"],
                                                  "RETURN_AS_TIMEZONE_AWARE": False})
    except Exception:  # dateparser raises a zoo of errors on junk; junk simply has no date
        parsed = None
    return parsed.date().isoformat() if parsed else None


def _ref_date(ref: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(ref[:10])
    except ValueError:
        return None


def _year_for(month: int, day: int, ref: str) -> int | None:
    """News mostly reports the recent past, so a month-day is the latest one not after the reference
    date -- unless it falls within the next two months ('the vote on June 17' in a June 10 article
    is next week, not last year)."""
    r = _ref_date(ref)
    if not r:
        return None
    for year in (r.year, r.year + 1):
        try:
            ahead = (dt.date(year, month, day) - r).days
        except ValueError:
            continue
        if 0 < ahead <= 62:
            return year
    for year in (r.year, r.year - 1):
        try:
            if dt.date(year, month, day) <= r:
                return year
        except ValueError:
            continue
    return r.year - 1


def infer_year(month: int, day: int, text: str, weekday_hint: int | None) -> int | None:
    """Year of a dateline's month-day, only where the text pins it down: the latest year the article
    mentions (or the one after it) on which that day falls on the weekday the article names."""
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)]
    if not years or weekday_hint is None:
        return None
    latest = max(years)
    fits = []
    for y in (latest, latest + 1):
        try:
            if dt.date(y, month, day).weekday() == weekday_hint:
                fits.append(y)
        except ValueError:
            pass
    return fits[0] if len(fits) == 1 else None


# Relative expressions, resolved against the reference (publication) date.
_REL = re.compile(
    r"\b(?:(?P<lastnext>last|next|this|past|previous|coming)\s+(?P<unit>year|month|week|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"spring|summer|autumn|fall|winter|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?P<ago>(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?P<agounit>years?|months?|weeks?|days?)\s+ago)"
    r"|(?P<yesterday>yesterday|today|tomorrow)"
    r"|(?P<earlier>earlier|later)\s+this\s+(?P<eunit>year|month|week)"
    r"|(?:on|last|this|next)?\s*(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|in\s+(?P<inmonth>January|February|March|April|May|June|July|August|September|October|November|December)(?!\s*,?\s*(?:[0-3]?\d\b|(?:19|20)\d\d))"
    r"|(?:in|since|during|by|until)\s+(?P<inyear>(?:19|20)\d\d)(?!\d)"
    r")\b",
    re.I,
)
_NUM = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _month_shift(d: dt.date, months: int) -> tuple[int, int]:
    idx = d.year * 12 + (d.month - 1) + months
    return idx // 12, idx % 12 + 1


def resolve_relative(m: re.Match, ref: dt.date | None) -> str | None:
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
    if g["inyear"]:
        return g["inyear"]
    if ref is None:
        return None
    if g["lastnext"]:
        unit, ln = g["unit"], g["lastnext"]
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}[ln]
        if unit == "year":
            return f"{ref.year + step:04d}"
        if unit == "month":
            y, mo = _month_shift(ref, step)
            return f"{y:04d}-{mo:02d}"
        if unit == "week":
            y, w, _ = (ref + dt.timedelta(weeks=step)).isocalendar()
            return f"{y:04d}-W{w:02d}"
        if unit in MONTHS:
            mo = MONTHS[unit]
            if ln in ("last", "past", "previous"):
                year = ref.year if mo < ref.month else ref.year - 1
            elif ln in ("next", "coming"):
                year = ref.year if mo > ref.month else ref.year + 1
            else:
                year = ref.year
            return f"{year:04d}-{mo:02d}"
        if unit in WEEKDAYS:
            return _weekday(ref, WEEKDAYS[unit], ln)
        return None  # seasons: no month precision
    if g["ago"]:
        n = _NUM.get(g["ago"].split()[0], None) or int(g["ago"].split()[0])
        u = g["agounit"].rstrip("s")
        if u == "year":
            return f"{ref.year - n:04d}"
        if u == "month":
            y, mo = _month_shift(ref, -n)
            return f"{y:04d}-{mo:02d}"
        days = n * (7 if u == "week" else 1)
        return (ref - dt.timedelta(days=days)).isoformat() if u == "day" else None
    if g["yesterday"]:
        off = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["yesterday"]]
        return (ref + dt.timedelta(days=off)).isoformat()
    if g["earlier"]:
        if g["eunit"] == "week":
            y, w, _ = ref.isocalendar()
            return f"{y:04d}-W{w:02d}"
        return f"{ref.year:04d}" if g["eunit"] == "year" else f"{ref.year:04d}-{ref.month:02d}"
    if g["weekday"]:
        prefix = m.group(0).strip().split()[0].lower()
        return _weekday(ref, WEEKDAYS[g["weekday"]], prefix if prefix in ("last", "next", "this") else "on")
    if g["inmonth"]:
        mo = MONTHS[g["inmonth"]]
        year = ref.year if mo <= ref.month else ref.year - 1
        return f"{year:04d}-{mo:02d}"
    return None


def _weekday(ref: dt.date, wd: int, how: str) -> str:
    """News convention: a bare weekday means the most recent one up to the publication day
    ("said on Wednesday"); "next Monday" looks forward."""
    if how == "next":
        delta = (wd - ref.weekday()) % 7 or 7
        return (ref + dt.timedelta(days=delta)).isoformat()
    delta = (ref.weekday() - wd) % 7
    if how == "last" and delta == 0:
        delta = 7
    return (ref - dt.timedelta(days=delta)).isoformat()


def find_times(text: str, ref: str | None = None) -> list[TimeExpr]:
    """Every time expression in `text` with offsets, absolute ones first, relative ones where they do
    not overlap an absolute one. `ref` is an ISO publication date (may be partial or None)."""
    out: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for rx in _ABSOLUTE:
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            y, mo, d = _parts(m)
            if y is None and ref:
                y = _year_for(mo, d, ref) if (mo and d) else None
            out.append(TimeExpr(m.start(), m.end(), m.group(0), _iso(y, mo, d)))
            taken.append((m.start(), m.end()))
    r = _ref_date(ref) if ref else None
    for m in _REL.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if s < e and free(s, e):
            out.append(TimeExpr(s, e, text[s:e], resolve_relative(m, r)))
            taken.append((s, e))
    for m in re.finditer(r"(?<![\d$£€.,/-])((?:19|20)\d\d)(?![\d%,.]\d|\s*(?:million|billion|people|members|troops))", text):
        if free(m.start(), m.end()):
            out.append(TimeExpr(m.start(), m.end(), m.group(0), m.group(1)))
            taken.append((m.start(), m.end()))
    return sorted(out, key=lambda t: t.start)
