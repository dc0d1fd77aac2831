"""Attribution of every kind through the real spaCy pipeline: direct, mixed, indirect, according to,
stated beliefs and intentions. Each row gives the exact source, cue and content words; the test finds
the occurrence with that content and checks kind, cue offsets and source offsets against the text.
All sentences are written for these tests (none from ../shared)."""

from __future__ import annotations

import pytest

from claimgraph.extract.reported import in_lexicon
from claimgraph.model import QUOTE_KINDS

# (text, kind, source words, cue words, content words)
TABLE = [
    ('The mayor said that the bridge would reopen in May.',
     'indirect', 'The mayor', 'said', 'that the bridge would reopen in May'),
    ('Health officials said the outbreak had peaked last week.',
     'indirect', 'Health officials', 'said', 'the outbreak had peaked last week'),
    ('Maria Lopez told reporters that the factory would close.',
     'indirect', 'Maria Lopez', 'told', 'that the factory would close'),
    ('The union warned that teachers would strike in the autumn.',
     'indirect', 'The union', 'warned', 'that teachers would strike in the autumn'),
    ('The company announced that it had hired a new chief executive.',
     'indirect', 'The company', 'announced', 'that it had hired a new chief executive'),
    ('Prosecutors claimed the defendant had hidden the money abroad.',
     'indirect', 'Prosecutors', 'claimed', 'the defendant had hidden the money abroad'),
    ('The senator argued that the tax cut would help small farms.',
     'indirect', 'The senator', 'argued', 'that the tax cut would help small farms'),
    ('Police confirmed that two men had been detained overnight.',
     'indirect', 'Police', 'confirmed', 'that two men had been detained overnight'),
    ('Jonas Berg, a spokesman for the airline, said the delays were caused by fog.',
     'indirect', 'Jonas Berg, a spokesman for the airline', 'said', 'the delays were caused by fog'),
    ('The coach admitted that his team had played badly.',
     'indirect', 'The coach', 'admitted', 'that his team had played badly'),
    ('Residents complained that the water smelled of chlorine.',
     'indirect', 'Residents', 'complained', 'that the water smelled of chlorine'),
    ('The minister insisted the budget was balanced.',
     'indirect', 'The minister', 'insisted', 'the budget was balanced'),
    ('Local farmers reported that the harvest was the worst in a decade.',
     'indirect', 'Local farmers', 'reported', 'that the harvest was the worst in a decade'),
    ('The ambassador denied that his country had sent troops.',
     'indirect', 'The ambassador', 'denied', 'that his country had sent troops'),
    ('Her lawyer revealed that the contract had never been signed.',
     'indirect', 'Her lawyer', 'revealed', 'that the contract had never been signed'),
    ('The storm caused little damage, officials said.',
     'indirect', 'officials', 'said', 'The storm caused little damage'),
    ('The talks will resume next month, the foreign ministry said on Tuesday.',
     'indirect', 'the foreign ministry', 'said', 'The talks will resume next month'),
    ('The plant is safe, the regulator insisted.',
     'indirect', 'the regulator', 'insisted', 'The plant is safe'),
    ('According to the police, the driver fled the scene.',
     'according_to', 'the police', 'According to', 'the driver fled the scene'),
    ('The fire started in the kitchen, according to investigators.',
     'according_to', 'investigators', 'according to', 'The fire started in the kitchen'),
    ('According to a report by the central bank, inflation will slow next year.',
     'according_to', 'a report by the central bank', 'According to', 'inflation will slow next year'),
    ('Sales fell by a third in March, according to figures from the trade association.',
     'according_to', 'figures from the trade association', 'according to', 'Sales fell by a third in March'),
    ('According to two people familiar with the talks, the deal is close.',
     'according_to', 'two people familiar with the talks', 'According to', 'the deal is close'),
    ('The governor believes that the new road will bring jobs.',
     'belief', 'The governor', 'believes', 'that the new road will bring jobs'),
    ('Most economists think the recession is over.',
     'belief', 'Most economists', 'think', 'the recession is over'),
    ('The club hopes that the stadium will be ready by August.',
     'belief', 'The club', 'hopes', 'that the stadium will be ready by August'),
    ('The council plans to build a new library.',
     'belief', 'The council', 'plans', 'to build a new library'),
    ('The airline intends to cut fares on domestic routes.',
     'belief', 'The airline', 'intends', 'to cut fares on domestic routes'),
    ('Parents fear that the school will be closed.',
     'belief', 'Parents', 'fear', 'that the school will be closed'),
    ('The rebels vowed to continue fighting until the election.',
     'belief', 'The rebels', 'vowed', 'to continue fighting until the election'),
    ('Investors expect that interest rates will rise again.',
     'belief', 'Investors', 'expect', 'that interest rates will rise again'),
    ('The president wants to sign the bill before the holiday.',
     'belief', 'The president', 'wants', 'to sign the bill before the holiday'),
    ("Travellers were surprised by the ministry's statement that the border was closed.",
     'indirect', 'the ministry', 'statement', 'that the border was closed'),
    ("Nobody believed the mayor's claim that the budget had a surplus.",
     'indirect', 'the mayor', 'claim', 'that the budget had a surplus'),
    ('Opinion polls show a close race in the northern provinces.',
     'indirect', 'Opinion polls', 'show', 'a close race in the northern provinces'),
    ('The opposition criticised the decision to raise fuel prices.',
     'indirect', 'The opposition', 'criticised', 'the decision to raise fuel prices'),
    ('The council urged residents to boil their drinking water.',
     'indirect', 'The council', 'urged', 'to boil their drinking water'),
    ('“We will rebuild every house in the valley,” the governor said.',
     'direct', 'the governor', 'said', 'We will rebuild every house in the valley'),
    ('Anna Novak said: “The results speak for themselves this year.”',
     'direct', 'Anna Novak', 'said', 'The results speak for themselves this year.'),
    ('“The river has never been this high,” said Peter Holm, a local fisherman.',
     'direct', 'Peter Holm, a local fisherman', 'said', 'The river has never been this high'),
    ('A source with knowledge of the matter said the merger had been called off.',
     'indirect', 'A source with knowledge of the matter', 'said', 'the merger had been called off'),
    ('Two senior diplomats said the embassy would reopen within weeks.',
     'indirect', 'Two senior diplomats', 'said', 'the embassy would reopen within weeks'),
    ('The court ruled in March, and the judge explained that the law was unclear.',
     'indirect', 'the judge', 'explained', 'that the law was unclear'),
    ('In a report published on Monday, the agency said exports had fallen sharply.',
     'indirect', 'the agency', 'said', 'exports had fallen sharply'),
    ('The committee concluded that the accident could have been avoided.',
     'indirect', 'The committee', 'concluded', 'that the accident could have been avoided'),
    ('Engineers suspect that the crack was caused by metal fatigue.',
     'belief', 'Engineers', 'suspect', 'that the crack was caused by metal fatigue'),
    ('The school doubts that the new timetable will work.',
     'belief', 'The school', 'doubts', 'that the new timetable will work'),
    ("The farmers' cooperative promised to pay its members by Friday.",
     'belief', "The farmers' cooperative", 'promised', 'to pay its members by Friday'),
    ('Eva Lind predicted that the party would lose seats in the north.',
     'indirect', 'Eva Lind', 'predicted', 'that the party would lose seats in the north'),
    ('The mayor said the plan was “a waste of public money” and would be dropped.',
     'mixed', 'The mayor', 'said', 'the plan was “a waste of public money” and would be dropped'),
    ('Critics said the reform would leave “thousands of families without help” this winter.',
     'mixed', 'Critics', 'said', 'the reform would leave “thousands of families without help” this winter'),
    ('“The first phase is finished,” the engineer said, “and the second will start soon.”',
     'direct', 'the engineer', 'said', 'The first phase is finished'),
]


