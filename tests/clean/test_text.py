"""Character-level normalisation and paragraph splitting (claimgraph.clean.text)."""

from __future__ import annotations

import pytest

from claimgraph.clean.text import normalise_text, paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Tirana\u00a0police", "Tirana police", id="nbsp"),
        pytest.param("Tirana\u202fpolice\u2009said", "Tirana police said", id="narrow-and-thin-spaces"),
        pytest.param("Moham\u200bmadnia", "Mohammadnia", id="zero-width-space"),
        pytest.param("Ira\u200dnian\u2060 regime", "Iranian regime", id="zero-width-joiner-word-joiner"),
        pytest.param("\ufeffAlbania expelled", "Albania expelled", id="bom"),
        pytest.param("Mujahe\u00addin", "Mujahedin", id="soft-hyphen"),
        pytest.param("line one\r\nline two", "line one\nline two", id="crlf"),
        pytest.param("line one\rline two", "line one\nline two", id="bare-cr"),
        pytest.param("one\u2028two", "one\ntwo", id="line-separator"),
        pytest.param("bell\x07 and\x1b escape\x7f", "bell and escape", id="control-chars"),
        pytest.param("a\x85b", "ab", id="c1-control"),
        pytest.param("tab\there", "tab here", id="tab-to-space"),
        pytest.param("too    many   spaces", "too many spaces", id="collapse-spaces"),
        pytest.param("  padded line  \n  next  ", "padded line\nnext", id="strip-lines"),
        pytest.param("“Free Iran” rally", "“Free Iran” rally", id="curly-double-quotes-kept"),
        pytest.param("regime’s ‘diplomat’", "regime’s ‘diplomat’", id="curly-single-quotes-kept"),
        pytest.param("2013 – 2014 — then", "2013 – 2014 — then", id="dashes-kept"),
        pytest.param("Cafe\u0301", "Café", id="nfc"),
        pytest.param("para one\n\npara two", "para one\n\npara two", id="blank-line-kept"),
    ],
)
def test_normalise_text(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


def test_normalise_text_is_idempotent() -> None:
    messy = "\ufeffBy\u00a0Benet  Koleka\r\n\r\nTIRANA,\u200b Oct 23 (Reuters) \u2013 text\x07"
    once = normalise_text(messy)
    assert normalise_text(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("One.\nTwo.", ["One.", "Two."], id="one-sentence-per-line-kept"),
        pytest.param("One.\n\n\nTwo.", ["One.", "Two."], id="blank-lines-separate"),
        pytest.param("The Albanian police said\nthat it foiled a plot.", ["The Albanian police said that it foiled a plot."],
                     id="hard-wrap-rejoined"),
        pytest.param("Albania, France,\nBelgium and Denmark.", ["Albania, France, Belgium and Denmark."],
                     id="comma-continues"),
        pytest.param("Renewed Attempts to Infiltrate Albania\nNow, just six months later.",
                     ["Renewed Attempts to Infiltrate Albania", "Now, just six months later."], id="heading-kept-apart"),
        pytest.param("", [], id="empty"),
    ],
)
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected
