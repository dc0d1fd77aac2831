"""ingest: paths and URLs -> RawDocuments. Containers (JSON, JSON Lines, feeds) may hold many
articles; a bad record is reported on its own and its neighbours still come through."""

from .sources import Item, iter_items

__all__ = ["Item", "iter_items"]
