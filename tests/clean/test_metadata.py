"""Metadata printed as text (bylines, date lines, signatures, datelines) and the dates module."""

from __future__ import annotations

import pytest

from claimgraph.clean.metadata import looks_like_name, read_dateline, read_meta_line, signature, split_names
from claimgraph.dates import find_times, infer_year, parse_date

# ---- bylines and date lines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors", "published"),
    [
        pytest.param("By Benet Koleka", ["Benet Koleka"], None, id="byline"),
        pytest.param("By Jubin Katiraie", ["Jubin Katiraie"], None, id="byline-2"),
        pytest.param("By John Irish and David Holmes", ["John Irish", "David Holmes"], None, id="two-authors"),
        pytest.param("By Juan de la Cruz", ["Juan de la Cruz"], None, id="name-particles"),
        pytest.param("Written by Jane O’Brien", ["Jane O’Brien"], None, id="written-by-apostrophe"),
        pytest.param("Author: Jane Doe", ["Jane Doe"], None, id="author-label"),
        pytest.param("By Benet Koleka • 3 min read", ["Benet Koleka"], None, id="byline-reading-time"),
        pytest.param("By Published On: June 4, 2019Categories: NEWS", [], "2019-06-04", id="empty-author-slot"),
        pytest.param("Published: June 4, 2019", [], "2019-06-04", id="published-label"),
        pytest.param("Updated on 12 March 2021", [], "2021-03-12", id="updated-on"),
        pytest.param("Posted on October 23, 2019 by admin", [], "2019-10-23", id="posted-on-by-admin"),
        pytest.param("June 4, 2019", [], "2019-06-04", id="bare-date"),
        pytest.param("date 2022-09-07", [], "2022-09-07", id="date-iso"),
        pytest.param("Categories: NEWS", [], None, id="categories"),
        pytest.param("Tags: Iran, Albania", [], None, id="tags"),
    ],
)
def test_read_meta_line_is_meta(line: str, authors: list[str], published: str | None) -> None:
    meta = read_meta_line(line)
    assert meta.is_meta
    assert meta.authors == authors
    assert meta.published == published


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("By the end of the year, Albania had expelled two diplomats.", id="by-starts-sentence"),
        pytest.param("Albanian police foiled a number of planned attacks last year.", id="sentence"),
        pytest.param("Renewed Attempts to Infiltrate Albania", id="section-heading"),
        pytest.param("by admin", id="lowercase-handle"),
        pytest.param("x" * 201, id="too-long"),
    ],
)
def test_read_meta_line_not_meta(line: str) -> None:
    meta = read_meta_line(line)
    assert not meta.is_meta
    assert meta.authors == []


def test_byline_trailing_outlet_is_not_an_author() -> None:
    assert read_meta_line("By John Smith, Reuters").authors == ["John Smith"]


def test_byline_with_date_after_separator_keeps_the_date() -> None:
    meta = read_meta_line("By Benet Koleka | October 23, 2019")
    assert meta.authors == ["Benet Koleka"]
    assert meta.published == "2019-10-23"


def test_all_caps_byline() -> None:
    meta = read_meta_line("BY BENET KOLEKA")
    assert meta.is_meta
    assert [a.lower() for a in meta.authors] == ["benet koleka"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("John Irish and David Holmes", ["John Irish", "David Holmes"]),
        ("A. Smith, B. Jones & C. Brown", ["A. Smith", "B. Jones", "C. Brown"]),
        ("Jane Doe; John Roe.", ["Jane Doe", "John Roe"]),
        ("the police", []),
    ],
)
def test_split_names(text: str, expected: list[str]) -> None:
    assert split_names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Benet Koleka", True), ("Juan de la Cruz", True), ("Ali Al-Sadr", True), ("NATO", False),
     ("Room 101", False), ("the regime", False), ("One Two Three Four Five Six", False)],
)
def test_looks_like_name(text: str, expected: bool) -> None:
    assert looks_like_name(text) is expected


