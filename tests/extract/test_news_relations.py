"""Reduced passives (headline participles, participles modifying a noun) and the news relations PLOVER has
no type for (business and technology news), on sentences written for these tests. Every claim's evidence
and trigger must index the text."""

from __future__ import annotations

import pytest

from claimgraph.extract.claims import RULES

PUB = "2021-03-02"

# (text, trigger word, subjects its claims must have (key contains; [] = no claim of that word), object contains)
PASSIVES: list[tuple[str, str, list[str], str | None]] = [
    # a headline's bare participle: its subject is the patient; no by-agent, no claim
    ("Ruritania recalls envoy after diplomats expelled", "expelled", [], None),
    ("Diplomats expelled as row with Moldova deepens", "expelled", [], None),
    ("Three students arrested in Lima", "arrested", [], None),
    ("Two reporters detained by police in Minsk", "detained", ["police"], "reporters"),
    ("Opposition leader Ana Rios detained by police in Quito", "detained", ["police"], "ana rios"),
    # a participle modifying a noun: the noun is the patient, the agent only from 'by'
    ("The opposition leader, detained by police on Monday, was freed.", "detained", ["police"], "leader"),
    ("Three soldiers killed in the blast were buried in Kabul.", "killed", [], None),
    ("The first jet, built by Embraer, was delivered to Azul.", "built", ["embraer"], "jet"),
    # active clauses and full sentences keep their subject as agent
    ("Hungary expelled two diplomats in May.", "expelled", ["hungary"], "diplomats"),
    ("Peru says Bolivia expelled its consul.", "expelled", ["bolivia"], "consul"),
]

# (text, trigger word, predicate, subject contains, object or value contains; None subject = no claim)
NEWS: list[tuple[str, str, str, str | None, str | None]] = [
    ("Microsoft acquired the video game maker for $7.5 billion.", "acquired", "acquire", "microsoft", "game maker"),
    ("Oracle's acquisition of the database firm closed in June.", "acquisition", "acquire", "oracle", "database firm"),
    ("Ford launched an electric pickup in March.", "launched", "launch", "ford", "pickup"),
    ("Lufthansa selected the Embraer jet for its regional fleet.", "selected", "select", "lufthansa", "embraer"),
    ("Nokia announced a new smartphone on Tuesday.", "announced", "announce", "nokia", "smartphone"),
    ("Embraer won an order from Azul for twenty jets.", "won", "win", "embraer", "azul"),
    ("Apple Corps lost its case against EMI in the High Court.", "lost", "lose", "apple corps", "emi"),
    ("Tim Cook replaced Steve Jobs as chief executive.", "replaced", "replace", "tim cook", "steve jobs"),
    ("The first tablet, made by Samsung, sold out in hours.", "made", "manufacture", "samsung", "tablet"),
    ("Qantas made the purchase of twelve jets last year.", "purchase", "buy", "qantas", "jets"),
    ("Sony will sell its chemicals unit to Mitsui.", "sell", "sell", "sony", "mitsui"),  # the buyer: who did business with whom
    ("Boeing delivers last 747 to Lufthansa", "delivers", "deliver", "boeing", "lufthansa"),
    ("President Lula landed in Beijing on Friday after a long flight.", "landed", "travel", "lula", "beijing"),
    ("Steve Jobs left Apple in 1985.", "left", "leave", "steve jobs", "apple"),
    ("Sony introduced a new camera in Tokyo.", "introduced", "launch", "sony", "camera"),
    ("The Brazilian planemaker, Embraer, won the contract.", "won", "win", "embraer", "contract"),
    # no object, or an active light verb: no relation
    ("Samsung made a profit in the third quarter.", "made", "manufacture", None, None),
    ("Nokia announced that profits fell.", "announced", "announce", None, None),
]


@pytest.fixture
def claims_at(extract):
    def run(text: str, word: str):
        ex = extract(text, PUB)
        for c in ex.claims:
            ev = c.evidence
            assert text[ev.start:ev.end] == ev.text and c.subject, c
            if c.trigger_start is not None:  # an event's trigger (a role such as holds_role has none)
                assert text[c.trigger_start:c.trigger_end] == c.trigger, c
        start = text.index(word)
        return [c for c in ex.claims if (c.trigger_start, c.trigger_end) == (start, start + len(word))], ex

    return run


def _show(ex) -> list:
    return [(c.subject, c.predicate, c.object or c.value, c.evidence.status) for c in ex.claims]


@pytest.mark.parametrize("text,word,subjects,obj", PASSIVES, ids=[t[:40] for t, _, _, _ in PASSIVES])
def test_reduced_passives(claims_at, text, word, subjects, obj):
    claims, ex = claims_at(text, word)
    if not subjects:
        assert not claims, _show(ex)  # the patient is never the agent, and no agent is invented
        return
    for s in subjects:
        assert any(s in c.subject.lower() and obj in (c.object or c.value or "").lower() for c in claims), _show(ex)


@pytest.mark.parametrize("text,word,pred,subj,obj", NEWS, ids=[t[:40] for t, _, _, _, _ in NEWS])
def test_news_relations(claims_at, text, word, pred, subj, obj):
    claims, ex = claims_at(text, word)
    mine = [c for c in claims if c.predicate == pred]
    if subj is None:
        assert not mine, _show(ex)
        return
    assert any(subj in c.subject.lower() and obj in (c.object or c.value or "").lower() for c in mine), _show(ex)


def test_a_news_relation_keeps_its_status(claims_at):
    """'plans to sell' is planned, 'will deliver' future: a deal announced is not a deal done."""
    text = "Apple plans to sell films online, and Airbus will deliver the jet to Qantas next year."
    claims, ex = claims_at(text, "sell")
    assert [c.evidence.status for c in claims] == ["planned"], _show(ex)
    claims, ex = claims_at(text, "deliver")
    assert claims and all(c.evidence.status == "future" for c in claims), _show(ex)


def test_a_contract_to_supply_is_not_a_supply(claims_at):
    """What a contract is to do has not happened yet: 'won a contract to supply' is planned, not occurred."""
    claims, ex = claims_at("Boeing won a contract to supply the navy with tankers.", "supply")
    assert claims and all(c.evidence.status == "planned" and "boeing" in c.subject.lower() for c in claims), _show(ex)


def test_noun_control(claims_at):
    """The subject of 'made the decision to ban' bans; the subject of 'rejected the plan to close' does not close."""
    claims, ex = claims_at("The EU made the decision to ban Aeroflot.", "ban")
    assert claims and all("eu" in c.subject.lower() for c in claims), _show(ex)
    claims, ex = claims_at("Peru rejected the plan to close the border with Chile.", "close")
    assert not any("peru" in c.subject.lower() for c in claims), _show(ex)


def test_rules_registered():
    for name in ("reduced_passive", "participle_arguments", "news_relation", "news_noun", "noun_control"):
        assert RULES[name].examples and RULES[name].fn.__doc__
