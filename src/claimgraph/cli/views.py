"""Query commands (entity, claims, quotes, timeline, sources, search) and `serve`. Each parses flags,
calls one function of claimgraph.query and prints a rich table, or JSON with --json. Added to the
main app by `register(app)`."""

from __future__ import annotations

import ipaddress
from typing import Annotated, Optional

import typer
from rich.table import Table

from ..errors import ClaimgraphError
from .common import (DbOption, JsonOption, add_row, clip, entity_ref, err, fail as _fail, full_id, id_column, open_store as _store,
                     out, print_json as _print_json, safe)
from ..settings import get_settings

LimitOption = Annotated[int, typer.Option("--limit", min=1, max=500, help="At most this many rows.")]
OffsetOption = Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows (paging).")]





def _support(s: dict) -> str:
    return f"{s['independent']} indep / {s['documents']} docs" + (f" / {s['denials']} denied" if s["denials"] else "")


def _modes(m: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in m.items())


def _obj(c: dict) -> str:
    if c["predicate"] == "holds_role" and c.get("value"):
        return c["value"] + (f" ({c['object']['name']})" if c.get("object") else "")
    return c["object"]["name"] if c.get("object") else (c.get("value") or "")


def _claims_table(items: list[dict], title: str | None = None) -> Table:
    table = Table(id_column("claim"), "subject", "predicate", "object / value", "time", "support", "how it is said", title=title)
    for c in items:
        pred = c["predicate"] if c.get("status", "occurred") == "occurred" else f"{c['status']} {c['predicate']}"
        add_row(table, c["id"][:10], c["subject"]["name"], pred, _obj(c), c["time"], _support(c["support"]),
                _modes(c["modalities"]))
    return table


def _more(page: dict) -> None:
    shown = page["offset"] + len(page["items"])
    if page["total"] > shown:
        err.print(f"{len(page['items'])} of {page['total']}; --offset {shown} for more", highlight=False)


def entity_cli(
    name: Annotated[str, typer.Argument(help="Any name of the entity (any alias or spelling variant), its id or a unique id prefix.")],
    db: DbOption = None, as_json: JsonOption = False,
) -> None:
    """Who is NAME: aliases, type, descriptions and roles; what is claimed about it (by predicate,
    with support); what it said."""
    from ..query import views

    try:
        store = _store(db)
        e = views.entity(store, entity_ref(store, name))
    except ClaimgraphError as exc:
        _fail(exc)
    if as_json:
        return _print_json(e)
    out.print(f"[bold]{safe(e['name'])}[/bold] ({e['type']})  id {e['id']}  ·  {e['mentions']} mentions in {e['documents']} documents",
              highlight=False, markup=True)
    if e["also_named"]:
        out.print("the name could also mean: " + ", ".join(f"{o['name']} ({o['type']}, {o['id']})" for o in e["also_named"]),
                  highlight=False, markup=False)
    out.print("aliases: " + ", ".join(f"{a['alias']} ({a['mentions']})" for a in e["aliases"]), highlight=False, markup=False)
    if e["descriptions"]:
        out.print("described as: " + "; ".join(e["descriptions"]), highlight=False, markup=False)
    for r in e["roles"]:
        out.print(f"role: {r['role']}" + (f" of {r['of']['name']}" if r["of"] else "") + f"  [{_support(r['support'])}]",
                  highlight=False, markup=False)
    for pred, items in e["claims"].items():
        out.print(_claims_table(items, title=pred))
    if e["quotes"]:
        qt = Table("said on", "quote", "outlets", title="quotes")
        for q in e["quotes"]:
            add_row(qt, q["said_on"], clip(q["text"], 120), ", ".join(q["outlets"]) or len(q["occurrences"]))
        out.print(qt)


