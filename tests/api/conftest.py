"""The demo store (``demo_db`` in tests/conftest.py: the sample articles, the linking
corpus and the hostile article, built once per session) copied for each test, and an
in-process client of the app on it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from rasd.api.app import Settings, create_app
from rasd.store import Store

LOOPBACK = ("127.0.0.1", 50000)


@pytest.fixture
def store(demo_db: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    with Store.open(f"sqlite:///{copy}") as opened:
        yield opened


@pytest.fixture
def make_api(store: Store) -> Callable[..., TestClient]:
    """A client of the app over ``store``: from ``client`` (host, port), with ``Settings``."""

    def make(*, client: tuple[str, int] = LOOPBACK, **settings: Any) -> TestClient:
        app = create_app(store, Settings(**settings))
        return TestClient(app, base_url="http://127.0.0.1", client=client)

    return make


@pytest.fixture
def api(make_api: Callable[..., TestClient]) -> TestClient:
    return make_api()


@pytest.fixture
def token(store: Store) -> dict[str, str]:
    return {"Authorization": f"Bearer {store.create_token('rana')}"}
