"""Who did it and to whom, from the dependency parse: subject through control and raising ('tried to
attack' -> the subject of 'tried'), passives with and without a by-agent, coordinated subjects and
objects (one claim each), appositions, relative clauses ('a cell that planned ...' -> the cell), and the
target from the object or the pattern's preposition."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..context import GROUP_NOUNS, Context
from ..lexicon import lexicon, lexicon_json, word_list
from .news import news_lexicon, noun_controller
from .registry import rule
from .status import status_lexicon
from .vocabulary import Event, is_light, is_nominal_event, verb_event, vocabulary

Args = list[tuple[str, str | None, str | None]]  # (subject key, object key, object text when no key)


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def with_conj(tok: Token) -> list[Token]:
    """tok and the tokens coordinated with it ('Chile and Peru')."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(with_conj(c))
    return out


def _keys(ctx: Context, toks: list[Token]) -> list[str]:
    out = []
    for t in toks:
        for x in with_conj(t):
            for k in ([ctx.arg_key(p) for p in listed_persons(x)] if x.pos_ == "NOUN" else []) or \
                     [appositive_name(ctx, x) or ctx.arg_key(x, allow_source=True) or group_actor(ctx, x)
                      or reporter_itself(ctx, x) or named_elsewhere(ctx, x)]:
                if k and k not in out:  # "the two men, A and B, attacked ...": A and B
                    out.append(k)
    return out


@rule("group_actor", 1, reads=("countries.tsv", "quantity_nouns.txt"), examples=(
    ("Sudanese rebels shelled the town.", "agent 'Sudanese rebels' (its own actor, not Sudan)"),
    ("Thousands of Chilean students marched in Santiago.", "agent 'Chilean students'"),
    ("Hamas gunmen attacked a checkpoint.", "agent 'Hamas gunmen'"),
))
def group_actor(ctx: Context, tok: Token) -> str | None:
    """An agent named by a common noun with a national or named modifier ('Israeli soldiers', 'Hamas
    gunmen') is an actor of its own, named by that phrase: not the state or the group itself, which the
    sentence does not say acted."""
    if tok.pos_ != "NOUN":
        return None
    of = [p for pr in tok.children if pr.dep_ == "prep" and pr.lower_ == "of" for p in pr.children if p.dep_ == "pobj"]
    if tok.lower_ in vocabulary().quantity_nouns and of:
        return ctx.arg_key(of[0]) or group_actor(ctx, of[0])  # "thousands of Iraqi Kurds"
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i
            and (ctx.mention_at(c) is not None or c.lower_ in lexicon().country_of)]
    if not mods:
        return None
    first = min(c.left_edge.i for c in mods)
    return ctx.source_key(ctx.doc[first:tok.i + 1].text)


@rule("appositive_name", 1, examples=(
    ("The Brazilian planemaker, Embraer, won the contract.", "agent Embraer, not 'the Brazilian planemaker'"),
    ("Its parent company Alphabet bought the firm.", "agent Alphabet"),
))
def appositive_name(ctx: Context, tok: Token) -> str | None:
    """A common-noun argument with a name in apposition ('the planemaker, Embraer') is the named entity: the
    noun only describes it."""
    if tok.pos_ != "NOUN" or ctx.mention_at(tok) is not None:
        return None
    names = [ctx.arg_key(a) for a in children(tok, "appos") if a.pos_ == "PROPN"]
    return next((k for k in names if k), None)


@rule("named_elsewhere", 1, examples=(
    ("Ruritania on Monday recalled its envoy. Officials in Ruritania said ...", "'Ruritania' the entity named so later"),
))
def named_elsewhere(ctx: Context, tok: Token) -> str | None:
    """A proper-noun argument the name finder missed in this sentence ('Veldoria on Thursday ordered …') is
    the entity the article names with exactly the same words elsewhere, when only one entity has that name."""
    if tok.pos_ != "PROPN" or ctx.mention_at(tok) is not None:
        return None
    words = [t for t in tok.subtree if t.dep_ in ("compound", "flat") or t.i == tok.i]
    if [t.i for t in words] != list(range(words[0].i, tok.i + 1)):
        return None
    name = " ".join(t.text for t in words)
    keys = {ctx.key_of(m) for m in ctx.mentions if m.surface == name}
    return keys.pop() if len(keys) == 1 else None


