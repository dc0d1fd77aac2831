"""extract: one clean Document -> mentions, descriptions, quotes and claims with offsets.

The pipeline (spaCy and the rules) lives in `extract.pipeline` and loads on first use: commands that
only read a store (stats, docs, the views) import `extract.lexicon` for labels and must not pay for
spaCy's import. `from claimgraph.extract import Pipeline` works as before."""

from __future__ import annotations

from importlib import import_module

_PIPELINE = ("MAX_CHARS", "Pipeline", "cpu_count", "extract_document", "is_english", "paragraph_boundaries",
             "safe_extract")
__all__ = list(_PIPELINE)


def __getattr__(name: str):
    if name in _PIPELINE:
        return getattr(import_module(".pipeline", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
