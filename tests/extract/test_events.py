"""Event claims on general news (business, sport, science, courts, diplomacy, conflict), written for these
tests: the PLOVER-typed vocabulary compiled from CAMEO, event status (what became of the event) apart from
modality (how it is asserted), and arguments from the parse. Every claim's evidence must index the text."""

from __future__ import annotations

import pytest

from claimgraph.extract.claims import RULES
from claimgraph.extract.lexicon import lexicon
from claimgraph.model import STATUSES

PUB = "2019-06-04"

# (sentence, claims it must yield, predicates or PLOVER types it must not yield)
# a must-claim is (subject key contains, predicate or PLOVER type, object key or value contains or None, status)
NEWS: list[tuple[str, list[tuple[str, str, str | None, str]], list[str]]] = [
    # diplomacy
    ("Chile severed diplomatic ties with Peru on Monday.", [("chile", "SANCTION", "peru", "occurred")], ["ASSAULT"]),
    ("Albania cut ties with Iran after the cyberattack.", [("albania", "SANCTION", "iran", "occurred")], []),
    ("Germany expelled two Russian diplomats in April.", [("germany", "expel", None, "occurred")], []),
    ("Russia expelled ten Polish diplomats in retaliation.", [("russia", "expel", None, "occurred")], []),
    ("Serbia recalled its ambassador from Montenegro.", [("serbia", "SANCTION", "montenegro", "occurred")], []),
    ("France recalled its ambassadors from Australia and the United States.",
     [("france", "SANCTION", "australia", "occurred"), ("france", "SANCTION", "united states", "occurred")], []),
    ("Canada suspended aid to Niger after the coup.", [("canada", "SANCTION", "niger", "occurred")], []),
    ("The European Union imposed sanctions on Belarus last week.", [("european union", "sanction", "belarus", "occurred")], []),
    ("President Macron met Chancellor Scholz in Berlin on Tuesday.", [("macron", "CONSULT", "scholz", "occurred")], []),
    ("Biden met Xi in Bali in November.", [("biden", "meet", "xi", "occurred")], []),
    ("The Senate discussed the budget on Sunday.", [], ["CONSULT"]),  # a consultation is between actors
    ("Kenya discussed the border plan with Uganda last year.", [("kenya", "CONSULT", "uganda", "occurred")], []),
    ("The treaty is expected to be signed by Chile in May.", [("chile", "AGREE", None, "future")], []),
    ("Saudi Arabia hosted talks between the warring parties in Jeddah.", [("saudi arabia", "AGREE", None, "occurred")], []),
    ("Ukraine accused Russia of shelling the plant.", [("ukraine", "DISAPPROVE", "russia", "occurred")], []),
    ("Ethiopia accused Egypt of backing the rebels.", [("ethiopia", "DISAPPROVE", "egypt", "occurred")], []),
    ("Greece criticised Turkey over the drilling.", [("greece", "DISAPPROVE", "turkey", "occurred")], []),
    ("Egypt condemned the Israeli airstrike on Gaza.",
     [("egypt", "DISAPPROVE", "airstrike", "occurred"), ("israel", "attack", None, "occurred")], []),
    ("The United Nations condemned the coup in Myanmar.", [("united nations", "DISAPPROVE", "coup", "occurred")], []),
    ("The Kenyan government rejected the proposal from Somalia.", [("kenya", "REJECT", "proposal", "occurred")], []),
    ("The United States demanded the release of the journalist from Russia.",
     [("united states", "DEMAND", "russia", "occurred")], []),
    ("The World Health Organization urged China to share data on the outbreak.",
     [("world health organization", "DEMAND", "china", "occurred")], []),
    ("The minister said Libya must hand over the suspects, Reuters reported.", [], ["ASSAULT"]),
    ("Morocco and Israel restored diplomatic relations in December 2020.",
     [("morocco", "SUPPORT", None, "occurred"), ("israel", "SUPPORT", None, "occurred")], []),
    ("The Dutch government apologized to Indonesia for colonial violence.", [("netherlands", "SUPPORT", "indonesia", "occurred")], []),
    # what is threatened is the threat's content (its target the threat's), not an event of its own
    ("Iran threatened to retaliate against Israel.", [("iran", "threaten", "israel", "occurred")], ["ASSAULT"]),
    ("Venezuela released six Americans on Saturday.", [("venezuela", "release", None, "occurred")], []),
    ("Poland offered to host the summit.", [("poland", "AGREE", None, "occurred"), ("poland", "AGREE", "summit", "planned")], []),
    # announced hostile acts are threats (PLOVER THREATEN); a violent plan stays a planned act
    ("Turkey plans to close its border with Syria.", [("turkey", "THREATEN", "syria", "planned")], ["COERCE"]),
    ("Palestinian leaders said they would boycott the talks.",
     [("palestinian leaders", "THREATEN", None, "hypothetical")], []),
    ("Colombian rebels planned to bomb a bridge in Cali.", [("colombian rebels", "attack", "bridge", "planned")], ["THREATEN"]),
    # what is demanded or refused is the demand's content, not an event of its own
    ("Chile said Bolivia must release the two soldiers.", [("chile", "DEMAND", "bolivia", "occurred")], ["release", "CONCEDE"]),
    ("Peru refused to send troops to Haiti.", [("peru", "REJECT", None, "occurred")], ["AID", "MOBILIZE"]),
    # a modifier and noun read together; a formal agreement signed is SUPPORT (PLOVER)
    ("Kurdish prisoners began a hunger strike on Monday.", [("kurdish prisoners", "PROTEST", None, "occurred")], ["ASSAULT"]),
    ("Chile and Peru signed a trade agreement in Lima.",
     [("chile", "SUPPORT", None, "occurred"), ("peru", "SUPPORT", None, "occurred")], ["AGREE"]),
    # business
    ("Microsoft plans to open a new office in Nairobi.", [], ["plot", "THREATEN", "AGREE"]),
    ("Greenpeace plans to ask prosecutors to reopen the case.", [], ["plot", "THREATEN"]),
    ("Apple targeted Samsung with an advertising campaign.", [], ["attack", "ASSAULT", "FIGHT"]),
    ("Airbus discovered a fault in the A350 wing.", [], ["foil", "COERCE"]),
    ("Ford aborted the launch of its new pickup.", [], ["foil", "COERCE", "SANCTION"]),
    ("Tesla cut prices in China by ten percent.", [], ["SANCTION", "COERCE"]),
    ("The company cut spending on research.", [], ["SANCTION"]),
    ("Toyota recalled two million cars in Japan.", [], ["SANCTION"]),
    ("Amazon agreed to buy the robot maker iRobot.",
     [("amazon", "agree", None, "occurred"), ("amazon", "buy", "robot maker", "planned")], []),
    ("Nvidia will invest ten billion dollars in France.", [("nvidia", "AGREE", None, "future")], []),
    ("Boeing denied that its engineers ignored the warnings.", [("boeing", "deny", None, "occurred")], []),
    ("The Federal Reserve raised interest rates on Wednesday.", [], ["ASSAULT", "COERCE"]),
    ("The regime is carrying out a demonization campaign against its critics.", [], ["attack", "ASSAULT"]),
    # sport
    ("Barcelona signed the Brazilian striker Raphinha from Leeds.", [], ["ASSAULT", "FIGHT"]),
    ("Real Madrid beat Bayern Munich in the semi-final.", [], ["ASSAULT", "FIGHT"]),
    ("Manchester United sacked its manager after a string of defeats.", [], ["ASSAULT"]),
    # science
    ("NASA and the European Space Agency agreed to cooperate on a Mars mission.",
     [("nasa", "agree", None, "occurred"), ("european space agency", "agree", None, "occurred"),
      ("nasa", "AGREE", "mars mission", "planned")], []),
    ("NASA launched a new telescope from French Guiana.", [], ["ASSAULT", "FIGHT"]),
    # courts and police
    ("Prosecutors charged the former mayor of Lyon with fraud.", [], ["detain"]),
    ("The jury acquitted Rittenhouse of all charges.", [], ["ASSAULT"]),
    ("Kenyan police arrested a suspect in Nairobi.", [("kenya", "arrest", "suspect", "occurred")], []),
    ("Police in Vienna thwarted an attack on the Pride parade.", [("police", "foil", None, "occurred")], ["attack"]),
    ("The plot to kill the Pope was foiled by Italian police.", [("italy", "foil", "plot", "occurred")], []),
    ("Italian police foiled a plot by the Mafia to kill a judge.",
     [("italy", "foil", None, "occurred"), ("mafia", "plot", None, "prevented")], []),
    # conflict
    ("Russian forces shelled Kharkiv on Thursday.", [("russia", "FIGHT", "kharkiv", "occurred")], []),
    ("Ukrainian troops attacked Russian positions near Bakhmut.", [("ukrainian troops", "FIGHT", "positions", "occurred")], []),
    ("Houthi rebels attacked a ship in the Red Sea.", [("houthi rebels", "attack", "ship", "occurred")], []),
    ("Sudanese rebels shelled the regional capital Juba on Sunday.", [("sudanese rebels", "FIGHT", "juba", "occurred")], []),
    ("Iranian hackers launched a cyberattack on the Albanian government in July.",
     [("iranian hackers", "attack", "albania", "occurred")], []),
    ("Hezbollah guerrillas killed the deputy chief of the militia.", [("hezbollah guerrillas", "kill", "chief", "occurred")], []),
    ("The Nigerian army killed twelve militants in Borno.", [("nigeria", "kill", "militants", "occurred")], []),
    # destroying property is COERCE in the PLOVER summary (the CAMEO table says ASSAULT)
    ("The Israeli army demolished Palestinian homes in Hebron.", [("israel", "COERCE", "homes", "occurred")], ["ASSAULT"]),
    ("Greenpeace activists staged a protest outside the Shell headquarters in London.",
     [("greenpeace activists", "PROTEST", None, "occurred")], []),
    ("Iran tried to attack the dissidents in Paris.", [("iran", "attack", "dissidents", "attempted")], []),
    ("Iran already tried to attack the exiles at a gathering in 2018.", [("iran", "attack", "exiles", "attempted")], []),
    ("The regime twice attempted to bomb the opposition rally in Berlin.", [("regime", "attack", "rally", "attempted")], []),
    ("Chinese hackers attempted to break into the Pentagon network.", [("chinese hackers", "ASSAULT", None, "attempted")], []),
    ("Boko Haram gunmen wounded two police officers in Maiduguri.", [("boko haram gunmen", "ASSAULT", "officers", "occurred")],
     ["FIGHT"]),
    ("Chadian troops shelled the rebel base near Abeche.", [("chadian troops", "FIGHT", "base", "occurred")], ["ASSAULT"]),
    ("The ILO demanded that Israel ease restrictions on Palestinian workers.",
     [("ilo", "DEMAND", "israel", "occurred")], ["CONCEDE"]),  # what is demanded is the demand's content
    ("Germany is expected to expel the attaché next week.", [("germany", "expel", "attaché", "future")], []),
    ("Colombia is to resume peace talks with the ELN in Havana.", [("colombia", "AGREE", "eln", "future")], []),
    ("Sweden would join NATO if Turkey approved.", [("sweden", "CONSULT", "nato", "hypothetical")], []),
    ("The spokesman denied that Ukraine attacked the bridge.", [("ukraine", "attack", "bridge", "occurred")], []),
    # targets: the recipient of a thing given, the action a threat or refusal governs, the maker of a proposal
    ("Norway will provide medical aid to Sudanese refugees.", [("norway", "AGREE", "sudanese refugees", "future")], []),
    ("Ghana threatened to ban Nigerian traders from its markets.",
     [("ghana", "THREATEN", "nigerian traders", "occurred")], ["COERCE"]),
    ("Peru refused to hand over the archive to Bolivia.", [("peru", "REJECT", "bolivia", "occurred")], []),
    ("Chile rejected a Peruvian plan for the border.", [("chile", "REJECT", "peru", "occurred")], []),
    ("The Supreme Court rejected Trump's appeal.", [("supreme court", "REJECT", "trump", "occurred")], []),
    # a weapon or blast named as what did the harm is the agent the sentence gives
    ("A roadside bomb killed two soldiers near Kandahar.", [("roadside bomb", "kill", "two soldiers", "occurred")], []),
    ("Three miners were killed in a gas explosion in Shanxi.", [("gas explosion", "kill", "miners", "occurred")], []),
    # the harm a use of force did ("…, killing twelve") is that event's, not a second event
    ("Rwandan rebels shelled Goma on Sunday, killing twelve civilians.", [("rwandan rebels", "FIGHT", "goma", "occurred")],
     ["kill"]),
    ("Hamas has sworn to fight on until Israel withdraws.", [("hamas", "THREATEN", None, "future")], ["DISAPPROVE"]),
    ("Serbia criticised Kosovo's refusal to join the talks.",
     [("serbia", "DISAPPROVE", None, "occurred"), ("kosovo", "REJECT", None, "occurred")], ["CONSULT"]),
    ("Amnesty renewed its demand that Egypt release the journalists.", [("amnesty", "DEMAND", None, "occurred")],
     ["release"]),
    # a change of state, a compound modifier and a quantity word name no event (or no pattern)
    ("Kenyan reporters went missing in Somalia.", [], ["CONSULT"]),
    ("Chadian troops captured part of the airport in Abeche.", [("chadian troops", "COERCE", None, "occurred")],
     ["CONSULT"]),
    ("Oxfam halted aid deliveries to Gaza.", [], ["COOPERATE", "AID"]),
    # PLOVER summary over the CAMEO table: lifting a curfew is CONCEDE, a resignation RETREAT
    ("Sudan lifted the curfew in Khartoum.", [("sudan", "CONCEDE", "curfew", "occurred")], ["RETREAT"]),
    ("Finance Minister Ana Costa resigned on Friday.", [("ana costa", "RETREAT", None, "occurred")], ["CONCEDE"]),
    # a cooperation coded only by a verb's default needs an actor as target: improving a record is none
    ("Kazakhstan improved its record on press freedom.", [], ["COOPERATE", "AGREE"]),
    ("Japan increased its trade with Vietnam.", [("japan", "COOPERATE", "vietnam", "occurred")], []),
    # a news relation wins over a CAMEO synonym set's default ('introduce' sits with verbs of meeting)
    ("Sony introduced a new camera in Tokyo.", [("sony", "launch", "camera", "occurred")], ["CONSULT"]),
    ("Nokia unveiled a foldable phone in Berlin.", [("nokia", "launch", "phone", "occurred")], ["SUPPORT"]),
    ("Britain will leave the European Union in March.", [("britain", "leave", "european union", "future")],
     ["AGREE", "CONSULT"]),
    # 'raged' is 'rage', not 'rag' (CAMEO spells rag's forms 'ragged', 'ragging'): no harassment
    ("Street battles raged in Mogadishu on Sunday.", [], ["PROTEST"]),
    ("Clashes were raging between the militias in Tripoli.", [], ["PROTEST"]),
    # a bare-preposition pattern is its own verb's idiom: 'break with' is a threat, 'beat up ... with' a beating
    ("Kenyan police beat up the protesters with batons in Nairobi.", [("kenya", "ASSAULT", "protesters", "occurred")],
     ["THREATEN"]),
    ("The Socialist Party broke with the governing coalition in May.",
     [("socialist party", "THREATEN", "coalition", "occurred")], []),
    ("The Greek minister headed for Ankara on Monday.", [("greek minister", "CONSULT", "ankara", "occurred")], []),
    # an announced cooperation, negated, is a refusal (PLOVER REJECT); a past act not done stays a negated one
    ("Syria says it will not accept more refugees.", [("syria", "REJECT", "refugees", "future")], ["AGREE"]),
    ("Hungary won't join NATO.", [("hungary", "REJECT", "nato", "future")], ["AGREE", "CONSULT"]),
    ("Peru did not accept the offer.", [("peru", "AGREE", "offer", "occurred")], ["REJECT"]),
    # 'force out' is a phrasal verb of expulsion, as 'kick out' (not a bare coercion)
    ("Uganda forced the Kenyan diplomats out of Kampala.", [("uganda", "expel", None, "occurred")], ["COERCE"]),
    ("Rising costs forced the airline to cut jobs.", [], ["expel"]),
]

