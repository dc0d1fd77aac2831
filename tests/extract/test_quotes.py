"""Direct quotes: the pure mark scanner `quote_spans`, then speakers found by `extract_quotes`
through the real spaCy pipeline on short news-style passages."""

from __future__ import annotations

import pytest

from claimgraph.quotemarks import quote_spans

# ---- quote_spans: pure, no spaCy ---------------------------------------------------------------

SPAN_CASES = [
    pytest.param('He said "we will not be intimidated by anyone" and left.',
                 ["we will not be intimidated by anyone"], id="straight"),
    pytest.param("He said “we will not be intimidated by anyone” and left.",
                 ["we will not be intimidated by anyone"], id="curly"),
    pytest.param("He said ”we will not be intimidated by anyone” and left.",
                 ["we will not be intimidated by anyone"], id="mismatched-close-close"),
    pytest.param("He said “we will not be intimidated by anyone“ and left.",
                 ["we will not be intimidated by anyone"], id="mismatched-open-open"),
    pytest.param("Veliu said “the cell was planning attacks on the camp and it was stopped.\n"
                 "Rama told parliament “the government acted within the law” on Monday.",
                 ["the cell was planning attacks on the camp and it was stopped.",
                  "the government acted within the law"], id="unbalanced-runs-to-paragraph-end"),
    pytest.param("“The first quote has several words,” he said.\n\n"
                 "She replied: “The second quote is here too.”\n\n"
                 "A third paragraph without any quotation.",
                 ["The first quote has several words", "The second quote is here too."], id="multi-paragraph"),
    pytest.param("The so-called “moderates” were there and the “peace plan” failed.", [], id="scare-quotes-ignored"),
    pytest.param('He called it a "big lie" and said "we will not stop now" today.',
                 ["we will not stop now"], id="scare-quote-then-real-quote"),
    pytest.param("He said “we don’t want a war with anyone” on Monday.",
                 ["we don’t want a war with anyone"], id="apostrophe-inside"),
    pytest.param("Nothing is quoted in this sentence at all.", [], id="no-marks"),
    pytest.param("", [], id="empty"),
]


@pytest.mark.parametrize("text, expected", SPAN_CASES)
def test_quote_spans(text, expected):
    spans = list(quote_spans(text))
    assert [text[s:e] for s, e in spans] == expected
    for s, e in spans:
        assert 0 <= s < e <= len(text)
        assert text[s] not in "“”\"«»„" and text[e - 1] not in "“”\"«»„"  # marks excluded


def test_unbalanced_quote_does_not_leak_into_next_paragraph():
    text = ("Veliu said “the cell was planning attacks on the camp and it was stopped.\n"
            "The next paragraph has no quotation marks whatsoever in it.")
    spans = list(quote_spans(text))
    assert len(spans) == 1
    s, e = spans[0]
    assert text[s:e] == "the cell was planning attacks on the camp and it was stopped."
    assert e <= text.index("\n")


# ---- speakers, with the pipeline ----------------------------------------------------------------


def _only_quote(ex, text: str, words: str):
    """The quote occurrence whose text holds `words`; offsets checked."""
    found = [q for q in ex.quotes if words in q.text]
    assert len(found) == 1, [q.text for q in ex.quotes]
    q = found[0]
    assert text[q.start:q.end] == q.text
    assert q.text.rstrip(" ,") == words  # the quoted words, marks excluded (a closing comma may stay)
    return q


def _speaker_offsets_ok(text: str, q) -> None:
    assert q.speaker_start is not None and q.speaker_end is not None
    assert text[q.speaker_start:q.speaker_end] == q.speaker_text


def _key_of(ex, mention_text: str) -> str:
    keys = {m.key for m in ex.mentions if m.text == mention_text}
    assert len(keys) == 1, (mention_text, [(m.text, m.key) for m in ex.mentions])
    return keys.pop()


def test_cue_after_quote(extract):
    text = ("General Police Director Ardi Veliu spoke to reporters in Tirana on Wednesday. "
            "“We have dismantled an Iranian terrorist cell that was planning attacks,” Veliu said.")
    ex = extract(text)
    q = _only_quote(ex, text, "We have dismantled an Iranian terrorist cell that was planning attacks")
    assert q.cue == "said"
    assert q.speaker_text == "Veliu"
    _speaker_offsets_ok(text, q)
    assert q.speaker_start > q.end  # the attribution's own "Veliu", not the earlier full name
    assert q.speaker_key == _key_of(ex, "Ardi Veliu")  # surname joins the full name's cluster


def test_cue_after_quote_inverted(extract):
    text = "“We have dismantled an Iranian terrorist cell,” said Ardi Veliu, the police chief."
    ex = extract(text)
    q = _only_quote(ex, text, "We have dismantled an Iranian terrorist cell")
    assert q.speaker_text == "Ardi Veliu, the police chief"  # the source's words keep their apposition
    _speaker_offsets_ok(text, q)
    assert q.speaker_key == _key_of(ex, "Ardi Veliu")


def test_cue_before_with_colon_and_appositive(extract):
    text = ("Ali Fallahian, the former head of intelligence, said: "
            "“The Ministry of Intelligence needs cover to operate abroad.”")
    ex = extract(text)
    q = _only_quote(ex, text, "The Ministry of Intelligence needs cover to operate abroad.")
    assert q.cue == "said"
    assert q.speaker_text == "Ali Fallahian, the former head of intelligence"
    _speaker_offsets_ok(text, q)
    assert q.speaker_key == _key_of(ex, "Ali Fallahian")