# ---- signature lines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("Staff writer", "Staff writer", id="staff-writer"),
        pytest.param("Our correspondent", "Our correspondent", id="correspondent"),
        pytest.param("Michael Tomlinson", "Michael Tomlinson", id="name"),
        pytest.param("— Jane Doe", "Jane Doe", id="dash-name"),
        pytest.param("Iran has repeatedly denied the allegations.", None, id="sentence"),
        pytest.param("Albania", None, id="single-word"),
        pytest.param("MEK", None, id="acronym"),
        pytest.param("Thank you", None, id="lowercase-word"),
        pytest.param("Michael Tomlinson, Editor:", None, id="ends-with-colon"),
        pytest.param("Albanian Police Foil Iranian Plot Against Dissidents", None, id="headline-too-long"),
    ],
)
def test_signature(line: str, expected: str | None) -> None:
    assert signature(line) == expected


# ---- datelines ----------------------------------------------------------------------------------

REUTERS_LEAD = ("TIRANA, Oct 23 (Reuters) – Albanian police foiled a number of planned attacks last year by "
                "Iranian agents, a senior officer said on {weekday}.")


@pytest.mark.parametrize(
    ("paragraph", "context", "published", "place", "date", "wire"),
    [
        pytest.param(REUTERS_LEAD.format(weekday="Wednesday"), "The plan of March 2018 was foiled.", None,
                     "Tirana", "2019-10-23", "Reuters", id="weekday-fits-2019"),
        pytest.param(REUTERS_LEAD.format(weekday="Tuesday"), "The plan of March 2018 was foiled.", None,
                     "Tirana", "2018-10-23", "Reuters", id="weekday-fits-2018"),
        pytest.param(REUTERS_LEAD.format(weekday="Friday"), "The plan of March 2018 was foiled.", None,
                     "Tirana", "--10-23", "Reuters", id="weekday-fits-neither-year"),
        pytest.param(REUTERS_LEAD.format(weekday="Wednesday"), "No year is given anywhere.", None,
                     "Tirana", "--10-23", "Reuters", id="no-year-in-text"),
        pytest.param("TIRANA, Oct 23 (Reuters) – Albanian police foiled attacks.", "Attacks of March 2018.", None,
                     "Tirana", "--10-23", "Reuters", id="no-weekday"),
        pytest.param("TIRANA, Oct 23 (Reuters) – Albanian police foiled attacks.", "", "2019-10-24",
                     "Tirana", "2019-10-23", "Reuters", id="year-from-published"),
        pytest.param("NEW YORK, March 3, 2020 (AP) -- Officials said.", "", None,
                     "New York", "2020-03-03", "AP", id="full-date-two-word-place"),
        pytest.param("PARIS (AFP) – France said.", "", None, "Paris", None, "AFP", id="no-date"),
        pytest.param("WASHINGTON — The US said.", "", None, "Washington", None, None, id="place-only"),
        pytest.param("Tirana, Oct 23 (Reuters) – Police said.", "", None, "Tirana", "--10-23", "Reuters",
                     id="mixed-case-place-with-wire"),
    ],
)
def test_read_dateline(paragraph, context, published, place, date, wire) -> None:
    full = paragraph + "\n\n" + context
    dl = read_dateline(paragraph, full, published)
    assert dl is not None
    assert (dl.place, dl.date, dl.wire) == (place, date, wire)
    rest = paragraph[dl.length:]
    assert rest and not rest[0].isspace() and rest[0] not in "–—-"


@pytest.mark.parametrize(
    "paragraph",
    [
        pytest.param("Iran – the country said.", id="mixed-case-word-dash"),
        pytest.param("Albanian police – who said so – foiled it.", id="sentence-with-dash"),
        pytest.param("The Albanian police said on Wednesday that it foiled a plot.", id="no-dash"),
        pytest.param("THE VERY LONG UPPER CASE PLACE NAME, Oct 23 (Reuters) – X.", id="too-many-words"),
    ],
)
def test_read_dateline_none(paragraph: str) -> None:
    assert read_dateline(paragraph, paragraph, None) is None


