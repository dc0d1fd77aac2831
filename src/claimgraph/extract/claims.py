"""Event claims from trigger lexicons over the dependency parse, verbal ("Albania expelled X",
"was arrested by") and nominal ("the expulsion of two Iranian diplomats"), with agent and patient
mapped to subject and object, and for each piece of evidence its modality, attribution and time."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .. import EXTRACTOR
from ..model import ClaimRecord, Evidence, QuoteOccurrence
from .context import Context
from .lexicon import lexicon

LIGHT_VERBS = {"coordinate", "carry", "launch", "conduct", "organise", "organize", "mount", "plan", "prepare", "stage",
               "attempt", "try", "orchestrate", "commit", "perpetrate", "impose", "order", "announce", "decide",
               "approve", "confirm"}
RAISING_VERBS = {"believe", "say", "think", "expect", "report", "allege", "suspect", "suppose", "understand", "know", "claim"}
OBJECT_PREPS = {"attack": ("against", "on", "at"), "plot": ("against", "on"), "threaten": ("against", "to"),
                "accuse": ("of",), "call_for": ("for",), "relocate": ("to", "in"), "visit": (), "meet": ("with",),
                "monitor": ("on",), "sanction": ("on", "against")}
NOUN_OBJECT_PREPS = ("of", "against", "on", "at", "with", "to")
ATTRIBUTION_VERBS = {"say", "tell", "report", "reveal", "claim", "announce", "state", "allege", "believe", "write",
                     "declare", "add", "confirm", "insist", "warn", "explain", "note", "accuse", "argue"}


def trigger_predicate(tok: Token) -> str | None:
    lex = lexicon()
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "aux", "auxpass"):
        for ch in tok.children:
            if ch.dep_ in ("prt", "prep"):
                ph = lex.phrasal.get(f"{lemma} {ch.lower_}")
                if ph:
                    return ph
        if lemma in lex.passive_only and not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            return None  # "held a rally" is no detention; "were held" is
        return lex.verbs.get(lemma)
    if tok.pos_ == "NOUN":
        return lex.nouns.get(lemma)
    return None


def extract_claims(ctx: Context, quotes: list[QuoteOccurrence]) -> list[ClaimRecord]:
    out: list[ClaimRecord] = []
    for sent in ctx.doc.sents:
        for tok in sent:
            pred = trigger_predicate(tok)
            if pred is None:
                continue
            for subj, obj, value in _arguments(ctx, tok, pred):
                out.append(_record(ctx, sent, tok, pred, subj, obj, value, quotes))
    return out


def _arguments(ctx: Context, tok: Token, pred: str) -> list[tuple[str, str | None, str | None]]:
    if tok.pos_ == "VERB":
        subj, objs = _verbal_args(ctx, tok, pred)
    else:
        subj, objs = _nominal_args(ctx, tok, pred)
    if subj is None:
        return []
    if pred == "relocate" and not any(k for k, _ in objs):
        return []  # "moved" or "settled" without a place says nothing about where
    keys = [(k, v) for k, v in objs if k != subj] or [(None, v) for _, v in objs[:1]] or [(None, None)]
    return [(subj, k, v if k is None else None) for k, v in keys]


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _with_conj(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_with_conj(c))
    return out


def _obj_entries(ctx: Context, toks: list[Token]) -> list[tuple[str | None, str | None]]:
    out = []
    lex = lexicon()
    # "plotted an attack on the MEK": the target of the planned event is the object
    toks = [next((p for pr in _children(t, "prep") if pr.lower_ in ("on", "against") for p in _children(pr, "pobj")), t)
            if t.lemma_.lower() in lex.nouns and lex.nouns[t.lemma_.lower()] in ("attack", "plot", "kill") else t
            for t in toks]
    for t in toks:
        if t.ent_type_ in ("DATE", "TIME", "CARDINAL") or t.like_num or t.pos_ in ("PRON", "DET") and ctx.arg_key(t) is None:
            continue  # "settled in 2016": a time, not a destination; "what": no argument at all
        # "expelled X, the ambassador, and Y, the head of ..." -- Y hangs off X's appositive
        extra = [c for ap in t.children if ap.dep_ == "appos" for c in ap.children if c.dep_ == "conj"]
        for x in _with_conj(t) + extra:
            out.append((ctx.arg_key(x), ctx.np_text(x) if len(ctx.np_text(x).split()) <= 10 else None))
    return out


def _verbal_args(ctx: Context, tok: Token, pred: str):
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    subj = None
    objs: list[Token] = []
    if passive:
        for agent in _children(tok, "agent"):
            for p in _children(agent, "pobj"):
                subj = ctx.arg_key(p, allow_source=True)
        objs = _children(tok, "nsubjpass")
    else:
        for s in _children(tok, "nsubj"):
            subj = ctx.arg_key(s, allow_source=True)
        objs = _children(tok, "dobj")
    if subj is None and not passive:
        head = tok
        for _ in range(3):
            if head.dep_ in ("xcomp", "conj", "advcl") and head.head.i != head.i:
                head = head.head
                # "Iran is believed to have plotted": the raised subject of a passive report verb
                s = _children(head, "nsubj") or (_children(head, "nsubjpass") if head.lemma_.lower() in RAISING_VERBS else [])
                if s:
                    subj = ctx.arg_key(s[0], allow_source=True)
                    break
            elif head.dep_ == "relcl":
                subj = ctx.arg_key(head.head)
                break
            else:
                break
    preps = OBJECT_PREPS.get(pred, ())
    if pred == "relocate":
        objs = [p for pr in _children(tok, "prep") if pr.lower_ in preps for p in _children(pr, "pobj")]
        mover = _children(tok, "nsubjpass") if passive else _children(tok, "nsubj")
        if mover and subj is None:
            subj = ctx.arg_key(mover[0])
    elif not objs:
        objs = [p for pr in _children(tok, "prep") if pr.lower_ in preps for p in _children(pr, "pobj")]
    # "tried to attack the MEK" -- the object may sit on an xcomp child ("planned to detonate a bomb at X")
    if not objs and pred == "plot":
        for x in _children(tok, "xcomp"):
            objs = _children(x, "dobj") + [p for pr in _children(x, "prep") if pr.lower_ in ("against", "at", "on")
                                           for p in _children(pr, "pobj")]
            objs = [o for o in objs if ctx.arg_key(o)] or objs
    return subj, _obj_entries(ctx, objs)


def _nominal_args(ctx: Context, tok: Token, pred: str):
    lex = lexicon()
    subj = None
    for c in tok.children:
        if c.dep_ == "poss":
            subj = ctx.arg_key(c)
        elif c.dep_ in ("amod", "compound", "nmod") and subj is None:
            m = ctx.mention_at(c)
            if m is not None:
                subj = ctx.country_key(m.surface) if m.label == "NORP" else ctx.key_of(m)
            elif c.lower_ in lex.country_of:
                subj = ctx.country_key(c.text)
            elif "-" in c.text or c.text.endswith(("controlled", "backed", "sponsored")):
                for sub in c.subtree:
                    sm = ctx.mention_at(sub)
                    if sm is not None:
                        subj = ctx.key_of(sm)
                        break
        elif c.dep_ == "prep" and c.lower_ == "by":
            for p in _children(c, "pobj"):
                subj = ctx.arg_key(p, allow_source=True) or subj
    objs = [p for pr in _children(tok, "prep") if pr.lower_ in NOUN_OBJECT_PREPS for p in _children(pr, "pobj")]
    if subj is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.denials and pred not in ("accuse", "deny"):
        # "Iranian officials denied any plot": the denier is the one said not to have plotted
        s = _children(tok.head, "nsubj")
        subj = ctx.arg_key(s[0]) if s else None
    if subj is None and tok.dep_ in ("dobj", "pobj") and tok.head.lemma_.lower() in LIGHT_VERBS:
        verb = tok.head
        for _ in range(3):
            s = _children(verb, "nsubj")
            if s:
                subj = ctx.arg_key(s[0])
                break
            if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
    if tok.lemma_.lower() in ("refuge", "asylum") and tok.dep_ == "dobj":
        mover = _children(tok.head, "nsubjpass") or _children(tok.head, "dative")
        subj = ctx.arg_key(mover[0]) if mover else None
        objs = [p for pr in _children(tok.head, "prep") + _children(tok, "prep") if pr.lower_ in ("in", "to")
                for p in _children(pr, "pobj")]
    if pred in ("plot", "attack") and not objs:
        for x in _children(tok, "acl", "relcl"):
            objs = _children(x, "dobj") + [p for pr in _children(x, "prep") if pr.lower_ in ("against", "on", "at")
                                           for p in _children(pr, "pobj")]
    return subj, _obj_entries(ctx, objs)


def _clause_tokens(tok: Token) -> list[Token]:
    """Ancestors of tok up to the sentence root."""
    out = []
    t = tok
    while t.head.i != t.i:
        t = t.head
        out.append(t)
    return out


def _modality(ctx: Context, tok: Token) -> tuple[str, Token | None]:
    lex = lexicon()
    ancestors = _clause_tokens(tok)
    for a in ancestors:
        if a.lemma_.lower() in lex.denials and a.pos_ == "VERB":
            return "denied", a
    if any(c.dep_ == "neg" for c in tok.children) or any(c.lower_ in ("no", "never") and c.dep_ in ("det", "neg", "advmod")
                                                          for c in tok.children):
        return "negated", None
    near = list(tok.children) + ancestors[:3] + [c for a in ancestors[:3] for c in a.children if c.dep_ in ("advmod", "aux", "amod")]
    if any(t.lower_ in lex.hedges or t.lemma_.lower() in lex.hedges for t in near):
        return "hedged", None
    return "asserted", None


def _attribution(ctx: Context, tok: Token, sent: Span, denier: Token | None, quotes: list[QuoteOccurrence]) -> tuple[str | None, str | None]:
    for q in quotes:
        if q.start <= tok.idx < q.end:
            return q.speaker_key, q.id
    if denier is not None:
        s = _children(denier, "nsubj")
        if s:
            return ctx.arg_key(s[0], allow_source=True), None
    for a in _clause_tokens(tok):
        if a.lemma_.lower() in ATTRIBUTION_VERBS and a.pos_ == "VERB" and a.i != tok.i:
            s = _children(a, "nsubj")
            if s:
                k = ctx.arg_key(s[0], allow_source=True)
                if k:
                    return k, None
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(ctx.doc) and ctx.doc[t.i + 1].lower_ == "to":
            for p in _children(ctx.doc[t.i + 1], "pobj"):
                k = ctx.arg_key(p, allow_source=True) or ctx.source_key(ctx.np_text(p))
                return k, None
    return None, None


def _time(ctx: Context, tok: Token, sent: Span) -> str | None:
    """A time expression in the trigger's own phrase first, then anywhere in its sentence."""
    times = ctx.sentence_times(sent)
    s0 = min(t.idx for t in tok.subtree)
    e0 = max(t.idx + len(t) for t in tok.subtree)
    for start, value in times:
        if s0 <= start < e0:
            return value
    return times[0][1] if times else None


