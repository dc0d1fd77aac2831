"""JSON endpoints under /api: the CLI's views, paginated (`limit`, `offset`) and filtered. Every
handler is a thin call into claimgraph.query; path ids that do not exist answer 404."""

from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Query, Request

from ..ingest.sources import display_source
from ..query import overview as o
from ..query import search as s
from ..query import views as v

router = APIRouter(prefix="/api", tags=["api"])

# Every integer parameter is bounded (422 past it): an unbounded one reaches SQL, where 2^63 overflows
# into a 500. No store holds more rows than this.
MAX_INT = 2**31 - 1
Limit = Annotated[int, Query(ge=1, le=v.MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="Items to skip.")]
MinIndependent = Annotated[int, Query(ge=0, le=MAX_INT, description="Least independent sources.")]
Position = Annotated[Optional[int], Query(ge=0, le=MAX_INT, description="Character offset in the text.")]


def _store(request: Request):
    return request.app.state.store


def hide_paths(data):
    """The response with every document `source` shown as display_source shows it: served data does
    not reveal the local folders articles were ingested from (the export keeps the full value)."""
    if isinstance(data, dict):
        return {k: display_source(x) if k == "source" and isinstance(x, str) else hide_paths(x) for k, x in data.items()}
    if isinstance(data, list):
        return [hide_paths(x) for x in data]
    return data


@router.get("/entities", summary="Find entities by any name (loose matching)")
def entities(request: Request, q: str = "", type: Optional[str] = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    return v.find_entities(_store(request), q, type=type, limit=limit, offset=offset)


@router.get("/entities/{ref}", summary="Who is X: aliases, type, descriptions, roles, claims, quotes")
def entity(request: Request, ref: str) -> dict:
    return hide_paths(v.entity(_store(request), ref))


@router.get("/claims", summary="Claims, most independently corroborated first")
def claims(request: Request, subject: Optional[str] = None, predicate: Optional[str] = None,
           entity: Optional[str] = None, min_independent: MinIndependent = 0,
           modality: Optional[str] = None, status: Optional[str] = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    return v.claims(_store(request), subject=subject, predicate=predicate, entity_ref=entity,
                    min_independent=min_independent, modality=modality, status=status, limit=limit, offset=offset)


@router.get("/claims/{claim_id}", summary="One claim with every piece of evidence in its article context")
def claim(request: Request, claim_id: str) -> dict:
    return hide_paths(v.claim(_store(request), claim_id))


@router.get("/quotes", summary="Quotes with every occurrence (where each was copied)")
def quotes(request: Request, speaker: Optional[str] = None, kind: Optional[str] = None, limit: Limit = 50,
           offset: Offset = 0) -> dict:
    """`kind`: direct, mixed, indirect, according_to or belief."""
    return v.quotes(_store(request), speaker=speaker, kind=kind, limit=limit, offset=offset)


@router.get("/quotes/{quote_id}", summary="One quote")
def quote(request: Request, quote_id: str) -> dict:
    return v.quote(_store(request), quote_id)


@router.get("/timeline", summary="Dated claims in time order")
def timeline(request: Request, entity: Optional[str] = None, limit: Limit = 200, offset: Offset = 0) -> dict:
    return o.timeline(_store(request), entity_ref=entity, limit=limit, offset=offset)


@router.get("/documents", summary="Stored articles")
def documents(request: Request, outlet: Optional[str] = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    return hide_paths(v.documents(_store(request), outlet=outlet, limit=limit, offset=offset))


@router.get("/documents/{doc_id}", summary="One article with its mentions, quotes and evidence spans")
def document(request: Request, doc_id: str) -> dict:
    return hide_paths(v.document(_store(request), doc_id))


@router.get("/sources", summary="Outlets, their documents, and who copies whom")
def sources(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict:
    """`copies` is a page of document pairs (`copies_total` in all); `outlet_copies` has every outlet pair."""
    return o.sources(_store(request), limit=limit, offset=offset)


@router.get("/matrix", summary="Source-by-claim matrix")
def matrix(request: Request, limit: Limit = 50, min_independent: MinIndependent = 0) -> dict:
    return o.matrix(_store(request), limit=limit, min_independent=min_independent)


@router.get("/network", summary="Entities linked by claims; edge weight = independent support")
def network(request: Request, entity: Optional[str] = None, min_independent: MinIndependent = 0,
            limit: Limit = 300) -> dict:
    return o.network(_store(request), entity_ref=entity, min_independent=min_independent, limit=limit)


@router.get("/search", summary="Full-text search over articles, plus entities matching the words")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)], limit: Limit = 20,
           offset: Offset = 0) -> dict:
    return s.search(_store(request), q, limit=limit, offset=offset)