def test_dateline_place_with_region_is_title_cased() -> None:
    p = "BRUSSELS, Belgium, Oct 23 (Reuters) – Officials said."
    dl = read_dateline(p, p, None)
    assert dl is not None and dl.place == "Brussels, Belgium"


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        pytest.param("BRUSSELS, Belgium – Officials said.", "Brussels, Belgium", id="region-without-date-or-wire"),
        pytest.param("WASHINGTON, D.C. (AP) — Officials said.", "Washington, D.C.", id="abbreviated-region-kept"),
        pytest.param("LONDON, UK, Oct 23 (Reuters) – Officials said.", "London, UK", id="two-letter-region-kept"),
        pytest.param("RIO DE JANEIRO (Reuters) - Officials said.", "Rio de Janeiro", id="particle-lower-cased"),
        pytest.param("AL-ARISH, Egypt (Reuters) - Officials said.", "Al-Arish, Egypt", id="hyphenated"),
        pytest.param("ST. LOUIS (AP) - Officials said.", "St. Louis", id="abbreviation-with-dot"),
    ],
)
def test_dateline_place_casing(paragraph: str, place: str) -> None:
    dl = read_dateline(paragraph, paragraph, None)
    assert dl is not None and dl.place == place


def test_mixed_case_place_with_region_alone_is_not_a_dateline() -> None:
    p = "Brussels, Belgium – officials said."
    assert read_dateline(p, p, None) is None


@pytest.mark.parametrize(
    ("month", "day", "text", "weekday", "expected"),
    [
        (10, 23, "attacks of March 2018", 2, 2019),  # Wed 23 Oct 2019
        (10, 23, "attacks of March 2018", 1, 2018),  # Tue 23 Oct 2018
        (10, 23, "attacks of March 2018", 4, None),  # a Friday in neither year
        (10, 23, "attacks of March 2018", None, None),  # no weekday named: no guess
        (10, 23, "no year at all", 2, None),
    ],
)
def test_infer_year(month, day, text, weekday, expected) -> None:
    assert infer_year(month, day, text, weekday) == expected