def _place(ctx: Context, tok: Token) -> str | None:
    """A place in a locative phrase of the trigger, or of its agent ('arrested by police in Tirana')."""
    heads = [tok] + [p for a in _children(tok, "agent") for p in _children(a, "pobj")] + _children(tok, "dobj", "nsubjpass")
    for pr in [c for h in heads for c in _children(h, "prep")]:
        if pr.lower_ in ("in", "at", "near"):
            for p in _children(pr, "pobj"):
                m = ctx.mention_at(p)
                if m is not None and m.label in ("GPE", "LOC", "FAC"):
                    return ctx.key_of(m)
    return None


def _record(ctx: Context, sent: Span, tok: Token, pred: str, subj: str, obj: str | None, value: str | None,
            quotes: list[QuoteOccurrence]) -> ClaimRecord:
    modality, denier = _modality(ctx, tok)
    attributed, quote_id = _attribution(ctx, tok, sent, denier, quotes)
    s, e = ctx.evidence_span(tok)
    ev = Evidence(doc=ctx.document.id, start=s, end=e, text=ctx.text[s:e], modality=modality, attributed_to=attributed,
                  extractor=EXTRACTOR, quote=quote_id)
    place = _place(ctx, tok) if pred != "relocate" else None
    return ClaimRecord(subject=subj, predicate=pred, object=obj, value=value, time=_time(ctx, tok, sent), place=place,
                       evidence=ev, trigger=tok.text)
