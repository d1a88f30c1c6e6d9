"""Alembic migrations of the store, applied by ``Store.open`` (see ``env.py``)."""
