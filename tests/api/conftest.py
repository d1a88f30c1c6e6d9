"""A demo store (the sample articles and the linking corpus, ingested once per session)
copied for each test, and an in-process client of the app on it."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from rasd.api.app import Settings, create_app
from rasd.api.demo import build_demo_store
from rasd.ingest.runner import relink
from rasd.records import Article, Event, Evidence, Location
from rasd.store import Store

REPO = Path(__file__).resolve().parents[2]
DEMO_SOURCES = (REPO / "samples", REPO / "tests" / "data" / "linking_corpus")
HOSTILE_TEXT = (
    'كمين <script>window.__xss = 1</script> قرب تدمر <img src=x onerror="window.__xss = 2">'
    "\nقتل خمسة عناصر في كمين قرب تدمر."
)
LOOPBACK = ("127.0.0.1", 50000)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_store(path, DEMO_SOURCES)
    with Store.open(f"sqlite:///{path}") as store:
        add_hostile_article(store)
    return path


def add_hostile_article(store: Store) -> str:
    """An article whose text holds markup, with one event whose evidence points into it."""
    start = HOSTILE_TEXT.index("خمسة")
    article = Article(
        "hostile", HOSTILE_TEXT, outlet="<b>Outlet</b>", published=dt.date(2024, 6, 2)
    )
    event = Event(
        event_id="hostile-1",
        article_id="hostile",
        event_date=dt.date(2024, 6, 1),
        date_precision="day",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="islamic-state",
        location=Location("Tadmor", "تدمر", "Homs", None, 34.56, 38.27, 1, None),
        fatalities=5,
        evidence=[Evidence("fatalities", start, start + 4, "خمسة")],
        confidence=0.8,
    )
    store.add_extracted(article, lambda _: [event])
    relink(store, date_from=event.event_date, date_to=event.event_date)
    return event.event_id


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
