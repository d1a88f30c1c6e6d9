"""The JSON Schema (draft 2020-12) of an output event, EVENTS.md section 2, and the list of
its fields with their English and Arabic names."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator

SCHEMA_FILE = "event.schema.json"
FIELDS_FILE = "fields.json"


@dataclass(frozen=True, slots=True)
class EventField:
    """A field of an output event and its name in English and in Arabic."""

    name: str
    en: str
    ar: str


def schema_text() -> str:
    """The schema file as shipped."""
    return files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def event_schema() -> dict[str, Any]:
    """The event schema as a dict (loaded once)."""
    schema: dict[str, Any] = json.loads(schema_text())
    return schema


@lru_cache(maxsize=1)
def event_validator() -> Draft202012Validator:
    """A validator for :func:`event_schema` (built once)."""
    return Draft202012Validator(event_schema())


def event_errors(event: Mapping[str, Any]) -> list[str]:
    """Why ``event`` (an ``Event.to_dict()``) breaks the schema; empty when it is valid."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(event)'}: {error.message}"
        for error in sorted(
            event_validator().iter_errors(event), key=lambda e: list(map(str, e.path))
        )
    ]


@lru_cache(maxsize=1)
def event_fields() -> tuple[EventField, ...]:
    """The fields a person reads (the schema's, less the ids and the evidence), in the order
    they are shown: ``rasd explain``, the dashboard (``/api/fields``) and the tests use it."""
    items = json.loads(files(__name__).joinpath(FIELDS_FILE).read_text(encoding="utf-8"))
    return tuple(EventField(**item) for item in items)
