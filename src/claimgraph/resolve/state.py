"""Entity resolution kept in the store, so that new documents re-resolve only what they touch.

`resolve.entities.resolve` decides entities for a list of clusters in memory. Here the same steps run
over state stored in the `res_*` tables, and only where new clusters can change the outcome:

- a **node** is the clusters of one label and one set of names; a new cluster joins its node or
  makes one;
- the corpus **vote** on types is kept as counts per name key: only nodes reading a key whose counts
  moved are re-typed;
- **blocks** keep their names and every compared pair with the matcher's verdict: a block that gains
  or loses a name compares only the pairs that are new to it;
- a **component** is the nodes that same names, matched pairs, a shared bare surname or a manual
  decision connect. Entities never cross components, and a component's entities depend only on its
  own nodes, names and pairs, replayed in the one global order (`group_nodes`). So the components
  of the affected nodes are regrouped, and nothing else is;
- a new node whose every name is already held, and which can only join its holders' group
  (`attachable`), joins it without regrouping the component: a much-quoted person named only as a
  source has one node per article, so that component grows with the store;
- groups of any family but persons are unions of same names and matched pairs that nothing refuses,
  so a new node that unites stored groups ('AG' matching two expansions) makes their union without
  regrouping them (`absorb`): the group of the component with the smallest id stands, and only the
  nodes of the others are read and moved into it;
- an entity whose group stands and only gains clusters is renamed from its **summary** (clusters and
  mentions per name and label, `res_entity_names`), not from its nodes: its name can only move to a
  name that grew.

A rebuild is the same function run with every document new on empty state, which is what makes the
incremental result equal the rebuild's (tests/resolve/test_order_property.py checks it in any order
and batch split, on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import bindparam, case, delete, distinct, func, insert, select, union_all, update

from ..model import make_id
from ..names import country_code, demonym_country, fold
from ..store import schema as t
from ..unionfind import UnionFind
from .entities import (FULL_BLOCK, WINDOW, Cluster, Node, _block_pairs, block_groups, block_keys, block_phase,
                       canonical_pick, display_name, entity_ids, entity_type, finish, group_base, holder_names, node_id, pair_order,
                       pick_name, reading_keys, same_names, sort_key, surname_keys, vote, vote_keys)
from .compare import person_tokens
from .keyed import chunks, keyed, rows_in


# the statements a big block's update runs for each name coming or going (dozens per article): built once,
# so that running one costs no statement building and no cache key
_BL, _PR = t.res_blocks.c, t.res_pairs.c
_IN_BLOCK = (_BL.fam == bindparam("f")) & (_BL.key == bindparam("k"))
_NEIGHBOURS = union_all(  # the WINDOW names before a place in a block and the WINDOW after it
    select(_BL.name, _BL.sk).where(_IN_BLOCK & (_BL.sk < bindparam("sk"))).order_by(_BL.sk.desc()).limit(WINDOW).subquery().select(),
    select(_BL.name, _BL.sk).where(_IN_BLOCK & (_BL.sk > bindparam("sk"))).order_by(_BL.sk).limit(WINDOW).subquery().select())
_PAIRS_IN_BLOCK = (_PR.fam == bindparam("f")) & (_PR.key == bindparam("k"))
_OWN_PAIRS = select(_PR.a, _PR.b, _PR.match).where(_PAIRS_IN_BLOCK & ((_PR.a == bindparam("n")) | (_PR.b == bindparam("n"))))
_PAIRS_BETWEEN = select(_PR.a, _PR.b, _PR.match).where(_PAIRS_IN_BLOCK & _PR.a.in_(bindparam("as_", expanding=True))
                                                       & _PR.b.in_(bindparam("bs", expanding=True)))
_DROP_PAIR = delete(t.res_pairs).where(_PAIRS_IN_BLOCK & (_PR.a == bindparam("a")) & (_PR.b == bindparam("b")))
_DROP_NAME = delete(t.res_blocks).where(_IN_BLOCK & (_BL.name == bindparam("n")))
_FILE_NAME = insert(t.res_blocks)
_FILE_PAIRS = insert(t.res_pairs)


@dataclass
class EntityDelta:
    """What the entity stage changed: the stages after it regroup only what this touches."""
    changed: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc, key) -> entity id: new or moved clusters
    renamed: set[str] = field(default_factory=set)  # entity ids that appeared, vanished, or changed name or type
    regrouped: int = 0  # nodes whose components were regrouped: what the update cost


def update_entities(c, doc_ids: list[str] | None) -> EntityDelta:
    """Resolve the clusters of `doc_ids` (documents just added) against the stored state and write the
    entity tables; None = every document, on empty state (a rebuild)."""
    return _Update(c, doc_ids).run()


class _Update:
    def __init__(self, c, doc_ids: list[str] | None) -> None:
        self.c = c
        self.fresh = doc_ids is None  # the state is empty: nothing to look up
        self.doc_ids = doc_ids
        dec = [(r.kind, r.a, r.b) for r in c.execute(select(t.decisions).order_by(t.decisions.c.id))]
        self.merges = [(a, b) for k, a, b in dec if k == "merge"]
        self.splits = [(a, b) for k, a, b in dec if k == "split"]
        self.split_names = {fold(b) for _, b in self.splits}
        self.decision_names = self.split_names | {fold(x) for m in self.merges for x in m}
        self.nodes: dict[str, Node] = {}
        self.stored: dict[str, tuple[str, str, str]] = {}  # node id -> (component, entity id, block group) as stored
        self.stored_counts: dict[str, tuple[int, str, str, str]] = {}  # node id -> (clusters, order, first, family) as stored
        self.delta = EntityDelta()
        self.attached: dict[str, tuple[str, str, str]] = {}  # new node -> where it joins as it is (`attachable`, `absorb`)
        self.absorbed: dict[str, tuple[str, str, str]] = {}  # stored node -> the group it moves into (`absorb`)
        self.absorbed_into: dict[str, set[str]] = defaultdict(set)  # standing entity -> the entities that move into it
        self.absorbed_docs: dict[str, int] = {}  # standing entity -> the documents it takes in from them
        self.new_clusters: dict[str, list[tuple[str, Cluster]]] = defaultdict(list)  # node -> (order key, cluster) added now
        self.kept_nodes: dict[str, list[str]] = defaultdict(list)  # standing entity -> its nodes that grew
        self.touched: dict[str, set[tuple[str, str]]] = defaultdict(set)  # standing entity -> the (label, name) that grew

    # ---- reading ----------------------------------------------------------------------------------

    def clusters(self) -> list[tuple[str, Cluster, int]]:
        """(order key, cluster, mentions) of the new documents' clusters. The order key is where the
        store first mentions the cluster: documents in id order, mentions by offset, then the clusters
        named only as sources."""
        m, s = t.mentions, t.doc_sources
        q_m = select(m.c.doc_id, m.c.start, m.c.key, m.c.label, m.c.text)
        q_s = select(s.c.doc_id, s.c.key, s.c.label, s.c.name)
        if self.fresh:
            rows_m, rows_s = self.c.execute(q_m), self.c.execute(q_s)
        else:
            rows_m, rows_s = rows_in(self.c, q_m, m.c.doc_id, self.doc_ids), rows_in(self.c, q_s, s.c.doc_id, self.doc_ids)
        clusters: dict[tuple[str, str], Cluster] = {}
        first: dict[tuple[str, str], int] = {}
        mentioned: Counter = Counter()
        for r in sorted(rows_m, key=lambda r: (r.doc_id, r.start)):
            k = (r.doc_id, r.key)
            clusters.setdefault(k, Cluster(r.doc_id, r.key, r.label)).names[r.text] += 1
            first.setdefault(k, r.start)
            mentioned[k] += 1
        for r in sorted(rows_s, key=lambda r: (r.doc_id, r.key)):
            clusters.setdefault((r.doc_id, r.key), Cluster(r.doc_id, r.key, r.label)).names[r.name] += 1
        return [(f"0|{d}|{first[(d, k)]:010d}" if (d, k) in first else f"1|{d}|{k}", cl, mentioned[(d, k)])
                for (d, k), cl in clusters.items()]

    def load(self, ids: Iterable[str]) -> None:
        """Stored nodes into self.nodes."""
        ids = [i for i in ids if i not in self.nodes]
        if self.fresh or not ids:
            return
        for r in rows_in(self.c, select(t.res_nodes), t.res_nodes.c.id, ids):
            nd = Node(r.id, r.label, tuple(json.loads(r.names)), r.n, r.ord, r.first, Counter(json.loads(r.totals)),
                      r.fam)
            self.nodes[r.id] = nd
            self.stored[r.id] = (r.component, r.entity_id, r.block_group)
            self.stored_counts[r.id] = (r.n, r.ord, r.first, r.fam)

    def nodes_where(self, table, col, values: Iterable) -> set[str]:
        if self.fresh:
            return set()
        return {r.node for r in rows_in(self.c, select(table.c.node), col, values)}

    # ---- the update -------------------------------------------------------------------------------

    def run(self) -> EntityDelta:
        found = self.clusters()
        if not found:
            return self.delta
        self.load({node_id(cl) for _, cl, _ in found})
        # what decides a node's place in its component: where the store first mentions it (the order
        # of joins) and its first cluster by id (which tells apart entities of one id base)
        place = {nid: (nd.order, nd.first) for nid, nd in self.nodes.items()}
        new_nodes: set[str] = set()
        added: Counter = Counter()  # node -> clusters added now
        self.new_members = []
        for order, cl, mentions in found:
            nid = node_id(cl)
            nd = self.nodes.get(nid)
            if nd is None:
                nd = self.nodes[nid] = Node(nid, cl.label, tuple(sorted(cl.names)))
                new_nodes.add(nid)
            nd.add(cl, order)
            added[nid] += 1
            self.new_members.append({"doc_id": cl.doc, "key": cl.key, "node": nid, "mentions": mentions})
            self.new_clusters[nid].append((order, cl))
        self.new_nodes = new_nodes
        refam = self.vote(added)
        self.attached = self.attachable(new_nodes)
        changed_names = self.move_holders(refam, quiet=self.attached.keys())
        pair_names = self.update_blocks(changed_names)
        affected = {nid for nid in added if place.get(nid) != (self.nodes[nid].order, self.nodes[nid].first)} | refam
        affected -= self.attached.keys()
        affected |= self.nodes_where(t.res_holders, (t.res_holders.c.fam, t.res_holders.c.name),
                                     changed_names | pair_names)
        self.attached = {nid: at for nid, at in self.attached.items() if nid not in affected}
        if self.decision_names and any(set(map(fold, self.nodes[n].names)) & self.decision_names for n in affected):
            affected |= self.nodes_where(t.res_names, t.res_names.c.fname, self.decision_names)
        # a node that only gained clusters (most mentions of a known name), or a new one that joins a
        # stored group as it is (`attachable`), regroups nothing: its entity's name, type, aliases and
        # counts are recomputed from its nodes
        affected -= self.absorb(affected, set(added))
        self.regroup(affected, (set(added) - affected) | self.absorbed.keys())
        return self.delta

    def attachable(self, new: set[str]) -> dict[str, tuple[str, str, str]]:
        """New nodes that join one stored block group and change nothing else, so their component need not
        be regrouped: node -> (component, entity id, block group) it joins. A new node every one of
        whose names is already held ('Jobs' quoted in one more article, an organisation named by a
        known spelling) joins the group of those names' holders when joining can never be refused and
        brings nothing the group did not have:

        - any family but persons (only persons' full names refuse a join), when the first holders of
          all its names are in one block group;
        - a person known by one name and no full name, listed after that name's first holder (so it never
          leads a join), whose bare surname joins nothing or its own group.

        It must also carry no name of a manual decision, and its id must not be the smallest of its
        group or component (those are named after their smallest node). Everything else about the
        batch (the vote, other new names) is judged as before: a node whose component is regrouped
        anyway is regrouped with it."""
        if self.fresh or not new:
            return {}
        h, n = t.res_holders, t.res_nodes
        # the holders carry their node's order: the first is one probe, however many nodes hold a hub name
        first = (select(n.c.ord, n.c.component, n.c.entity_id, n.c.block_group).join(h, h.c.node == n.c.id)
                 .where((h.c.fam == bindparam("f")) & (h.c.name == bindparam("n"))).order_by(h.c.ord, h.c.node).limit(1))
        out = {}
        for nid in sorted(new):
            nd = self.nodes[nid]
            names = holder_names(nd, self.split_names)
            person = nd.fam == "PERSON"
            if not names or set(map(fold, nd.names)) & self.decision_names or (person and len(names) > 1):
                continue
            full, bare = surname_keys(nd, self.split_names)
            if person and (full or len(person_tokens(names[0])) > 1):
                continue
            holders = [self.c.execute(first, {"f": nd.fam, "n": name}).first() for name in names]
            if any(r is None for r in holders) or len({r.block_group for r in holders}) > 1:
                continue
            r = holders[0]
            if nid < r.block_group or nid < r.component or (person and nd.order < r.ord):
                continue
            if bare:
                target = self.c.execute(select(t.res_targets.c.target).where(t.res_targets.c.skey == bare)).scalar()
                if target is None or target not in ("", r.block_group):
                    continue
            out[nid] = (r.component, r.entity_id, r.block_group)
        return out

    def absorb(self, affected: set[str], added: set[str]) -> set[str]:
        """New nodes of any family but persons that only unite stored groups. Such groups are unions of
        same names and matched pairs that nothing refuses, so a new node whose names are held by, or
        newly matched with names of, stored nodes of several components ('AG' matching 'Alpha Group'
        and 'Argo Gas') makes their union: the group of the component with the smallest id stands
        and gains the node, and the other components' nodes move into it. Only the moving nodes are
        read, however big the standing group.

        Taken only where nothing else of the batch touches those components (no matched pair of their
        names went, none of their nodes was re-typed, moved or gained clusters), no other new node
        shares a name or a pair with the node, no manual decision exists, and the node's id does not
        lead the union. Returns the affected nodes this accounts for (they leave the regrouping);
        fills `attached`, `absorbed`, `absorbed_into` and `absorbed_docs`."""
        if self.fresh or self.decision_names:
            return set()
        named = {nid: {(self.nodes[nid].fam, n) for n in holder_names(self.nodes[nid], self.split_names)}
                 for nid in self.new_nodes}
        held = Counter(x for names in named.values() for x in names)  # names held by new nodes
        cands = {nid for nid in self.new_nodes & affected if self.nodes[nid].fam != "PERSON" and named[nid]}
        links = {nid: set(named[nid]) for nid in cands}  # its names and the names they newly match
        of_name = {x: nid for nid in cands for x in named[nid]}
        for fam, a, b in self.new_matches:
            for x, y in (((fam, a), (fam, b)), ((fam, b), (fam, a))):
                if x in of_name:
                    links[of_name[x]].add(y)
        spoken = self.changed_names | self.lost_names | self.stale_names | {(f, x) for f, a, b in self.new_matches for x in (a, b)}
        h = t.res_holders
        holders: dict[tuple[str, str], set[str]] = defaultdict(set)
        for r in rows_in(self.c, select(h.c.fam, h.c.name, h.c.node), (h.c.fam, h.c.name), spoken | {x for ls in links.values() for x in ls}):
            if r.node not in self.new_nodes:
                holders[(r.fam, r.name)].add(r.node)
        ok = {nid for nid in cands if all(held[x] == (x in named[nid]) for x in links[nid])}
        crossed = {x for f, a, b in self.new_matches if (f, a) not in of_name and (f, b) not in of_name for x in ((f, a), (f, b))}
        while True:
            # names changed for other reasons than an absorbing node: whoever holds them is regrouped
            out = self.lost_names | self.stale_names | crossed | {x for nid in cands - ok for x in links[nid]}
            bad = {nid for nid in ok if links[nid] & out}
            if not bad:
                explained = {x for nid in ok for x in links[nid]}
                by_links = {m for x in explained for m in holders[x]}
                rest = {nid for nid in affected if nid not in ok and (nid in self.new_nodes or nid in added or nid not in by_links)}
                rest |= {m for x in (spoken - explained) | out for m in holders[x]}
                self.load(rest | by_links)
                busy = {self.stored[m][0] for m in rest if m in self.stored}
                comps = {nid: {self.stored[m][0] for x in links[nid] for m in holders[x]} for nid in ok}
                seen = Counter(cp for cs in comps.values() for cp in cs)
                bad = {nid for nid in ok if not comps[nid] or comps[nid] & busy or nid < min(comps[nid])
                       or any(seen[cp] > 1 for cp in comps[nid])}
            if not bad and ok:
                lead_of = {nid: min(comps[nid]) for nid in ok}
                moving = {cp: nid for nid in ok for cp in comps[nid] if cp != lead_of[nid]}
                members = {r.id for r in rows_in(self.c, select(t.res_nodes.c.id), t.res_nodes.c.component, moving)}
                self.load(members)
                # a moving node that also gains clusters now: regrouped as before
                bad = {moving[self.stored[m][0]] for m in members & added}
            if not bad:
                break
            ok -= bad
        if not ok:
            return set()
        n = t.res_nodes
        triple = {self.stored[m][0]: self.stored[m] for nid in ok for x in links[nid] for m in holders[x]}
        for nid in ok:
            self.attached[nid] = triple[lead_of[nid]]
        for m in members:
            self.absorbed[m] = triple[lead_of[moving[self.stored[m][0]]]]
            self.absorbed_into[self.absorbed[m][1]].add(self.stored[m][1])
        for nid, at in list(self.attached.items()):  # new nodes joining a moving group as it is follow it
            if at[0] in moving:
                self.attached[nid] = triple[lead_of[moving[at[0]]]]
        # the documents of the moving nodes that their standing entity is not yet in (their mentions are
        # the moving entities' counts, read with the other old entities' in `write`)
        rm = t.res_members
        docs: dict[str, set[str]] = defaultdict(set)  # standing entity -> documents it takes in
        for r in rows_in(self.c, select(rm.c.node, rm.c.doc_id).where(rm.c.mentions > 0), rm.c.node, members):
            docs[self.absorbed[r.node][1]].add(r.doc_id)
        for eid, ds in docs.items():
            q = select(rm.c.doc_id).join(n, n.c.id == rm.c.node).where((rm.c.mentions > 0) & (n.c.entity_id == eid))
            ds -= {r.doc_id for r in rows_in(self.c, q, rm.c.doc_id, ds)}
        self.absorbed_docs = {eid: len(ds) for eid, ds in docs.items()}
        return {nid for nid in affected if nid in ok or (nid not in rest)}

    def vote(self, added: Counter) -> set[str]:
        """Count the new clusters' votes; re-type the nodes that read a key whose counts moved. Returns
        the nodes whose family changed (every new node among them)."""
        counts: Counter = Counter()
        for nid, k in added.items():
            nd = self.nodes[nid]
            for key in vote_keys(nd):
                counts[(key, nd.own)] += k
        stored: dict[tuple[str, str], int] = {}
        if not self.fresh:
            for r in rows_in(self.c, select(t.res_votes), (t.res_votes.c.fam, t.res_votes.c.key), [(f, k) for k, f in counts]):
                stored[(r.key, r.fam)] = r.n
        rv = t.res_votes
        grown = [{"k": key, "f": fam, "total": stored[(key, fam)] + k} for (key, fam), k in counts.items() if (key, fam) in stored]
        if grown:
            self.c.execute(update(rv).where((rv.c.key == bindparam("k")) & (rv.c.fam == bindparam("f"))).values(n=bindparam("total")), grown)
        fresh_rows = [{"key": key, "fam": fam, "n": k} for (key, fam), k in counts.items() if (key, fam) not in stored]
        if fresh_rows:
            self.c.execute(insert(rv), fresh_rows)
        # votes only grow: a node already of the family that gained votes keeps it, the others are re-read
        gained: dict[str, set[str]] = defaultdict(set)
        for key, fam in counts:
            gained[key].add(fam)
        readers = set(self.new_nodes)
        if not self.fresh:
            # the readers of another family than a key's one gainer, from the index alone (a hub key has
            # hundreds of readers, nearly all of the family that gained)
            rr = t.res_readers
            by_gainer: dict[str | None, list[str]] = defaultdict(list)
            for key, fams in gained.items():
                by_gainer[next(iter(fams)) if len(fams) == 1 else None].append(key)
            for fam, keys in by_gainer.items():
                q = select(rr.c.node) if fam is None else select(rr.c.node).where(rr.c.fam != fam)
                readers |= {r.node for r in rows_in(self.c, q, rr.c.key, keys)}
        self.load(readers)
        votes: dict[str, Counter] = defaultdict(Counter)
        if self.fresh:
            for (key, fam), k in counts.items():
                votes[key][fam] = k
        else:
            keys = {key for nid in readers for key in reading_keys(self.nodes[nid])}
            for r in rows_in(self.c, select(t.res_votes), t.res_votes.c.key, keys):
                votes[r.key][r.fam] = r.n
        refam = set()
        for nid in readers:
            nd = self.nodes[nid]
            fam = vote(nd, votes)
            if fam != nd.fam:
                nd.fam = fam
                refam.add(nid)
        reader_rows = [{"key": key, "node": nid, "fam": self.nodes[nid].fam} for nid in sorted(self.new_nodes)
                       for key in reading_keys(self.nodes[nid])]
        if reader_rows:
            self.c.execute(insert(t.res_readers), reader_rows)
        _restamp(self.c, t.res_readers, "fam", {nid: self.nodes[nid].fam for nid in refam - self.new_nodes})
        return refam

    def move_holders(self, refam: set[str], quiet: Iterable[str] = ()) -> set[tuple[str, str]]:
        """Re-file the re-typed nodes under their names (and surnames); returns the (family, name) pairs
        whose holders changed, but for the `quiet` nodes' (attached to a stored group as they are)."""
        h, s = t.res_holders, t.res_surnames
        old_names: set[tuple[str, str]] = set()
        stale = refam - self.new_nodes
        if stale:
            old_names = {(r.fam, r.name) for r in rows_in(self.c, select(h.c.fam, h.c.name), h.c.node, stale)}
            self.old_surnames = {r.skey for r in rows_in(self.c, select(s.c.skey), s.c.node, stale)}
            for part in chunks(stale):
                self.c.execute(delete(h).where(h.c.node.in_(part)))
                self.c.execute(delete(s).where(s.c.node.in_(part)))
        else:
            self.old_surnames = set()
        holder_rows, surname_rows = [], []
        new_names: set[tuple[str, str]] = set()
        self.stale_names = set(old_names)  # the old and new names of the re-typed stored nodes
        for nid in sorted(refam):
            nd = self.nodes[nid]
            for n in holder_names(nd, self.split_names):
                holder_rows.append({"fam": nd.fam, "name": n, "node": nid, "ord": nd.order})
                if nid not in quiet:
                    new_names.add((nd.fam, n))
                if nid in stale:
                    self.stale_names.add((nd.fam, n))
            full, bare = surname_keys(nd, self.split_names)
            surname_rows += [{"skey": k, "node": nid, "bare": 0} for k in sorted(full)]
            if bare:
                surname_rows.append({"skey": bare, "node": nid, "bare": 1})
        name_rows = [{"fname": n, "node": nid} for nid in sorted(self.new_nodes) for n in sorted(set(map(fold, self.nodes[nid].names)))]
        for table, rows in ((h, holder_rows), (s, surname_rows), (t.res_names, name_rows)):
            if rows:
                self.c.execute(insert(table), rows)
        return old_names | new_names

    def update_blocks(self, names: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """File the newly held names in their blocks and take out the ones no node holds any more,
        comparing only the pairs that come with them. Returns the names of the matched pairs that came or went."""
        h, bl = t.res_holders, t.res_blocks
        held = {(r.fam, r.name) for r in rows_in(self.c, select(h.c.fam, h.c.name).distinct(), (h.c.fam, h.c.name), names)}
        keys = {(fam, n): block_keys(fam, n) for fam, n in names}
        filed: set[tuple[str, str]] = set()
        if not self.fresh:
            filed = {(r.fam, r.name) for r in rows_in(self.c, select(bl.c.fam, bl.c.name).distinct(), (bl.c.fam, bl.c.name), names)}
        coming: dict[tuple[str, str], list[str]] = defaultdict(list)
        going: dict[tuple[str, str], list[str]] = defaultdict(list)
        for fam, n in sorted(held - filed):
            for k in keys[(fam, n)]:
                coming[(fam, k)].append(n)
        for fam, n in sorted(filed - held):
            for k in keys[(fam, n)]:
                going[(fam, k)].append(n)
        self.changed_names: set[tuple[str, str]] = set()
        self.new_matches: list[tuple[str, str, str]] = []  # (family, a, b) of the matched pairs that came
        self.lost_names: set[tuple[str, str]] = set()  # the names of the matched pairs that went
        self.pair_rows: list[dict] = []
        self.drop_rows: list[dict] = []
        if self.fresh:
            rows = [{"fam": fam, "key": k, "name": n, "sk": sort_key(n)} for (fam, k), ns in coming.items() for n in ns]
            if rows:
                self.c.execute(insert(bl), rows)
            for (fam, k), ns in coming.items():
                self.compare(fam, k, _block_pairs(ns), {})
        else:
            self.refile(coming, going)
        self.flush_pairs()
        return self.changed_names

    def flush_pairs(self) -> None:
        """Write the pairs decided so far: the dropped ones out, the new ones in."""
        if self.drop_rows:
            self.c.execute(_DROP_PAIR, self.drop_rows)
            self.drop_rows = []
        if self.pair_rows:
            self.c.execute(_FILE_PAIRS, self.pair_rows)
            self.pair_rows = []

    def compare(self, fam: str, key: str, pairs: Iterable[tuple[str, str]], old: dict[tuple[str, str], int]) -> None:
        """Make the block's stored pairs `pairs`: the matcher decides the new ones."""
        now = set(pairs)
        for a, b in sorted(now - old.keys()):
            match = same_names(fam, a, b)
            self.pair_rows.append({"fam": fam, "key": key, "a": a, "b": b, "match": int(match)})
            if match:
                self.changed_names |= {(fam, a), (fam, b)}
                self.new_matches.append((fam, a, b))
        dropped = old.keys() - now
        lost = {(fam, x) for a, b in dropped if old[(a, b)] for x in (a, b)}
        self.changed_names |= lost
        self.lost_names |= lost
        self.drop_rows += [{"f": fam, "k": key, "a": a, "b": b} for a, b in sorted(dropped)]

    def refile(self, coming: dict[tuple[str, str], list[str]], going: dict[tuple[str, str], list[str]]) -> None:
        """Blocks' names change. A small block compares all its pairs anew (all small blocks in a few
        statements); a big one compares each name with its WINDOW sorted neighbours, so a name coming in
        or going out changes only the pairs around its place: its own, and those of its neighbours
        that it puts WINDOW + 1 apart or brings back to WINDOW."""
        c, bl, pr = self.c, t.res_blocks, t.res_pairs
        blocks = sorted(coming.keys() | going.keys())
        # a block's size, counted only up to where it could still end up small: a hub's blocks grow with the store
        capped = select(func.count()).select_from(
            select(bl.c.name).where((bl.c.fam == bindparam("f")) & (bl.c.key == bindparam("k"))).limit(bindparam("cap")).subquery())
        size = {(fam, k): c.execute(capped, {"f": fam, "k": k, "cap": FULL_BLOCK + 2 + len(going.get((fam, k), ()))}).scalar_one()
                for fam, k in blocks}
        small = [b for b in blocks if min(size[b], size[b] + len(coming.get(b, ())) - len(going.get(b, ()))) <= FULL_BLOCK + 1]
        for cond in keyed((bl.c.fam, bl.c.key, bl.c.name), [(fam, k, n) for fam, k in small for n in going.get((fam, k), ())]):
            c.execute(delete(bl).where(cond))
        rows = [{"fam": fam, "key": k, "name": n, "sk": sort_key(n)} for fam, k in small for n in coming.get((fam, k), ())]
        if rows:
            c.execute(insert(bl), rows)
        names: dict[tuple[str, str], list[str]] = defaultdict(list)
        old: dict[tuple[str, str], dict[tuple[str, str], int]] = defaultdict(dict)
        for r in rows_in(c, select(bl.c.fam, bl.c.key, bl.c.name), (bl.c.fam, bl.c.key), small):
            names[(r.fam, r.key)].append(r.name)
        for r in rows_in(c, select(pr), (pr.c.fam, pr.c.key), small):
            old[(r.fam, r.key)][(r.a, r.b)] = r.match
        for fam, k in small:
            self.compare(fam, k, _block_pairs(names[(fam, k)]), old[(fam, k)])
        filed: list[dict] = []  # names of big blocks that gain only them, filed at the end
        for fam, k in sorted(set(blocks) - set(small)):
            self.rewindow(fam, k, coming.get((fam, k), []), going.get((fam, k), []), filed)
        self.flush_pairs()
        if filed:
            c.execute(_FILE_NAME, filed)

    def rewindow(self, fam: str, key: str, coming: list[str], going: list[str], filed: list[dict]) -> None:
        """A big block, one name at a time (each step reads the store as the last one left it). A block
        that only gains one name is read once, and its pairs and name are left for the caller to write
        (`filed`, pending pairs) with those of the other such blocks: nothing reads that block again before."""
        c = self.c
        block = {"f": fam, "k": key}
        bridged = [(i, j) for i in range(1, WINDOW + 1) for j in range(1, WINDOW + 1) if i + j == WINDOW + 1]
        for n in going:
            c.execute(_DROP_NAME, {**block, "n": n})
            before, after = self.neighbours(block, sort_key(n))
            old = {(r.a, r.b): r.match for r in c.execute(_OWN_PAIRS, {**block, "n": n})}
            self.compare(fam, key, [(before[i - 1], after[j - 1]) for i, j in bridged if i <= len(before) and j <= len(after)], old)
            self.flush_pairs()
        for n in coming:
            before, after = self.neighbours(block, sort_key(n))
            apart = [(before[i - 1], after[j - 1]) for i, j in bridged if i <= len(before) and j <= len(after)]
            old = {}
            if apart:  # at most WINDOW pairs: one statement, filtered here
                rows = c.execute(_PAIRS_BETWEEN, {**block, "as_": sorted({a for a, _ in apart}), "bs": sorted({b for _, b in apart})})
                old = {(r.a, r.b): r.match for r in rows if (r.a, r.b) in apart}
            self.compare(fam, key, [(p, n) for p in before] + [(n, q) for q in after], old)
            row = {"fam": fam, "key": key, "name": n, "sk": sort_key(n)}
            if len(coming) == 1 and not going:
                filed.append(row)
            else:
                self.flush_pairs()
                c.execute(_FILE_NAME, row)

    def neighbours(self, block: dict[str, str], sk: str) -> tuple[list[str], list[str]]:
        """The WINDOW names before a place in a block (nearest first) and the WINDOW after it."""
        rows = self.c.execute(_NEIGHBOURS, {**block, "sk": sk}).all()
        before = [r.name for r in sorted((r for r in rows if r.sk < sk), key=lambda r: r.sk, reverse=True)]
        after = [r.name for r in sorted((r for r in rows if r.sk > sk), key=lambda r: r.sk)]
        return before, after

    # ---- regrouping -------------------------------------------------------------------------------

    def with_components(self, ids: set[str]) -> set[str]:
        """`ids` and every node of their stored components (with the new nodes attached to them), loaded."""
        self.load(ids)
        comps = {self.stored[n][0] for n in ids if n in self.stored}
        if comps:
            ids = ids | {r.id for r in rows_in(self.c, select(t.res_nodes.c.id), t.res_nodes.c.component, comps)}
            ids |= {nid for nid, (comp, _, _) in self.attached.items() if comp in comps}
        self.load(ids)
        return ids

    def regroup(self, affected: set[str], counted: set[str]) -> None:
        """Regroup the components of the affected nodes (and of the surname targets they reach or
        change), rewrite the entities of the `counted` nodes, and write what changed."""
        scope = self.with_components(affected)
        while True:
            nodes = sorted((self.nodes[n] for n in scope), key=lambda nd: nd.order)
            holders: dict[tuple[str, str], list[str]] = defaultdict(list)
            for nd in nodes:
                for n in holder_names(nd, self.split_names):
                    holders[(nd.fam, n)].append(nd.id)
            pairs = sorted(self.matched_pairs(holders), key=pair_order)
            m = block_phase(nodes, pairs, self.split_names)
            block_group = block_groups(nodes, m)
            targets, more = self.targets(nodes, block_group)
            if not more:
                break
            scope = scope | self.with_components(more)
        self.delta.regrouped = len(nodes)
        component = self.components(nodes, holders, pairs, targets)
        grouped = finish(nodes, m, targets, self.merges, self.splits)
        old_entities = {self.stored[n][1] for n in scope if n in self.stored}
        # entities whose groups stand and only grow: renamed from their stored summaries plus the new
        # clusters, without reading their nodes (a much-quoted person's entity has one per article)
        standing = self.stored | self.attached | self.absorbed  # node -> (component, entity id, block group)
        grown = sorted(counted - scope, key=lambda n: self.nodes[n].order)
        kept = {standing[n][1] for n in grown} - old_entities
        self.standing_named: dict[int, tuple[str, str, str]] = {}  # id(group) -> (name, type, pick) of a standing entity
        if kept:
            # entity -> (label, name, order, first, clusters, mentions) it gains
            adds: dict[str, list[tuple[str, str, str, str, int, int]]] = defaultdict(list)
            for nid in grown:
                nd = self.nodes[nid]
                component[nid], eid, block_group[nid] = standing[nid]
                self.kept_nodes[eid].append(nid)
                gains = [(nd.voted_label, name, nd.order, nd.first, nd.n, k) for name, k in nd.totals.items()] \
                    if nid in self.absorbed else \
                    [(nd.voted_label, name, order, f"{cl.doc}\x1f{cl.key}", 1, k)
                     for order, cl in self.new_clusters[nid] for name, k in cl.names.items()]
                adds[eid] += gains
                self.touched[eid] |= {(label, name) for label, name, *_ in gains}
            grouped += self.standing_groups(adds)
            nodes = sorted(nodes + [self.nodes[n] for n in grown], key=lambda nd: nd.order)
        gone = {e for es in self.absorbed_into.values() for e in es}
        self.write(nodes, component, block_group, grouped, old_entities | kept | gone)

    def standing_groups(self, adds: dict[str, list[tuple[str, str, str, str, int, int]]]) -> list[list[Node]]:
        """Entities whose groups stand and gain clusters (`adds`), from their summaries: the stored rows of
        the names they gain and of the form they are called by, and their mentions by label. A name's
        clusters and mentions only grow, so the form they are called by is the old one or one that
        grew (`pick_name` over those), and the type is the label with the most mentions (the first named
        on a tie). Each becomes a group of `_Summary` nodes for those rows, plus one for its first cluster."""
        en, g = t.res_entity_names, t.res_groups
        stored = {r.entity_id: r for r in rows_in(self.c, select(g.c.entity_id, g.c.pick, g.c.first), g.c.entity_id, adds)}
        labels: dict[str, dict[str, list]] = defaultdict(dict)  # entity -> label -> [mentions, smallest order key]
        q = select(en.c.entity_id, en.c.label, func.sum(en.c.mentions).label("k"), func.min(en.c.ord).label("o"))
        for r in rows_in(self.c, q.group_by(en.c.entity_id, en.c.label), en.c.entity_id, adds):
            labels[r.entity_id][r.label] = [r.k, r.o]
        wanted = {(e, n) for e, rows in adds.items() for n in {row[1] for row in rows} | {stored[e].pick}}
        sums: dict[str, dict[tuple[str, str], list]] = defaultdict(dict)
        for r in rows_in(self.c, select(en), (en.c.entity_id, en.c.name), wanted):
            sums[r.entity_id][(r.label, r.name)] = [r.clusters, r.mentions, r.ord, r.first]
        out = []
        for eid, rows in sorted(adds.items()):
            first, lab = stored[eid].first, labels[eid]
            for label, name, order, fst, clusters, k in rows:
                _tally(sums[eid], (label, name), clusters, k, order, fst)
                lab.setdefault(label, [0, "~"])
                lab[label] = [lab[label][0] + k, min(lab[label][1], order)]
                first = min(first, fst)
            docs: Counter = Counter()
            total: Counter = Counter()
            for (_, name), (clusters, mentions, _, _) in sums[eid].items():
                docs[name] += clusters
                total[name] += mentions
            pick = pick_name(docs, total)
            lead = min(lab, key=lambda lb: lab[lb][1])
            typ = min(lab, key=lambda lb: (-lab[lb][0], lab[lb][1]))
            group = _summary_group(eid, sums[eid], first, lab[lead][1])
            self.standing_named[id(group)] = (display_name(pick, lead), typ, pick)
            out.append(group)
        return out

    def targets(self, nodes: list[Node], block_group: dict[str, str]) -> tuple[dict[str, str | None], set[str]]:
        """The surname targets the scope's bare surnames use, and the nodes the scope must take in first:
        a target group outside it, or, when a key's target changed, the bare surnames elsewhere using it.
        A key's target depends on the block groups of every full name bearing it, stored for the nodes
        outside the scope."""
        keys = set(self.old_surnames)
        for nd in nodes:
            full, bare = surname_keys(nd, self.split_names)
            keys |= full | ({bare} if bare else set())
        s, n = t.res_surnames, t.res_nodes
        full_of: dict[str, set[str]] = defaultdict(set)
        bare_of: dict[str, set[str]] = defaultdict(set)
        for r in rows_in(self.c, select(s), s.c.skey, keys):
            (bare_of if r.bare else full_of)[r.skey].add(r.node)
        outside = {nid for ids in full_of.values() for nid in ids if nid not in block_group}
        group = dict(block_group)
        for r in rows_in(self.c, select(n.c.id, n.c.block_group), n.c.id, outside):
            group[r.id] = r.block_group
        stored = {} if self.fresh else {r.skey: r.target or None for r in rows_in(self.c, select(t.res_targets), t.res_targets.c.skey, keys)}
        targets: dict[str, str | None] = {}
        more: set[str] = set()
        for key in keys:
            if not bare_of.get(key):
                continue
            groups = {group[nid] for nid in full_of.get(key, ())}
            target = targets[key] = next(iter(groups)) if len(groups) == 1 else None
            if target and target not in block_group and bare_of[key] & block_group.keys():
                more.add(target)
            if (key not in stored or target != stored[key]) and not bare_of[key] <= block_group.keys():
                more |= bare_of[key] - block_group.keys()
        self.new_targets = targets
        self.target_keys = keys
        return targets, more

    def matched_pairs(self, holders: dict[tuple[str, str], list[str]]) -> list[tuple[str, str, str, str]]:
        pr = t.res_pairs
        q = select(pr.c.fam, pr.c.key, pr.c.a, pr.c.b).where(pr.c.match == 1)
        rows = {(r.fam, r.key, r.a, r.b) for r in rows_in(self.c, q, (pr.c.fam, pr.c.a), holders)}
        return [p for p in rows if (p[0], p[3]) in holders]

    def components(self, nodes: list[Node], holders, pairs, targets: dict[str, str | None]) -> dict[str, str]:
        """node -> component (its smallest node id): same names, matched pairs, a bare surname and its
        target, a manual decision's names."""
        uf = UnionFind()
        for nd in nodes:
            uf.find(nd.id)
        links: list[list[str]] = list(holders.values())
        links += [[holders[(fam, a)][0], holders[(fam, b)][0]] for fam, _, a, b in pairs]
        names: dict[str, list[str]] = defaultdict(list)
        for nd in nodes:
            bare = surname_keys(nd, self.split_names)[1]
            if bare and targets.get(bare):
                links.append([nd.id, targets[bare]])
            for n in set(map(fold, nd.names)) & self.decision_names:
                names[n].append(nd.id)
        links += [names[fold(a)] + names[fold(b)] for a, b in self.merges]
        links += [names[n] for n in self.split_names]
        for ids in links:
            for j in ids[1:]:
                uf.union(ids[0], j)
        return {nd.id: uf.find(nd.id) for nd in nodes}

    def first_elsewhere(self, bases: set[str]) -> dict[str, tuple[str, str]]:
        """base -> (entity id, first cluster) of the first stored entity with that id base (the regrouped
        scope's own are dropped by now)."""
        if self.fresh:
            return {}
        g = t.res_groups
        first = select(g.c.entity_id, g.c.first).where(g.c.base == bindparam("b")).order_by(g.c.first).limit(1)
        out = {}
        for base in sorted(bases):  # one index probe each: an unnamed source's base has an entity per article
            r = self.c.execute(first, {"b": base}).first()
            if r is not None:
                out[base] = (r.entity_id, r.first)
        return out

    def write(self, nodes: list[Node], component: dict[str, str], block_group: dict[str, str], grouped: list[list[Node]],
              old_entities: set[str]) -> None:
        c = self.c
        old_rows, old_stats = {}, {}
        if not self.fresh:
            old_rows = {r.id: (r.name, r.type) for r in rows_in(c, select(t.entities), t.entities.c.id, old_entities)}
            old_stats = {r.entity_id: (r.mentions, r.documents) for r in
                         rows_in(c, select(t.entity_stats), t.entity_stats.c.entity_id, old_entities)}
        self._moved_gpe: set[tuple[str | None, str | None]] = set()
        self._drop_entities(old_entities, self.touched.keys())
        self.named = {id(g): self.standing_named.get(id(g)) or _named(g) for g in grouped}  # what a big group is called, once
        elsewhere = self.first_elsewhere({group_base(g, self.named[id(g)][:2]) for g in grouped} | self._old_bases)
        groups = entity_ids(grouped, lambda base: elsewhere[base][1] if base in elsewhere else None,
                            {k: v[:2] for k, v in self.named.items()})
        entity_of = {nd.id: eid for g, eid, _, _ in groups for nd in g}
        self.delta.renamed |= old_entities - set(entity_of.values())
        # a standing entity whose id changes: its rows follow (parked under a spare id meanwhile, as the
        # renumbering below can give its old id to another entity)
        parked: dict[str, str] = {}  # new id -> the spare id
        for g, eid, _, _ in groups:
            old = getattr(g[0], "entity", None)
            if old is None:
                continue
            entity_of.update(dict.fromkeys(self.kept_nodes[old], eid))
            if old != eid:
                parked[eid] = "~" + old
                self._rename(old, parked[eid])
        self._renumber_elsewhere(groups, elsewhere)
        for eid, spare in parked.items():
            self._rename(spare, eid)
            self.delta.renamed.discard(spare)
        ids = [nd.id for nd in nodes]
        # nodes whose clusters move to another entity
        moved = [nid for nid in ids if nid in self.stored and self.stored[nid][1] != entity_of[nid]]
        moving: dict[str, list[tuple[str, str]]] = defaultdict(list)  # new entity -> its clusters that move
        for r in rows_in(c, select(t.res_members), t.res_members.c.node, moved):
            self.delta.changed[(r.doc_id, r.key)] = entity_of[r.node]
            moving[entity_of[r.node]].append((r.doc_id, r.key))
        em = t.entity_members
        for eid, clusters in sorted(moving.items()):
            for cond in keyed((em.c.doc_id, em.c.key), clusters):
                c.execute(update(em).where(cond).values(entity_id=eid))
        if self.new_members:
            c.execute(insert(t.res_members), self.new_members)
            c.execute(insert(t.entity_members), [{"doc_id": m["doc_id"], "key": m["key"], "entity_id": entity_of[m["node"]]}
                                                 for m in self.new_members])
            self.delta.changed.update({(m["doc_id"], m["key"]): entity_of[m["node"]] for m in self.new_members})
        # a regrouped component of a hub has hundreds of nodes: rewrite only those whose row changes (a
        # node's clusters only grow, so its totals change with its count)
        dirty = [nd for nd in nodes if self.stored.get(nd.id) != (component[nd.id], entity_of[nd.id], block_group[nd.id])
                 or self.stored_counts.get(nd.id) != (nd.n, nd.order, nd.first, nd.fam)]
        for part in chunks([nd.id for nd in dirty]):
            c.execute(delete(t.res_nodes).where(t.res_nodes.c.id.in_(part)))
        # a node mentioned earlier than before (a new article sorts before its others) moves in its names' holder lists
        _restamp(c, t.res_holders, "ord", {nd.id: nd.order for nd in dirty
                                           if nd.id in self.stored_counts and self.stored_counts[nd.id][1] != nd.order})
        if dirty:
            c.execute(insert(t.res_nodes), [
                {"id": nd.id, "label": nd.label, "names": json.dumps(list(nd.names)), "n": nd.n, "ord": nd.order,
                 "first": nd.first, "totals": json.dumps(dict(sorted(nd.totals.items()))),
                 "fam": nd.fam, "component": component[nd.id], "block_group": block_group[nd.id],
                 "entity_id": entity_of[nd.id]} for nd in dirty])
        rt = t.res_targets
        for part in chunks(self.target_keys):
            c.execute(delete(rt).where(rt.c.skey.in_(part)))
        if self.new_targets:
            c.execute(insert(rt), [{"skey": k, "target": v or ""} for k, v in sorted(self.new_targets.items())])
        self.write_entities(groups, entity_of, old_rows, old_stats)

    def write_entities(self, groups, entity_of: dict[str, str], old_rows: dict, old_stats: dict) -> None:
        """Entity rows, aliases, counts, summaries, id bases and demonym links of the regrouped entities."""
        c = self.c
        old_nodes: dict[str, set[str]] = defaultdict(set)
        for nid, (_, eid, _) in self.stored.items():
            old_nodes[eid].add(nid)
        added = defaultdict(list)  # entity -> its new clusters' (doc, mentions)
        for m in self.new_members:
            added[entity_of[m["node"]]].append((m["doc_id"], m["mentions"]))
        ent_rows, alias_rows, stat_rows, group_rows, name_rows = [], [], [], [], []
        dropped: list[tuple[str, str, str]] = []
        recount = []
        for g, eid, base, first in groups:
            sums: dict[tuple[str, str], list] = {}
            for nd in g:
                for n, k in nd.totals.items():
                    _tally(sums, (nd.voted_label, n), nd.n, k, nd.order, nd.first)
            standing = getattr(g[0], "entity", None)
            grew = self.touched.get(standing) if standing else None  # a standing entity rewrites what grew
            if grew is not None:
                dropped += [(eid, label, n) for label, n in grew]
            name_rows += [{"entity_id": eid, "label": label, "name": n, "clusters": cl, "mentions": k, "ord": o, "first": f}
                          for (label, n), (cl, k, o, f) in sums.items() if grew is None or (label, n) in grew]
            name, typ, pick = self.named[id(g)]
            if old_rows.get(eid) != (name, typ):
                self.delta.renamed.add(eid)
            ent_rows.append({"id": eid, "name": name, "type": typ})
            totals: Counter = Counter()
            for (_, n), row in sums.items():
                totals[n] += row[1]
            grew_names = {n for _, n in grew} if grew is not None else totals.keys()
            alias_rows += [{"entity_id": eid, "alias": a, "mentions": k} for a, k in totals.items() if a in grew_names]
            stored_nodes = {nd.id for nd in g if nd.id in self.stored}
            new_mentions = sum(k for _, k in added[eid])
            new_docs = len({d for d, k in added[eid] if k})
            if standing is not None:  # its clusters so far, the new ones (new documents) and those it absorbs
                m0, d0 = old_stats[standing]
                m1 = sum(old_stats[e][0] for e in self.absorbed_into.get(standing, ()))
                d1 = self.absorbed_docs.get(standing, 0)
                stat_rows.append({"entity_id": eid, "mentions": m0 + new_mentions + m1, "documents": d0 + new_docs + d1})
            elif not stored_nodes:
                stat_rows.append({"entity_id": eid, "mentions": new_mentions, "documents": new_docs})
            elif stored_nodes == old_nodes.get(eid) and eid in old_stats:
                m0, d0 = old_stats[eid]
                stat_rows.append({"entity_id": eid, "mentions": m0 + new_mentions, "documents": d0 + new_docs})
            else:
                recount.append(eid)
            code = country_code(name) if typ == "GPE" else None
            country = demonym_country(name) if typ == "NORP" else None
            group_rows.append({"entity_id": eid, "base": base, "first": first, "type": typ, "pick": pick, "code": code,
                               "fname": fold(name) if typ == "GPE" else None,
                               "dem_code": (country_code(country) or "") if country else None,
                               "dem_stem": fold(name) if typ == "NORP" and not country else None})
        self._drop_names(dropped)
        for eid in recount:
            mentions, documents = self._recount(eid)
            stat_rows.append({"entity_id": eid, "mentions": mentions, "documents": documents})
        for table, rows in ((t.entities, ent_rows), (t.entity_aliases, alias_rows), (t.entity_stats, stat_rows),
                            (t.res_groups, group_rows), (t.res_entity_names, name_rows)):
            if rows:
                c.execute(insert(table), rows)
        self._relink(group_rows)

    def _recount(self, eid: str) -> tuple[int, int]:
        """Mentions and documents of an entity whose nodes changed (documents shared by two of its nodes
        count once), once its nodes' rows are written: counted by the database, as a hub's members grow
        with the store."""
        m, nodes = t.res_members.c, t.res_nodes.c
        return tuple(self.c.execute(select(func.coalesce(func.sum(m.mentions), 0),
                                           func.count(distinct(case((m.mentions > 0, m.doc_id)))))
                                    .where(m.node.in_(select(nodes.id).where(nodes.entity_id == eid)))).one())

    def _drop_names(self, grew: list[tuple[str, str, str]]) -> None:
        """Standing entities' aliases and summary rows of the (entity, label, name) that grew: one
        statement per table, run for each."""
        al, en = t.entity_aliases.c, t.res_entity_names.c
        if grew:
            self.c.execute(delete(t.entity_aliases).where((al.entity_id == bindparam("e")) & (al.alias == bindparam("n"))),
                           [{"e": e, "n": n} for e, n in sorted({(e, n) for e, _, n in grew})])
            self.c.execute(delete(t.res_entity_names).where((en.entity_id == bindparam("e")) & (en.name == bindparam("n"))
                                                            & (en.label == bindparam("lb"))),
                           [{"e": e, "n": n, "lb": label} for e, label, n in sorted(grew)])

    def _drop_entities(self, ids: set[str], standing: Iterable[str] = ()) -> None:
        """The derived rows of entities about to be rewritten (the scope's old entities); a `standing`
        entity's aliases and summary rows stay, to be rewritten where they grew (`_drop_names`)."""
        self._old_bases: set[str] = set()
        self._old_gpe: set[tuple[str, str | None, str | None]] = set()  # (entity, code, folded name) of places
        if self.fresh or not ids:
            return
        g = t.res_groups
        for r in rows_in(self.c, select(g), g.c.entity_id, ids):
            self._old_bases.add(r.base)
            if r.type == "GPE":
                self._old_gpe.add((r.entity_id, r.code, r.fname))
        for part in chunks(ids):
            for table, col in ((t.entities, t.entities.c.id), (t.entity_stats, t.entity_stats.c.entity_id),
                               (t.entity_links, t.entity_links.c.entity_id), (t.res_groups, g.c.entity_id)):
                self.c.execute(delete(table).where(col.in_(part)))
        for part in chunks(sorted(set(ids) - set(standing))):
            for table, col in ((t.entity_aliases, t.entity_aliases.c.entity_id), (t.res_entity_names, t.res_entity_names.c.entity_id)):
                self.c.execute(delete(table).where(col.in_(part)))

    def _renumber_elsewhere(self, groups, elsewhere: dict[str, tuple[str, str]]) -> None:
        """Of the entities with one id base, the first keeps the plain id: when the regrouped entities
        gained or lost that place, the first one elsewhere gives it up or takes it (the others keep
        theirs). Runs after the old entities' rows are dropped and before the new ones are written."""
        local: dict[str, str] = {}
        for _, _, base, first in groups:
            local[base] = min(local.get(base, first), first)
        for base, (eid, first) in sorted(elsewhere.items()):
            plain = base not in local or first < local[base]
            want = make_id("e", base) if plain else make_id("e", base, first)
            if want != eid:
                self._rename(eid, want)

    def _rename(self, old: str, new: str) -> None:
        """An entity's id changes (another one took or gave up the plain id of its base, or a standing one
        was renamed): every row naming it follows (a standing entity's own rows are rewritten after)."""
        c = self.c
        g = t.res_groups
        row = c.execute(select(g.c.type, g.c.code, g.c.fname).where(g.c.entity_id == old)).first()
        if row is not None and row.type == "GPE":  # which place a demonym links to is decided by id on a tie
            self._moved_gpe |= {(row.code, row.fname)}
        for table, col in ((t.entities, t.entities.c.id), (t.entity_aliases, t.entity_aliases.c.entity_id),
                           (t.entity_stats, t.entity_stats.c.entity_id), (t.entity_links, t.entity_links.c.entity_id),
                           (t.entity_links, t.entity_links.c.target_id), (t.res_groups, t.res_groups.c.entity_id),
                           (t.res_nodes, t.res_nodes.c.entity_id), (t.entity_members, t.entity_members.c.entity_id),
                           (t.res_entity_names, t.res_entity_names.c.entity_id)):
            c.execute(update(table).where(col == old).values({col.name: new}))
        for r in c.execute(select(t.entity_members.c.doc_id, t.entity_members.c.key).where(t.entity_members.c.entity_id == new)):
            self.delta.changed[(r.doc_id, r.key)] = new
        self.delta.renamed |= {old, new}

    def _relink(self, group_rows: list[dict]) -> None:
        """'Iranian' is the demonym_of 'Iran' when the store has that country as a place entity (by the
        country lexicon, else by the place's name plus a short suffix: 'Marenthia' -> 'Marenthian'):
        relink the scope's demonyms, and the demonyms elsewhere that a changed place may concern."""
        g = t.res_groups
        norps = {r["entity_id"]: (r["dem_code"], r["dem_stem"]) for r in group_rows if r["type"] == "NORP"}
        new_gpe = {(r["entity_id"], r["code"], r["fname"]) for r in group_rows if r["type"] == "GPE"}
        gpe = {(code, name) for _, code, name in new_gpe ^ self._old_gpe} | self._moved_gpe  # places that came, went or moved
        if not self.fresh and gpe:
            codes = {code for code, _ in gpe if code}
            for r in rows_in(self.c, select(g.c.entity_id, g.c.dem_code, g.c.dem_stem), g.c.dem_code, codes):
                norps[r.entity_id] = (r.dem_code, r.dem_stem)
            for _, place in gpe:
                q = select(g.c.entity_id, g.c.dem_code, g.c.dem_stem).where((g.c.dem_stem > place) & (g.c.dem_stem < place + "{"))
                for r in self.c.execute(q):
                    norps[r.entity_id] = (r.dem_code, r.dem_stem)
        if not norps:
            return
        if not self.fresh:
            for part in chunks(norps):
                self.c.execute(delete(t.entity_links).where(t.entity_links.c.entity_id.in_(part) & (t.entity_links.c.kind == "demonym_of")))
        by_code, by_name = self._places(norps.values())
        rows = []
        for eid, (code, stem) in sorted(norps.items()):
            if code is not None:
                target = by_code.get(code) if code else None
            else:
                target = next((by_name[stem[:-cut]] for cut in range(1, 5)
                               if stem[:-cut] in by_name and len(stem) - cut >= 4), None)
            if target:
                rows.append({"entity_id": eid, "kind": "demonym_of", "target_id": target})
        if rows:
            self.c.execute(insert(t.entity_links), rows)

    def _places(self, lookups: Iterable[tuple[str | None, str | None]]) -> tuple[dict[str, str], dict[str, str]]:
        """(country code -> place entity, folded place name -> place entity), the smallest entity id on a tie."""
        g = t.res_groups
        codes, names = set(), set()
        for code, stem in lookups:
            if code:
                codes.add(code)
            elif stem:
                names |= {stem[:-cut] for cut in range(1, 5)}
        by_code: dict[str, str] = {}
        by_name: dict[str, str] = {}
        gpe = select(g.c.entity_id, g.c.code, g.c.fname).where(g.c.type == "GPE")
        for r in rows_in(self.c, gpe, g.c.code, codes):
            by_code[r.code] = min(by_code.get(r.code, r.entity_id), r.entity_id)
        for r in rows_in(self.c, gpe, g.c.fname, names):
            by_name[r.fname] = min(by_name.get(r.fname, r.entity_id), r.entity_id)
        return by_code, by_name


def _restamp(c, table, column: str, values: dict[str, str]) -> None:
    """`table`'s rows keep a copy of their node's `column` (its order, its family) so that an index can
    answer without reading the nodes: give the nodes whose value changed their new one."""
    if values:
        c.execute(update(table).where(table.c.node == bindparam("nid")).values({column: bindparam("value")}),
                  [{"nid": nid, "value": v} for nid, v in sorted(values.items())])


def _tally(sums: dict[tuple[str, str], list], key: tuple[str, str], clusters: int, mentions: int, order: str, first: str) -> None:
    """Add clusters under a (voted label, name) of an entity's summary."""
    row = sums.setdefault(key, [0, 0, "~", "~"])
    row[0] += clusters
    row[1] += mentions
    row[2], row[3] = min(row[2], order), min(row[3], first)


@dataclass
class _Summary(Node):
    """One (voted label, name) of a standing entity's summary, standing in for its nodes: the entity's
    name, type, aliases and first cluster come out as they would from the nodes themselves."""
    entity: str = ""  # the entity's stored id

    @property
    def voted_label(self) -> str:
        return self.label


def _summary_group(eid: str, sums: dict[tuple[str, str], list], first: str, order: str) -> list[Node]:
    """The summary rows read (and grown) of a standing entity, after one that holds its first cluster and
    smallest order key (the whole entity's)."""
    out = [_Summary(f"~{eid}", "", (), 0, order, first, Counter(), entity=eid)]
    for (label, name), (clusters, mentions, o, f) in sorted(sums.items()):
        out.append(_Summary(f"~{eid}\x1f{label}\x1f{name}", label, (name,), clusters, o, f, Counter({name: mentions}), entity=eid))
    return out


def _named(group: list[Node]) -> tuple[str, str, str]:
    """(name, type, picked form) of a group of nodes in order."""
    pick = canonical_pick(group)
    return display_name(pick, group[0].voted_label), entity_type(group), pick
