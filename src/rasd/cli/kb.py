"""``rasd kb``: look up the knowledge base (places, actors).

Its subcommands live in their own modules and are loaded only when used.
"""

from __future__ import annotations

import click

from rasd.cli.main import LazyGroup

KB_COMMANDS = {
    "place": "rasd.cli.kb_place:place",
    "actor": "rasd.cli.kb_actor:actor",
}


@click.group(cls=LazyGroup, lazy_commands=KB_COMMANDS)
def kb() -> None:
    """Look up places and actors in the knowledge base."""