def claims_cli(
    subject: Annotated[Optional[str], typer.Option(help="Only claims whose subject is this entity (any name or id).")] = None,
    predicate: Annotated[Optional[str], typer.Option(help="Only this predicate (expel, holds_role, deny, ...).")] = None,
    entity: Annotated[Optional[str], typer.Option(help="Claims with this entity as subject or object.")] = None,
    min_independent: Annotated[int, typer.Option(min=0, help="At least this many independent sources.")] = 0,
    modality: Annotated[Optional[str], typer.Option(help="Only claims with evidence that is asserted, hedged, attributed or denied.")] = None,
    status: Annotated[Optional[str], typer.Option(help="Only claims of this event status: occurred, attempted, planned, prevented, future, hypothetical.")] = None,
    claim_id: Annotated[Optional[str], typer.Option("--id", help="Show one claim with all its evidence (its id or a unique id prefix).")] = None,
    limit: LimitOption = 50, offset: OffsetOption = 0, db: DbOption = None, as_json: JsonOption = False,
) -> None:
    """Claims, most independently corroborated first, with how they are said (asserted, hedged,
    attributed, denied). --id CLAIM shows every piece of evidence of one claim."""
    from ..query import views
    from ..store import schema

    try:
        store = _store(db)
        if claim_id:
            c = views.claim(store, full_id(store, schema.claims, claim_id, "claim"))
        else:
            page = views.claims(store, subject=entity_ref(store, subject), predicate=predicate, entity_ref=entity_ref(store, entity),
                                min_independent=min_independent, modality=modality, status=status, limit=limit, offset=offset)
    except ClaimgraphError as exc:
        _fail(exc)
    if claim_id:
        if as_json:
            return _print_json(c)
        out.print(f"[bold]{safe(c['label'])}[/bold]  {safe('[' + _support(c['support']) + ']')}", highlight=False, markup=True)
        et = Table("modality", "document", "outlet", "published", "independent", "sentence")
        for ev in c["evidence"]:
            d = ev["document"]
            add_row(et, ev["badge"], f"{d['id'][:10]} {clip(d['title'] or d['source'], 50)}", d["outlet"], d["published"],
                    "yes" if ev["independence"]["independent"] else "no: " + ", ".join(
                        f"{x['why']} ({x['outlet'] or x['doc'][:8]})" for x in ev["independence"]["shared_with"]),
                    ev["text"])
        out.print(et)
        return err.print("claimgraph show DOCUMENT opens an article (an id prefix is enough)", highlight=False)
    if as_json:
        return _print_json(page)
    out.print(_claims_table(page["items"]))
    _more(page)


def quotes_cli(
    speaker: Annotated[Optional[str], typer.Option(help="Only quotes by this entity (any name or id).")] = None,
    kind: Annotated[Optional[str], typer.Option(
        help="Only this kind: direct, mixed, indirect, according_to or belief.")] = None,
    limit: LimitOption = 50, offset: OffsetOption = 0, db: DbOption = None, as_json: JsonOption = False,
) -> None:
    """Who said what, and where it was copied: each quote (or indirect attribution) with the outlets that carry it."""
    from ..query import views

    try:
        store = _store(db)
        page = views.quotes(store, speaker=entity_ref(store, speaker), kind=kind, limit=limit, offset=offset)
    except ClaimgraphError as exc:
        _fail(exc)
    if as_json:
        return _print_json(page)
    table = Table("speaker", "kind", "said on", "quote", "occurrences (outlet, published)")
    for q in page["items"]:
        add_row(table, q["speaker"]["name"] if q["speaker"] else (q["speaker_text"] or "-"), q["kind"], q["said_on"], clip(q["text"], 140),
                "; ".join(f"{o['outlet'] or o['doc'][:8]} {o['published'] or ''}".strip() for o in q["occurrences"]))
    out.print(table)
    _more(page)


