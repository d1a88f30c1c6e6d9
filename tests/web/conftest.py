"""The dashboard served for real: the demo store (the sample articles and the linking
corpus) behind uvicorn on a free loopback port, and Debian's Chromium through Playwright.
The tests skip when Chromium or Playwright is missing."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from rasd.api.app import create_app
from rasd.api.demo import build_demo_store
from rasd.ingest.runner import relink
from rasd.records import Article, Event, Evidence, Location
from rasd.store import Store

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "out" / "test-artifacts"
HOSTILE_TEXT = (
    "كمين لتنظيم الدولة قرب تدمر <script>window.__xss = 1</script>"
    '<img src=x onerror="window.__xss = 2">\n'
    "قتل خمسة عناصر من قوات النظام في كمين نصبه التنظيم قرب تدمر أمس."
)


@dataclass(frozen=True)
class Served:
    url: str
    store: Store
    token: str
    hostile_event: str


def add_hostile_article(store: Store) -> str:
    """An article whose text holds markup, with an event whose evidence points into it."""
    start = HOSTILE_TEXT.index("خمسة")
    article = Article("hostile", HOSTILE_TEXT, outlet="Test wire", published=dt.date(2024, 6, 2))
    event = Event(
        event_id="hostile-1",
        article_id="hostile",
        event_date=dt.date(2024, 6, 1),
        date_precision="day",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="islamic-state",
        actor2="syria-military-2000-2024",
        location=Location("Tadmor", "تدمر", "Homs", None, 34.56, 38.27, 1, None),
        fatalities=5,
        evidence=[
            Evidence("fatalities", start, start + 4, "خمسة"),
            Evidence(
                "location", HOSTILE_TEXT.rindex("تدمر"), HOSTILE_TEXT.rindex("تدمر") + 4, "تدمر"
            ),
        ],
        confidence=0.8,
    )
    store.add_extracted(article, lambda _: [event])
    relink(store, date_from=event.event_date, date_to=event.event_date)
    return event.event_id


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    import uvicorn

    sources = (REPO / "samples", REPO / "tests" / "data" / "linking_corpus")
    url = build_demo_store(tmp_path_factory.mktemp("web") / "demo.db", sources)
    store = Store.open(url)
    hostile = add_hostile_article(store)
    token = store.create_token("browser-test")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield Served(f"http://127.0.0.1:{port}", store, token, hostile)
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
