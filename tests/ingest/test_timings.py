"""claimgraph.timings: off unless CLAIMGRAPH_TIMINGS names a file; then every stage's wall and CPU
seconds, calls and first start land in it, nested stages counted in their parent too."""

from __future__ import annotations

import json
import time

from claimgraph import timings


def test_stages_are_written_when_asked(tmp_path, monkeypatch):
    path = tmp_path / "t.json"
    monkeypatch.setenv(timings.ENV, str(path))
    monkeypatch.setattr(timings, "_stages", {})
    before = time.time()
    with timings.timed("outer"):
        with timings.timed("inner"):
            sum(range(200_000))
        with timings.timed("inner"):
            pass
    stages = json.loads(path.read_text())["stages"]
    assert stages["inner"]["calls"] == 2 and stages["outer"]["calls"] == 1
    assert 0 < stages["inner"]["wall_s"] <= stages["outer"]["wall_s"]
    assert stages["inner"]["cpu_s"] > 0
    assert before <= stages["outer"]["started_at"] <= stages["inner"]["started_at"] <= time.time()


def test_nothing_is_written_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv(timings.ENV, raising=False)
    monkeypatch.setattr(timings, "_stages", {})
    monkeypatch.chdir(tmp_path)
    with timings.timed("stage"):
        pass
    assert timings._stages == {} and list(tmp_path.iterdir()) == []


def test_a_failing_stage_is_still_charged(tmp_path, monkeypatch):
    path = tmp_path / "t.json"
    monkeypatch.setenv(timings.ENV, str(path))
    monkeypatch.setattr(timings, "_stages", {})
    try:
        with timings.timed("broken"):
            raise ValueError("x")
    except ValueError:
        pass
    assert json.loads(path.read_text())["stages"]["broken"]["calls"] == 1
