"""resolve() over small hand-built Cluster lists: which name variants become one entity and which
never do (issue 4, items 1 and 2)."""

from __future__ import annotations

from collections import Counter

import pytest

from claimgraph.resolve.entities import Cluster, canonical_name, nodes_of, resolve


def cluster(doc: str, label: str, *names: str, key: str = "k") -> Cluster:
    return Cluster(doc, key, label, Counter({n: 1 for n in names}))


def entity_groups(clusters: list[Cluster], **kw) -> list[set[str]]:
    """The documents of each entity, as sets (each test cluster sits in its own document)."""
    members = resolve(clusters, **kw)
    assert set(members) == {(c.doc, c.key) for c in clusters}
    groups: dict[str, set[str]] = {}
    for c in clusters:
        groups.setdefault(members[(c.doc, c.key)], set()).add(c.doc)
    return sorted(groups.values(), key=sorted)


def one_per_doc(label: str, *names: str) -> list[Cluster]:
    return [cluster(f"d{i}", label, n) for i, n in enumerate(names)]


MERGE = [
    # transliteration
    ("PERSON", ["Gholamhossein Kazemi", "Gholam Hossein Kazemi", "Gholam-Hossein Kazemi"]),
    ("ORG", ["Mujahedin", "Mujahideen", "Mojahedin", "Mujahedeen"]),
    ("ORG", ["Mujahedin-e Khalq", "Mojahedin-e Khalq", "Mujahideen-e-Khalq"]),
    ("ORG", ["People's Mujahedin Organization of Iran", "People's Mujahideen Organization of Iran",
             "People's Mojahedin Organization of Iran"]),
    ("PERSON", ["Nasser Kanaani", "Nasser Ka'nani", "Nasser Kan'ani"]),
    # British / American spelling
    ("ORG", ["World Health Organisation", "World Health Organization"]),
    ("ORG", ["Organisation of Islamic Cooperation", "Organization of Islamic Cooperation"]),
    # transliteration and spelling together
    ("ORG", ["People's Mujahedin Organisation of Iran", "People's Mojahedin Organization of Iran"]),
    # diacritics
    ("GPE", ["Manëz", "Manez"]),
    ("PERSON", ["Ali Manëz", "Ali Manez"]),
    # hyphen / space
    ("ORG", ["Al-Qaeda", "Al Qaeda"]),
    ("PERSON", ["Jean-Marc Ayrault", "Jean Marc Ayrault"]),
    # titles stripped
    ("PERSON", ["President Hassan Rouhani", "Hassan Rouhani"]),
    ("PERSON", ["Mr Hassan Rouhani", "Hassan Rouhani"]),
    ("PERSON", ["President Rouhani", "Hassan Rouhani"]),
]


@pytest.mark.parametrize("label,names", MERGE, ids=[" / ".join(n) for _, n in MERGE])
def test_variants_merge(label, names):
    clusters = one_per_doc(label, *names)
    assert entity_groups(clusters) == [{c.doc for c in clusters}]


NOT_MERGE = [
    ("PERSON", "Gholam Hossein Kazemi", "PERSON", "Saeed Kazemi"),
    ("PERSON", "Gholamhossein Kazemi", "PERSON", "Saeed Kazemi"),
    ("ORG", "Quds Force", "ORG", "IRGC"),
    ("ORG", "Quds Force", "ORG", "Islamic Revolutionary Guard Corps"),
    ("ORG", "Quds Force", "ORG", "Revolutionary Guard"),
    ("ORG", "Ministry of Intelligence", "ORG", "IRGC"),
    ("ORG", "Ministry of Intelligence", "ORG", "Islamic Revolutionary Guard Corps"),
    ("ORG", "MEK", "ORG", "NCRI"),
    ("ORG", "National Council of Resistance of Iran", "ORG", "People's Mujahedin Organization of Iran"),
    ("GPE", "Tirana", "GPE", "Tehran"),
    ("GPE", "Iran", "GPE", "Iraq"),
    ("GPE", "Austria", "GPE", "Australia"),
    ("GPE", "Iran", "NORP", "Iranian"),
]


@pytest.mark.parametrize("la,a,lb,b", NOT_MERGE, ids=[f"{r[1]} | {r[3]}" for r in NOT_MERGE])
def test_distinct_names_stay_apart(la, a, lb, b):
    assert entity_groups([cluster("d1", la, a), cluster("d2", lb, b)]) == [{"d1"}, {"d2"}]


