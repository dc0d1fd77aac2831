"""Direct quotes and their speakers.

Marks are paired per paragraph with a tolerant scanner: straight, curly and mismatched marks all
open or close by position, and an unclosed quote runs to the paragraph's end instead of making the
whole document give up. The speaker comes from a reporting verb outside the quote in the same
sentence (either side), the previous sentence's reporter ("X revealed that ..." followed by a quote),
or the previous quote's speaker for a continuation; otherwise it is None, never a guess.

Attributions without marks (indirect speech, "according to", stated beliefs) come from the rules in
reported.py and join the direct quotes here: an attribution whose content a direct quote already
covers is that quote; one that holds a short quoted fragment is `mixed` and replaces the fragment.
Sources are resolved in sources.py; the said-on date is a time expression governed by the cue."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from spacy.tokens import Token

from .. import EXTRACTOR
from ..dates import find_times
from ..model import QuoteOccurrence
from ..quotemarks import quote_spans
from .context import Context
from .lexicon import lexicon
from .reported import VERSION as REPORTED_VERSION
from .reported import Attribution, find_attributions, in_lexicon, speech_noun_owner, subject_of
from .sources import source_of

MIN_FRAME_WORDS = 2  # reported words around a quote that make the whole attribution `mixed`
FLOATING_REACH = 400  # characters after the previous quote within which an uncued quote continues it


def extract_quotes(ctx: Context) -> list[QuoteOccurrence]:
    """Direct quotes and reported attributions of one document, in text order."""
    return merge(ctx, direct_quotes(ctx), find_attributions(ctx.doc))


def merge(ctx: Context, direct: list[QuoteOccurrence], reported: list[Attribution]) -> list[QuoteOccurrence]:
    """A reported attribution overlapping a direct quote is dropped unless the quote is a fragment
    inside its content, which makes it `mixed` and replaces the fragment."""
    out = list(direct)
    for a in reported:
        hit = [q for q in out if q.start < a.end and a.start < q.end]
        if any(q.kind != "direct" or not _fragment(ctx.text, q, a) for q in hit):
            continue
        occ = _occurrence(ctx, a, "mixed" if hit else a.kind)
        if hit and occ.speaker_key is None:
            continue
        out = [q for q in out if q not in hit] + [occ]
    return sorted(out, key=lambda q: (q.start, q.end))


def _fragment(text: str, q: QuoteOccurrence, a: Attribution) -> bool:
    """Whether quote q is a quoted fragment of reported content a ('X said the plan was “a waste”'):
    inside it, with reported words of its own around it beyond a complementizer."""
    if not (a.start <= q.start and q.end <= a.end):
        return False
    outside = (text[a.start:q.start] + " " + text[q.end:a.end]).split()
    words = [w for w in outside if any(ch.isalnum() for ch in w) and w.lower() != "that"]
    return len(words) >= MIN_FRAME_WORDS


def _occurrence(ctx: Context, a: Attribution, kind: str) -> QuoteOccurrence:
    src = source_of(ctx, a.source) if a.source is not None else None
    cue = ctx.text[a.cue_start:a.cue_end]
    return QuoteOccurrence(doc=ctx.document.id, start=a.start, end=a.end, text=ctx.text[a.start:a.end], cue=cue,
                           speaker_key=src.key if src else None, speaker_text=src.text(ctx) if src else None,
                           speaker_start=src.start if src else None, speaker_end=src.end if src else None,
                           said_on=governed_time(ctx, a.cue_start, (a.start, a.end), a.source),
                           extractor=f"{EXTRACTOR} {REPORTED_VERSION}:{a.rule}", kind=kind, cue_start=a.cue_start,
                           cue_end=a.cue_end)


def direct_quotes(ctx: Context) -> list[QuoteOccurrence]:
    """Quotations in marks, each with the speaker of its cue, the previous reporter or the previous quote."""
    doc, text = ctx.doc, ctx.text
    lex = lexicon()
    out: list[QuoteOccurrence] = []
    last: QuoteOccurrence | None = None
    all_sents = list(doc.sents)
    starts = [s.start_char for s in all_sents]
    for qs, qe in quote_spans(text):
        first = max(0, bisect_right(starts, qs - 1) - 1)  # sentences overlapping the quote and its marks
        sents = [s for s in all_sents[first:bisect_right(starts, qe)] if s.end_char > qs - 1]
        if not sents:
            continue
        cue_tok, speaker_tok = _cue(_frame(ctx, sents, qs, qe), lex, qs, qe)
        cue = cue_start = cue_end = None
        if cue_tok is not None:
            cue_start = cue_tok.idx
            cue_end = _cue_end(ctx, cue_tok)
            cue = text[cue_start:cue_end]
        key, s_text, s_start, s_end = _credit(ctx, cue_tok, speaker_tok, sents[0], last, qs)
        said_on = _said_on(ctx, qe) or (governed_time(ctx, cue_tok.idx, (qs, qe), speaker_tok) if cue_tok is not None else None)
        occ = QuoteOccurrence(doc=ctx.document.id, start=qs, end=qe, text=text[qs:qe], cue=cue, speaker_key=key,
                              speaker_text=s_text, speaker_start=s_start, speaker_end=s_end, said_on=said_on,
                              extractor=EXTRACTOR, kind="direct", cue_start=cue_start, cue_end=cue_end)
        out.append(occ)
        last = occ
    return out


def _frame(ctx: Context, sents: list, qs: int, qe: int) -> list[Token]:
    """The words around a quotation that may attribute it: its sentences outside the marks, within its
    own paragraph (spaCy sentences may run across paragraphs), plus a short tail sentence when the
    parser split '“...,” Veliu said.' after the closing mark."""
    doc, text = ctx.doc, ctx.text
    p0 = text.rfind("\n", 0, qs) + 1
    p1 = text.find("\n", qe)
    p1 = len(text) if p1 < 0 else p1
    frame = [t for s in sents for t in s if not (qs - 1 <= t.idx < qe + 1) and p0 <= t.idx < p1]
    nxt = doc[sents[-1].end].sent if sents[-1].end < len(doc) else None
    if nxt is not None and len(nxt) <= 8 and nxt.start_char < p1 and text[qe:nxt.start_char].strip(" ,”\"»") == "":
        frame += [t for t in nxt if t.idx < p1]
    return frame


def _cue_end(ctx: Context, cue_tok: Token) -> int:
    """End of the cue words: 'according to' is two tokens."""
    if cue_tok.lower_ == "according" and cue_tok.i + 1 < len(ctx.doc):
        nxt = ctx.doc[cue_tok.i + 1]
        return nxt.idx + len(nxt)
    return cue_tok.idx + len(cue_tok)


def _credit(ctx: Context, cue_tok: Token | None, speaker_tok: Token | None, sent, last: QuoteOccurrence | None,
            qs: int) -> tuple[str | None, str | None, int | None, int | None]:
    """(key, words, start, end) of who a direct quote is credited to: the cue's subject ('he' after
    'X revealed that ...' is X); with no cue, the previous sentence's reporter, else the previous
    quote's speaker close before (a floating quote); else nobody."""
    if cue_tok is not None:
        if speaker_tok is None:
            return None, None, None, None
        src = source_of(ctx, speaker_tok)
        key = (_reporter_for_pronoun(ctx, speaker_tok, sent) or src.key) if speaker_tok.pos_ == "PRON" else src.key
        return key, src.text(ctx), src.start, src.end
    prev = _previous_reporter(ctx, sent, lexicon())
    if prev is not None:
        src = source_of(ctx, prev)
        return src.key, src.text(ctx), src.start, src.end
    if last is not None and last.speaker_key and 0 <= qs - last.end < FLOATING_REACH:
        return last.speaker_key, last.speaker_text, None, None
    return None, None, None, None