@rule("subject_control_raising", 1, reads=("raising_verbs.txt",), examples=(
    ("The gang tried to rob the bank.", "subject of 'rob' = the gang"),
    ("Moscow is believed to have supplied the rockets.", "subject of 'supplied' = Moscow"),
    ("Police arrested a man who attacked a guard.", "subject of 'attacked' = the man"),
))
def controlled_subject(ctx: Context, tok: Token) -> list[str]:
    """No subject of its own: climb xcomp/conj/advcl to the controlling verb's subject (a passive report
    verb's raised subject included); in a relative clause, the noun it modifies."""
    raising = vocabulary().raising
    head = tok
    for _ in range(4):
        if head.dep_ in ("xcomp", "conj", "advcl", "acomp") and head.head.i != head.i:
            if accused_acts(head):
                return []  # "accused the police of beating protesters, ignoring court orders and detaining ..."
            head = head.head  # acomp: "is willing to withdraw"
            if status_lexicon().governors.get(head.lemma_.lower()) == "prevented":
                return []  # "police foiled a plot to bomb": the police are not the bombers
            s = children(head, "nsubj") or (children(head, "nsubjpass") if head.lemma_.lower() in raising else [])
            if s:
                return _keys(ctx, s)
        elif head.dep_ == "relcl":
            return _keys(ctx, [head.head])
        elif head.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            # "Chile's decision to expel": Chile; "the EU made the decision to ban": the EU
            return _keys(ctx, children(head.head, "poss") or noun_controller(head.head) or [])
        else:
            break
    return []


@rule("accused_acts", 1, reads=("predicates.json:verbs", "speech_verbs.txt"), examples=(
    ("Amnesty accused the police of beating protesters, ignoring court orders and detaining journalists.",
     "no claim 'Amnesty detain journalists': the list goes on with the acts the police are accused of"),
    ("The union blamed the firm for cutting wages, saying workers had been misled.",
     "'saying' is the union's own: a speech verb"),
    ("The minister accused the rebels of lying and called for talks.", "the minister called for talks"),
))
def accused_acts(tok: Token) -> bool:
    """An -ing clause the parser hangs on an accusation verb ('accused X of V-ing, V-ing and V-ing') that
    continues, as a coordinated list, the acts the accused is charged with is the accused's alleged act,
    never the accuser's own: it takes no subject from the accusation verb. A speech verb ('..., saying')
    is the accuser's comment and keeps its subject."""
    head = tok.head
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or lexicon().verbs.get(head.lemma_.lower()) != "accuse":
        return False
    if tok.lemma_.lower() in lexicon().speech_verbs or not children(tok, "cc"):
        return False
    around = [head, *children(head, "dobj")]  # "accused X of", also where the parser hangs 'of' on X
    return any(c.dep_ == "prep" and c.lower_ in ("of", "for", "with") and c.i < tok.i for t in around for c in t.children)


