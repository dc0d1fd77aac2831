"""Who an attribution's source is: the words naming it (span) and the entity they stand for (key).

Pronouns and definite descriptions resolve to the nearest compatible earlier name, with compatibility
read from the text itself: the pronoun already used for that person, a title (Mr, Ms), the noun a
person was introduced with ("the spokeswoman" after "spokeswoman Jane Roe"), organisation versus
person. No first-name lists."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from .context import Context
from .lexicon import lexicon
from .reported import speech_noun_owner

MASC, FEM = "m", "f"
PRONOUN_GENDER = {"he": MASC, "him": MASC, "his": MASC, "himself": MASC,
                  "she": FEM, "her": FEM, "hers": FEM, "herself": FEM}
TITLE_GENDER = {"mr": MASC, "mr.": MASC, "mrs": FEM, "mrs.": FEM, "ms": FEM, "ms.": FEM, "miss": FEM}
ORG_PRONOUNS = ("it", "its")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# a source's words keep its title and apposition ('Sen. Jane Roe, a Democrat from Ohio,') but not a
# relative clause or adverbial clause hanging off it
PHRASE_CUT = ("relcl", "advcl")


@dataclass(frozen=True)
class Source:
    key: str | None
    start: int
    end: int

    def text(self, ctx: Context) -> str:
        return ctx.text[self.start:self.end]


def source_of(ctx: Context, tok: Token) -> Source:
    """The source named by the subject token `tok`: its noun phrase and the entity it stands for."""
    start, end = phrase_span(ctx, tok)
    if tok.pos_ == "PRON":
        return Source(resolve_pronoun(ctx, tok), tok.idx, tok.idx + len(tok))
    # the name itself, or one the head noun carries: 'spokeswoman Jane Roe', 'its spokeswoman, Jane Roe,'
    m = ctx.mention_at(tok) or next((ctx.mention_at(c) for c in tok.children
                                     if c.dep_ in ("compound", "appos") and ctx.mention_at(c)), None)
    if m is not None:
        named = ctx.country_key(m.surface) if m.label == "NORP" else None
        return Source(named or ctx.key_of(m), start, end)
    return Source(describe(ctx, tok), start, end)


def phrase_span(ctx: Context, tok: Token) -> tuple[int, int]:
    """Character span of the noun phrase of `tok`: its subtree with titles and appositions, without
    relative clauses and edge punctuation ('Ali Fallahian, the former head of intelligence, who ...'
    -> 'Ali Fallahian, the former head of intelligence')."""
    cut = {c.i for c in tok.children if c.dep_ in PHRASE_CUT and c.i > tok.i}
    toks = [t for t in tok.subtree if not _cut_below(t, tok, cut)]
    if not toks:
        return tok.idx, tok.idx + len(tok)
    s, e = min(t.i for t in toks), max(t.i for t in toks)
    doc = tok.doc
    while e > s and (doc[e].is_punct or doc[e].is_space or doc[e].dep_ == "case"):  # "Jane Roe's statement"
        e -= 1
    while s < e and (doc[s].is_punct or doc[s].is_space):
        s += 1
    return doc[s].idx, doc[e].idx + len(doc[e])


def _cut_below(t: Token, top: Token, cut: set[int]) -> bool:
    """Whether t hangs under one of the cut children of `top`."""
    while t.i != top.i:
        if t.i in cut:
            return True
        t = t.head
    return False


def describe(ctx: Context, tok: Token) -> str | None:
    """Key of a source that is no name: 'the spokeswoman' -> the person introduced with that noun,
    'the ministry' -> the organisation, 'a report by the agency' -> the agency, 'a source' -> kept as
    an unnamed source."""
    lex = lexicon()
    lemma = tok.lemma_.lower()
    # "a report by the BfV", "the agency's report": the author of a document is its source
    owner = speech_noun_owner(tok)
    if owner is not None:
        key = source_of(ctx, owner).key
        if key is not None:
            return key
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        k = earlier_owner(ctx, tok) or definite_person(ctx, tok)
        if k:
            return k
    key = ctx.arg_key(tok, allow_source=True)
    if key is not None:
        return key
    named = [m for m in map(ctx.mention_at, tok.subtree) if m is not None and m.label in ("PERSON", "ORG")]
    if named:
        return ctx.key_of(named[0])
    # "a TV network named Report TV": a proper name NER missed, inside the speaker's phrase
    for t in tok.subtree:
        if t.dep_ in ("oprd", "attr", "appos") and t.pos_ == "PROPN" and t.head.lemma_ in ("name", "call", "know"):
            toks = sorted(t.subtree, key=lambda x: x.i)
            return ctx.source_key(ctx.text[toks[0].idx:toks[-1].idx + len(toks[-1])], label="ORG")
    if lemma in ("statement", "report", "communique", "release", "letter"):
        return ctx.pronoun_key("it", tok.idx)  # 'a statement said': the last organisation
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    phrase = ctx.text[slice(*phrase_span(ctx, tok))]
    label = "ORG" if tok.pos_ == "PROPN" else "SOURCE"
    return ctx.source_key(re.sub(r"^(the|a|an)\s+", "", phrase, flags=re.I), label=label) if lemma not in lex.hedges else None


def earlier_owner(ctx: Context, tok: Token) -> str | None:
    """'the report warns ...' after 'a report by the agency': the author of the last such report."""
    lemma = tok.lemma_.lower()
    for t in reversed(ctx.doc[max(0, tok.i - 600):tok.i]):
        if t.lemma_.lower() == lemma:
            owner = speech_noun_owner(t)
            if owner is not None:
                return source_of(ctx, owner).key
    return None


def definite_person(ctx: Context, tok: Token) -> str | None:
    """'the spokeswoman' -> the nearest earlier person named with that noun as title or apposition
    ('spokeswoman Jane Roe', 'Jane Roe, the government's spokeswoman')."""
    noun = tok.lemma_.lower()
    for m in sorted(ctx.mentions, key=lambda m: -m.start):
        if m.end > tok.idx or ctx.label_of_root[m.root] != "PERSON":  # type: ignore[attr-defined]
            continue
        head = ctx.doc[m.tok_end - 1]
        near = [t for t in ctx.doc[max(0, m.tok_start - 3):m.tok_start]] + [head.head] + \
               [c for c in head.children if c.dep_ == "appos"]
        if any(t.lemma_.lower() == noun and t.i != tok.i for t in near):
            return ctx.key_of(m)
    return None


def _gender_evidence(ctx: Context) -> dict[str, list[tuple[int, str]]]:
    """(offset, gender) evidence per person entity as the text shows it: a title before a mention
    (Mr, Ms), or a personal pronoun that follows a mention with no other person in between."""
    cached = getattr(ctx, "_cg_genders", None)
    if cached is not None:
        return cached
    out: dict[str, list[tuple[int, str]]] = {}
    persons = sorted((m for m in ctx.mentions if ctx.label_of_root[m.root] == "PERSON"), key=lambda m: m.start)  # type: ignore[attr-defined]
    for m in persons:
        before = ctx.doc[m.tok_start - 1].lower_ if m.tok_start else ""
        if before in TITLE_GENDER:
            out.setdefault(ctx.key_of(m), []).append((m.start, TITLE_GENDER[before]))
    i = 0
    last = None
    for tok in ctx.doc:
        while i < len(persons) and persons[i].start <= tok.idx:
            last, i = persons[i], i + 1
        g = PRONOUN_GENDER.get(tok.lower_)
        if g and last is not None and tok.i - last.tok_start < 60:
            out.setdefault(ctx.key_of(last), []).append((tok.idx, g))
    ctx._cg_genders = out  # type: ignore[attr-defined]
    return out


def gender_before(ctx: Context, key: str, idx: int) -> str | None:
    """The gender the text gave a person before offset idx (the first evidence wins), or None."""
    return next((g for at, g in _gender_evidence(ctx).get(key, []) if at < idx), None)


def resolve_pronoun(ctx: Context, pron: Token) -> str | None:
    """he/she -> the nearest earlier person compatible with it (the text has not shown the other
    gender for them), among the last few: a main-clause subject first, else the nearest. Subjects
    inside reported content ('X told them that Y had left') are not the ones a later 'she said'
    continues. it -> organisation or state; others -> None."""
    low = pron.lower_
    g = PRONOUN_GENDER.get(low)
    if g is None:
        return ctx.pronoun_key(low, pron.idx) if low in ORG_PRONOUNS else None
    recent = []
    for m in sorted(ctx.mentions, key=lambda m: -m.start):
        if m.end <= pron.idx and ctx.label_of_root[m.root] == "PERSON":  # type: ignore[attr-defined]
            if gender_before(ctx, ctx.key_of(m), pron.idx) in (None, g):
                recent.append(m)
        if len(recent) >= 6:
            break
    for m in recent:
        if _is_main_subject(ctx.doc[m.tok_end - 1]):
            return ctx.key_of(m)
    return ctx.key_of(recent[0]) if recent else None


def _is_main_subject(t: Token) -> bool:
    """A subject (itself, or as apposition or compound: 'Its chairwoman, Jane Roe,') of a main
    clause, not of a clause reported or subordinated inside another."""
    for _ in range(3):
        if t.dep_ in SUBJECT_DEPS:
            verb = t.head
            while verb.dep_ == "conj" and verb.head.i != verb.i:
                verb = verb.head
            return verb.dep_ in ("ROOT", "parataxis")
        if t.dep_ not in ("appos", "compound", "flat"):
            return False
        t = t.head
    return False
