"""same_entity: the pairwise name decision (claimgraph.resolve.compare), its agreement with
resolve() on the news variants of the resolution issue, and the `claimgraph names` sub-app."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import typer
from typer.testing import CliRunner

from claimgraph.cli.names import names_app
from claimgraph.resolve.compare import Decision, same_entity
from claimgraph.resolve.entities import Cluster, resolve

SAME = [
    ("Gholamhossein Kazemi", "Gholam Hossein Kazemi", "Person"),
    ("Gholam-Hossein Kazemi", "Gholam Hossein Kazemi", "Person"),
    ("People's Mujahedin Organization of Iran", "People's Mujahideen Organisation of Iran", "Organization"),
    ("Mujahedin-e Khalq", "Mojahedin-e Khalq", "Organization"),
    ("People's Mojahedin Organization of Iran", "People's Mojahedin of Iran", "Organization"),
    ("PMOI", "People's Mojahedin Organization of Iran", "Organization"),
    ("MEK", "Mojahedin-e Khalq", "Organization"),
    ("Islamic Revolutionary Guard Corps", "Islamic Revolutionary Guard", "Organization"),
    ("Dr. Rami Makhlouf", "Rami Makhlouf", "Person"),
    ("President Hassan Rouhani", "Hassan Rouhani", "Person"),
    ("Hasan Rohani", "Hassan Rouhani", "Person"),
    ("Moammar Qaddafi", "Muammar Gaddafi", "Person"),
    ("Bachar el-Assad", "Bashar al-Assad", "Person"),
    ("MAKHLOUF, Rami", "Rami Makhlouf", "Person"),
    ("Sergey Viktorovich Lavrov", "Sergey Lavrov", "Person"),
    ("N. Nazarbayev", "Nursultan Nazarbayev", "Person"),
    ("Aleksandar Vucic", "Aleksandar Vučić", "Person"),
    ("Владимир Путин", "Vladimir Putin", "Person"),
    ("Siemens Aktiengesellschaft", "Siemens AG", "Company"),
    ("The Coca-Cola Company", "Coca Cola Company", "Company"),
    ("Procter & Gamble Co.", "Procter and Gamble Co.", "Company"),
    ("Exxor Mobil Corporation", "Exxon Mobil Corporation", "Company"),
    ("North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "Organization"),
    ("Al Qaeda", "Al-Qa'ida/Islamic Army", "Organization"),
]

DIFFERENT = [
    ("Gholam Hossein Kazemi", "Saeed Kazemi", "Person"),
    ("Barack Obama", "Michelle Obama", "Person"),
    ("Hans O Friedrich", "Hans Joachim Friedrich", "Person"),
    ("Sergey Viktorovich Lavrov", "Sergey Borisovitch Lavrov", "Person"),
    ("SADDAM HUSSEIN AL-DULAIMI", "SADDAM HUSSEIN AL-TIKRITI", "Person"),
    ("SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI", "Person"),
    ("Raúl Castillo", "Raúl Castro", "Person"),
    ("Viktor Orbach", "Viktor Orbán", "Person"),
    ("Nar Nazarbayev", "Nursultan Nazarbayev", "Person"),
    ("이재형", "이재명", "Person"),
    ("Tirana", "Tehran", "Organization"),
    ("CRYSTALORD SYSTEMS LIMITED", "CRYSTALORD LTD", "Company"),
    ("Bank of China (Hong Kong) Limited", "Bank of China (Singapore) Limited", "Company"),
    ("China Railroad Engineering Corporation", "China Railway Engineering Corporation", "Company"),
    ("BD p.l.c.", "BP p.l.c.", "Company"),
    ("McKenton Corporation", "McKesson Corporation", "Company"),
]


@pytest.mark.parametrize(("a", "b", "schema"), SAME)
def test_same(a, b, schema):
    d = same_entity(a, b, schema)
    assert d.match, d
    assert same_entity(b, a, schema).match  # symmetric


@pytest.mark.parametrize(("a", "b", "schema"), DIFFERENT)
def test_different(a, b, schema):
    d = same_entity(a, b, schema)
    assert not d.match, d
    assert not same_entity(b, a, schema).match


def test_decision_shape():
    d = same_entity("Gholamhossein Kazemi", "Gholam Hossein Kazemi")
    assert isinstance(d, Decision) and 0.0 <= d.score <= 1.0 and d.reason
    assert not same_entity("", "Kazemi").match


@pytest.mark.parametrize(("a", "b", "label"), [
    ("Gholamhossein Kazemi", "Gholam Hossein Kazemi", "PERSON"),
    ("Gholam Hossein Kazemi", "Saeed Kazemi", "PERSON"),
    ("People's Mujahedin Organization of Iran", "People's Mujahideen Organisation of Iran", "ORG"),
    ("Mujahedin-e Khalq", "Mojahedin-e Khalq", "ORG"),
    ("Islamic Revolutionary Guard Corps", "Islamic Revolutionary Guard", "ORG"),
])
def test_agrees_with_resolve(a, b, label):
    """The pairwise decision and resolve() agree on the news variants."""
    clusters = [Cluster("d1", "k1", label, Counter({a: 1})), Cluster("d2", "k2", label, Counter({b: 1}))]
    ids = resolve(clusters)
    merged = ids[("d1", "k1")] == ids[("d2", "k2")]
    assert same_entity(a, b, "Person" if label == "PERSON" else "Organization").match == merged


@pytest.fixture()
def runner_app():
    app = typer.Typer()
    app.add_typer(names_app, name="names")
    return app


def test_cli_compare(runner_app):
    r = CliRunner().invoke(runner_app, ["names", "compare", "Gholam Hossein Kazemi", "Gholamhossein Kazemi", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["match"] is True and data["schema"] == "Person"
    r = CliRunner().invoke(runner_app, ["names", "compare", "Gholam Hossein Kazemi", "Saeed Kazemi"])
    assert r.exit_code == 0 and r.output.startswith("no match")


def test_cli_csv(runner_app, tmp_path):
    f = tmp_path / "pairs.csv"
    f.write_text("name1,name2,schema\nSiemens AG,Siemens Aktiengesellschaft,Company\nBarack Obama,Michelle Obama,\n")
    r = CliRunner().invoke(runner_app, ["names", "compare", "--csv", str(f)])
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0] == "name1,name2,schema,match,score,reason"
    assert lines[1].startswith("Siemens AG,Siemens Aktiengesellschaft,Company,true,")
    assert lines[2].startswith("Barack Obama,Michelle Obama,Person,false,")


def test_cli_needs_two_names(runner_app):
    r = CliRunner().invoke(runner_app, ["names", "compare", "Only One"])
    assert r.exit_code != 0
