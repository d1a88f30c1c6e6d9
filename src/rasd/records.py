"""Typed records that cross layers.

Every layer exchanges these dataclasses and nothing else: the text layer produces
:class:`Span`-based mentions, knowledge resolves them to ids and places, extraction
builds :class:`Event` records, and the faces serialise them with :meth:`Event.to_dict`.
Offsets are always character offsets into the *original* ``Article.text``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, TypeVar, cast

DatePrecision = Literal["day", "week", "month"]
Certainty = Literal["claimed", "reported", "suspected"]


@dataclass(frozen=True, slots=True)
class Article:
    """One input article as EVENTS.md section 1 defines it."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of the original text."""

    start: int
    end: int
    text: str


def make_span(start: int, end: int, text: str) -> Span:
    """``Span(start, end, text)``, made without the frozen dataclass's ``__init__``.

    That ``__init__`` sets each field through ``object.__setattr__`` and costs more than
    twice as much; the text layer makes a span for every mention, a hundred or more per
    article. The slots are set once, here, so the span is as immutable as any other.
    """
    span = _new_object(Span)
    _set_span_start(span, start)
    _set_span_end(span, end)
    _set_span_text(span, text)
    return span


_new_object = object.__new__
_set_span_start = Span.__dict__["start"].__set__
_set_span_end = Span.__dict__["end"].__set__
_set_span_text = Span.__dict__["text"].__set__

R = TypeVar("R")


def slot_constructor(cls: type[R]) -> Callable[..., R]:
    """A constructor of the frozen, slotted dataclass ``cls`` that sets its slots directly.

    As :func:`make_span` for :class:`Span`: the frozen ``__init__`` sets each field through
    ``object.__setattr__`` and costs about twice as much, and the text and knowledge layers
    make a few dozen such records an article. The code is generated, as :mod:`dataclasses`
    generates ``__init__``, one line a field. It takes every field, in order or by name:
    no default is filled in (and no ``__post_init__`` is called).
    """
    names = [f.name for f in fields(cast(Any, cls))]  # (no field is named with two "_")
    lines = [f"def make({', '.join(names)}):", "    __obj = __new(__cls)"]
    lines += [f"    __set_{name}(__obj, {name})" for name in names]
    namespace: dict[str, Any] = {"__new": _new_object, "__cls": cls}
    namespace.update({f"__set_{name}": cls.__dict__[name].__set__ for name in names})
    exec("\n".join([*lines, "    return __obj"]), namespace)
    return cast(Callable[..., R], namespace["make"])


@dataclass(frozen=True, slots=True)
class Mention:
    """Something found in the text: an actor, place, number, date, trigger or source.

    ``kind`` names the lexicon or parser that found it, ``value`` is what it resolved
    to (an actor id, a :class:`Location`, an int, a :class:`ResolvedDate`, ...),
    ``sentence`` the index of the sentence it lies in.
    """

    kind: str
    span: Span
    value: Any
    sentence: int = -1
    attrs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a field has its value: a slice of the original text."""

    field: str
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, name: str, span: Span) -> Evidence:
        return _make_evidence(name, span.start, span.end, span.text)


_make_evidence = slot_constructor(Evidence)


@dataclass(frozen=True, slots=True)
class Location:
    """A resolved place (EVENTS.md ``location``)."""

    name_en: str | None = None
    name_ar: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    gazetteer_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The same dict as :func:`dataclasses.asdict`, written out (see :meth:`Event.to_dict`)."""
        return {
            "name_en": self.name_en,
            "name_ar": self.name_ar,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "lat": self.lat,
            "lon": self.lon,
            "geo_precision": self.geo_precision,
            "gazetteer_id": self.gazetteer_id,
        }


make_location = slot_constructor(Location)
"""``Location(...)`` with every field given (see :func:`slot_constructor`)."""


