"""`claimgraph export --format X PATH` for every registered format, through typer's CliRunner."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.export import FORMATS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "export.md"


def _read(fmt: str, path: Path):
    """Read an export back with the tool its users would use; returns (documents, entities) counts."""
    if fmt == "json":
        data = json.loads(path.read_text("utf-8"))
        return len(data["documents"]), len(data["entities"])
    if fmt == "ftm":
        from followthemoney import model

        proxies = [model.get_proxy(json.loads(x), cleaned=False) for x in path.read_text("utf-8").splitlines()]
        return (sum(p.schema.name == "Article" for p in proxies),
                sum(p.schema.is_a("Thing") and not p.schema.is_a("Document") and p.schema.name != "Position"
                    and p.first("notes", quiet=True) is not None for p in proxies))
    if fmt in ("graphml", "gexf"):
        import networkx as nx

        g = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(str(path))
        return None, g.number_of_nodes()
    if fmt == "csv":
        def count(name):
            with (path / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
                return len(list(csv.DictReader(f)))
        return count("documents"), count("entities")
    raise AssertionError(f"no reader for {fmt}")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_command(example_store, example_data, tmp_path, fmt) -> None:
    out = tmp_path / f"export-{fmt}"
    result = CliRunner().invoke(app, ["export", "--format", fmt, str(out), "--db", example_store.url])
    assert result.exit_code == 0, result.output
    assert f"wrote{out}:" in "".join(result.stderr.split())  # rich may wrap the line
    docs, ents = _read(fmt, out)
    assert docs in (None, len(example_data["documents"]))
    assert ents == len(example_data["entities"])


@pytest.mark.parametrize("fmt", ["ftm", "graphml", "gexf"])
def test_export_to_stdout(example_store, example_data, fmt) -> None:
    result = CliRunner().invoke(app, ["export", "--format", fmt, "-", "--db", example_store.url])
    assert result.exit_code == 0, result.output
    if fmt == "ftm":
        assert len(result.stdout.splitlines()) > len(example_data["entities"])
        assert all(json.loads(x)["schema"] for x in result.stdout.splitlines())
    else:
        assert result.stdout.lstrip().startswith("<?xml")
        assert all(e["id"] in result.stdout for e in example_data["entities"])


def test_csv_to_stdout_is_a_one_line_error(example_store) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "csv", "-", "--db", example_store.url])
    assert result.exit_code == 1
    assert "folder" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_documented(fmt) -> None:
    text = DOCS.read_text("utf-8")
    assert f"--format {fmt}" in text, f"docs/export.md does not document --format {fmt}"
