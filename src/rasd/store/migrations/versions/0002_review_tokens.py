"""Review status and the actors column of events and incidents; the API's write tokens;
the dashboard's covering index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DASHBOARD_COLUMNS = [
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
]
KEYS = {"events": "event_id", "incidents": "incident_id"}


def upgrade() -> None:
    for table, key in KEYS.items():
        op.add_column(table, sa.Column("review_status", sa.String(16), nullable=True))
        op.add_column(table, sa.Column("actors", sa.Text(), nullable=False, server_default=""))
        _fill_actors(table, key)
        op.create_index(f"ix_{table}_dashboard", table, [*DASHBOARD_COLUMNS, key])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(256), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("digest"),
    )


def _fill_actors(table: str, key: str) -> None:
    """``actors`` of the rows already stored (models.actors_key, as it was written here)."""
    rows = sa.table(
        table,
        sa.column(key, sa.String()),
        sa.column("actor1", sa.String()),
        sa.column("actor2", sa.String()),
        sa.column("assoc_actor1", sa.JSON()),
        sa.column("assoc_actor2", sa.JSON()),
        sa.column("actors", sa.Text()),
    )
    bind = op.get_bind()
    columns = [rows.c[key], rows.c.actor1, rows.c.actor2, rows.c.assoc_actor1, rows.c.assoc_actor2]
    for record_id, actor1, actor2, assoc1, assoc2 in bind.execute(sa.select(*columns)).all():
        ids = [str(a) for a in (actor1, actor2, *_listed(assoc1), *_listed(assoc2)) if a]
        value = f"|{'|'.join(dict.fromkeys(ids))}|" if ids else ""
        bind.execute(sa.update(rows).where(rows.c[key] == record_id).values(actors=value))


def _listed(value: Any) -> list[str]:
    return [str(item) for item in value or ()]


def downgrade() -> None:
    op.drop_table("api_tokens")
    for table in KEYS:
        op.drop_index(f"ix_{table}_dashboard", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("review_status")
            batch.drop_column("actors")
