"""Options shared by the commands that work on the store (ingest, link, export, load)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    envvar="RASD_DB",
    default=None,
    metavar="URL",
    help="Database: sqlite:///PATH, a file path, or postgresql://USER@HOST/DB "
    "[env RASD_DB; default: sqlite:///rasd.db].",
)

window_option = click.option(
    "--window-days",
    type=click.IntRange(0, 30),
    default=3,
    show_default=True,
    help="Reports of one event may be dated this many days apart.",
)


def date_options(what: str) -> Callable[[F], F]:
    """``--from`` / ``--to`` (YYYY-MM-DD, inclusive), passed as ``date_from`` / ``date_to``."""

    def decorate(command: F) -> F:
        command = click.option(
            "--to", "date_to", callback=_to_date, metavar="YYYY-MM-DD", help=f"Last day of {what}."
        )(command)
        return click.option(
            "--from",
            "date_from",
            callback=_to_date,
            metavar="YYYY-MM-DD",
            help=f"First day of {what}.",
        )(command)

    return decorate


def _to_date(_ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param=param) from None
