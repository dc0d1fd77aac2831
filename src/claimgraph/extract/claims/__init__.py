"""Event claims: a registry of small named rules over the dependency parse (see registry.RULES).

For each sentence token the vocabulary rules say whether it is an event and of which PLOVER type
(vocabulary.py); argument rules find who did it to whom (arguments.py); the status rules say whether it
happened or was only tried, planned, foiled, announced or supposed (status.py); the rules below give each
piece of evidence its modality (asserted / hedged / denied / negated), attribution, time and place."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ... import EXTRACTOR
from ...model import ClaimRecord, Evidence, QuoteOccurrence
from ..context import Context
from ..lexicon import code_predicate, lexicon
from .arguments import arguments, children
from .news import news_noun, news_over_default, news_verb
from .registry import RULES, rule
from .status import STATUSES, event_status, governor_only, status_lexicon
from .vocabulary import Event, fight_or_assault, is_light, must_demand, nominal_event, verb_event, vocabulary

__all__ = ["RULES", "STATUSES", "extract_claims", "event_of", "event_status", "_modality"]


def extract_claims(ctx: Context, quotes: list[QuoteOccurrence]) -> list[ClaimRecord]:
    out: list[ClaimRecord] = []
    for sent in ctx.doc.sents:
        for tok in sent:
            ev = event_of(tok)
            if ev is None:
                continue
            status = event_status(tok)
            if demand_content(tok, status) or result_of_force(tok, ev):
                continue
            ev = refused_intent(tok, ev, status) or intent_is_agree(tok, ev, status) or intent_is_threaten(tok, ev, status) \
                or fight_or_assault(tok, ev) or ev
            for subj, obj, value in arguments(ctx, tok, ev):
                out.append(_record(ctx, sent, tok, ev, status, subj, obj, value, quotes))
    return out


@rule("refused_intent", 1, reads=("predicates.json:intent_types",), examples=(
    ("Syria says it will not accept more refugees.", "reject (REJECT) -> refugees, status future, asserted"),
    ("Hungary will not join the naval mission.", "reject (REJECT), status future"),
    ("Peru did not accept the offer.", "not this rule's: a past act not done stays negated"),
))
def refused_intent(tok: Token, ev: Event, status: str) -> Event | None:
    """An announced cooperative act, negated ('will not accept', 'won't join'), is a refusal: PLOVER codes it
    REJECT, as it codes the same act announced AGREE. The negation is what the refusal says, so the refusal
    is asserted, not negated (the evidence does not deny it twice); its status stays future or planned."""
    if status not in ("future", "planned") or not any(c.dep_ == "neg" for c in tok.children):
        return None
    if ev.plover not in vocabulary().intent_types and ev.plover != "AGREE":
        return None
    return Event(code_predicate("REJECT", ""), "REJECT", None, ev.prep, ev.source, ev.pattern_object, ev.target,
                 refusal=True)


@rule("intent_is_agree", 1, reads=("predicates.json:intent_types",), examples=(
    ("Japan will provide emergency aid to Nepal.", "agree (AGREE), status future"),
    ("Chile and Peru agreed to cooperate on fisheries.", "agree (AGREE)"),
))
def intent_is_agree(tok: Token, ev: Event, status: str) -> Event | None:
    """PLOVER codes a cooperative act that is only announced or intended as AGREE (an expression of
    intent): a cooperative event in the future or planned, or a cooperative verb governing another verb.
    Named predicates keep their name."""
    if ev.plover not in vocabulary().intent_types or ev.predicate in lexicon().verbs.values():
        return None  # a named predicate ("visit") stays readable; its status says it is only intended
    if status == "hypothetical":
        return None  # "must agree to", "would join if": demanded or supposed, not an intent of the subject
    if status in ("future", "planned") or any(c.dep_ == "xcomp" for c in tok.children):
        return Event("agree", "AGREE", None, ev.prep, ev.source, ev.pattern_object)
    return None


@rule("intent_is_threaten", 1, reads=("predicates.json:threat_types", "predicates.json:plot_types"), examples=(
    ("Turkey plans to close its border with Syria.", "threaten (THREATEN) -> Syria, status planned"),
    ("Palestinian leaders said they would boycott the talks.", "threaten (THREATEN)"),
    ("A cell planned to bomb the station.", "no threat: a violent act only planned is a plot (planned attack)"),
    ("Iran threatened to retaliate against Israel.", "the threat is 'threatened'; 'retaliate' stays its future content"),
))
def intent_is_threaten(tok: Token, ev: Event, status: str) -> Event | None:
    """PLOVER codes a hostile act that is only announced as THREATEN: one in the future ('will impose'), one
    only planned unless violent (a plan to attack is a plot, not a threat), one that 'would' happen. Named
    predicates keep their name; an act under a threat verb is that threat's content, not a second threat."""
    v = vocabulary()
    if ev.plover not in v.threat_types or ev.predicate in lexicon().verbs.values():
        return None
    would = status == "hypothetical" and any(c.dep_ == "aux" and c.lower_ == "would" for c in tok.children)
    if not (status == "future" or status == "planned" and ev.plover not in v.plot_types or would):
        return None
    for a in _ancestors(tok)[:2]:
        gov = verb_event(a) if a.pos_ == "VERB" else None
        if gov is not None and gov.plover == "THREATEN":
            return None
    return Event("threaten", "THREATEN", None, ev.prep, ev.source, ev.pattern_object, ev.target)


@rule("demand_content", 2, reads=("predicates.json:content_types", "predicates.json:unrealised_content_types"), examples=(
    ("The minister said Libya must hand over the suspects.", "a DEMAND; no claim of the hand-over itself"),
    ("Pakistan refused to deploy peacekeepers in Iraq.", "a REJECT; no deployment claim"),
    ("The union threatened to boycott the airline.", "a THREATEN; no boycott claim"),
    ("The league renewed its demand that the club sell the stadium.", "a DEMAND; no sale claim"),
    ("The envoy demanded a truce before the talks resumed.", "the talks' resumption is no content (an adverbial clause)"),
    ("Egypt demanded an inquiry into the Israeli airstrike.", "the airstrike stays a claim"),
))
def demand_content(tok: Token, status: str) -> bool:
    """An event that is only what another event demands, threatens or refuses is that event's content, not a
    claim of its own: what is demanded or threatened ('demanded that Israel ease', 'its demand that …',
    'threatened to boycott') has not happened whatever its tense; what is refused, where hypothetical
    ('refused to deploy'). The governor is a verb or an event noun above it, not across an adverbial clause;
    an event noun it governs ('demanded an inquiry into the airstrike') is no content: the airstrike happened."""
    v = vocabulary()
    governing = {a.i for a in _governing(tok)[:3]} if tok.pos_ == "VERB" else set()
    for a in _ancestors(tok)[:3]:
        ev = event_of(a) if a.pos_ == "VERB" or a.i in governing else None
        if ev is not None and (a.i in governing and ev.plover in v.unrealised_content_types
                               or status == "hypothetical" and ev.plover in v.content_types and (a.pos_ == "VERB" or a.i in governing)):
            return True
    return False


@rule("result_of_force", 1, reads=("predicates.json:plot_types",), examples=(
    ("Gunmen stormed the hotel, killing twelve guests.", "one claim (the storming); the killing is what it did"),
    ("Troops shelled the village on Monday, wounding four children.", "one FIGHT claim"),
    ("Police raided the camp, arresting six men.", "kept: an arrest is an act of its own, not harm done"),
))
def result_of_force(tok: Token, ev: Event) -> bool:
    """A participle clause without a subject of its own after a use of force ('shelled Juba, killing 20')
    tells the harm that act did: the casualties of that one event, not a second event with an agent of its
    own. Only harm (a violent type) after force (a violent or coercive act, or a light verb carrying one)."""
    v = vocabulary()
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.i < tok.head.i or ev.plover not in v.plot_types:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children):
        return False
    head = tok.head
    acts = [event_of(head)] + [nominal_event(c) for c in head.children if c.dep_ == "dobj" and is_light(head)]
    return any(a is not None and (a.plover in v.plot_types or a.plover == "COERCE") for a in acts)


