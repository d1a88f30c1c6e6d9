"""Query parameters shared by the read endpoints: the filters, the level and the paging.

FastAPI validates each one (a date that is no date, a page of a million rows); the app
turns its validation errors into 400 answers with a message that names the parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Query

from rasd.api.security import store_of
from rasd.store import Store
from rasd.store.query import RecordQuery, ReviewState

MAX_LIMIT = 1000
Level = Literal["event", "incident"]

LevelParam = Annotated[
    Level, Query(description="Article-level events or linked incidents (the map's markers).")
]


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")] = 0,
) -> Paging:
    return Paging(limit, offset)


def record_query(
    date_from: Annotated[
        dt.date | None, Query(description="First event day (YYYY-MM-DD), inclusive.")
    ] = None,
    date_to: Annotated[
        dt.date | None, Query(description="Last event day (YYYY-MM-DD), inclusive.")
    ] = None,
    admin1: Annotated[
        str | None, Query(max_length=64, description="Governorate (admin1.tsv name).")
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=128, description="Actor id on either side.")
    ] = None,
    event_type: Annotated[
        str | None, Query(max_length=64, description="Event type or sub-event type.")
    ] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    max_fatalities: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Text in a place name or a reporting article."),
    ] = None,
    background: Annotated[
        bool, Query(description="Also events an article recalls as past context.")
    ] = False,
    review: Annotated[
        ReviewState, Query(description="Review state; rejected records are hidden by default.")
    ] = "not_rejected",
    bbox: Annotated[
        str | None,
        Query(
            pattern=r"^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$",
            description="west,south,east,north in degrees.",
        ),
    ] = None,
) -> RecordQuery:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(400, f"date_from {date_from} is after date_to {date_to}")
    if (
        min_fatalities is not None
        and max_fatalities is not None
        and min_fatalities > max_fatalities
    ):
        raise HTTPException(400, "min_fatalities is larger than max_fatalities")
    return RecordQuery(
        date_from=date_from,
        date_to=date_to,
        admin1=admin1 or None,
        actor=actor or None,
        event_type=event_type or None,
        min_fatalities=min_fatalities,
        max_fatalities=max_fatalities,
        text=q.strip() or None if q else None,
        include_background=background,
        review=review,
        bbox=_bbox(bbox) if bbox else None,
    )


def _bbox(text: str) -> tuple[float, float, float, float]:
    west, south, east, north = (float(part) for part in text.split(","))
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise HTTPException(
            400, "bbox must be west,south,east,north with west < east, south < north"
        )
    return west, south, east, north


StoreDep = Annotated[Store, Depends(store_of)]
QueryDep = Annotated[RecordQuery, Depends(record_query)]
PagingDep = Annotated[Paging, Depends(paging)]
