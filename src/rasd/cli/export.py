"""``rasd export``: stored events or incidents to CSV, JSONL, GeoJSON or Parquet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from rasd.cli.store_options import date_options, db_option

if TYPE_CHECKING:
    from rasd.io.exports import Format, Level


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "geojson", "parquet"]),
    default="jsonl",
    show_default=True,
    help="CSV with ACLED column names, JSONL records, GeoJSON points or Parquet.",
)
@click.option(
    "--level",
    type=click.Choice(["event", "incident"]),
    default="event",
    show_default=True,
    help="Article-level events or linked incidents.",
)
@date_options("the export (event date)")
@click.option("--admin1", help="Only this governorate (admin1.tsv name, e.g. Homs).")
@click.option("--actor", help="Only events with this actor id on either side.")
@click.option("--event-type", help="Only this event type (event_types.tsv).")
@click.option("--include-background", is_flag=True, help="Also events recalled as context.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where the export goes (written atomically).",
)
def export(
    db: str | None,
    fmt: str,
    level: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
    admin1: str | None,
    actor: str | None,
    event_type: str | None,
    include_background: bool,
    output: Path,
) -> None:
    """Export stored events or incidents that match the filters."""
    from rasd.io.exports import ExportFilter, write_export
    from rasd.store import Store

    selected = ExportFilter(
        date_from=date_from,
        date_to=date_to,
        admin1=admin1,
        actor=actor,
        event_type=event_type,
        include_background=include_background,
    )
    kind = cast("Level", level)
    with Store.open(db) as store:
        result = write_export(store.iter_records(kind, selected), output, cast("Format", fmt), kind)
    omitted = f" ({result.omitted} without coordinates left out)" if result.omitted else ""
    click.echo(f"rasd export: {result.written} {level}s -> {output}{omitted}", err=True)
