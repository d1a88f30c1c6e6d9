from __future__ import annotations

import copy
import csv
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from rasd.records import Event
from rasd.schema import event_errors, event_fields, event_schema


def test_the_schema_is_valid_draft_2020_12() -> None:
    schema = event_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_the_field_list_is_the_schemas_less_ids_and_evidence_in_its_order() -> None:
    unnamed = ("event_id", "article_id", "evidence")
    names = [f.name for f in event_fields()]
    assert names == [p for p in event_schema()["properties"] if p not in unnamed]
    assert all(f.en and re.search("[\u0600-\u06ff]", f.ar) for f in event_fields())


def test_a_realistic_event_validates(make_event: Callable[..., Event]) -> None:
    event = make_event(assoc_actor2=["liwa-al-quds"], reported_by=["Amaq", "SOHR"], notes="x")
    assert event_errors(event.to_dict()) == []


def test_a_sparse_event_validates() -> None:
    event = Event("ev-2", "art-2", None, None, "Strategic developments", "Other")
    assert event_errors(event.to_dict()) == []


def _set(record: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for key in parents:
        record = record[int(key)] if key.isdigit() else record[key]  # type: ignore[index]
    if value is _DELETE:
        del record[last]
    else:
        record[last] = value


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("actor1", "isis"),
        ("actor2", "Liwa al-Quds"),
        ("claimed_by", "amaq"),
        ("assoc_actor1", ["hezbollah", "hezbollah"]),
        ("assoc_actor2", ["nobody"]),
        ("sub_event_type", "Air/drone strike"),
        ("event_type", "Clashes"),
        ("event_date", "2024-3-12"),
        ("event_date", "12/03/2024"),
        ("date_precision", "year"),
        ("actor1_certainty", "confirmed"),
        ("fatalities", -1),
        ("fatalities_max", 2.5),
        ("injured", "3"),
        ("confidence", 1.5),
        ("background", "no"),
        ("reported_by", "Amaq"),
        ("location.admin1", "Palmyra"),
        ("location.geo_precision", 4),
        ("location.lat", 123.0),
        ("location.alternatives", ["x"]),
        ("evidence.0.start", -3),
        ("evidence.0.text", _DELETE),
        ("location", None),
        ("event_id", _DELETE),
        ("surprise", 1),
    ],
)
def test_bad_events_fail(make_event: Callable[..., Event], path: str, value: Any) -> None:
    record = copy.deepcopy(make_event().to_dict())
    _set(record, path, value)
    assert event_errors(record), f"{path}={value!r} should be rejected"


def _ids(path: Path, column: str) -> set[str]:
    with path.open(encoding="utf-8") as fh:
        return {row[column] for row in csv.DictReader(fh, delimiter="\t")}


def test_enums_follow_the_contract_tables(shared_dir: Path) -> None:
    spec = shared_dir / "spec"
    schema = event_schema()
    assert set(schema["$defs"]["actor"]["enum"]) == _ids(spec / "actors.tsv", "id")
    admin1 = set(schema["$defs"]["location"]["properties"]["admin1"]["enum"]) - {None}
    assert admin1 == _ids(spec / "admin1.tsv", "admin1")
    pairs = {
        (rule["properties"]["event_type"]["const"], sub)
        for rule in schema["allOf"][0]["anyOf"]
        for sub in rule["properties"]["sub_event_type"]["enum"]
    }
    with (spec / "event_types.tsv").open(encoding="utf-8") as fh:
        expected = {
            (r["event_type"], r["sub_event_type"]) for r in csv.DictReader(fh, delimiter="\t")
        }
    assert pairs == expected


def test_the_event_date_pattern_accepts_real_dates_only(make_event: Callable[..., Event]) -> None:
    record = make_event(event_date=dt.date(2024, 12, 31)).to_dict()
    assert event_errors(record) == []
    record["event_date"] = "2024-13-01"
    assert event_errors(record)
