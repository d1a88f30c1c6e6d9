"""The human-readable ``rasd eval`` report.

Its last three lines are a fixed-format summary that scripts (and a hook) read with
``tail -n 3``: keep them last and keep their shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasd.eval.scorer import EvalResult

SUMMARY_FIELDS = (
    ("event_type", "sub_event_type", "actor1", "actor2"),
    ("fatalities", "event_date", "location"),
)


def format_report(result: EvalResult, *, gold_name: str = "gold", pred_name: str = "pred") -> str:
    """The whole report: header, per-article problems, then the three summary lines."""
    lines = [
        f"gold  {gold_name}: {result.gold_articles} articles, {result.gold} events "
        f"(+{result.background_gold} background)",
        f"pred  {pred_name}: {result.predicted + result.neutral} events for the gold articles",
    ]
    if result.neutral:
        lines.append(
            f"note  {result.neutral} predictions matched background gold events: not counted"
        )
    if result.ignored_events:
        shown = ", ".join(result.ignored_articles[:5])
        more = " ..." if len(result.ignored_articles) > 5 else ""
        lines.append(
            f"note  {result.ignored_events} predicted events for {len(result.ignored_articles)} "
            f"articles not in gold were ignored: {shown}{more}"
        )
    for article in result.articles:
        lines.append("")
        lines.append(f"article {article.article_id}")
        lines.extend(f"  miss   {_describe(event)}" for event in article.misses)
        lines.extend(f"  extra  {_describe(event)}" for event in article.false_positives)
        for pair in article.wrong_fields:
            lines.append(f"  wrong  {', '.join(pair['fields'])}")
            lines.append(f"           pred {_describe(pair['pred'])}")
            lines.append(f"           gold {_describe(pair['gold'])}")
    lines.append("")
    lines.extend(summary_lines(result))
    return "\n".join(lines)


def summary_lines(result: EvalResult) -> list[str]:
    """The three closing lines: event scores, then field accuracies in two lines."""
    accuracy = result.field_accuracy()
    return [
        f"events  P={result.precision:.3f} R={result.recall:.3f} F1={result.f1:.3f} "
        f"(pred {result.predicted}, gold {result.gold}, matched {result.matched})",
        *(
            "fields  " + " ".join(f"{name}={_score(accuracy[name])}" for name in group)
            for group in SUMMARY_FIELDS
        ),
    ]


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _describe(event: Mapping[str, Any]) -> str:
    date = event.get("event_date") or "no date"
    if event.get("date_precision") not in (None, "day"):
        date += f" ({event['date_precision']})"
    place = event.get("location") or "no place"
    if event.get("admin1"):
        place += f", {event['admin1']}"
    fatalities = event.get("fatalities")
    killed = "?" if fatalities is None else fatalities
    return (
        f"{date} | {event.get('sub_event_type')} | {event.get('actor1') or '-'} -> "
        f"{event.get('actor2') or '-'} | {place} | killed {killed}"
    )
