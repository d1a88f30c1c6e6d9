"""``rasd kb actor``: which actor id (and which reporting source) an Arabic phrase names."""

from __future__ import annotations

import datetime as dt
import json

import click


@click.command()
@click.argument("text")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The event date (YYYY-MM-DD): picks between era-dependent ids such as the army "
    "before and after 2024-12-08.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def actor(text: str, on: dt.datetime | None, as_json: bool) -> None:
    """Print the actor id TEXT names and the form that matched, and the source it names if any.

    Exits with 1 when TEXT names neither an actor nor a source.
    """
    from rasd.knowledge.actors import actor_resolver
    from rasd.knowledge.sources import source_resolver

    actors = actor_resolver()
    actor_id, form = actors.resolve(text, on.date() if on else None)
    source = source_resolver().resolve(text)
    if as_json:
        record = {
            "text": text,
            "date": on.date().isoformat() if on else None,
            "actor": None if actor_id is None else {"id": actor_id, "form": form},
            "source": None
            if source is None
            else {"name": source.name, "kind": source.kind, "actor": source.actor_id},
        }
        click.echo(json.dumps(record, ensure_ascii=False))
    else:
        if actor_id is not None:
            click.echo(f"actor\t{actor_id}\t{actors.actor(actor_id).name}\t{form}")
        if source is not None:
            click.echo(f"source\t{source.name}\t{source.kind}\t{source.actor_id or '-'}")
    if actor_id is None and source is None:
        if not as_json:
            click.echo("no actor or source found", err=True)
        raise SystemExit(1)
