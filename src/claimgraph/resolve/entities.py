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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import make_id
from ..names import (GENERIC_ORG_WORDS, compact_key, country_code, fold, is_acronym, is_common_country_name, org_core_key,
                     org_word_key, skeleton, strip_titles)
from ..unionfind import UnionFind
from .compare import STOPWORDS, country_prefixed, org_tokens, person_tokens, same_entity

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

    def add_full_names(self, i: int, names: list[str]) -> None:
        self.full[i] = [n for n in names if len(person_tokens(n)) >= 2][:MAX_FULL_NAMES]

    def join(self, i: int, j: int) -> bool:
        """Unite the groups of i and j unless two of their full person names disagree."""
        ri, rj = self.uf.find(i), self.uf.find(j)
        if ri == rj:
            return True
        fi, fj = self.full.get(ri, []), self.full.get(rj, [])
        if any(not same_names("PERSON", x, y) for x in fi for y in fj):
            return False
        self.uf.union(ri, rj)
        root = self.uf.find(ri)
        self.full[root] = list(dict.fromkeys(fi + fj))[:MAX_FULL_NAMES]
        return True


def sort_key(name: str) -> str:
    """A name's place in its block: by its compact key, then by itself (one string, so that a store
    can keep it in an index: the compact key is [a-z0-9]*, and \x01 sorts before all of it)."""
    return f"{compact_key(name)}\x01{name}"


def _block_pairs(names: list[str]):
    """The pairs of a block to compare: all of them in a small block, sorted neighbours in a big one."""
    names = sorted(names, key=sort_key)
    span = len(names) if len(names) <= FULL_BLOCK else WINDOW
    for x, a in enumerate(names):
        for b in names[x + 1:x + 1 + span]:
            yield a, b




def _block_matches(fam: str, names: list[str], decide) -> Iterator[tuple[str, str, bool]]:
    """Every compared pair of one block with the matcher's verdict."""
    for a, b in _block_pairs(names):
        yield a, b, decide(fam, a, b)


def pair_order(p: tuple[str, str, str, str]) -> tuple:
    """Blocks in key order, and inside a block the order `_block_pairs` compares them in."""
    fam, key, a, b = p
    return fam, key, sort_key(a), sort_key(b)


@lru_cache(maxsize=500_000)
def same_names(fam: str, a: str, b: str) -> bool:
    return same_entity(*sorted((a, b)), SCHEMA.get(fam, "Organization")).match


# ---- nodes: what is matched ---------------------------------------------------------------------

@dataclass
class Node:
    """The clusters of one label and one set of names, matched as one: the thousands of documents that
    say 'Iran' make one node, so matching grows with the distinct spellings, not with the documents.
    An unnamed source ('police', 'a senior official') is one node per document: two articles'
    unnamed sources are not one person."""
    id: str
    label: str
    names: tuple[str, ...]
    n: int = 0  # clusters
    order: str = "~"  # the smallest order key of its clusters: where the store first mentions it
    first: str = "~"  # the smallest "doc\x1fkey" of its clusters, which tells apart two entities of one id base
    totals: Counter = field(default_factory=Counter)  # name -> mentions under it in all its clusters
    fam: str = ""  # its family after the corpus vote (`vote`)

    def add(self, c: Cluster, order: str) -> None:
        self.n += 1
        self.order = min(self.order, order)
        self.first = min(self.first, f"{c.doc}\x1f{c.key}")
        self.totals.update(c.names)

    @property
    def own(self) -> str:
        return family(self)

    @property
    def voted_label(self) -> str:
        return LABEL_OF[self.fam] if self.fam != self.own else self.label


def node_id(c: Cluster) -> str:
    if c.label == "SOURCE":
        return make_id("n", c.label, c.doc, c.key)
    return make_id("n", c.label, *sorted(c.names))


