"""``rasd kb actor``: the id and form a phrase resolves to, and the source it names."""

from __future__ import annotations

import json

from click.testing import CliRunner

from rasd.cli.kb_actor import actor


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(actor, list(args))
    return result.exit_code, result.output


def test_prints_the_id_and_the_matched_form() -> None:
    code, out = run("عناصر من ميليشيا “لواء القدس”")
    assert code == 0
    assert out.split("\t")[:2] == ["actor", "liwa-al-quds"]
    assert "لواء القدس" in out


def test_the_date_picks_the_era() -> None:
    assert "syria-military-2000-2024" in run("--date", "2019-05-02", "الجيش السوري")[1]
    assert "syria-military-2024-" in run("--date", "2025-05-02", "الجيش السوري")[1]


def test_json_output_with_a_source() -> None:
    code, out = run("--json", "وفق المرصد السوري لحقوق الإنسان")
    record = json.loads(out)
    assert code == 0
    assert record["actor"] is None
    assert record["source"] == {"name": "SOHR", "kind": "monitor", "actor": None}


def test_json_output_with_an_actor_and_its_voice() -> None:
    record = json.loads(run("--json", "--date", "2024-04-20", "نعى لواء القدس")[1])
    assert record["date"] == "2024-04-20"
    assert record["actor"] == {"id": "liwa-al-quds", "form": "لواء القدس"}
    assert record["source"]["name"] == "Liwa al-Quds"


def test_nothing_found_exits_with_one() -> None:
    code, out = run("مدينة القدس")
    assert code == 1
    assert "no actor" in out


def test_a_bad_date_is_a_usage_error() -> None:
    assert run("--date", "2024-13-40", "داعش")[0] == 2
