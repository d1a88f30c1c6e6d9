"""The API's pydantic models mirror the records of rasd.records by hand (so that the
OpenAPI document has its own descriptions and JSON types): these tests keep them from
drifting apart. A field added to, renamed in or made nullable in a record fails here until
rasd/api/schemas.py follows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
from collections.abc import Callable, Mapping
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import pytest
from pydantic import BaseModel

from rasd.api.schemas import EventOut, EvidenceOut, IncidentOut, LocationOut
from rasd.records import Event, Evidence, Incident, Location

# record -> its model, and the fields only the API adds (store ids, review state)
MIRRORS: dict[type, tuple[type[BaseModel], set[str]]] = {
    Event: (EventOut, {"article_row", "incident_id", "reviewed_fields", "review_status"}),
    Incident: (IncidentOut, {"reviewed_fields", "review_status"}),
    Location: (LocationOut, set()),
    Evidence: (EvidenceOut, set()),
}
NESTED = {record: model for record, (model, _) in MIRRORS.items()}


def json_kind(annotation: Any) -> str:
    """What a value of this type is in JSON (dates are ISO strings, literals their
    values' type, a record and its model the same object)."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        (kind,) = {json_kind(type(value)) for value in args}
        return kind
    if origin is list:
        return f"list[{json_kind(args[0])}]"
    if origin in (dict, Mapping):
        return "object"
    if annotation is dt.date:
        return "str"
    if annotation in NESTED:
        return NESTED[annotation].__name__
    return str(annotation.__name__)


def shape(annotation: Any) -> tuple[str, bool]:
    """(JSON kind, nullable) of a field's annotation."""
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        assert len(members) == 1, annotation
        return json_kind(members[0]), len(members) < len(get_args(annotation))
    return json_kind(annotation), False


@pytest.mark.parametrize("record", list(MIRRORS), ids=lambda r: r.__name__)
def test_models_have_the_records_fields_with_the_same_types(record: type) -> None:
    model, api_only = MIRRORS[record]
    hints = get_type_hints(record)
    fields = {f.name: hints[f.name] for f in dataclasses.fields(record)}
    mirrored = {name: info.annotation for name, info in model.model_fields.items()}
    assert not api_only & fields.keys(), "an API-only field is now in the record"
    assert set(fields) - set(mirrored) == set(), f"{model.__name__} lacks record fields"
    assert set(mirrored) - set(fields) == api_only, f"{model.__name__} has unknown fields"
    for name, annotation in fields.items():
        assert shape(mirrored[name]) == shape(annotation), f"{record.__name__}.{name}"


def test_an_event_survives_its_model(make_event: Callable[..., Event]) -> None:
    event = make_event(event_date=None, actor1_certainty=None, assoc_actor1=["ndf"])
    record = event.to_dict()
    extras = {"article_row": 1, "reviewed_fields": [], "review_status": None}
    out = EventOut.model_validate({**record, **extras})
    assert out.model_dump(include=set(record)) == record
