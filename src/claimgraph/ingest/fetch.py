"""http(s) URLs -> text, with a per-read timeout, a total deadline and a size cap (streamed: a huge
response is cut off, not downloaded).

The deadline: httpx's timeout is per read, so a server sending one byte (or one header line) every
few seconds would hold a run for as long as it kept sending. A timer shuts the request's sockets
down when the deadline passes, which ends any read in progress, headers included.

Conditional GET (for `claimgraph watch`): `fetch` sends If-None-Match / If-Modified-Since from the
validators of the last response, and a 304 Not Modified comes back as a Fetched without text."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

from ..errors import FetchError, TooLarge
from ..settings import Settings
from .decode import decode_bytes


@dataclass(frozen=True)
class Fetched:
    """One response: its text (None for 304 Not Modified), the format its Content-Type names, and the
    validators (ETag, Last-Modified) to send back on the next request."""

    text: str | None
    format: str | None = None
    etag: str | None = None
    last_modified: str | None = None


def fetch(url: str, settings: Settings, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """GET `url`: its text and the format its Content-Type names ('html', 'json', 'feed', 'text' or
    None). With `etag` / `last_modified` (from the last Fetched) a conditional GET, whose 304
    Not Modified is a Fetched with text None (nothing downloaded)."""
    import httpx

    headers = {"User-Agent": settings.user_agent}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    watchdog = _Deadline(settings.fetch_deadline)
    try:
        with watchdog, httpx.Client(follow_redirects=True, timeout=settings.fetch_timeout, headers=headers) as client:
            with client.stream("GET", url, extensions={"trace": watchdog.trace}) as resp:
                if resp.status_code >= 400:
                    raise FetchError(f"HTTP {resp.status_code}", source=url)
                validators = {"etag": resp.headers.get("etag"), "last_modified": resp.headers.get("last-modified")}
                if resp.status_code == 304:
                    return Fetched(None, None, etag=validators["etag"] or etag,
                                   last_modified=validators["last_modified"] or last_modified)
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > settings.max_bytes:
                        raise TooLarge(f"response larger than {settings.max_bytes} bytes", source=url)
                    watchdog.check()
                    chunks.append(chunk)
                ctype = resp.headers.get("content-type", "").lower()
                charset = resp.charset_encoding
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError) as exc:
        # InvalidURL (a malformed argument, a redirect to javascript: or data:) is not an HTTPError
        if watchdog.expired:
            raise FetchError(f"took longer than the {settings.fetch_deadline:g}s deadline "
                             f"(CLAIMGRAPH_FETCH_DEADLINE)", source=url) from exc
        if isinstance(exc, httpx.TimeoutException):
            raise FetchError(f"timed out after {settings.fetch_timeout:g}s", source=url) from exc
        raise FetchError(f"cannot fetch: {exc or type(exc).__name__}".splitlines()[0], source=url) from exc
    fmt = ("html" if "html" in ctype else "feed" if ("rss" in ctype or "atom" in ctype or ctype.endswith("/xml"))
           else "json" if "json" in ctype else "text" if "text/plain" in ctype else None)
    try:
        return Fetched(decode_bytes(b"".join(chunks), declared=charset), fmt, **validators)
    except Exception as exc:
        if hasattr(exc, "source"):
            exc.source = url
        raise


class _Deadline:
    """Shuts every socket the request opened down once `seconds` have passed since entering."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._end = 0.0

    def __enter__(self) -> "_Deadline":
        self._end = time.monotonic() + self.seconds
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict) -> None:
        """httpcore's trace hook: remember the socket of each connection (redirects open new ones)."""
        if event == "connection.connect_tcp.complete":
            sock = info["return_value"].get_extra_info("socket")
            with self._lock:
                if sock is not None:
                    self._sockets.append(sock)
                expired = self.expired
            if expired:
                self._shut(sock)

    def check(self) -> None:
        if time.monotonic() > self._end:
            self._expire()
            raise OSError("deadline passed")

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket | None) -> None:
        try:
            if sock is not None:
                sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed
