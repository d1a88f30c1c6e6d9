"""Score predicted events against gold events, exactly as EVENTS.md section 4 says.

A prediction can match a gold event of the same article when the dates agree (by the gold
event's precision: exact for ``day``, ±3 days for ``week``, the same month for ``month``;
a null gold date wants a null predicted date) and the admin1 agrees (null = null). Among
the candidates the pair with the same sub-event type, then the nearest place, wins; pairs
are taken greedily by that score, one to one. Ties fall to the pair that agrees on more
scored fields, then to the closer date, then to file order, so results are deterministic.

A prediction that matches a ``background`` gold event is neutral: it counts neither in the
numerator nor in the denominator of precision. Predictions for articles missing from the
gold file are ignored and counted.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.errors import GoldFormatError, PredictionFormatError, RasdError
from rasd.geo import km
from rasd.text.normalize import normalize_key

FIELDS = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "fatalities",
    "event_date",
    "location",
)
WEEK_TOLERANCE_DAYS = 3
SAME_PLACE_KM = 25.0
PRECISIONS = ("day", "week", "month")
_LATIN_ARTICLE = re.compile(r"^(?:al|el|an|ar|as|ash|at|ath|ad|adh|az)\s+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NAME_PUNCT = re.compile(r"[-'\"`ʿʾ_.,()\s]+")

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class _Event:
    """An event as the scorer sees it: parsed date, location and the original record."""

    record: Mapping[str, Any]
    date: dt.date | None
    precision: str | None
    location: Mapping[str, Any]
    background: bool

    @property
    def admin1(self) -> Any:
        return self.location.get("admin1")


@dataclass(frozen=True, slots=True)
class ArticleReport:
    """What went wrong in one article: unmatched gold, unmatched predictions, wrong fields."""

    article_id: str
    misses: list[Record] = field(default_factory=list)
    false_positives: list[Record] = field(default_factory=list)
    wrong_fields: list[Record] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EvalResult:
    """Counts behind the scores; the scores themselves are derived properties."""

    predicted: int
    gold: int
    matched: int
    neutral: int
    background_gold: int
    gold_articles: int
    field_correct: Mapping[str, int]
    articles: list[ArticleReport]
    ignored_events: int = 0
    ignored_articles: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        if not self.predicted:
            return 1.0 if not self.gold else 0.0
        return self.matched / self.predicted

    @property
    def recall(self) -> float:
        if not self.gold:
            return 1.0 if not self.predicted else 0.0
        return self.matched / self.gold

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def field_accuracy(self) -> dict[str, float | None]:
        """Share of matched non-background pairs with the field right; None when none matched."""
        return {
            name: self.field_correct[name] / self.matched if self.matched else None
            for name in FIELDS
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": {
                "precision": self.precision,
                "recall": self.recall,
                "f1": self.f1,
                "predicted": self.predicted,
                "gold": self.gold,
                "matched": self.matched,
                "neutral": self.neutral,
                "background_gold": self.background_gold,
            },
            "fields": self.field_accuracy(),
            "gold_articles": self.gold_articles,
            "ignored": {"events": self.ignored_events, "articles": self.ignored_articles},
            "articles": [
                {
                    "article_id": report.article_id,
                    "misses": report.misses,
                    "false_positives": report.false_positives,
                    "wrong_fields": report.wrong_fields,
                }
                for report in self.articles
            ],
        }


def evaluate(gold_path: str | Path, pred_path: str | Path) -> EvalResult:
    """Read a gold file and a prediction file and score them."""
    return score(read_gold(gold_path), read_predictions(pred_path))


def score(
    gold: Mapping[str, Sequence[Mapping[str, Any]]],
    predictions: Mapping[str, Sequence[Mapping[str, Any]]],
) -> EvalResult:
    """Score predicted events against gold events, both keyed by article id."""
    counts = {"predicted": 0, "gold": 0, "matched": 0, "neutral": 0, "background_gold": 0}
    field_correct = dict.fromkeys(FIELDS, 0)
    reports: list[ArticleReport] = []
    for article_id, gold_records in gold.items():
        golds = [_event(r) for r in gold_records]
        preds = [_event(r) for r in predictions.get(article_id, ())]
        pairs = _match(preds, golds)
        report = ArticleReport(article_id)
        background = sum(g.background for g in golds)
        neutral = sum(golds[gi].background for gi, _ in pairs)
        counts["background_gold"] += background
        counts["gold"] += len(golds) - background
        counts["neutral"] += neutral
        counts["predicted"] += len(preds) - neutral
        for gi, pi in pairs:
            gold_event, pred_event = golds[gi], preds[pi]
            if gold_event.background:
                continue
            counts["matched"] += 1
            wrong = [name for name in FIELDS if not _field_agrees(name, pred_event, gold_event)]
            for name in FIELDS:
                field_correct[name] += name not in wrong
            if wrong:
                report.wrong_fields.append(
                    {
                        "fields": wrong,
                        "pred": _key_fields(pred_event),
                        "gold": _key_fields(gold_event),
                    }
                )
        matched_gold = {gi for gi, _ in pairs}
        matched_pred = {pi for _, pi in pairs}
        report.misses.extend(
            _key_fields(g)
            for gi, g in enumerate(golds)
            if gi not in matched_gold and not g.background
        )
        report.false_positives.extend(
            _key_fields(p) for pi, p in enumerate(preds) if pi not in matched_pred
        )
        if report.misses or report.false_positives or report.wrong_fields:
            reports.append(report)
    ignored = sorted(set(predictions) - set(gold))
    return EvalResult(
        **counts,
        gold_articles=len(gold),
        field_correct=field_correct,
        articles=reports,
        ignored_events=sum(len(predictions[a]) for a in ignored),
        ignored_articles=ignored,
    )


def _match(preds: Sequence[_Event], golds: Sequence[_Event]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by score; returns (gold index, prediction index) pairs."""
    candidates = sorted(
        (_pair_rank(p, g, gi, pi), gi, pi)
        for gi, g in enumerate(golds)
        for pi, p in enumerate(preds)
        if _dates_agree(p, g) and p.admin1 == g.admin1
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def _pair_rank(pred: _Event, gold: _Event, gi: int, pi: int) -> tuple[Any, ...]:
    """Lower ranks first: same sub-event type, nearest place, more fields agreeing, nearest date."""
    same_type = pred.record.get("sub_event_type") == gold.record.get("sub_event_type")
    agreeing = sum(_field_agrees(name, pred, gold) for name in FIELDS)
    days = abs((pred.date - gold.date).days) if pred.date and gold.date else 0
    return (not same_type, _place_gap_km(pred.location, gold.location), -agreeing, days, gi, pi)


def _dates_agree(pred: _Event, gold: _Event) -> bool:
    if gold.date is None or pred.date is None:
        return gold.date is None and pred.date is None
    if gold.precision == "week":
        return abs((pred.date - gold.date).days) <= WEEK_TOLERANCE_DAYS
    if gold.precision == "month":
        return (pred.date.year, pred.date.month) == (gold.date.year, gold.date.month)
    return pred.date == gold.date


def _field_agrees(name: str, pred: _Event, gold: _Event) -> bool:
    if name == "location":
        return _place_gap_km(pred.location, gold.location) <= SAME_PLACE_KM
    if name == "event_date":
        return pred.date == gold.date
    return bool(pred.record.get(name) == gold.record.get(name))


def _place_gap_km(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> float:
    """0 for the same place name (or no place on either side), else the distance, else inf."""
    pred_names, gold_names = _place_names(pred), _place_names(gold)
    if pred_names & gold_names:
        return 0.0
    pred_point, gold_point = _point(pred), _point(gold)
    if pred_point and gold_point:
        return km(*pred_point, *gold_point)
    if not (pred_names or gold_names or pred_point or gold_point):
        return 0.0
    return math.inf


def _place_names(location: Mapping[str, Any]) -> set[str]:
    names = [
        location.get("name_en"),
        location.get("name_ar"),
        *(location.get("alternatives") or ()),
    ]
    return {key for name in names if isinstance(name, str) and (key := name_key(name))}


def name_key(name: str) -> str:
    """A place name for comparison: Arabic folded, case and punctuation and the article dropped.

    ``al-Sukhnah``, ``Al Sukhnah`` and ``Sukhnah`` agree, as do ``السخنة`` and ``سخنه``.
    """
    key = _NAME_PUNCT.sub(" ", normalize_key(name).casefold()).strip()
    key = _LATIN_ARTICLE.sub("", key)
    key = key.removeprefix("ال")
    return key.replace(" ", "")


def _point(location: Mapping[str, Any]) -> tuple[float, float] | None:
    lat, lon = location.get("lat"), location.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lat), float(lon)
    return None


def _key_fields(event: _Event) -> Record:
    """The fields a reader needs to recognise an event in a miss / false-positive list."""
    record = event.record
    return {
        "event_date": record.get("event_date"),
        "date_precision": event.precision,
        "sub_event_type": record.get("sub_event_type"),
        "actor1": record.get("actor1"),
        "actor2": record.get("actor2"),
        "location": event.location.get("name_en") or event.location.get("name_ar"),
        "admin1": event.admin1,
        "fatalities": record.get("fatalities"),
    }


def _event(record: Mapping[str, Any]) -> _Event:
    location = record.get("location") or {}
    date = record.get("event_date")
    return _Event(
        record=record,
        date=dt.date.fromisoformat(date) if date else None,
        precision=record.get("date_precision"),
        location=location,
        background=bool(record.get("background")),
    )


def read_gold(path: str | Path) -> dict[str, list[Record]]:
    """Gold articles (EVENTS.md section 3) keyed by id, each with its list of events."""
    gold: dict[str, list[Record]] = {}
    for where, obj in _json_objects(path, GoldFormatError):
        article_id, events = obj.get("id"), obj.get("events")
        if not isinstance(article_id, str) or not article_id:
            raise GoldFormatError(f"{where}: a gold article needs a string 'id'")
        if not isinstance(events, list):
            raise GoldFormatError(f"{where}: article {article_id!r} has no 'events' list")
        if article_id in gold:
            raise GoldFormatError(f"{where}: article id {article_id!r} appears twice")
        gold[article_id] = [
            _checked(e, f"{where} event {i}", GoldFormatError) for i, e in enumerate(events)
        ]
    return gold


def read_predictions(path: str | Path) -> dict[str, list[Record]]:
    """Predicted events keyed by ``article_id``.

    A line may also be a whole article with ``id`` and ``events`` (a gold file), so a gold
    file can be scored against itself.
    """
    predictions: dict[str, list[Record]] = {}
    for where, obj in _json_objects(path, PredictionFormatError):
        if "article_id" in obj:
            article_id, events = obj["article_id"], [obj]
        elif isinstance(obj.get("events"), list):
            article_id, events = obj.get("id"), obj["events"]
        else:
            raise PredictionFormatError(f"{where}: an event needs an 'article_id'")
        if not isinstance(article_id, str) or not article_id:
            raise PredictionFormatError(f"{where}: the article id must be a non-empty string")
        predictions.setdefault(article_id, []).extend(
            _checked(e, where, PredictionFormatError) for e in events
        )
    return predictions


def _json_objects(path: str | Path, error: type[RasdError]) -> Iterator[tuple[str, Record]]:
    """(``path:line``, object) for each non-blank line; any defect raises ``error``."""
    try:
        with Path(path).open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{lineno}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise error(f"{where}: not valid JSON ({exc.msg})") from None
                if not isinstance(obj, dict):
                    raise error(f"{where}: expected a JSON object")
                yield where, obj
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror or exc}") from None


def _valid_date(value: Any) -> bool:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _checked(event: Any, where: str, error: type[RasdError]) -> Record:
    """``event`` if the fields the scorer relies on are well-formed; else ``error``."""
    if not isinstance(event, dict):
        raise error(f"{where}: an event must be a JSON object")
    date = event.get("event_date")
    if date is not None and not _valid_date(date):
        raise error(f"{where}: event_date {date!r} is not YYYY-MM-DD or null")
    if event.get("date_precision") not in (*PRECISIONS, None):
        raise error(f"{where}: date_precision must be one of {', '.join(PRECISIONS)} or null")
    if not isinstance(event.get("location") or {}, dict):
        raise error(f"{where}: location must be an object or null")
    return event
