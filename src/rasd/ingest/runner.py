"""Ingest: sources → store (deduplicated) → extraction of new articles → linking.

Each article is stored with its events in one transaction. An exact copy adds nothing; a
near copy is stored, linked to its first copy, and not extracted. After the articles,
the events of the affected dates are linked again (rasd.link.linker) and their
incidents replaced. A bad item or an article whose extraction fails becomes an
:class:`ItemError`, recorded in the store and in the report; the run goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from rasd.extract.pipeline import extract as extract_events
from rasd.ingest.sources import Item, SourceReader
from rasd.link.linker import link_events
from rasd.records import Article, Event, ItemError
from rasd.store import EventIdClashError, Store

Extractor = Callable[[Article], Sequence[Event]]


class _ExtractionFailed(Exception):
    """The extractor raised on one article; the message says how."""


@dataclass
class IngestReport:
    """What one ingest did."""

    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    events: int = 0
    incidents: int = 0
    errors: list[ItemError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "duplicate": self.duplicate,
            "near_duplicate": self.near_duplicate,
            "events": self.events,
            "incidents": self.incidents,
            "errors": [error.to_dict() for error in self.errors],
        }


def ingest(
    sources: Iterable[str | Path],
    store: Store,
    *,
    extract: Extractor = extract_events,
    link: bool = True,
    window_days: int = 3,
    client: httpx.Client | None = None,
) -> IngestReport:
    """Ingest every article of ``sources`` (see rasd.ingest.sources) into ``store``."""
    with SourceReader(client=client, skip_url=store.has_url) as reader:
        return ingest_items(
            reader.read(sources), store, extract=extract, link=link, window_days=window_days
        )


def ingest_items(
    items: Iterable[tuple[str, Item]],
    store: Store,
    *,
    extract: Extractor = extract_events,
    link: bool = True,
    window_days: int = 3,
) -> IngestReport:
    """Ingest ``(source, article or error)`` pairs; see the module docstring."""
    report = IngestReport()
    new_rows: list[int] = []
    dates: list[dt.date] = []

    def guarded(article: Article) -> Sequence[Event]:
        try:
            events = list(extract(article))
        except Exception as exc:  # one broken article must not stop the run
            raise _ExtractionFailed(f"extraction failed: {type(exc).__name__}: {exc}") from exc
        dates.extend(event.event_date for event in events if event.event_date is not None)
        return events

    for source, item in items:
        if isinstance(item, ItemError):
            _fail(store, report, item, source)
            continue
        try:
            stored = store.add_extracted(item, guarded, source=source)
        except _ExtractionFailed as exc:
            _fail(store, report, ItemError(item.id, str(exc), "extraction"), source)
            continue
        except EventIdClashError as exc:
            _fail(store, report, ItemError(item.id, str(exc), "store"), source)
            continue
        if stored.status == "new":
            report.new += 1
            report.events += stored.events
            new_rows.append(stored.row_id)
        elif stored.status == "near_duplicate":
            report.near_duplicate += 1
        else:
            report.duplicate += 1
    if link and new_rows:
        _, report.incidents = relink(
            store,
            date_from=min(dates, default=None),
            date_to=max(dates, default=None),
            article_ids=new_rows,
            window_days=window_days,
        )
    return report


def relink(
    store: Store,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    article_ids: Collection[int] = (),
    window_days: int = 3,
) -> tuple[int, int]:
    """Link again the events dated in ``[date_from, date_to]`` (widened by two linking
    windows, so reports a few days apart meet) and those of ``article_ids``, with every
    event already sharing an incident with them; replace their incidents. With no range
    and no articles, everything is linked again. Returns (events linked, incidents stored).
    """
    margin = dt.timedelta(days=2 * window_days)
    whole = date_from is None and date_to is None and not article_ids
    events = store.load_events(
        date_from=date_from - margin if date_from else None,
        date_to=date_to + margin if date_to else None,
        article_ids=article_ids,
    )
    if not whole:
        known = {event.event_id for event in events}
        partners = store.linked_event_ids(known) - known
        events.extend(store.load_events(event_ids=partners) if partners else ())
    incidents = link_events(events, window_days=window_days)
    stored = store.replace_incidents(incidents, scope=[event.event_id for event in events])
    return len(events), stored


def _fail(store: Store, report: IngestReport, error: ItemError, source: str) -> None:
    report.errors.append(error)
    store.record_error(error, source=source)