def _cue(frame: list[Token], lex, qs: int, qe: int) -> tuple[Token | None, Token | None]:
    best = None
    for t in frame:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            obj = next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
            cand = (t, obj)
        elif t.pos_ in ("VERB", "AUX") and in_lexicon(t, lex.speech_verbs):
            cand = (t, subject_of(t))
        elif speech_noun_owner(t) is not None:
            cand = (t, speech_noun_owner(t))
        else:
            continue
        dist = min(abs(t.idx - qs), abs(t.idx - qe))
        if best is None or dist < best[0]:
            best = (dist, cand)
    return best[1] if best else (None, None)


def _reporter_for_pronoun(ctx: Context, pron: Token, sent) -> str | None:
    """'it said' / 'he said' right after 'X revealed that ...': the pronoun is that reporter when the
    kinds agree (it -> organisation or state, he/she -> person)."""
    prev = _previous_reporter(ctx, sent, lexicon())
    if prev is None:
        return None
    key = source_of(ctx, prev).key
    if key is None:
        return None
    kind = key.split(":", 1)[0]
    want = ("PERSON",) if pron.lower_ in ("he", "she") else ("ORG", "GPE", "NORP") if pron.lower_ == "it" else ()
    return key if kind in want else None


def _previous_reporter(ctx: Context, sent, lex) -> Token | None:
    """'Report TV revealed that ... .' followed by a quote with no cue of its own."""
    if sent.start == 0:
        return None
    prev = ctx.doc[sent.start - 1].sent
    for t in prev:
        if t.pos_ == "VERB" and in_lexicon(t, lex.speech_verbs):
            subj = subject_of(t)
            if subj is not None and (ctx.arg_key(subj) is not None or any(x.pos_ == "PROPN" for x in subj.subtree)):
                return subj
    return None


