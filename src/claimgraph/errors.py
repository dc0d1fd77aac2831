"""One exception tree. Every error has a stable code (for logs, tests and the API) and a
one-line message a user can act on; per-document errors are recorded and the batch goes on."""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base of every error claimgraph raises on purpose."""

    code = "E000"
    http_status = 500

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:  # "[E101] file.txt: empty document"
        where = f"{self.source}: " if self.source else ""
        return f"[{self.code}] {where}{self.message}"


class InputError(ClaimgraphError):
    """A source cannot become a document: unreadable, binary, empty, malformed, too big."""

    code = "E100"
    http_status = 400


class EmptyDocument(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class TooLarge(InputError):
    code = "E103"


class MalformedInput(InputError):
    code = "E104"


class UnsupportedInput(InputError):
    code = "E105"


class FetchError(InputError):
    """A URL could not be fetched (network error, timeout, HTTP error status)."""

    code = "E110"
    http_status = 502


class StoreError(ClaimgraphError):
    """The store cannot be opened or written (bad URL, locked, read-only, newer schema)."""

    code = "E200"


class ExportError(ClaimgraphError):
    """An export cannot be written as asked (wrong kind of destination, unknown format)."""

    code = "E500"
    http_status = 400


class NotFound(ClaimgraphError):
    code = "E404"
    http_status = 404


class ExtractError(ClaimgraphError):
    code = "E300"
