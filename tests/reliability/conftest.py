"""Fixtures for the reliability tests: a generated corpus of small articles built from the sentences
of ../../examples, a session spaCy pipeline, and helpers to compare stores."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples"
CLI = REPO_ROOT / ".venv" / "bin" / "claimgraph"
# the command line of `claimgraph`: the console script when this checkout has its own venv, else
# the CLI of the claimgraph package this interpreter imports (same source tree as the tests)
CLI_CMD = [str(CLI)] if CLI.exists() else [sys.executable, "-c", "from claimgraph.cli import main; main()"]
PG_URL = os.environ.get("CLAIMGRAPH_TEST_PG")

_PLACES = ["Port Casmir", "Soltaneh", "Kessel Ridge", "Harbour Street", "Tirana", "Veldoria"]


def example_sentences() -> list[str]:
    """Plain prose sentences (20-300 chars, ending in a full stop) from the example .txt articles."""
    out: list[str] = []
    for p in sorted(EXAMPLES.glob("*.txt")):
        for para in p.read_text(encoding="utf-8").split("\n"):
            for s in re.split(r"(?<=[.])\s+", para.strip()):
                if 40 <= len(s) <= 300 and s.endswith(".") and not s.startswith(("[", "By ", "Published")):
                    out.append(s)
    return sorted(set(out))


def write_corpus(folder: Path, n: int) -> list[Path]:
    """`n` distinct small .txt articles: a headline plus three or four example sentences each."""
    sents = example_sentences()
    if len(sents) < 8:
        pytest.skip("examples/ has too few sentences to build a corpus")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        k = 3 + i % 2
        body = [sents[(i * 7 + j * 3) % len(sents)] for j in range(k)]
        place = _PLACES[i % len(_PLACES)]
        text = f"Report {i} from {place} on the exiles camp\n\n" + "\n\n".join(body) + "\n"
        path = folder / f"article-{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def doc_count(db: Path) -> int:
    """Documents stored in a SQLite store, read through a read-only connection (0 if not created yet)."""
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def canonical(data: dict) -> str:
    """An export as a string that does not depend on ingest order: every list of records sorted."""
    def key(x):
        return json.dumps(x, sort_keys=True) if not isinstance(x, dict) or "id" not in x else x["id"]

    def norm(v):
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        if isinstance(v, list):
            return sorted((norm(x) for x in v), key=key)
        return v

    return json.dumps(norm(data), sort_keys=True, ensure_ascii=False)


def orphan_rows(db: Path) -> dict[str, int]:
    """Per-document rows whose doc_id is not a stored document."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out = {}
        for table in ("mentions", "descriptions", "doc_sources", "quote_occurrences", "claim_evidence"):
            out[table] = con.execute(
                f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
        return out
    finally:
        con.close()


def cli_env() -> dict:
    """The environment for a `claimgraph` subprocess: this one, without a user's store or size cap."""
    return {k: v for k, v in os.environ.items() if k not in ("CLAIMGRAPH_DB", "CLAIMGRAPH_MAX_BYTES")}


@pytest.fixture
def pg_schema_url():
    """A URL for a fresh PostgreSQL schema in CLAIMGRAPH_TEST_PG's database, dropped afterwards
    (skips when CLAIMGRAPH_TEST_PG is not set)."""
    if not PG_URL:
        pytest.skip("CLAIMGRAPH_TEST_PG not set")
    from sqlalchemy import create_engine, text

    from claimgraph.store import normalise_url

    name = f"cg_rel_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(PG_URL))
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{name}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options={quote(f'-csearch_path={name}')}"
    finally:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()
