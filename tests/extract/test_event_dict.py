"""``Event.to_dict`` is written out for speed; it must stay what ``dataclasses.asdict`` gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from rasd.extract.pipeline import extract
from rasd.records import Article, Event, Evidence, Location, Span, make_span


def _as_asdict(event: Event) -> dict[str, object]:
    out = dataclasses.asdict(event)
    out["event_date"] = event.event_date.isoformat() if event.event_date else None
    return out


def _full_event() -> Event:
    """An event with every field set to something other than its default."""
    return Event(
        event_id="a-1",
        article_id="a",
        event_date=dt.date(2024, 5, 10),
        date_precision="day",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="islamic-state",
        actor1_certainty="claimed",
        actor2="liwa-al-quds",
        assoc_actor1=["x"],
        assoc_actor2=["y", "z"],
        location=Location("Sukhnah", "السخنة", "Homs", "Tadmor", 34.9, 38.9, 1, "g1"),
        fatalities=12,
        fatalities_max=15,
        injured=3,
        claimed_by="islamic-state",
        reported_by=["Amaq"],
        background=True,
        evidence=[Evidence("actor1", 0, 5, "تنظيم"), Evidence("location", 7, 13, "السخنة")],
        confidence=0.8,
        notes="n",
    )


def test_to_dict_is_asdict_for_every_field() -> None:
    event = _full_event()
    for f in dataclasses.fields(Event):  # every field differs from its default
        if f.default is not dataclasses.MISSING:
            assert getattr(event, f.name) != f.default, f.name
    got = event.to_dict()
    assert got == _as_asdict(event)
    assert list(got) == [f.name for f in dataclasses.fields(Event)]
    assert list(got["location"]) == [f.name for f in dataclasses.fields(Location)]
    assert json.dumps(got, ensure_ascii=False) == json.dumps(_as_asdict(event), ensure_ascii=False)


def test_to_dict_copies_lists() -> None:
    event = _full_event()
    got = event.to_dict()
    got["assoc_actor2"].append("w")
    got["reported_by"].clear()
    assert event.assoc_actor2 == ["y", "z"] and event.reported_by == ["Amaq"]


def test_to_dict_of_defaults_and_of_extracted_events() -> None:
    bare = Event("e", "a", None, None, "Battles", "Armed clash")
    assert bare.to_dict() == _as_asdict(bare)
    text = (
        "قُتل سبعة عناصر من قوات النظام وأصيب تسعة آخرون، أمس الاثنين، بهجوم شنه تنظيم الدولة "
        "على نقطة عسكرية قرب السخنة في ريف حمص الشرقي."
    )
    events = extract(Article("t", text, published=dt.date(2024, 5, 14)))
    assert events
    for event in events:
        assert json.dumps(event.to_dict(), ensure_ascii=False) == json.dumps(
            _as_asdict(event), ensure_ascii=False
        )


def test_make_span_is_a_span() -> None:
    """The text layer's fast constructor gives the same frozen Span as the dataclass."""
    span = make_span(3, 7, "قتلى")
    assert span == Span(3, 7, "قتلى") and hash(span) == hash(Span(3, 7, "قتلى"))
    assert repr(span) == repr(Span(3, 7, "قتلى"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 4  # type: ignore[misc]
