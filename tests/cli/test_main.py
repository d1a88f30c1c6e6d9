from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from rasd import __version__
from rasd.cli.main import LAZY_COMMANDS, LazyGroup, main
from rasd.cli.progress import make_progress, track
from rasd.schema import event_schema


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_lists_the_built_in_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("extract", "eval", "schema", "kb"):
        assert name in result.output


def test_every_listed_command_has_help() -> None:
    runner = CliRunner()
    names = main.list_commands(click.Context(main))
    assert {"extract", "eval", "schema", "kb"} <= set(names)
    for name in names:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage:" in result.output


def test_the_registry_names_the_planned_commands() -> None:
    planned = {"ingest", "link", "export", "load", "batch", "serve", "bench", "explain", "token"}
    assert planned <= set(LAZY_COMMANDS)
    for name in planned:
        assert LAZY_COMMANDS[name] == f"rasd.cli.{name}:{name}"


@pytest.fixture
def plugin_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[click.Group]:
    """A lazy group over three throw-away modules: working, broken and missing."""
    package = tmp_path / "fakecli"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "hello.py").write_text(
        "import click\n\n@click.command()\ndef hello():\n    '''Say hello.'''\n"
        "    click.echo('مرحبا')\n",
        encoding="utf-8",
    )
    (package / "broken.py").write_text("import a_module_that_is_not_installed\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = {
        "hello": "fakecli.hello:hello",
        "broken": "fakecli.broken:broken",
        "missing": "fakecli.missing:missing",
    }

    @click.group(cls=LazyGroup, lazy_commands=registry)
    def group() -> None:
        """A test group."""

    yield group
    for name in [name for name in sys.modules if name.split(".")[0] == "fakecli"]:
        del sys.modules[name]


def test_lazy_group_loads_hides_and_explains(plugin_group: click.Group) -> None:
    runner = CliRunner()
    listing = runner.invoke(plugin_group, ["--help"])
    assert listing.exit_code == 0
    assert "hello" in listing.output
    assert "Say hello." in listing.output
    assert "broken" in listing.output
    assert "unavailable" in listing.output
    assert "missing" not in listing.output

    assert runner.invoke(plugin_group, ["hello"]).output == "مرحبا\n"
    broken = runner.invoke(plugin_group, ["broken", "--port", "8000", "x"])
    assert broken.exit_code == 1
    assert "a_module_that_is_not_installed" in broken.output
    assert runner.invoke(plugin_group, ["missing"]).exit_code == 2


def test_modules_are_not_imported_until_needed(plugin_group: click.Group) -> None:
    assert "fakecli.hello" not in sys.modules
    CliRunner().invoke(plugin_group, ["hello"])
    assert "fakecli.hello" in sys.modules


def test_kb_group_works_with_or_without_its_subcommands() -> None:
    result = CliRunner().invoke(main, ["kb", "--help"])
    assert result.exit_code == 0
    assert "places and actors" in result.output


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == event_schema()


@pytest.mark.parametrize("enabled", [True, False, None])
def test_progress_passes_items_through(enabled: bool | None) -> None:
    items = (n * n for n in range(5))
    assert list(track(items, description="squares", enabled=enabled)) == [0, 1, 4, 9, 16]


def test_progress_is_off_when_stderr_is_not_a_terminal() -> None:
    assert make_progress().disable  # pytest captures stderr: not a terminal
    assert not make_progress(enabled=True).disable
