"""Entity resolution over document clusters.

Extraction already groups the mentions of one document into clusters (key): surname to full name,
acronym to expansion. Here clusters of all documents are united when they share a name key
(compact or transliteration skeleton) of a compatible type, inside blocks keyed by those keys, so
the cost grows with the number of mentions, not with its square. Person names only merge when
every given name agrees: 'Gholam Hossein Kazemi' never joins 'Saeed Kazemi'."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import make_id
from ..unionfind import UnionFind
from ..names import compact_key, fold, is_acronym, name_skeleton, org_core_key, org_word_key, skeleton, strip_titles

FAMILY = {"PERSON": "PERSON", "ORG": "ORG", "NORP": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "FAC",
          "EVENT": "EVENT", "SOURCE": "SOURCE"}


@dataclass
class Cluster:
    doc: str
    key: str
    label: str
    names: Counter = field(default_factory=Counter)


def _keys(c: Cluster) -> set[str]:
    fam = FAMILY.get(c.label, c.label)
    out = set()
    for n in c.names:
        base = strip_titles(n) if fam == "PERSON" else n
        if not fold(base):
            continue
        out.add(f"{fam}|c|{compact_key(base)}")
        if fam == "ORG" and not is_acronym(base):
            core = org_core_key(base)
            if len(core) >= 4 and core != compact_key(base):
                out.add(f"{fam}|c|{core}")
            words = org_word_key(base)
            if words:
                out.add(f"{fam}|w|{words}")
        if fam != "PERSON" or len(base.split()) >= 2:
            ck = compact_key(base)
            if not is_acronym(base) and len(ck) >= 7:
                # first and last letters anchor the skeleton: Tirana and Tehran share 'trn'
                out.add(f"{fam}|s|{name_skeleton(base).replace(' ', '')}|{ck[-1]}")
    return out


def resolve(clusters: list[Cluster], merges: list[tuple[str, str]] = (), splits: list[tuple[str, str]] = ()) -> dict[tuple[str, str], str]:
    """(doc, key) -> entity id. `merges` are pairs of names to force together, `splits` (entity name,
    alias) pairs whose clusters must not join that entity."""
    uf = UnionFind()
    block: dict[str, list[int]] = defaultdict(list)
    split_names = {fold(a) for _, a in splits}
    isolated = {i for i, c in enumerate(clusters) if {fold(n) for n in c.names} & split_names}
    for i, c in enumerate(clusters):
        uf.find(i)
        if c.label == "SOURCE" or i in isolated:
            continue
        for k in _keys(c):
            block[k].append(i)
    for members in block.values():
        for j in members[1:]:
            if _compatible(clusters[members[0]], clusters[j]):
                uf.union(members[0], j)
    # surname-only person clusters join the one full-name entity that ends with that surname
    by_surname: dict[str, set] = defaultdict(set)
    for i, c in enumerate(clusters):
        if c.label == "PERSON" and i not in isolated:
            for n in c.names:
                toks = fold(strip_titles(n)).split()
                if len(toks) >= 2:
                    by_surname[_surname_key(toks[-1])].add(uf.find(i))
    for i, c in enumerate(clusters):
        if c.label == "PERSON" and i not in isolated and all(len(fold(strip_titles(n)).split()) == 1 for n in c.names):
            roots = by_surname.get(_surname_key(fold(strip_titles(next(iter(c.names))))), set())
            if len({uf.find(r) for r in roots}) == 1:
                uf.union(i, next(iter(roots)))
    split_groups: dict[str, list[int]] = defaultdict(list)
    for i in isolated:
        for n in clusters[i].names:
            if fold(n) in split_names:
                split_groups[fold(n)].append(i)
    for members in split_groups.values():
        for j in members[1:]:
            uf.union(members[0], j)
    # manual merges: every cluster carrying either name joins
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        for n in c.names:
            by_name[fold(n)].append(i)
    for a, b in merges:  # a later split of the same alias wins over an earlier merge
        ids = [i for i in by_name.get(fold(a), []) + by_name.get(fold(b), []) if i not in isolated]
        for j in ids[1:]:
            uf.union(ids[0], j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(clusters)):
        groups[uf.find(i)].append(i)
    out = {}
    used: set[str] = set()
    # ids follow the group's smallest name key, so they survive re-runs; two groups with the same
    # key (a split of a spelling variant) are told apart by their first cluster
    for members in sorted(groups.values(), key=lambda ms: min((clusters[i].doc, clusters[i].key) for i in ms)):
        base = min(f"{clusters[i].label}|{compact_key(canonical_name([clusters[i]]))}" for i in members)
        eid = make_id("e", base)
        if eid in used:
            first = min((clusters[i].doc, clusters[i].key) for i in members)
            eid = make_id("e", base, *first)
        used.add(eid)
        for i in members:
            out[(clusters[i].doc, clusters[i].key)] = eid
    return out


def _surname_key(surname: str) -> str:
    """Kanaani / Ka'nani / Kan'ani: a long surname is matched on its transliteration skeleton."""
    return f"s|{skeleton(surname)}|{surname[-1]}" if len(surname) >= 6 else surname


def _compatible(a: Cluster, b: Cluster) -> bool:
    """Persons sharing a key must still agree on every given name they both spell out."""
    if a.label != "PERSON" or b.label != "PERSON":
        return True
    na = [fold(strip_titles(n)).split() for n in a.names]
    nb = [fold(strip_titles(n)).split() for n in b.names]
    fa = max(na, key=len)
    fb = max(nb, key=len)
    if len(fa) >= 2 and len(fb) >= 2:
        # given names compared without their spacing: Gholamhossein = Gholam Hossein = Gholam-Hossein
        return skeleton("".join(fa[:-1])) == skeleton("".join(fb[:-1]))
    return True


def canonical_name(clusters: list[Cluster]) -> str:
    """The most informative common form: full names before acronyms and surnames, then the form
    most documents use, then the longer one."""
    docs_per_name: Counter = Counter()
    total: Counter = Counter()
    for c in clusters:
        for n, k in c.names.items():
            docs_per_name[n] += 1
            total[n] += k
    def score(n: str):
        base = strip_titles(n)
        return (not is_acronym(base), len(base.split()) >= 2, docs_per_name[n], total[n], len(base), n)
    best = max(docs_per_name, key=score)
    return strip_titles(best) if clusters and clusters[0].label == "PERSON" else best


def entity_type(clusters: list[Cluster]) -> str:
    labels = Counter()
    for c in clusters:
        labels[c.label] += sum(c.names.values())
    return labels.most_common(1)[0][0]
