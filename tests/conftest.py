"""Fixtures shared by several test layers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from rasd.records import Event, Evidence, Location

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


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
