"""The `claimgraph` command through typer's CliRunner. Extraction is stubbed (no spaCy)."""

from __future__ import annotations

import inspect
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimgraph.run
from claimgraph.cli import app

COMMANDS = ("ingest", "docs", "show", "stats", "export", "extract", "merge", "split", "decisions",
            "entity", "claims", "quotes", "timeline", "sources", "search", "serve", "watch", "rebuild")
DOC_KEYS = ("id", "source", "title", "authors", "published", "outlet", "dateline", "text")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def stub_extractor(monkeypatch, no_extract):
    monkeypatch.setattr(claimgraph.run, "default_extractor", lambda settings, n_sources=0: no_extract)
    monkeypatch.delenv("CLAIMGRAPH_DB", raising=False)


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "cli.db")


@pytest.fixture
def seeded_db(runner, seeds_dir, db) -> str:
    result = runner.invoke(app, ["ingest", str(seeds_dir), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def test_help_lists_every_command(runner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_every_command_has_help_text(runner) -> None:
    names = []
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        names.append(name)
        text = (cmd.help or inspect.getdoc(cmd.callback) or "").strip()
        assert text, f"command {name} has no help text"
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert text.split()[0] in result.output
    assert sorted(names) == sorted(COMMANDS)


def test_version(runner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("claimgraph ")


def test_ingest_seeds(runner, seeds_dir, db) -> None:
    result = runner.invoke(app, ["ingest", str(seeds_dir), "--db", db])
    assert result.exit_code == 0, result.output
    n = len(list(seeds_dir.glob("*.txt")))
    assert f"ingested {n}, unchanged 0, failed 0" in result.stdout
    again = runner.invoke(app, ["ingest", str(seeds_dir), "--db", db, "--json"])
    assert again.exit_code == 0
    assert json.loads(again.stdout) == {"ingested": 0, "unchanged": n, "failed": 0, "failures": [], "skipped": {}}


def test_ingest_with_bad_files_exits_1_one_line_each(runner, seeds_dir, tmp_path, db) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(iter(sorted(seeds_dir.glob("*.txt")))), folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "broken.json").write_text('{"text": ')
    result = runner.invoke(app, ["ingest", str(folder), str(tmp_path / "missing.txt"), "--db", db])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    fail_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(fail_lines) == 4, result.stderr
    for line in fail_lines:
        assert line.startswith("failed [E1"), line
    joined = "\n".join(fail_lines)
    for name in ("empty.txt", "img.txt", "broken.json", "missing.txt"):
        assert name in joined
    assert "ingested 1, unchanged 0, failed 4" in result.stdout


def test_ingest_json_report(runner, tmp_path, db) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db", db, "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ingested"] == 0 and data["failed"] == 1
    assert data["failures"][0]["error"].startswith("[E101]")


def test_ingest_max_bytes_option(runner, tmp_path, db) -> None:
    (tmp_path / "big.txt").write_text("Big Headline\n\n" + "word " * 500)
    result = runner.invoke(app, ["ingest", str(tmp_path / "big.txt"), "--db", db, "--max-bytes", "100"])
    assert result.exit_code == 1 and "[E103]" in result.stderr


def test_ingest_into_missing_folder_is_one_line_error(runner, seeds_dir, tmp_path) -> None:
    result = runner.invoke(app, ["ingest", str(seeds_dir), "--db", str(tmp_path / "nope" / "x.db")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0 and "[E200]" in result.output


def test_docs_json(runner, seeded_db, seeds_dir) -> None:
    result = runner.invoke(app, ["docs", "--json", "--db", seeded_db])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == len(list(seeds_dir.glob("*.txt")))
    for r in rows:
        assert {"id", "source", "title", "authors", "published", "outlet", "dateline"} <= set(r)
        assert r["id"].startswith("d") and isinstance(r["authors"], list)
    titles = {r["title"] for r in rows}
    assert "Albania Says It Foiled Iranian Plot to Attack Exiled Dissidents" in titles


def test_docs_table(runner, seeded_db) -> None:
    result = runner.invoke(app, ["docs", "--db", seeded_db])
    assert result.exit_code == 0
    # a rich table (cells wrap at the runner's 80 columns, so look for short values)
    assert "Koleka" in result.stdout and "Reuters" in result.stdout
    assert "2019-10-23" in result.stdout and "2019-06-04" in result.stdout


def _reuters_id(runner, db) -> str:
    rows = json.loads(runner.invoke(app, ["docs", "--json", "--db", db]).stdout)
    return next(r["id"] for r in rows if r["wire"] == "Reuters")


def test_show_by_prefix(runner, seeded_db) -> None:
    doc_id = _reuters_id(runner, seeded_db)
    result = runner.invoke(app, ["show", doc_id[:10], "--db", seeded_db])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert doc_id in out
    assert "Albania Says It Foiled Iranian Plot to Attack Exiled Dissidents" in out
    assert "Benet Koleka" in out and "Tirana" in out
    assert "Albanian police foiled a number of planned attacks" in out
    assert "removed by cleaning" in out and "aesop_image" in out


def test_show_json(runner, seeded_db) -> None:
    doc_id = _reuters_id(runner, seeded_db)
    data = json.loads(runner.invoke(app, ["show", doc_id, "--json", "--db", seeded_db]).stdout)
    assert data["id"] == doc_id and data["dateline"] == "Tirana" and data["published"] == "2019-10-23"
    assert data["text"].startswith(data["title"])


def test_show_unknown_id(runner, seeded_db) -> None:
    result = runner.invoke(app, ["show", "dnosuchid", "--db", seeded_db])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "[E404]" in lines[0] and "dnosuchid" in lines[0]


def test_stats_json(runner, seeded_db, seeds_dir) -> None:
    result = runner.invoke(app, ["stats", "--json", "--db", seeded_db])
    assert result.exit_code == 0
    s = json.loads(result.stdout)
    n = len(list(seeds_dir.glob("*.txt")))
    assert s["counts"]["documents"] == n
    assert s["counts"]["failures"] == 0
    assert sum(s["outlets"].values()) == n
    assert s["outlets"].get("Reuters") == 1
    assert s["store"].endswith("cli.db")


def test_export_json(runner, seeded_db, tmp_path, seeds_dir) -> None:
    out = tmp_path / "export.json"
    result = runner.invoke(app, ["export", "--format", "json", str(out), "--db", seeded_db])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert data["schema"] == "claimgraph/export/v1"
    for key in ("documents", "entities", "quotes", "claims", "copies"):
        assert isinstance(data[key], list), key
    assert len(data["documents"]) == len(list(seeds_dir.glob("*.txt")))
    for d in data["documents"]:
        assert set(DOC_KEYS) <= set(d)
        assert isinstance(d["authors"], list) and isinstance(d["text"], str) and d["text"]
        if d["title"]:
            assert d["text"].startswith(d["title"])
    reuters = next(d for d in data["documents"] if d["title"] and d["title"].startswith("Albania Says"))
    assert reuters["authors"] == ["Benet Koleka"]
    assert reuters["published"] == "2019-10-23" and reuters["dateline"] == "Tirana"
    assert Path(reuters["source"]).parent == seeds_dir
    for c in data["copies"]:
        assert {"doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b"} <= set(c)
    assert "wrote" in result.stderr


def test_export_to_stdout(runner, seeded_db) -> None:
    result = runner.invoke(app, ["export", "-", "--db", seeded_db])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == "claimgraph/export/v1"


def test_export_unknown_format(runner, seeded_db, tmp_path) -> None:
    out = tmp_path / "x.out"
    result = runner.invoke(app, ["export", "--format", "yaml", str(out), "--db", seeded_db])
    assert result.exit_code == 2
    assert "unknown format" in result.output and "json" in result.output
    assert not out.exists()


def test_extract_json_stores_nothing(runner, seeds_dir, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    seed = sorted(seeds_dir.glob("003_*.txt"))
    if not seed:
        pytest.skip("seed 003 missing")
    result = runner.invoke(app, ["extract", str(seed[0]), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "claimgraph/export/v1"
    (doc,) = data["documents"]
    assert doc["title"] == "Albania Says It Foiled Iranian Plot to Attack Exiled Dissidents"
    assert not list(tmp_path.iterdir()), "extract must not write a store"


def test_extract_bad_file_is_one_line_error(runner, tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path / "empty.txt")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "[E101]" in result.output


def test_db_that_is_not_sqlite_is_one_line_error(runner, tmp_path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("this is not a database " * 100)
    result = runner.invoke(app, ["docs", "--db", str(bad)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "[E200]" in result.output


def test_quotes_kind_filter(runner, shared_store_url) -> None:
    """`quotes --kind indirect` lists only reported speech, each with its kind; a bad kind is one line, exit 1.
    (The shared store is examples/ extracted for real; this file's own stores are not.)"""
    seeded_db = shared_store_url
    result = runner.invoke(app, ["quotes", "--db", seeded_db, "--kind", "indirect", "--json", "--limit", "200"])
    assert result.exit_code == 0, result.output
    page = json.loads(result.output)
    assert page["total"] > 0 and all(q["kind"] == "indirect" for q in page["items"])
    bad = runner.invoke(app, ["quotes", "--db", seeded_db, "--kind", "gossip"])
    assert bad.exit_code == 1 and "E100" in bad.output and "Traceback" not in bad.output


def test_python_dash_m_runs_the_cli(tmp_path):
    """`python -m claimgraph` is the same command as `claimgraph` (for a venv whose bin/ is not on PATH)."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "claimgraph", "stats", "--db", str(tmp_path / "s.db"), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert '"documents": 0' in proc.stdout
