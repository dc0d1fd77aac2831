"""Stage timings for benchmarks, off unless asked for.

With the environment variable CLAIMGRAPH_TIMINGS=PATH, each stage wrapped in `timed(name)` adds its
wall and CPU seconds to a JSON file at PATH, rewritten when the stage ends, together with the epoch
time it first started: `bench/bench_incremental.py` runs `claimgraph ingest` as a user does and reads
from it how long the graph stage, the spaCy import and the model load took inside the child (the
start of the first stage, less the moment the bench started the child, is its start-up). Stages may
nest; each counts all of its own time, nested stages included. Unset, a stage costs one environment
lookup and nothing is written."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "CLAIMGRAPH_TIMINGS"
_stages: dict[str, dict[str, float]] = {}


@contextmanager
def timed(stage: str) -> Iterator[None]:
    """Charge the block's wall and CPU seconds (this process's) to `stage`, when CLAIMGRAPH_TIMINGS is set."""
    path = os.environ.get(ENV)
    if not path:
        yield
        return
    started, wall, cpu = time.time(), time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        rec = _stages.setdefault(stage, {"started_at": started, "wall_s": 0.0, "cpu_s": 0.0, "calls": 0})
        rec["wall_s"] += time.perf_counter() - wall
        rec["cpu_s"] += time.process_time() - cpu
        rec["calls"] += 1
        Path(path).write_text(json.dumps({"pid": os.getpid(), "stages": _stages}, indent=1))
