"""The event vocabulary: which token is an event, of which PLOVER type, under which predicate.

Two data files, loaded once per process: predicates.json (named predicates the graph already uses) and
cameo_plover.json (compiled by tools/compile_cameo.py from the CAMEO verb dictionary and the CAMEO->PLOVER
table). A verb's noun/preposition pattern decides its code ("cut ties" is a break of relations, "cut
spending" no event); nominal events ("the expulsion of") and light verbs ("carry out an attack") resolve
through the same tables."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Token

from ..lexicon import code_predicate, lexicon, lexicon_json, lexicon_rows
from .registry import rule


@dataclass(frozen=True)
class Event:
    predicate: str
    plover: str | None
    mode: str | None = None
    prep: str | None = None  # the preposition of the matched pattern: its object is the target
    source: str = "named"  # named (predicates.json) | pattern (a noun/preposition pattern) | default (the verb's code)
    pattern_object: Token | None = None  # the object noun the pattern matched ("cut *ties*"): part of the event
    target: Token | None = None  # a target the rule found elsewhere ("said China must ...": China)
    synonym_default: bool = False  # the code is only the default of the verb's CAMEO synonym set, not its own
    refusal: bool = False  # a negated announced act read as its refusal: the negation is the refusal's content


@dataclass(frozen=True)
class Block:
    default: str | None
    objects: dict[str, str | None]  # object head -> code (None: this pattern is no event)
    prep_objects: dict[tuple[str, str], str | None]
    preps: dict[str, tuple[tuple[str | None, str | None], ...]]  # prep -> (code, the one verb it is for, or None)


@dataclass(frozen=True)
class Vocabulary:
    verbs: dict[str, tuple[int, str | None]]
    blocks: tuple[Block, ...]
    types: dict[str, tuple[str, str]]
    nominal: dict[str, str]
    light: frozenset[str]
    framing: frozenset[str]
    raising: frozenset[str]
    quantity_nouns: frozenset[str]
    military: frozenset[str]
    object_preps: dict[str, tuple[str, ...]]
    figurative: frozenset[str]
    actor_object_types: frozenset[str]
    intent_types: frozenset[str]
    threat_types: frozenset[str]
    plot_types: frozenset[str]
    content_types: frozenset[str]
    unrealised_content_types: frozenset[str]
    actor_target_types: frozenset[str]
    pattern_proof: frozenset[str]
    defaults: dict[str, str]  # lemma -> CAMEO code where the dictionary gives none (cameo_defaults.tsv)
    complements: dict[str, str]  # "verb infinitive" -> named predicate ("order leave" -> expel)
    forms: dict[str, frozenset[str]]  # the inflected forms a CAMEO entry lists ("rag": ragged, ragging, rags)


def _stem(w: str) -> str:
    w = w.lower()
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = lexicon_json("cameo_plover.json")
    blocks = []
    for default, patterns in data["blocks"]:
        objs: dict[str, str | None] = {}
        pobjs: dict[tuple[str, str], str | None] = {}
        preps: dict[str, tuple[tuple[str | None, str | None], ...]] = {}
        votes: dict[str, Counter] = {}
        for obj, prep, pobj, code, *verb in patterns:
            if prep and pobj:
                for w in pobj:
                    pobjs.setdefault((prep, _stem(w.split()[-1])), code)
            elif prep and not obj:
                preps[prep] = preps.get(prep, ()) + ((code, verb[0] if verb else None),)
            for w in obj:
                votes.setdefault(_stem(w.split()[-1]), Counter())[code] += 1
        # the compiled patterns keep an object's head noun only ("sign economic treaty" -> treaty), so one
        # noun may stand in several patterns: it takes the code most of them give (first on a tie)
        objs = {w: c.most_common(1)[0][0] for w, c in votes.items()}
        blocks.append(Block(default, objs, pobjs, preps))
    types = {c: (t, m) for c, (t, m) in data["types"].items()}
    preds = lexicon_json("predicates.json")
    return Vocabulary(
        verbs={k: (v[0], v[1]) for k, v in data["verbs"].items()}, blocks=tuple(blocks), types=types,
        nominal=dict(r.split("\t", 1) for r in lexicon_rows("nominal_events.tsv")),
        light=frozenset(lexicon_rows("light_verbs.txt")), framing=frozenset(lexicon_rows("framing_verbs.txt")),
        raising=frozenset(lexicon_rows("raising_verbs.txt")), quantity_nouns=frozenset(lexicon_rows("quantity_nouns.txt")),
        military=frozenset(lexicon_rows("military.txt")),
        object_preps={k: tuple(v) for k, v in preds["object_preps"].items()},
        figurative=frozenset(lexicon_rows("figurative.txt")), actor_object_types=frozenset(preds["actor_object_types"]),
        intent_types=frozenset(preds["intent_types"]), threat_types=frozenset(preds["threat_types"]),
        plot_types=frozenset(preds["plot_types"]), content_types=frozenset(preds["content_types"]),
        unrealised_content_types=frozenset(preds["unrealised_content_types"]), actor_target_types=frozenset(preds["actor_target_types"]),
        pattern_proof=frozenset(preds["pattern_proof"]),
        defaults=dict(r.split("\t", 1) for r in lexicon_rows("cameo_defaults.tsv")), complements=preds["complements"],
        forms={k: frozenset(v) for k, v in data["forms"].items()})


def _code_event(code: str, prep: str | None = None, source: str = "default", obj: Token | None = None) -> Event:
    typ, mode = vocabulary().types[code]
    return Event(code_predicate(typ, mode), typ, mode or None, prep, source, obj)


def _named(pred: str) -> Event:
    lex = lexicon()
    return Event(pred, lex.plover.get(pred), lex.plover_modes.get(pred))


_NO_MATCH = "no-match"


def _pattern(block: Block, tok: Token, lemma: str) -> tuple[str | None, str | None, Token | None]:
    """(code, prep, object) of the first noun/preposition pattern of `block` that the token's object or
    prepositional phrases match; (_NO_MATCH, None, None) when none does. A bare preposition is matched only
    for the verb its dictionary comment names (bare_preposition)."""
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            c = partitive_head(c)
            for w in (c.lemma_, c.lower_):
                if _stem(w) in block.objects:
                    return block.objects[_stem(w)], None, c
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative"):
            p = c.lower_
            for o in c.children:
                if o.dep_ == "pobj" and (p, _stem(o.lemma_)) in block.prep_objects:
                    return block.prep_objects[(p, _stem(o.lemma_))], p, None
            code = bare_preposition(block, p, lemma)
            if code != _NO_MATCH:
                return code, p, None
    return _NO_MATCH, None, None


@rule("bare_preposition", 1, reads=("cameo_plover.json",), examples=(
    ("Soldiers beat up the prisoners with the knowledge of their officers.", "ASSAULT: 'break with' is BREAK's threat, not BEAT's"),
    ("The party broke with the coalition in May.", "THREATEN (CAMEO's 'break (with)')"),
    ("The rebel faction that controls the port demanded aid for its fighters.", "no visit: 'head for' is HEAD's, not CONTROL's"),
))
def bare_preposition(block: Block, prep: str, lemma: str) -> str | None:
    """A CAMEO pattern made of a preposition alone ('- * (WITH) [130]  # BREAK') is an idiom of the verb its
    dictionary comment names ('break with', 'head for'), not of every verb in its synonym set: 'beat up ...
    with' is no break with anyone, 'controls ... for' no trip. Patterns with a noun stay the set's."""
    for code, verb in block.preps.get(prep, ()):
        if verb is None or verb == lemma:
            return code
    return _NO_MATCH


@rule("partitive_head", 1, reads=("quantity_nouns.txt",), examples=(
    ("The rebels captured part of the airport.", "the pattern reads 'airport', not 'part' (no 'take part')"),
    ("Troops seized half of the oil fields.", "the pattern reads 'fields'"),
))
def partitive_head(tok: Token) -> Token:
    """A noun of quantity with an 'of' phrase ('part of the town', 'half of the fields') names a portion of
    that phrase's noun: the pattern is matched on that noun, not on the quantity word."""
    if tok.lower_ in vocabulary().quantity_nouns:
        for pr in tok.children:
            if pr.dep_ == "prep" and pr.lower_ == "of":
                for o in pr.children:
                    if o.dep_ == "pobj":
                        return o
    return tok


