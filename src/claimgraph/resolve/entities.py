"""Entity resolution over document clusters.

Extraction already groups the mentions of one document into clusters (key): surname to full name,
acronym to expansion. Here clusters of all documents are united by one matcher, the one behind
`claimgraph names compare` (`compare.same_entity`): every distinct name gets blocking keys (its
folded form, the transliteration skeletons of its first and last words, its initials, its country),
and inside each block every name is compared with every other (with its nearest neighbours in sorted
order when a block is large, so the cost grows with the number of names, not with its square).
Verified pairs are united (union-find); two persons never join when any spelled-out full names of
the two sides disagree ('Gholam Hossein Kazemi' never joins 'Saeed Kazemi', even through a bare
'Kazemi' or 'G. Kazemi')."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import make_id
from ..names import (GENERIC_ORG_WORDS, compact_key, country_code, fold, is_acronym, is_common_country_name, org_core_key,
                     org_word_key, skeleton, strip_titles)
from ..unionfind import UnionFind
from .compare import STOPWORDS, Decision, country_prefixed, org_tokens, person_tokens, same_entity

FAMILY = {"PERSON": "PERSON", "ORG": "ORG", "NORP": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "FAC",
          "EVENT": "EVENT", "SOURCE": "SOURCE"}
SCHEMA = {"PERSON": "Person", "ORG": "Organization", "PLACE": "Place"}
FULL_BLOCK = 7  # a block of at most this many names compares all pairs ...
WINDOW = 3  # ... a larger one compares each name with its WINDOW neighbours in sorted order
MAX_FULL_NAMES = 4  # full names per group checked before two person groups join


@dataclass
class Cluster:
    doc: str
    key: str
    label: str
    names: Counter = field(default_factory=Counter)


def family(c: Cluster) -> str:
    """The cluster's comparison family; a cluster whose every name is a country ('Islamic Republic
    of Iran' tagged ORG) is a place."""
    fam = FAMILY.get(c.label, c.label)
    if fam in ("ORG", "PLACE") and c.names and all(country_code(n) for n in c.names):
        return "PLACE"
    return fam


VOTING = ("PERSON", "ORG", "PLACE")
LABEL_OF = {"PERSON": "PERSON", "ORG": "ORG", "PLACE": "GPE"}


def voted_families(clusters: list[Cluster]) -> list[str]:
    """Types by the corpus: each document's cluster votes for its type under each of its names (a
    person's surname votes too), and a cluster takes the type its names win two to one. 'Rama' tagged
    ORG in one story, or named only as a quoted source, is the person Edi Rama named everywhere
    else; 'San Francisco' tagged PERSON once is the place. A cluster is judged by its fullest names
    (`identity_names`), so 'George Washington' stays a person whatever 'Washington' means."""
    own = [family(c) for c in clusters]
    names = [identity_names(c, fam) for c, fam in zip(clusters, own)]
    votes: dict[str, Counter] = defaultdict(Counter)
    for fam, ns in zip(own, names):
        if fam not in VOTING:
            continue
        keys = {fold(n) for n in ns}
        if fam == "PERSON":
            keys |= {toks[-1] for toks in map(person_tokens, ns) if len(toks) >= 2}
        for k in keys:
            votes[k][fam] += 1
    out = []
    for fam, ns in zip(own, names):
        tally: Counter = Counter()
        for n in {fold(n) for n in ns}:
            tally.update(votes.get(n, {}))
        best = max(VOTING, key=lambda f: (tally[f], f == fam))
        flips = fam in VOTING + ("SOURCE",) and best != fam and tally[best] >= 2 * max(tally[fam], 1)
        out.append(best if flips else fam)
    return out


def identity_names(c: Cluster, fam: str) -> list[str]:
    """The names a cluster is compared by: a person's full names (titles stripped) when the document
    gives one, else its single names; every name of anything else."""
    if fam == "PERSON":
        names = sorted({strip_titles(n) for n in c.names if person_tokens(n)})
        full = [n for n in names if len(person_tokens(n)) >= 2]
        return full or names
    return sorted(n for n in c.names if fold(n))


