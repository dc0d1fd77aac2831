"""HTML pages (Jinja2, autoescaped). Pages render server-side and work without JavaScript; the
network view adds cytoscape.js (shipped under static/vendor, no CDN) on top of a plain edge list.

Article text is hostile input: templates never mark store data safe, links to the outside world go
through `safe_url` (http/https only), and the CSP in app.py forbids inline script."""

from __future__ import annotations

from typing import Optional
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import __version__
from ..errors import ClaimgraphError
from ..model import STATUSES
from ..query import overview as o
from ..query import search as s
from ..query.about import document_claims, quotes_about
from ..query import stats
from ..query import views as v
from .app import HERE

router = APIRouter(include_in_schema=False)

_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None: `javascript:` and `data:` never become links."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


_env.filters["safe_url"] = safe_url
_env.filters["short"] = lambda x, n=12: (x or "")[:n]
_env.globals.update(version=__version__, claim_label=v.claim_label)
templates = Jinja2Templates(env=_env)


def _page(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def render_error(request: Request, status: int, code: str, message: str) -> HTMLResponse:
    return _page(request, "error.html", status=status, code=code, message=message, title=f"error {status}")


def _store(request: Request):
    return request.app.state.store


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    store = _store(request)
    return _page(request, "home.html", title="claimgraph", stats=stats(store),
                 entities=v.find_entities(store, "", limit=30)["items"],
                 claims=v.claims(store, limit=15)["items"])


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", offset: int = 0):
    result = None
    if q.strip():
        try:
            result = s.search(_store(request), q[:500], limit=20, offset=max(0, offset))
        except ClaimgraphError as exc:
            return _page(request, "search.html", status=exc.http_status, title="search", q=q, result=None, error=exc.message)
    return _page(request, "search.html", title=f"search: {q}" if q else "search", q=q, result=result, error=None)


@router.get("/entity/{ref}", response_class=HTMLResponse)
def entity_page(request: Request, ref: str):
    store = _store(request)
    e = v.entity(store, ref)
    return _page(request, "entity.html", title=e["name"], e=e, about=quotes_about(store, e["id"]))


@router.get("/claim/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str):
    c = v.claim(_store(request), claim_id)
    return _page(request, "claim.html", title=c["label"], c=c)


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def doc_page(request: Request, doc_id: str, start: Optional[int] = None, end: Optional[int] = None):
    d = v.document(_store(request), doc_id)
    highlight = (start, end) if start is not None and end is not None and start < end else None
    segs = v.segments(d["text"], d["mentions"], d["quotes"], highlight)
    return _page(request, "doc.html", title=d["title"] or d["source"], d=d, segments=segs, highlight=highlight,
                 claims_here=document_claims(_store(request), d["evidence"]))


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, entity: Optional[str] = None, predicate: Optional[str] = None, min_independent: int = 0,
                modality: Optional[str] = None, status: Optional[str] = None, offset: int = 0):
    f = {"entity": entity or None, "predicate": predicate or None, "min_independent": max(0, min_independent),
         "modality": modality or None, "status": status or None}
    page = v.claims(_store(request), entity_ref=f["entity"], predicate=f["predicate"], min_independent=f["min_independent"],
                    modality=f["modality"], status=f["status"], limit=50, offset=max(0, offset))
    more = urlencode({k: val for k, val in f.items() if val} | {"offset": page["offset"] + page["limit"]})
    return _page(request, "claims.html", title="claims", page=page, f=f, more=more, modalities=v.MODALITIES, statuses=STATUSES)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, speaker: Optional[str] = None, offset: int = 0):
    q = v.quotes(_store(request), speaker=speaker or None, limit=50, offset=max(0, offset))
    return _page(request, "quotes.html", title="quotes", page=q, speaker=speaker)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, entity: Optional[str] = None):
    tl = o.timeline(_store(request), entity_ref=entity or None, limit=500)
    years: dict[str, list] = {}
    for item in tl["items"]:
        years.setdefault(item["time"][:4], []).append(item)
    return _page(request, "timeline.html", title="timeline", tl=tl, years=years, entity=entity)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, entity: Optional[str] = None, min_independent: int = 0):
    store = _store(request)
    net = o.network(store, entity_ref=entity or None, min_independent=max(0, min_independent))
    names = {n["id"]: n["name"] for n in net["nodes"]}
    focus = v.resolve_entity(store, entity) if entity else None  # the entity whose neighbourhood this is
    return _page(request, "network.html", title="network", net=net, names=names, entity=entity,
                 focus=focus if focus in names else None, min_independent=min_independent)


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, min_independent: int = 0):
    store = _store(request)
    return _page(request, "matrix.html", title="sources", m=o.matrix(store, limit=100, min_independent=max(0, min_independent)),
                 src=o.sources(store))