@rule("verbal_arguments", 1, reads=("predicates.json:object_preps",), examples=(
    ("Chile and Peru expelled the envoy.", "two claims: Chile, Peru"),
    ("The envoy was expelled by Chile.", "Chile -> the envoy (passive with agent)"),
    ("The envoy was expelled.", "no claim: no agent"),
))
def verbal_arguments(ctx: Context, tok: Token, ev: Event) -> tuple[list[str], list[Token]]:
    """Subjects and objects of a verbal event: active subject/object; passive by-agent/subject; else the
    subject of the controlling verb; the object from a preposition of the pattern or the predicate."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and not children(tok, "nsubj", "nsubjpass", "aux", "auxpass") \
            and ev.source != "default":
        return participle_arguments(ctx, tok)  # "a jet built by Airbus" (not "the accusation that it had plotted")
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or reduced_passive(tok)
    if passive:
        subjs = _keys(ctx, [p for a in children(tok, "agent") for p in children(a, "pobj")])
        objs = children(tok, "nsubjpass") or children(tok, "nsubj")
    else:
        subjs = _keys(ctx, children(tok, "nsubj"))
        objs = children(tok, "dobj")
    if not subjs and not passive:
        subjs = controlled_subject(ctx, tok) or []
    if not subjs:
        subjs = instrument_agent(ctx, tok, passive)
    preps = (ev.prep,) if ev.prep else vocabulary().object_preps.get(ev.predicate, vocabulary().object_preps["*"])
    if ev.target is not None:
        objs = [ev.target]
    elif (ev.source == "news" or ev.source == "default" and ev.plover in vocabulary().actor_target_types) \
            and (party := object_party(ctx, tok, objs)):
        objs = party  # "won an order from Qatar Airways": Qatar Airways; "discussed the plan with Uganda": Uganda
    elif ev.pattern_object is not None and not (listed_persons(ev.pattern_object) or group_named_nearby(ev.pattern_object)):
        # "cut ties with X": the pattern's noun is part of the event, X the target; not persons it names
        around = children(ev.pattern_object, "prep") + children(tok, "prep")
        objs = [p for pr in around if pr.lower_ in vocabulary().object_preps["*"] for p in children(pr, "pobj")
                if ctx.arg_key(p)] or objs  # "expelled two diplomats": the pattern's noun is the target itself
    elif ev.predicate == "relocate":
        objs = [p for pr in children(tok, "prep") if pr.lower_ in preps for p in children(pr, "pobj")]
        mover = children(tok, "nsubjpass") if passive else children(tok, "nsubj")
        if mover and not subjs:
            subjs = _keys(ctx, mover[:1])
    elif not objs and ev.plover == "DEMAND" and children(tok, "ccomp"):
        objs = [s for c in children(tok, "ccomp") for s in children(c, "nsubj")]  # "demanded that Israel ease …"
    elif not objs:
        objs = [p for pr in children(tok, "prep", "dative") for p in (children(pr, "pobj") if pr.dep_ == "prep" else [pr])
                if pr.dep_ == "dative" or pr.lower_ in preps]
    if ev.target is None and not passive:
        objs = recipient_target(ctx, tok, objs) or complement_target(ctx, tok, ev, objs)
        objs = [m for o in objs for m in maker_target(ctx, o)]
    return subjs, objs


@rule("instrument_agent", 1, reads=("instruments.txt",), examples=(
    ("A roadside bomb killed two soldiers near Kandahar.", "agent 'roadside bomb'"),
    ("Three miners were killed in a gas explosion.", "agent 'gas explosion'"),
    ("Two guards were wounded by a hand grenade.", "agent 'hand grenade'"),
    ("Two guards were wounded.", "no claim: no agent, no instrument"),
))
def instrument_agent(ctx: Context, tok: Token, passive: bool) -> list[str]:
    """A weapon or blast named as what did the harm ('a roadside bomb killed', 'killed in an explosion',
    'wounded by a grenade') is the only agent the sentence gives: an actor named by its phrase, never a
    person or group the text does not name."""
    if passive:
        cands = [p for pr in children(tok, "agent") for p in children(pr, "pobj")]
        cands += [p for pr in children(tok, "prep") if pr.lower_ == "in" for p in children(pr, "pobj")]
    else:
        cands = children(tok, "nsubj")
    instruments = word_list("instruments.txt")
    for c in cands:
        if c.pos_ == "NOUN" and c.lemma_.lower() in instruments:
            words = [t for t in c.doc[c.left_edge.i:c.i + 1] if t.dep_ not in ("det", "nummod", "predet")]
            return [ctx.source_key(" ".join(t.text for t in words))]
    return []


@rule("maker_target", 1, reads=("proposal_nouns.txt",), examples=(
    ("Kenya rejected the proposal from Somalia.", "target Somalia"),
    ("The board accepted Tesla's offer.", "target Tesla"),
    ("Chile rejected a Peruvian plan for the border.", "target Peru"),
    ("The council rejected the plan.", "target 'the plan': no maker named"),
))
def maker_target(ctx: Context, tok: Token) -> list[Token]:
    """An answer to a proposal or request ('rejected an offer from X', 'accepted Y's plan', 'an Indian
    proposal') is directed at whoever made it: the noun's possessor, its 'from'/'by' phrase or its named or
    national modifier, when one names an actor; else the noun itself."""
    if tok.lemma_.lower() not in word_list("proposal_nouns.txt"):
        return [tok]
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ != "PRON" and _actor_like(ctx, c):  # "supports its own plan": no answer to anyone
            return [c]
        if c.dep_ == "prep" and c.lower_ in ("from", "by"):
            found = [p for p in children(c, "pobj") if _actor_like(ctx, p)]
            if found:
                return found
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and ctx.arg_key(c)]
    return mods[:1] or [tok]


def _actor_like(ctx: Context, tok: Token) -> bool:
    """A token naming an actor: an entity, a group named by a national or named modifier, or a word for
    persons or an institution ('refugees', 'officers', 'the government')."""
    lemma = tok.lemma_.lower()
    lex = lexicon()
    return bool(tok.pos_ == "PROPN" or ctx.arg_key(tok) or group_actor(ctx, tok) or lemma in lex.roles
                or lemma in lex.institutions or lemma in GROUP_NOUNS)


def _recipients(tok: Token) -> list[Token]:
    """The indirect object of a verb: its 'to' phrase ('gave aid to X') or its dative ('gave X aid')."""
    out = []
    for c in children(tok, "prep", "dative"):
        if c.dep_ == "prep" and c.lower_ != "to":
            continue
        out.extend(children(c, "pobj") or ([c] if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON") else []))
    return out


@rule("recipient_target", 1, reads=("roles.txt", "institutions.txt", "group_nouns.txt"), examples=(
    ("Norway will send medical supplies to Sudanese refugees.", "target 'Sudanese refugees', not the supplies"),
    ("The ministry granted citizenship to three Afghan interpreters.", "target 'three Afghan interpreters'"),
    ("Chile handed the suspect to Peru.", "target the suspect: an actor as object stays the target"),
    ("The factory moved its machines to a new site.", "target the machines: a place is no recipient"),
))
def recipient_target(ctx: Context, tok: Token, objs: list[Token]) -> list[Token]:
    """An event given to someone is directed at its recipient: when no object names an actor ('provided
    aid', 'granted asylum') and the verb's 'to' phrase or indirect object does, that actor is the target."""
    if any(_actor_like(ctx, o) for o in objs):
        return []
    return [r for r in _recipients(tok) if _actor_like(ctx, r)]


@rule("complement_target", 1, reads=("predicates.json:content_types", "predicates.json:unrealised_content_types"), examples=(
    ("The union threatened to boycott the national airline.", "target 'the national airline'"),
    ("Norway refused to hand over the archive to Poland.", "target Poland (the recipient of the complement)"),
    ("Norway offered to hand over the archive to Poland.", "target Poland: handing over is no event of its own"),
    ("Chile refused to attend the summit.", "target 'the summit'"),
    ("Poland offered to host the summit.", "no target for the offer: the hosting is a (planned) claim of its own"),
))
def complement_target(ctx: Context, tok: Token, ev: Event, objs: list[Token]) -> list[Token]:
    """A verb whose content is an action it governs ('threatened to ban X', 'refused to meet X', 'offered to
    hand over to X') and that has no object of its own is directed at what that action is directed at: the
    complement verb's recipient or object, else its object preposition. Not where that action is a claim of
    its own, with its own target ('offered to host the summit'); a threatened, demanded or refused action
    never is."""
    v = vocabulary()
    if objs:
        return objs
    content = ev.plover in v.content_types | v.unrealised_content_types
    for c in children(tok, "xcomp"):
        if c.pos_ != "VERB" or not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            continue
        if not content and verb_event(c) is not None:
            continue  # "offered to host the summit": the hosting is a claim of its own, with its own target
        own = children(c, "dobj")
        found = recipient_target(ctx, c, own) or own or [
            p for pr in children(c, "prep") if pr.lower_ in vocabulary().object_preps["*"] for p in children(pr, "pobj")]
        if found:
            return found
    return []


@rule("object_party", 1, reads=("news_relations.json:party_preps",), examples=(
    ("Embraer won an order from Azul for twenty jets.", "Embraer win -> Azul"),
    ("Apple Corps lost its case against EMI in the High Court.", "Apple Corps lose -> EMI"),
    ("Ford launched an electric pickup in March.", "Ford launch -> an electric pickup (no party named)"),
    ("Kenya discussed the border plan with Uganda.", "Kenya CONSULT -> Uganda (a verb coded by its default alone)"),
))
def object_party(ctx: Context, tok: Token, objs: list[Token]) -> list[Token]:
    """A news relation, or a verb whose default code needs an actor as target (`actor_target`), whose object
    is a thing, not an actor ('an order', 'its case', 'trade'), has as its target the actor that thing is
    with ('an order *from* Azul', 'its case *against* EMI', 'the plan *with* Uganda'), whether the parse hangs
    that phrase on the thing or on the verb: the graph links who did business, went to court or cooperated
    with whom."""
    if len(objs) != 1 or ctx.arg_key(objs[0]) is not None:
        return []
    preps = news_lexicon().party_preps
    return [p for pr in children(objs[0], "prep") + children(tok, "prep") if pr.lower_ in preps
            for p in children(pr, "pobj") if ctx.arg_key(p)]


HEADLINE_ENDS = frozenset('.!?:;"\'”’)…')


@rule("reduced_passive", 1, examples=(
    ("Ruritania recalls envoy after diplomats expelled", "no claim of 'expelled': the diplomats are its patients"),
    ("Three students arrested in Lima", "no claim: 'students' is no arrester"),
    ("Two reporters detained by police in Minsk", "police -> the reporters (by-agent)"),
    ("Gunmen attacked a convoy.", "not reduced: an object, and a sentence's full stop"),
))
def reduced_passive(tok: Token) -> bool:
    """A past participle with a subject and no auxiliary and no object is a passive with its auxiliary left
    out: always for a VBN, and in a headline (a line without end punctuation) for any -ed form, since
    headlines say what happened in the present tense and what was done to someone in the bare participle
    ('diplomats expelled'). Its subject is the patient; the agent comes only from a by-phrase."""
    if not children(tok, "nsubj") or children(tok, "aux", "auxpass", "dobj"):
        return False
    if tok.tag_ == "VBN":
        return True
    if tok.tag_ != "VBD":
        return False
    text = tok.doc.text
    end = text.find("\n", tok.idx)
    line = text[text.rfind("\n", 0, tok.idx) + 1:end if end >= 0 else len(text)].rstrip()
    return bool(line) and line[-1] not in HEADLINE_ENDS


@rule("participle_arguments", 1, examples=(
    ("The first jet, built by Airbus, was delivered to Qantas.", "Airbus -> the jet (build)"),
    ("The opposition leader, detained by police on Monday, was freed.", "police -> the leader"),
    ("Three soldiers killed in the blast were buried.", "no claim of 'killed': no agent"),
    ("The channel, disputed by Chile and Peru, was closed.", "no claim: a verb coded only by its CAMEO default"),
))
def participle_arguments(ctx: Context, tok: Token) -> tuple[list[str], list[Token]]:
    """A past participle modifying a noun ('a jet built by Airbus', 'a man detained by police') is a passive
    whose patient is that noun: the agent from its by-phrase, none without one (no claim). Only for a named
    predicate, a pattern or a news relation: a descriptive participle coded by nothing but its verb's CAMEO
    default ('the channel, disputed by', 'nationals suspected by the West of') is background, not the event
    the sentence reports."""
    agents = [p for a in children(tok, "agent") for p in children(a, "pobj")]
    agents += [p for pr in children(tok, "prep") if pr.lower_ == "by" for p in children(pr, "pobj")]
    return _keys(ctx, agents), [tok.head]


@rule("nominal_arguments", 1, reads=("light_verbs.txt", "denials.txt", "countries.tsv"), examples=(
    ("Germany's expulsion of the attaché was criticised.", "Germany -> the attaché"),
    ("The rebels launched an attack on the base.", "the rebels -> the base (light verb)"),
    ("Russian sanctions against Latvia took effect.", "Russia -> Latvia"),
))
def nominal_arguments(ctx: Context, tok: Token, ev: Event) -> tuple[list[str], list[Token]]:
    """Agent of an event noun from its possessive, a national or named modifier, a by-phrase, the subject
    of a light verb or of a denial ('denied any plot'); target from its prepositions."""
    if ev.predicate == "relocate" and tok.dep_ == "dobj":
        return relocation_mover(ctx, tok)
    lex = lexicon()
    subj: str | None = None
    for c in tok.children:
        if c.dep_ == "poss":
            subj = ctx.arg_key(c)
        elif c.dep_ in ("amod", "compound", "nmod") and subj is None:
            m = ctx.mention_at(c)
            if m is not None:
                subj = ctx.country_key(m.surface) if m.label == "NORP" else ctx.key_of(m)
            elif c.lower_ in lex.country_of:
                subj = ctx.country_key(c.text)
        elif c.dep_ == "prep" and c.lower_ == "by":
            for p in children(c, "pobj"):
                subj = ctx.arg_key(p, allow_source=True) or subj
    preps = (ev.prep,) if ev.prep else ("of", "against", "on", "at", "with", "to")
    objs = [p for pr in children(tok, "prep") if pr.lower_ in preps for p in children(pr, "pobj")]
    subjs = [subj] if subj else []
    head = tok.head
    if not objs and tok.dep_ == "dobj" and is_light(head):  # "imposed sanctions on X"
        objs = [p for pr in children(head, "prep") if pr.lower_ in preps for p in children(pr, "pobj")]
    if not subjs and tok.dep_ == "dobj" and head.lemma_.lower() in lex.denials and ev.predicate not in ("accuse", "deny"):
        subjs = _keys(ctx, children(head, "nsubj"))  # "officials denied any plot": the deniers
    if not subjs and tok.dep_ in ("dobj", "pobj") and (is_light(head)
                                                        or head.head.lemma_.lower() + " " + head.lower_ in vocabulary().light):
        verb = head if head.pos_ == "VERB" else head.head
        subjs = _keys(ctx, children(verb, "nsubj")) or controlled_subject(ctx, verb)
        if not subjs and children(verb, "agent"):
            subjs = _keys(ctx, [p for a in children(verb, "agent") for p in children(a, "pobj")])
    if not subjs and ev.source == "news":
        subjs = _keys(ctx, noun_controller(tok) or [])  # "Aeroflot negotiated the purchase of 22 jets": Aeroflot
    if not objs:
        for x in children(tok, "acl", "relcl"):
            objs = children(x, "dobj") + [p for pr in children(x, "prep") if pr.lower_ in ("against", "on", "at")
                                          for p in children(pr, "pobj")]
    return subjs, objs


def _targets(ctx: Context, toks: list[Token]) -> list[tuple[str | None, str | None]]:
    """(key, text) of each object; the target of a planned event when the object is that event ('plotted an
    attack on X' -> X); coordinated and appositive-coordinated objects each."""
    out = []
    toks = [next((p for pr in children(t, "prep") if pr.lower_ in ("on", "against") for p in children(pr, "pobj")), t)
            if is_nominal_event(t) else t for t in toks]
    for t in toks:
        part = [p for pr in t.children if pr.dep_ == "prep" and pr.lower_ == "of" for p in pr.children if p.dep_ == "pobj"]
        listed = [x for x in with_conj(t)[1:] if x.ent_type_ == "PERSON"]
        if t.like_num and part:
            t = part[0]  # "two of its diplomats, A and B"
        if t.ent_type_ in ("DATE", "TIME", "CARDINAL") or t.like_num or t.pos_ in ("PRON", "DET") and ctx.arg_key(t) is None:
            continue  # "settled in 2016": a time, not a destination; "what": no argument at all
        named = listed_persons(t) or listed or group_named_nearby(t)
        if named and t.ent_type_ != "PERSON":  # "two diplomats, A and B": A and B, one claim each
            toks_here = named
        else:
            extra = [c for ap in t.children if ap.dep_ == "appos" for c in ap.children if c.dep_ == "conj"]
            toks_here = with_conj(t) + extra
        for x in toks_here:
            text = ctx.np_text(x)
            key = ctx.arg_key(x) or next((k for a in x.children if a.dep_ == "appos" for k in [ctx.arg_key(a)] if k), None)
            out.append((key, text if len(text.split()) <= 10 else None))  # "the capital, Juba": Juba
    return out


@dataclass(frozen=True)
class GroupLexicon:
    generic: frozenset[str]
    definite: frozenset[str]
    naming: frozenset[str]
    cardinals: dict[str, int]


@lru_cache(maxsize=1)
def group_lexicon() -> GroupLexicon:
    d = lexicon_json("group_reference.json")
    return GroupLexicon(frozenset(d["generic_nouns"]), frozenset(d["definite"]), frozenset(d["naming_verbs"]), d["cardinals"])


def _count(tok: Token) -> int | None:
    """How many persons a group noun phrase counts ('two diplomats', 'both men', 'the pair'); None if untold."""
    cardinals = group_lexicon().cardinals
    for c in tok.children:
        if c.dep_ in ("nummod", "det", "predet", "quantmod"):
            if c.text.isdigit():
                return int(c.text)
            if c.lower_ in cardinals:
                return cardinals[c.lower_]
    return cardinals.get(tok.lower_)


def _definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "predet") and c.lower_ in group_lexicon().definite for c in tok.children)


def listed_persons(tok: Token) -> list[Token]:
    """The persons a noun names: in apposition ('two envoys, A and B') or through a naming verb ('named the
    two men as A and B', 'the envoys, identified as A and B')."""
    naming = group_lexicon().naming
    out = [x for ap in children(tok, "appos") if ap.ent_type_ == "PERSON" for x in with_conj(ap)]
    verbs = [a for a in children(tok, "acl") if a.lemma_.lower() in naming]
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in naming:
        verbs.append(tok.head)
    out += [x for v in verbs for pr in children(v, "prep") if pr.lower_ == "as" for p in children(pr, "pobj")
            if p.ent_type_ == "PERSON" for x in with_conj(p)]
    return [x for x in out if x.ent_type_ == "PERSON" or x.pos_ == "PROPN"]  # a listed name the NER missed too


@rule("group_named_nearby", 1, reads=("group_reference.json",), examples=(
    ("Peru expelled two Bolivian consuls. The two men, Juan Quispe and Luis Mamani, left on Friday.",
     "Peru expel -> Juan Quispe, Peru expel -> Luis Mamani"),
    ("Kenya deported three journalists. The ministry named the journalists as Ann Li, Tom Berg and Maria Lopez.",
     "one deport claim per journalist ('named ... as' in the next sentence)"),
    ("Peru expelled two Bolivian consuls. The three men, A, B and C, were arrested.", "no names: three is not two"),
    ("Peru expelled two consuls. Talks stalled. The expelled consuls, Ivo Rojas and Ana Paz, flew home.",
     "one claim per consul: the event's participle names the group later"),
))
def group_named_nearby(tok: Token) -> list[Token]:
    """A counted or definite group object ('two diplomats', 'the envoys') whose members its own sentence does
    not name stands for the persons named for that group in the sentence right before or after, or later in
    the article by the event's own participle ('the expelled men, A and B'): a noun phrase with the same head
    noun or a generic one ('the two men'), referring back (definite) when it follows, in apposition with the
    persons or named as them ('named the two men as A and B'), as many as both phrases count. Exactly one
    such group, else none: the graph does not guess among groups."""
    g = group_lexicon()
    if tok.ent_type_ or tok.pos_ != "NOUN" or not (tok.tag_ == "NNS" or tok.lower_ in g.cardinals):
        return []
    n = _count(tok)
    if n is None and not _definite(tok):
        return []  # a bare plural ('expelled diplomats') is no group the text counts or refers back to
    doc, sent = tok.doc, tok.sent
    near = ([doc[sent.start - 1].sent] if sent.start > 0 and _definite(tok) else []) + \
           ([doc[sent.end].sent] if sent.end < len(doc) else [])
    verb = tok.head.lemma_.lower() if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB" else None
    cands = [(c, other.start > sent.start) for other in near for c in other]
    later = [s for s in doc.sents if s.start > sent.start and s not in near] if verb else []  # not Token.sent per token
    cands += [(c, True) for s in later for c in s
              if any(a.dep_ == "amod" and a.lemma_.lower() == verb for a in c.children)]  # "the expelled men, A and B"
    found = []
    for c, later in cands:
        if c.pos_ != "NOUN" or c.lemma_.lower() not in {tok.lemma_.lower()} | g.generic:
            continue
        if later and not _definite(c):
            continue  # the later phrase must refer back ('the two men'), not introduce a new group
        names = listed_persons(c)
        if len(names) >= 2 and all(k in (None, len(names)) for k in (n, _count(c))) and names not in found:
            found.append(names)
    return found[0] if len(found) == 1 else []


def arguments(ctx: Context, tok: Token, ev: Event) -> Args:
    """One (subject, object, value) per subject and object; none without a subject."""
    subjs, objs = (verbal_arguments if tok.pos_ == "VERB" else nominal_arguments)(ctx, tok, ev) or ([], [])
    if not subjs:
        return []
    targets = _targets(ctx, objs)
    if ev.predicate == "relocate" and not any(k for k, _ in targets):
        return []  # "moved" without a place says nothing about where
    if not actor_target(ev, targets) and not any(_actor_like(ctx, o) for o in objs):
        return []  # "banned opposition candidates": persons, an actor the name finder does not name
    out: Args = []
    for subj in subjs:
        keys = [(k, v) for k, v in targets if k != subj] or [(None, v) for _, v in targets[:1]] or [(None, None)]
        out.extend((subj, k, v if k is None else None) for k, v in keys)
    return out


@rule("actor_target", 3, reads=("predicates.json:actor_target_types",), examples=(
    ("The carmaker cut the price of its sedan.", "no claim: a coercive code without an actor as target"),
    ("Serbia blocked Kosovo's application.", "kept: named target"),
    ("The Senate discussed the budget on Sunday.", "no claim: a consultation is between actors"),
    ("Kazakhstan improved its record on press freedom.", "no claim: so is a cooperation"),
    ("Japan increased its trade with Vietnam.", "kept: the partner Vietnam is the target"),
))
def actor_target(ev: Event, targets: list[tuple[str | None, str | None]]) -> bool:
    """A verb coded only by its default (no pattern, no named predicate) as an act between actors (sanction,
    coerce, threaten, mobilize, consult, cooperate) needs an actor as its target, or none: 'aborted the launch'
    is no sanction, 'discussed the budget' no consultation, 'improved its record' no cooperation. (An assault
    on a hospital is one: violence keeps things as targets.)"""
    if ev.source != "default" or ev.plover not in vocabulary().actor_target_types:
        return True
    return not targets or any(k for k, _ in targets)


@rule("relocation_mover", 1, reads=("predicates.json:nouns",), examples=(
    ("The dissidents were granted asylum in Norway in 2015.", "the dissidents relocate -> Norway"),
    ("Sweden gave the journalist refuge in Stockholm.", "the journalist relocate -> Stockholm"),
))
def relocation_mover(ctx: Context, tok: Token) -> tuple[list[str], list[Token]]:
    """A relocation noun as the object of a verb ('granted asylum in X', 'found refuge in X'): the one who
    moves is the receiver (passive subject, indirect object, else the subject) and the place comes from the
    verb's or the noun's 'in'/'to' phrase. The granting verb's agent is not the mover."""
    verb = tok.head
    movers = children(verb, "nsubjpass") or children(verb, "dative") or children(verb, "nsubj")
    preps = vocabulary().object_preps["relocate"]
    places = [p for pr in children(verb, "prep") + children(tok, "prep") if pr.lower_ in preps for p in children(pr, "pobj")]
    return _keys(ctx, movers[:1]), places


@rule("reporter_itself", 1, reads=("speech_verbs.txt",), examples=(
    ("Syria says it will withdraw its troops.", "'it' = Syria"),
    ("Palestinian leaders said they would boycott the talks.", "'they' = 'Palestinian leaders'"),
))
def reporter_itself(ctx: Context, tok: Token) -> str | None:
    """'Syria says it will …': a pronoun 'it'/'they' subject in a reported clause stands for the reporting
    subject when that is a country or organisation (not a person: 'he' is resolved elsewhere)."""
    if tok.lower_ not in ("it", "they") or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for a in list(tok.ancestors)[:3]:
        if a.lemma_.lower() in lexicon().speech_verbs:
            for s in children(a, "nsubj"):
                k = ctx.arg_key(s) or group_actor(ctx, s)
                if k and not k.startswith("PERSON:"):
                    return k
            return None
    return None
