"""Read endpoints of single records and lists: incidents, events (with their articles and
evidence) and the audit trail."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from rasd.api.params import Paging, PagingDep, QueryDep, StoreDep
from rasd.api.schemas import (
    ErrorOut,
    EventDetail,
    EventOut,
    IncidentDetail,
    IncidentOut,
    Page,
    ReviewOut,
)
from rasd.api.security import reader
from rasd.store import RecordQuery, Store

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Invalid parameters"},
    401: {"model": ErrorOut, "description": "A token is needed (reads from another machine)"},
    403: {"model": ErrorOut, "description": "Unknown or revoked token"},
    404: {"model": ErrorOut, "description": "No such record"},
}
REVIEWS_SHOWN = 200

router = APIRouter(prefix="/api", dependencies=[Depends(reader)], responses=ERRORS)
RecordId = Annotated[str, Path(min_length=1, max_length=128)]
OrderParam = Annotated[
    Literal["date", "-date", "fatalities", "-fatalities"],
    Query(description="Sort key; '-' for descending. Ties by id."),
]


@router.get("/incidents", response_model=Page[IncidentOut], tags=["records"])
def list_incidents(
    store: StoreDep, query: QueryDep, page: PagingDep, order: OrderParam = "-date"
) -> dict[str, Any]:
    """Incidents (events of several articles linked into one) that match the filters."""
    return _page(store, "incident", query, page, order)


@router.get("/events", response_model=Page[EventOut], tags=["records"])
def list_events(
    store: StoreDep, query: QueryDep, page: PagingDep, order: OrderParam = "-date"
) -> dict[str, Any]:
    """Article-level events that match the filters."""
    return _page(store, "event", query, page, order)


def _page(
    store: Store, level: Literal["event", "incident"], query: RecordQuery, page: Paging, order: Any
) -> dict[str, Any]:
    total, items = store.query_page(level, query, limit=page.limit, offset=page.offset, order=order)
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": items}


@router.get("/incidents/{incident_id}", response_model=IncidentDetail, tags=["records"])
def incident_detail(incident_id: RecordId, store: StoreDep) -> dict[str, Any]:
    """An incident, every report of it (event and article, with the evidence), and its
    review trail (of the incident and of its events), newest first."""
    incident = store.get_record("incident", incident_id)
    events = store.incident_events(incident_id)
    targets = [f"incident:{incident_id}", *(f"event:{e['event_id']}" for e in events)]
    return {
        "incident": incident,
        "reports": _reports(store, events),
        "reviews": store.reviews(targets, limit=REVIEWS_SHOWN, newest_first=True)[1],
    }


@router.get("/events/{event_id}", response_model=EventDetail, tags=["records"])
def event_detail(event_id: RecordId, store: StoreDep) -> dict[str, Any]:
    """An event with its article and evidence, the other reports of its incident side by
    side, and its review trail."""
    event = store.get_record("event", event_id)
    others = []
    if event["incident_id"]:
        members = store.incident_events(event["incident_id"])
        others = [e for e in members if e["event_id"] != event_id]
    return {
        "event": event,
        "article": store.get_article(event["article_row"]),
        "other_reports": _reports(store, others),
        "reviews": store.reviews([f"event:{event_id}"], limit=REVIEWS_SHOWN, newest_first=True)[1],
    }


def _reports(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    articles: dict[int, dict[str, Any]] = {}
    for event in events:
        row = event["article_row"]
        if row not in articles:
            articles[row] = store.get_article(row)
    return [{"event": event, "article": articles[event["article_row"]]} for event in events]


@router.get("/reviews", response_model=Page[ReviewOut], tags=["review"])
def list_reviews(
    store: StoreDep,
    page: PagingDep,
    target: Annotated[
        str | None,
        Query(
            pattern=r"^(event|incident|article):[^\s]{1,128}$",
            description="Only this record: event:ID, incident:ID or article:ROW.",
        ),
    ] = None,
) -> dict[str, Any]:
    """The audit trail (who, when, action, field, before, after), newest first."""
    total, items = store.reviews(
        [target] if target else [], limit=page.limit, offset=page.offset, newest_first=True
    )
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": items}