def block_keys(fam: str, name: str) -> set[str]:
    """Where a name is looked for: names that can match share at least one key (its folded form, the
    start and end of it, each word's transliteration skeleton, its initials, its country)."""
    keys = {"c|" + compact_key(name)}
    code = country_code(name) if fam != "PERSON" else None
    if code:
        return keys | {"g|" + code}
    if fam == "PERSON":
        toks = person_tokens(name)
        keys.add("c|" + "".join(toks))
    else:
        all_toks = org_tokens(name)[0]
        toks = [t for t in all_toks if t not in GENERIC_ORG_WORDS]
        if not toks:
            return keys
        keys |= {"k|" + org_core_key(name), "w|" + (org_word_key(name) or ""), "n|" + " ".join(country_prefixed(all_toks))}
        if is_acronym(name):
            keys.add("a|" + fold(name).replace(" ", ""))
        elif len(all_toks) >= 2:
            keys |= {"a|" + "".join(t[0] for t in toks), "a|" + "".join(t[0] for t in all_toks if t not in STOPWORDS)}
    whole = "".join(toks)
    if len(whole) >= 7:
        keys |= {"p|" + whole[:5], "e|" + whole[-5:]}
    # a person's first and last words (either may be the surname); every word of an organisation
    words = {toks[0], toks[-1]} if fam == "PERSON" else set(toks)
    keys |= {"t|" + _word_key(t) for t in words if len(t) >= 2}
    return keys


def _word_key(word: str) -> str:
    """A word's transliteration skeleton anchored on its last letter (Kanaani / Kan'ani, Tirana and
    Tehran apart)."""
    return f"{skeleton(word)}{word[-1]}"


class _Matcher:
    """Union-find over clusters, joined by verified name pairs; person groups keep their full names
    so that a join never brings two disagreeing full names together."""

    def __init__(self, n: int) -> None:
        self.uf = UnionFind()
        for i in range(n):
            self.uf.find(i)
        self.full: dict[int, list[str]] = {}
        self.decided: dict[tuple[str, str, str], Decision] = {}

    def add_full_names(self, i: int, names: list[str]) -> None:
        self.full[i] = [n for n in names if len(person_tokens(n)) >= 2][:MAX_FULL_NAMES]

    def decide(self, fam: str, a: str, b: str) -> Decision:
        k = (fam, a, b) if a <= b else (fam, b, a)
        d = self.decided.get(k)
        if d is None:
            d = self.decided[k] = same_entity(k[1], k[2], SCHEMA.get(fam, "Organization"))
        return d

    def join(self, i: int, j: int) -> bool:
        """Unite the groups of i and j unless two of their full person names disagree."""
        ri, rj = self.uf.find(i), self.uf.find(j)
        if ri == rj:
            return True
        fi, fj = self.full.get(ri, []), self.full.get(rj, [])
        if any(not self.decide("PERSON", x, y).match for x in fi for y in fj):
            return False
        self.uf.union(ri, rj)
        root = self.uf.find(ri)
        self.full[root] = list(dict.fromkeys(fi + fj))[:MAX_FULL_NAMES]
        return True


def _block_pairs(names: list[str]):
    """The pairs of a block to compare: all of them in a small block, sorted neighbours in a big one."""
    names = sorted(names, key=lambda n: (compact_key(n), n))
    span = len(names) if len(names) <= FULL_BLOCK else WINDOW
    for x, a in enumerate(names):
        for b in names[x + 1:x + 1 + span]:
            yield a, b


