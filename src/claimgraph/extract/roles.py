"""Roles and relations said of entities: appositives ("Gholamhossein Mohammadnia, the Iranian
ambassador"), title pre-modifiers ("MEK legal adviser Behzad Saffari"), "X is part of Y",
"Y includes X", "Paris-based X". Each yields a Description and/or a ClaimRecord."""

from __future__ import annotations

import re

from spacy.tokens import Token

from .. import EXTRACTOR
from ..model import ClaimRecord, Description, Evidence
from .lexicon import word_list
from .context import Context
from .entities import M
from .lexicon import lexicon

NATIONAL_ROLES = word_list("national_roles.txt")  # offices of a state: default to the dateline country


def _is_role(tok: Token) -> bool:
    roles = lexicon().roles
    return tok.lower_ in roles or tok.lemma_.lower() in roles


def _claim(ctx: Context, m: M, pred: str, obj: str | None, value: str | None) -> ClaimRecord:
    s, e = ctx.evidence_span(ctx.doc[m.tok_start])
    ev = Evidence(doc=ctx.document.id, start=s, end=e, text=ctx.text[s:e], modality="asserted", attributed_to=None,
                  extractor=EXTRACTOR)
    return ClaimRecord(subject=ctx.key_of(m), predicate=pred, object=obj, value=value, time=None, place=None, evidence=ev,
                       trigger=value or pred)


def _object_of(ctx: Context, toks: list[Token]) -> str | None:
    """An organisation or state among the role's modifiers: mention, possessor, demonym."""
    for t in toks:
        m = ctx.mention_at(t)
        if m is not None and m.label in ("ORG", "GPE", "NORP", "LOC"):
            return ctx.country_key(m.surface) if m.label == "NORP" else ctx.key_of(m)
        if t.lower_ in lexicon().country_of and t.pos_ in ("ADJ", "PROPN", "NOUN"):
            return ctx.country_key(t.text)
    for t in toks:
        k = ctx.arg_key(t) if t.pos_ in ("NOUN", "PROPN") else None
        if k and not k.startswith(("PERSON:", "SOURCE:")):
            return k
    return None


def _role_phrase(ctx: Context, head: Token) -> tuple[str, str | None]:
    """Value and object of one role noun: 'head of the Iranian regime's intelligence station'."""
    left = [c for c in head.lefts if c.dep_ in ("amod", "compound") and ctx.mention_at(c) is None
            and c.lower_ not in lexicon().country_of]
    words = [t for t in left] + [head]
    obj = _object_of(ctx, [c for c in head.lefts if c.dep_ in ("amod", "compound", "poss", "nmod")])
    for pr in head.children:
        if pr.dep_ != "prep" or pr.lower_ not in ("of", "for", "in", "at", "with", "to"):
            continue
        for p in pr.children:
            if p.dep_ != "pobj":
                continue
            k = _object_of(ctx, [p] + [c for c in p.children if c.dep_ in ("poss", "compound", "amod")])
            if ctx.mention_at(p) is not None or (k and pr.lower_ != "of"):
                obj = obj or k
            elif pr.lower_ == "of":
                # the of-phrase is part of the role ('head of the ... intelligence station'), its
                # locative tail ('in the country') is not
                cut = [t for t in p.subtree if all(a.dep_ != "prep" or a.head.i != p.i or a.lower_ not in ("in", "at")
                                                   for a in [t] + list(t.ancestors)[:2])]
                if len(cut) <= 6:
                    words += [pr] + sorted(cut, key=lambda t: t.i)
                obj = obj or k
    words = sorted(set(words), key=lambda t: t.i)
    value = " ".join(t.text for t in words)
    value = re.sub(r"^(the|a|an)\s+", "", value, flags=re.I).replace(" ’s", "’s").replace(" 's", "'s")
    return value.lower(), obj


def _title_tokens(ctx: Context, m: M) -> list[Token]:
    """The run of tokens right before a person's name that forms a title: role nouns, their
    modifiers, capitalised title words, the organisation or country they belong to."""
    doc = ctx.doc
    countries = lexicon().country_of
    left: list[Token] = []
    k = m.tok_start - 1
    stop = doc[m.tok_start].sent.start
    while k >= stop:
        t = doc[k]
        tm = ctx.mention_at(t)
        if t.is_punct or t.pos_ in ("DET", "VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ", "NUM", "PART") \
                or (tm is not None and tm.label == "PERSON"):
            break
        inside = {x.i for x in left} | set(range(m.tok_start, m.tok_end))
        modifier = t.dep_ in ("compound", "amod", "nmod") and t.head.i in inside
        if _is_role(t) or t.lower_ in ("former", "deputy", "acting") or modifier or t.text[:1].isupper() \
                or (tm is not None and tm.label in ("ORG", "NORP", "GPE")) or t.lower_ in countries:
            left.insert(0, t)
            k -= 1
        else:
            break
    while left and not _is_role(left[-1]):
        left.pop()
    return left


