from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from rasd.cli.main import main

WriteJsonl = Callable[[str, list[dict[str, Any]]], Path]


def event(date: str, place: str, **fields: Any) -> dict[str, Any]:
    return {
        "event_date": date,
        "date_precision": "day",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "actor1": None,
        "actor2": "civilians",
        "location": {"name_en": place, "admin1": "Hama"},
        "fatalities": 5,
        "background": False,
        **fields,
    }


def files(write: WriteJsonl) -> tuple[Path, Path]:
    gold = write(
        "gold.jsonl",
        [
            {
                "id": "n-1",
                "text": "مقتل خمسة مدنيين بانفجار لغم في بادية عقيربات",
                "events": [event("2021-03-14", "Uqayribat"), event("2021-03-16", "Salamiyah")],
            }
        ],
    )
    pred = write(
        "pred.jsonl",
        [
            {**event("2021-03-14", "Uqayribat"), "article_id": "n-1"},
            {**event("2021-03-18", "Hama"), "article_id": "n-1"},
            {**event("2021-03-14", "Uqayribat"), "article_id": "elsewhere"},
        ],
    )
    return gold, pred


def test_eval_report_ends_with_summary(write_jsonl_file: WriteJsonl) -> None:
    gold, pred = files(write_jsonl_file)
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--pred", str(pred)])
    assert result.exit_code == 0, result.output
    last = result.output.rstrip("\n").splitlines()[-3:]
    assert last[0] == "events  P=0.500 R=0.500 F1=0.500 (pred 2, gold 2, matched 1)"
    assert last[1].startswith("fields  event_type=1.000 ")
    assert last[2] == "fields  fatalities=1.000 event_date=1.000 location=1.000"
    assert "not in gold were ignored: elsewhere" in result.output


def test_eval_json(write_jsonl_file: WriteJsonl) -> None:
    gold, pred = files(write_jsonl_file)
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--pred", str(pred), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["events"]["f1"] == 0.5
    assert report["fields"]["location"] == 1.0
    assert report["ignored"] == {"events": 1, "articles": ["elsewhere"]}
    assert report["articles"][0]["misses"][0]["location"] == "Salamiyah"


def test_bad_gold_is_a_clean_error(tmp_path: Path, write_jsonl_file: WriteJsonl) -> None:
    _, pred = files(write_jsonl_file)
    gold = tmp_path / "broken.jsonl"
    gold.write_text('{"id": "n-1", "events": [{"event_date": "yesterday"}]}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--pred", str(pred)])
    assert result.exit_code == 1
    assert "Error:" in result.output
    assert "broken.jsonl:1" in result.output
    assert "Traceback" not in result.output


def test_missing_prediction_file_is_a_usage_error(write_jsonl_file: WriteJsonl) -> None:
    gold, _ = files(write_jsonl_file)
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--pred", "nowhere.jsonl"])
    assert result.exit_code == 2
