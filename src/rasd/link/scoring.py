"""How alike two article-level events are: hard gates and a weighted score.

Weights, thresholds and compatible sub-event types come from ``knowledge/data/linking.yaml``,
actor camps from ``knowledge/data/actors.yaml``. Each event is reduced once to
:class:`EventFeatures` so that scoring a pair is a handful of comparisons (linking scores
millions of pairs).
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from rasd.geo import EARTH_RADIUS_KM, haversine_km
from rasd.knowledge.actors import actor_camps
from rasd.records import Event
from rasd.text.normalize import normalize_key
from rasd.text.tokens import PROCLITICS

_WORD_RE = re.compile(r"[^\W\d_]{2,}")
T = TypeVar("T", bound=Hashable)


class LinkingConfigError(ValueError):
    """``linking.yaml`` (or a replacement given by path) is missing a key or has a bad value."""


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """The contents of ``linking.yaml``, checked and ready for fast lookups."""

    threshold: float
    weak_threshold: float
    weak_max_candidates: int
    date_slack: Mapping[str, int]
    w_date: float
    w_place: float
    w_same_admin1: float
    w_actors: float
    w_sub_event_type: float
    w_fatalities: float
    w_text: float
    p_actor: float
    p_sub_event_type: float
    p_fatalities: float
    radius_km: Mapping[int, float]
    max_km: Mapping[int, float]
    swapped_factor: float
    compatible_factor: float
    wildcards: frozenset[str]
    camp_of: Mapping[str, str]
    compatible_sub_event_types: frozenset[tuple[str, str]]
    related_sub_event_types: Mapping[str, frozenset[str]]  # itself and its compatible types
    fat_min_ratio: float
    fat_abs_tolerance: int
    text_fields: frozenset[str]


def _related(pairs: set[tuple[str, str]]) -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = {}
    for a, b in pairs:
        related.setdefault(a, {a}).add(b)
        related.setdefault(b, {b}).add(a)
    return {k: frozenset(v) for k, v in related.items()}


def _parse_config(raw: Mapping[str, Any]) -> LinkConfig:
    try:
        weights, penalties = raw["weights"], raw["penalties"]
        actors, place = raw["actors"], raw["place"]
        pairs = {(str(a), str(b)) for a, b in raw["compatible_sub_event_types"]}
        return LinkConfig(
            threshold=float(raw["threshold"]),
            weak_threshold=float(raw["underspecified"]["threshold"]),
            weak_max_candidates=int(raw["underspecified"]["max_candidates"]),
            date_slack={str(k): int(v) for k, v in raw["date_slack_days"].items()},
            w_date=float(weights["date"]),
            w_place=float(weights["place"]),
            w_same_admin1=float(weights["same_admin1"]),
            w_actors=float(weights["actors"]),
            w_sub_event_type=float(weights["sub_event_type"]),
            w_fatalities=float(weights["fatalities"]),
            w_text=float(weights["text"]),
            p_actor=float(penalties["actor_conflict"]),
            p_sub_event_type=float(penalties["sub_event_type_conflict"]),
            p_fatalities=float(penalties["fatalities_conflict"]),
            radius_km={int(k): float(v) for k, v in place["radius_km"].items()},
            max_km={int(k): float(v) for k, v in place["max_km"].items()},
            swapped_factor=float(actors["swapped_factor"]),
            compatible_factor=float(actors["compatible_factor"]),
            wildcards=frozenset(actors["wildcards"]),
            camp_of=actor_camps(),
            compatible_sub_event_types=frozenset(pairs | {(b, a) for a, b in pairs}),
            related_sub_event_types=_related(pairs),
            fat_min_ratio=float(raw["fatalities"]["min_ratio"]),
            fat_abs_tolerance=int(raw["fatalities"]["abs_tolerance"]),
            text_fields=frozenset(raw["text_fields"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LinkingConfigError(f"bad linking configuration: {exc!r}") from exc


@lru_cache(maxsize=8)
def load_config(path: Path | None = None) -> LinkConfig:
    """The linking configuration: the bundled ``linking.yaml`` unless ``path`` is given."""
    try:
        if path is None:
            source = resources.files("rasd.knowledge").joinpath("data/linking.yaml")
            raw = yaml.safe_load(source.read_text(encoding="utf-8"))
        else:
            raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LinkingConfigError(f"cannot read linking configuration: {exc}") from exc
    if not isinstance(raw, Mapping):
        raise LinkingConfigError("linking configuration must be a YAML mapping")
    return _parse_config(raw)


@dataclass(slots=True)
class EventFeatures:
    """What linking needs of one event, precomputed once (:meth:`PairScorer.features`)."""

    event_id: str
    article_id: str
    day: int | None  # proleptic ordinal of event_date
    slack: int
    admin1: str | None
    place_key: str | None
    precision: int | None  # geo_precision, when coordinates are known
    lat: float  # radians (0.0 when unknown)
    lon: float
    cos_lat: float
    x: float  # the point on the unit sphere
    y: float
    z: float
    side1: frozenset[str]
    side2: frozenset[str]
    event_type: str
    sub_event_type: str
    fat_lo: int | None
    fat_hi: int | None
    words: frozenset[str]
    kind: int  # one id per (sides, event type, sub-event type) pattern


@lru_cache(maxsize=1 << 16)
def _bare_word(word: str) -> str:
    """``word`` without a leading proclitic, if a stem of three letters or more is left."""
    for prefix in PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word


@lru_cache(maxsize=1 << 14)
def _text_words(text: str) -> frozenset[str]:
    return frozenset(_bare_word(w) for w in _WORD_RE.findall(normalize_key(text)))


def trigger_words(event: Event, fields: frozenset[str]) -> frozenset[str]:
    """Normalised words of the trigger evidence and notes, without proclitics."""
    parts = [ev.text for ev in event.evidence if ev.field in fields]
    if event.notes:
        parts.append(event.notes)
    return _text_words(" ".join(parts)) if parts else frozenset()


def distance_km(a: EventFeatures, b: EventFeatures) -> float:
    """Great-circle distance of two events' places (both must have coordinates)."""
    return haversine_km(a.lat, a.lon, a.cos_lat, b.lat, b.lon, b.cos_lat)


