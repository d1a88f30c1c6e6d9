"""One event once: frames that tell the same event inside an article become one event.

The headline, the lead and the body repeat one attack; a claim and a mourning notice give it
two tolls. They merge when nothing tells them apart: no different day, no place farther than
:data:`SAME_PLACE_KM`, no opposing sides, no different means from the same source, no
'another' cue. Two attacks at two places, or a recalled (background) attack, stay apart.
"""

from __future__ import annotations

import datetime as dt

from rasd.extract.document import Doc, Item
from rasd.extract.frames import MEANS, Frame
from rasd.knowledge.actors import actor_camps
from rasd.knowledge.admin1 import governorate_names
from rasd.knowledge.gazetteer import km
from rasd.records import Location
from rasd.text.normalize import normalize_key

SAME_PLACE_KM = 30.0
# Two outlets may place one desert attack by two towns tens of kilometres apart
OTHER_REPORT_KM = 50.0
STRATEGIC = "Strategic developments"
BACKGROUND_DAYS = 7
# Sides: actors of one side may be named differently by two reports of the same attack.
PRO_GOVERNMENT = "government-2000-2024"  # a camp of actors.yaml


def place_km(a: Location, b: Location) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return km(a.lat, a.lon, b.lat, b.lon)


def same_side(a: str, b: str) -> bool:
    camps = actor_camps()
    return a == b or camps.get(a) == camps.get(b) == PRO_GOVERNMENT


def event_date(frame: Frame) -> dt.date | None:
    """The frame's own event date (a report date does not count)."""
    if frame.date is None or frame.date_is_report:
        return None
    value: dt.date | None = frame.date.value.date
    return value


def is_background(doc: Doc, frame: Frame) -> Item | None:
    """The cue that makes a frame background, or the date phrase when it is over a week
    older than the publication date. A date read off the page (no metadata) is too weak for
    that: a scraped page often shows the day it was captured or updated, not published."""
    cues = frame.cue("background")
    if cues:
        return cues[0]
    day = event_date(frame)
    if doc.ref_date_inferred:
        return None
    if day and doc.ref_date and (doc.ref_date - day).days > BACKGROUND_DAYS and frame.date:
        return frame.date
    return None


def regional(doc: Doc, it: Item) -> bool:
    """A region, or a bare governorate name (``في حمص`` in a headline names the province)."""
    if (it.value.geo_precision or 3) >= 3:
        return True
    # the name itself, without the relation before it ("جنوب شرق الرقة" names the province)
    start = getattr(it.source, "anchor_start", None)
    end = getattr(it.source, "anchor_end", None)
    name = doc.norm.text[start:end] if start is not None and end is not None else it.span.text
    if normalize_key(name) not in governorate_names():
        return False
    before = doc.words(doc.token_at(start) - 1, doc.token_at(start) - 1) if start else []
    return before != ["مدينه"] and doc.words(it.first - 1, it.first - 1) != ["مدينه"]


def _place_conflict(
    doc: Doc, a: Item | None, b: Item | None, radius: float = SAME_PLACE_KM
) -> bool:
    if a is None or b is None:
        return False
    la, lb = a.value, b.value
    if la.admin1 and lb.admin1 and la.admin1 != lb.admin1:
        return True
    if not regional(doc, a) and not regional(doc, b):
        if la.gazetteer_id and la.gazetteer_id == lb.gazetteer_id:
            return False
        dist = place_km(la, lb)
        return dist is not None and dist > radius
    return False


def _other_village(doc: Doc, a: Frame, b: Frame) -> bool:
    """Both frames name a precise place and not the same one."""
    if a.place is None or b.place is None or regional(doc, a.place) or regional(doc, b.place):
        return False
    ida, idb = a.place.value.gazetteer_id, b.place.value.gazetteer_id
    return bool(ida and idb and ida != idb)


def _actor_conflict(a: Item | None, b: Item | None) -> bool:
    return a is not None and b is not None and not same_side(str(a.value), str(b.value))


def _sides_conflict(a: Frame, b: Frame) -> bool:
    """The two frames put the sides the other way round (or name another attacker). A clash
    whose starter nobody named has no order, so only a side foreign to both conflicts."""
    if a.unordered or b.unordered:
        sides_a = {str(x.value) for x in (a.actor1, a.actor2) if x is not None}
        sides_b = {str(x.value) for x in (b.actor1, b.actor2) if x is not None}
        return bool(sides_a and sides_b) and not any(
            same_side(x, y) for x in sides_a for y in sides_b
        )
    if _actor_conflict(a.actor1, b.actor1):
        return True
    return (
        a.actor1 is not None
        and b.actor2 is not None
        and a.actor1.value == b.actor2.value
        and _actor_conflict(a.actor1, b.actor1)
    )


def _means(frames: list[Frame]) -> set[str]:
    out = set()
    for f in frames:
        best = f.best_trigger()
        if best and best[0].strength == MEANS:
            out.add(best[0].sub_event_type)
    return out


