"""Alembic environment: runs on the connection ``Store.open`` hands over.

The store calls ``alembic.command.upgrade`` with ``config.attributes["connection"]`` set
to a connection that is already inside a write transaction (SQLite ``BEGIN IMMEDIATE``,
PostgreSQL with an advisory lock), so two processes opening a new database at once
migrate it once. Offline (SQL script) mode is not supported.

To write a new revision, change ``rasd/store/models.py``, then add a file to
``versions/`` whose ``down_revision`` is the current head (``alembic.command.revision``
with ``autogenerate=True`` and the same ``script_location`` drafts one).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from rasd.store.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("rasd migrations run through rasd.store.Store.open, not offline")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