# (sentence, trigger word, status the event must have)
STATUS: list[tuple[str, str, str]] = [
    ("Iran tried to attack the dissidents in Paris.", "attack", "attempted"),
    ("The regime twice attempted to bomb the opposition rally in Berlin.", "bomb", "attempted"),
    ("This is the third attempt the regime has mounted this year to kill exiles in France.", "kill", "attempted"),
    ("A failed attack on the Turkish embassy left two guards wounded.", "attack", "attempted"),
    ("Belgium arrested a cell that planned to carry out attacks in Brussels.", "attacks", "planned"),
    ("The group plotted to assassinate the governor of Kano.", "assassinate", "planned"),
    ("Officials said Russia was behind a plot to attack the embassy in Vilnius.", "attack", "planned"),
    ("The militia intends to seize the port of Hodeidah.", "seize", "planned"),
    ("Police foiled a plan by the gang to attack the bank.", "attack", "prevented"),
    ("Spanish police thwarted an attack on the stadium.", "attack", "prevented"),
    ("The attack on the consulate was foiled by Greek police.", "attack", "prevented"),
    ("The foiled bombing targeted a stadium in Madrid.", "bombing", "prevented"),
    ("The charity halted aid deliveries to the port after the attack by the militia.", "attack", "occurred"),
    ("Guards stopped the convoy during the raid on the camp.", "raid", "occurred"),
    ("Germany will expel the attaché next week.", "expel", "future"),
    ("The president is to visit Kenya in May.", "visit", "future"),
    ("Egypt is set to host the summit in November.", "host", "future"),
    ("North Korea threatened to strike Guam.", "strike", "future"),
    ("The union would strike if wages were cut.", "strike", "hypothetical"),
    ("If the talks fail, the army will attack the city.", "fail", "hypothetical"),
    ("Chile expelled the Peruvian envoy on Monday.", "expelled", "occurred"),
    ("Italian police arrested the suspects in Rome.", "arrested", "occurred"),
    ("Syria refused to withdraw its troops from Lebanon.", "refused", "occurred"),
]

