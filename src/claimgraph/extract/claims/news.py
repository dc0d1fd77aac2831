"""Relations news needs that PLOVER has no event type for (deals, products, contracts, ownership,
succession), read from news_relations.json only where the named predicates and the CAMEO table give a
word no event; and the subject of an infinitive that completes an object noun ('Apple has plans to sell',
'the EU made the decision to ban')."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..lexicon import lexicon_json
from .registry import rule
from .vocabulary import Event


@dataclass(frozen=True)
class NewsLexicon:
    verbs: dict[str, str]
    nouns: dict[str, str]
    passive_only: frozenset[str]
    noun_control: frozenset[str]
    object_preps: dict[str, list[str]]
    party_preps: frozenset[str]


@lru_cache(maxsize=1)
def news_lexicon() -> NewsLexicon:
    d = lexicon_json("news_relations.json")
    return NewsLexicon(d["verbs"], d["nouns"], frozenset(d["passive_only"]), frozenset(d["noun_control_verbs"]),
                       d["object_preps"], frozenset(d["party_preps"]))


def _has_object(tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children) or tok.dep_ == "acl" and tok.tag_ == "VBN"


def _by_agent(tok: Token) -> bool:
    return any(c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by" for c in tok.children)


@rule("news_relation", 1, reads=("news_relations.json:verbs", "news_relations.json:passive_only",
                                 "news_relations.json:object_preps"), examples=(
    ("Microsoft acquired the video game maker for $7.5 billion.", "acquire -> the video game maker"),
    ("Ford launched an electric pickup in March.", "Ford launch -> an electric pickup"),
    ("Lufthansa selected the Embraer jet for its regional fleet.", "select -> the Embraer jet"),
    ("The first tablet, made by Samsung, sold out in hours.", "Samsung manufacture -> the first tablet"),
    ("Samsung made a profit.", "no claim: active 'make' is a light verb"),
    ("The company sells worldwide.", "no claim: no object"),
    ("President Lula landed in Beijing on Friday.", "Lula travel -> Beijing (the object of 'in')"),
    ("Boeing delivers last 747 to Lufthansa", "Boeing deliver -> Lufthansa (the object of 'to')"),
))
def news_verb(tok: Token) -> Event | None:
    """A verb listed as a news relation (PLOVER has no type for it) with an object: a direct object, a passive
    subject, the noun its participle modifies, or the object of a preposition listed for the relation ('flew
    to Beijing'); a verb listed passive-only needs the passive and a by-agent."""
    lex = news_lexicon()
    lemma = tok.lemma_.lower()
    pred = next((lex.verbs[f"{lemma} {c.lower_}"] for c in tok.children
                 if c.dep_ == "prt" and f"{lemma} {c.lower_}" in lex.verbs), None) or lex.verbs.get(lemma)
    if pred is None:
        return None
    if lemma in lex.passive_only and not (_by_agent(tok) and (tok.dep_ == "acl" or any(c.dep_ == "auxpass" for c in tok.children))):
        return None
    if _has_object(tok):
        return Event(pred, None, source="news")
    prep = next((c.lower_ for c in tok.children if c.dep_ == "prep" and c.lower_ in lex.object_preps.get(pred, ())
                 and any(o.dep_ == "pobj" for o in c.children)), None)
    return Event(pred, None, prep=prep, source="news") if prep else None  # "flew to Sydney"


@rule("news_over_default", 1, reads=("news_relations.json:verbs",), examples=(
    ("Sony introduced a new camera in Tokyo.", "Sony launch -> a new camera, not a consultation (CAMEO's default for 'introduce')"),
    ("Nokia unveiled a foldable phone in Berlin.", "Nokia launch -> a foldable phone, not support"),
    ("Lufthansa will buy the regional airline.", "buy (status future), not cooperate"),
    ("The new model was introduced in 2019.", "no claim: no agent, and 'introduce' is no consultation"),
    ("Britain will leave the European Union in March.", "Britain leave -> the European Union (future), not an agreement"),
))
def news_over_default(tok: Token, ev: Event) -> bool:
    """A verb listed as a news relation ('introduce', 'unveil', 'buy', 'leave') that CAMEO codes only through
    its synonym set's default (the set's code, not the verb's own or a noun/preposition pattern's) is read as
    the news relation: CAMEO puts 'introduce' and 'leave' in a set of verbs of meeting, 'unveil' with verbs
    of praise, codes that come from the set, not from the verb."""
    lemma, verbs = tok.lemma_.lower(), news_lexicon().verbs
    return ev.synonym_default and (lemma in verbs or any(c.dep_ == "prt" and f"{lemma} {c.lower_}" in verbs
                                                         for c in tok.children))


@rule("news_noun", 1, reads=("news_relations.json:nouns",), examples=(
    ("Oracle's acquisition of the database firm closed in June.", "Oracle acquire -> the database firm"),
    ("Qantas made the purchase of twelve jets last year.", "Qantas buy -> twelve jets (light verb 'made')"),
))
def news_noun(tok: Token) -> Event | None:
    """An event noun of a news relation ('the acquisition of', 'the sale of'); its agent and target come from
    the noun's own phrase or a light verb, as for any nominal event."""
    pred = news_lexicon().nouns.get(tok.lemma_.lower())
    return Event(pred, None, source="news") if pred else None


@rule("noun_control", 1, reads=("news_relations.json:noun_control_verbs",), examples=(
    ("The EU made the decision to ban Aeroflot.", "subject of 'ban' = the EU"),
    ("Boeing won a contract to supply the navy with tankers.", "subject of 'supply' = Boeing"),
    ("Peru rejected the plan to close the border.", "no subject: 'reject' is no control verb"),
    ("Aeroflot negotiated the purchase of 22 jets.", "Aeroflot buy (the agent of a news noun)"),
))
def noun_controller(tok: Token) -> list[Token]:
    """The subject of an infinitive completing an object noun ('has plans to sell', 'won a contract to
    supply'), or the agent of a news noun ('negotiated the purchase of'), is the subject of the verb whose
    object the noun is, for verbs that make the noun the subject's own (have, make, sign, win, negotiate …),
    not for verbs about someone else's plan ('rejected the plan to')."""
    if tok.dep_ != "dobj" or tok.head.lemma_.lower() not in news_lexicon().noun_control:
        return []
    return [c for c in tok.head.children if c.dep_ == "nsubj"]
