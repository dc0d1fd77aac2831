"""Attributions without quotation marks, read off the dependency parse: indirect speech ("X said
(that) ..."), prepositional ("according to X, ..."), stated beliefs and intentions ("X believes ...",
"X plans to ..."), and speech nouns ("X's claim that ..."). Each rule is a small function taking a
candidate cue token and returning an `Attribution` (source token, cue span, content span) or None.
Cue words come from lexicon files (speech_verbs.txt, belief_verbs.txt, attribution_nouns.txt)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .lexicon import lexicon, word_list

VERSION = "reported-1"
CONTENT_DEPS = ("ccomp",)
MIN_CONTENT_TOKENS = 3
MIN_OBJECT_TOKENS = 2


@dataclass(frozen=True)
class Attribution:
    kind: str  # indirect | according_to | belief
    rule: str
    source: Token | None
    cue_start: int
    cue_end: int
    start: int  # content span
    end: int


@lru_cache(maxsize=1)
def belief_verbs() -> frozenset[str]:
    return word_list("belief_verbs.txt")


@lru_cache(maxsize=1)
def object_content_verbs() -> frozenset[str]:
    return word_list("object_content_verbs.txt")


@lru_cache(maxsize=1)
def attribution_nouns() -> frozenset[str]:
    return word_list("attribution_nouns.txt")


def in_lexicon(tok: Token, words: frozenset[str]) -> bool:
    """Whether tok is one of `words` (lemmas). The small model's lemmatiser slips on some verbs
    ('hopes' -> 'hop'), so the surface form without a regular ending is tried too."""
    low = tok.lower_
    if tok.lemma_.lower() in words or low in words:
        return True
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("d", ""), ("ing", ""), ("ing", "e")):
        if low.endswith(suffix) and low[: -len(suffix)] + repl in words:
            return True
    return False


def subject_of(verb: Token) -> Token | None:
    """The subject of a cue verb, climbing coordinations and open complements ('X denied it and
    said ...', 'X went on to say ...'); the agent of a passive ('it was announced by X')."""
    for _ in range(4):
        for c in verb.children:
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and c.lower_ != "it"):
                return c
        agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
        if agent is not None:
            return agent
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
        else:
            return None
    return None


def _span(toks: list[Token], minimum: int = MIN_CONTENT_TOKENS) -> tuple[int, int] | None:
    """Character hull of tokens, without punctuation or spaces at the edges."""
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (toks[0].is_punct and toks[0].text not in "“\"'‘" or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct and toks[-1].text not in "”\"'’" or toks[-1].is_space):
        toks = toks[:-1]
    if len([t for t in toks if not t.is_punct]) < minimum:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _cue_span(verb: Token) -> tuple[int, int]:
    """The cue verb with its particle ('point out', 'call for')."""
    end = verb
    for c in verb.children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            end = c
    return verb.idx, end.idx + len(end)


def _same_sentence(toks, sent) -> list[Token]:
    return [t for t in toks if sent.start <= t.i < sent.end]


def rule_complement_clause(tok: Token) -> Attribution | None:
    """'X said (that) the plan failed' / 'X believes the plan failed': a speech or belief verb whose
    clausal complement is the content; the complementizer 'that' belongs to the content."""
    speech = in_lexicon(tok, lexicon().speech_verbs)
    if tok.pos_ not in ("VERB", "AUX") or not (speech or in_lexicon(tok, belief_verbs())):
        return None
    if tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl"):
        return None  # 'Asked whether ..., she said': the question is the reporter's, not hers
    comp = [c for c in tok.children if c.dep_ in CONTENT_DEPS]
    if not comp:
        return None
    side = comp[-1].i > tok.i  # 'which they believed was ...': the relative word stays out
    span = _span([t for t in _same_sentence(list(comp[-1].subtree), tok.sent) if (t.i > tok.i) == side])
    if span is None:
        return None
    return Attribution("indirect" if speech else "belief", "complement_clause", subject_of(tok), *_cue_span(tok), *span)


