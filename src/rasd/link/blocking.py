"""Candidate pairs for linking, so the cost grows with the events, not their square.

Anchored events (dated, placed on a town or near one) are compared only within one
governorate, within the date tolerance (a sorted sweep per date precision) and within
neighbouring grid cells, since places further apart than the place gate never link.

Under-specified events (no date, no place, or only a region) get a capped candidate
list: same place for undated ones, same or compatible sub-event type within the date
tolerance for the others (same governorate when it is known, else all). The linker
accepts only an unambiguous match among them.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from rasd.link.scoring import EventFeatures, PairScorer

KM_PER_DEGREE_LON_40N = 85.0
# Half of the 8 neighbours of a grid cell, so each neighbouring pair of cells is seen once.
_FORWARD_NEIGHBOURS = ((1, -1), (1, 0), (1, 1), (0, 1))
_ALL_NEIGHBOURS = tuple((dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1))


@dataclass(slots=True)
class _DayIndex:
    """Events of one date precision (one slack) sorted by day."""

    slack: int
    days: list[int] = field(default_factory=list)
    members: list[int] = field(default_factory=list)


def day_order(feats: Sequence[EventFeatures]) -> list[int]:
    """Indices of the dated events by day, then index: the order every index below is
    built in, so that no block needs a sort of its own."""
    days = [f.day or 0 for f in feats]
    return sorted((i for i, f in enumerate(feats) if f.day is not None), key=days.__getitem__)


def _index_block(feats: Sequence[EventFeatures], members: list[int]) -> list[_DayIndex]:
    """``members`` (in :func:`day_order`) by slack."""
    by_slack: dict[int, _DayIndex] = {}
    for i in members:
        f = feats[i]
        index = by_slack.get(f.slack)
        if index is None:
            index = by_slack[f.slack] = _DayIndex(f.slack)
        index.days.append(f.day or 0)
        index.members.append(i)
    return [by_slack[slack] for slack in sorted(by_slack)]


def _pairs_within(block: list[_DayIndex], window_days: int) -> Iterator[tuple[int, int]]:
    for gi, g in enumerate(block):
        for h in block[gi:]:
            tolerance = window_days + g.slack + h.slack
            for pos, (day, i) in enumerate(zip(g.days, g.members, strict=True)):
                lo = pos + 1 if h is g else bisect_left(h.days, day - tolerance)
                hi = bisect_right(h.days, day + tolerance)
                for j in h.members[lo:hi]:
                    yield i, j


def _pairs_across(
    left: list[_DayIndex], right: list[_DayIndex], window_days: int
) -> Iterator[tuple[int, int]]:
    for g in left:
        for h in right:
            tolerance = window_days + g.slack + h.slack
            for day, i in zip(g.days, g.members, strict=True):
                lo = bisect_left(h.days, day - tolerance)
                hi = bisect_right(h.days, day + tolerance)
                for j in h.members[lo:hi]:
                    yield i, j


_Cells = dict[tuple[str, int, int], list[_DayIndex]]


def _grid(feats: Sequence[EventFeatures], members: list[int], cell_km: float) -> _Cells:
    """Events (``members``, in :func:`day_order`) by (governorate, grid cell); a cell is
    ``cell_km`` wide or more."""
    cell_deg = max(cell_km, 0.1) / KM_PER_DEGREE_LON_40N
    cells: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for i in members:
        f = feats[i]
        x = math.floor(math.degrees(f.lat) / cell_deg)
        y = math.floor(math.degrees(f.lon) / cell_deg)
        cells[(f.admin1 or "", x, y)].append(i)
    return {cell: _index_block(feats, block) for cell, block in cells.items()}


def anchored_pairs(
    feats: Sequence[EventFeatures], by_day: Sequence[int], scorer: PairScorer
) -> Iterator[tuple[int, int]]:
    """Each candidate pair of anchored events once (indices into ``feats``; ``by_day``
    is their :func:`day_order`).

    Two events meet only in neighbouring cells of a grid as wide as the place gate of
    the coarser of the two, so two towns (gate 3 km) are compared far less often than
    two places "near" a town (gate 12 km).
    """
    by_precision: dict[int, list[int]] = defaultdict(list)
    for i in by_day:
        f = feats[i]
        if scorer.is_anchored(f) and f.precision is not None:
            by_precision[f.precision].append(i)
    levels = sorted(by_precision)
    window = scorer.window_days
    for q in levels:
        cell_km = scorer.cfg.max_km[q]
        coarse = _grid(feats, by_precision[q], cell_km)
        for (admin1, x, y), block in coarse.items():
            yield from _pairs_within(block, window)
            for dx, dy in _FORWARD_NEIGHBOURS:
                other = coarse.get((admin1, x + dx, y + dy))
                if other is not None:
                    yield from _pairs_across(block, other, window)
        for p in levels[: levels.index(q)]:
            fine = _grid(feats, by_precision[p], cell_km)
            for (admin1, x, y), block in coarse.items():
                for dx, dy in _ALL_NEIGHBOURS:
                    other = fine.get((admin1, x + dx, y + dy))
                    if other is not None:
                        yield from _pairs_across(block, other, window)


class _TypeDayIndex:
    """Dated events by (governorate or None for all, sub-event type, slack), sorted by day."""

    def __init__(self, feats: Sequence[EventFeatures], by_day: Sequence[int]) -> None:
        self.index: dict[tuple[str | None, str, int], tuple[list[int], list[int]]] = {}
        for i in by_day:
            f = feats[i]
            self._add((None, f.sub_event_type, f.slack), f.day or 0, i)
            if f.admin1:
                self._add((f.admin1, f.sub_event_type, f.slack), f.day or 0, i)
        self.slacks = sorted({slack for _, _, slack in self.index})

    def _add(self, key: tuple[str | None, str, int], day: int, i: int) -> None:
        entry = self.index.get(key)
        if entry is None:
            entry = self.index[key] = ([], [])
        entry[0].append(day)
        entry[1].append(i)

    def ranges(
        self, admin1: str | None, sub_event_types: frozenset[str], day: int, tolerance: int
    ) -> list[tuple[list[int], int, int]]:
        """Slices of events within ``tolerance`` plus their own slack of ``day``."""
        out = []
        for sub in sorted(sub_event_types):
            for slack in self.slacks:
                entry = self.index.get((admin1, sub, slack))
                if entry is not None:
                    days, members = entry
                    lo = bisect_left(days, day - tolerance - slack)
                    hi = bisect_right(days, day + tolerance + slack)
                    if hi > lo:
                        out.append((members, lo, hi))
        return out


def underspecified_candidates(
    feats: Sequence[EventFeatures], by_day: Sequence[int], scorer: PairScorer
) -> Iterator[tuple[int, Iterator[int]]]:
    """For each under-specified event, the events it may be (lazily; none when too many).

    ``by_day`` is the :func:`day_order` of ``feats``.
    """
    cfg = scorer.cfg
    by_place: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        if f.place_key is not None:
            by_place[(f.admin1, f.place_key)].append(i)
    by_type = _TypeDayIndex(feats, by_day)
    for i, f in enumerate(feats):
        if scorer.is_anchored(f) or (f.day is None and f.place_key is None):
            continue
        if f.day is None:
            same_place = by_place[(f.admin1, f.place_key or "")]
            ranges = [(same_place, 0, len(same_place))]
        else:
            related = cfg.related_sub_event_types.get(
                f.sub_event_type, frozenset({f.sub_event_type})
            )
            tolerance = scorer.window_days + f.slack
            ranges = by_type.ranges(f.admin1 or None, related, f.day, tolerance)
        if 1 < sum(hi - lo for _, lo, hi in ranges) <= cfg.weak_max_candidates + 1:
            yield i, _members(ranges, i)


def _members(ranges: list[tuple[list[int], int, int]], skip: int) -> Iterator[int]:
    for members, lo, hi in ranges:
        for k in range(lo, hi):
            if members[k] != skip:
                yield members[k]
