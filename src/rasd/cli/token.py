"""``rasd token``: the write tokens of the API (one per reviewer; stored hashed)."""

from __future__ import annotations

import click

from rasd.cli.store_options import db_option


@click.group()
def token() -> None:
    """Create, list and revoke the tokens that reviewers write with."""


@token.command()
@db_option
@click.argument("name")
def create(db: str | None, name: str) -> None:
    """Make a token for reviewer NAME and print it (it is shown only this once)."""
    from rasd.store import Store

    with Store.open(db) as store:
        secret = store.create_token(name)
    click.echo(secret)
    click.echo(f"rasd token: created for {name!r}; keep it secret, it is not stored", err=True)


@token.command("list")
@db_option
def list_tokens(db: str | None) -> None:
    """The reviewers' token names, when they were made and revoked."""
    from rasd.store import Store

    with Store.open(db) as store:
        for row in store.list_tokens():
            state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "live"
            click.echo(f"{row['name']}\tcreated {row['created_at']}\t{state}")


@token.command()
@db_option
@click.argument("name")
def revoke(db: str | None, name: str) -> None:
    """Revoke the token of reviewer NAME."""
    from rasd.store import Store

    with Store.open(db) as store:
        if not store.revoke_token(name):
            raise click.ClickException(f"{name!r} has no live token")
    click.echo(f"rasd token: revoked {name!r}", err=True)
