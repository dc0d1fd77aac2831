"""The `claimgraph` command. Each command parses flags, calls one library function and renders
its data (a rich table, or JSON with --json). Library errors become one-line messages, never
tracebacks."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import __version__
from ..errors import ClaimgraphError
from .common import (DbOption, JsonOption, add_row, clip, entity_ref, err, id_column, fail as _fail, open_store as _store, out,
                     print_json as _print_json, safe)
from ..settings import get_settings

app = typer.Typer(
    help="claimgraph: turn news articles into an evidence-backed knowledge graph.\n\n"
         "Start with `claimgraph ingest examples/`, then `claimgraph stats`, `claimgraph docs` and "
         "`claimgraph export --format json out.json`. The store is ./claimgraph.db unless --db or "
         "CLAIMGRAPH_DB says otherwise (a SQLite path or a postgresql:// URL).",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)





@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files (.txt .html .json .jsonl .xml), folders (recursive) or http(s) URLs.")],
    db: DbOption = None,
    max_bytes: Annotated[Optional[int], typer.Option(help="Refuse files larger than this many bytes.")] = None,
    processes: Annotated[int, typer.Option(help="Extraction processes (0: all cores when there are 64+ sources, else one).")] = 0,
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler (tcp://HOST:8786): clean and extract on its workers.")] = None,
    workers: Annotated[Optional[int], typer.Option(help="Start a local Dask cluster with this many worker processes.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest articles: clean, extract and store them, then update entities, quotes and claims.

    Re-ingesting content that is already stored is a no-op. A file that cannot be read is reported
    with its reason and the run goes on; the exit status is 1 if anything failed."""
    from ..ingest.formats import EXTENSIONS
    from ..run import ingest as run_ingest

    settings = get_settings(max_bytes=max_bytes, processes=processes or None, scheduler=scheduler, dask_workers=workers)
    try:
        store = _store(db)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, transient=True, disable=as_json or not err.is_terminal) as progress:
            task = progress.add_task("ingesting", total=None)
            report = run_ingest(inputs, store, settings=settings,
                                on_total=lambda n: progress.update(task, total=n),
                                on_source=lambda s: progress.advance(task))
    except ClaimgraphError as exc:
        _fail(exc)
    for source, why in report.failed:
        err.print(f"[red]failed[/red] {safe(why)}" if source in why else f"[red]failed[/red] {safe(source)}: {safe(why)}",
                  markup=True, highlight=False, soft_wrap=True)
    if report.skipped:
        err.print(skipped_line(report.skipped), markup=False, highlight=False, soft_wrap=True)
    if not report.sources:
        err.print(f"nothing to ingest: no {' '.join(sorted(EXTENSIONS))} file in {' '.join(inputs)}",
                  markup=False, highlight=False, soft_wrap=True)
    if as_json:
        _print_json(report.as_dict())
    else:
        out.print(f"ingested {len(report.ingested)}, unchanged {len(report.unchanged)}, failed {len(report.failed)}"
                  f"  (store: {store.display_url})", markup=False, highlight=False)
    raise typer.Exit(0 if report.ok and report.sources else 1)


