"""api: the read-only JSON API (/api/...) and the web UI (Jinja2 pages, /static), one FastAPI app."""

from .app import create_app

__all__ = ["create_app"]
