"""Dashboard queries over events or incidents, filtered, paged and aggregated in SQL.

Every criterion of a :class:`RecordQuery` becomes a bound parameter of one SQL statement
(no string building from user input), so a page, a weekly histogram or the map's grid of
clusters over 50,000 incidents is one indexed scan in the database, not a Python loop.
Time buckets and grid cells need a few dialect-specific expressions (SQLite's ``date()``
modifiers, PostgreSQL's ``date_trunc``); they are the only difference between back ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Date, Float, Integer, cast, exists, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from rasd.store.models import ArticleRow, EventRow, IncidentMember, IncidentRow

RecordKind = Literal["event", "incident"]
ReviewState = Literal["not_rejected", "any", "unreviewed", "confirmed", "rejected"]
Bucket = Literal["week", "month", "admin1", "actor", "event_type"]
Stack = Literal["actor", "event_type", "admin1"]
Order = Literal["date", "-date", "fatalities", "-fatalities"]

TIME_BUCKETS = ("week", "month")
_GROUP_COLUMNS = {"admin1": "admin1", "actor": "actor1", "event_type": "event_type"}


@dataclass(frozen=True, slots=True)
class RecordQuery:
    """Which events or incidents a view shows. A criterion left at None keeps everything.

    Dates are inclusive; ``actor`` matches either side or an associated actor;
    ``event_type`` matches the type or the sub-event type; the fatality bounds apply to
    ``fatalities`` (a record without a figure fails them); ``text`` is a case-insensitive
    substring of the place names or of the text of a reporting article. Background events
    are left out unless ``include_background``, rejected ones unless ``review`` asks for
    them. ``bbox`` is (west, south, east, north) in degrees.
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    min_fatalities: int | None = None
    max_fatalities: int | None = None
    text: str | None = None
    include_background: bool = False
    review: ReviewState = "not_rejected"
    bbox: tuple[float, float, float, float] | None = None


def model_of(kind: RecordKind) -> type[EventRow] | type[IncidentRow]:
    return EventRow if kind == "event" else IncidentRow


def id_column(kind: RecordKind) -> Any:
    return EventRow.event_id if kind == "event" else IncidentRow.incident_id


def conditions(kind: RecordKind, query: RecordQuery) -> list[ColumnElement[bool]]:
    """The WHERE clauses of ``query`` for the events or incidents table."""
    model = model_of(kind)
    out: list[ColumnElement[bool]] = []
    if query.date_from is not None:
        out.append(model.event_date >= query.date_from)
    if query.date_to is not None:
        out.append(model.event_date <= query.date_to)
    if query.admin1:
        out.append(model.admin1 == query.admin1)
    if query.actor:
        out.append(model.actors.like(f"%|{_escape_like(query.actor)}|%", escape="\\"))
    if query.event_type:
        out.append(
            or_(model.event_type == query.event_type, model.sub_event_type == query.event_type)
        )
    if query.min_fatalities is not None:
        out.append(model.fatalities >= query.min_fatalities)
    if query.max_fatalities is not None:
        out.append(model.fatalities <= query.max_fatalities)
    if query.text:
        out.append(_text_match(kind, f"%{_escape_like(query.text)}%"))
    if not query.include_background:
        out.append(model.background.is_(False))
    out.extend(_review_conditions(kind, query.review))
    if query.bbox is not None:
        west, south, east, north = query.bbox
        out.extend((model.lon >= west, model.lon <= east, model.lat >= south, model.lat <= north))
    return out


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _text_match(kind: RecordKind, pattern: str) -> ColumnElement[bool]:
    model = model_of(kind)
    article_text = ArticleRow.text.ilike(pattern, escape="\\")
    if kind == "event":
        in_article = exists().where(ArticleRow.id == EventRow.article_id, article_text)
    else:
        in_article = (
            exists()
            .where(IncidentMember.incident_id == IncidentRow.incident_id)
            .where(EventRow.event_id == IncidentMember.event_id)
            .where(ArticleRow.id == EventRow.article_id, article_text)
        )
    return or_(
        model.location_name_en.ilike(pattern, escape="\\"),
        model.location_name_ar.ilike(pattern, escape="\\"),
        in_article,
    )