def test_distinct_names_stay_apart_in_one_big_block():
    """All the must-not-merge names together (a shared block must not chain them)."""
    names = ["Gholam Hossein Kazemi", "Saeed Kazemi"]
    orgs = ["Quds Force", "IRGC", "Ministry of Intelligence", "MEK", "NCRI"]
    places = ["Tirana", "Tehran", "Iran", "Iraq", "Austria", "Australia"]
    clusters = ([cluster(f"p{i}", "PERSON", n) for i, n in enumerate(names)]
                + [cluster(f"o{i}", "ORG", n) for i, n in enumerate(orgs)]
                + [cluster(f"g{i}", "GPE", n) for i, n in enumerate(places)])
    assert len(entity_groups(clusters)) == len(clusters)


def test_acronym_joins_expansion_when_a_document_carries_both():
    """MEK + long name in one document, PMOI + long name (other spelling) in another, bare MEK and
    bare PMOI elsewhere: one entity."""
    clusters = [cluster("d1", "ORG", "MEK", "People's Mujahedin Organisation of Iran"),
                cluster("d2", "ORG", "PMOI", "People's Mojahedin Organization of Iran"),
                cluster("d3", "ORG", "MEK"),
                cluster("d4", "ORG", "PMOI")]
    assert entity_groups(clusters) == [{"d1", "d2", "d3", "d4"}]
    assert canonical_name(nodes_of(clusters)[0]) in {"People's Mujahedin Organisation of Iran", "People's Mojahedin Organization of Iran"}


def test_two_acronyms_without_expansion_stay_apart():
    assert entity_groups([cluster("d1", "ORG", "MEK"), cluster("d2", "ORG", "PMOI")]) == [{"d1"}, {"d2"}]


def test_surname_only_joins_the_unique_full_name_across_documents():
    clusters = [cluster("d1", "PERSON", "Gholamhossein Kazemi"), cluster("d2", "PERSON", "Kazemi"),
                cluster("d3", "PERSON", "Mr Kazemi")]
    assert entity_groups(clusters) == [{"d1", "d2", "d3"}]


def test_ambiguous_surname_joins_neither():
    clusters = [cluster("d1", "PERSON", "Gholam Hossein Kazemi"), cluster("d2", "PERSON", "Saeed Kazemi"),
                cluster("d3", "PERSON", "Kazemi")]
    assert entity_groups(clusters) == [{"d1"}, {"d2"}, {"d3"}]


def test_surname_of_a_different_type_does_not_join():
    clusters = [cluster("d1", "PERSON", "Gholam Hossein Kazemi"), cluster("d2", "ORG", "Kazemi")]
    assert entity_groups(clusters) == [{"d1"}, {"d2"}]


def test_surname_only_transliteration_joins_the_full_name():
    clusters = [cluster("d1", "PERSON", "Nasser Kanaani"), cluster("d2", "PERSON", "Ka'nani")]
    assert entity_groups(clusters) == [{"d1", "d2"}]


def test_bare_surname_transliterations_merge():
    clusters = [cluster("d1", "PERSON", "Kanaani"), cluster("d2", "PERSON", "Kan'ani")]
    assert entity_groups(clusters) == [{"d1", "d2"}]


def test_canonical_person_name_has_no_title():
    clusters = [cluster("d1", "PERSON", "President Hassan Rouhani"), cluster("d2", "PERSON", "President Hassan Rouhani"),
                cluster("d3", "PERSON", "Hassan Rouhani")]
    assert canonical_name(nodes_of(clusters)[0]) == "Hassan Rouhani"


def test_entity_ids_do_not_depend_on_cluster_order():
    clusters = [cluster("d1", "PERSON", "Gholamhossein Kazemi"), cluster("d2", "PERSON", "Gholam Hossein Kazemi"),
                cluster("d3", "GPE", "Tirana"), cluster("d4", "GPE", "Tehran")]
    assert resolve(clusters) == resolve(list(reversed(clusters)))


def test_resolve_merges_and_splits_replay():
    clusters = [cluster("d1", "PERSON", "Gholam Hossein Kazemi"), cluster("d2", "PERSON", "Saeed Kazemi")]
    assert entity_groups(clusters, merges=[("Gholam Hossein Kazemi", "Saeed Kazemi")]) == [{"d1", "d2"}]
    # a later split of the same alias beats the earlier merge
    assert entity_groups(clusters, merges=[("Gholam Hossein Kazemi", "Saeed Kazemi")],
                         splits=[("Gholam Hossein Kazemi", "Saeed Kazemi")]) == [{"d1"}, {"d2"}]


def test_split_takes_a_spelling_variant_out_of_an_automatic_merge():
    variants = [cluster("d1", "PERSON", "Gholamhossein Kazemi"), cluster("d2", "PERSON", "Gholam Hossein Kazemi")]
    assert entity_groups(variants, splits=[("Gholamhossein Kazemi", "Gholam Hossein Kazemi")]) == [{"d1"}, {"d2"}]
