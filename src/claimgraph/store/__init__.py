"""store: where documents and everything derived from them live (SQLite by default, PostgreSQL by URL)."""

from .db import Store, normalise_url

__all__ = ["Store", "normalise_url"]
