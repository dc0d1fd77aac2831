"""store: where documents and everything derived from them live (SQLite by default, PostgreSQL by URL)."""

from .db import Store, insert_rows, normalise_url

__all__ = ["Store", "insert_rows", "normalise_url"]