def vote_keys(nd: Node) -> set[str]:
    """The keys each of the node's clusters votes under for its own family: its names, and a person's surnames."""
    own = nd.own
    if own not in VOTING:
        return set()
    names = identity_names(nd, own)
    keys = {fold(n) for n in names}
    if own == "PERSON":
        keys |= {toks[-1] for toks in map(person_tokens, names) if len(toks) >= 2}
    return keys


def reading_keys(nd: Node) -> set[str]:
    """The keys whose votes decide the node's family."""
    return {fold(n) for n in identity_names(nd, nd.own)}


def vote(nd: Node, votes: dict[str, Counter]) -> str:
    """Types by the corpus: each cluster votes for its type under each of its names (a person's surname
    votes too), and a node takes the type its names win two to one. 'Rama' tagged ORG in one story, or
    named only as a quoted source, is the person Edi Rama named everywhere else; 'San Francisco'
    tagged PERSON once is the place. A node is judged by its fullest names (`identity_names`), so
    'George Washington' stays a person whatever 'Washington' means."""
    fam = nd.own
    tally: Counter = Counter()
    for k in reading_keys(nd):
        tally.update(votes.get(k, {}))
    best = max(VOTING, key=lambda f: (tally[f], f == fam))
    flips = fam in VOTING + ("SOURCE",) and best != fam and tally[best] >= 2 * max(tally[fam], 1)
    return best if flips else fam


def tally_votes(nodes: Iterable[Node]) -> dict[str, Counter]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for nd in nodes:
        for k in vote_keys(nd):
            votes[k][nd.own] += nd.n
    return votes


def is_isolated(nd: Node, split_names: set[str]) -> bool:
    """A node carrying an alias split off by hand joins nothing by its names."""
    return bool(split_names) and any(fold(n) in split_names for n in nd.names)


def holder_names(nd: Node, split_names: set[str]) -> list[str]:
    """The names the node is matched by ([] for an unnamed source or a split-off alias)."""
    if nd.fam == "SOURCE" or is_isolated(nd, split_names):
        return []
    return identity_names(nd, nd.fam)


def surname_keys(nd: Node, split_names: set[str]) -> tuple[set[str], str | None]:
    """(the surname keys of a person node's full names, the key of its bare surname when it has no full name)."""
    if nd.fam != "PERSON" or is_isolated(nd, split_names):
        return set(), None
    toks = [person_tokens(n) for n in nd.names]
    full = [t for t in toks if len(t) >= 2]
    if full:
        return {_surname_key(t[-1]) for t in full}, None
    return set(), (_surname_key(toks[0][0]) if toks and toks[0] else None)


def group_nodes(nodes: list[Node], pairs: Iterable[tuple[str, str, str, str]], merges: Iterable[tuple[str, str]] = (),
                splits: Iterable[tuple[str, str]] = ()) -> list[list[Node]]:
    """The entities among `nodes` (in order): same-name joins, then the matched pairs of every block
    (`pairs`, in `pair_order`), then bare surnames, split aliases and manual merges."""
    split_names = {fold(a) for _, a in splits}
    m = block_phase(nodes, pairs, split_names)
    return finish(nodes, m, surname_targets(nodes, m, split_names), merges, splits)


def block_phase(nodes: list[Node], pairs: Iterable[tuple[str, str, str, str]], split_names: set[str]) -> _Matcher:
    """Same-name joins, then matched pairs in order. Two person groups never join when any spelled-out
    full names of the two sides disagree ('Gholam Hossein Kazemi' never joins 'Saeed Kazemi'). The
    groups this leaves stay inside the components of names and matched pairs."""
    m = _Matcher(len(nodes))
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, nd in enumerate(nodes):
        names = holder_names(nd, split_names)
        if nd.fam == "PERSON":
            m.add_full_names(i, names)
        for n in names:
            holders[(nd.fam, n)].append(i)
    for _, ids in sorted(holders.items()):
        for j in ids[1:]:
            m.join(ids[0], j)
    for fam, _, a, b in pairs:
        i, j = holders[(fam, a)][0], holders[(fam, b)][0]
        if m.uf.find(i) != m.uf.find(j):
            m.join(i, j)
    return m


