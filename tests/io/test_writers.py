from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.errors import OutputError
from rasd.io.writers import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    RASD_COLUMNS,
    acled_row,
    atomic_output,
    write_events_csv,
    write_jsonl,
)
from rasd.records import Event


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_jsonl_round_trip_keeps_arabic_readable(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    records = [{"id": "1", "name_ar": "السخنة"}, {"id": "2", "n": None}]
    assert write_jsonl(records, path) == 2
    text = path.read_text(encoding="utf-8")
    assert "السخنة" in text
    assert [json.loads(line) for line in text.splitlines()] == records


def test_failure_midway_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("old content\n", encoding="utf-8")

    def records() -> Iterator[dict[str, Any]]:
        yield {"id": "1"}
        raise RuntimeError("producer broke")

    with pytest.raises(RuntimeError):
        write_jsonl(records(), path)
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_a_new_file_is_not_created_when_writing_fails(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    with pytest.raises(ValueError), atomic_output(path) as fh:
        fh.write("partial")
        raise ValueError("stop")
    assert not path.exists()
    assert os.listdir(tmp_path) == []


def test_output_keeps_an_existing_files_permissions(tmp_path: Path) -> None:
    fresh, existing = tmp_path / "fresh.jsonl", tmp_path / "existing.jsonl"
    existing.write_text("", encoding="utf-8")
    existing.chmod(0o640)
    write_jsonl([{"a": 1}], fresh)
    write_jsonl([{"a": 1}], existing)
    assert fresh.stat().st_mode & 0o777 == 0o644
    assert existing.stat().st_mode & 0o777 == 0o640


def test_unwritable_destination_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_jsonl([{"a": 1}], blocker / "out.jsonl")


def test_missing_parent_directories_are_created(tmp_path: Path) -> None:
    target = tmp_path / "out" / "deeper" / "events.jsonl"
    assert write_jsonl([{"a": 1}], target) == 1
    assert target.read_text(encoding="utf-8").strip() == '{"a": 1}'


def test_acled_row_maps_an_event(make_event: Callable[..., Event]) -> None:
    event = make_event(assoc_actor2=["liwa-al-quds"], reported_by=["Amaq", "SOHR"], notes="ambush")
    row = acled_row(event.to_dict())
    assert list(row) == list(CSV_COLUMNS)
    assert row["event_id_cnty"] == "ev-0001"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2024-03-12", 2024, 1)
    assert row["disorder_type"] == "Political violence"
    assert (row["actor1"], row["actor2"], row["assoc_actor_2"]) == (
        "Islamic State (Syria)",
        "NDF: National Defence Forces",
        "Liwa al-Quds",
    )
    assert (row["actor1_id"], row["actor2_id"], row["assoc_actor2_ids"]) == (
        "islamic-state",
        "ndf",
        "liwa-al-quds",
    )
    assert row["assoc_actor_1"] == ""
    assert (row["country"], row["iso"], row["admin1"]) == ("Syria", 760, "Raqqa")
    assert (row["location"], row["location_ar"]) == ("al-Rusafa", "الرصافة")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == (35.63, 38.76, 2)
    assert row["source"] == "Amaq; SOHR"
    assert (row["fatalities"], row["fatalities_max"], row["injured"]) == (9, 11, "")
    assert row["article_id"] == "art-1"
    assert json.loads(row["evidence"])[0]["field"] == "sub_event_type"


def test_acled_row_maps_an_incident_and_a_sparse_event() -> None:
    incident = {
        "incident_id": "inc-9",
        "article_ids": ["a-1", "a-2"],
        "event_date": None,
        "date_precision": None,
        "event_type": "Strategic developments",
        "sub_event_type": "Change to group/activity",
        "location": None,
    }
    row = acled_row(incident)
    assert row["event_id_cnty"] == "inc-9"
    assert row["article_id"] == "a-1; a-2"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("", "", "")
    assert row["disorder_type"] == "Strategic developments"
    assert row["location"] == ""
    assert row["evidence"] == "[]"


def test_csv_has_acled_columns_first_then_rasd_columns(
    tmp_path: Path, make_event: Callable[..., Event]
) -> None:
    path = tmp_path / "events.csv"
    events = [make_event().to_dict(), make_event(event_id="ev-2", fatalities=None).to_dict()]
    assert write_events_csv(events, path) == 2
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == [*ACLED_COLUMNS, *RASD_COLUMNS]
    assert header[:3] == ["event_id_cnty", "event_date", "year"]
    rows = read_csv(path)
    assert [r["event_id_cnty"] for r in rows] == ["ev-0001", "ev-2"]
    assert rows[1]["fatalities"] == ""
    assert rows[0]["location_ar"] == "الرصافة"


cell_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)


@given(notes=cell_text, name=cell_text, sources=st.lists(cell_text.filter(bool), max_size=3))
def test_any_text_survives_a_csv_round_trip(notes: str, name: str, sources: list[str]) -> None:
    row = acled_row({"notes": notes, "location": {"name_ar": name}, "reported_by": sources})
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerow(row)
    buffer.seek(0)
    (back,) = list(csv.DictReader(buffer))
    assert back["notes"] == notes
    assert back["location_ar"] == name
    assert back["source"] == "; ".join(sources)
