"""Exports: filters, the four formats at event and incident level, atomic writes."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.errors import OutputError
from rasd.io.exports import (
    ExportFilter,
    geojson_feature,
    parquet_schema,
    read_parquet_records,
    write_export,
)
from rasd.io.writers import ACLED_COLUMNS, acled_row
from rasd.knowledge.actors import acled_actor_types, actor_resolver
from rasd.records import Event, Evidence, Incident, Location

RUSAFA = Location("Al-Rusafa", "الرصافة", "Raqqa", "Al-Thawrah", 35.628, 38.757, 1, "syr-rusafa")


def event(event_id: str, **fields: Any) -> Event:
    values: dict[str, Any] = {
        "article_id": "art-" + event_id,
        "event_date": dt.date(2024, 3, 12),
        "date_precision": "day",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "islamic-state",
        "actor1_certainty": "claimed",
        "actor2": "ndf",
        "assoc_actor2": ["syria-military-2000-2024"],
        "location": RUSAFA,
        "fatalities": 20,
        "fatalities_max": 22,
        "injured": 4,
        "claimed_by": "islamic-state",
        "reported_by": ["Amaq", "SOHR"],
        "evidence": [Evidence("sub_event_type", 10, 14, "كمين")],
        "confidence": 0.8,
        "notes": "كمين على طريق الرصافة",
    }
    values.update(fields)
    return Event(event_id=event_id, **values)


def incident(incident_id: str, **fields: Any) -> Incident:
    values: dict[str, Any] = {
        "event_ids": ["e1", "e2"],
        "article_ids": ["art-e1", "art-e2"],
        "event_date": dt.date(2024, 3, 12),
        "date_precision": "day",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "islamic-state",
        "location": RUSAFA,
        "fatalities": 20,
        "fatalities_max": 22,
        "reported_by": ["Amaq", "SOHR"],
        "provenance": {"fatalities": "e1", "fatalities_max": "e2"},
        "confidence": 0.9,
    }
    values.update(fields)
    return Incident(incident_id=incident_id, **values)


EVENTS = [
    event("e1").to_dict(),
    event("e2", location=Location(name_ar="البادية", admin1="Homs")).to_dict(),
    event("e3", event_date=None, date_precision=None, background=True).to_dict(),
]
INCIDENTS = [incident("inc-1").to_dict(), incident("inc-2", location=Location()).to_dict()]


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        (ExportFilter(), ["e1", "e2"]),
        (ExportFilter(include_background=True), ["e1", "e2", "e3"]),
        (ExportFilter(date_from=dt.date(2024, 3, 12), include_background=True), ["e1", "e2"]),
        (ExportFilter(date_to=dt.date(2024, 3, 11)), []),
        (ExportFilter(admin1="homs"), ["e2"]),
        (ExportFilter(actor="syria-military-2000-2024"), ["e1", "e2"]),
        (ExportFilter(actor="sdf"), []),
        (ExportFilter(event_type="battles"), ["e1", "e2"]),
        (ExportFilter(event_type="Armed clash"), ["e1", "e2"]),
        (ExportFilter(event_type="Protests"), []),
    ],
)
def test_filter(selected: ExportFilter, expected: list[str]) -> None:
    assert [r["event_id"] for r in EVENTS if selected.matches(r)] == expected


def test_filter_works_on_incidents_and_date_objects() -> None:
    record = incident("inc-1").to_dict()
    assert ExportFilter(date_from=dt.date(2024, 3, 1), admin1="Raqqa").matches(record)
    record["event_date"] = dt.date(2024, 3, 12)
    assert ExportFilter(date_to=dt.date(2024, 3, 12)).matches(record)
    assert not ExportFilter(date_to=dt.date(2024, 3, 11)).matches(record)


def test_csv_has_acled_columns_first(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert write_export(EVENTS, out, "csv", "event").written == 3
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0])[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert rows[0]["source"] == "Amaq; SOHR"
    assert rows[0]["fatalities"] == "20" and rows[0]["fatalities_max"] == "22"
    write_export(INCIDENTS, out, "csv", "incident")
    with out.open(encoding="utf-8", newline="") as fh:
        first = next(csv.DictReader(fh))
    assert first["event_id_cnty"] == "inc-1"
    assert first["article_id"] == "art-e1; art-e2"


def test_csv_actors_are_acled_names_and_types_with_the_ids_after(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    attack = event("e9", event_type="Violence against civilians", sub_event_type="Attack")
    attack.actor1, attack.actor2, attack.assoc_actor2 = "russia-military", "civilians", []
    write_export([EVENTS[0], attack.to_dict()], out, "csv", "event")
    with out.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
        fh.seek(0)
        clash, strike = list(csv.DictReader(fh))
    acled = header[: len(ACLED_COLUMNS)]
    assert acled[7:15] == [
        *("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2"),
        *("interaction", "civilian_targeting"),
    ]
    assert header.index("actor1_id") == len(ACLED_COLUMNS)  # the first rasd column
    assert (clash["actor1"], clash["inter1"]) == ("Islamic State (Syria)", "2")
    assert (clash["actor2"], clash["inter2"]) == ("NDF: National Defence Forces", "3")
    assert clash["assoc_actor_2"] == "Military Forces of Syria (2000-2024)"
    assert (clash["interaction"], clash["civilian_targeting"]) == ("23", "")
    assert (clash["actor1_id"], clash["actor2_id"]) == ("islamic-state", "ndf")
    assert clash["assoc_actor2_ids"] == "syria-military-2000-2024"
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("8", "7", "78")
    assert strike["civilian_targeting"] == "Civilian targeting"


def test_csv_actor_without_a_known_type() -> None:
    row = acled_row({"actor1": "sdf", "actor2": None, "assoc_actor1": ["not-in-ontology"]})
    assert (row["actor1"], row["inter1"], row["inter2"], row["interaction"]) == (
        "SDF: Syrian Democratic Forces",
        2,
        "",
        20,
    )
    assert (row["assoc_actor_1"], row["assoc_actor1_ids"]) == ("not-in-ontology",) * 2


def test_every_actor_of_the_ontology_has_an_acled_type() -> None:
    types = acled_actor_types()
    assert set(types) == set(actor_resolver().actors)
    assert set(types.values()) <= {1, 2, 3, 4, 7, 8}
    assert (types["syria-military-2000-2024"], types["civilians"]) == (1, 7)


def test_jsonl_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    write_export(EVENTS, out, "jsonl", "event")
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == EVENTS


def test_geojson_points_and_the_omitted_count(tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    result = write_export(EVENTS, out, "geojson", "event")
    assert (result.written, result.omitted) == (2, 1)
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert collection["omitted_without_coordinates"] == 1
    first = collection["features"][0]
    assert first["id"] == "e1"
    assert first["geometry"] == {"type": "Point", "coordinates": [38.757, 35.628]}  # lon, lat
    assert first["properties"]["admin1"] == "Raqqa"
    assert "evidence" not in first["properties"]
    result = write_export(INCIDENTS, out, "geojson", "incident")
    assert (result.written, result.omitted) == (1, 1)
    assert json.loads(out.read_text(encoding="utf-8"))["features"][0]["id"] == "inc-1"


def test_geojson_of_nothing_is_an_empty_collection(tmp_path: Path) -> None:
    out = tmp_path / "none.geojson"
    write_export([], out, "geojson", "event")
    assert json.loads(out.read_text(encoding="utf-8"))["features"] == []
    assert geojson_feature({"location": {"lat": None, "lon": 38.0}}, "event") is None


@pytest.mark.parametrize(("level", "records"), [("event", EVENTS), ("incident", INCIDENTS)])
def test_parquet_has_an_explicit_schema_and_round_trips(
    tmp_path: Path, level: Any, records: list[dict[str, Any]]
) -> None:
    out = tmp_path / f"{level}.parquet"
    assert write_export(records, out, "parquet", level).written == len(records)
    assert pq.read_schema(out).remove_metadata() == parquet_schema(level)
    assert list(read_parquet_records(out)) == records


def test_parquet_of_nothing_keeps_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "empty.parquet"
    assert write_export(iter(()), out, "parquet", "event").written == 0
    assert pq.read_schema(out).names == parquet_schema("event").names


def failing(records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    yield records[0]
    raise RuntimeError("the database went away")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "parquet"])
def test_a_failed_export_leaves_the_old_file_and_no_temporary(tmp_path: Path, fmt: Any) -> None:
    out = tmp_path / f"export.{fmt}"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        write_export(failing(EVENTS), out, fmt, "event")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_an_unwritable_target_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_export(EVENTS, tmp_path / "missing-dir" / "x.parquet", "parquet", "event")


def test_unknown_format_or_level() -> None:
    with pytest.raises(ValueError, match="format"):
        write_export(EVENTS, "x", cast(Any, "xlsx"), "event")
    with pytest.raises(ValueError, match="level"):
        write_export(EVENTS, "x", "csv", cast(Any, "article"))


optional_ints = st.one_of(st.none(), st.integers(0, 10_000))
texts = st.text(max_size=30)


@st.composite
def random_events(draw: Callable[..., Any]) -> dict[str, Any]:
    lat = draw(st.one_of(st.none(), st.floats(32.0, 37.5)))
    return event(
        draw(st.text(min_size=1, max_size=12)),
        event_date=draw(st.one_of(st.none(), st.dates(dt.date(2011, 1, 1), dt.date(2030, 1, 1)))),
        actor2=draw(st.one_of(st.none(), texts)),
        assoc_actor1=draw(st.lists(texts, max_size=3)),
        location=Location(
            name_ar=draw(st.one_of(st.none(), texts)),
            lat=lat,
            lon=None if lat is None else draw(st.floats(35.5, 42.5)),
            geo_precision=draw(st.one_of(st.none(), st.integers(1, 3))),
        ),
        fatalities=draw(optional_ints),
        fatalities_max=draw(optional_ints),
        reported_by=draw(st.lists(texts, max_size=3)),
        background=draw(st.booleans()),
        evidence=[
            Evidence(f, s, s + 3, t)
            for f, s, t in draw(
                st.lists(st.tuples(texts, st.integers(0, 10**6), texts), max_size=3)
            )
        ],
        confidence=draw(st.floats(0, 1)),
        notes=draw(texts),
    ).to_dict()


@settings(max_examples=40, deadline=None)
@given(st.lists(random_events(), max_size=8))
def test_parquet_and_jsonl_round_trip_any_event(records: list[dict[str, Any]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("parquet", "jsonl"):
            out = Path(tmp) / f"x.{fmt}"
            write_export(records, out, fmt, "event")
            if fmt == "parquet":
                back = list(read_parquet_records(out))
            else:
                lines = out.read_text(encoding="utf-8").split("\n")[:-1]  # not splitlines: U+2028
                back = [json.loads(line) for line in lines]
            assert back == records