def block_groups(nodes: list[Node], m: _Matcher) -> dict[str, str]:
    """node id -> the smallest node id of its group after `block_phase`."""
    low: dict[int, str] = {}
    for i, nd in enumerate(nodes):
        r = m.uf.find(i)
        low[r] = min(low.get(r, nd.id), nd.id)
    return {nd.id: low[m.uf.find(i)] for i, nd in enumerate(nodes)}


def surname_targets(nodes: list[Node], m: _Matcher, split_names: set[str]) -> dict[str, str | None]:
    """Surname key -> the group (`block_groups` id) of the one full name bearing it, None if several."""
    group = block_groups(nodes, m)
    by_surname: dict[str, set[str]] = defaultdict(set)
    for nd in nodes:
        for key in surname_keys(nd, split_names)[0]:
            by_surname[key].add(group[nd.id])
    return {key: next(iter(gs)) if len(gs) == 1 else None for key, gs in by_surname.items()}


def finish(nodes: list[Node], m: _Matcher, targets: dict[str, str | None], merges: Iterable[tuple[str, str]],
           splits: Iterable[tuple[str, str]]) -> list[list[Node]]:
    """After `block_phase`: a group known only by a surname ('Kazemi', 'Mr Kazemi') joins the one
    full-name group whose surname is that word or a transliteration of it (`targets`; with two
    candidates it joins neither), split-off aliases group together, manual merges join."""
    split_names = {fold(a) for _, a in splits}
    index = {nd.id: i for i, nd in enumerate(nodes)}
    for i, nd in enumerate(nodes):
        bare = surname_keys(nd, split_names)[1]
        if bare and targets.get(bare) is not None:
            m.join(i, index[targets[bare]])
    uf = m.uf
    split_groups: dict[str, list[int]] = defaultdict(list)  # split-off alias -> the nodes carrying it
    by_name: dict[str, list[int]] = defaultdict(list)  # any other name -> the nodes carrying it
    for i, nd in enumerate(nodes):
        iso = is_isolated(nd, split_names)
        for n in map(fold, nd.names):
            if not iso:
                by_name[n].append(i)
            elif n in split_names:
                split_groups[n].append(i)
    for members in split_groups.values():
        for j in members[1:]:
            uf.union(members[0], j)
    for a, b in merges:  # a later split of the same alias wins over an earlier merge
        ids = by_name.get(fold(a), []) + by_name.get(fold(b), [])
        for j in ids[1:]:
            uf.union(ids[0], j)
    groups: dict[int, list[Node]] = defaultdict(list)
    for i, nd in enumerate(nodes):
        groups[uf.find(i)].append(nd)
    return list(groups.values())


def _surname_key(surname: str) -> str:
    """Kanaani / Ka'nani / Kan'ani: a long surname is matched on its transliteration skeleton."""
    return f"s|{skeleton(surname)}|{surname[-1]}" if len(surname) >= 6 else surname


def group_base(group: list[Node], named: tuple[str, str] | None = None) -> str:
    """An entity's id base: its type and its name (`group` in order; `named`: its (name, type) when known).
    A growing entity keeps both (a hub's name is settled by thousands of mentions), so it keeps its id,
    and its quotes and claims theirs; a split-off alias leaves the entity its id."""
    name, typ = named or (canonical_name(group), entity_type(group))
    return f"{typ}|{compact_key(name)}"


def entity_ids(groups: list[list[Node]], outside_first: Callable[[str], str | None] = lambda base: None,
               named: dict[int, tuple[str, str]] | None = None) -> list[tuple[list[Node], str, str, str]]:
    """(group, entity id, id base, first cluster) per group. An id follows the group's best name, so it
    survives re-runs; of two groups with one base, the one whose first cluster comes first keeps the
    plain id (`outside_first`: the first cluster of the other groups with that base, elsewhere in the
    store) and the other is told apart by its first cluster."""
    out = []
    seen: set[str] = set()
    for g in sorted(groups, key=lambda g: min(nd.first for nd in g)):
        first = min(nd.first for nd in g)
        base = group_base(g, (named or {}).get(id(g)))
        other = outside_first(base)
        plain = base not in seen and (other is None or first < other)
        seen.add(base)
        out.append((g, make_id("e", base) if plain else make_id("e", base, first), base, first))
    return out


