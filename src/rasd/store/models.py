"""Tables of the store (SQLAlchemy 2 typed models).

- ``articles``: every distinct text ingested. An exact copy (same normalised text) is not
  stored again; a near copy (a syndicated article with another headline or footer) is
  stored with ``duplicate_of`` pointing at the first copy and is never extracted.
- ``article_bands``: the MinHash LSH band keys of each article (rasd.ingest.dedup), so a
  new article's candidate copies are found with one indexed lookup.
- ``events``: article-level events with every EVENTS.md field and their evidence.
- ``incidents`` / ``incident_members``: events of several articles linked into one.
- ``reviews``: the audit trail of human review (who, when, action, target, field, before,
  after).
- ``ingest_errors``: items that could not be ingested, once per (item, reason).
- ``api_tokens``: the reviewers' write tokens of the API, as SHA-256 digests.

Events and incidents carry ``reviewed_fields``: the names of fields a person has set.
Re-extraction and re-linking never overwrite those fields, and an event with reviewed
fields is kept even when a new extraction no longer produces it. Two names there are not
EVENTS.md fields: ``review_status`` (a reviewer confirmed or rejected the record, kept in
the column of that name) and, on incidents, ``event_ids`` (a reviewer merged, split or
confirmed the incident: re-linking keeps its members as they are).

Every schema change needs a new migration in ``migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = String(128)
"""Ids made by the system (event, incident, actor, article) fit in 128 characters."""


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[str]: JSON,
        Any: JSON,
    }


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(512), index=True)
    """The input ``id`` (``Article.id``); not unique: two sources may reuse a file name."""
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(2048), index=True)
    outlet: Mapped[str | None] = mapped_column(String(512))
    published: Mapped[dt.date | None] = mapped_column(Date)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    """``new`` (extracted) or ``near_duplicate`` (a copy of ``duplicate_of``, not extracted)."""
    source: Mapped[str] = mapped_column(String(2048))
    meta: Mapped[dict[str, Any]] = mapped_column(JSON)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ArticleBand(Base):
    __tablename__ = "article_bands"
    __table_args__ = (Index("ix_article_bands_key", "key"),)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(16))


class CodedFields:
    """The EVENTS.md fields shared by an article-level event and an incident."""

    event_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    event_type: Mapped[str] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str] = mapped_column(String(64))
    actor1: Mapped[str | None] = mapped_column(ID, index=True)
    actor1_certainty: Mapped[str | None] = mapped_column(String(16))
    actor2: Mapped[str | None] = mapped_column(ID, index=True)
    assoc_actor1: Mapped[list[str]] = mapped_column(JSON)
    assoc_actor2: Mapped[list[str]] = mapped_column(JSON)
    location_name_en: Mapped[str | None] = mapped_column(String(512))
    location_name_ar: Mapped[str | None] = mapped_column(String(512))
    admin1: Mapped[str | None] = mapped_column(String(64), index=True)
    admin2: Mapped[str | None] = mapped_column(String(128))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    gazetteer_id: Mapped[str | None] = mapped_column(ID)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_max: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    claimed_by: Mapped[str | None] = mapped_column(ID)
    reported_by: Mapped[list[str]] = mapped_column(JSON)
    background: Mapped[bool] = mapped_column(Boolean)
    confidence: Mapped[float] = mapped_column(Float)
    reviewed_fields: Mapped[list[str]] = mapped_column(JSON)
    actors: Mapped[str] = mapped_column(Text, default="")
    """Every actor id of the record, ``|a|b|``: actor1, actor2 and the associated actors in
    one plain column, so that "this actor on any side" is an indexed LIKE (kept in step by
    :func:`actors_key` on every insert and update)."""
    review_status: Mapped[str | None] = mapped_column(String(16))
    """``confirmed`` or ``rejected`` by a reviewer; null while nobody has judged it."""
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


DASHBOARD_COLUMNS = (
    "background",
    "review_status",
    "event_date",
    "actors",
    "actor1",
    "actor2",
    "event_type",
    "sub_event_type",
    "admin1",
    "fatalities",
    "lat",
    "lon",
    "location_name_en",
    "location_name_ar",
)
"""What the dashboard's filters, counts and map read: one covering index holds them, so
its aggregates over the whole table scan the index, not the wide rows (rasd.store.query)."""


class EventRow(CodedFields, Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_dashboard", *DASHBOARD_COLUMNS, "event_id"),)

    event_id: Mapped[str] = mapped_column(ID, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    article_key: Mapped[str] = mapped_column(String(512))
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    notes: Mapped[str] = mapped_column(Text)


class IncidentRow(CodedFields, Base):
    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_dashboard", *DASHBOARD_COLUMNS, "incident_id"),)

    incident_id: Mapped[str] = mapped_column(ID, primary_key=True)
    event_ids: Mapped[list[str]] = mapped_column(JSON)
    article_ids: Mapped[list[str]] = mapped_column(JSON)
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON)


class IncidentMember(Base):
    __tablename__ = "incident_members"

    incident_id: Mapped[str] = mapped_column(
        ForeignKey("incidents.incident_id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True, index=True
    )


def actors_key(
    actor1: str | None, actor2: str | None, assoc1: Iterable[str], assoc2: Iterable[str]
) -> str:
    """The ``actors`` column of a record with these sides: ``|id|id|…|`` (or empty)."""
    ids = [a for a in (actor1, actor2, *(assoc1 or ()), *(assoc2 or ())) if a]
    return f"|{'|'.join(dict.fromkeys(ids))}|" if ids else ""


def _sync_actors(_mapper: object, _connection: object, row: EventRow | IncidentRow) -> None:
    row.actors = actors_key(row.actor1, row.actor2, row.assoc_actor1, row.assoc_actor2)


for _model in (EventRow, IncidentRow):
    event.listen(_model, "before_insert", _sync_actors)
    event.listen(_model, "before_update", _sync_actors)


class ReviewRow(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    who: Mapped[str] = mapped_column(String(256))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(ID, index=True)
    """``event:<event_id>``, ``incident:<incident_id>`` or ``article:<row id>``."""
    field: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)


class IngestErrorRow(Base):
    __tablename__ = "ingest_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    error_key: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 of item and reason: the same failure is recorded once."""
    item: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(2048))
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(256), unique=True)
    """Who writes with the token; the audit trail's ``who``."""
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 of the token: the token itself is shown once and never stored."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
