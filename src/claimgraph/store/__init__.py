"""store: where documents and everything derived from them live (SQLite by default, PostgreSQL by URL)."""

from .db import CHUNK, Store, chunks, coverage, insert_rows, normalise_url

__all__ = ["CHUNK", "Store", "chunks", "coverage", "insert_rows", "normalise_url"]
