"""Exports of events or incidents: ACLED-style CSV, JSONL, GeoJSON and Parquet.

Records are the dicts of :meth:`Event.to_dict` (``level="event"``) or
:meth:`Incident.to_dict` (``level="incident"``), streamed: an export of any size runs in
constant memory (Parquet in row groups of :data:`PARQUET_BATCH` rows). Every format is
written atomically: a reader sees the old file or the complete new one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rasd.errors import OutputError
from rasd.io.writers import atomic_output, write_events_csv, write_jsonl

if TYPE_CHECKING:  # pyarrow is imported only when Parquet is written or read
    import pyarrow as pa

Format = Literal["csv", "jsonl", "geojson", "parquet"]
Level = Literal["event", "incident"]
PARQUET_BATCH = 10_000
REVIEW_KEYS = ("reviewed_fields", "review_status")
"""Keys of a record a reviewer touched (rasd.store): which fields were set, the verdict."""


@lru_cache(maxsize=2)
def parquet_schema(level: Level) -> pa.Schema:
    """The explicit Parquet schema of an event (EVENTS.md section 2) or an incident."""
    import pyarrow as pa

    location = pa.struct(
        [
            ("name_en", pa.string()),
            ("name_ar", pa.string()),
            ("admin1", pa.string()),
            ("admin2", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("geo_precision", pa.int8()),
            ("gazetteer_id", pa.string()),
        ]
    )
    evidence = pa.struct(
        [("field", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())]
    )
    strings = pa.list_(pa.string())
    event_fields = [
        ("event_date", pa.date32()),
        ("date_precision", pa.string()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("actor1", pa.string()),
        ("actor1_certainty", pa.string()),
        ("actor2", pa.string()),
        ("assoc_actor1", strings),
        ("assoc_actor2", strings),
        ("location", location),
        ("fatalities", pa.int32()),
        ("fatalities_max", pa.int32()),
        ("injured", pa.int32()),
        ("claimed_by", pa.string()),
        ("reported_by", strings),
        ("background", pa.bool_()),
    ]
    if level == "event":
        return pa.schema(
            [
                ("event_id", pa.string()),
                ("article_id", pa.string()),
                *event_fields,
                ("evidence", pa.list_(evidence)),
                ("confidence", pa.float64()),
                ("notes", pa.string()),
                ("reviewed_fields", strings),
                ("review_status", pa.string()),
            ]
        )
    return pa.schema(
        [
            ("incident_id", pa.string()),
            ("event_ids", strings),
            ("article_ids", strings),
            *event_fields,
            ("provenance", pa.map_(pa.string(), pa.string())),
            ("confidence", pa.float64()),
            ("reviewed_fields", strings),
            ("review_status", pa.string()),
        ]
    )


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which records an export keeps. Every criterion left at None keeps everything.

    Dates are inclusive and compare the event date (a record without a date fails a date
    bound); ``actor`` matches either side, associated actors included; ``admin1`` and
    ``event_type`` (which also matches the sub-event type) ignore case. Background events
    (recalled as context) are left out unless ``include_background``.
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    include_background: bool = False

    def matches(self, record: Mapping[str, Any]) -> bool:
        if record.get("background") and not self.include_background:
            return False
        if self.date_from or self.date_to:
            day = _iso(record.get("event_date"))
            if day is None:
                return False
            if self.date_from and day < self.date_from.isoformat():
                return False
            if self.date_to and day > self.date_to.isoformat():
                return False
        if self.admin1:
            admin1 = (record.get("location") or {}).get("admin1") or ""
            if admin1.casefold() != self.admin1.casefold():
                return False
        if self.actor:
            sides = {record.get("actor1"), record.get("actor2")}
            sides.update(record.get("assoc_actor1") or ())
            sides.update(record.get("assoc_actor2") or ())
            if self.actor not in sides:
                return False
        if self.event_type:
            wanted = self.event_type.casefold()
            types = (record.get("event_type") or "", record.get("sub_event_type") or "")
            if wanted not in {t.casefold() for t in types}:
                return False
        return True


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote; ``omitted`` counts GeoJSON records without coordinates."""

    written: int
    omitted: int = 0


