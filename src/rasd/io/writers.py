"""Atomic JSONL and ACLED-style CSV output.

Every writer goes through :func:`atomic_output`: the data goes to a temporary file in the
target's directory, is fsynced, then renamed over the target with ``os.replace``. A reader
sees the old file or the complete new one, never a half-written file, also when the
producer raises half-way.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from rasd.errors import OutputError
from rasd.knowledge.actors import acled_actor_types, actor_resolver

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
"""ACLED's export columns, in ACLED's order, for the fields rasd has. Actor columns hold
ACLED-style names (``actors.yaml``), ``inter1``/``inter2`` the ACLED actor types."""

RASD_COLUMNS = (
    "actor1_id",
    "assoc_actor1_ids",
    "actor2_id",
    "assoc_actor2_ids",
    "fatalities_max",
    "injured",
    "claimed_by",
    "actor1_certainty",
    "background",
    "confidence",
    "article_id",
    "location_ar",
    "gazetteer_id",
    "evidence",
    "reviewed_fields",
    "review_status",
)
"""rasd's own fields, after ACLED's: first the actor ids of the actor columns; the last two
say what a reviewer set or judged."""

CSV_COLUMNS = ACLED_COLUMNS + RASD_COLUMNS

TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
DISORDER_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
COUNTRY = {"iso": 760, "region": "Middle East", "country": "Syria"}
ACLED_CIVILIANS = 7  # ACLED's actor type of civilians: an event against them targets civilians
LIST_SEPARATOR = "; "
# json.dumps(record, ensure_ascii=False) builds an encoder per call; one serves every line
_JSONL_ENCODER = json.JSONEncoder(ensure_ascii=False)
_NEW_FILE_MODE = 0o644  # what a plain open() would give under the usual umask; mkstemp gives 0o600


@contextmanager
def atomic_output(path: str | Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """A text file that replaces ``path`` only when the ``with`` block ends without error."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else _NEW_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def write_jsonl(dicts: Iterable[Mapping[str, Any]], path: str | Path) -> int:
    """Write one JSON object per line, atomically; returns the number of lines."""
    count = 0
    encode = _JSONL_ENCODER.encode
    with atomic_output(path) as fh:
        for record in dicts:
            fh.write(encode(record))
            fh.write("\n")
            count += 1
    return count


def write_events_csv(events: Iterable[Mapping[str, Any]], path: str | Path) -> int:
    """Write event (or incident) dicts as ACLED-style CSV, atomically; returns the row count."""
    count = 0
    with atomic_output(path, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for event in events:
            writer.writerow(acled_row(event))
            count += 1
    return count


def acled_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """One CSV row (:data:`CSV_COLUMNS`) for an event dict or an incident dict.

    Lists are joined with ``"; "``, nulls become empty cells, evidence stays JSON.
    """
    location = event.get("location") or {}
    event_date = event.get("event_date")
    article_ids = event.get("article_ids") or [event.get("article_id")]
    actor1, actor2 = event.get("actor1"), event.get("actor2")
    types = acled_actor_types()
    inter1, inter2 = types.get(actor1 or ""), types.get(actor2 or "")
    row: dict[str, Any] = {
        "event_id_cnty": event.get("event_id") or event.get("incident_id"),
        "event_date": event_date,
        "year": int(event_date[:4]) if event_date else None,
        "time_precision": TIME_PRECISION.get(event.get("date_precision") or ""),
        "disorder_type": DISORDER_TYPE.get(event.get("event_type") or ""),
        "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"),
        "actor1": _actor_name(actor1),
        "assoc_actor_1": _joined(_actor_name(a) for a in event.get("assoc_actor1") or ()),
        "inter1": inter1,
        "actor2": _actor_name(actor2),
        "assoc_actor_2": _joined(_actor_name(a) for a in event.get("assoc_actor2") or ()),
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == ACLED_CIVILIANS else None,
        **COUNTRY,
        "admin1": location.get("admin1"),
        "admin2": location.get("admin2"),
        "location": location.get("name_en") or location.get("name_ar"),
        "latitude": location.get("lat"),
        "longitude": location.get("lon"),
        "geo_precision": location.get("geo_precision"),
        "source": _joined(event.get("reported_by")),
        "notes": event.get("notes"),
        "fatalities": event.get("fatalities"),
        "actor1_id": actor1,
        "assoc_actor1_ids": _joined(event.get("assoc_actor1")),
        "actor2_id": actor2,
        "assoc_actor2_ids": _joined(event.get("assoc_actor2")),
        "fatalities_max": event.get("fatalities_max"),
        "injured": event.get("injured"),
        "claimed_by": event.get("claimed_by"),
        "actor1_certainty": event.get("actor1_certainty"),
        "background": event.get("background"),
        "confidence": event.get("confidence"),
        "article_id": _joined([a for a in article_ids if a]),
        "location_ar": location.get("name_ar"),
        "gazetteer_id": location.get("gazetteer_id"),
        "evidence": json.dumps(event.get("evidence") or [], ensure_ascii=False),
        "reviewed_fields": _joined(event.get("reviewed_fields")),
        "review_status": event.get("review_status"),
    }
    return {column: "" if row[column] is None else row[column] for column in CSV_COLUMNS}


def _actor_name(actor_id: str | None) -> str | None:
    """The English (ACLED) name of an actor id; an id the ontology lacks stays as it is."""
    actor = actor_resolver().actors.get(actor_id or "")
    return actor.name if actor else actor_id


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two actor types, lower first (``12``), or the type of a
    lone actor1 and 0 (``20``)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    return min(inter1, inter2) * 10 + max(inter1, inter2)


def _joined(values: Iterable[Any] | None) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values or ())