def _said_on(ctx: Context, qe: int) -> str | None:
    """'“...” (Monday)': a date in brackets right after the closing mark."""
    m = re.match(r"[”\"»]?\s*\(([^)]{4,30})\)", ctx.text[qe:qe + 40])
    if m:
        times = find_times(m.group(1), ctx.document.published)
        if times and times[0].value:
            return times[0].value
    return None


TIME_PATH = ("npadvmod", "advmod", "tmod", "prep", "pobj", "dobj", "compound", "amod", "nummod", "det", "quantmod")


def _cue_phrase(verb: Token, depth: int = 3) -> list[Token]:
    """Tokens the cue governs through short modifier paths ('said on Tuesday', 'told reporters on
    Monday'), never through an apposition or clause ('..., the group that has lived there since 2017')."""
    out = []
    for c in verb.children:
        if c.dep_ in TIME_PATH:
            out.append(c)
            if depth > 1:
                out += _cue_phrase(c, depth - 1)
    return out


def governed_time(ctx: Context, cue_at: int, content: tuple[int, int], source: Token | None) -> str | None:
    """The date of 'said on Tuesday' / 'told reporters on Monday': a time expression in the cue's own
    phrase (its dependents, not the content nor the source), resolved against the publication date.
    A date elsewhere in the sentence (of an arrest, of an arrival) is not when it was said."""
    cue = ctx.doc.char_span(cue_at, cue_at + 1, alignment_mode="expand")
    if cue is None:
        return None
    verb = cue.root
    skip = set(range(*content))
    src = {t.i for t in source.subtree} if source is not None else set()
    own = [t for t in _cue_phrase(verb) if t.idx not in skip and t.i not in src and t.ent_type_ in ("DATE", "TIME")]
    if not own:
        return None
    s, e = min(t.idx for t in own), max(t.idx + len(t) for t in own)
    for te in find_times(ctx.text[s:e], ctx.document.published):
        if te.value:
            return te.value
    return None