def write_export(
    records: Iterable[Mapping[str, Any]],
    path: str | Path,
    fmt: Format,
    level: Level = "event",
) -> ExportResult:
    """Write ``records`` (event or incident dicts) to ``path`` in ``fmt``, atomically."""
    if level not in ("event", "incident"):
        raise ValueError(f"unknown export level {level!r}")
    if fmt == "csv":
        return ExportResult(write_events_csv(records, path))
    if fmt == "jsonl":
        return ExportResult(write_jsonl(records, path))
    if fmt == "geojson":
        return _write_geojson(records, path, level)
    if fmt == "parquet":
        return ExportResult(write_parquet(records, path, parquet_schema(level)))
    raise ValueError(f"unknown export format {fmt!r}")


def _iso(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, str) and value else None


def _write_geojson(
    records: Iterable[Mapping[str, Any]], path: str | Path, level: Level
) -> ExportResult:
    """A FeatureCollection of points, one feature per line; records without coordinates are
    left out and counted in the foreign member ``omitted_without_coordinates``."""
    written = omitted = 0
    with atomic_output(path) as fh:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        for record in records:
            feature = geojson_feature(record, level)
            if feature is None:
                omitted += 1
                continue
            if written:
                fh.write(",\n")
            fh.write(json.dumps(feature, ensure_ascii=False, default=_iso))
            written += 1
        fh.write(f'\n], "omitted_without_coordinates": {omitted}}}\n')
    return ExportResult(written, omitted)


def geojson_feature(record: Mapping[str, Any], level: Level) -> dict[str, Any] | None:
    """A GeoJSON point feature with flat properties; None when the place has no coordinates."""
    location = record.get("location") or {}
    lat, lon = location.get("lat"), location.get("lon")
    if lat is None or lon is None:
        return None
    properties = {k: v for k, v in record.items() if k not in ("location", "evidence")}
    properties.update(
        location=location.get("name_en") or location.get("name_ar"),
        location_ar=location.get("name_ar"),
        admin1=location.get("admin1"),
        admin2=location.get("admin2"),
        geo_precision=location.get("geo_precision"),
        gazetteer_id=location.get("gazetteer_id"),
    )
    return {
        "type": "Feature",
        "id": record.get("incident_id" if level == "incident" else "event_id"),
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path next to ``path`` that replaces it when the block ends without error.

    For writers that want a file name (pyarrow) rather than a text stream.
    """
    target = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        yield tmp
        with tmp.open("rb") as written:
            os.fsync(written.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def parquet_row(record: Mapping[str, Any], schema: pa.Schema) -> dict[str, Any]:
    """The values of ``record`` for ``schema``: ISO dates become dates, a dict map a list."""
    row = {name: record.get(name) for name in schema.names}
    event_date, provenance = row.get("event_date"), row.get("provenance")
    if isinstance(event_date, str):
        row["event_date"] = dt.date.fromisoformat(event_date)
    if isinstance(provenance, Mapping):
        row["provenance"] = list(provenance.items())
    return row


def write_parquet(records: Iterable[Mapping[str, Any]], path: str | Path, schema: pa.Schema) -> int:
    """Write records with an explicit schema, in row groups, atomically; returns the rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = iter(records)
    count = 0
    with atomic_path(path) as tmp, pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        while batch := [parquet_row(r, schema) for r in islice(rows, PARQUET_BATCH)]:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def read_parquet_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """Records back from :func:`write_parquet`, shaped as ``to_dict()`` gives them."""
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as parquet:
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH):
            for row in batch.to_pylist():
                if isinstance(row.get("event_date"), dt.date):
                    row["event_date"] = row["event_date"].isoformat()
                if isinstance(row.get("provenance"), list):
                    row["provenance"] = dict(row["provenance"])
                if all(row.get(key) is None for key in REVIEW_KEYS):
                    for key in REVIEW_KEYS:  # not reviewed: shaped as the store gives it
                        row.pop(key, None)
                yield row