# (sentence, trigger word, modality, attributed-to key contains or None)
MODALITY: list[tuple[str, str, str, str | None]] = [
    ("Russia denied that Russian troops shelled the hospital in Kherson.", "shelled", "denied", "russia"),
    ("The spokesman denied that Ukraine attacked the bridge.", "attacked", "denied", "spokesman"),
    ("Poland never sanctioned Hungary.", "sanctioned", "negated", None),
    ("Chile did not expel the Peruvian envoy.", "expel", "negated", None),
    ("Peru did not accept the offer.", "accept", "negated", None),
    ("Syria says it will not accept more refugees.", "accept", "asserted", "syria"),  # the refusal is asserted
    ("Sudanese militias allegedly attacked the camp in Darfur.", "attacked", "hedged", None),
    ("Iran is believed to have attacked the tanker near Fujairah.", "attacked", "hedged", None),
    ("Senator Warren denounced what Trump called a plot by Iran.", "plot", "hedged", "trump"),
    ("Chile expelled the Peruvian envoy, Reuters reported.", "expelled", "asserted", "reuters"),
    ("Kenyan police arrested a suspect in Nairobi.", "arrested", "asserted", None),
]

# (sentence, trigger, subjects the event must have (key contains), object key or value contains or None)
ARGUMENTS: list[tuple[str, str, list[str], str | None]] = [
    # control and raising
    ("Iran tried to attack the dissidents in Paris.", "attack", ["iran"], "dissidents"),
    ("Moscow is believed to have attacked the tanker near Fujairah.", "attacked", ["moscow"], "tanker"),
    ("Hungary wants to expel the Dutch ambassador.", "expel", ["hungary"], "ambassador"),
    # passive with and without a by-agent
    ("The Dutch ambassador was expelled by Hungary on Friday.", "expelled", ["hungary"], "ambassador"),
    ("The Dutch ambassador was expelled on Friday.", "expelled", [], None),
    # coordination: two subjects, two claims; two objects, two claims
    ("Chile and Peru expelled the Bolivian envoy.", "expelled", ["chile", "peru"], "envoy"),
    ("Latvia expelled the Russian attaché and the Belarusian consul.", "expelled", ["latvia"], "consul"),
    # apposition
    ("Kanaani, the spokesman of the Iranian foreign ministry, condemned Albania.", "condemned", ["kanaani"], "albania"),
    # relative clause
    ("Police arrested the Kurdish man who attacked Sweden's embassy.", "attacked", ["kurdish man"], "sweden"),
    # nominal events and light verbs
    ("Germany's expulsion of the Iranian attaché angered Tehran.", "expulsion", ["germany"], "attaché"),
    ("The Russian army launched an attack on Kharkiv.", "attack", ["russia"], "kharkiv"),
    ("The European Union imposed sanctions on Belarus last week.", "sanctions", ["european union"], "belarus"),
    # the pattern's preposition is the target
    ("Chile severed diplomatic ties with Peru on Monday.", "severed", ["chile"], "peru"),
    # no agent, but a weapon named as the cause; none at all: no claim
    ("Two guards were wounded by a hand grenade.", "wounded", ["hand grenade"], "guards"),
    ("Two guards were wounded.", "wounded", [], None),
    # the acts of an accusation's list are the accused's alleged acts, never the accuser's own
    ("Oxfam accused the Ethiopian police of beating students, ignoring court rulings and detaining reporters.",
     "detaining", [], None),
    ("Greenpeace accused the Brazilian army of burning forests, ignoring fines and detaining activists.",
     "detaining", [], None),
    ("Greenpeace accused Shell of polluting the delta and sued Shell in a Dutch court.", "sued", ["greenpeace"], "shell"),
    # 'it' in an adverbial clause is the main clause's subject: a thing here, not the last state named
    ("Kenya bought six new trains in May. The train was leaving the station before it was due to travel to Mombasa.",
     "travel", [], None),
    ("Ford cut 300 jobs after it lost a contract with the army.", "lost", ["ford"], "contract"),
]


