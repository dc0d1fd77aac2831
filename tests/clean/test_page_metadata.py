"""Metadata a page states in its markup (og:site_name, article:published_time, JSON-LD NewsArticle,
canonical URL, a '<headline> - <site>' title) and a headline a plain-text page glued to its date line.
The pages under pages/ are small articles written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.clean import clean_document
from claimgraph.clean.html import title_site_name
from claimgraph.clean.metadata import read_meta_line
from claimgraph.model import RawDocument

PAGES = Path(__file__).parent / "pages"


def clean_page(name: str, url: str | None = None):
    return clean_document(RawDocument(source=name, content=(PAGES / name).read_text(), format="html", url=url))


@pytest.mark.parametrize(("page", "outlet", "published", "url", "authors"), [
    pytest.param("og-meta.html", "Lindmark Courier", "2023-11-02",
                 "https://lindmark-courier.example/port/2023/11/02/pilots-strike", (), id="og-site-name"),
    # JSON-LD's own "url" is not read (only <link rel=canonical> and og:url name the canonical URL)
    pytest.param("jsonld.html", "Valbrook Tribune", "2022-06-21", None, ("Marta Oyelaran",), id="json-ld"),
    pytest.param("title-suffix.html", "The Hollin Valley Post", None,
                 "https://hollin-valley-post.example/transport/rail-line-reopens", (), id="title-suffix"),
])
def test_stated_page_metadata_is_read(page, outlet, published, url, authors) -> None:
    doc = clean_page(page)
    assert doc.outlet == outlet
    assert doc.published == published
    assert doc.url == url
    assert doc.title and doc.text.startswith(doc.title)
    assert set(authors) <= set(doc.authors)


def test_a_url_given_by_the_container_wins_over_the_page() -> None:
    doc = clean_page("og-meta.html", url="https://mirror.example/a/1")
    assert doc.url == "https://mirror.example/a/1"
    assert doc.outlet == "Lindmark Courier"  # stated by the page, not the mirror's host


@pytest.mark.parametrize(("html", "headline", "expected"), [
    ("<title>Bridge closed - The Riverside Echo</title>", "Bridge closed", "The Riverside Echo"),
    ("<title>Bridge closed | Echo</title>", "Bridge closed", "Echo"),
    ("<title>Bridge closed</title>", "Bridge closed", None),
    ("<title>Opinion | Bridge closed - Echo</title>", "Bridge closed", None),  # headline not first
    ("<title>Bridge closed - a long tail that is clearly not the name of any site</title>", "Bridge closed", None),
])
def test_site_name_from_title(html, headline, expected) -> None:
    assert title_site_name(html, headline) == expected


def test_headline_glued_to_its_date_line_is_kept() -> None:
    meta = read_meta_line("Ferry fares rise for the third time this year date 2024-02-09")
    assert meta.is_meta and meta.published == "2024-02-09"
    assert meta.headline == "Ferry fares rise for the third time this year"
    assert read_meta_line("Published: June 4, 2019").headline is None
    assert read_meta_line("Reuters | Published: June 4, 2019").headline is None


def test_plain_text_headline_before_date_line_survives_cleaning() -> None:
    text = ("Ferry fares rise for the third time this year\n date 2024-02-09\nBy Ilse Marendt\n\n"
            "The island ferry company raised fares again on Friday, blaming fuel costs and a new harbour levy. "
            "Passengers' groups said the rise would hit commuters who have no other way to reach the mainland.\n")
    doc = clean_document(RawDocument(source="ferry.txt", content=text, format="text"))
    assert doc.title == "Ferry fares rise for the third time this year"
    assert doc.text.startswith(doc.title + "\n\n")
    assert doc.published == "2024-02-09"
    assert doc.authors == ("Ilse Marendt",)
    assert not any("Ferry fares" in r for r in doc.removed)