# ---- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        pytest.param("June 4, 2019", None, "2019-06-04", id="month-day-year"),
        pytest.param("4 June 2019", None, "2019-06-04", id="day-month-year"),
        pytest.param("the 4th of June, 2019", None, "2019-06-04", id="ordinal-of"),
        pytest.param("Sept 5, 2019", None, "2019-09-05", id="sept"),
        pytest.param("2019-06-04", None, "2019-06-04", id="iso"),
        pytest.param("2019-06-04T10:00:00Z", None, "2019-06-04", id="iso-datetime"),
        pytest.param("2019/6/4", None, "2019-06-04", id="slashes"),
        pytest.param("Tue, 22 Oct 2019 10:00:00 +0000", None, "2019-10-22", id="rfc822"),
        pytest.param("March 2018", None, "2018-03", id="month-year"),
        pytest.param("December 2018", None, "2018-12", id="month-year-2"),
        pytest.param("Oct 23", None, "--10-23", id="month-day-partial"),
        pytest.param("Oct. 23", None, "--10-23", id="abbrev-dot"),
        pytest.param("23 October", None, "--10-23", id="day-month-partial"),
        pytest.param("Oct 23", "2019-10-23", "2019-10-23", id="month-day-with-ref"),
        pytest.param("Oct 24", "2019-10-23", "2019-10-24", id="ref-plus-one-day"),
        pytest.param("Dec 31", "2020-01-01", "2019-12-31", id="year-boundary"),
        pytest.param("Nov 15", "2019-10-23", "2019-11-15", id="near-future-month-day-is-ahead"),
        pytest.param("Feb 15", "2019-10-23", "2019-02-15", id="far-future-month-day-is-last-year"),
        pytest.param("Feb 30", None, None, id="invalid-day"),
        pytest.param("nothing here", None, None, id="no-date"),
        pytest.param("", None, None, id="empty"),
        pytest.param("May", None, None, id="month-word-alone"),
        pytest.param("Monday", None, None, id="weekday-alone"),
    ],
)
def test_parse_date(text: str, ref: str | None, expected: str | None) -> None:
    assert parse_date(text, ref) == expected


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        pytest.param("Albania expelled them last December.", "2019-06-04", [("last December", "2018-12")],
                     id="last-december-in-june"),
        pytest.param("Albania expelled them last December.", "2019-12-15", [("last December", "2018-12")],
                     id="last-december-in-december"),
        pytest.param("a senior officer said on Wednesday.", "2019-10-23", [("on Wednesday", "2019-10-23")],
                     id="on-wednesday-same-day"),
        pytest.param("a senior officer said on Tuesday.", "2019-10-23", [("on Tuesday", "2019-10-22")],
                     id="on-tuesday-day-before"),
        pytest.param("said last Wednesday", "2019-10-23", [("last Wednesday", "2019-10-16")], id="last-weekday"),
        pytest.param("will meet next Monday", "2019-10-23", [("next Monday", "2019-10-28")], id="next-monday"),
        pytest.param("attacks last year by agents", "2019-10-23", [("last year", "2018")], id="last-year"),
        pytest.param("last year", "2019-06-04", [("last year", "2018")], id="last-year-2"),
        pytest.param("last month", "2019-01-15", [("last month", "2018-12")], id="last-month-wraps"),
        pytest.param("two years ago", "2019-06-04", [("two years ago", "2017")], id="years-ago"),
        pytest.param("three days ago", "2019-06-04", [("three days ago", "2019-06-01")], id="days-ago"),
        pytest.param("yesterday", "2019-06-04", [("yesterday", "2019-06-03")], id="yesterday"),
        pytest.param("earlier this month", "2019-10-23", [("earlier this month", "2019-10")], id="earlier-this-month"),
        pytest.param("in October", "2019-06-04", [("in October", "2018-10")], id="in-future-month-is-last-year"),
        pytest.param("in June", "2019-06-04", [("in June", "2019-06")], id="in-current-month"),
        pytest.param("next January", "2019-01-10", [("next January", "2020-01")], id="next-january"),
        pytest.param("last December", None, [("last December", None)], id="no-ref-unresolved"),
        pytest.param("on Wednesday", None, [("on Wednesday", None)], id="weekday-no-ref"),
        pytest.param("last week", "2019-10-23", [("last week", "2019-W42")], id="last-week-iso-week"),
        pytest.param("in March 2018 and June 2018", "2019-10-23", [("March 2018", "2018-03"), ("June 2018", "2018-06")],
                     id="absolute-month-years"),
        pytest.param("Since 2014, some 3,000 members", "2019-10-23", [("Since 2014", "2014")], id="since-year"),
        pytest.param("on Jan. 5 police said", "2019-10-23", [("Jan. 5", "2019-01-05")], id="month-day-ref"),
        pytest.param("1,500 people and 2020 troops", None, [], id="numbers-not-years"),
        pytest.param("it cost $2019", None, [], id="money-not-year"),
        pytest.param("in 2013", None, [("in 2013", "2013")], id="in-year-no-ref"),
    ],
)
def test_find_times(text: str, ref: str | None, expected: list[tuple[str, str | None]]) -> None:
    found = find_times(text, ref)
    assert [(t.text, t.value) for t in found] == expected
    for t in found:  # offsets index the text
        assert text[t.start:t.end] == t.text


def test_find_times_absolute_wins_over_overlapping_relative() -> None:
    text = "On Wednesday, October 23, 2019, police said the March 2018 plot was foiled last year."
    found = {t.text: t.value for t in find_times(text, "2019-10-23")}
    assert found["October 23, 2019"] == "2019-10-23"
    assert found["March 2018"] == "2018-03"
    assert found["last year"] == "2018"
    spans = sorted((t.start, t.end) for t in find_times(text, "2019-10-23"))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "time expressions must not overlap"