def _assert_offsets(text: str, ex) -> None:
    for c in ex.claims:
        ev = c.evidence
        assert 0 <= ev.start < ev.end <= len(text) and text[ev.start:ev.end] == ev.text, c
        assert ev.status in STATUSES, c
        assert c.subject, c
        if lexicon().plover.get(c.predicate):  # an event: its trigger word located in the sentence
            assert ev.start <= c.trigger_start < c.trigger_end <= ev.end, c
            assert text[c.trigger_start:c.trigger_end] == c.trigger, c


@pytest.fixture
def check(extract):
    def run(text: str):
        ex = extract(text, PUB)
        _assert_offsets(text, ex)
        return ex

    return run


def _typed(c) -> set[str]:
    return {c.predicate, lexicon().plover.get(c.predicate) or ""}


def _arg(c) -> str:
    return (c.object or c.value or "").lower()


def _show(ex) -> list:
    return [(c.subject, c.predicate, c.object or c.value, c.evidence.status, c.evidence.modality) for c in ex.claims]


@pytest.mark.parametrize("text,must,must_not", NEWS, ids=[t[:40] for t, _, _ in NEWS])
def test_news_claims(check, text, must, must_not):
    ex = check(text)
    for subj, kind, obj, status in must:
        assert any(subj in c.subject.lower() and kind in _typed(c) and (obj is None or obj in _arg(c))
                   and c.evidence.status == status for c in ex.claims), (subj, kind, obj, status, _show(ex))
    for kind in must_not:
        assert not any(kind in _typed(c) for c in ex.claims), (kind, _show(ex))