def resolve(clusters: list[Cluster], merges: list[tuple[str, str]] = (), splits: list[tuple[str, str]] = ()) -> dict[tuple[str, str], str]:
    """(doc, key) -> entity id. `merges` are pairs of names to force together, `splits` (entity name,
    alias) pairs whose clusters must not join that entity. A cluster whose type the corpus outvotes
    (`voted_families`) takes the winning type's label."""
    m = _Matcher(len(clusters))
    split_names = {fold(a) for _, a in splits}
    isolated = {i for i, c in enumerate(clusters) if {fold(n) for n in c.names} & split_names}
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)  # (family, name) -> clusters
    fams = voted_families(clusters)
    for i, c in enumerate(clusters):
        fam = fams[i]
        if fam != family(c):
            c.label = LABEL_OF[fam]
        if fam == "SOURCE" or i in isolated:
            continue
        names = identity_names(c, fam)
        if fam == "PERSON":
            m.add_full_names(i, names)
        for n in names:
            holders[(fam, n)].append(i)
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (fam, n), ids in sorted(holders.items()):
        for j in ids[1:]:
            m.join(ids[0], j)
        for k in block_keys(fam, n):
            blocks[(fam, k)].append(n)
    for (fam, _), names in sorted(blocks.items()):
        for a, b in _block_pairs(names):
            i, j = holders[(fam, a)][0], holders[(fam, b)][0]
            if m.uf.find(i) != m.uf.find(j) and m.decide(fam, a, b).match:
                m.join(i, j)
    _surnames_join_full_names(clusters, fams, m, isolated)
    uf = m.uf
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
    bases: dict[tuple, str] = {}  # the same spellings recur in thousands of documents ('Iran')

    def base_of(c: Cluster) -> str:
        k = (c.label, *sorted(c.names.items()))
        if k not in bases:
            bases[k] = f"{c.label}|{compact_key(canonical_name([c]))}"
        return bases[k]
    # ids follow the group's smallest name key, so they survive re-runs; two groups with the same
    # key (a split of a spelling variant) are told apart by their first cluster
    for members in sorted(groups.values(), key=lambda ms: min((clusters[i].doc, clusters[i].key) for i in ms)):
        base = min(base_of(clusters[i]) for i in members)
        eid = make_id("e", base)
        if eid in used:
            first = min((clusters[i].doc, clusters[i].key) for i in members)
            eid = make_id("e", base, *first)
        used.add(eid)
        for i in members:
            out[(clusters[i].doc, clusters[i].key)] = eid
    return out


def _surnames_join_full_names(clusters: list[Cluster], fams: list[str], m: _Matcher, isolated: set[int]) -> None:
    """A group known only by a surname ('Kazemi', 'Mr Kazemi') joins the one full-name group whose
    surname is that word or a transliteration of it; with two candidates it joins neither."""
    by_surname: dict[str, set[int]] = defaultdict(set)
    bare = []
    for i, c in enumerate(clusters):
        if fams[i] != "PERSON" or i in isolated:
            continue
        toks = [person_tokens(n) for n in c.names]
        full = [t for t in toks if len(t) >= 2]
        if full:
            for t in full:
                by_surname[_surname_key(t[-1])].add(i)
        elif toks and toks[0]:
            bare.append((i, _surname_key(toks[0][0])))
    target: dict[str, int | None] = {}  # surname key -> the one full-name group bearing it, None if several
    for key, members in by_surname.items():
        roots = set()
        for r in members:
            roots.add(m.uf.find(r))
            if len(roots) > 1:
                break
        target[key] = next(iter(roots)) if len(roots) == 1 else None
    for i, key in bare:
        if target.get(key) is not None:
            m.join(i, target[key])


def _surname_key(surname: str) -> str:
    """Kanaani / Ka'nani / Kan'ani: a long surname is matched on its transliteration skeleton."""
    return f"s|{skeleton(surname)}|{surname[-1]}" if len(surname) >= 6 else surname


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
        return (is_common_country_name(n), not is_acronym(base), len(base.split()) >= 2, docs_per_name[n], total[n], len(base), n)
    best = max(docs_per_name, key=score)
    return strip_titles(best) if clusters and clusters[0].label == "PERSON" else best


def entity_type(clusters: list[Cluster]) -> str:
    labels = Counter()
    for c in clusters:
        labels[c.label] += sum(c.names.values())
    return labels.most_common(1)[0][0]