def _lookup(lemma: str, tok: Token, named: str | None) -> Event | None:
    """A verb lemma through the compiled table, the named predicate kept unless the pattern says otherwise."""
    v = vocabulary()
    entry = v.verbs.get(lemma)
    if entry is None:
        return _named(named) if named else None
    if named in v.pattern_proof:
        return _named(named)
    block = v.blocks[entry[0]]
    code, prep, obj = _pattern(block, tok, lemma)
    if code is None:
        return _named(named) if named else None  # the dictionary's pattern says: no event ("cut spending")
    if code != _NO_MATCH:
        ev = _code_event(code, prep, "pattern", obj)
        if named and lexicon().plover.get(named) == ev.plover:
            return Event(named, ev.plover, lexicon().plover_modes.get(named), prep, "pattern", obj)
        return ev
    if named:
        return _named(named)
    if entry[1] is None and block.default:
        return replace(_code_event(block.default), synonym_default=True)
    own = entry[1] or v.defaults.get(lemma)
    return _code_event(own) if own else None


@rule("listed_forms", 1, reads=("cameo_plover.json:forms",), examples=(
    ("Street battles raged in the capital.", "no event: 'raged' is 'rage', not 'rag' (CAMEO lists 'ragged')"),
    ("Fighting was raging near the border.", "no event, likewise ('ragging')"),
    ("Ghana quit the regional bloc.", "not this rule's: 'quit' is the verb itself"),
))
def verb_lemma(tok: Token) -> str:
    """The verb's lemma, corrected where the lemmatizer cut the -e off another verb: the word is the lemma plus
    -ed or -ing, but the CAMEO entry of that lemma spells its own forms with a doubled consonant ('RAG {RAGGED
    RAGGING}'), so the word is the -e verb's form ('raged' is 'rage')."""
    lemma, low = tok.lemma_.lower(), tok.lower_
    forms = vocabulary().forms.get(lemma, frozenset())
    for end in ("ed", "ing"):
        if low == lemma + end and lemma + lemma[-1:] + end in forms:
            return lemma + "e"
    return lemma