def _occurrence(ex, text: str, content: str):
    found = [q for q in ex.quotes if q.text == content]
    assert len(found) == 1, [(q.kind, q.text) for q in ex.quotes]
    q = found[0]
    assert text[q.start:q.end] == q.text
    return q


@pytest.mark.parametrize("text, kind, source, cue, content", TABLE, ids=[row[0][:40] for row in TABLE])
def test_attribution_spans(extract, text, kind, source, cue, content):
    ex = extract(text)
    q = _occurrence(ex, text, content)
    assert q.kind == kind
    assert q.kind in QUOTE_KINDS
    assert text[q.cue_start:q.cue_end] == cue == q.cue
    assert text[q.speaker_start:q.speaker_end] == source == q.speaker_text
    assert q.speaker_key is not None
    assert q.speaker_end <= q.start or q.speaker_start >= q.end  # the source is not part of what it said


def test_table_covers_every_kind():
    assert {row[1] for row in TABLE} == set(QUOTE_KINDS)
    assert len(TABLE) >= 50


@pytest.mark.parametrize("text", [
    pytest.param("The suspects are believed to have planned the robbery for weeks.", id="passive-belief-hedge"),
    pytest.param("The bridge was closed after the storm damaged its supports.", id="no-cue"),
    pytest.param("Officials said so.", id="content-too-short"),
])
def test_no_attribution(extract, text):
    """'X is believed to ...' hedges a fact about X, it is nobody's stated belief; no cue, no attribution."""
    assert [q for q in extract(text).quotes if q.kind != "direct"] == []