def nodes_of(clusters: list[Cluster]) -> tuple[list[Node], dict[tuple[str, str], str]]:
    """The nodes of `clusters` (given in the order the store first mentions them), typed by the vote of
    all of them, in order; and (doc, key) -> node id."""
    nodes: dict[str, Node] = {}
    node_of = {}
    for i, c in enumerate(clusters):
        nid = node_of[(c.doc, c.key)] = node_id(c)
        nd = nodes.get(nid) or nodes.setdefault(nid, Node(nid, c.label, tuple(sorted(c.names))))
        nd.add(c, f"{i:09d}")
    ordered = sorted(nodes.values(), key=lambda nd: nd.order)
    votes = tally_votes(ordered)
    for nd in ordered:
        nd.fam = vote(nd, votes)
    return ordered, node_of


def resolve(clusters: list[Cluster], merges: list[tuple[str, str]] = (), splits: list[tuple[str, str]] = ()) -> dict[tuple[str, str], str]:
    """(doc, key) -> entity id, for clusters in the order the store first mentions them. `merges` are
    pairs of names to force together, `splits` (entity name, alias) pairs whose clusters must not
    join that entity; a cluster the corpus outvotes (`vote`) takes the winning type's label. The
    store runs the same steps per match component (`resolve.state`)."""
    ordered, node_of = nodes_of(clusters)
    nodes = {nd.id: nd for nd in ordered}
    split_names = {fold(a) for _, a in splits}
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for fam, n in sorted({(nd.fam, n) for nd in ordered for n in holder_names(nd, split_names)}):
        for k in block_keys(fam, n):
            blocks[(fam, k)].append(n)
    pairs = [(fam, k, a, b) for (fam, k), names in sorted(blocks.items())
             for a, b, match in _block_matches(fam, names, same_names) if match]
    for c in clusters:  # a cluster the corpus outvotes takes the winning type's label
        c.label = nodes[node_of[(c.doc, c.key)]].voted_label
    eid = {}
    for g, e, _, _ in entity_ids(group_nodes(ordered, pairs, merges, splits)):
        for nd in g:
            eid[nd.id] = e
    return {k: eid[nid] for k, nid in node_of.items()}


def pick_name(docs: Counter, total: Counter) -> str:
    """The most informative common form: full names before acronyms and surnames, then the form
    most documents use, then the most mentioned, then the longer one."""
    def score(n: str):
        base = strip_titles(n)
        return (is_common_country_name(n), not is_acronym(base), len(base.split()) >= 2, docs[n], total[n], len(base), n)
    return max(docs, key=score)


def display_name(name: str, label: str) -> str:
    return strip_titles(name) if label == "PERSON" else name


def canonical_pick(nodes: list[Node]) -> str:
    """The form the entity is called by (`pick_name` over the names of all its clusters)."""
    docs: Counter = Counter()
    total: Counter = Counter()
    for nd in nodes:
        for n, k in nd.totals.items():
            docs[n] += nd.n
            total[n] += k
    return pick_name(docs, total)


def canonical_name(nodes: list[Node]) -> str:
    """The entity's name, from the names of all its clusters; `nodes` in order (the first one's label decides
    whether titles are stripped)."""
    return display_name(canonical_pick(nodes), nodes[0].voted_label)


def entity_type(nodes: list[Node]) -> str:
    """The label most mentions carry (on a tie, the one the store names first)."""
    labels: Counter = Counter()
    for nd in nodes:
        labels[nd.voted_label] += sum(nd.totals.values())
    return labels.most_common(1)[0][0]
