"""Commands that only read a store do not import spaCy or datasketch/scipy: a `stats` or `docs` call
should cost a second, not the pipeline's imports (issue 18, start-up)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimgraph.store import Store

PROBE = """
import sys
from claimgraph.cli import main
sys.argv = ["claimgraph", {command!r}, "--db", {db!r}]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print(sorted(m for m in ("spacy", "thinc", "datasketch", "scipy") if m in sys.modules))
"""


@pytest.mark.parametrize("command", ["stats", "docs"])
def test_reading_commands_leave_the_pipeline_unloaded(tmp_path, command):
    db = tmp_path / "s.db"
    Store(f"sqlite:///{db}").dispose()  # a current, empty store: opening it needs no rebuild
    proc = subprocess.run([sys.executable, "-c", PROBE.format(command=command, db=str(db))],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"
