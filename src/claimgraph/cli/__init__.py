"""cli: thin Typer commands over functions that return data."""

from .app import app, main

__all__ = ["app", "main"]
