"""Cross-article linking: article-level events that describe one real event → an incident.

Candidate pairs come from :mod:`rasd.link.blocking`, their scores from
:mod:`rasd.link.scoring`. Pairs of anchored events above the threshold are merged best
first (union-find); two groups merge only when every two of their members pass the hard
gates, so a chain A~B~C never joins events from one article, or places and days too far
apart. Then each under-specified event joins the single group it matches, if just one
does. Each group becomes an :class:`Incident` whose fields are consolidated from its
members, with the event each value came from.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import TypeVar

from rasd.link.blocking import anchored_pairs, day_order, underspecified_candidates
from rasd.link.scoring import EventFeatures, LinkConfig, PairScorer, load_config
from rasd.records import Event, Incident, Location

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2}
_CERTAINTY_RANK = {"claimed": 0, "reported": 1, "suspected": 2}
V = TypeVar("V", bound=Hashable)


def incident_id(event_ids: Sequence[str]) -> str:
    """A stable id: the same member events always give the same incident id."""
    digest = hashlib.sha1("\n".join(sorted(event_ids)).encode("utf-8")).hexdigest()
    return f"inc-{digest[:16]}"


class _Groups:
    """Union-find over events that merges two groups only if all their members may be one."""

    def __init__(self, feats: Sequence[EventFeatures], scorer: PairScorer) -> None:
        self.feats, self.scorer = feats, scorer
        self.parent = list(range(len(feats)))
        self.members: dict[int, list[int]] = {}  # by root, groups of two events or more

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def merge(self, ri: int, rj: int) -> None:
        """Merge two roots unless some two of their members fail the gates."""
        group_i, group_j = self.members.get(ri, [ri]), self.members.get(rj, [rj])
        feats, gates = self.feats, self.scorer.passes_gates
        if not all(gates(feats[x], feats[y]) for x in group_i for y in group_j):
            return
        if len(group_i) < len(group_j):
            ri, rj, group_i, group_j = rj, ri, group_j, group_i
        self.parent[rj] = ri
        self.members[ri] = group_i + group_j
        self.members.pop(rj, None)

    def groups(self) -> list[list[int]]:
        """Every group, lone events too, each sorted, in order of their first member."""
        lone = [[i] for i, root in enumerate(self.parent) if root == i and i not in self.members]
        return sorted([sorted(group) for group in self.members.values()] + lone)


def _cluster(feats: Sequence[EventFeatures], scorer: PairScorer) -> list[list[int]]:
    groups = _Groups(feats, scorer)
    threshold, weak_threshold = scorer.cfg.threshold, scorer.cfg.weak_threshold
    by_day = day_order(feats)
    pairs: list[tuple[float, int, int]] = []
    for i, j in anchored_pairs(feats, by_day, scorer):
        score = scorer.score(feats[i], feats[j], threshold)
        if score is not None:
            pairs.append((-score, min(i, j), max(i, j)))
    pairs.sort()  # best first; ties by event id order
    for _, i, j in pairs:
        ri, rj = groups.find(i), groups.find(j)
        if ri != rj:
            groups.merge(ri, rj)
    # An under-specified event joins the one group it matches, if there is just one.
    for i, candidates in underspecified_candidates(feats, by_day, scorer):
        a = feats[i]
        own = groups.find(i)
        targets: set[int] = set()
        for j in candidates:
            if scorer.score(a, feats[j], weak_threshold) is not None:
                targets.add(groups.find(j))
                targets.discard(own)
                if len(targets) > 1:
                    break  # ambiguous: no need to look further
        if len(targets) == 1:
            groups.merge(own, targets.pop())
    return groups.groups()


def _vote(
    pool: Sequence[Event],
    value: Callable[[Event], V | None],
    rank: Callable[[Event], int] = lambda e: 0,
) -> tuple[V | None, Event | None]:
    """The value of the best-ranked, most reported, most confident member, and that member.

    ``pool`` is in preference order, which also breaks the last ties.
    """
    groups: dict[V, list[Event]] = {}
    for event in pool:
        v = value(event)
        if v is not None:
            groups.setdefault(v, []).append(event)
    if len(groups) <= 1:  # the members agree (or say nothing): the common case
        for only_value, group in groups.items():
            return only_value, min(group, key=rank)
        return None, None

    def key(item: tuple[int, tuple[V, list[Event]]]) -> tuple[int, int, float, int]:
        order, (_, group) = item
        return (min(rank(e) for e in group), -len(group), -max(e.confidence for e in group), order)

    _, (best_value, group) = min(enumerate(groups.items()), key=key)
    return best_value, min(group, key=rank)


def _place_key(event: Event) -> tuple[str | None, ...] | None:
    loc = event.location
    if not (loc.admin1 or loc.name_en or loc.name_ar or loc.gazetteer_id):
        return None
    return (loc.gazetteer_id, loc.name_en, loc.name_ar, loc.admin1)


def _without(
    values: Sequence[str | None], excluded: set[str | None], wildcards: frozenset[str]
) -> list[str | None]:
    """Drop excluded values, and wildcards (``unidentified``) when something specific is left."""
    kept = [v for v in values if v not in excluded]
    specific = [v for v in kept if v not in wildcards]
    return specific if any(v is not None for v in specific) else kept


def _union(
    members: Sequence[Event], values: Callable[[Event], Sequence[str]]
) -> tuple[list[str], list[str]]:
    """Values in member order without repeats, and the ids of members that gave any."""
    seen: dict[str, None] = {}
    sources = []
    for event in members:
        got = values(event)
        if got:
            sources.append(event.event_id)
            seen.update(dict.fromkeys(got))
    return list(seen), sources


def consolidate(group: Sequence[Event], cfg: LinkConfig) -> Incident:
    """One incident from the events of one real event (see the module docstring)."""
    members = sorted(group, key=lambda e: (e.background, -e.confidence, e.event_id))
    news = [e for e in members if not e.background]
    pool = news or members
    provenance: dict[str, str] = {}

    def note(field_name: str, source: Event | None) -> None:
        if source is not None:
            provenance[field_name] = source.event_id

    date_value, date_src = _vote(
        pool,
        lambda e: (e.event_date, e.date_precision) if e.event_date else None,
        lambda e: _PRECISION_RANK.get(e.date_precision or "", 3),
    )
    event_date, date_precision = date_value if date_value else (None, None)
    note("event_date", date_src)
    note("date_precision", date_src)

    _, type_src = _vote(pool, lambda e: (e.event_type, e.sub_event_type))
    type_src = type_src or pool[0]
    note("event_type", type_src)
    note("sub_event_type", type_src)

    _, place_src = _vote(pool, _place_key, lambda e: e.location.geo_precision or 9)
    note("location", place_src)

    actor1_values = _without([e.actor1 for e in pool], set(), cfg.wildcards)
    actor1, actor1_src = _vote(
        [e for e in pool if e.actor1 in actor1_values],
        lambda e: e.actor1,
        lambda e: _CERTAINTY_RANK.get(e.actor1_certainty or "", 3),
    )
    note("actor1", actor1_src)
    note("actor1_certainty", actor1_src)
    actor2_values = _without([e.actor2 for e in pool], {actor1} - {None}, cfg.wildcards)
    actor2, actor2_src = _vote([e for e in pool if e.actor2 in actor2_values], lambda e: e.actor2)
    note("actor2", actor2_src)
    claimed_by, claim_src = _vote(pool, lambda e: e.claimed_by)
    note("claimed_by", claim_src)

    figures = [
        (n, e.event_id) for e in members for n in (e.fatalities, e.fatalities_max) if n is not None
    ]
    fatalities = fatalities_max = None
    if figures:
        low, high = min(figures), min(figures, key=lambda f: (-f[0], f[1]))
        fatalities, provenance["fatalities"] = low
        if high[0] > low[0]:
            fatalities_max, provenance["fatalities_max"] = high
    injured_figures = [(e.injured, e.event_id) for e in members if e.injured is not None]
    injured = None
    if injured_figures:
        injured, provenance["injured"] = min(injured_figures)

    excluded = {actor1, actor2}
    assoc1, src1 = _union(members, lambda e: [a for a in e.assoc_actor1 if a not in excluded])
    assoc2, src2 = _union(members, lambda e: [a for a in e.assoc_actor2 if a not in excluded])
    reported_by, src_rep = _union(members, lambda e: e.reported_by)
    for name, sources in (("assoc_actor1", src1), ("assoc_actor2", src2), ("reported_by", src_rep)):
        if sources:
            provenance[name] = ",".join(sorted(sources))

    best_per_article: dict[str, float] = {}
    for e in members:
        best_per_article[e.article_id] = max(best_per_article.get(e.article_id, 0.0), e.confidence)
    doubt = 1.0
    for confidence in best_per_article.values():
        doubt *= 1.0 - min(max(confidence, 0.0), 1.0)
    event_ids = sorted(e.event_id for e in members)
    return Incident(
        incident_id=incident_id(event_ids),
        event_ids=event_ids,
        article_ids=sorted(best_per_article),
        event_date=event_date,
        date_precision=date_precision,
        event_type=type_src.event_type,
        sub_event_type=type_src.sub_event_type,
        actor1=actor1,
        actor1_certainty=actor1_src.actor1_certainty if actor1_src else None,
        actor2=actor2,
        assoc_actor1=assoc1,
        assoc_actor2=assoc2,
        location=place_src.location if place_src else Location(),
        fatalities=fatalities,
        fatalities_max=fatalities_max,
        injured=injured,
        claimed_by=claimed_by,
        reported_by=reported_by,
        background=not news,
        provenance=provenance,
        confidence=round(1.0 - doubt if len(best_per_article) == 1 else min(1.0 - doubt, 0.99), 4),
    )


def link_events(
    events: Sequence[Event], *, window_days: int = 3, config: LinkConfig | None = None
) -> list[Incident]:
    """Group events of different articles that report the same real event.

    Pure and deterministic: the same events (in any order) give the same incidents, each
    event in exactly one incident (a lone event is an incident of one). Events repeated
    with the same ``event_id`` count once. Incidents come sorted by date (undated last).
    """
    cfg = config or load_config()
    with _without_cycle_collection():
        by_id = {e.event_id: e for e in reversed(events)}
        unique = [by_id[event_id] for event_id in sorted(by_id)]
        scorer = PairScorer(cfg, window_days)
        groups = _cluster([scorer.features(e) for e in unique], scorer)
        incidents = [consolidate([unique[i] for i in group], cfg) for group in groups]
    incidents.sort(key=lambda inc: (inc.event_date or dt.date.max, inc.incident_id))
    return incidents


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while linking builds its many small objects.

    Linking creates no reference cycles, yet each burst of allocations makes the collector
    walk every live object again; at 100k events that is a sixth of the run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