def test_interrupted_quote_keeps_the_speaker(extract):
    text = "“The first phase is finished,” the engineer said, “and the second will start next spring.”"
    ex = extract(text)
    first = _occurrence(ex, text, "The first phase is finished")
    second = _occurrence(ex, text, "and the second will start next spring.")
    assert first.speaker_key == second.speaker_key is not None


def test_floating_quote_continues_the_speaker_of_its_paragraph(extract):
    text = ("“We expect the road to open on time,” said Nora Falk, the project manager. "
            "“Every crew is working double shifts this month.”")
    ex = extract(text)
    first = _occurrence(ex, text, "We expect the road to open on time")
    floating = _occurrence(ex, text, "Every crew is working double shifts this month.")
    assert floating.kind == "direct" and floating.cue is None
    assert floating.speaker_key == first.speaker_key is not None


def test_direct_quote_inside_reported_clause_is_not_doubled(extract):
    text = "The coach said that “this team has nothing left to prove to anyone.”"
    ex = extract(text)
    assert len(ex.quotes) == 1
    assert ex.quotes[0].kind == "direct"


def test_unnamed_source_is_kept_as_such(extract):
    text = "A person familiar with the negotiations said the offer had been raised twice."
    q = _occurrence(extract(text), text, "the offer had been raised twice")
    assert q.speaker_text == "A person familiar with the negotiations"
    assert q.speaker_key.startswith("SOURCE:")


def test_cue_lexicon_reads_past_lemmatiser_slips():
    """The small model lemmatises 'hopes' as 'hop'; the cue lexicon still knows it."""
    import spacy

    nlp = spacy.blank("en")
    tok = nlp("hopes")[0]
    assert in_lexicon(tok, frozenset({"hope"}))
    assert not in_lexicon(tok, frozenset({"say", "hopeful"}))


# ---- sources: pronouns and descriptions -----------------------------------------------------------

def _key(ex, surface: str) -> str:
    keys = {m.key for m in ex.mentions if m.text == surface}
    assert len(keys) == 1, (surface, [(m.text, m.key) for m in ex.mentions])
    return keys.pop()


def test_pronoun_goes_to_the_nearest_main_subject_not_an_earlier_speaker(extract):
    """'she told' after an appositive name is that person, not a man quoted two sentences before."""
    text = ("Harbour Master Olof Strand said on Monday that the port would stay open.\n\n"
            "The charity, founded in 2010, runs a shelter by the docks. Its director, Ilse Moreau, "
            "thanked the volunteers at a meeting. “We could not have done this without them,” she told reporters.")
    ex = extract(text)
    q = _occurrence(ex, text, "We could not have done this without them")
    assert q.speaker_text == "she"
    assert q.speaker_key == _key(ex, "Ilse Moreau")


def test_pronoun_skips_people_named_inside_reported_content(extract):
    text = ("The spokesperson, Greta Lund, told reporters that the two envoys, Piet Ros and Sam Vale, "
            "had been asked to leave. Asked about further steps, she said: “Nothing has been decided yet.”")
    ex = extract(text)
    q = _occurrence(ex, text, "Nothing has been decided yet.")
    assert q.speaker_key == _key(ex, "Greta Lund")


def test_gender_from_an_earlier_pronoun(extract):
    text = ("Karin Olsen chaired the meeting. She opened it at nine. Later, Paul Weber arrived from the airport "
            "and he sat down at the back. “We have a lot to discuss today,” she said.")
    ex = extract(text)
    q = _occurrence(ex, text, "We have a lot to discuss today")
    assert q.speaker_key == _key(ex, "Karin Olsen")


def test_gender_from_a_title(extract):
    text = "Mr. Adams met Ms. Clark on Monday. “The talks went very well indeed,” she said."
    ex = extract(text)
    q = _occurrence(ex, text, "The talks went very well indeed")
    assert q.speaker_key == _key(ex, "Clark")


