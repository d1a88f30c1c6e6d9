"""Cross-article linking: which reports become one incident, and what the incident says."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from rasd.link.linker import incident_id, link_events
from rasd.link.scoring import LinkingConfigError, load_config
from rasd.records import Event, Evidence, Location

DAY = dt.date(2024, 3, 12)
SUKHNA = Location("Al-Sukhnah", "السخنة", "Homs", None, 34.886, 38.868, 1, "syr-sukhnah")
NEAR_SUKHNA = Location("Al-Sukhnah", "غرب السخنة", "Homs", None, 34.886, 38.868, 2, "syr-sukhnah")
HOMS_DESERT = Location("Homs desert", "بادية حمص", "Homs", None, 34.6, 38.0, 3, None)
PALMYRA = Location("Tadmur", "تدمر", "Homs", None, 34.551, 38.269, 1, "syr-tadmur")
MAYADIN = Location("Al-Mayadin", "الميادين", "Deir ez-Zor", None, 35.017, 40.451, 1, "syr-mayadin")


def shifted(loc: Location, km_north: float, key: str) -> Location:
    """A precise place ``km_north`` km north of ``loc`` (one degree of latitude ≈ 111 km)."""
    assert loc.lat is not None
    return dataclasses.replace(loc, lat=loc.lat + km_north / 111.2, gazetteer_id=key, name_en=key)


def report(event_id: str, article_id: str, **fields: Any) -> Event:
    """An IS ambush on government forces near Sukhnah, as one outlet reports it."""
    values: dict[str, Any] = {
        "event_date": DAY,
        "date_precision": "day",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "islamic-state",
        "actor1_certainty": "reported",
        "actor2": "syria-military-2000-2024",
        "location": SUKHNA,
        "fatalities": 20,
        "reported_by": ["SOHR"],
        "evidence": [Evidence("sub_event_type", 0, 4, "كمين")],
        "confidence": 0.7,
    }
    values.update(fields)
    return Event(event_id=event_id, article_id=article_id, **values)


def groups(incidents: list[Any]) -> set[frozenset[str]]:
    return {frozenset(inc.event_ids) for inc in incidents}


def test_three_outlets_one_ambush_become_one_incident_with_the_toll_range() -> None:
    events = [
        report("e1", "a1", fatalities=20, reported_by=["SOHR"]),
        report(
            "e2",
            "a2",
            fatalities=22,
            event_date=DAY + dt.timedelta(days=1),
            actor1_certainty="claimed",
            claimed_by="islamic-state",
            reported_by=["Amaq"],
        ),
        report("e3", "a3", fatalities=21, location=HOMS_DESERT, reported_by=["Al-Badia 24"]),
    ]
    (incident,) = link_events(events)
    assert incident.event_ids == ["e1", "e2", "e3"]
    assert incident.article_ids == ["a1", "a2", "a3"]
    assert (incident.fatalities, incident.fatalities_max) == (20, 22)
    assert incident.provenance["fatalities"] == "e1"
    assert incident.provenance["fatalities_max"] == "e2"
    assert sorted(incident.reported_by) == ["Al-Badia 24", "Amaq", "SOHR"]
    assert incident.location == SUKHNA  # the most precise place
    assert incident.event_date == DAY  # two of three reports, both day-precise
    assert incident.actor1 == "islamic-state"
    assert incident.actor1_certainty == "claimed"  # a claim outranks a report
    assert incident.claimed_by == "islamic-state"
    assert incident.confidence > max(e.confidence for e in events)


def test_two_bombs_on_one_road_ten_km_apart_stay_apart() -> None:
    bomb = {
        "sub_event_type": "Remote explosive/landmine/IED",
        "event_type": "Explosions/Remote violence",
    }
    far = shifted(SUKHNA, 11, "syr-village-north")
    incidents = link_events([report("e1", "a1", **bomb), report("e2", "a2", location=far, **bomb)])
    assert groups(incidents) == {frozenset({"e1"}), frozenset({"e2"})}
    # coded "near" the places (precision 2), 13 km apart: still two
    near_far = dataclasses.replace(shifted(SUKHNA, 13, "syr-village-north"), geo_precision=2)
    incidents = link_events(
        [
            report("e1", "a1", location=NEAR_SUKHNA, **bomb),
            report("e2", "a2", location=near_far, **bomb),
        ]
    )
    assert len(incidents) == 2


def test_the_same_place_named_twice_a_kilometre_apart_still_links() -> None:
    close = shifted(SUKHNA, 1, "syr-sukhnah-duplicate")
    assert len(link_events([report("e1", "a1"), report("e2", "a2", location=close)])) == 1


def test_events_of_one_article_are_never_merged() -> None:
    incidents = link_events([report("e1", "a1"), report("e2", "a1"), report("e3", "a2")])
    assert len(incidents) == 2
    for inc in incidents:
        assert len(inc.article_ids) == len(inc.event_ids)


def test_chains_do_not_join_reports_too_far_apart_in_time() -> None:
    events = [
        report("e1", "a1", event_date=DAY),
        report("e2", "a2", event_date=DAY + dt.timedelta(days=2)),
        report("e3", "a3", event_date=DAY + dt.timedelta(days=4)),
    ]
    incidents = link_events(events, window_days=3)
    assert len(incidents) == 2  # e1~e2 and e2~e3 pass, but e1 and e3 are 4 days apart
    assert frozenset({"e1", "e2", "e3"}) not in groups(incidents)


def test_different_governorates_days_or_opponents_do_not_link() -> None:
    base = report("e1", "a1")
    assert len(link_events([base, report("e2", "a2", location=MAYADIN)])) == 2
    assert len(link_events([base, report("e2", "a2", event_date=DAY + dt.timedelta(days=9))])) == 2
    assert len(link_events([base, report("e2", "a2", actor1="sdf")])) == 2


def test_swapped_sides_generic_actors_and_related_types_still_link() -> None:
    swapped = report("e2", "a2", actor1="syria-military-2000-2024", actor2="islamic-state")
    assert len(link_events([report("e1", "a1"), swapped])) == 1
    militia = report("e2", "a2", actor2="ndf", actor1="unidentified")
    assert len(link_events([report("e1", "a1"), militia])) == 1
    mine = report(
        "e2",
        "a2",
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
    )
    (incident,) = link_events([report("e1", "a1"), mine, report("e3", "a3")])
    assert incident.sub_event_type == "Armed clash"  # the majority type
    assert incident.actor1 == "islamic-state"


def test_unidentified_gives_way_to_a_named_actor() -> None:
    first = report("e1", "a1", actor1="unidentified", confidence=0.9)
    (incident,) = link_events([first, report("e2", "a2", confidence=0.6)])
    assert incident.actor1 == "islamic-state"
    assert incident.provenance["actor1"] == "e2"


def test_an_undated_report_joins_the_single_incident_at_its_place() -> None:
    undated = report("e9", "a9", event_date=None, date_precision=None)
    incidents = link_events([report("e1", "a1"), report("e2", "a2"), undated])
    assert groups(incidents) == {frozenset({"e1", "e2", "e9"})}
    (incident,) = incidents
    assert incident.event_date == DAY


def test_an_undated_report_with_two_candidate_incidents_stays_alone() -> None:
    later = DAY + dt.timedelta(days=20)
    undated = report("e9", "a9", event_date=None, date_precision=None)
    events = [report("e1", "a1"), report("e2", "a2", event_date=later), undated]
    incidents = link_events(events)
    assert frozenset({"e9"}) in groups(incidents)
    assert incidents[-1].event_ids == ["e9"]  # undated incidents come last


def test_a_placeless_report_links_only_when_unambiguous() -> None:
    placeless = report("e9", "a9", location=Location())
    assert len(link_events([report("e1", "a1"), placeless])) == 1
    elsewhere = report("e2", "a2", location=PALMYRA)
    incidents = link_events([report("e1", "a1"), elsewhere, placeless])
    assert frozenset({"e9"}) in groups(incidents)


def test_background_mentions_do_not_decide_the_incident() -> None:
    old = report("e1", "a1", background=True, fatalities=3, confidence=0.95)
    news = report("e2", "a2", fatalities=5)
    (incident,) = link_events([old, news])
    assert incident.background is False
    assert incident.provenance["event_date"] == "e2"
    assert (incident.fatalities, incident.fatalities_max) == (3, 5)
    (alone,) = link_events([old])
    assert alone.background is True
    assert alone.fatalities_max is None


def test_output_does_not_depend_on_input_order_and_ids_are_stable() -> None:
    rng = random.Random(3)
    events = [
        report(f"e{i}", f"a{i}", event_date=DAY + dt.timedelta(days=rng.randrange(10)))
        for i in range(12)
    ]
    first = [inc.to_dict() for inc in link_events(events)]
    rng.shuffle(events)
    assert [inc.to_dict() for inc in link_events(events)] == first
    for record in first:
        assert record["incident_id"] == incident_id(record["event_ids"])


def test_a_repeated_event_counts_once() -> None:
    (incident,) = link_events([report("e1", "a1"), report("e1", "a1")])
    assert incident.event_ids == ["e1"]


def test_weights_and_thresholds_come_from_the_data_file(tmp_path: Path) -> None:
    bundled = load_config()
    strict = dataclasses.replace(bundled, threshold=5.0, weak_threshold=5.0)
    assert len(link_events([report("e1", "a1"), report("e2", "a2")], config=strict)) == 2
    source = Path(__file__).resolve().parents[2] / "src/rasd/knowledge/data/linking.yaml"
    edited = tmp_path / "linking.yaml"
    edited.write_text(source.read_text(encoding="utf-8").replace("threshold: 0.60", "threshold: 9"))
    assert load_config(edited).threshold == 9.0


def test_a_broken_config_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "linking.yaml"
    bad.write_text("threshold: 0.5\n", encoding="utf-8")
    with pytest.raises(LinkingConfigError, match="bad linking configuration"):
        load_config(bad)
    with pytest.raises(LinkingConfigError, match="cannot read"):
        load_config(tmp_path / "missing.yaml")
