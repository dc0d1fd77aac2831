"""The FastAPI app factory: one Store per app, JSON routes under /api, HTML pages elsewhere, one
error shape for both, and security headers on every response.

Errors: a ClaimgraphError carries its own HTTP status (errors.py); FastAPI's validation errors
become 422s and unknown routes 404s in the same body, {"error": {"code", "status", "message"}};
anything unexpected is logged here and answered with a bare 500, never a stack trace."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ClaimgraphError
from ..store import Store

HERE = Path(__file__).resolve().parent
log = logging.getLogger("claimgraph.api")

# Article text is hostile: besides escaping everything, no inline script may run at all.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def allowed_host_names(host: str | None = None, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host names the app answers: loopback names, the address it is served on (unless a wildcard
    one), and any given with --allow-host ('*' answers every name)."""
    names = set(LOOPBACK_NAMES) | {h.strip().lower().strip("[]") for h in extra if h.strip()}
    if host and host not in ("0.0.0.0", "::", ""):
        names.add(host.lower().strip("[]"))
    return frozenset(names)


def host_name(header: str) -> str:
    """'Example.org:8000' -> 'example.org'; '[::1]:8000' -> '::1'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def create_app(db: str | Store, *, allowed_hosts: Iterable[str] | None = None) -> FastAPI:
    """An app reading the store at `db` (a path, a SQLAlchemy URL, or an open Store).

    Only requests whose Host header names one of `allowed_hosts` (default: the loopback names) are
    answered, others get 400: otherwise any web page could read the store through DNS rebinding
    (a name of its own resolving to 127.0.0.1)."""
    from ..run import open_store
    from . import pages, routes

    store = db if isinstance(db, Store) else open_store(db)
    app = FastAPI(title="claimgraph", version=__version__, docs_url=None, redoc_url=None,
                  description="Read-only access to a claimgraph store: entities, claims with their evidence, "
                              "quotes, timeline, sources, full-text search. Errors are "
                              '`{"error": {"code": "E404", "status": 404, "message": "..."}}`.')
    app.state.store = store
    app.state.sources_pages = {}  # rendered /sources pages of the current rebuild (pages.sources_page)
    hosts = frozenset(allowed_hosts) if allowed_hosts is not None else allowed_host_names()
    app.include_router(routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/docs", include_in_schema=False)
    def _docs():
        # Swagger UI from the copy shipped in static/vendor (npm swagger-ui-dist): no CDN, works offline
        return get_swagger_ui_html(openapi_url="/openapi.json", title="claimgraph API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css", swagger_favicon_url="/static/favicon.svg")

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        if "*" not in hosts and host_name(request.headers.get("host", "")) not in hosts:
            response = _error(request, 400, "E400", "host not allowed (claimgraph serve --allow-host NAME)")
        else:
            response = await call_next(request)
        if request.url.path != "/docs":  # Swagger UI's page starts itself with one inline script
            response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(ClaimgraphError)
    async def _claimgraph_error(request: Request, exc: ClaimgraphError):
        return _error(request, exc.http_status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path"))
            parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else e.get("msg", "invalid"))
        return _error(request, 422, "E422", "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        code = "E404" if exc.status_code == 404 else f"E{exc.status_code}"
        message = "not found" if exc.status_code == 404 else str(exc.detail)
        return _error(request, exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return _error(request, 500, "E500", "internal error")

    return app


def _error(request: Request, status: int, code: str, message: str):
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": {"code": code, "status": status, "message": message}}, status_code=status)
    from .pages import render_error

    return render_error(request, status, code, message)