def skipped_line(skipped: dict[str, int]) -> str:
    """{'.pdf': 3, '.docx': 1} -> 'skipped 4 files: .pdf ×3, .docx ×1 (not a supported format)'."""
    n = sum(skipped.values())
    by_ext = ", ".join(f"{ext} ×{k}" for ext, k in skipped.items())
    return f"skipped {n} file{'s' if n != 1 else ''}: {by_ext} (not a supported format)"


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs (http/https), folders (recursive) or files.")],
    db: DbOption = None,
    interval: Annotated[float, typer.Option(min=0.01, help="Seconds between two polls of a source.")] = 300.0,
    once: Annotated[bool, typer.Option("--once", help="Poll every source once and exit (for cron): "
                                       "status 1 if any source failed.")] = False,
    max_backoff: Annotated[float, typer.Option(min=0.01, help="Longest wait, in seconds, before retrying a failing "
                                               "source (the wait doubles with each failure in a row).")] = 1800.0,
) -> None:
    """Follow feeds and folders: ingest each new article as it appears and print what it changed.

    Feeds are fetched with conditional GET (ETag / Last-Modified), so an unchanged feed costs one
    request; folders are re-read only for new or changed files; text already stored is skipped. One
    line per new article names it and what it added ('+2 quotes, +3 claims; claim ... now 4
    independent sources (was 3)'). A failing source is reported once, retried less and less often,
    and never holds up the others. Ctrl-C (or SIGTERM) stops after the article in hand, with the
    store complete, and exits 0 with a summary line. The spaCy model is loaded once for the whole watch."""
    from ..run import default_extractor
    from ..watch import Watcher, watch_sources

    settings = get_settings()
    try:
        watched = watch_sources(sources)
        store = _store(db)
        watcher = Watcher(watched, store, settings=settings, extractor=default_extractor(settings), interval=interval,
                          max_backoff=max_backoff, say=lambda line: out.print(line, markup=False, highlight=False, soft_wrap=True))
        err.print(f"watching {len(watched)} source{'s' if len(watched) != 1 else ''} (store: {store.display_url})"
                  + ("" if once else f", every {interval:g}s; Ctrl-C stops"), markup=False, highlight=False)
        summary = watcher.run(once=once)
    except ClaimgraphError as exc:
        _fail(exc)
    out.print(summary.line(len(watched)), markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(1 if once and summary.failed else 0)


@app.command()
def rebuild(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Recompute entities, grouped quotes and claims, copies and support from the stored articles.

    Ingest and watch keep these tables up to date as articles come in; rebuild recomputes them all
    from the per-article rows, replaying manual merge/split decisions (nothing is re-extracted). Use
    it after upgrading claimgraph (so new grouping rules apply to what is stored), after editing the
    store by hand, or to check that the incrementally updated graph equals a from-scratch one
    (`claimgraph export` before and after, and compare)."""
    import time

    from .. import resolve  # noqa: F401  (imported before the clock starts: the time printed is the rebuild's)
    from ..run import rebuild as run_rebuild

    try:
        store = _store(db)
        started = time.perf_counter()
        counts = run_rebuild(store)
    except ClaimgraphError as exc:
        _fail(exc)
    seconds = time.perf_counter() - started
    if as_json:
        return _print_json(counts | {"seconds": round(seconds, 3)})
    out.print(f"rebuilt {counts['entities']} entities, {counts['claims']} claims, {counts['copies']} copies "
              f"in {seconds:.2f}s  (store: {store.display_url})", markup=False, highlight=False, soft_wrap=True)


@app.command()
def docs(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List stored documents: id, title, outlet, published date, authors."""
    from ..query import document_summaries

    try:
        rows = document_summaries(_store(db))
    except ClaimgraphError as exc:
        _fail(exc)
    if as_json:
        return _print_json(rows)
    table = Table(id_column("id", 12), "published", "outlet", "title", "authors", "source")
    for r in rows:
        add_row(table, r["id"][:12], r["published"], r["outlet"], clip(r["title"], 60),
                ", ".join(r["authors"]), r["source"] if len(r["source"]) <= 40 else "…" + r["source"][-39:])
    out.print(table)


@app.command()
def show(doc_id: Annotated[str, typer.Argument(help="Document id or a unique prefix of it (see `claimgraph docs`).")],
         db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show one document: metadata, clean text, and the debris that cleaning removed."""
    try:
        d = _store(db).document(doc_id)
    except ClaimgraphError as exc:
        _fail(exc)
    if as_json:
        return _print_json(d)
    for k in ("id", "source", "url", "title", "published", "outlet", "wire", "dateline"):
        out.print(f"[bold]{k}[/bold]: {safe(d[k] if d[k] is not None else '-')}", highlight=False)
    out.print(f"[bold]authors[/bold]: {safe(', '.join(d['authors']) or '-')}", highlight=False)
    out.rule("text")
    out.print(d["text"], highlight=False, markup=False)
    if d["removed"]:
        out.rule(f"removed by cleaning ({len(d['removed'])})")
        for r in d["removed"]:
            out.print(f"- {r[:160]}", highlight=False, markup=False)


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts of documents, entities, quotes, claims and copies; outlets; recent failures."""
    from ..query import stats as get_stats

    try:
        s = get_stats(_store(db))
    except ClaimgraphError as exc:
        _fail(exc)
    if as_json:
        return _print_json(s)
    table = Table("table", "rows", title=f"store {safe(s['store'])}")
    for k, v in s["counts"].items():
        table.add_row(k, str(v))
    out.print(table)
    if s["outlets"]:
        ot = Table("outlet", "documents")
        for k, v in s["outlets"].items():
            add_row(ot, k, v)
        out.print(ot)
    if s["recent_failures"]:
        ft = Table("source", "code", "why", title=f"recent failures ({s['counts'].get('failures', len(s['recent_failures']))})")
        for f in s["recent_failures"]:
            add_row(ft, f["source"], f["code"], f["message"])
        out.print(ft)


@app.command()
def export(
    path: Annotated[str, typer.Argument(help="Output file, or - for standard output.")],
    format: Annotated[str, typer.Option("--format", "-f", help="json (the DESIGN.md contract), ftm (FollowTheMoney JSON Lines), "
                                        "graphml, gexf, or csv (PATH is a folder, one file per table). See docs/export.md.")] = "json",
    db: DbOption = None,
) -> None:
    """Export the whole store: JSON (the claimgraph/export/v1 contract, validated by
    docs/schema/export.schema.json), FollowTheMoney entities for Aleph/OpenSanctions tools, GraphML or
    GEXF graphs for Gephi and networkx, or CSV tables for spreadsheets (docs/export.md)."""
    from ..export import FORMATS

    if format not in FORMATS:
        err.print(f"[red]error[/red] unknown format {format!r}; choose from: {', '.join(FORMATS)}")
        raise typer.Exit(2)
    try:
        counts = FORMATS[format](_store(db), path)
    except ClaimgraphError as exc:
        _fail(exc)
    except OSError as exc:
        err.print(f"[red]error[/red] cannot write {path}: {exc.strerror}")
        raise typer.Exit(1)
    if path != "-":
        err.print(f"wrote {path}: " + ", ".join(f"{v} {k}" for k, v in counts.items()), highlight=False)


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="One article file (any ingestible format; the first record of a container).")],
    as_json: JsonOption = False,
) -> None:
    """Extract one document and print entities, quotes and claims, storing nothing (for debugging rules)."""
    from ..run import extract_one

    try:
        data = extract_one(file, get_settings())
    except ClaimgraphError as exc:
        _fail(exc)
    if as_json:
        return _print_json(data)
    out.print(f"[bold]{safe(data['documents'][0].get('title') or data['documents'][0]['source'])}[/bold]")
    et = Table("entity", "type", "aliases", "descriptions")
    for e in data["entities"]:
        add_row(et, e["name"], e["type"], ", ".join(a for a in e["aliases"] if a != e["name"]), "; ".join(e["descriptions"]))
    out.print(et)
    qt = Table("speaker", "kind", "cue", "quote")
    for q in data["quotes"]:
        add_row(qt, q["speaker_text"] or "-", q["kind"], q["occurrences"][0]["cue"], clip(q["text"], 100))
    out.print(qt)
    names = {e["id"]: e["name"] for e in data["entities"]}
    ct = Table("subject", "predicate", "object / value", "time", "modality", "attributed to")
    for c in data["claims"]:
        ev = c["evidence"][0]
        add_row(ct, names.get(c["subject"], c["subject"]),
                c["predicate"] if ev.get("status", "occurred") == "occurred" else f"{ev['status']} {c['predicate']}",
                   names.get(c["object"], c["value"] or "") if c["object"] else (c["value"] or ""),
                   c["time"] or "", ev["modality"], names.get(ev["attributed_to"], "") if ev["attributed_to"] else "")
    out.print(ct)


