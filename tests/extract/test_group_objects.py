"""A group object ('two consuls', 'the diplomats') stands for the persons named for that group in the same
or an adjacent sentence, or later by the event's own participle ('the expelled consuls, A and B'); never
for another group. Sentences written for these tests (none from the seeds or examples/)."""

from __future__ import annotations

import pytest

PUB = "2021-03-05"  # a Friday

# (text, predicate, subject key contains, the persons the event must be about)
RESOLVED = [
    ("Peru expelled two Bolivian consuls on Thursday. The two men, Juan Quispe and Luis Mamani, left on Friday.",
     "expel", "peru", ["juan quispe", "luis mamani"]),
    ("Kenya deported three journalists on Monday. The ministry named the journalists as Ann Li, Tom Berg and Maria Lopez.",
     "expel", "kenya", ["ann li", "tom berg", "maria lopez"]),
    ("Two consuls, Ivo Rojas and Ana Paz, were accused of spying. Peru expelled the consuls on Thursday.",
     "expel", "peru", ["ivo rojas", "ana paz"]),
    ("Peru expelled two consuls. Talks stalled for a week. The expelled consuls, Ivo Rojas and Ana Paz, flew home.",
     "expel", "peru", ["ivo rojas", "ana paz"]),
    ("Opposition leaders welcomed Chile's decision to expel two diplomats, Maria Garcia and Jose Martinez.",
     "expel", "chile", ["maria garcia", "jose martinez"]),
    ("The two men, Carlos Mendez and Jose Martinez, attacked a guard in Lima.", "attack", "", ["carlos mendez", "jose martinez"]),
]

# (text, predicate): the group must stay a group, no person is made its member
UNRESOLVED = [
    ("Peru expelled two Bolivian consuls. The three men, Juan Quispe, Luis Mamani and Ivo Rojas, were arrested.", "expel"),
    ("Peru expelled two Bolivian consuls. Two men, Juan Quispe and Luis Mamani, were arrested in Lima.", "expel"),
    ("Peru expelled two Bolivian consuls. Chile kept its two envoys, Ana Soto and Rosa Diaz.", "expel"),
    ("Peru expelled consuls last year. The two men, Juan Quispe and Luis Mamani, left on Friday.", "expel"),
    ("Peru expelled two consuls. The two men, Juan Quispe and Luis Mamani, met the two women, Ana Soto and Rosa Diaz.",
     "expel"),
]


def _check_offsets(text: str, ex) -> None:
    for c in ex.claims:
        ev = c.evidence
        assert text[ev.start:ev.end] == ev.text
        if c.trigger_start is not None:
            assert text[c.trigger_start:c.trigger_end] == c.trigger


@pytest.mark.parametrize("text,pred,subj,persons", RESOLVED, ids=[t[:40] for t, _, _, _ in RESOLVED])
def test_group_resolved_to_its_named_members(extract, text, pred, subj, persons):
    ex = extract(text, PUB)
    _check_offsets(text, ex)
    claims = [c for c in ex.claims if c.predicate == pred]
    about = sorted({k.split(":", 1)[1] for c in claims for k in (c.subject, c.object or "") if k.startswith("PERSON:")})
    assert about == sorted(persons), [(c.subject, c.predicate, c.object, c.value) for c in ex.claims]
    assert all(subj in c.subject for c in claims if c.object)


@pytest.mark.parametrize("text,pred", UNRESOLVED, ids=[t[:40] for t, _ in UNRESOLVED])
def test_no_wrong_members(extract, text, pred):
    ex = extract(text, PUB)
    _check_offsets(text, ex)
    claims = [c for c in ex.claims if c.predicate == pred]
    assert claims, [(c.subject, c.predicate, c.object, c.value) for c in ex.claims]
    assert not any((c.object or "").startswith("PERSON:") for c in claims), [(c.subject, c.object, c.value) for c in claims]


def test_a_named_group_is_dated_by_its_own_clause(extract):
    """The time comes from the event's clause ('on Thursday'), not from the sentence that names the group."""
    text = "Peru expelled two Bolivian consuls on Thursday. The two men, Juan Quispe and Luis Mamani, left on Friday."
    ex = extract(text, PUB)
    expel = [c for c in ex.claims if c.predicate == "expel"]
    assert len(expel) == 2 and {c.time for c in expel} == {"2021-03-04"}, [(c.object, c.time) for c in expel]
    assert all(text[c.trigger_start:c.trigger_end] == "expelled" for c in expel)
