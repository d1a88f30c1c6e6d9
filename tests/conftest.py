"""Fixtures shared by several test layers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from rasd.records import Article, Event, Evidence, Location

if TYPE_CHECKING:
    from rasd.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEMO_SOURCES = (REPO / "samples", REPO / "tests" / "data" / "linking_corpus")
# Markup that must stay text wherever the article is shown (API tests and the browser's).
HOSTILE_TEXT = (
    "كمين لتنظيم الدولة قرب تدمر <script>window.__xss = 1</script>"
    '<img src=x onerror="window.__xss = 2">\n'
    "قتل خمسة عناصر من قوات النظام في كمين نصبه التنظيم قرب تدمر أمس."
)
HOSTILE_OUTLET = "<b>Outlet</b>"
HOSTILE_EVENT = "hostile-1"


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the repository; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared (dev gold and spec) is not present on this machine")
    return SHARED


@pytest.fixture
def write_jsonl_file(tmp_path: Path) -> Callable[[str, Iterable[Mapping[str, Any]]], Path]:
    """Write dicts as a JSONL file under ``tmp_path`` and return its path."""

    def write(name: str, records: Iterable[Mapping[str, Any]]) -> Path:
        path = tmp_path / name
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        return path

    return write


@pytest.fixture
def make_event() -> Callable[..., Event]:
    """A realistic IS ambush event; keyword arguments override its fields."""

    def make(**overrides: Any) -> Event:
        text = "نصب عناصر التنظيم كمينا لسيارة تقل عناصر من الدفاع الوطني قرب الرصافة"
        fields: dict[str, Any] = {
            "event_id": "ev-0001",
            "article_id": "art-1",
            "event_date": dt.date(2024, 3, 12),
            "date_precision": "day",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "islamic-state",
            "actor1_certainty": "claimed",
            "actor2": "ndf",
            "location": Location(
                name_en="al-Rusafa",
                name_ar="الرصافة",
                admin1="Raqqa",
                admin2="al-Thawrah",
                lat=35.63,
                lon=38.76,
                geo_precision=2,
                gazetteer_id="geonames:163370",
            ),
            "fatalities": 9,
            "fatalities_max": 11,
            "injured": None,
            "claimed_by": "islamic-state",
            "reported_by": ["Amaq"],
            "evidence": [Evidence("sub_event_type", 13, 17, text[13:17])],
            "confidence": 0.8,
        }
        fields.update(overrides)
        return Event(**fields)

    return make


def add_hostile_article(store: Store) -> str:
    """Add an article whose text and outlet hold markup, with one event whose evidence
    points into that text, and link it; return the event's id."""
    from rasd.ingest.runner import relink

    toll, place = HOSTILE_TEXT.index("خمسة"), HOSTILE_TEXT.rindex("تدمر")
    article = Article("hostile", HOSTILE_TEXT, outlet=HOSTILE_OUTLET, published=dt.date(2024, 6, 2))
    event = Event(
        event_id=HOSTILE_EVENT,
        article_id=article.id,
        event_date=dt.date(2024, 6, 1),
        date_precision="day",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="islamic-state",
        actor2="syria-military-2000-2024",
        location=Location("Tadmor", "تدمر", "Homs", None, 34.56, 38.27, 1, None),
        fatalities=5,
        evidence=[
            Evidence("fatalities", toll, toll + 4, "خمسة"),
            Evidence("location", place, place + 4, "تدمر"),
        ],
        confidence=0.8,
    )
    store.add_extracted(article, lambda _: [event])
    relink(store, date_from=event.event_date, date_to=event.event_date)
    return event.event_id


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store (the sample articles and the linking corpus, extracted and linked)
    plus the hostile article (``hostile_event``), built once per session. It is a
    template: copy the file before writing to it."""
    from rasd.api.demo import build_demo_store
    from rasd.store import Store

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(build_demo_store(path, DEMO_SOURCES)) as store:
        add_hostile_article(store)
    return path


@pytest.fixture(scope="session")
def hostile_event() -> str:
    """The id of the hostile article's event in ``demo_db``."""
    return HOSTILE_EVENT
