"""The query commands: --json output shapes, loose names, one-line errors, help text."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from claimgraph.cli.views import register

runner = CliRunner()


@pytest.fixture(scope="module")
def cli():
    app = typer.Typer()
    register(app)
    return app


def _json(cli, *args):
    r = runner.invoke(cli, [*args, "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


@pytest.mark.parametrize("args, key", [
    (["entity", "FMM"], "aliases"),
    (["claims", "--min-independent", "2"], "items"),
    (["claims", "--modality", "denied"], "items"),
    (["quotes", "--speaker", "Vell"], "items"),
    (["timeline", "--entity", "Free Marenthia Movement"], "items"),
    (["sources"], "copies"),
    (["search", "expelled", "diplomats"], "documents"),
])
def test_json_commands(cli, store_url, args, key):
    assert key in _json(cli, *args, "--db", store_url)


def test_claim_by_id_and_tables(cli, store_url):
    cid = _json(cli, "claims", "--db", store_url)["items"][0]["id"]
    assert _json(cli, "claims", "--id", cid, "--db", store_url)["evidence"]
    for args in (["entity", "Annika Vell"], ["claims"], ["claims", "--id", cid], ["quotes"], ["timeline"], ["sources"],
                 ["search", "Veldoria"]):
        r = runner.invoke(cli, [*args, "--db", store_url])
        assert r.exit_code == 0, r.output
        assert r.stdout.strip()


def test_errors_are_one_line(cli, store_url):
    r = runner.invoke(cli, ["entity", "No Such Person Qqq", "--db", store_url])
    assert r.exit_code == 1
    assert "[E404]" in r.output and "Traceback" not in r.output


def test_every_command_has_help(cli):
    for cmd in cli.registered_commands:
        assert (cmd.callback.__doc__ or "").strip(), cmd.name


def test_serve_binds_loopback_by_default(cli):
    import inspect

    from claimgraph.cli.views import _loopback, serve_cli

    assert inspect.signature(serve_cli).parameters["host"].default == "127.0.0.1"
    assert _loopback("127.0.0.1") and _loopback("::1") and _loopback("localhost")
    assert not _loopback("0.0.0.0") and not _loopback("192.168.1.4")
    r = runner.invoke(cli, ["serve", "--help"])
    assert r.exit_code == 0 and "127.0.0.1" in r.output
