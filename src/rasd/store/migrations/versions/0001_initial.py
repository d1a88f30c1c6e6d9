"""Initial schema: articles, LSH bands, events, incidents, reviews, ingest errors.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_ID = sa.String(128)
_TZ = sa.DateTime(timezone=True)


def _coded_fields() -> list[sa.Column[object]]:
    """Columns shared by events and incidents (models.CodedFields)."""
    return [
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(8), nullable=True),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("actor1", _ID, nullable=True),
        sa.Column("actor1_certainty", sa.String(16), nullable=True),
        sa.Column("actor2", _ID, nullable=True),
        sa.Column("assoc_actor1", sa.JSON(), nullable=False),
        sa.Column("assoc_actor2", sa.JSON(), nullable=False),
        sa.Column("location_name_en", sa.String(512), nullable=True),
        sa.Column("location_name_ar", sa.String(512), nullable=True),
        sa.Column("admin1", sa.String(64), nullable=True),
        sa.Column("admin2", sa.String(128), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("gazetteer_id", _ID, nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("fatalities_max", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("claimed_by", _ID, nullable=True),
        sa.Column("reported_by", sa.JSON(), nullable=False),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("reviewed_fields", sa.JSON(), nullable=False),
        sa.Column("updated_at", _TZ, nullable=False),
    ]


def _coded_indexes(table: str) -> None:
    for column in ("event_date", "event_type", "actor1", "actor2", "admin1"):
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(512), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.String(2048), nullable=True),
        sa.Column("outlet", sa.String(512), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=True),
        sa.Column("duplicate_of", sa.Integer(), sa.ForeignKey("articles.id"), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("source", sa.String(2048), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("ingested_at", _TZ, nullable=False),
        sa.UniqueConstraint("content_hash"),
    )
    op.create_index("ix_articles_key", "articles", ["key"])
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])

    op.create_table(
        "article_bands",
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("band", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(16), nullable=False),
    )
    op.create_index("ix_article_bands_key", "article_bands", ["key"])

    op.create_table(
        "events",
        sa.Column("event_id", _ID, primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("article_key", sa.String(512), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_coded_fields(),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    _coded_indexes("events")

    op.create_table(
        "incidents",
        sa.Column("incident_id", _ID, primary_key=True),
        sa.Column("event_ids", sa.JSON(), nullable=False),
        sa.Column("article_ids", sa.JSON(), nullable=False),
        sa.Column("provenance", sa.JSON(), nullable=False),
        *_coded_fields(),
    )
    _coded_indexes("incidents")

    op.create_table(
        "incident_members",
        sa.Column(
            "incident_id",
            _ID,
            sa.ForeignKey("incidents.incident_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "event_id",
            _ID,
            sa.ForeignKey("events.event_id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_incident_members_event_id", "incident_members", ["event_id"])

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("who", sa.String(256), nullable=False),
        sa.Column("at", _TZ, nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", _ID, nullable=False),
        sa.Column("field", sa.String(64), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
    )
    op.create_index("ix_reviews_at", "reviews", ["at"])
    op.create_index("ix_reviews_target", "reviews", ["target"])

    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("error_key", sa.String(64), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("source", sa.String(2048), nullable=False),
        sa.Column("first_seen", _TZ, nullable=False),
        sa.Column("last_seen", _TZ, nullable=False),
        sa.UniqueConstraint("error_key"),
    )


def downgrade() -> None:
    for table in (
        "ingest_errors",
        "reviews",
        "incident_members",
        "incidents",
        "events",
        "article_bands",
        "articles",
    ):
        op.drop_table(table)
