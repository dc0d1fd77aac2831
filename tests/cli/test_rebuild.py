"""`claimgraph rebuild`: recomputes every cross-document table from the stored per-document rows
(real spaCy, real store), so a graph damaged by hand comes back equal to the one ingest built."""

from __future__ import annotations

import json

from sqlalchemy import delete, update
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.query import export_data
from claimgraph.run import ingest
from claimgraph.store import schema as t

ARTICLES = {
    "wire.txt": "Norway expels two Russian diplomats\n\nOSLO -- Norway expelled two Russian diplomats on Tuesday, "
                "the foreign ministry said.\n\n\u201cWe will not tolerate espionage,\u201d Foreign Minister Kari Lund said.\n",
    "courier.txt": "Oslo orders Russian envoys out\n\nNorway expelled two Russian diplomats this week after a spy "
                   "inquiry, officials said. The Russian embassy accused Norway of hostility.\n",
}


def test_rebuild_restores_the_graph_from_the_stored_rows(tmp_store, tmp_path, pipeline):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = ingest([str(tmp_path)], tmp_store, extractor=pipeline.extract_stream)
    assert len(report.ingested) == 2
    built = export_data(tmp_store)
    assert built["claims"] and built["entities"]
    with tmp_store.begin() as c:  # hand edits to derived tables: a lost claim, a wrong support figure
        c.execute(delete(t.claims).where(t.claims.c.id == built["claims"][0]["id"]))
        c.execute(update(t.claims).values(independent=99))
    assert export_data(tmp_store) != built

    result = CliRunner().invoke(app, ["rebuild", "--db", tmp_store.url])
    assert result.exit_code == 0, result.output
    counts = tmp_store.counts()
    assert result.stdout.startswith(f"rebuilt {counts['entities']} entities, {counts['claims']} claims, "
                                    f"{counts['copies']} copies in ")
    assert export_data(tmp_store) == built  # from scratch == what ingest had built

    as_json = CliRunner().invoke(app, ["rebuild", "--db", tmp_store.url, "--json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert {k: data[k] for k in ("entities", "claims", "copies")} == {k: counts[k] for k in ("entities", "claims", "copies")}
    assert data["seconds"] >= 0 and export_data(tmp_store) == built


def test_rebuild_help_says_when_to_use_it():
    result = CliRunner().invoke(app, ["rebuild", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "after upgrading claimgraph" in text and "editing the store by hand" in text and "from-scratch" in text
