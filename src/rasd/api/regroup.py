"""A reviewer's merge and split of incidents: the regrouped events are consolidated the way
the linker consolidates (rasd.link.linker.consolidate), then stored as fixed incidents."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from rasd.link.linker import consolidate
from rasd.link.scoring import load_config
from rasd.store import NotReviewableError, Store


def merge(store: Store, incident_ids: Sequence[str], *, who: str) -> dict[str, Any]:
    """One incident from the events of ``incident_ids``; returns it."""
    ids = list(dict.fromkeys(incident_ids))
    if len(ids) < 2:
        raise NotReviewableError("a merge needs two different incidents")
    members = [e for i in ids for e in store.get_record("incident", i)["event_ids"]]
    merged = consolidate(store.load_events(event_ids=members), load_config())
    store.regroup_incidents(ids, [merged], who=who, action="merge")
    return store.get_record("incident", merged.incident_id)


def split(
    store: Store, incident_id: str, moved: Collection[str], *, who: str
) -> list[dict[str, Any]]:
    """Move the events ``moved`` out of an incident into a new one; returns both."""
    members = store.get_record("incident", incident_id)["event_ids"]
    leaving = set(moved)
    if not leaving <= set(members):
        raise NotReviewableError(
            f"{sorted(leaving - set(members))} are not events of {incident_id}"
        )
    if leaving == set(members):
        raise NotReviewableError("a split must leave at least one event in the incident")
    events = store.load_events(event_ids=members)
    config = load_config()
    parts = [
        consolidate([e for e in events if e.event_id not in leaving], config),
        consolidate([e for e in events if e.event_id in leaving], config),
    ]
    store.regroup_incidents([incident_id], parts, who=who, action="split")
    return [store.get_record("incident", part.incident_id) for part in parts]
