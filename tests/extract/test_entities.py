"""Entity mentions and their document clusters (keys): offsets, trimming, titles, acronyms,
surnames, non-English and degenerate input."""

from __future__ import annotations

import pytest

NEWS = ("General Police Director Ardi Veliu said on Wednesday that the Albanian Interior Ministry had expelled "
        "Gholamhossein Mohammadnia, Iran’s ambassador, and Mostafa Roudaki. The People’s Mujahedin of Iran "
        "(PMOI/MEK) welcomed Albania's decision. Veliu added that the National Council of Resistance of Iran "
        "(NCRI) had been warned. “We have dismantled a terrorist cell,” Veliu told reporters in Tirana.")


def texts(ex) -> list[str]:
    return [m.text for m in ex.mentions]


def key_of(ex, text: str) -> str:
    keys = {m.key for m in ex.mentions if m.text == text}
    assert len(keys) == 1, (text, [(m.text, m.key) for m in ex.mentions])
    return keys.pop()


def assert_offsets(text: str, ex) -> None:
    for m in ex.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text, m
        assert m.doc == ex.doc
        assert m.key and m.name and m.label
        assert m.extractor.startswith("claimgraph ")


def test_offsets_invariant(extract):
    ex = extract(NEWS)
    assert len(ex.mentions) >= 8
    assert_offsets(NEWS, ex)
    # a cluster's name is one of its mentions' surface forms
    for m in ex.mentions:
        assert m.name in {x.text for x in ex.mentions if x.key == m.key}


@pytest.mark.parametrize("text, expected, not_expected", [
    pytest.param("The United States and the European Union welcomed the decision.",
                 ["United States", "European Union"], ["The United States", "the European Union"], id="the-dropped"),
    pytest.param("On Monday the Albanian Interior Ministry issued a statement about the plot.",
                 ["Albanian Interior Ministry"], ["the Albanian Interior Ministry"], id="the-dropped-org"),
    pytest.param("Iran’s ambassador left Albania's capital after the Netherlands' decision.",
                 ["Iran", "Albania", "Netherlands"], ["Iran’s", "Albania's", "Netherlands'"], id="possessive-dropped"),
])
def test_trimmed_mentions(extract, text, expected, not_expected):
    ex = extract(text)
    assert_offsets(text, ex)
    got = texts(ex)
    for e in expected:
        assert e in got
    for n in not_expected:
        assert n not in got


@pytest.mark.parametrize("text, name, title_word", [
    pytest.param("General Police Director Ardi Veliu spoke in Tirana on Wednesday.", "Ardi Veliu", "Director",
                 id="general-police-director"),
    pytest.param("President Hassan Rouhani met Prime Minister Edi Rama in Tirana.", "Hassan Rouhani", "President",
                 id="president"),
    pytest.param("President Hassan Rouhani met Prime Minister Edi Rama in Tirana.", "Edi Rama", "Minister",
                 id="prime-minister"),
])
def test_titles_stripped_from_persons(extract, text, name, title_word):
    ex = extract(text)
    assert_offsets(text, ex)
    people = [m for m in ex.mentions if m.label == "PERSON"]
    assert name in [m.text for m in people]
    assert not any(title_word in m.text for m in people)


def test_acronym_with_slash_joins_expansion(extract):
    text = ("Members of the People’s Mujahedin of Iran (PMOI/MEK) were based in Iraq. "
            "The PMOI moved to Albania in 2016. The MEK now lives near Tirana.")
    ex = extract(text)
    assert_offsets(text, ex)
    full = key_of(ex, "People’s Mujahedin of Iran")
    assert {m.key for m in ex.mentions if m.text == "PMOI"} == {full}
    assert {m.key for m in ex.mentions if m.text == "MEK"} == {full}
    assert len([m for m in ex.mentions if m.text in ("PMOI", "MEK")]) == 4  # in the brackets and later


def test_acronym_defined_after_of_phrase(extract):
    text = ("The National Council of Resistance of Iran (NCRI) held a meeting in Paris. "
            "The NCRI said the meeting would continue.")
    ex = extract(text)
    assert_offsets(text, ex)
    full = key_of(ex, "National Council of Resistance of Iran")
    ncri = [m for m in ex.mentions if m.text == "NCRI"]
    assert len(ncri) == 2
    assert {m.key for m in ncri} == {full}