def is_light(tok: Token) -> bool:
    """A light verb ('carry out', 'stage', 'impose'); also where the lemmatizer mangles it ('staged' -> 'stag')."""
    light = vocabulary().light
    low = tok.lower_
    return tok.lemma_.lower() in light or low[:-1] in light or low[:-2] in light


def is_nominal_event(tok: Token) -> bool:
    low = tok.lemma_.lower()
    return tok.pos_ in ("NOUN", "PROPN") and (low in lexicon().nouns or low in vocabulary().nominal)


@rule("verb_event", 1, reads=("predicates.json", "cameo_plover.json", "light_verbs.txt"), examples=(
    ("Chile severed diplomatic ties with Peru.", "sanction_withdraw (SANCTION)"),
    ("The minister condemned the bombing.", "disapprove (DISAPPROVE)"),
    ("The company cut spending on research.", "no event: the pattern 'cut spending' is none"),
    ("The rebels carried out an attack.", "no verbal event: the light verb leaves the claim to 'attack'"),
    ("Chile ordered two Peruvian diplomats to leave the country.", "expel (a verb and its infinitive)"),
))
def verb_event(tok: Token) -> Event | None:
    """A verb is an event when the named predicates or the compiled CAMEO table code it; phrasal verbs
    ('kick out', 'call for') first; a light verb whose object is a nominal event leaves the claim to the noun."""
    lex = lexicon()
    lemma = verb_lemma(tok)
    comp = vocabulary().complements
    if tok.dep_ == "xcomp" and f"{tok.head.lemma_.lower()} {lemma}" in comp:
        return None  # "ordered them to leave": the event is the head's
    for ch in tok.children:
        if ch.dep_ == "xcomp" and f"{lemma} {ch.lemma_.lower()}" in comp:
            return _named(comp[f"{lemma} {ch.lemma_.lower()}"])
    for ch in tok.children:
        if ch.dep_ in ("prt", "prep"):
            phrase = f"{lemma} {ch.lower_}"
            if phrase in lex.phrasal or phrase in vocabulary().verbs:
                if phrase in vocabulary().light and any(is_nominal_event(o) for o in ch.children if o.dep_ == "pobj"):
                    return None
                ev = _lookup(phrase, tok, lex.phrasal.get(phrase))
                if ev:
                    return ev
    if is_light(tok) and any(is_nominal_event(c) for c in tok.children if c.dep_ == "dobj"):
        return None
    if lemma in lex.passive_only and not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return None  # "held a rally" is no detention; "were held" is
    ev = _lookup(lemma, tok, lex.verbs.get(lemma))
    return None if ev is not None and (figurative(tok, ev) or copular_use(tok, ev)) else ev


@rule("copular_use", 1, examples=(
    ("Two reporters went missing in the north.", "no event: 'went missing' is a change of state, not a visit"),
    ("The border stayed closed on Sunday.", "no event"),
    ("The minister went to Nairobi on Monday.", "not this rule's: no adjective complement"),
))
def copular_use(tok: Token, ev: Event) -> bool:
    """A verb with an adjective as complement ('went missing', 'fell silent', 'stayed closed') says what
    state someone is in, not what they did: no event, unless the dictionary's pattern codes the phrase."""
    return ev.source == "default" and any(
        c.pos_ in ("ADJ", "VERB") and (c.dep_ == "acomp" or c.dep_ == "advcl" and c.i == tok.i + 1 and not list(c.children))
        for c in tok.children)  # the parser reads "went missing" as a bare participle clause too


