"""Quote occurrences -> quotes, from scratch (`rebuild_quotes`) or after new documents (`update_quotes`).

Grouping is connected components over shingle postings (groups.link_quotes): a posting list links its
first occurrence (in (doc, start) order) with each other one, and a list of more than COMMON_SHINGLE
links nothing. An add changes the edges of the shingles it posts to (a new first occurrence, a list
crossing the cutoff) and of the shingles of occurrences whose speaker entity changed (same_voice). The
old groups of every occurrence on such a list, with the new occurrences, are closed under the new
edges (any other edge is unchanged and stays inside an old group), so regrouping just them, with each
shingle's real posting list from the stored index, gives the groups a rebuild gives. A shingle past
the cutoff is recorded as common and its list dropped: documents are only ever added, so it never
links again, and no list read is longer than COMMON_SHINGLE."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from ..model import make_id
from ..store import schema as t
from .groups import COMMON_SHINGLE, group_quotes, link_quotes, majority, shingle_keys
from .keyed import chunks, entity_names, entity_of, rows_in

Names = dict[str, tuple[str, str]]  # entity id -> (name, type)


def _order(o: dict) -> tuple:
    return o["doc_id"], o["start"], o["id"]


def rebuild_quotes(c: Connection, members: dict[tuple[str, str], str], names: Names) -> int:
    """Every quote from every stored occurrence; fills the shingle index too."""
    occs = sorted((dict(r._mapping) for r in c.execute(select(t.quote_occurrences))), key=_order)
    for o in occs:
        o["speaker"] = members.get((o["doc_id"], o["speaker_key"])) if o["speaker_key"] else None
    shingles = [shingle_keys(o["text"]) for o in occs]
    _post(c, occs, shingles, {}, set())
    return _write(c, [[occs[i] for i in g] for g in group_quotes(occs, shingles)], names)


def update_quotes(c: Connection, doc_ids: list[str], delta) -> int:
    """Regroup the quotes the new documents' occurrences, and the occurrences whose speaker entity
    changed (delta.changed), can touch; rewrite quotes whose speaker was renamed (delta.renamed)."""
    qo = t.quote_occurrences.c
    new = sorted((dict(r._mapping) for r in rows_in(c, select(t.quote_occurrences), qo.doc_id, doc_ids)), key=_order)
    new_sh = [shingle_keys(o["text"]) for o in new]
    fresh = set(doc_ids)
    moved = [r for r in rows_in(c, select(qo.id, qo.doc_id, qo.speaker_key, qo.text), qo.doc_id, {d for d, _ in delta.changed} - fresh)
             if r.speaker_key and (r.doc_id, r.speaker_key) in delta.changed]
    seeds = set().union(*new_sh, *(shingle_keys(r.text) for r in moved))
    common = _common(c, seeds)
    before = _postings(c, seeds - common)  # the lists whose links may change: not common before this add
    _post(c, new, new_sh, before, common)
    touched = {oid for plist in before.values() for *_, oid in plist}
    old_quotes = {r.quote_id for r in rows_in(c, select(t.quote_members.c.quote_id), t.quote_members.c.occurrence_id,
                                              touched | {r.id for r in moved})}
    old_quotes |= {r.id for r in rows_in(c, select(t.quotes.c.id), t.quotes.c.speaker, delta.renamed)}
    region = {o["id"] for o in new} | {r.occurrence_id for r in rows_in(c, select(t.quote_members.c.occurrence_id),
                                                                         t.quote_members.c.quote_id, old_quotes)}
    occs = sorted((dict(r._mapping) for r in rows_in(c, select(t.quote_occurrences), qo.id, region)), key=_order)
    speakers = entity_of(c, {o["doc_id"] for o in occs if o["speaker_key"]})
    for o in occs:
        o["speaker"] = speakers.get((o["doc_id"], o["speaker_key"])) if o["speaker_key"] else None
    at = {o["id"]: i for i, o in enumerate(occs)}
    shingles = [shingle_keys(o["text"]) for o in occs]
    keys = set().union(*shingles)
    local = []
    for plist in _postings(c, keys - _common(c, keys)).values():
        first, *rest = [oid for *_, oid in plist]
        if first in at:  # a list whose first occurrence lies outside the region links nothing inside it
            local.append([at[first]] + [at[j] for j in rest if j in at])
    groups = link_quotes(occs, shingles, local)
    for chunk in chunks(old_quotes):
        c.execute(delete(t.quote_members).where(t.quote_members.c.quote_id.in_(chunk)))
        c.execute(delete(t.quotes).where(t.quotes.c.id.in_(chunk)))
    speaker_ids = {o["speaker"] for o in occs if o["speaker"]}
    return _write(c, [[occs[i] for i in g] for g in groups], entity_names(c, speaker_ids))


def _quote(rows: list[dict], names: Names) -> dict:
    """The quote of a group of occurrences (in (doc, start) order): the longest wording, the majority speaker."""
    longest = max(rows, key=lambda o: len(o["text"]))
    speaker = majority([o["speaker"] for o in rows if o["speaker_key"]])
    return {"id": make_id("q", longest["doc_id"], longest["start"]), "text": longest["text"], "speaker": speaker,
            "speaker_text": (names[speaker][0] if speaker in names else None) or majority([o["speaker_text"] for o in rows]),
            "said_on": majority([o["said_on"] for o in rows]), "kind": longest["kind"] or "direct"}


def _write(c: Connection, groups: list[list[dict]], names: Names) -> int:
    quote_rows, member_rows = [], []
    for rows in groups:
        q = _quote(rows, names)
        quote_rows.append(q)
        member_rows.extend({"occurrence_id": o["id"], "quote_id": q["id"]} for o in rows)
    if quote_rows:  # one statement per table: a single-row INSERT per quote was most of a rebuild's I/O
        c.execute(insert(t.quotes), quote_rows)
        c.execute(insert(t.quote_members), member_rows)
    return len(quote_rows)


def _post(c: Connection, occs: list[dict], shingles: list[set[str]], before: dict[str, list], common: set[str]) -> None:
    """Add the occurrences to the shingle index (`before`: the stored posting lists of their shingles,
    `common`: those of their shingles already common). A list that would grow past COMMON_SHINGLE is
    dropped and its shingle recorded as common."""
    added: dict[str, list[dict]] = defaultdict(list)
    for o, sh in zip(occs, shingles):
        for s in sh - common:
            added[s].append({"shingle": s, "occurrence_id": o["id"], "doc_id": o["doc_id"], "start": o["start"]})
    rows, now_common = [], []
    for s, posts in added.items():
        if len(before.get(s, ())) + len(posts) > COMMON_SHINGLE:
            now_common.append(s)
        else:
            rows += posts
    for chunk in chunks([s for s in now_common if before.get(s)]):
        c.execute(delete(t.quote_shingles).where(t.quote_shingles.c.shingle.in_(chunk)))
    if rows:
        c.execute(insert(t.quote_shingles), rows)
    if now_common:
        c.execute(insert(t.quote_common_shingles), [{"shingle": s} for s in now_common])


def _common(c: Connection, shingles: set[str]) -> set[str]:
    """Which of the shingles are common."""
    return {r.shingle for r in rows_in(c, select(t.quote_common_shingles), t.quote_common_shingles.c.shingle, shingles)}


def _postings(c: Connection, shingles: set[str]) -> dict[str, list[tuple]]:
    """The stored posting lists (at most COMMON_SHINGLE occurrences each) in (doc, start, id) order."""
    out: dict[str, list[tuple]] = defaultdict(list)
    for r in rows_in(c, select(t.quote_shingles), t.quote_shingles.c.shingle, shingles):
        out[r.shingle].append((r.doc_id, r.start, r.occurrence_id))
    return {s: sorted(p) for s, p in out.items()}
