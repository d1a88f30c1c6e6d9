"""``rasd kb place NAME``: the gazetteer's namesakes of a name, and why they rank so."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from rasd.knowledge.places import rank_candidates


@click.command("place")
@click.argument("name")
@click.option("--near", metavar="PLACE", help="Rank namesakes by distance to this place.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def place(name: str, near: str | None, as_json: bool) -> None:
    """List the places called NAME: names, admin units, point, type and ranking reasons."""
    ranked = rank_candidates(name, near)
    if near and not rank_candidates(near):
        click.echo(f"warning: no place called {near!r}; ranking by size", err=True)
    rows: list[dict[str, Any]] = [
        {
            "id": p.id,
            "name_ar": p.name_ar,
            "name_en": p.name_en,
            "type": p.type,
            "admin1": p.admin1,
            "admin2": p.admin2,
            "admin3": p.admin3,
            "lat": p.lat,
            "lon": p.lon,
            "rank": p.rank,
            "why": why,
        }
        for p, why in ranked
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"no place called {name!r}")
        raise SystemExit(1)
    table = Table(title=f"{name}: {len(rows)} namesake(s)")
    for col in ("id", "name_ar", "name_en", "type", "admin1", "admin2", "lat, lon", "why"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            str(r["id"]), str(r["name_ar"]), str(r["name_en"]), str(r["type"]),
            str(r["admin1"]), str(r["admin2"] or ""), f"{r['lat']:.4f}, {r['lon']:.4f}",
            "; ".join(r["why"]),
        )  # fmt: skip
    Console().print(table)