def event_of(tok: Token) -> Event | None:
    """The event a token triggers, if any."""
    if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "aux", "auxpass"):
        ev = verb_event(tok)
        if ev is None:
            return must_demand(tok, status_lexicon().obligation) or news_verb(tok)
        if news_over_default(tok, ev):
            return news_verb(tok)
        return None if governor_only(tok, ev) else ev
    if tok.pos_ == "NOUN":
        return nominal_event(tok) or news_noun(tok)
    return None


def _ancestors(tok: Token) -> list[Token]:
    """Ancestors of tok up to the sentence root."""
    out = []
    t = tok
    while t.head.i != t.i:
        t = t.head
        out.append(t)
    return out


def _governing(tok: Token) -> list[Token]:
    """Ancestors whose complement the token is: up to, not across, an adverbial clause ('denied the
    accusations after Veldoria ordered ...' denies the accusations, not the order)."""
    out = []
    t = tok
    while t.head.i != t.i and t.dep_ != "advcl":
        t = t.head
        out.append(t)
    return out


@rule("framed", 1, reads=("framing_verbs.txt",), examples=(
    ("The minister denounced what he called a plot by the opposition.", "plot hedged, attributed to the minister"),
))
def framed(tok: Token) -> Token | None:
    """An event named by someone's framing verb ('what he called a plot', 'described as an attack') is not
    asserted by the article: the framing verb, whose subject it is attributed to."""
    for a in _ancestors(tok)[:2]:
        if a.pos_ == "VERB" and a.lemma_.lower() in vocabulary().framing:
            return a
    return None


