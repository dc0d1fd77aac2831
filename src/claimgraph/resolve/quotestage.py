"""Quote occurrences -> quotes, from scratch (`rebuild_quotes`) or after new documents (`update_quotes`).

Grouping is connected components over shingle postings (groups.link_quotes): a posting list links its
first occurrence (in (doc, start) order) with each other one, and a list of more than COMMON_SHINGLE
links nothing. An add changes the edges of the shingles it posts to (a new first occurrence, a list
crossing the cutoff) and of the shingles of occurrences whose speaker entity changed (same_voice). The
old groups of every occurrence on such a list, with the new occurrences, are closed under the new
edges (any other edge is unchanged and stays inside an old group), so regrouping just them, with each
shingle's real posting list from the stored index, gives the groups a rebuild gives."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlalchemy import bindparam, delete, insert, select, update
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
    _post(c, occs, shingles, {})
    return _write(c, [[occs[i] for i in g] for g in group_quotes(occs, shingles)], names)


def update_quotes(c: Connection, doc_ids: list[str], delta) -> int:
    """Regroup the quotes the new documents' occurrences, and the occurrences whose speaker entity
    changed (delta.changed), can touch; rewrite quotes whose speaker was renamed (delta.renamed)."""
    new = sorted((dict(r._mapping) for r in rows_in(c, select(t.quote_occurrences), t.quote_occurrences.c.doc_id, doc_ids)),
                 key=_order)
    new_sh = [shingle_keys(o["text"]) for o in new]
    fresh = set(doc_ids)
    moved = [r.id for r in rows_in(c, select(t.quote_occurrences.c.id, t.quote_occurrences.c.doc_id, t.quote_occurrences.c.speaker_key),
                                   t.quote_occurrences.c.doc_id, {d for d, _ in delta.changed} - fresh)
             if r.speaker_key and (r.doc_id, r.speaker_key) in delta.changed]
    seeds = set().union(*new_sh, *_shingles_of(c, moved).values())
    before = _counts(c, seeds)
    _post(c, new, new_sh, before)
    live = {s for s in seeds if before.get(s, 0) <= COMMON_SHINGLE}  # shingles whose edges may change
    touched = {r.occurrence_id for r in rows_in(c, select(t.quote_shingles.c.occurrence_id), t.quote_shingles.c.shingle, live)}
    old_quotes = {r.quote_id for r in rows_in(c, select(t.quote_members.c.quote_id), t.quote_members.c.occurrence_id,
                                              (touched | set(moved)) - {o["id"] for o in new})}
    old_quotes |= {r.id for r in rows_in(c, select(t.quotes.c.id), t.quotes.c.speaker, delta.renamed)}
    region = {o["id"] for o in new} | {r.occurrence_id for r in rows_in(c, select(t.quote_members.c.occurrence_id),
                                                                         t.quote_members.c.quote_id, old_quotes)}
    occs = sorted((dict(r._mapping) for r in rows_in(c, select(t.quote_occurrences), t.quote_occurrences.c.id, region)), key=_order)
    speakers = entity_of(c, {o["doc_id"] for o in occs if o["speaker_key"]})
    for o in occs:
        o["speaker"] = speakers.get((o["doc_id"], o["speaker_key"])) if o["speaker_key"] else None
    at = {o["id"]: i for i, o in enumerate(occs)}
    sh_of = _shingles_of(c, at)
    shingles = [sh_of.get(o["id"], set()) for o in occs]
    counts = _counts(c, set().union(*shingles))
    postings: dict[str, list] = defaultdict(list)
    for r in rows_in(c, select(t.quote_shingles), t.quote_shingles.c.shingle,
                     [s for s, n in counts.items() if n <= COMMON_SHINGLE]):
        postings[r.shingle].append((r.doc_id, r.start, r.occurrence_id))
    local = []
    for plist in postings.values():
        first, *rest = [oid for *_, oid in sorted(plist)]
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


def _post(c: Connection, occs: list[dict], shingles: list[set[str]], before: dict[str, int]) -> None:
    """Add the occurrences to the shingle index and its counts (`before`: the stored counts)."""
    rows = [{"shingle": s, "occurrence_id": o["id"], "doc_id": o["doc_id"], "start": o["start"]}
            for o, sh in zip(occs, shingles) for s in sh]
    if not rows:
        return
    c.execute(insert(t.quote_shingles), rows)
    added = Counter(r["shingle"] for r in rows)
    ins = [{"shingle": s, "n": n} for s, n in added.items() if s not in before]
    upd = [{"s": s, "count": before[s] + n} for s, n in added.items() if s in before]
    if ins:
        c.execute(insert(t.quote_shingle_counts), ins)
    if upd:
        c.execute(update(t.quote_shingle_counts).where(t.quote_shingle_counts.c.shingle == bindparam("s"))
                  .values(n=bindparam("count")), upd)


def _counts(c: Connection, shingles: Iterable[str]) -> dict[str, int]:
    return {r.shingle: r.n for r in rows_in(c, select(t.quote_shingle_counts), t.quote_shingle_counts.c.shingle, set(shingles))}


def _shingles_of(c: Connection, occurrence_ids: Iterable[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in rows_in(c, select(t.quote_shingles.c.occurrence_id, t.quote_shingles.c.shingle),
                     t.quote_shingles.c.occurrence_id, set(occurrence_ids)):
        out[r.occurrence_id].add(r.shingle)
    return out

