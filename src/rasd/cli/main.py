"""The ``rasd`` command line.

Exit codes: 0 everything went well; 1 a fatal error (message on stderr: a bad gold file,
an output that cannot be written...); 2 a usage error; 3 (``extract``) some items failed,
their error records were written and every other item was processed.

To add a command, write a click command ``<name>`` in ``rasd/cli/<name>.py`` and add
``"<name>": "rasd.cli.<name>:<name>"`` to :data:`LAZY_COMMANDS`. Its module is imported only
when the command runs (or when ``--help`` lists it), so keep heavy imports inside the function;
a command whose module does not exist yet is simply not listed.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import click

from rasd import __version__
from rasd.errors import RasdError
from rasd.io.readers import read_articles
from rasd.io.writers import write_events_csv, write_jsonl
from rasd.records import Article, Event, ItemError

T = TypeVar("T")

EXIT_OK = 0
EXIT_ITEM_ERRORS = 3

LAZY_COMMANDS: dict[str, str] = {
    "kb": "rasd.cli.kb:kb",
    "ingest": "rasd.cli.ingest:ingest",
    "link": "rasd.cli.link:link",
    "export": "rasd.cli.export:export",
    "load": "rasd.cli.load:load",
    "batch": "rasd.cli.batch:batch",
    "serve": "rasd.cli.serve:serve",
    "bench": "rasd.cli.bench:bench",
    "explain": "rasd.cli.explain:explain",
    "token": "rasd.cli.token:token",
}
"""Command name → ``"module:attribute"`` of a click command, imported on first use."""


class LazyGroup(click.Group):
    """A click group that imports its ``lazy_commands`` only when they are needed."""

    def __init__(
        self, *args: Any, lazy_commands: Mapping[str, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        present = [name for name, target in self.lazy_commands.items() if _module_exists(target)]
        return sorted({*super().list_commands(ctx), *present})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        target = self.lazy_commands.get(cmd_name)
        if command is not None or target is None or not _module_exists(target):
            return command
        module_name, _, attribute = target.partition(":")
        try:
            loaded = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            return _unavailable(cmd_name, exc)
        if not isinstance(loaded, click.Command):
            return _unavailable(cmd_name, TypeError(f"{target} is not a click command"))
        return loaded


class _RootGroup(LazyGroup):
    """The ``rasd`` group: a :class:`RasdError` from any command becomes a clean message."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RasdError as exc:
            raise click.ClickException(str(exc)) from exc


def _module_exists(target: str) -> bool:
    try:
        return importlib.util.find_spec(target.partition(":")[0]) is not None
    except ImportError:
        return False


def _unavailable(name: str, reason: Exception) -> click.Command:
    """A stand-in for a command whose module cannot load: listed, and explains itself."""
    message = f"unavailable: {reason}"

    def fail() -> None:
        raise click.ClickException(f"'rasd {name}' is {message}")

    return click.Command(
        name,
        callback=fail,
        help=message,
        short_help=message,
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    )


@click.group(cls=_RootGroup, lazy_commands=LAZY_COMMANDS)
@click.version_option(__version__, prog_name="rasd")
def main() -> None:
    """rasd (رصد): Arabic conflict news to ACLED-style events with evidence."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where the events go (written atomically).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="JSONL events (EVENTS.md) or ACLED-style CSV.",
)
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where per-item error records go [default: OUTPUT with .errors.jsonl].",
)
@click.pass_context
def extract(
    ctx: click.Context, inputs: tuple[Path, ...], output: Path, fmt: str, errors_path: Path | None
) -> None:
    """Extract events from the articles in INPUTS (.jsonl, .json, .txt, .html files or dirs).

    A bad item (unreadable, not JSON, empty, too large) or an article whose extraction fails
    gets an error record and the rest goes on. Exit code 3 when any item failed.
    """
    errors_path = errors_path or output.with_suffix(".errors.jsonl")
    run = extract_files(inputs, output, fmt, errors_path)
    click.echo(
        f"rasd extract: {run.articles} articles, {run.events} events -> {output}; "
        f"{len(run.errors)} item errors -> {errors_path}",
        err=True,
    )
    ctx.exit(EXIT_ITEM_ERRORS if run.errors else EXIT_OK)


@dataclass(slots=True)
class ExtractRun:
    """What one ``rasd extract`` did."""

    articles: int = 0
    events: int = 0
    errors: list[ItemError] = field(default_factory=list)


def extract_files(
    inputs: Iterable[Path], output: Path, fmt: str, errors_path: Path, progress: bool = True
) -> ExtractRun:
    """Read, extract and write: the whole of ``rasd extract`` but its message (``rasd bench``
    times exactly this)."""
    from rasd.extract.pipeline import extract as extract_events

    run = ExtractRun()

    def events() -> Iterator[dict[str, Any]]:
        items = read_articles(inputs)
        for item in _tracked(items, "extracting") if progress else items:
            if isinstance(item, ItemError):
                run.errors.append(item)
                continue
            run.articles += 1
            for event in _extract_one(item, extract_events, run.errors):
                run.events += 1
                yield event.to_dict()

    writer = write_events_csv if fmt == "csv" else write_jsonl
    writer(events(), output)
    write_jsonl((error.to_dict() for error in run.errors), errors_path)
    return run


def _tracked(items: Iterable[T], description: str) -> Iterable[T]:
    """``items`` with a progress bar on a terminal; rich is imported only then (start-up)."""
    if not sys.stderr.isatty():
        return items
    from rasd.cli.progress import track

    return track(items, description=description)


def _extract_one(
    article: Article, extract_events: Callable[[Article], Iterable[Event]], errors: list[ItemError]
) -> list[Event]:
    """The events of one article; an unexpected exception becomes that article's error."""
    try:
        return list(extract_events(article))
    except Exception as exc:  # one broken article must not stop the batch
        errors.append(
            ItemError(article.id, f"extraction failed: {type(exc).__name__}: {exc}", "extraction")
        )
        return []


@main.command("eval")
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Gold JSONL: articles with their 'events' (EVENTS.md section 3).",
)
@click.option(
    "--pred",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Predicted events JSONL, keyed by 'article_id'.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a report.")
def eval_command(gold: Path, pred: Path, as_json: bool) -> None:
    """Score predicted events against gold (EVENTS.md section 4).

    The report's last three lines are the summary: event P/R/F1, then field accuracies.
    """
    from rasd.eval.report import format_report
    from rasd.eval.scorer import evaluate

    result = evaluate(gold, pred)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        click.echo(format_report(result, gold_name=str(gold), pred_name=str(pred)))


@main.command()
def schema() -> None:
    """Print the JSON Schema of an output event."""
    from rasd.schema import schema_text

    click.echo(schema_text(), nl=False)
