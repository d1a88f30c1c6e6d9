from __future__ import annotations

import re
from typing import Any

from rasd.eval.report import format_report, summary_lines
from rasd.eval.scorer import score

SUMMARY = [
    r"events  P=\d\.\d{3} R=\d\.\d{3} F1=\d\.\d{3} \(pred \d+, gold \d+, matched \d+\)",
    r"fields  event_type=(\d\.\d{3}|n/a) sub_event_type=(\d\.\d{3}|n/a) actor1=(\d\.\d{3}|n/a) "
    r"actor2=(\d\.\d{3}|n/a)",
    r"fields  fatalities=(\d\.\d{3}|n/a) event_date=(\d\.\d{3}|n/a) location=(\d\.\d{3}|n/a)",
]


def event(date: str, sub: str = "Armed clash", **fields: Any) -> dict[str, Any]:
    return {
        "event_date": date,
        "date_precision": "day",
        "event_type": "Battles",
        "sub_event_type": sub,
        "actor1": "islamic-state",
        "actor2": "syria-military-2000-2024",
        "location": {"name_en": "al-Sukhnah", "admin1": "Homs"},
        "fatalities": 2,
        **fields,
    }


def test_report_ends_with_the_three_summary_lines() -> None:
    gold = {"a": [event("2023-11-11"), event("2023-11-12")], "b": [event("2023-10-01")]}
    pred = {
        "a": [event("2023-11-11", actor2="ndf"), event("2023-11-20")],
        "b": [event("2023-10-01")],
        "unknown": [event("2023-10-01")],
    }
    result = score(gold, pred)
    lines = format_report(result, gold_name="g.jsonl", pred_name="p.jsonl").splitlines()
    for pattern, line in zip(SUMMARY, lines[-3:], strict=True):
        assert re.fullmatch(pattern, line), line
    assert lines[-3] == "events  P=0.667 R=0.667 F1=0.667 (pred 3, gold 3, matched 2)"
    assert "actor2=0.500" in lines[-2]
    text = "\n".join(lines)
    assert "1 predicted events for 1 articles not in gold were ignored: unknown" in text
    assert "miss   2023-11-12 | Armed clash | islamic-state -> syria-military-2000-2024" in text
    assert "extra  2023-11-20" in text
    assert "wrong  actor2" in text


def test_summary_without_matches_says_n_a() -> None:
    lines = summary_lines(score({"a": [event("2023-11-11")]}, {}))
    assert lines[0] == "events  P=0.000 R=0.000 F1=0.000 (pred 0, gold 1, matched 0)"
    assert lines[2] == "fields  fatalities=n/a event_date=n/a location=n/a"
    for pattern, line in zip(SUMMARY, lines, strict=True):
        assert re.fullmatch(pattern, line)
