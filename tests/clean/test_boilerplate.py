"""Page furniture: shortcodes, share widgets, teaser-tail headings, credits."""

from __future__ import annotations

import pytest

from claimgraph.clean.boilerplate import is_credit, is_punctuation_only, is_share_widget, is_tail_heading
from claimgraph.clean.shortcodes import strip_shortcodes

AESOP = ('[aesop_image img=”https://kayhanlife.com/wp-content/uploads/2019/10/photo.jpg” panorama=”off” '
         'credit=”FILE PHOTO: Maryam Rajavi speaks at the People’s Mujahedin rally in Paris” align=”center”]')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"{AESOP} A spokesman told Reuters.", "A spokesman told Reuters.", id="aesop-curly-attrs-with-apostrophe"),
        pytest.param(AESOP, "", id="aesop-alone"),
        pytest.param('[caption id="1"]Photo[/caption] Albanian police said.', "Albanian police said.",
                     id="caption-with-body"),
        pytest.param("[caption id='attachment_5' align='alignnone']Rajavi in Paris[/caption]", "",
                     id="caption-single-quoted-attrs"),
        pytest.param('[gallery ids="1,2,3"]', "", id="gallery-self"),
        pytest.param("Before [vc_row] middle [/vc_row] after", "Before middle after", id="underscore-names"),
        pytest.param("[caption]Rajavi in Paris[/caption] Police said.", "Police said.", id="caption-pair-no-attrs"),
        pytest.param("Police said. [video]https://example.com/v.mp4[/video]", "Police said.", id="video-pair-no-attrs"),
        pytest.param("[soundbite]https://example.com/a.mp3[/soundbite] He said.", "He said.", id="unknown-pair-url-body"),
        pytest.param("They [a] said [b] no [/b] more", "They [a] said [b] no [/b] more", id="editorial-pair-kept"),
        pytest.param("They have [a] business in Tirana", "They have [a] business in Tirana", id="editorial-bracket-kept"),
        pytest.param("the plan [attack] of March 2018", "the plan [attack] of March 2018", id="editorial-word-kept"),
        pytest.param("as reported [1] by AP", "as reported [1] by AP", id="footnote-kept"),
        pytest.param("No shortcode here.", "No shortcode here.", id="plain"),
    ],
)
def test_strip_shortcodes(text: str, expected: str) -> None:
    cleaned, removed = strip_shortcodes(text)
    assert cleaned == expected
    if cleaned == text:
        assert removed == []
    else:
        assert removed and all(r.startswith("[") and r.endswith("]") for r in removed)


def test_aesop_shortcode_removed_whole() -> None:
    cleaned, removed = strip_shortcodes(f"{AESOP} Rest.")
    assert removed == [AESOP]
    assert "aesop" not in cleaned and "People’s" not in cleaned and "credit" not in cleaned


def test_paired_shortcode_without_attributes_removed_whole() -> None:
    cleaned, _ = strip_shortcodes("[embed]https://www.youtube.com/watch?v=abc[/embed] Albania said.")
    assert cleaned == "Albania said."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Share This Story, Choose Your Platform!", True, id="share-this-story"),
        pytest.param("Share on Facebook Twitter WhatsApp", True, id="share-on"),
        pytest.param("Follow us on Twitter", True, id="follow-us"),
        pytest.param("Share", True, id="share-alone"),
        pytest.param("Tweet", True, id="tweet"),
        pytest.param("Subscribe to our newsletter", True, id="newsletter"),
        pytest.param("Facebook Twitter", True, id="platform-names"),
        pytest.param("Share this article via email", True, id="share-via-email"),
        pytest.param("The share of voters who follow Twitter rose.", False, id="sentence-with-share-words"),
        pytest.param("Albania shares intelligence with Europe", False, id="sentence"),
        pytest.param("This story", False, id="no-required-word"),
        pytest.param("", False, id="empty"),
    ],
)
def test_is_share_widget(text: str, expected: bool) -> None:
    assert is_share_widget(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Latest news", True, id="latest-news"),
        pytest.param("LATEST NEWS", True, id="upper"),
        pytest.param("Must read", True, id="must-read"),
        pytest.param("Recommended to you", True, id="recommended-to-you"),
        pytest.param("You might also likeRELATED", True, id="glued-headings"),
        pytest.param("Related Articles", True, id="related-articles"),
        pytest.param("Read more:", True, id="read-more-colon"),
        pytest.param("Latest news on Iran.", False, id="sentence-ends-with-period"),
        pytest.param("Latest developments in Tirana", False, id="heading-plus-words"),
        pytest.param("Renewed Attempts to Infiltrate Albania", False, id="section-heading"),
        pytest.param("You might also likeIran executes two men", False, id="glued-to-non-heading"),
        pytest.param("Related " + "x" * 60, False, id="too-long"),
    ],
)
def test_is_tail_heading(text: str, expected: bool) -> None:
    assert is_tail_heading(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("(Additional reporting by John Irish in Paris; Editing by David Holmes and Andrew Cawthorne)", True,
                     id="reuters-credit"),
        pytest.param("Reporting by Benet Koleka; Editing by Alison Williams", True, id="reporting-by"),
        pytest.param("Photo: Reuters", True, id="photo"),
        pytest.param("FILE PHOTO: Maryam Rajavi speaks at a rally", True, id="file-photo"),
        pytest.param("Image credit: AFP/Getty", True, id="image-credit"),
        pytest.param("Source: Reuters", True, id="source"),
        pytest.param("The photo was taken in Tirana.", False, id="sentence-mentions-photo"),
        pytest.param("Albanian police said: we foiled it", False, id="colon-in-sentence"),
        pytest.param("Veliu said the reporting by media was wrong.", False, id="reporting-by-mid-sentence"),
    ],
)
def test_is_credit(text: str, expected: bool) -> None:
    assert is_credit(text) is expected


@pytest.mark.parametrize(("text", "expected"), [("-", True), ("* * *", True), ("…", True), ("A", False), ("3", False)])
def test_is_punctuation_only(text: str, expected: bool) -> None:
    assert is_punctuation_only(text) is expected
