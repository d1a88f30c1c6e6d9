"""Store back ends for the tests: SQLite always, PostgreSQL when RASD_TEST_PG_URL is set.

``eval "$(bash .ci/postgres.sh)"`` starts a throwaway server and sets the variable. Each
PostgreSQL test gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL = os.environ.get("RASD_TEST_PG_URL")
NO_PG = 'PostgreSQL tests need RASD_TEST_PG_URL (eval "$(bash .ci/postgres.sh)")'


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason=NO_PG)),
    ]
)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database on each back end."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rasd.db'}"
        return
    yield from _pg_database()


def _pg_database() -> Iterator[str]:
    import psycopg

    assert PG_URL is not None
    base = PG_URL.replace("postgresql+psycopg://", "postgresql://", 1)
    name = f"rasd_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