def test_he_is_not_a_woman_the_text_called_she(extract):
    text = ("Marta Sims opened the hearing and she read the charges. Then the defence spoke. "
            "“My client is innocent of every charge,” he said.")
    q = _occurrence(extract(text), text, "My client is innocent of every charge")
    assert q.speaker_key is None or "marta" not in q.speaker_key


def test_organisation_not_the_accused_is_the_source(extract):
    """'X denied the accusations and called the arrests “...”': the one denying said it."""
    text = ("Police in Norland arrested three men on Monday. The Kestran foreign ministry denied the accusations "
            "and called the arrests “a deliberate political provocation”.")
    ex = extract(text)
    q = next(q for q in ex.quotes if "provocation" in q.text)
    assert text[q.speaker_start:q.speaker_end] == "The Kestran foreign ministry"
    assert q.speaker_key is not None and "norland" not in q.speaker_key.lower()


def test_the_report_is_its_author(extract):
    """'the report warns ...' after 'a report by the agency': the agency, not whoever cited it."""
    text = ("The Brindle Institute published a report by the National Audit Office on Tuesday. "
            "The report warns that the hospital budget will run out by October.")
    ex = extract(text)
    q = _occurrence(ex, text, "that the hospital budget will run out by October")
    assert q.speaker_text == "The report"
    assert q.speaker_key is not None and "national audit office" in q.speaker_key.lower()
    assert "brindle" not in q.speaker_key.lower()


def test_definite_description_resolves_to_the_person_introduced_with_it(extract):
    text = ("Spokeswoman Hanna Ek announced the closure on Monday. "
            "The spokeswoman said the plant would reopen after an inspection.")
    ex = extract(text)
    q = _occurrence(ex, text, "the plant would reopen after an inspection")
    assert q.speaker_key == _key(ex, "Hanna Ek")


def test_possessor_of_a_statement_speaks_a_quote(extract):
    text = "Minister Aron Falk’s statement – “No school will close this year under any circumstances” – was read out."
    ex = extract(text)
    q = _occurrence(ex, text, "No school will close this year under any circumstances")
    assert q.cue == "statement"
    assert q.speaker_text == "Minister Aron Falk"


# ---- said-on dates --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, content, said_on", [
    pytest.param("The minister said on Tuesday that the border would stay closed.",
                 "that the border would stay closed", "2024-03-12", id="said-on-tuesday"),
    pytest.param("The ambassador told reporters on Monday that no evidence had been shown.",
                 "that no evidence had been shown", "2024-03-11", id="told-reporters-on-monday"),
    pytest.param("Police said the three men arrested on Tuesday had been released.",
                 "the three men arrested on Tuesday had been released", None, id="date-of-the-arrest-is-not-said-on"),
    pytest.param("The group, which arrived in 2016, said its members felt safe.",
                 "its members felt safe", None, id="year-of-arrival-is-not-said-on"),
    pytest.param("The council said the school would open in September.",
                 "the school would open in September", None, id="no-date-no-publication-date-copied"),
])
def test_said_on(extract, text, content, said_on):
    q = _occurrence(extract(text, published="2024-03-14"), text, content)
    assert q.said_on == said_on


def test_direct_quote_said_on_is_the_cue_date_only(extract):
    text = "“Three people were arrested on Tuesday in the old town,” the commissioner said on Wednesday."
    q = _occurrence(extract(text, published="2024-03-14"), text, "Three people were arrested on Tuesday in the old town")
    assert q.said_on == "2024-03-13"


# ---- claims inside an attribution are attributed to its source ------------------------------------

@pytest.mark.parametrize("text", [
    pytest.param("The interior ministry said that Norland had expelled two diplomats on Thursday.", id="indirect"),
    pytest.param("According to the interior ministry, Norland expelled two diplomats on Thursday.", id="according-to"),
])
def test_claim_in_reported_content_is_attributed_to_the_source(extract, text):
    ex = extract(text)
    q = next(q for q in ex.quotes if q.kind != "direct")
    assert q.extractor.startswith("claimgraph ") and ":" in q.extractor  # names the rule that found it
    expel = [c for c in ex.claims if c.predicate == "expel"]
    assert expel, [(c.predicate, c.subject) for c in ex.claims]
    ev = expel[0].evidence
    assert ev.start <= q.start and q.end <= ev.end  # the claim's sentence holds the content
    assert ev.attributed_to == q.speaker_key is not None
    assert ev.quote == q.id
