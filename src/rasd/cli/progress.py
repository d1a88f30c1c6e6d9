"""Progress bars for long runs: rich, on stderr, and silent when stderr is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

T = TypeVar("T")


def make_progress(*, enabled: bool | None = None) -> Progress:
    """A rich :class:`Progress` on stderr; disabled (a no-op) unless stderr is a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not enabled,
    )


def track(
    items: Iterable[T], *, description: str, total: int | None = None, enabled: bool | None = None
) -> Iterator[T]:
    """Yield ``items`` unchanged while a progress bar counts them (total unknown is fine)."""
    with make_progress(enabled=enabled) as progress:
        yield from progress.track(items, total=total, description=description)