@dataclass(slots=True)
class Event:
    """One output event (EVENTS.md section 2)."""

    event_id: str
    article_id: str
    event_date: dt.date | None
    date_precision: DatePrecision | None
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor1_certainty: Certainty | None = None
    actor2: str | None = None
    assoc_actor1: list[str] = field(default_factory=list)
    assoc_actor2: list[str] = field(default_factory=list)
    location: Location = field(default_factory=Location)
    fatalities: int | None = None
    fatalities_max: int | None = None
    injured: int | None = None
    claimed_by: str | None = None
    reported_by: list[str] = field(default_factory=list)
    background: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The event as a JSON-ready dict: :func:`dataclasses.asdict`'s keys, order and values,
        with the date in ISO form.

        Written out because ``asdict`` walks and deep-copies every value generically, which
        cost ``rasd extract`` a tenth of its time; ``tests/extract/test_event_dict.py`` checks
        that both give the same dict, so a new field must be added here too.
        """
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "date_precision": self.date_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "actor1_certainty": self.actor1_certainty,
            "actor2": self.actor2,
            "assoc_actor1": list(self.assoc_actor1),
            "assoc_actor2": list(self.assoc_actor2),
            "location": self.location.to_dict(),
            "fatalities": self.fatalities,
            "fatalities_max": self.fatalities_max,
            "injured": self.injured,
            "claimed_by": self.claimed_by,
            "reported_by": list(self.reported_by),
            "background": self.background,
            "evidence": [
                {"field": e.field, "start": e.start, "end": e.end, "text": e.text}
                for e in self.evidence
            ],
            "confidence": self.confidence,
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class ItemError:
    """A per-item failure: the batch goes on, this record says what and why."""

    item: str
    reason: str
    kind: str = "error"

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.kind, "item": self.item, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in text (``20 عنصرًا``، ``أربعة``، ``عنصرين``، ``عشرات``).

    ``value`` is None for 'several' (``عدد من``): how many is left to the coding rule.
    ``vague`` marks counts such as ``عشرات`` (10) or ``مئات`` (100); ``qualifier`` keeps
    ``at_least`` / ``about`` / ``more_than`` / ``less_than``.
    """

    value: int | None
    span: Span
    vague: bool = False
    qualifier: str | None = None
    dual: bool = False


make_quantity = slot_constructor(Quantity)
"""``Quantity(...)`` with every field given (see :func:`slot_constructor`)."""


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date phrase and what it resolves to against the article's publication date.

    ``date`` and ``precision`` are None when nothing fixes the day (e.g. ``أمس`` in an
    undated article); the span still points at the phrase. ``kind`` says what sort of
    phrase it is (``relative``, ``weekday``, ``day_month``, ``full``, ``month``, ``week``,
    ``report``...).
    """

    span: Span
    date: dt.date | None
    precision: DatePrecision | None
    kind: str
    night: bool = False


make_date_expr = slot_constructor(DateExpr)
"""``DateExpr(...)`` with every field given (see :func:`slot_constructor`)."""


@dataclass(slots=True)
class Incident:
    """One real-world event reported by one or more articles (cross-article merge).

    The event fields hold the consolidated values; ``fatalities`` is the lowest credible
    figure over all members and ``fatalities_max`` the highest (null when all agree, as
    for an :class:`Event`). ``provenance`` maps each field to the ``event_id`` its value
    came from (comma-joined ids for fields that are unions over members).
    """

    incident_id: str
    event_ids: list[str]
    article_ids: list[str]
    event_date: dt.date | None
    date_precision: DatePrecision | None
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor1_certainty: Certainty | None = None
    actor2: str | None = None
    assoc_actor1: list[str] = field(default_factory=list)
    assoc_actor2: list[str] = field(default_factory=list)
    location: Location = field(default_factory=Location)
    fatalities: int | None = None
    fatalities_max: int | None = None
    injured: int | None = None
    claimed_by: str | None = None
    reported_by: list[str] = field(default_factory=list)
    background: bool = False
    provenance: dict[str, str] = field(default_factory=dict)
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["event_date"] = self.event_date.isoformat() if self.event_date else None
        return out