def test_acronym_mek_joins_peoples_mujahedin_organisation(extract):
    """NER cuts the name before 'of Iran'; the '(MEK)' definition must still reach it."""
    text = ("Iran plans attacks against the People’s Mujahedin Organisation of Iran (MEK), the largest Iranian "
            "opposition group. Supporters of the MEK gathered outside the embassy.")
    ex = extract(text)
    assert_offsets(text, ex)
    full = {m.key for m in ex.mentions if m.text.startswith("People’s Mujahedin Organisation")}
    assert len(full) == 1
    later = text.index("MEK", text.index("Supporters"))
    mek = [m for m in ex.mentions if m.text == "MEK"]
    assert later in [m.start for m in mek]
    assert {m.key for m in mek} == full


def test_surname_joins_full_name(extract):
    text = ("Gholamhossein Mohammadnia, the Iranian ambassador, and Mostafa Roudaki were expelled. "
            "Mohammadnia and Roudaki left on Wednesday.")
    ex = extract(text)
    assert_offsets(text, ex)
    assert key_of(ex, "Mohammadnia") == key_of(ex, "Gholamhossein Mohammadnia")
    assert key_of(ex, "Roudaki") == key_of(ex, "Mostafa Roudaki")
    assert key_of(ex, "Mohammadnia") != key_of(ex, "Roudaki")
    assert {m.name for m in ex.mentions if m.text == "Mohammadnia"} == {"Gholamhossein Mohammadnia"}


def test_ambiguous_surname_joins_neither(extract):
    """Gholam Hossein Kazemi is not Saeed Kazemi: a bare 'Kazemi' must not be merged into either."""
    text = "Gholam Hossein Kazemi and Saeed Kazemi were named in the report. Kazemi denied it."
    ex = extract(text)
    assert_offsets(text, ex)
    a, b = key_of(ex, "Gholam Hossein Kazemi"), key_of(ex, "Saeed Kazemi")
    assert a != b
    assert key_of(ex, "Kazemi") not in (a, b)


def test_speaking_organisation_stays_org(extract):
    text = "The United Nations said the ambassador had left Tirana."
    ex = extract(text)
    un = [m for m in ex.mentions if m.text == "United Nations"]
    assert un and all(m.label == "ORG" for m in un)


def test_person_subject_of_spoke_is_person(extract):
    text = "Maryam Rajavi spoke in Paris on Sunday."
    ex = extract(text)
    assert [m.label for m in ex.mentions if m.text == "Maryam Rajavi"] == ["PERSON"]


@pytest.mark.parametrize("text", [
    pytest.param("Die albanische Regierung hat den iranischen Botschafter Gholamhossein Mohammadnia ausgewiesen. "
                 "Die Polizei in Tirana ermittelt gegen zwei Männer, die einen Anschlag auf die Volksmudschahedin "
                 "geplant haben sollen. Der Botschafter musste das Land innerhalb von zwei Wochen verlassen.",
                 id="german"),
    pytest.param("دولت آلبانی سفیر جمهوری اسلامی ایران را اخراج کرد. غلامحسین محمدنیا باید کشور را ترک کند. "
                 "پلیس تیرانا درباره دو مرد تحقیق می‌کند.", id="persian"),
])
def test_non_english_yields_nothing(extract, text):
    ex = extract(text)
    assert ex.mentions == ()
    assert ex.quotes == () and ex.claims == () and ex.descriptions == ()


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "...", "a", "“”", '"', "2019", "\u00a0\u200b"])
def test_degenerate_text(extract, text):
    ex = extract(text)
    assert_offsets(text, ex)
    assert ex.quotes == () and ex.claims == ()


def test_very_long_sentence(extract):
    filler = "the officials talked again about the weather and the state of the roads, "
    text = "Ardi Veliu said on Monday that " + filler * (10_000 // len(filler) + 1) + "and Edi Rama agreed in Tirana."
    assert len(text) >= 10_000
    ex = extract(text, "2019-06-04")
    assert_offsets(text, ex)
    got = texts(ex)
    assert "Ardi Veliu" in got and "Edi Rama" in got and "Tirana" in got  # both ends of the sentence
    for c in ex.claims:
        ev = c.evidence
        assert text[ev.start:ev.end] == ev.text


def test_company_word_name_joins_short_name(extract):
    """'Harlan Computer' and 'Harlan' in one article are one company, named with and without its company word."""
    text = "Harlan Computer opened a plant in Ohio on Monday. Harlan said the plant would employ 300 people."
    ex = extract(text)
    assert_offsets(text, ex)
    assert key_of(ex, "Harlan Computer") == key_of(ex, "Harlan")