def timeline_cli(
    entity: Annotated[Optional[str], typer.Option(help="Only claims about this entity (any name or id).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="At most this many rows.")] = 200,
    offset: OffsetOption = 0, db: DbOption = None, as_json: JsonOption = False,
) -> None:
    """What happened when: dated claims in time order."""
    from ..query import overview

    try:
        store = _store(db)
        page = overview.timeline(store, entity_ref=entity_ref(store, entity), limit=limit, offset=offset)
    except ClaimgraphError as exc:
        _fail(exc)
    if as_json:
        return _print_json(page)
    table = Table("time", "claim", "support", "how it is said")
    for c in page["items"]:
        add_row(table, c["time"], c["label"], _support(c["support"]), _modes(c["modalities"]))
    out.print(table)
    _more(page)


def sources_cli(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Which outlets say what: outlets with their documents and claims, and who copies whom."""
    from ..query import overview

    try:
        s = overview.sources(_store(db))
    except ClaimgraphError as exc:
        _fail(exc)
    if as_json:
        return _print_json(s)
    ot = Table("outlet", "documents", "claims", "wire", title="outlets")
    for o in s["outlets"]:
        add_row(ot, o["outlet"], o["documents"], o["claims"], o["wire"])
    out.print(ot)
    ct = Table("copier (later)", "published", "original (earlier)", "published", "passages",
               title="who copies whom (? = same date, direction unknown)")
    for cp in s["copies"]:
        add_row(ct, f"{cp['copier']['outlet'] or '(unknown)'} {cp['copier']['id'][:8]}" + ("" if cp["direction_known"] else " ?"),
                cp["copier"]["published"] or "",
                f"{cp['original']['outlet'] or '(unknown)'} {cp['original']['id'][:8]}", cp["original"]["published"] or "",
                cp["passages"])
    out.print(ct)


def search_cli(
    words: Annotated[list[str], typer.Argument(help="Words to find (all must occur); names also match entities loosely.")],
    limit: Annotated[int, typer.Option(min=1, max=500, help="At most this many articles.")] = 20,
    offset: OffsetOption = 0, db: DbOption = None, as_json: JsonOption = False,
) -> None:
    """Full-text search over the articles (SQLite FTS5; PostgreSQL full-text), plus matching entities."""
    from ..query.search import search

    try:
        r = search(_store(db), " ".join(words), limit=limit, offset=offset)
    except ClaimgraphError as exc:
        _fail(exc)
    if as_json:
        return _print_json(r)
    if r["entities"]:
        et = Table("entity", "type", "mentions", "id", title="entities")
        for e in r["entities"]:
            add_row(et, e["name"], e["type"], e["mentions"], e["id"])
        out.print(et)
    dt = Table(id_column("document"), "published", "outlet", "title", "snippet", title=f"articles ({r['documents']['total']})")
    for d in r["documents"]["items"]:
        dt.add_row(*(safe(x) for x in (d["id"][:10], d["published"], d["outlet"], clip(d["title"], 60))),
                   styled_snippet(d["snippet_parts"]))
    out.print(dt)
    if r["alias_documents"]["items"]:
        at = Table(id_column("document"), "published", "outlet", "title", "names it as", "snippet",
                   title=f"articles naming it otherwise ({r['alias_documents']['total']})")
        for d in r["alias_documents"]["items"]:
            at.add_row(*(safe(x) for x in (d["id"][:10], d["published"], d["outlet"], clip(d["title"], 60),
                                           f"{d['alias']} ({d['entity']['name']})")), styled_snippet(d["snippet_parts"]))
        out.print(at)


def styled_snippet(parts: list[dict]) -> str:
    """A search snippet as rich markup: the article's words escaped, the matched ones in bold."""
    return "".join(f"[bold yellow]{safe(p['text'])}[/bold yellow]" if p["hit"] else safe(p["text"]) for p in parts)


def serve_cli(
    host: Annotated[str, typer.Option(help="Address to bind. Loopback by default: the UI has no login.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free port).")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the web UI and the read-only JSON API (OpenAPI at /docs) on http://127.0.0.1:8000."""
    import uvicorn

    from ..api import create_app

    try:
        app = create_app(db or get_settings().db_url)
    except ClaimgraphError as exc:
        _fail(exc)
    if not _loopback(host):
        err.print(f"[yellow]warning[/yellow] listening on {host}: anyone who can reach it can read the store",
                  markup=True, highlight=False)
    err.print(f"claimgraph on http://{host}:{port}/  (API docs at /docs; Ctrl-C stops)", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    """Add the query commands and `serve` to the `claimgraph` app."""
    app.command("entity")(entity_cli)
    app.command("claims")(claims_cli)
    app.command("quotes")(quotes_cli)
    app.command("timeline")(timeline_cli)
    app.command("sources")(sources_cli)
    app.command("search")(search_cli)
    app.command("serve")(serve_cli)
