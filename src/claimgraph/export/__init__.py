"""export: the store in formats other tools read. JSON is the DESIGN.md contract."""

from .json_export import write_json

FORMATS = {"json": write_json}

__all__ = ["FORMATS", "write_json"]