@rule("modality", 2, reads=("denials.txt", "hedges.txt"), examples=(
    ("The ministry denied that its troops shelled the town.", "denied"),
    ("The company did not cut jobs.", "negated"),
    ("The suspects allegedly bribed officials.", "hedged"),
))
def modality(tok: Token) -> tuple[str, Token | None]:
    """Denied under a denial verb; negated by a negation on the event; hedged by a hedge cue on the event
    or on the verbs governing it ('which they believed was part of'); else asserted."""
    lex = lexicon()
    ancestors = _ancestors(tok)
    for a in _governing(tok):
        if a.lemma_.lower() in lex.denials and a.pos_ == "VERB":
            return "denied", a
    if any(c.dep_ == "neg" for c in tok.children) or any(c.lower_ in ("no", "never") and c.dep_ in ("det", "neg", "advmod")
                                                          for c in tok.children):
        return "negated", None
    mods = ("advmod", "aux", "amod", "npadvmod")  # not its objects: "arrested a suspect" is no hedge
    governing = [a for a in ancestors[:3] if a.lemma_.lower() not in lex.speech_verbs]  # "..., Reuters reported": attributed
    near = [c for c in tok.children if c.dep_ in mods] + governing + [c for a in governing for c in a.children if c.dep_ in mods]
    if any(t.lower_ in lex.hedges or t.lemma_.lower() in lex.hedges for t in near):
        return "hedged", None
    return "asserted", None


def _modality(ctx: Context | None, tok: Token) -> tuple[str, Token | None]:
    """Modality and the denying verb (kept under this name for bench/eval/meantime_factuality.py)."""
    return modality(tok) or ("asserted", None)


def _attribution(ctx: Context, tok: Token, sent: Span, by: Token | None, quotes: list[QuoteOccurrence]) -> tuple[str | None, str | None]:
    """Who the article says claims it: the speaker of the quote it sits in; the subject of the denying or
    framing verb; of a reporting or belief verb above it; or the 'according to' source of the sentence."""
    for q in quotes:
        if q.start <= tok.idx < q.end:
            return q.speaker_key, q.id
    if by is not None:
        s = children(by, "nsubj")
        if s:
            return ctx.arg_key(s[0], allow_source=True), None
    verbs = lexicon().speech_verbs | vocabulary().raising
    for a in _ancestors(tok):
        if a.lemma_.lower() in verbs and a.pos_ == "VERB" and a.i != tok.i:
            s = children(a, "nsubj")
            if s:
                k = ctx.arg_key(s[0], allow_source=True)
                if k:
                    return k, None
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(ctx.doc) and ctx.doc[t.i + 1].lower_ == "to":
            for p in children(ctx.doc[t.i + 1], "pobj"):
                return ctx.arg_key(p, allow_source=True) or ctx.source_key(ctx.np_text(p)), None
    return None, None


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a token belongs to (the token itself for a verb)."""
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


@rule("attached_time", 2, examples=(
    ("Officials said in October that the strike began in June.", "June for 'strike'"),
))
def attached_time(ctx: Context, tok: Token, sent: Span) -> str | None:
    """A time expression in the event's own phrase, else one attached to the event's clause (a time word
    whose nearest verb is the event's clause verb); never a time of another clause of the sentence."""
    times = ctx.sentence_times(sent)
    if not times:
        return None
    s0 = min(t.idx for t in tok.subtree)
    e0 = max(t.idx + len(t) for t in tok.subtree)
    for start, value in times:
        if s0 <= start < e0:
            return value
    verb = _clause_verb(tok)
    for start, value in times:
        span = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is not None and len(span) and _clause_verb(span[0]).i == verb.i:
            return value
    return None


def _place(ctx: Context, tok: Token) -> str | None:
    """A place in a locative phrase of the trigger, or of its agent ('arrested by police in Tirana')."""
    heads = [tok] + [p for a in children(tok, "agent") for p in children(a, "pobj")] + children(tok, "dobj", "nsubjpass")
    for pr in [c for h in heads for c in children(h, "prep")]:
        if pr.lower_ in ("in", "at", "near"):
            for p in children(pr, "pobj"):
                m = ctx.mention_at(p)
                if m is not None and m.label in ("GPE", "LOC", "FAC"):
                    return ctx.key_of(m)
    return None


def _record(ctx: Context, sent: Span, tok: Token, ev: Event, status: str, subj: str, obj: str | None, value: str | None,
            quotes: list[QuoteOccurrence]) -> ClaimRecord:
    mod, denier = _modality(ctx, tok)
    if ev.refusal and mod == "negated":
        mod = "asserted"  # "will not accept": the refusal is asserted; its negation is its content
    framer = framed(tok) if mod == "asserted" else None
    if framer is not None:
        mod = "hedged"
    attributed, quote_id = _attribution(ctx, tok, sent, denier or framer, quotes)
    s, e = ctx.evidence_span(tok)
    evidence = Evidence(doc=ctx.document.id, start=s, end=e, text=ctx.text[s:e], modality=mod, attributed_to=attributed,
                        extractor=EXTRACTOR, quote=quote_id, status=status)
    place = _place(ctx, tok) if ev.predicate != "relocate" else None
    return ClaimRecord(subject=subj, predicate=ev.predicate, object=obj, value=value,
                       time=attached_time(ctx, tok, sent), place=place, evidence=evidence, trigger=tok.text,
                       trigger_start=tok.idx, trigger_end=tok.idx + len(tok))
