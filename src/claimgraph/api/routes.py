"""JSON endpoints under /api: the CLI's views, paginated (`limit`, `offset`) and filtered. Every
handler is a thin call into claimgraph.query; path ids that do not exist answer 404."""

from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Query, Request

from ..query import overview as o
from ..query import search as s
from ..query import views as v

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=v.MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]


def _store(request: Request):
    return request.app.state.store


@router.get("/entities", summary="Find entities by any name (loose matching)")
def entities(request: Request, q: str = "", type: Optional[str] = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    return v.find_entities(_store(request), q, type=type, limit=limit, offset=offset)


@router.get("/entities/{ref}", summary="Who is X: aliases, type, descriptions, roles, claims, quotes")
def entity(request: Request, ref: str) -> dict:
    return v.entity(_store(request), ref)


@router.get("/claims", summary="Claims, most independently corroborated first")
def claims(request: Request, subject: Optional[str] = None, predicate: Optional[str] = None,
           entity: Optional[str] = None, min_independent: Annotated[int, Query(ge=0)] = 0,
           modality: Optional[str] = None, status: Optional[str] = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    return v.claims(_store(request), subject=subject, predicate=predicate, entity_ref=entity,
                    min_independent=min_independent, modality=modality, status=status, limit=limit, offset=offset)


@router.get("/claims/{claim_id}", summary="One claim with every piece of evidence in its article context")
def claim(request: Request, claim_id: str) -> dict:
    return v.claim(_store(request), claim_id)


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
    return v.documents(_store(request), outlet=outlet, limit=limit, offset=offset)


@router.get("/documents/{doc_id}", summary="One article with its mentions, quotes and evidence spans")
def document(request: Request, doc_id: str) -> dict:
    return v.document(_store(request), doc_id)


@router.get("/sources", summary="Outlets, their documents, and who copies whom")
def sources(request: Request) -> dict:
    return o.sources(_store(request))


@router.get("/matrix", summary="Source-by-claim matrix")
def matrix(request: Request, limit: Limit = 50, min_independent: Annotated[int, Query(ge=0)] = 0) -> dict:
    return o.matrix(_store(request), limit=limit, min_independent=min_independent)


@router.get("/network", summary="Entities linked by claims; edge weight = independent support")
def network(request: Request, entity: Optional[str] = None, min_independent: Annotated[int, Query(ge=0)] = 0,
            limit: Limit = 300) -> dict:
    return o.network(_store(request), entity_ref=entity, min_independent=min_independent, limit=limit)


@router.get("/search", summary="Full-text search over articles, plus entities matching the words")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)], limit: Limit = 20,
           offset: Offset = 0) -> dict:
    return s.search(_store(request), q, limit=limit, offset=offset)
