"""Pair gates and scores."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from rasd.link.scoring import PairScorer, distance_km, load_config, trigger_words
from rasd.records import Event, Evidence, Location

PLACE = Location("Al-Sukhnah", None, "Homs", None, 34.886, 38.868, 1, "g1")


def event(event_id: str, article_id: str, **fields: Any) -> Event:
    values: dict[str, Any] = {
        "event_date": dt.date(2024, 3, 12),
        "date_precision": "day",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "islamic-state",
        "actor2": "syria-military-2000-2024",
        "location": PLACE,
    }
    values.update(fields)
    return Event(event_id=event_id, article_id=article_id, **values)


@pytest.fixture
def scorer() -> PairScorer:
    return PairScorer(load_config(), window_days=3)


def test_haversine_distance(scorer: PairScorer) -> None:
    north = dataclasses.replace(PLACE, lat=35.886)
    a, b = scorer.features(event("e1", "a1")), scorer.features(event("e2", "a2", location=north))
    assert distance_km(a, b) == pytest.approx(111.2, abs=0.3)
    assert distance_km(a, a) == 0.0


def test_more_agreement_scores_higher(scorer: PairScorer) -> None:
    base = scorer.features(event("e1", "a1", fatalities=20))
    same = scorer.features(event("e2", "a2", fatalities=22))
    later = scorer.features(event("e3", "a3", fatalities=22, event_date=dt.date(2024, 3, 14)))
    swapped = scorer.features(
        event("e4", "a4", actor1="syria-military-2000-2024", actor2="islamic-state")
    )
    far_toll = scorer.features(event("e5", "a5", fatalities=2))
    scores = [scorer.score(base, other, -10.0) for other in (same, later, swapped, far_toll)]
    assert all(s is not None for s in scores)
    s_same, s_later, s_swapped, s_far = (s or 0.0 for s in scores)
    assert s_same > s_later
    assert s_same > s_swapped
    assert s_same > s_far


def test_gates(scorer: PairScorer) -> None:
    base = scorer.features(event("e1", "a1"))
    assert not scorer.passes_gates(base, scorer.features(event("e2", "a1")))
    other_gov = dataclasses.replace(PLACE, admin1="Raqqa")
    assert not scorer.passes_gates(base, scorer.features(event("e2", "a2", location=other_gov)))
    too_late = event("e2", "a2", event_date=dt.date(2024, 3, 16))
    assert not scorer.passes_gates(base, scorer.features(too_late))
    # a week-precision date gets three days of slack
    week = event("e2", "a2", event_date=dt.date(2024, 3, 16), date_precision="week")
    assert scorer.passes_gates(base, scorer.features(week))
    assert scorer.score(base, scorer.features(event("e2", "a1")), -10.0) is None


def test_trigger_words_ignore_clitics_and_spelling() -> None:
    cfg = load_config()
    a = event("e1", "a1", evidence=[Evidence("sub_event_type", 0, 9, "بعبوةٍ ناسفة")])
    b = event("e2", "a2", evidence=[Evidence("sub_event_type", 0, 9, "العبوة الناسفة")], notes="")
    assert trigger_words(a, cfg.text_fields) == trigger_words(b, cfg.text_fields)
    assert trigger_words(event("e3", "a3"), cfg.text_fields) == frozenset()
