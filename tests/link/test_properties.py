"""Invariants of linking over random events (hypothesis)."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.link.linker import link_events
from rasd.records import Event, Location

PLACES = [
    Location("Al-Sukhnah", None, "Homs", None, 34.886, 38.868, 1, "g1"),
    Location("Al-Sukhnah", None, "Homs", None, 34.886, 38.868, 2, "g1"),
    Location("Arak", None, "Homs", None, 34.70, 38.60, 1, "g2"),
    Location(None, "بادية حمص", "Homs", None, 34.6, 38.0, 3, None),
    Location("Al-Mayadin", None, "Deir ez-Zor", None, 35.017, 40.451, 1, "g3"),
    Location(),
]
TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Air/drone strike"),
]
ACTORS = [None, "islamic-state", "syria-military-2000-2024", "ndf", "sdf", "unidentified"]


@st.composite
def events(draw: st.DrawFn) -> list[Event]:
    n = draw(st.integers(0, 25))
    out = []
    for i in range(n):
        event_type, sub = draw(st.sampled_from(TYPES))
        day = draw(st.one_of(st.none(), st.integers(0, 8)))
        fatalities = draw(st.one_of(st.none(), st.integers(0, 30)))
        out.append(
            Event(
                event_id=f"e{i}",
                article_id=f"a{draw(st.integers(0, 8))}",
                event_date=None if day is None else dt.date(2024, 5, 1) + dt.timedelta(days=day),
                date_precision=None if day is None else draw(st.sampled_from(["day", "week"])),
                event_type=event_type,
                sub_event_type=sub,
                actor1=draw(st.sampled_from(ACTORS)),
                actor2=draw(st.sampled_from(ACTORS)),
                location=draw(st.sampled_from(PLACES)),
                fatalities=fatalities,
                fatalities_max=None if fatalities is None else fatalities + draw(st.integers(0, 5)),
                background=draw(st.booleans()),
                confidence=draw(st.floats(0, 1)),
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(events(), st.randoms(use_true_random=False))
def test_every_event_in_exactly_one_incident_and_order_free(
    evs: list[Event], rnd: random.Random
) -> None:
    incidents = link_events(evs)
    members = [e for inc in incidents for e in inc.event_ids]
    assert sorted(members) == sorted(e.event_id for e in evs)
    shuffled = list(evs)
    rnd.shuffle(shuffled)
    assert [i.to_dict() for i in link_events(shuffled)] == [i.to_dict() for i in incidents]


@settings(max_examples=150, deadline=None)
@given(events())
def test_incidents_respect_the_guards_and_the_toll_range(evs: list[Event]) -> None:
    by_id = {e.event_id: e for e in evs}
    for inc in link_events(evs):
        members = [by_id[i] for i in inc.event_ids]
        assert len({m.article_id for m in members}) == len(members)
        admin1 = {m.location.admin1 for m in members} - {None}
        assert len(admin1) <= 1
        dates = sorted(m.event_date for m in members if m.event_date and m.date_precision == "day")
        if dates:
            assert (dates[-1] - dates[0]).days <= 3
        figures = [n for m in members for n in (m.fatalities, m.fatalities_max) if n is not None]
        assert inc.fatalities == (min(figures) if figures else None)
        if figures and max(figures) > min(figures):
            assert inc.fatalities_max == max(figures)
        assert inc.background == all(m.background for m in members)
        assert 0.0 <= inc.confidence <= 1.0