@rule("figurative", 1, reads=("figurative.txt", "predicates.json:actor_object_types"), examples=(
    ("Apple targeted Samsung with an advertising campaign.", "no attack"),
    ("The senator attacked the plan with sharp criticism.", "no attack"),
))
def figurative(tok: Token, ev: Event) -> bool:
    """A violent or coercive verb whose object or instrument is a word of talk, trade or voting is used
    figuratively: no event."""
    v = vocabulary()
    if ev.plover not in v.actor_object_types or ev.source == "pattern":
        return False
    words = [c for c in tok.children if c.dep_ == "dobj"]
    words += [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "in", "through", "by") for o in c.children if o.dep_ == "pobj"]
    return any(w.lemma_.lower() in v.figurative or any(m.dep_ == "compound" and m.lower_ in v.figurative for m in w.children)
               for w in words)


@rule("nominal_event", 2, reads=("predicates.json", "nominal_events.tsv", "cameo_plover.json"), examples=(
    ("The expulsion of two diplomats angered Moscow.", "expel"),
    ("Sanctions against the regime were tightened.", "sanction"),
    ("A cyberattack on the ministry disabled its website.", "attack"),
    ("Inmates began a hunger strike on Monday.", "protest (PROTEST), not an attack"),
    ("The charity halted aid deliveries to the north.", "no event for 'aid': a compound modifier names none"),
))
def nominal_event(tok: Token) -> Event | None:
    """An event noun: a named predicate's noun, or a nominalisation resolved through its verb's code
    (its prepositional phrases checked against that verb's patterns); a modifier and noun listed together
    ('hunger strike') before the noun alone."""
    if tok.dep_ == "compound":
        return None  # "aid deliveries", "attack helicopters": a modifier names no event of its own
    low = tok.lemma_.lower()
    mods = [f"{c.lower_} {low}" for c in tok.children if c.dep_ in ("compound", "amod") and c.i == tok.i - 1]
    verb = next((vocabulary().nominal[m] for m in mods if m in vocabulary().nominal), None)  # "hunger strike"
    named = lexicon().nouns.get(low) if verb is None else None
    if named:
        return _named(named)
    verb = verb or vocabulary().nominal.get(low)
    if verb is None:
        return None
    return _lookup(verb, tok, lexicon().verbs.get(verb))


@rule("must_demand", 1, reads=("speech_verbs.txt", "status.json:obligation"), examples=(
    ("The minister said Libya must hand over the suspects.", "demand (DEMAND) -> Libya"),
))
def must_demand(tok: Token, obligation: frozenset[str]) -> Event | None:
    """Saying that someone must or should do something is a demand on them (PLOVER DEMAND): the speaker
    demands, the subject of the obligated verb is the target."""
    if tok.lemma_.lower() not in lexicon().speech_verbs:
        return None
    for c in tok.children:
        if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in obligation for a in c.children):
            subj = [s for s in c.children if s.dep_ == "nsubj"]
            return Event("demand", "DEMAND", source="pattern", target=subj[0] if subj else None)
    return None


@rule("fight_or_assault", 1, reads=("military.txt",), examples=(
    ("Chadian troops shelled the rebel base.", "FIGHT (military agent)"),
    ("Gunmen wounded two police officers in Lagos.", "ASSAULT (no military agent, arm or verb)"),
))
def fight_or_assault(tok: Token, ev: Event) -> Event | None:
    """PLOVER separates conventional military force (FIGHT) from unconventional violence (ASSAULT); CAMEO
    codes both verbs alike. A FIGHT whose verb, agent or instrument is no military word is an ASSAULT."""
    if ev.plover != "FIGHT":
        return None
    mil = vocabulary().military
    words = {tok.lemma_.lower()} | {t.lower_ for c in tok.children if c.dep_ in ("nsubj", "agent", "prep", "advcl")
                                    for t in c.subtree}
    if words & mil:
        return None
    pred = code_predicate("ASSAULT", ev.mode or "")
    if pred not in lexicon().plover:
        pred = code_predicate("ASSAULT", "")  # a mode PLOVER gives FIGHT only ("firearms"): the predicate keeps its type
    return Event(pred, "ASSAULT", ev.mode, ev.prep, ev.source, ev.pattern_object, ev.target)