def _chord2(a: EventFeatures, b: EventFeatures) -> float:
    """Squared straight-line distance between the points on the unit sphere: it orders
    pairs as the great-circle distance does, with no trigonometry per pair."""
    dx, dy, dz = a.x - b.x, a.y - b.y, a.z - b.z
    return dx * dx + dy * dy + dz * dz


# latitude, longitude (radians), cosine of the latitude, the point on the unit sphere
_Point = tuple[float, float, float, float, float, float]
_NOWHERE: _Point = (0.0, 0.0, 1.0, 1.0, 0.0, 0.0)


def _chord2_of_km(km: float) -> float:
    return (2 * math.sin(min(km / (2 * EARTH_RADIUS_KM), math.pi / 2))) ** 2


class PairScorer:
    """Gates and scores under one configuration and date window.

    Actor and sub-event-type agreement depend only on the two events' actor sets and
    types, which repeat endlessly across events, so their scores are cached; they also
    give a cheap bound that skips most candidate pairs before any distance is computed.
    """

    def __init__(self, cfg: LinkConfig, window_days: int) -> None:
        self.cfg = cfg
        self.window_days = window_days
        self._kinds: dict[tuple[frozenset[str], frozenset[str], str, str], int] = {}
        self._kind_scores: dict[tuple[int, int], float] = {}
        self._values: dict[Hashable, Any] = {}
        self._points: dict[tuple[float, float], _Point] = {}
        self._rest_max = cfg.w_date + cfg.w_place + cfg.w_fatalities + cfg.w_text
        self._rest_max_unplaced = self._rest_max - cfg.w_place + cfg.w_same_admin1
        self._max_chord2 = {p: _chord2_of_km(km) for p, km in cfg.max_km.items()}

    def features(self, event: Event) -> EventFeatures:
        """What linking needs of one event.

        Values that many events have (a place, a day, a pair of sides) are kept once and
        shared, so the features of 100,000 events stay small enough for the processor's
        caches.
        """
        loc = event.location
        if loc.lat is not None and loc.lon is not None:
            point = self._point(loc.lat, loc.lon)
            precision: int | None = loc.geo_precision or 2
        else:
            point, precision = _NOWHERE, None
        lat, lon, cos_lat, x, y, z = point
        if loc.gazetteer_id:
            place_key: str | None = self._shared(f"gaz:{loc.gazetteer_id}")
        elif loc.name_en or loc.name_ar:
            place_key = self._shared(f"name:{normalize_key(loc.name_en or loc.name_ar or '')}")
        else:
            place_key = None
        figures = [n for n in (event.fatalities, event.fatalities_max) if n is not None]
        side1 = self._shared(frozenset(a for a in (event.actor1, *event.assoc_actor1) if a))
        side2 = self._shared(frozenset(a for a in (event.actor2, *event.assoc_actor2) if a))
        kind = (side1, side2, event.event_type, event.sub_event_type)
        return EventFeatures(
            event_id=event.event_id,
            article_id=event.article_id,
            day=self._shared(event.event_date.toordinal()) if event.event_date else None,
            slack=self.cfg.date_slack.get(event.date_precision or "day", 0),
            admin1=loc.admin1,
            place_key=place_key,
            precision=precision,
            lat=lat,
            lon=lon,
            cos_lat=cos_lat,
            x=x,
            y=y,
            z=z,
            side1=side1,
            side2=side2,
            event_type=event.event_type,
            sub_event_type=event.sub_event_type,
            fat_lo=min(figures) if figures else None,
            fat_hi=max(figures) if figures else None,
            words=trigger_words(event, self.cfg.text_fields),
            kind=self._kinds.setdefault(kind, len(self._kinds)),
        )

    def _shared(self, value: T) -> T:
        """The one copy of ``value`` that the features of all events refer to."""
        return self._values.setdefault(value, value)

    def _point(self, lat_deg: float, lon_deg: float) -> _Point:
        key = (lat_deg, lon_deg)
        point = self._points.get(key)
        if point is None:
            lat, lon = math.radians(lat_deg), math.radians(lon_deg)
            cos_lat, sin_lat = math.cos(lat), math.sin(lat)
            x, y = cos_lat * math.cos(lon), cos_lat * math.sin(lon)
            point = self._points[key] = (lat, lon, cos_lat, x, y, sin_lat)
        return point

    def _kind_score(self, a: EventFeatures, b: EventFeatures) -> float:
        """Actor and sub-event type agreement, cached per pair of patterns."""
        key = (a.kind, b.kind)
        value = self._kind_scores.get(key)
        if value is None:
            value = self._kind_scores[key] = self._actor_score(a, b) + self._type_score(a, b)
        return value

    def is_anchored(self, f: EventFeatures) -> bool:
        """Dated and placed precisely enough for the place gate to apply."""
        return f.day is not None and f.precision is not None and f.precision in self.cfg.max_km

    def _too_far(self, a: EventFeatures, b: EventFeatures) -> bool:
        """Whether both places are precise enough for the place gate and further apart."""
        if a.precision is None or b.precision is None or (a.lat == b.lat and a.lon == b.lon):
            return False
        limit = self._max_chord2.get(max(a.precision, b.precision))
        return limit is not None and _chord2(a, b) > limit

    def passes_gates(self, a: EventFeatures, b: EventFeatures) -> bool:
        """False when the two events cannot be one event whatever else agrees."""
        if a.article_id == b.article_id or (a.admin1 and b.admin1 and a.admin1 != b.admin1):
            return False
        if (
            a.day is not None
            and b.day is not None
            and abs(a.day - b.day) > self.window_days + a.slack + b.slack
        ):
            return False
        return not self._too_far(a, b)

    def score(self, a: EventFeatures, b: EventFeatures, threshold: float) -> float | None:
        """Evidence that two events are one, or None when it is below ``threshold``.

        None also when the pair fails :meth:`passes_gates`. The cheap parts come first.
        """
        cfg = self.cfg
        placed = a.precision is not None and b.precision is not None
        # the most the parts not yet scored can add; a pair that cannot reach the
        # threshold is dropped before its distance is computed
        rest = self._rest_max if placed else self._rest_max_unplaced
        score = self._kind_score(a, b)
        if a.day is not None and b.day is not None:
            days, tolerance = abs(a.day - b.day), self.window_days + a.slack + b.slack
            if days > tolerance:
                return None
            score += cfg.w_date * (1 - days / (tolerance + 1))
            rest -= cfg.w_date
        if score + rest < threshold:
            return None
        if a.article_id == b.article_id or (a.admin1 and b.admin1 and a.admin1 != b.admin1):
            return None
        if self._too_far(a, b):
            return None
        score += self._place_score(a, b) + self._fatality_score(a, b)
        if a.words and b.words and score + cfg.w_text >= threshold:
            score += cfg.w_text * len(a.words & b.words) / len(a.words | b.words)
        return score if score >= threshold else None

    def _side_match(self, x: frozenset[str], y: frozenset[str]) -> float | None:
        """1 same actor, compatible_factor same camp or a wildcard, 0 unknown, None conflict."""
        cfg = self.cfg
        if not x or not y:
            return 0.0
        if x & y:
            return 1.0
        if x & cfg.wildcards or y & cfg.wildcards:
            return cfg.compatible_factor
        camps_x = {cfg.camp_of.get(a) for a in x} - {None}
        if camps_x & {cfg.camp_of.get(a) for a in y}:
            return cfg.compatible_factor
        return None

    def _actor_score(self, a: EventFeatures, b: EventFeatures) -> float:
        cfg = self.cfg
        best: float | None = None
        s1, s2 = self._side_match(a.side1, b.side1), self._side_match(a.side2, b.side2)
        if s1 is not None and s2 is not None:
            best = cfg.w_actors * (s1 + s2) / 2
        x1, x2 = self._side_match(a.side1, b.side2), self._side_match(a.side2, b.side1)
        if x1 is not None and x2 is not None and (x1 > 0 or x2 > 0):
            swapped = cfg.w_actors * cfg.swapped_factor * (x1 + x2) / 2
            best = swapped if best is None else max(best, swapped)
        return -cfg.p_actor if best is None else best

    def _type_score(self, a: EventFeatures, b: EventFeatures) -> float:
        cfg = self.cfg
        if a.sub_event_type == b.sub_event_type:
            return cfg.w_sub_event_type
        if (a.sub_event_type, b.sub_event_type) in cfg.compatible_sub_event_types:
            return cfg.w_sub_event_type * 0.5
        return 0.0 if a.event_type == b.event_type else -cfg.p_sub_event_type

    def _place_score(self, a: EventFeatures, b: EventFeatures) -> float:
        cfg = self.cfg
        if a.precision is None or b.precision is None:
            return cfg.w_same_admin1 if a.admin1 and a.admin1 == b.admin1 else 0.0
        coarse = max(a.precision, b.precision)
        radius, limit = cfg.radius_km.get(coarse), cfg.max_km.get(coarse)
        if radius is None or limit is None:  # only a region is known
            return cfg.w_same_admin1
        if a.place_key is not None and a.place_key == b.place_key:
            return cfg.w_place
        km = distance_km(a, b)
        if km <= radius:
            return cfg.w_place * (1 - 0.5 * km / radius)
        return -cfg.w_place * (km - radius) / (limit - radius)

    def _fatality_score(self, a: EventFeatures, b: EventFeatures) -> float:
        cfg = self.cfg
        if a.fat_lo is None or b.fat_lo is None or a.fat_hi is None or b.fat_hi is None:
            return 0.0
        low, high = min(a.fat_hi, b.fat_hi), max(a.fat_lo, b.fat_lo)
        if high <= low:  # the ranges overlap
            return cfg.w_fatalities
        if high - low <= cfg.fat_abs_tolerance or low / high >= cfg.fat_min_ratio:
            return cfg.w_fatalities
        return -cfg.p_fatalities