def source_names(frames: list[Frame]) -> set[str]:
    """The names of the sources the frames cite."""
    return {str(getattr(s.source, "name", s.value)) for f in frames for s in f.sources}


def _strategic_beside_deaths(event: list[Frame], frame: Frame) -> bool:
    """One side tells a campaign or a mine clearance, the other deaths."""

    def strategic(frames: list[Frame]) -> bool:
        return any(f.event_type() == STRATEGIC for f in frames)

    def deaths(frames: list[Frame]) -> bool:
        return any(f.killed or f.killed_words for f in frames)

    return (strategic([frame]) and deaths(event)) or (strategic(event) and deaths([frame]))


def compatible(doc: Doc, event: list[Frame], frame: Frame) -> bool:
    """Whether ``frame`` may tell the same event as the frames already in ``event``."""
    if (is_background(doc, event[0]) is None) != (is_background(doc, frame) is None):
        return False
    if frame.listed is not None and any(f.listed == frame.listed for f in event):
        return False  # villages listed as hit one by one are one event each
    day = event_date(frame)
    if day and any(event_date(f) not in (None, day) for f in event):
        return False
    # another source's report of an attack on the same side may place it by another town
    other_report = not (source_names([frame]) <= source_names(event)) and _same_target(event, frame)
    radius = OTHER_REPORT_KM if other_report else SAME_PLACE_KM
    if any(_place_conflict(doc, f.place, frame.place, radius) for f in event):
        return False
    if any(
        (f.listed is not None or frame.listed is not None) and _other_village(doc, f, frame)
        for f in event
    ):
        return False  # a village of a list is its own event, however near the others are
    if any(_sides_conflict(f, frame) for f in event):
        return False
    mine = _means([frame])
    theirs = _means(event)
    if mine and theirs and not mine & theirs:
        # a second report (a mourning notice after a claim) may name other means for the
        # same victims
        return frame.anaphoric or other_report
    kinds = {f.event_type() for f in event} - {None}
    if kinds and frame.event_type() and (STRATEGIC in kinds) != (frame.event_type() == STRATEGIC):
        return False  # a campaign or mine clearance is not the attack told beside it
    if _strategic_beside_deaths(event, frame):
        return False  # nor the deaths told beside it
    if frame.strength() not in (None, "generic") and kinds and frame.event_type() not in kinds:
        # one attack, several means: a blast or a missile that opens an ambush joins it
        if frame.strength() == MEANS:
            # "... كمين استهدف رتلا، حيث تم استهداف الرتل بالعبوات": the same sentence goes on
            same_sentence = any(f.sentences == frame.sentences for f in event)
            return frame.anaphoric or same_sentence or _same_target(event, frame)
        return all(f.strength() in (None, "generic") for f in event)
    return True


def _same_target(event: list[Frame], frame: Frame) -> bool:
    """The frame names the side the event hit (a blast that hits the ambushed convoy)."""
    return frame.actor2 is not None and any(
        f.actor2 is not None and same_side(str(f.actor2.value), str(frame.actor2.value))
        for f in event
    )


def _affinity(event: list[Frame], frame: Frame) -> float:
    score = 0.0
    if frame.anaphoric:
        score += 3
    sub = frame.sub_event_type()
    if sub and any(f.sub_event_type() == sub for f in event):
        score += 2
    if frame.killed and any(f.killed for f in event):
        score += 1
    # the same day told by both ("فجر الجمعة"): an undated account of a campaign is less alike
    day = event_date(frame)
    if day is not None and any(event_date(f) == day for f in event):
        score += 2
    if frame.place and any(
        f.place and f.place.value.gazetteer_id == frame.place.value.gazetteer_id for f in event
    ):
        score += 1
    return score - 0.2 * (frame.first - event[-1].first)


def merge_frames(doc: Doc, frames: list[Frame]) -> list[list[Frame]]:
    """Group frames into events, in reading order."""
    events: list[list[Frame]] = []
    for frame in frames:
        best: tuple[float, int] | None = None
        if not frame.another:
            for i, event in enumerate(events):
                if compatible(doc, event, frame):
                    score = _affinity(event, frame)
                    if best is None or score > best[0]:
                        best = (score, i)
        if best is None:
            if frame.kin and frame.actor1 is None and frame.actor2 is None:
                _take_sides(frame, events)
            events.append([frame])
        else:
            events[best[1]].append(frame)
    return events


def _take_sides(frame: Frame, events: list[list[Frame]]) -> None:
    """``استهداف آليتين أخريين``: the other vehicles hit, named with no side, belong to the
    sides of the last event of the same kind told before."""
    sub = frame.sub_event_type()
    kin = next((e for e in reversed(events) if any(f.sub_event_type() == sub for f in e)), [])
    frame.actor1 = next((f.actor1 for f in kin if f.actor1 is not None), None)
    frame.actor2 = next((f.actor2 for f in kin if f.actor2 is not None), None)