def test_news_table_is_large_enough():
    assert len(NEWS) >= 60


def _at(ex, text: str, word: str) -> list:
    start = text.index(word)
    return [c for c in ex.claims if (c.trigger_start, c.trigger_end) == (start, start + len(word))]


@pytest.mark.parametrize("text,word,status", STATUS, ids=[t[:40] for t, _, _ in STATUS])
def test_status(pipeline, extract, text, word, status):
    """The status rule on the event's token in the real parse, and on every claim the event yields."""
    from claimgraph.extract.claims import event_status

    doc = pipeline.nlp(text)
    start = text.index(word)
    tok = next(t for t in doc if t.idx == start)
    assert event_status(tok) == status, [(t.text, t.dep_, t.head.text) for t in doc]
    ex = extract(text, PUB)
    _assert_offsets(text, ex)
    for c in _at(ex, text, word):
        assert c.evidence.status == status, _show(ex)


def test_no_attempt_plan_or_foil_is_occurred(check):
    """The honesty requirement: an attempt, a plan or a foiled event is never shown as one that happened."""
    text = ("Iran already tried to attack the exiles in Tirana. The regime twice attempted to bomb the rally in Paris. "
            "Belgium arrested a cell that planned to carry out attacks against Brussels. "
            "Dutch police foiled a plot by the gang to kill a judge in Utrecht.")
    ex = check(text)
    violent = [c for c in ex.claims if lexicon().plover.get(c.predicate) in ("ASSAULT", "FIGHT") or c.predicate in ("attack", "kill")]
    assert violent, _show(ex)
    assert all(c.evidence.status != "occurred" for c in violent), _show(ex)