def _review_conditions(kind: RecordKind, review: ReviewState) -> list[ColumnElement[bool]]:
    status = model_of(kind).review_status
    if review == "any":
        return []
    if review == "not_rejected":
        return [or_(status.is_(None), status != "rejected")]
    if review == "unreviewed":
        return [status.is_(None)]
    return [status == review]


def page(
    session: Session,
    kind: RecordKind,
    query: RecordQuery,
    *,
    limit: int,
    offset: int,
    order: Order = "-date",
) -> tuple[int, list[Any]]:
    """The number of matching rows and the rows of one page, in ``order`` (ties by id)."""
    model = model_of(kind)
    where = conditions(kind, query)
    total = session.scalar(select(func.count()).select_from(model).where(*where)) or 0
    column = model.fatalities if order.endswith("fatalities") else model.event_date
    key = column.desc() if order.startswith("-") else column.asc()
    ordering = (key.nulls_last(), id_column(kind))
    # The page's ids first, sorted within the dashboard index; then those rows only.
    ids = select(id_column(kind)).where(*where).order_by(*ordering).limit(limit).offset(offset)
    rows = session.scalars(select(model).where(id_column(kind).in_(ids)).order_by(*ordering))
    return total, list(rows)


def stats(
    session: Session, kind: RecordKind, query: RecordQuery, by: Bucket, stack: Stack | None
) -> list[dict[str, Any]]:
    """Records and fatalities per bucket (per week or month, governorate, acting actor or
    event type), each bucket split by ``stack`` when given. Time buckets are keyed by
    their first day (weeks start on Monday) and sorted by it; the others by size."""
    model = model_of(kind)
    dialect = _dialect(session)
    bucket = _bucket(model, by, dialect).label("bucket")
    columns: list[Any] = [bucket]
    if stack is not None:
        columns.append(getattr(model, _GROUP_COLUMNS[stack]).label("stack"))
    where = conditions(kind, query)
    if by in TIME_BUCKETS:
        where.append(model.event_date.is_not(None))
    rows = session.execute(
        select(*columns, func.count().label("n"), func.sum(model.fatalities).label("dead"))
        .where(*where)
        .group_by(*columns)
    )
    buckets: dict[Any, dict[str, Any]] = {}
    for row in rows:
        key = _iso(row.bucket)
        item = buckets.setdefault(key, {"key": key, "events": 0, "fatalities": 0, "stacks": []})
        item["events"] += row.n
        item["fatalities"] += row.dead or 0
        if stack is not None:
            item["stacks"].append({"key": row.stack, "events": row.n, "fatalities": row.dead or 0})
    for item in buckets.values():
        item["stacks"].sort(key=lambda s: (-s["events"], s["key"] or ""))
    if by in TIME_BUCKETS:
        return sorted(buckets.values(), key=lambda b: b["key"])
    return sorted(buckets.values(), key=lambda b: (-b["events"], b["key"] or ""))


def _bucket(model: Any, by: Bucket, dialect: str) -> ColumnElement[Any]:
    if by == "week":
        if dialect == "sqlite":  # the Monday on or before the day
            return func.date(model.event_date, "weekday 0", "-6 days")
        return cast(func.date_trunc("week", model.event_date), Date)
    if by == "month":
        if dialect == "sqlite":
            return func.strftime("%Y-%m-01", model.event_date)
        return cast(func.date_trunc("month", model.event_date), Date)
    column: ColumnElement[Any] = getattr(model, _GROUP_COLUMNS[by])
    return column


