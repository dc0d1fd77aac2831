"""What a reader sees in the terminal: id prefixes accepted wherever an id is, ambiguous prefixes
refused with a reason, article text printed literally (never eaten as rich markup), text cut on a
word with '…', unsupported files reported by extension, an empty input said, failures listed by
`stats`, and claim evidence that leads back to its article. The real pipeline (spaCy) builds the
shared examples store; the ingest tests stub extraction."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimgraph.run
from claimgraph.cli import app
from claimgraph.cli.common import clip, out


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.setattr(out, "width", 1000)  # wide enough that rich wraps no cell the tests read
    return CliRunner()


@pytest.fixture
def examples_db(shared_store_url, tmp_path) -> str:
    """A private copy of the shared examples store (search adds its index to the file)."""
    src = Path(shared_store_url.removeprefix("sqlite:///"))
    dst = tmp_path / "examples.db"
    shutil.copy(src, dst)
    return str(dst)


@pytest.fixture
def stubbed(monkeypatch, no_extract) -> None:
    monkeypatch.setattr(claimgraph.run, "default_extractor", lambda settings, n_sources=0: no_extract)


def run_json(runner, *args: str):
    r = runner.invoke(app, [*args, "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def shared_prefix(ids: list[str]) -> tuple[str, int]:
    """The shortest prefix (type letter and one hex digit or more) that at least two ids share."""
    for n in range(2, 17):
        prefix, k = Counter(i[:n] for i in ids).most_common(1)[0]
        if k > 1:
            return prefix, k
    raise AssertionError("no two ids share a prefix")


def test_claim_id_prefix_as_printed_in_tables(runner, examples_db) -> None:
    claims = run_json(runner, "claims", "--db", examples_db, "--limit", "500")["items"]
    table = runner.invoke(app, ["claims", "--db", examples_db, "--limit", "1"]).stdout
    printed = claims[0]["id"][:10]
    assert printed in table
    one = run_json(runner, "claims", "--db", examples_db, "--id", printed)
    assert one["id"] == claims[0]["id"] and len(one["id"]) == 17


def test_ambiguous_claim_prefix_is_refused_with_the_candidates(runner, examples_db) -> None:
    ids = [c["id"] for c in run_json(runner, "claims", "--db", examples_db, "--limit", "500")["items"]]
    prefix, _ = shared_prefix(ids)
    r = runner.invoke(app, ["claims", "--db", examples_db, "--id", prefix])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert f"id prefix {prefix!r} matches more than one claim" in r.stderr
    assert sum(i.startswith(prefix) for i in ids) >= 2


def test_entity_prefix_in_entity_quotes_claims_and_timeline(runner, examples_db) -> None:
    quotes = run_json(runner, "quotes", "--db", examples_db, "--limit", "500")["items"]
    speaker = next(q["speaker"] for q in quotes if q["speaker"])
    prefix = speaker["id"][:10]
    assert run_json(runner, "entity", prefix, "--db", examples_db)["id"] == speaker["id"]
    said = run_json(runner, "quotes", "--speaker", prefix, "--db", examples_db)["items"]
    assert said and all(q["speaker"]["id"] == speaker["id"] for q in said)
    by_name = run_json(runner, "claims", "--entity", speaker["name"], "--db", examples_db)
    assert run_json(runner, "claims", "--entity", prefix, "--db", examples_db)["total"] <= by_name["total"]
    assert runner.invoke(app, ["timeline", "--entity", prefix, "--db", examples_db]).exit_code == 0


def test_ambiguous_entity_prefix_is_refused(runner, examples_db) -> None:
    from claimgraph.store import Store, schema
    from sqlalchemy import select

    s = Store(f"sqlite:///{examples_db}")
    with s.connect() as c:
        ids = [r[0] for r in c.execute(select(schema.entities.c.id))]
    s.dispose()
    prefix = next(p for p, k in Counter(i[:3] for i in ids).most_common() if k > 1 and any(ch.isdigit() for ch in p))
    r = runner.invoke(app, ["entity", prefix, "--db", examples_db])
    assert r.exit_code == 1 and "matches more than one entity" in r.stderr


def test_claim_evidence_names_its_article(runner, examples_db) -> None:
    cid = run_json(runner, "claims", "--db", examples_db, "--limit", "1")["items"][0]["id"]
    c = run_json(runner, "claims", "--db", examples_db, "--id", cid)
    r = runner.invoke(app, ["claims", "--db", examples_db, "--id", cid])
    assert r.exit_code == 0
    for ev in c["evidence"]:
        doc = ev["document"]
        assert doc["id"][:10] in r.stdout
        assert clip(doc["title"] or doc["source"], 50) in r.stdout
        if doc["outlet"]:
            assert doc["outlet"] in r.stdout


HOSTILE_TITLE = "Ministers [red]quit[/red] over [national] security review"
HOSTILE_TEXT = ("Ministers [red]quit[/red] over [national] security review\n\n"
                "The [national] security council met on Monday and the [bold]cabinet[/bold] agreed a review. "
                "Officials said the [national] budget would not change before the elections next spring.\n")


def test_user_text_is_printed_literally_not_as_markup(runner, stubbed, tmp_path) -> None:
    db = str(tmp_path / "m.db")
    rec = tmp_path / "rec.json"
    rec.write_text(json.dumps({"title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "outlet": "[link=x]Gazette[/link]"}))
    assert runner.invoke(app, ["ingest", str(rec), "--db", db]).exit_code == 0
    search = runner.invoke(app, ["search", "national", "--db", db])
    assert search.exit_code == 0
    assert "[national]" in search.stdout  # the word and its brackets both survive
    assert "damaging its  " not in search.stdout and "The  security" not in search.stdout
    docs = runner.invoke(app, ["docs", "--db", db]).stdout
    assert "[red]quit[/red]" in docs and "[link=x]Gazette[/link]" in docs
    show = runner.invoke(app, ["show", "d", "--db", db]).stdout
    assert "[red]quit[/red]" in show


def test_clip_cuts_on_a_word_with_an_ellipsis() -> None:
    text = "Veldoria said the two Marenthian diplomats expelled on Thursday had planned the attack"
    cut = clip(text, 45)
    assert cut.endswith("…") and len(cut) <= 45
    assert text.startswith(cut[:-1])
    assert text[len(cut) - 1] == " "  # the cut falls between words
    assert clip("short enough", 45) == "short enough"
    assert clip("x" * 80, 20) == "x" * 19 + "…"


def test_docs_and_quotes_truncate_on_words(runner, examples_db) -> None:
    docs = run_json(runner, "docs", "--db", examples_db)
    long_title = next(d["title"] for d in docs if d["title"] and len(d["title"]) > 60)
    table = runner.invoke(app, ["docs", "--db", examples_db]).stdout
    shown = clip(long_title, 60)
    assert shown in table and shown.endswith("…")
    assert long_title[len(shown) - 1] == " "
    quotes = run_json(runner, "quotes", "--db", examples_db, "--limit", "500")["items"]
    q = next(q for q in quotes if len(q["text"]) > 140)
    qt = runner.invoke(app, ["quotes", "--db", examples_db, "--limit", "500"]).stdout
    shown = clip(q["text"], 140)
    assert shown in qt and shown.endswith("…") and q["text"][len(shown) - 1] == " "


def test_unsupported_files_are_reported_by_extension(runner, stubbed, seeds_dir, tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(iter(sorted(seeds_dir.glob("*.txt")))), folder / "good.txt")
    for name in ("a.pdf", "b.pdf", "c.PDF", "d.docx"):
        (folder / name).write_bytes(b"%PDF-1.4 not an article")
    r = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 0, r.output
    assert "skipped 4 files: .pdf ×3, .docx ×1 (not a supported format)" in r.stderr
    assert "ingested 1" in r.stdout
    data = run_json(runner, "ingest", str(folder), "--db", str(tmp_path / "x.db"))
    assert data["skipped"] == {".pdf": 3, ".docx": 1}


@pytest.mark.parametrize("files", [(), ("a.pdf", "b.pdf")])
def test_nothing_to_ingest_says_so_and_exits_1(runner, stubbed, tmp_path, files) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in files:
        (folder / name).write_bytes(b"%PDF-1.4")
    r = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 1
    assert "nothing to ingest: no " in r.stderr and ".txt" in r.stderr and str(folder) in r.stderr
    assert ("skipped 2 files: .pdf ×2" in r.stderr) == bool(files)


def test_stats_table_lists_recent_failures(runner, stubbed, tmp_path) -> None:
    db = str(tmp_path / "s.db")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db", db]).exit_code == 1
    r = runner.invoke(app, ["stats", "--db", db])
    assert r.exit_code == 0
    assert "recent failures (1)" in r.stdout
    assert "E101" in r.stdout and "empty.txt" in r.stdout
