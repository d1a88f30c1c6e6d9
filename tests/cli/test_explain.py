"""``rasd explain``: every field of every event with the text that decided it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from rasd.cli.main import main

TEXT = (
    "قتل أربعة عناصر من قوات النظام أمس السبت بانفجار عبوة ناسفة قرب مدينة تدمر، "
    "بحسب المرصد السوري لحقوق الإنسان."
)


def write_articles(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    lines = [
        {"id": "a1", "text": TEXT, "published": "2024-05-12"},
        {"id": "a2", "text": "طقس معتدل في دمشق اليوم", "published": "2024-05-12"},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    return path


def test_explain_prints_each_field_with_its_evidence(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(write_articles(tmp_path)), "--id", "a1"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "article a1" in out and "article a2" not in out
    assert "[s0]" in out
    assert "Remote explosive/landmine/IED" in out
    assert "2024-05-11 (day)" in out and "«أمس السبت»" in out
    assert "fatalities       4" in out and "«أربعة»" in out
    assert "SOHR" in out
    assert "frames:" in out


def test_explain_unknown_id_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(write_articles(tmp_path)), "--id", "zz"])
    assert result.exit_code == 1
    assert "no article to explain" in result.output