def clusters(
    session: Session, kind: RecordKind, query: RecordQuery, cell: float, limit: int
) -> list[dict[str, Any]]:
    """The records with coordinates gathered on a grid of ``cell``-degree squares: per
    occupied cell, the mean position, the count, the fatalities and the count per event
    type; a cell of one record also carries its id, date and place. At most ``limit``
    cells, the fullest first."""
    model = model_of(kind)
    dialect = _dialect(session)
    row_key = id_column(kind)
    y = _grid(model.lat, 90.0, cell, dialect).label("y")
    x = _grid(model.lon, 180.0, cell, dialect).label("x")
    where = [*conditions(kind, query), model.lat.is_not(None), model.lon.is_not(None)]
    rows = session.execute(
        select(
            y,
            x,
            model.event_type,
            func.count().label("n"),
            func.sum(model.fatalities).label("dead"),
            func.sum(model.lat).label("lat_sum"),
            func.sum(model.lon).label("lon_sum"),
            func.min(row_key).label("first_id"),
            func.min(model.event_date).label("day"),
            func.min(model.location_name_en).label("name_en"),
            func.min(model.location_name_ar).label("name_ar"),
        )
        .where(*where)
        .group_by(y, x, model.event_type)
    )
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for row in rows:
        item = cells.setdefault(
            (int(row.y), int(row.x)),
            {"count": 0, "fatalities": 0, "lat": 0.0, "lon": 0.0, "types": {}, "single": row},
        )
        item["count"] += row.n
        item["fatalities"] += row.dead or 0
        item["lat"] += row.lat_sum
        item["lon"] += row.lon_sum
        item["types"][row.event_type] = row.n
    out = []
    for item in sorted(cells.values(), key=lambda c: -c["count"])[:limit]:
        single = item.pop("single")
        count = item["count"]
        item["lat"] = round(item["lat"] / count, 5)
        item["lon"] = round(item["lon"] / count, 5)
        item["id"] = single.first_id if count == 1 else None
        item["event_date"] = _iso(single.day) if count == 1 else None
        item["name_en"] = single.name_en if count == 1 else None
        item["name_ar"] = single.name_ar if count == 1 else None
        out.append(item)
    return out


def _grid(column: Any, shift: float, cell: float, dialect: str) -> ColumnElement[Any]:
    """The index of ``column``'s cell; ``shift`` makes the value positive, so that
    SQLite's truncating integer cast is a floor (PostgreSQL's cast rounds: floor it)."""
    scaled = (column + shift) / cast(cell, Float)
    if dialect == "sqlite":
        return cast(scaled, Integer)
    return cast(func.floor(scaled), Integer)


def facets(session: Session, kind: RecordKind, query: RecordQuery) -> dict[str, Any]:
    """The values present for the filters (actors on either main side, event types,
    governorates) with their record counts, and the first and last event dates, from one
    grouped scan of the dashboard index."""
    model = model_of(kind)
    columns = (model.actor1, model.actor2, model.event_type, model.admin1)
    rows = session.execute(
        select(
            *columns,
            func.count().label("n"),
            func.min(model.event_date).label("first"),
            func.max(model.event_date).label("last"),
        )
        .where(*conditions(kind, query))
        .group_by(*columns)
    )
    tallies: dict[str, dict[Any, int]] = {"actor": {}, "event_type": {}, "admin1": {}}
    days: list[Any] = []
    for actor1, actor2, event_type, admin1, n, first, last in rows:
        for facet, value in (
            ("actor", actor1),
            ("actor", actor2 if actor2 != actor1 else None),
            ("event_type", event_type),
            ("admin1", admin1),
        ):
            if value is not None:
                tallies[facet][value] = tallies[facet].get(value, 0) + n
        days.extend(day for day in (first, last) if day is not None)
    out: dict[str, Any] = {
        facet: [
            {"value": value, "count": n}
            for value, n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        for facet, tally in tallies.items()
    }
    out["date_min"] = _iso(min(days)) if days else None
    out["date_max"] = _iso(max(days)) if days else None
    return out


def incident_ids_of_events(session: Session, event_ids: Sequence[str]) -> dict[str, str]:
    """event id → the id of the incident it belongs to, for the given events."""
    if not event_ids:
        return {}
    rows = session.execute(
        select(IncidentMember.event_id, IncidentMember.incident_id).where(
            IncidentMember.event_id.in_(list(event_ids))
        )
    )
    return {event_id: incident_id for event_id, incident_id in rows}


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
