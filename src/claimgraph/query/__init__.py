"""query: the one read layer. CLI, API and exports read the store through these functions."""

from .read import document_summaries, export_data, stats

__all__ = ["document_summaries", "export_data", "stats"]
