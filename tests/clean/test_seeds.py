"""The five real seed articles (../shared/seeds) through the clean stage: what a careful reader agrees with."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.clean import clean_document
from claimgraph.model import Document, RawDocument

_STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def straight(s: str | None) -> str | None:
    return None if s is None else s.translate(_STRAIGHT)


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, Document]:
    out = {}
    for f in sorted(seeds_dir.glob("*.txt")):
        out[f.name[:3]] = clean_document(RawDocument(source=str(f), content=f.read_text("utf-8"), format="text"))
    for key in ("000", "001", "002", "003", "004"):
        if key not in out:
            pytest.skip(f"seed {key}_*.txt missing from {seeds_dir}")
    return out


def test_000_embassy(seeds) -> None:
    d = seeds["000"]
    assert straight(d.title) == "Iranian regime's embassy in Albania"
    assert d.authors == ("Staff writer",)
    assert d.published == "2019-06-04"
    assert "Published On" not in d.text and "Categories" not in d.text
    assert not d.text.rstrip().endswith("Staff writer")
    assert d.text.rstrip().endswith("nothing short of regime change in Iran will succeed.")


def test_003_reuters(seeds) -> None:
    d = seeds["003"]
    assert d.title == "Albania Says It Foiled Iranian Plot to Attack Exiled Dissidents"
    assert d.authors == ("Benet Koleka",)
    assert d.published == "2019-10-23"
    assert d.dateline == "Tirana"
    assert d.wire == "Reuters"
    # the dateline is metadata, the lead sentence stays
    assert "TIRANA, Oct 23" not in d.text
    assert "\n\nAlbanian police foiled a number of planned attacks last year" in d.text
    assert "By Benet Koleka" not in d.text
    assert "Additional reporting" not in d.text and "Editing by" not in d.text
    assert d.text.rstrip().endswith("Iran has repeatedly denied the allegations.")


def test_002_ncri_page_furniture(seeds) -> None:
    d = seeds["002"]
    assert d.title == "Iran Terror Threats Reach Albania"
    assert d.authors == ("Jubin Katiraie",)
    assert d.text.count("Iran Terror Threats Reach Albania") == 1
    assert "Iran TerrorismIran" not in d.text
    for junk in ("Latest news", "Must read", "Recommended to you", "You might also like",
                 # teasers listed under the headings
                 "Iran executes two men in southern city", "Turkish PM says Iran gas supply",
                 "Land Subsidence in Critical Conditions in Isfahan", "Ride-Hailing Services",
                 "152 Million Liters of Gasoline"):
        assert junk not in d.text, junk
    assert "By Jubin Katiraie" not in d.text
    assert "Tensions between the Iranian government and the US have been rising steadily" in d.text
    assert d.text.rstrip().endswith("respond to any attacks.")


def test_004_signature(seeds) -> None:
    d = seeds["004"]
    assert d.authors == ("Michael Tomlinson",)
    assert "Michael Tomlinson" not in d.text
    assert d.text.rstrip().endswith("the mullahs will continue their efforts to attack it.")


def test_001_no_invented_metadata(seeds) -> None:
    # 001 starts with a quote and carries no byline, date or signature: nothing may be made up
    d = seeds["001"]
    assert d.title is None
    assert d.authors == ()
    assert d.published is None
    assert d.text.startswith("“The Albanian authorities have identified these individuals")


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_no_widgets_or_shortcodes_left(seeds, key: str) -> None:
    text = seeds[key].text
    for junk in ("Share This Story", "Choose Your Platform", "aesop_image", "[/caption]", "panorama="):
        assert junk not in text, junk


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_offset_invariants(seeds, key: str) -> None:
    d = seeds[key]
    if d.title:
        assert d.text.startswith(d.title)
    for r in d.removed:
        if len(r.split()) > 1:
            assert r not in d.text, f"removed item still in the text: {r[:80]!r}"
    assert d.id == Document.id_for(d.text)
    assert d.text == d.text.strip() and "\n\n\n" not in d.text
    assert "\r" not in d.text and "\u00a0" not in d.text and "\u200b" not in d.text


def test_aesop_shortcode_recorded_as_removed(seeds) -> None:
    assert any(r.startswith("[aesop_image") for r in seeds["003"].removed)
    assert any("Share This Story" in r for r in seeds["000"].removed)
