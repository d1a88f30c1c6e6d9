"""The ``place`` knowledge-base command."""

from __future__ import annotations

import json

from click.testing import CliRunner

from rasd.cli.kb_place import place


def test_json_lists_namesakes_nearest_first() -> None:
    result = CliRunner().invoke(place, ["الطيبة", "--near", "السخنة", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) > 5
    assert rows[0]["admin1"] == "Homs" and rows[0]["admin2"] == "Tadmor"
    assert {"id", "name_ar", "name_en", "type", "lat", "lon", "why"} <= set(rows[0])
    assert "km from" in rows[0]["why"][0]


def test_table_output() -> None:
    result = CliRunner().invoke(place, ["تدمر"], terminal_width=200)
    assert result.exit_code == 0
    assert "Tadmor" in result.output and "Homs" in result.output


def test_unknown_name_fails_with_a_message() -> None:
    result = CliRunner().invoke(place, ["لامكانبهذاالاسم"])
    assert result.exit_code == 1
    assert "no place called" in result.output
