"""Helpers shared by the benchmarks: where results go, how the machine looked, Markdown tables.

The benchmark machine is small (2 cores) and shared, so absolute times drift from run to run; every
benchmark therefore reports a ratio against a baseline measured in the same run, next to the raw
numbers, and records the load average around the measurement."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"

if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))


def out_dir() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    return OUT


def publish(name: str, md: str, result: object, *also: Path) -> None:
    """Print a bench's Markdown report and keep it with its raw result: out/NAME.md and out/NAME.json
    (and any `also` path the caller asked for)."""
    print(md)
    out = out_dir()
    (out / f"{name}.md").write_text(md)
    for path in {out / f"{name}.json", *also}:
        path.write_text(json.dumps(result, indent=1))


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def git_state() -> str:
    """Commit and whether src/ had uncommitted edits: others edit src/ while benchmarks run."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True,
                               timeout=10).stdout.strip().splitlines()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head}" + (f" + {len(dirty)} uncommitted change(s) in src/" if dirty else " (src/ clean)")


def machine() -> dict[str, str]:
    import claimgraph

    info = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "cores": str(cores()),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "version": getattr(claimgraph, "EXTRACTOR", "?"),
        "git": git_state(),
    }
    try:
        import spacy

        info["spacy"] = spacy.__version__
    except ImportError:
        pass
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def proc_status_kib(pid: int, field: str) -> int:
    """A memory figure of /proc/PID/status in KiB (VmRSS: resident now, VmHWM: peak); 0 if unreadable."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def md_table(header: list[str], rows: list[list[object]]) -> str:
    def cell(v: object) -> str:
        if isinstance(v, float):
            return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}"
        if isinstance(v, int):
            return f"{v:,}"
        return str(v)

    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def md_machine(info: dict[str, str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in info.items())
