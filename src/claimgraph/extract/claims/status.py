"""Event status: did the event happen (occurred), or was it only tried (attempted), planned, foiled
(prevented), announced for later (future) or supposed (hypothetical)? Separate from modality, which says
how the article asserts it. Read from the words that govern the event in the parse: its own modifiers
and auxiliaries, then the verbs and nouns above it ("tried to attack", "a plot to kill", "a cell that
planned to carry out attacks", "foiled an attack"). Lists in lexicons/status.json."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ...model import STATUSES  # noqa: F401 -- the statuses the rules below assign, re-exported for the tests
from ..lexicon import lexicon_json
from .registry import rule
from .vocabulary import Event, is_light, is_nominal_event

# dependencies along which a governing word's status reaches the event; ccomp (reported speech) and
# relcl (a clause about a noun) end the climb
_UP = ("xcomp", "dobj", "pobj", "prep", "acl", "attr", "oprd", "nsubjpass", "nsubj", "conj", "advcl", "pcomp")


@dataclass(frozen=True)
class StatusLexicon:
    governors: dict[str, str]
    modifiers: dict[str, str]
    aux: dict[str, str]
    to_be: frozenset[str]
    conditional: frozenset[str]
    own_event: frozenset[str]
    obligation: frozenset[str]
    circumstance_preps: frozenset[str]


def _invert(groups: dict[str, list[str]]) -> dict[str, str]:
    return {w: status for status, words in groups.items() for w in words}


@lru_cache(maxsize=1)
def status_lexicon() -> StatusLexicon:
    d = lexicon_json("status.json")
    return StatusLexicon(_invert(d["governors"]), _invert(d["modifiers"]), _invert(d["aux"]),
                         frozenset(d["to_be"]), frozenset(d["conditional_marks"]), frozenset(d["own_event"]),
                         frozenset(d["obligation"]), frozenset(d["circumstance_preps"]))


@rule("status_modifier", 1, reads=("status.json:modifiers",), examples=(
    ("The attempted coup collapsed within hours.", "attempted"),
    ("Police said the foiled bombing targeted a stadium.", "prevented"),
    ("The upcoming visit of the pope was announced.", "future"),
))
def status_modifier(tok: Token) -> str | None:
    """A word modifying the event itself: 'the attempted coup', 'a foiled attack', 'the planned merger'."""
    mods = status_lexicon().modifiers
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "advmod", "nmod") and c.lower_ in mods:
            return mods[c.lower_]
    return None


@rule("status_aux", 1, reads=("status.json:aux",), examples=(
    ("The court will rule on the appeal next week.", "future"),
    ("The union would strike if wages were cut.", "hypothetical"),
    ("Carmaker to cut 5,000 jobs", "future (a headline's bare infinitive)"),
))
def status_aux(tok: Token) -> str | None:
    """An auxiliary of the event verb: 'will expel' is future, 'would expel' hypothetical; a headline's
    bare 'to' ('Apple to give refunds') is future."""
    aux = status_lexicon().aux
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in aux:
            return aux[c.lower_]
        if c.dep_ == "aux" and c.lower_ == "to" and tok.dep_ == "ROOT":
            return "future"  # the headline "Apple to give refunds": an announced event
    return None


@rule("status_conditional", 1, reads=("status.json:conditional_marks",), examples=(
    ("If the talks fail, the army will attack the city.", "hypothetical (of 'fail')"),
))
def status_conditional(tok: Token) -> str | None:
    """An event inside an if-clause is hypothetical."""
    marks = status_lexicon().conditional
    if any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
        return "hypothetical"
    return None


@rule("status_governor", 1, reads=("status.json:governors", "status.json:to_be"), examples=(
    ("The gang tried to rob the bank.", "attempted"),
    ("The firm plans to buy its rival.", "planned"),
    ("Guards thwarted an escape.", "prevented"),
    ("The president is to visit Kenya.", "future"),
))
def status_governor(gov: Token, via: Token) -> str | None:
    """A verb or noun governing the event: tried/failed to (attempted), plan/plot/intend/seek to or a plot
    to (planned), foiled/thwarted/prevented (prevented), vowed/expected/scheduled to (future); 'is to' + verb
    (future)."""
    lex = status_lexicon()
    lemma = gov.lemma_.lower()
    if lemma in lex.governors:
        return lex.governors[lemma]
    if (lemma in lex.to_be and via.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in via.children)
            and not any(c.dep_ in ("prep", "attr", "acomp") for c in gov.children)):
        return "future"  # "is to visit"; not "was behind a plot to attack"
    return None


@rule("infinitive_noun", 1, reads=("status.json:governors",), examples=(
    ("The group was behind a plot to attack the embassy.", "planned, when the parser hangs 'to attack' on 'was'"),
))
def infinitive_noun(tok: Token) -> str | None:
    """'a plot to attack', 'an attempt to kill': the noun right before the event's 'to' governs it, even
    where the parser attaches the infinitive elsewhere."""
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ == "to" and c.i == tok.i - 1 and c.i > 0:
            prev = c.doc[c.i - 1]
            if prev.pos_ == "NOUN":
                return status_lexicon().governors.get(prev.lemma_.lower())
    return None


@rule("circumstance", 1, reads=("status.json:circumstance_preps",), examples=(
    ("Oxfam halted aid deliveries after the attack on the convoy.", "the attack occurred: 'halted' does not reach it"),
    ("Police foiled a second plot during the raid on the camp.", "the raid occurred"),
))
def circumstance(tok: Token) -> bool:
    """A preposition of time or concession ('after', 'during', 'despite') makes its object the setting of
    the governing event, not what that event tried, planned or stopped: the climb ends there."""
    return tok.dep_ == "prep" and tok.lower_ in status_lexicon().circumstance_preps


def event_status(tok: Token) -> str:
    """Climb from the event through the words that govern it; the nearest status wins, except that a
    prevention anywhere above wins over all ('foiled a plot to attack' is a prevented attack). A plain
    verb that is neither a governor nor a light verb ends the climb: 'tried to condemn the attack' does not
    make the attack attempted."""
    found: list[str] = [s for s in [infinitive_noun(tok)] if s]
    cur = tok
    for hop in range(6):
        s = status_modifier(cur) or status_aux(cur) or status_conditional(cur)
        if s:
            found.append(s)
        if cur.dep_ == "ccomp" and cur.head.i != cur.i:
            s = status_governor(cur.head, cur)  # "demanded that Israel ease …": reported speech ends the climb,
            if s:                               # but a demand or a plan over a that-clause still governs it
                found.append(s)
            break
        if cur.head.i == cur.i or cur.dep_ not in _UP and not (cur.dep_ == "relcl" and is_light(cur)):
            break  # "the attempt the regime mounted to kill": through a light verb's relative clause
        if circumstance(cur):
            break
        via, gov = cur, cur.head
        if via.dep_ != "conj":
            s = status_governor(gov, via)
            if s:
                found.append(s)
            elif gov.pos_ in ("VERB", "AUX") and not is_light(gov) and via.dep_ not in ("xcomp", "advcl", "conj"):
                break
        cur = gov
    if "prevented" in found:
        return "prevented"
    return found[0] if found else "occurred"


@rule("governor_only", 3, reads=("status.json:governors", "status.json:own_event"), examples=(
    ("The bank plans to open a branch in Lagos.", "no claim for 'plans'"),
    ("The treaty is expected to be signed in May.", "no claim for 'expected': someone's expectation, no one's act"),
    ("The carmaker aborted the launch.", "no claim for 'aborted'"),
    ("Chile and Peru agreed to hold talks.", "an AGREE claim, and planned talks"),
    ("The strikers have sworn to fight on until the end of the year.", "no claim for 'sworn' (the parser's adverbial clause)"),
))
def governor_only(tok: Token, ev: Event) -> bool:
    """A verb that only says what became of another event ('tried to', 'plans to', 'aborted') is no event
    of its own where it governs one; a prevention verb none at all unless a pattern codes it. Governors that
    are events too (agree, offer, threaten, the named plot and foil) stay."""
    lex = status_lexicon()
    lemma = tok.lemma_.lower()
    status = lex.governors.get(lemma)
    if status is None or lemma in lex.own_event and not _participle_governor(tok):
        return False
    if status == "prevented":
        return ev.source != "pattern"
    return any(c.dep_ == "xcomp" or c.dep_ == "dobj" and is_nominal_event(c) or _infinitive_clause(c) for c in tok.children)


def _participle_governor(tok: Token) -> bool:
    """'is expected to', 'expected to be joined': a governor in the passive, or a bare participle, with no
    by-agent says what someone unnamed expects or asks; its subject is not the one who acts."""
    passive = any(c.dep_ == "auxpass" for c in tok.children) or tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl", "ROOT") \
        and not any(c.dep_ in ("aux", "nsubj") for c in tok.children)
    return passive and not any(c.dep_ == "agent" for c in tok.children)


def _infinitive_clause(tok: Token) -> bool:
    """A to-infinitive the parser hangs on a governor as an adverbial clause ('have sworn to fight'): its complement."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
