"""Full-text search over articles: SQLite FTS5, PostgreSQL full-text on that backend.

The store's schema has no full-text table, so on SQLite one is created here (IF NOT EXISTS) and
documents missing from it are added lazily before each search: ingest stays unaware of search, and
an old store gains search the first time it is asked. Rows are keyed by the documents' rowid and
joined back on id, so a deleted document never shows up. User text is never FTS syntax: it is cut
into words, each quoted, and always passed as a bound parameter."""

from __future__ import annotations

import re

from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from ..errors import InputError
from ..store import Store
from ..store import schema as t
from .views import MAX_LIMIT, find_entities, match_entities, page

HIT_START, HIT_END = "\x02", "\x03"  # snippet markers: never in clean text, split by the renderers
ALIAS_ENTITIES, ALIASES_PER_ENTITY = 3, 8  # names searched for a query that names an entity
_WORD = re.compile(r"\w+", re.UNICODE)

_FTS_CREATE = ("CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
               "id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')")
_FTS_FILL = ("INSERT INTO documents_fts(rowid, id, title, text) SELECT d.rowid, d.id, coalesce(d.title, ''), d.text "
             "FROM documents d WHERE d.rowid NOT IN (SELECT rowid FROM documents_fts)")
_FTS_QUERY = ("SELECT d.id, d.title, d.outlet, d.published, snippet(documents_fts, 2, :a, :b, ' … ', 24) AS snip "
              "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid AND d.id = documents_fts.id "
              "WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts, 0.0, 5.0, 1.0) LIMIT :limit OFFSET :offset")
_FTS_COUNT = ("SELECT count(*) FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
              "AND d.id = documents_fts.id WHERE documents_fts MATCH :q")

_PG_QUERY = ("SELECT d.id, d.title, d.outlet, d.published, "
             "ts_headline('english', d.text, q, :opts) AS snip FROM documents d, plainto_tsquery('english', :q) q "
             "WHERE to_tsvector('english', coalesce(d.title, '') || ' ' || d.text) @@ q "
             "ORDER BY ts_rank(to_tsvector('english', coalesce(d.title, '') || ' ' || d.text), q) DESC, d.id "
             "LIMIT :limit OFFSET :offset")
_PG_COUNT = ("SELECT count(*) FROM documents d, plainto_tsquery('english', :q) q "
             "WHERE to_tsvector('english', coalesce(d.title, '') || ' ' || d.text) @@ q")


def fts_query(q: str) -> str:
    """'Free Marenthia "movement"' -> '"free" "marenthia" "movement"': every word required, no operators."""
    words = _WORD.findall(q.lower())
    return " ".join(f'"{w}"' for w in words[:32])


def ensure_index(store: Store) -> None:
    """Create the SQLite FTS5 table if needed and add the documents it lacks."""
    with store.engine.begin() as c:
        c.execute(text(_FTS_CREATE))
        c.execute(text(_FTS_FILL))


def search_documents(store: Store, q: str, *, limit: int | None = 20, offset: int | None = 0) -> dict:
    limit, offset = page(limit, offset)
    if not _WORD.search(q or ""):
        raise InputError("give some words to search for")
    if store.engine.dialect.name == "sqlite":
        query = fts_query(q)
        try:
            ensure_index(store)
        except OperationalError:  # a read-only store: search what is indexed already, if anything
            pass
        with store.connect() as c:
            try:
                total = c.execute(text(_FTS_COUNT), {"q": query}).scalar_one()
                rows = c.execute(text(_FTS_QUERY), {"q": query, "a": HIT_START, "b": HIT_END,
                                                   "limit": limit, "offset": offset}).fetchall()
            except OperationalError as exc:
                raise InputError(f"search failed: {str(exc.orig).splitlines()[0]}") from exc
    else:
        opts = f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=30, MinWords=12"
        with store.connect() as c:
            total = c.execute(text(_PG_COUNT), {"q": q}).scalar_one()
            rows = c.execute(text(_PG_QUERY), {"q": q, "opts": opts, "limit": limit, "offset": offset}).fetchall()
    items = [{"id": r.id, "title": r.title, "outlet": r.outlet, "published": r.published,
              "snippet": (r.snip or "").replace(HIT_START, "[").replace(HIT_END, "]"),
              "snippet_parts": snippet_parts(r.snip or "")} for r in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def snippet_parts(snip: str) -> list[dict]:
    """'a \x02hit\x03 b' -> [{text: 'a ', hit: False}, {text: 'hit', hit: True}, {text: ' b', hit: False}]."""
    parts, hit = [], False
    for piece in re.split(f"([{HIT_START}{HIT_END}])", snip):
        if piece == HIT_START:
            hit = True
        elif piece == HIT_END:
            hit = False
        elif piece:
            parts.append({"text": piece, "hit": hit})
    return parts


def alias_documents(store: Store, q: str, *, limit: int = 20) -> dict:
    """Articles that name the entity `q` names under another of its spellings: 'Mojahedin' also finds
    the articles that only say 'Mujahedin-e Khalq' or 'MEK'. Each item says which alias matched and
    for which entity; articles whose text matches `q` itself are left to `search_documents`."""
    ids = match_entities(store, q)[:ALIAS_ENTITIES]
    if not ids:
        return {"total": 0, "items": []}
    with store.connect() as c:
        ents = {r.id: {"id": r.id, "name": r.name, "type": r.type}
                for r in c.execute(select(t.entities.c.id, t.entities.c.name, t.entities.c.type).where(t.entities.c.id.in_(ids)))}
        aliases = c.execute(select(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias)
                            .where(t.entity_aliases.c.entity_id.in_(ids))
                            .order_by(t.entity_aliases.c.mentions.desc(), t.entity_aliases.c.alias)).fetchall()
    own = fts_query(q)
    tried, per_entity, found = {own}, dict.fromkeys(ids, 0), {}
    for eid, alias in aliases:
        key = fts_query(alias)
        if not key or key in tried or per_entity[eid] >= ALIASES_PER_ENTITY:
            continue
        tried.add(key)
        per_entity[eid] += 1
        for d in search_documents(store, alias, limit=MAX_LIMIT, offset=0)["items"]:
            found.setdefault(d["id"], d | {"alias": alias, "entity": ents[eid]})
    if found:
        direct = {d["id"] for d in search_documents(store, q, limit=MAX_LIMIT, offset=0)["items"]}
        found = {k: v for k, v in found.items() if k not in direct}
    return {"total": len(found), "items": list(found.values())[:limit]}


def search(store: Store, q: str, *, limit: int | None = 20, offset: int | None = 0) -> dict:
    """Entities whose names match `q` loosely, articles whose text matches it (full-text), and articles
    that name a matching entity under another alias (`alias_documents`)."""
    docs = search_documents(store, q, limit=limit, offset=offset)
    ents = find_entities(store, q, limit=10, offset=0)
    return {"query": q, "entities": ents["items"], "entities_total": ents["total"], "documents": docs,
            "alias_documents": alias_documents(store, q)}
