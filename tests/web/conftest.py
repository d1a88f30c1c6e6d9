"""The dashboard served for real: a copy of the demo store (``demo_db`` in tests/conftest.py:
the sample articles, the linking corpus and the hostile article) behind uvicorn on a free
loopback port, and Debian's Chromium through Playwright. The tests skip when Chromium or
Playwright is missing."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from rasd.api.app import create_app
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


@dataclass(frozen=True)
class Served:
    url: str
    store: Store
    token: str
    hostile_event: str


@pytest.fixture(scope="session")
def served(
    demo_db: Path, hostile_event: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    import uvicorn

    copy = tmp_path_factory.mktemp("web") / "demo.db"
    shutil.copy(demo_db, copy)  # the tests write (review, merge, split): not to the template
    store = Store.open(f"sqlite:///{copy}")
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
    yield Served(f"http://127.0.0.1:{port}", store, token, hostile_event)
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