def extract_roles(ctx: Context) -> tuple[list[Description], list[ClaimRecord]]:
    descs: list[Description] = []
    claims: list[ClaimRecord] = []
    doc = ctx.doc
    for m in ctx.mentions:
        if m.label != "PERSON":
            continue
        # titles before the name: "MEK legal adviser Behzad Saffari", "General Police Director Ardi Veliu"
        left = _title_tokens(ctx, m)
        if left and any(_is_role(t) for t in left):
            ent_toks = [t for t in left if ctx.mention_at(t) is not None or t.lower_ in lexicon().country_of]
            role_toks = [t for t in left if t not in ent_toks]
            value = " ".join(t.lower_ for t in role_toks).strip()
            obj = _object_of(ctx, ent_toks) if ent_toks else None
            if obj is None and any(r in value for r in NATIONAL_ROLES):
                obj = ctx.national_default()
            text = doc[left[0].i: left[-1].i + 1]
            descs.append(Description(ctx.document.id, ctx.key_of(m), text.text, text.start_char, text.end_char))
            if value:
                claims.append(_claim(ctx, m, "holds_role", obj, value))
        # appositives: "X, the Iranian ambassador," -- including conjoined roles
        head = doc[m.tok_end - 1]
        for ap in [c for c in head.children if c.dep_ == "appos"] + \
                  [c for c in doc[m.tok_start:m.tok_end] for c in c.children if c.dep_ == "appos" and c.i >= m.tok_end]:
            if ctx.mention_at(ap) is not None and ctx.mention_at(ap).label == "PERSON":
                continue
            span_toks = [t for t in ap.subtree if not any(a.dep_ == "relcl" for a in [t])]
            s, e = min(t.i for t in span_toks), max(t.i for t in span_toks) + 1
            while e > s and doc[e - 1].is_punct:
                e -= 1
            span = doc[s:e]
            if not span.text.strip():
                continue
            descs.append(Description(ctx.document.id, ctx.key_of(m), span.text, span.start_char, span.end_char))
            for role_tok in [ap] + [c for c in ap.subtree if c.dep_ == "conj" and c.head.i != m.tok_end - 1]:
                if not (_is_role(role_tok) or role_tok.lemma_.lower() in ("figure", "member", "founder")):
                    continue
                value, obj = _role_phrase(ctx, role_tok)
                claims.append(_claim(ctx, m, "holds_role", obj, value))
                if role_tok.lemma_.lower() == "member" and obj:
                    claims.append(_claim(ctx, m, "member_of", obj, None))
    claims.extend(_relations(ctx))
    unique = {(d.key, d.start, d.end): d for d in descs}
    return list(unique.values()), claims


def _relations(ctx: Context) -> list[ClaimRecord]:
    """X is part of Y / Y includes X / X-based."""
    out = []
    doc = ctx.doc
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma == "include" and tok.pos_ == "VERB":
            whole = None
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if subj and subj[0].lower_ not in ("that", "which", "who"):
                whole = ctx.arg_key(subj[0])
            elif tok.dep_ == "relcl":
                whole = _np_owner(ctx, tok.head)
            for o in [c for c in tok.children if c.dep_ == "dobj"]:
                for x in [o] + [c for c in o.children if c.dep_ == "conj"]:
                    part = ctx.arg_key(x)
                    m = ctx.mention_at(x)
                    if whole and part and m is not None and part != whole:
                        out.append(_claim(ctx, m, "member_of" if m.label == "PERSON" else "part_of", whole, None))
        elif lemma == "part" and tok.dep_ in ("attr", "appos"):
            of = [p for pr in tok.children if pr.dep_ == "prep" and pr.lower_ == "of" for p in pr.children if p.dep_ == "pobj"]
            subj = [c for c in tok.head.children if c.dep_ == "nsubj"] if tok.dep_ == "attr" else [tok.head]
            if of and subj:
                whole, m = ctx.arg_key(of[0]), ctx.mention_at(subj[0])
                if whole and m is not None and ctx.key_of(m) != whole:
                    out.append(_claim(ctx, m, "part_of", whole, None))
    for mt in re.finditer(r"\b([A-Z][\w.]+(?: [A-Z][\w.]+)?)-based\s+", ctx.text):
        place = ctx.country_key(mt.group(1))
        pm = next((m for m in ctx.mentions if m.start <= mt.start(1) < m.end), None)
        place = ctx.key_of(pm) if pm is not None else place
        target = next((m for m in sorted(ctx.mentions, key=lambda m: m.start) if mt.end() <= m.start <= mt.end() + 40), None)
        if place and target is not None and target.label in ("PERSON", "ORG"):
            out.append(_claim(ctx, target, "located_in", place, None))
    return out


def _np_owner(ctx: Context, noun: Token) -> str | None:
    """The entity a descriptive noun phrase is predicated of: 'The NCRI is an umbrella bloc of ... that includes'."""
    t = noun
    for _ in range(4):
        k = ctx.arg_key(t)
        if k:
            return k
        if t.dep_ == "attr":
            subj = [c for c in t.head.children if c.dep_ == "nsubj"]
            return ctx.arg_key(subj[0]) if subj else None
        if t.dep_ in ("pobj", "prep", "compound") and t.head.i != t.i:
            t = t.head
        else:
            return None
    return None