@app.command()
def merge(a: Annotated[str, typer.Argument(help="An entity: its id, a unique id prefix, or any of its names.")],
          b: Annotated[str, typer.Argument(help="The entity to merge into it: id, id prefix or name.")],
          db: DbOption = None) -> None:
    """Merge two entities that resolution kept apart. Stored as a decision and replayed on every
    re-run; `claimgraph decisions --undo ID` takes it back."""
    from ..resolve.manual import add_decision

    try:
        store = _store(db)
        d = add_decision(store, "merge", entity_ref(store, a), entity_ref(store, b))
    except ClaimgraphError as exc:
        _fail(exc)
    out.print(f"merged {d['b']!r} into {d['a']!r}", markup=False, highlight=False)


@app.command()
def split(entity: Annotated[str, typer.Argument(help="The entity: its id, a unique id prefix, or any of its names.")],
          alias: Annotated[str, typer.Argument(help="The alias whose mentions belong to another entity.")],
          db: DbOption = None) -> None:
    """Split the mentions named ALIAS out of ENTITY (a wrong merge). Stored and replayed like merge."""
    from ..resolve.manual import add_decision

    try:
        store = _store(db)
        d = add_decision(store, "split", entity_ref(store, entity), alias)
    except ClaimgraphError as exc:
        _fail(exc)
    out.print(f"split {d['b']!r} out of {d['a']!r}", markup=False, highlight=False)


@app.command()
def decisions(db: DbOption = None, undo: Annotated[Optional[int], typer.Option(help="Delete decision ID and rebuild.")] = None,
              as_json: JsonOption = False) -> None:
    """List manual merge/split decisions, or undo one with --undo ID."""
    from ..resolve.manual import list_decisions, undo_decision

    try:
        store = _store(db)
        if undo is not None:
            undo_decision(store, undo)
        rows = list_decisions(store)
    except ClaimgraphError as exc:
        _fail(exc)
    if as_json:
        return _print_json(rows)
    table = Table("id", "decision", "a", "b")
    for r in rows:
        add_row(table, r["id"], r["kind"], r["a"], r["b"])
    out.print(table)


from .names import names_app  # noqa: E402  (sub-apps and query commands live in their own modules)
from .views import register  # noqa: E402

app.add_typer(names_app, name="names")
register(app)


def _version(value: bool) -> None:
    if value:
        out.print(f"claimgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    pass


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted: every document stored so far is complete; re-run to continue")
        sys.exit(130)
