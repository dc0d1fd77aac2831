"""clean: raw text or HTML -> one clean Document (text, title, authors, published, outlet, dateline).

Offsets everywhere else index the clean text this stage produces, so it runs once per document
and its output is what gets hashed and stored."""

from .pipeline import clean_document, normalise_text

__all__ = ["clean_document", "normalise_text"]
