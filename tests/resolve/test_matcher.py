"""One matcher (issue 15): resolve() decides every candidate pair with the decision `names compare`
prints, on name tables from several stories and languages of origin; must-not-merge tables; country
official names; demonyms; order never decides."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest
import typer
from typer.testing import CliRunner

from claimgraph.cli.names import names_app
from claimgraph.names import country_code, demonym_country
from claimgraph.resolve.compare import same_entity
from claimgraph.resolve.entities import Cluster, resolve

from .test_compare import DIFFERENT, SAME

# spellings of one name as other stories write them (Arabic, Persian, Russian, Chinese, Korean
# romanisations; companies with and without their legal form)
SAME_ELSEWHERE = [
    ("Muammar al-Qaddafi", "Muammar Gaddafi", "PERSON"),
    ("Hafez el-Assad", "Hafez al-Assad", "PERSON"),
    ("Mahmoud Ahmadinejad", "Mahmud Ahmadinezhad", "PERSON"),
    ("Mohammad Javad Zarif", "Mohammed Javad Zarif", "PERSON"),
    ("Abbas Araghchi", "Abbas Araqchi", "PERSON"),
    ("Yevgeny Prigozhin", "Evgeny Prigozhin", "PERSON"),
    ("Dmitry Peskov", "Dmitri Peskov", "PERSON"),
    ("Bill Clinton", "William Clinton", "PERSON"),
    ("Kim Jong-un", "Kim Jong Un", "PERSON"),
    ("Moon Jae-in", "Moon Jae In", "PERSON"),
    ("Xi Jinping", "Xi Jin-ping", "PERSON"),
    ("Volkswagen Aktiengesellschaft", "Volkswagen AG", "ORG"),
    ("Gazprom PJSC", "Gazprom", "ORG"),
    ("Hezbollah", "Hizbollah", "ORG"),
    ("Mujahedin-e-Khalq Organization", "Mujahedeen-e-Khalq", "ORG"),
    ("People's Mojahedin Organisation of Iran", "People's Mujahedin Organization of Iran", "ORG"),
]

MUST_NOT_MERGE = [
    ("Kim Jong-un", "Kim Jong-il", "PERSON"),
    ("Bashar al-Assad", "Hafez al-Assad", "PERSON"),
    ("Hassan Rouhani", "Hassan Nasrallah", "PERSON"),
    ("Ali Khamenei", "Ali Larijani", "PERSON"),
    ("Homeland Justice", "Mujahedin-e-Khalq", "ORG"),
    ("Homeland Justice", "MEK", "ORG"),
    ("Iran International", "Iran", "ORG"),
    ("Foreign Ministry", "Defence Ministry", "ORG"),
    ("National Council of Resistance of Iran", "Mujahedin-e-Khalq", "ORG"),
    ("North Korea", "South Korea", "GPE"),
    ("Republic of Korea", "Democratic People's Republic of Korea", "GPE"),
    ("Niger", "Nigeria", "GPE"),
    ("Congo", "Democratic Republic of the Congo", "GPE"),
    ("Austria", "Australia", "GPE"),
]

COUNTRY_NAMES = [
    ("Islamic Republic of Iran", "Iran", "IR"),
    ("Russian Federation", "Russia", "RU"),
    ("Republic of Korea", "South Korea", "KR"),
    ("United States of America", "U.S.", "US"),
    ("Syrian Arab Republic", "Syria", "SY"),
]


def merged(a: str, b: str, la: str, lb: str | None = None) -> bool:
    ids = resolve([Cluster("d1", "k1", la, Counter({a: 1})), Cluster("d2", "k2", lb or la, Counter({b: 1}))])
    return ids[("d1", "k1")] == ids[("d2", "k2")]


def _label(schema: str) -> str:
    return "PERSON" if schema == "Person" else "ORG"


@pytest.mark.parametrize(("a", "b", "schema"), SAME + DIFFERENT)
def test_resolve_decides_as_names_compare(a, b, schema):
    """The README's name-pair figures are the pipeline's: resolve() merges exactly what compare says."""
    assert merged(a, b, _label(schema)) == same_entity(a, b, schema).match


@pytest.mark.parametrize(("a", "b", "label"), SAME_ELSEWHERE)
def test_spellings_from_other_stories_merge(a, b, label):
    assert merged(a, b, label), same_entity(a, b, "Person" if label == "PERSON" else "Organization")


@pytest.mark.parametrize(("a", "b", "label"), MUST_NOT_MERGE)
def test_must_not_merge(a, b, label):
    assert not merged(a, b, label)


@pytest.mark.parametrize(("official", "common", "code"), COUNTRY_NAMES)
def test_country_official_names(official, common, code):
    assert country_code(official) == country_code(common) == code
    assert merged(official, common, "GPE")
    assert merged(official, common, "ORG", "GPE")  # NER tags the long official name ORG


def test_capitals_and_demonyms_are_not_country_names():
    assert country_code("Tirana") is None and country_code("Iranian") is None
    assert demonym_country("Iranian") == "Iran" and demonym_country("Albanians") == "Albania"
    assert demonym_country("Iran") is None
    assert not merged("Iranian", "Iran", "NORP", "GPE")


def test_spokesman_and_his_ministry_never_merge():
    clusters = [Cluster("d1", "k1", "PERSON", Counter({"Nasser Kanaani": 2, "Kanaani": 1})),
                Cluster("d1", "k2", "ORG", Counter({"Foreign Ministry": 1})),
                Cluster("d2", "k1", "PERSON", Counter({"Kan'ani": 1})),
                Cluster("d2", "k2", "ORG", Counter({"Iranian Foreign Ministry": 1}))]
    ids = resolve(clusters)
    assert ids[("d1", "k1")] == ids[("d2", "k1")]
    assert ids[("d1", "k1")] != ids[("d1", "k2")] and ids[("d2", "k1")] != ids[("d2", "k2")]


def test_acronyms_defined_in_two_documents_join_through_their_expansions():
    """'Mujahedin-e-Khalq Organization (MKO)' in one story, 'Mujahedeen-e-Khalq (MEK)' in another,
    bare MKO and MEK elsewhere: one entity; Homeland Justice stays apart."""
    clusters = [Cluster("d1", "k", "ORG", Counter({"Mujahedin-e-Khalq Organization": 1, "MKO": 3})),
                Cluster("d2", "k", "ORG", Counter({"Mujahedeen-e-Khalq": 1, "MEK": 2})),
                Cluster("d3", "k", "ORG", Counter({"MKO": 1})),
                Cluster("d4", "k", "ORG", Counter({"MEK": 1})),
                Cluster("d5", "k", "ORG", Counter({"Homeland Justice": 1}))]
    ids = resolve(clusters)
    assert len({ids[(d, "k")] for d in ("d1", "d2", "d3", "d4")}) == 1
    assert ids[("d5", "k")] != ids[("d1", "k")]


def test_a_bare_initial_never_chains_two_full_names():
    """'G. Kazemi' matches both full names; they disagree, so at most one of them takes it."""
    clusters = [Cluster("d1", "k", "PERSON", Counter({"Gholam Hossein Kazemi": 1})),
                Cluster("d2", "k", "PERSON", Counter({"G. Kazemi": 1})),
                Cluster("d3", "k", "PERSON", Counter({"Ghasem Kazemi": 1}))]
    ids = resolve(clusters)
    assert ids[("d1", "k")] != ids[("d3", "k")]


def test_order_never_decides():
    names = [n for a, b, _ in SAME_ELSEWHERE + MUST_NOT_MERGE for n in (a, b)]
    clusters = [Cluster(f"d{i}", "k", "PERSON" if i % 3 else "ORG", Counter({n: 1})) for i, n in enumerate(names)]
    clusters += [Cluster("x1", "k", "PERSON", Counter({"Gholam Hossein Kazemi": 1})),
                 Cluster("x2", "k", "PERSON", Counter({"G. Kazemi": 1})),
                 Cluster("x3", "k", "PERSON", Counter({"Ghasem Kazemi": 1}))]
    first = resolve(clusters)
    for seed in range(3):
        shuffled = clusters[:]
        random.Random(seed).shuffle(shuffled)
        assert resolve(shuffled) == first


@pytest.fixture()
def runner_app():
    app = typer.Typer()
    app.add_typer(names_app, name="names")
    return app


def test_cli_explain(runner_app):
    r = CliRunner().invoke(runner_app, ["names", "compare", "MAKHLOUF, Rami", "Rami Makhlouf", "--explain"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].startswith("match\t") and "same name" in lines[0]
    assert lines[1] == "name1: 'MAKHLOUF, Rami' -> tokens rami makhlouf"
    assert lines[3].startswith("shared blocking keys (PERSON): ") and "none" not in lines[3]
    r = CliRunner().invoke(runner_app, ["names", "compare", "Islamic Republic of Iran", "Iran", "--schema",
                                        "Organization", "--explain", "--json"])
    data = json.loads(r.output)
    assert data["match"] is True and data["reason"] == "same country (IR)"
    assert data["explain"]["name1"]["country"] == "IR" and "g|IR" in data["explain"]["shared_keys"]


def test_type_voted_by_the_corpus():
    """'Rama' tagged ORG in one story and named only as a quoted source in another is the person the
    other stories name in full; a full person name keeps its type against a place's votes."""
    clusters = [Cluster("d1", "k", "PERSON", Counter({"Edi Rama": 2, "Rama": 3})),
                Cluster("d2", "k", "PERSON", Counter({"Prime Minister Edi Rama": 1, "Rama": 2})),
                Cluster("d3", "k", "ORG", Counter({"Rama": 1})),
                Cluster("d4", "k", "SOURCE", Counter({"Rama": 1})),
                Cluster("d5", "k", "GPE", Counter({"Washington": 6})),
                Cluster("d6", "k", "PERSON", Counter({"George Washington": 1, "Washington": 1}))]
    ids = resolve(clusters)
    assert len({ids[(d, "k")] for d in ("d1", "d2", "d3", "d4")}) == 1
    assert clusters[2].label == "PERSON"
    assert ids[("d5", "k")] != ids[("d6", "k")] and clusters[5].label == "PERSON"
