"""``GET /api/export``: the ``rasd export`` files (CSV, JSONL, GeoJSON, Parquet), with the
same filters and the same code, as a download."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from rasd.api.params import LevelParam, StoreDep
from rasd.api.records import ERRORS
from rasd.api.security import reader
from rasd.io.exports import ExportFilter, write_export

MEDIA_TYPES = {
    "csv": "text/csv",
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}

DateParam = Annotated[dt.date | None, Query(description="YYYY-MM-DD, inclusive.")]

router = APIRouter(prefix="/api", dependencies=[Depends(reader)], responses=ERRORS)


@router.get(
    "/export",
    response_class=FileResponse,
    tags=["export"],
    responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}},
)
def export(
    store: StoreDep,
    date_from: DateParam = None,
    date_to: DateParam = None,
    admin1: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[str | None, Query(max_length=128)] = None,
    event_type: Annotated[str | None, Query(max_length=64)] = None,
    background: bool = False,
    level: LevelParam = "incident",
    format: Annotated[Literal["csv", "jsonl", "geojson", "parquet"], Query()] = "csv",
) -> FileResponse:
    """Records as ``rasd export`` writes them, with its filters; a reviewed record says
    which fields a reviewer set (``reviewed_fields``) and the verdict (``review_status``)."""
    if date_from and date_to and date_from > date_to:
        raise HTTPException(400, f"date_from {date_from} is after date_to {date_to}")
    selected = ExportFilter(
        date_from=date_from,
        date_to=date_to,
        admin1=admin1,
        actor=actor,
        event_type=event_type,
        include_background=background,
    )
    folder = Path(tempfile.mkdtemp(prefix="rasd-export-"))
    path = folder / f"rasd-{level}s.{format}"
    write_export(store.iter_records(level, selected), path, format, level)
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[format],
        filename=path.name,
        background=BackgroundTask(_remove, folder),
    )


def _remove(folder: Path) -> None:
    for item in folder.iterdir():
        item.unlink()
    folder.rmdir()