def test_he_added_continues_previous_speaker(extract):
    text = ("Ali Fallahian, the former head of intelligence for the Iranian regime, said: "
            "“The Ministry of Intelligence needs cover to gather information.” "
            "He added, “we do not send an intelligence officer to Germany saying I am from the Ministry.”")
    ex = extract(text)
    first = _only_quote(ex, text, "The Ministry of Intelligence needs cover to gather information.")
    second = _only_quote(ex, text, "we do not send an intelligence officer to Germany saying I am from the Ministry.")
    assert second.cue == "added"
    assert second.speaker_text == "He"
    _speaker_offsets_ok(text, second)
    assert second.speaker_start > first.end
    assert second.speaker_key == first.speaker_key == _key_of(ex, "Ali Fallahian")


def test_he_added_after_indirect_speech(extract):
    text = "Ardi Veliu said the cell had been operating for months. “It was led by senior officers,” he added."
    ex = extract(text)
    q = _only_quote(ex, text, "It was led by senior officers")
    assert q.speaker_text == "he"
    _speaker_offsets_ok(text, q)
    assert q.speaker_key == _key_of(ex, "Ardi Veliu")


def test_uncued_quote_continues_previous_quote_speaker(extract):
    text = ("“We have dismantled an Iranian terrorist cell,” Veliu said. "
            "“They were planning attacks on the camp.”")
    ex = extract(text)
    first = _only_quote(ex, text, "We have dismantled an Iranian terrorist cell")
    second = _only_quote(ex, text, "They were planning attacks on the camp.")
    assert first.speaker_key is not None
    assert second.speaker_key == first.speaker_key
    assert second.speaker_text == "Veliu"


def test_according_to(extract):
    text = "“The cell was planning to attack the group in Tirana,” according to Albanian police."
    ex = extract(text)
    q = _only_quote(ex, text, "The cell was planning to attack the group in Tirana")
    assert q.cue == "according to"
    assert q.speaker_text == "Albanian police"
    _speaker_offsets_ok(text, q)
    assert q.speaker_key is not None


def test_organisation_speaker_in_statement(extract):
    text = "“The cell was planning to attack the group in Tirana,” the ministry said in a statement."
    ex = extract(text)
    q = _only_quote(ex, text, "The cell was planning to attack the group in Tirana")
    assert q.cue == "said"
    assert q.speaker_text in ("the ministry", "ministry")
    _speaker_offsets_ok(text, q)
    assert q.speaker_key is not None


def test_unnamed_official_speaker(extract):
    text = "“The plot was real and it was directed from Tehran,” a senior Albanian official told Reuters."
    ex = extract(text)
    q = _only_quote(ex, text, "The plot was real and it was directed from Tehran")
    assert q.cue == "told"
    assert "official" in q.speaker_text
    _speaker_offsets_ok(text, q)
    assert q.speaker_key is not None
    assert q.speaker_key != _key_of(ex, "Reuters")  # the addressee is not the speaker


@pytest.mark.parametrize("text", [
    pytest.param("“The cell was planning to attack the group in Tirana.”", id="alone"),
    pytest.param("Maryam Rajavi spoke in Paris on Sunday.\n\nThe weather in Tirana was cold and wet all week.\n\n"
                 "“We will not be silenced by threats from Tehran.”", id="person-named-earlier-but-no-cue"),
])
def test_no_cue_no_previous_speaker_is_none(extract, text):
    ex = extract(text)
    assert len(ex.quotes) == 1
    q = ex.quotes[0]
    assert text[q.start:q.end] == q.text
    assert q.speaker_key is None
    assert q.speaker_text is None and q.speaker_start is None and q.speaker_end is None


def test_organisation_speaker_resolves_to_named_ministry(extract):
    text = ("The Albanian Interior Ministry issued a warning on Monday. "
            "“The cell was planning to attack the group in Tirana,” the ministry said in a statement.")
    ex = extract(text)
    q = _only_quote(ex, text, "The cell was planning to attack the group in Tirana")
    _speaker_offsets_ok(text, q)
    assert q.speaker_key == _key_of(ex, "Albanian Interior Ministry")


def test_it_said_refers_to_named_network(extract):
    """'it said' after 'An Albanian TV network named Report TV revealed ...' is the network, not Albania."""
    text = ("An Albanian TV network named Report TV revealed that police had been monitoring ten people. "
            "“Law enforcement agencies in Albania are particularly concerned about Iranians,” it said.")
    ex = extract(text)
    q = _only_quote(ex, text, "Law enforcement agencies in Albania are particularly concerned about Iranians")
    assert q.speaker_key is not None and "report tv" in q.speaker_key.lower()


def test_quote_offsets_in_every_quote(extract):
    text = ("Ali Fallahian, the former head of intelligence, said: “The Ministry of Intelligence needs cover.” "
            "“It is necessary to have a business or journalism cover,” he added.\n\n"
            "Veliu said “the cell was planning attacks on the camp and it was stopped.\n"
            "“We will not be silenced by threats,” Maryam Rajavi told supporters.")
    ex = extract(text)
    assert len(ex.quotes) == 4
    for q in ex.quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text
            # the speaker's words lie outside the quote
            assert q.speaker_end <= q.start or q.speaker_start >= q.end
