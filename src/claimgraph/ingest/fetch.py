"""http(s) URLs -> text, with a timeout and a size cap (streamed: a huge response is cut off,
not downloaded)."""

from __future__ import annotations

from ..errors import FetchError, TooLarge
from ..settings import Settings
from .decode import decode_bytes


def fetch_url(url: str, settings: Settings) -> tuple[str, str | None]:
    """Text of the URL and the format its Content-Type names ('html', 'json', 'feed', 'text' or None)."""
    import httpx

    try:
        with httpx.Client(follow_redirects=True, timeout=settings.fetch_timeout,
                          headers={"User-Agent": settings.user_agent}) as client:
            with client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise FetchError(f"HTTP {resp.status_code}", source=url)
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > settings.max_bytes:
                        raise TooLarge(f"response larger than {settings.max_bytes} bytes", source=url)
                    chunks.append(chunk)
                ctype = resp.headers.get("content-type", "").lower()
                charset = resp.charset_encoding
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {settings.fetch_timeout:g}s", source=url) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch: {exc}".splitlines()[0], source=url) from exc
    fmt = ("html" if "html" in ctype else "feed" if ("rss" in ctype or "atom" in ctype or ctype.endswith("/xml"))
           else "json" if "json" in ctype else "text" if "text/plain" in ctype else None)
    try:
        return decode_bytes(b"".join(chunks), declared=charset), fmt
    except Exception as exc:
        if hasattr(exc, "source"):
            exc.source = url
        raise