def rule_parenthetical(tok: Token) -> Attribution | None:
    """'The plan, he said, failed.' / 'The plan failed, officials said.': a speech verb hanging
    off the content's verb (parataxis); the content is that clause without the cue's own words."""
    if tok.pos_ != "VERB" or not in_lexicon(tok, lexicon().speech_verbs):
        return None
    if tok.dep_ not in ("parataxis", "ccomp", "advcl") or any(c.dep_ in CONTENT_DEPS for c in tok.children):
        return None
    head = tok.head
    if head.i == tok.i or head.pos_ not in ("VERB", "AUX") or head.i > tok.i and tok.dep_ != "parataxis":
        return None
    if in_lexicon(head, lexicon().speech_verbs) or in_lexicon(head, belief_verbs()):
        return None  # 'X said Y declined to comment': the head is the cue, not the content
    subj = subject_of(tok) if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) else None
    if subj is None:
        return None
    cue_sub = {t.i for t in tok.subtree}
    toks = [t for t in _same_sentence(list(head.subtree), tok.sent) if t.i not in cue_sub]
    lo, hi = min(cue_sub), max(cue_sub)
    before, after = [t for t in toks if t.i < lo], [t for t in toks if t.i > hi]
    span = _span(max(before, after, key=len))  # 'The plan, he said, failed': the source stays outside
    if span is None:
        return None
    return Attribution("indirect", "parenthetical", subj, *_cue_span(tok), *span)


def rule_according_to(tok: Token) -> Attribution | None:
    """'According to X, the plan failed': X is the source, the clause the phrase modifies is the content."""
    doc = tok.doc
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    if src is None:
        return None
    head = tok.head
    while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and head.head.i != head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    skip = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
    toks = [t for t in _same_sentence(list(head.subtree), tok.sent) if t.i not in skip]
    span = _span(toks)
    if span is None:
        return None
    return Attribution("according_to", "according_to", src, tok.idx, to.idx + len(to), *span)


def rule_intention(tok: Token) -> Attribution | None:
    """'X plans to run' / 'X vowed to fight': a belief or intention verb with a to-infinitive; the
    infinitive clause is the content."""
    belief = in_lexicon(tok, belief_verbs())
    if tok.pos_ != "VERB" or not (belief or in_lexicon(tok, lexicon().speech_verbs)):
        return None
    xcomp = next((c for c in tok.children if c.dep_ == "xcomp"
                  and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if xcomp is None or subject_of(tok) is None or any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return None  # 'X is believed to ...' hedges a fact about X; X believes nothing
    span = _span(_same_sentence(list(xcomp.subtree), tok.sent))
    if span is None:
        return None
    kind = "belief" if belief else "indirect"  # 'X urged them to ...' is speech
    return Attribution(kind, "intention", subject_of(tok), *_cue_span(tok), *span)


def rule_object_content(tok: Token) -> Attribution | None:
    """'Polls show a close race' / 'X praised the plan': for verbs whose object is what is said or
    shown (object_content_verbs.txt), the object (with a predicate complement: 'called him a liar')
    is the content."""
    if tok.pos_ != "VERB" or not in_lexicon(tok, object_content_verbs()):
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    subj = subject_of(tok)
    if obj is None or subj is None or obj.pos_ == "PRON" and obj.lower_ in ("it", "this", "that"):
        return None
    toks = list(obj.subtree) + [t for c in tok.children if c.dep_ in ("oprd", "xcomp") and c.i > obj.i for t in c.subtree]
    span = _span(_same_sentence(toks, tok.sent), minimum=MIN_OBJECT_TOKENS)
    if span is None:
        return None
    return Attribution("indirect", "object_content", subj, *_cue_span(tok), *span)


def speech_noun_owner(tok: Token) -> Token | None:
    """Who a speech noun belongs to: 'the minister's statement', 'a report by the agency'."""
    if tok.pos_ != "NOUN" or not in_lexicon(tok, attribution_nouns()):
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                      for p in c.children if p.dep_ == "pobj"), None)
    return owner


def rule_speech_noun(tok: Token) -> Attribution | None:
    """'the ministry's statement that ...' / 'his claim that ...': a speech noun with a possessor
    (or 'by X') and a that-clause."""
    if tok.pos_ != "NOUN" or not in_lexicon(tok, attribution_nouns()):
        return None
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    src = speech_noun_owner(tok)
    if src is None:
        return None
    span = _span(_same_sentence(list(clause.subtree), tok.sent))
    if span is None:
        return None
    return Attribution("indirect", "speech_noun", src, tok.idx, tok.idx + len(tok), *span)


RULES: tuple[Callable[[Token], Attribution | None], ...] = (
    rule_according_to, rule_complement_clause, rule_parenthetical, rule_intention, rule_object_content,
    rule_speech_noun)


def find_attributions(doc) -> list[Attribution]:
    """Every attribution the rules find, in text order; one per cue token (the first rule that fires)."""
    out = []
    for tok in doc:
        for rule in RULES:
            a = rule(tok)
            if a is not None:
                out.append(a)
                break
    return out
