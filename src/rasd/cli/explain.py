"""``rasd explain``: an article with its events and, for every field, the text that decided it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from rasd.extract.document import Doc, Item
from rasd.extract.frames import Frame, Toll
from rasd.records import Article, Event, ItemError
from rasd.schema import event_fields

SHOWN_ELSEWHERE = frozenset(
    {"date_precision", "assoc_actor1", "assoc_actor2", "confidence", "notes"}
)
"""Fields without a line of their own: with the date, with the actors, in the event's
heading, or not at all."""
FIELDS = tuple(f.name for f in event_fields() if f.name not in SHOWN_ELSEWHERE)


def _value(event: Event, name: str) -> str:
    if name == "event_date":
        return f"{event.event_date} ({event.date_precision})"
    if name == "location":
        loc = event.location
        if loc.name_en is None and loc.admin1 is None:
            return "-"
        return f"{loc.name_en}, {loc.admin1} (precision {loc.geo_precision})"
    if name == "actor1" and event.assoc_actor1:
        return f"{event.actor1} + {', '.join(event.assoc_actor1)}"
    if name == "actor2" and event.assoc_actor2:
        return f"{event.actor2} + {', '.join(event.assoc_actor2)}"
    value = getattr(event, name)
    if isinstance(value, list):
        return ", ".join(value) or "-"
    return "-" if value is None else str(value)


def _show(it: Item | None) -> str:
    return "-" if it is None else f"«{it.span.text}»"


def _frame_line(doc: Doc, frame: Frame) -> str:
    best = frame.best_trigger()
    parts = [
        f"s{','.join(map(str, frame.sentences))}",
        f"trigger {_show(best[1]) if best else '-'} → {best[0].sub_event_type if best else '-'}",
        f"actor1 {_show(frame.actor1)}",
        f"actor2 {_show(frame.actor2)}",
        f"place {_show(frame.place)}",
        f"date {_show(frame.date)}{' (report)' if frame.date_is_report else ''}",
    ]

    # "+2": added to the count before it (ضابط وعنصران); "~": vague; "@side": whose dead
    def figures(tolls: list[Toll]) -> str:
        return " ".join(
            f"{'+' if t.joined else ''}{t.value}{'~' if t.vague else ''}"
            + (f"@{t.actor or t.party}" if t.actor or t.party else "")
            for t in tolls
        )

    if frame.killed:
        parts.append("killed " + figures(frame.killed))
    if frame.injured:
        parts.append("injured " + figures(frame.injured))
    cues = [f"{name}:{_show(items[0])}" for name, items in frame.cues.items() if items]
    if cues:
        parts.append("cues " + " ".join(cues))
    if frame.anaphoric:
        parts.append("anaphoric")
    return " | ".join(parts)


def explain_article(article: Article) -> str:
    """The whole explanation of one article as text."""
    from rasd.extract.pipeline import trace

    result = trace(article)
    doc = result.doc
    lines = [f"article {article.id}  published {article.published}  outlet {article.outlet}"]
    if doc.outlet is not None:  # how the outlet was recognised, and whose voice it is
        lines[0] += f"  (known as {doc.outlet.name}, camp {doc.outlet.camp or '-'})"
    for i, (start, end) in enumerate(doc.sentences):
        a, b = doc.norm.offsets[start], doc.norm.offsets[max(start, end - 1)] + 1
        # a sentence may go on across a line break of the page: shown on one line
        lines.append(f"  [s{i}] {' '.join(article.text[a:b].split())}")
    for frames, event in result.groups:
        lines.append("")
        if event is None:
            lines.append("no event from frames (no action, or no actor/place/toll):")
        else:
            lines.append(f"event {event.event_id}  confidence {event.confidence}")
            evidence: dict[str, list[str]] = {}
            for ev in event.evidence:
                evidence.setdefault(ev.field, []).append(f"«{ev.text}» [{ev.start}:{ev.end}]")
            for name in FIELDS:
                why = "; ".join(evidence.get(name, [])) or "(no text: default or rule)"
                lines.append(f"  {name:<17}{_value(event, name):<45} ← {why}")
        lines.append("  frames:")
        lines += [f"    {_frame_line(doc, frame)}" for frame in frames]
    return "\n".join(lines)


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--id", "ids", multiple=True, help="Only the articles with these ids.")
def explain(inputs: tuple[Path, ...], ids: tuple[str, ...]) -> None:
    """Print each article of INPUTS with its events and the text behind every field."""
    from rasd.io.readers import read_articles

    found = _select(read_articles(inputs), set(ids))
    shown = 0
    for item in found:
        if isinstance(item, ItemError):
            click.echo(f"error {item.item}: {item.reason}", err=True)
            continue
        if shown:
            click.echo("\n" + "=" * 80)
        click.echo(explain_article(item))
        shown += 1
    if not shown:
        which = f" with id {list(ids)}" if ids else ""
        raise click.ClickException(f"no article to explain{which}")


def _select(items: Iterable[Article | ItemError], ids: set[str]) -> Iterable[Article | ItemError]:
    for item in items:
        if not ids or (isinstance(item, Article) and item.id in ids):
            yield item
