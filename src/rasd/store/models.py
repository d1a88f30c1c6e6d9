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

Events and incidents carry ``reviewed_fields``: the names of fields a person has set.
Re-extraction and re-linking never overwrite those fields, and an event with reviewed
fields is kept even when a new extraction no longer produces it.

Every schema change needs a new migration in ``migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
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
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class EventRow(CodedFields, Base):
    __tablename__ = "events"

    event_id: Mapped[str] = mapped_column(ID, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    article_key: Mapped[str] = mapped_column(String(512))
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    notes: Mapped[str] = mapped_column(Text)


class IncidentRow(CodedFields, Base):
    __tablename__ = "incidents"

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