@pytest.mark.parametrize("text,word,modality,by", MODALITY, ids=[t[:40] for t, _, _, _ in MODALITY])
def test_modality(check, text, word, modality, by):
    ex = check(text)
    claims = _at(ex, text, word)
    assert claims, _show(ex)
    for c in claims:
        assert c.evidence.modality == modality, _show(ex)
        if by:
            assert c.evidence.attributed_to and by in c.evidence.attributed_to.lower(), _show(ex)


@pytest.mark.parametrize("text,word,subjects,obj", ARGUMENTS, ids=[t[:40] for t, _, _, _ in ARGUMENTS])
def test_arguments(check, text, word, subjects, obj):
    ex = check(text)
    claims = _at(ex, text, word)
    if not subjects:
        assert not claims, _show(ex)  # no agent, no claim: the graph never invents who did it
        return
    for s in subjects:
        assert any(s in c.subject.lower() and (obj is None or obj in _arg(c)) for c in claims), (s, obj, _show(ex))


def test_coordinated_objects_are_two_claims(check):
    text = "Latvia expelled the Russian attaché and the Belarusian consul."
    ex = check(text)
    assert len([c for c in ex.claims if c.predicate == "expel"]) == 2, _show(ex)


def test_time_only_from_the_event_clause(check):
    """'since 2017' dates the settling, not the foiling; an event in June reported in October is June."""
    ex = check("Exiles who have lived in Tirana since 2017 said Albanian police foiled the plot.")
    foil = [c for c in ex.claims if c.predicate == "foil"]
    assert foil and all(c.time is None for c in foil), _show(ex)
    ex = check("Chile said in October that Peru expelled the envoy in June.")
    expel = [c for c in ex.claims if c.predicate == "expel"]
    assert expel and all(c.time and c.time.endswith("-06") for c in expel), [(c.predicate, c.time) for c in ex.claims]


def test_every_rule_is_registered_with_examples():
    """Each rule: a name, a version, the lexicon keys it reads (or none) and example sentences of its own."""
    assert {"verb_event", "nominal_event", "status_governor", "governor_only", "verbal_arguments", "modality"} <= set(RULES)
    for r in RULES.values():
        assert r.version >= 1 and r.examples and r.fn.__doc__, r.name
