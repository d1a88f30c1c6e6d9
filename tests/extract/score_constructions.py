"""The construction suite: hand-written Arabic cases with the events a careful coder expects.

Each YAML file under ``tests/extract/data/`` is one *family* of constructions (event types,
argument structures, counts, sources, dates, not-news, grouping, places) and holds a list of
cases (see ``tests/extract/README.md``). This module loads the cases, runs the extractor on
each exactly as ``rasd extract`` does (``rasd.extract.pipeline.extract(Article)``), matches
the predicted events to the expected ones with the project scorer (``rasd.eval.scorer``,
EVENTS.md section 4) and reports, per case, what is missing, what is extra and which
fields differ.

Run it as a script for the whole picture (per-case pass/fail with diffs, event P/R/F1 and
per-field accuracy)::

    .venv/bin/python tests/extract/score_constructions.py            # everything
    .venv/bin/python tests/extract/score_constructions.py --failures # only failing cases
    .venv/bin/python tests/extract/score_constructions.py -k dates   # ids/families matching
    .venv/bin/python tests/extract/score_constructions.py --export-gold out/constructions.gold.jsonl

An expected event only states the fields the case is about. The scorer's matching needs the
date (``event_date`` + ``date_precision``) and ``admin1``; every other field is compared only
when the case states it (``null`` states "must be null"; leaving the key out states nothing).
``location`` is compared (same name or <= 25 km, the scorer's rule) when it carries a name or a
point. A ``background: true`` event may be left out by the extractor; if a prediction matches
it, the prediction is neutral, as in the scorer, and only its ``background`` flag is checked.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE / "data"
REPO = HERE.parents[1]
SHARED_SPEC = REPO.parent / "shared" / "spec"

if str(REPO / "src") not in sys.path:  # run as a script from a checkout without install
    sys.path.insert(0, str(REPO / "src"))

from rasd.eval import scorer  # noqa: E402
from rasd.records import Article  # noqa: E402
from rasd.schema import event_fields  # noqa: E402

SCORER_FIELDS: tuple[str, ...] = tuple(scorer.FIELDS)
"""Fields the project scorer compares on matched pairs (EVENTS.md section 4)."""

STATED_FIELDS = tuple(f.name for f in event_fields() if f.name not in ("confidence", "notes"))
"""Spec fields a case may state: not the extractor's own score and remarks."""

EXTRA_FIELDS = (*(n for n in STATED_FIELDS if n not in SCORER_FIELDS), "geo_precision")
"""Spec fields the scorer does not compare but a case may pin down."""

LIST_FIELDS = frozenset({"assoc_actor1", "assoc_actor2", "reported_by"})
LOCATION_KEYS = frozenset(
    {"name_en", "name_ar", "admin1", "lat", "lon", "geo_precision", "alternatives"}
)
EVENT_KEYS = frozenset({*STATED_FIELDS, "admin1", "note"})
CASE_KEYS = frozenset(
    {"id", "construction", "published", "outlet", "url", "text", "expect", "note", "tags"}
)
PRECISIONS = ("day", "week", "month")


# ---------------------------------------------------------------------------------------
# spec tables


def _spec_file(name: str) -> Path:
    """A spec table: ``../shared/spec`` when present, else the copy in the package data."""
    shared = SHARED_SPEC / name
    if shared.is_file():
        return shared
    return REPO / "src" / "rasd" / "knowledge" / "data" / name


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(
            csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        )


def event_types() -> dict[str, str]:
    """sub_event_type -> event_type, from event_types.tsv."""
    return {r["sub_event_type"]: r["event_type"] for r in _tsv(_spec_file("event_types.tsv"))}


def admin1_names() -> set[str]:
    return {r["admin1"] for r in _tsv(_spec_file("admin1.tsv"))}


def actor_table() -> dict[str, tuple[dt.date | None, dt.date | None]] | None:
    """Actor id -> (valid_from, valid_to) from ``shared/spec/actors.tsv``; None if absent."""
    path = SHARED_SPEC / "actors.tsv"
    if not path.is_file():
        return None
    out: dict[str, tuple[dt.date | None, dt.date | None]] = {}
    for r in _tsv(path):
        start = dt.date.fromisoformat(r["valid_from"]) if r.get("valid_from") else None
        end = dt.date.fromisoformat(r["valid_to"]) if r.get("valid_to") else None
        out[r["id"]] = (start, end)
    return out


# ---------------------------------------------------------------------------------------
# cases


@dataclass
class Case:
    id: str
    family: str
    construction: str
    published: dt.date | None
    text: str
    expect: list[dict[str, Any]]
    checked: list[frozenset[str]]
    outlet: str | None = None
    url: str | None = None
    note: str | None = None
    source: str = ""

    def article(self) -> Article:
        return Article(
            id=self.id, text=self.text, url=self.url, outlet=self.outlet, published=self.published
        )


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def normalise_expected(
    raw: Mapping[str, Any], types: Mapping[str, str]
) -> tuple[dict[str, Any], frozenset[str]]:
    """A YAML expectation as a gold record (EVENTS.md section 3) and the fields it states."""
    event: dict[str, Any] = {k: v for k, v in raw.items() if k not in ("location", "admin1")}
    checked = {k for k in raw if k not in ("note", "location", "admin1")}
    location = dict(raw.get("location") or {})
    if "admin1" in raw:
        location["admin1"] = raw["admin1"]
    location.setdefault("admin1", None)
    event["location"] = location
    if location.keys() & {"name_en", "name_ar", "lat", "lon"}:
        checked.add("location")
    if "geo_precision" in location:
        checked.add("geo_precision")
    event["event_date"] = _iso(raw.get("event_date"))
    if "date_precision" not in raw:
        event["date_precision"] = "day" if event["event_date"] else None
    if "sub_event_type" in raw and "event_type" not in raw:
        event["event_type"] = types.get(raw["sub_event_type"])
        checked.add("event_type")
    for name in LIST_FIELDS & raw.keys():
        event[name] = list(raw[name] or [])
    event["background"] = bool(raw.get("background", False))
    return event, frozenset(checked)


def load_cases(paths: Iterable[Path] | None = None) -> list[Case]:
    """Every case of every YAML file under ``data/`` (or of ``paths``), in file order."""
    types = event_types()
    files = sorted(paths) if paths is not None else sorted(DATA_DIR.glob("*.yaml"))
    cases: list[Case] = []
    for path in files:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        items = loaded.get("cases", []) if isinstance(loaded, dict) else loaded
        for raw in items:
            expect, checked = [], []
            for exp in raw.get("expect") or []:
                event, fields = normalise_expected(exp, types)
                expect.append(event)
                checked.append(fields)
            cases.append(
                Case(
                    id=str(raw["id"]),
                    family=path.stem,
                    construction=str(raw.get("construction", "")),
                    published=_date(raw.get("published")),
                    text=str(raw["text"]).strip("\n"),
                    expect=expect,
                    checked=checked,
                    outlet=raw.get("outlet"),
                    url=raw.get("url"),
                    note=raw.get("note"),
                    source=path.name,
                )
            )
    return cases


# ---------------------------------------------------------------------------------------
# well-formedness of the suite (a failure here is a bug in the suite, not in the extractor)

_WEEKDAYS = {
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الاربعاء": 2, "الخميس": 3,
    "الجمعة": 4, "السبت": 5, "الأحد": 6, "الاحد": 6,
}  # fmt: skip
_MONTHS = {
    "كانون الثاني": 1, "يناير": 1, "شباط": 2, "فبراير": 2, "آذار": 3, "اذار": 3, "مارس": 3,
    "نيسان": 4, "أبريل": 4, "ابريل": 4, "أيار": 5, "ايار": 5, "مايو": 5, "حزيران": 6,
    "يونيو": 6, "تموز": 7, "يوليو": 7, "آب": 8, "اب": 8, "أغسطس": 8, "اغسطس": 8,
    "أيلول": 9, "ايلول": 9, "سبتمبر": 9, "تشرين الأول": 10, "أكتوبر": 10, "اكتوبر": 10,
    "تشرين الثاني": 11, "نوفمبر": 11, "كانون الأول": 12, "ديسمبر": 12,
}  # fmt: skip
_WEEKDAY_DATE = re.compile(
    r"(?P<wd>" + "|".join(_WEEKDAYS) + r")\s*[،,]?\s*(?:الموافق\s+)?(?P<day>\d{1,2})\s+"
    r"(?:من\s+)?(?:شهر\s+)?(?P<month>"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")(?:\s*/\s*\S+)?(?:\s+(?:عام\s+)?(?P<year>(?:19|20)\d\d))?"
)


_RELATIVE_WEEKDAY = re.compile(
    r"(?P<rel>اليوم|أمس الأول|أول أمس|أمس)\s*[،,]?\s*(?:يوم\s+)?(?P<wd>"
    + "|".join(_WEEKDAYS)
    + r")(?![\u0621-\u064a])"
)
_OFFSETS = {"اليوم": 0, "أمس": 1, "أمس الأول": 2, "أول أمس": 2}


def weekday_problems(case: Case) -> list[str]:
    """Weekday phrases that contradict the calendar.

    '<weekday> <day> <month> [year]' must fit a plausible year, and 'اليوم الثلاثاء' /
    'أمس الاثنين' must name the weekday of the publication date (minus the offset).
    """
    problems = []
    if case.published:
        for m in _RELATIVE_WEEKDAY.finditer(case.text):
            day = case.published - dt.timedelta(days=_OFFSETS[m["rel"]])
            if day.weekday() != _WEEKDAYS[m["wd"]]:
                problems.append(f"{case.id}: {m.group(0)!r} but that day is {day:%A}")
    for m in _WEEKDAY_DATE.finditer(case.text):
        wd, day, month = _WEEKDAYS[m["wd"]], int(m["day"]), _MONTHS[m["month"]]
        if m["year"]:
            years = [int(m["year"])]
        elif case.published:
            years = [case.published.year, case.published.year - 1]
        else:
            years = list(range(2011, 2027))
        fits = []
        for year in years:
            try:
                fits.append(dt.date(year, month, day).weekday() == wd)
            except ValueError:
                fits.append(False)
        if not any(fits):
            problems.append(f"{case.id}: {m.group(0)!r} fits no year in {years}")
    return problems


def validate(cases: Sequence[Case]) -> list[str]:
    """Problems with the suite itself: unknown ids, bad keys, impossible dates..."""
    problems: list[str] = []
    types = event_types()
    admin1 = admin1_names()
    actors = actor_table()
    seen: Counter[str] = Counter(c.id for c in cases)
    problems += [f"duplicate case id {i!r}" for i, n in seen.items() if n > 1]
    for path in sorted(DATA_DIR.glob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        items = loaded.get("cases", []) if isinstance(loaded, dict) else loaded
        for raw in items:
            extra = set(raw) - CASE_KEYS
            if extra:
                problems.append(f"{raw.get('id')}: unknown case keys {sorted(extra)}")
            for key in ("id", "construction", "text", "expect"):
                if key not in raw:
                    problems.append(f"{raw.get('id')}: missing {key!r}")
            if "published" not in raw:
                problems.append(f"{raw.get('id')}: say 'published: null' for an undated article")
            for exp in raw.get("expect") or []:
                extra = set(exp) - EVENT_KEYS
                if extra:
                    problems.append(f"{raw.get('id')}: unknown event keys {sorted(extra)}")
                extra = set(exp.get("location") or {}) - LOCATION_KEYS
                if extra:
                    problems.append(f"{raw.get('id')}: unknown location keys {sorted(extra)}")
                for key in ("sub_event_type", "event_date"):
                    if key not in exp:
                        problems.append(f"{raw.get('id')}: an expected event needs {key!r}")
                if "admin1" not in exp and "admin1" not in (exp.get("location") or {}):
                    problems.append(f"{raw.get('id')}: an expected event needs 'admin1'")
    for case in cases:
        problems += weekday_problems(case)
        if case.published and case.published > dt.date(2026, 12, 31):
            problems.append(f"{case.id}: published in the future")
        for event in case.expect:
            where = f"{case.id}"
            sub = event.get("sub_event_type")
            if sub not in types:
                problems.append(f"{where}: unknown sub_event_type {sub!r}")
            elif event.get("event_type") != types[sub]:
                problems.append(f"{where}: event_type {event.get('event_type')!r} != {types[sub]}")
            if event["location"].get("admin1") not in admin1 | {None}:
                problems.append(f"{where}: unknown admin1 {event['location'].get('admin1')!r}")
            if event.get("date_precision") not in (*PRECISIONS, None):
                problems.append(f"{where}: bad date_precision {event.get('date_precision')!r}")
            if bool(event.get("event_date")) != bool(event.get("date_precision")):
                problems.append(f"{where}: event_date and date_precision must be null together")
            if event.get("actor1_certainty") not in ("claimed", "reported", "suspected", None):
                problems.append(f"{where}: bad actor1_certainty")
            if event.get("claimed_by") and event.get("actor1_certainty") not in (None, "claimed"):
                problems.append(f"{where}: claimed_by set but certainty is not 'claimed'")
            name_ar = event["location"].get("name_ar")
            if name_ar and name_ar not in case.text:
                problems.append(f"{where}: location name_ar {name_ar!r} is not in the text")
            if actors is None:
                continue
            day = _date(event.get("event_date"))
            for key in ("actor1", "actor2", "claimed_by", "assoc_actor1", "assoc_actor2"):
                values = event.get(key)
                for actor in values if isinstance(values, list) else [values]:
                    if actor is None:
                        continue
                    if actor not in actors:
                        problems.append(f"{where}: {key} {actor!r} is not in actors.tsv")
                        continue
                    start, end = actors[actor]
                    if day and ((start and day < start) or (end and day > end)):
                        problems.append(f"{where}: {key} {actor!r} is not valid on {day}")
    return problems


# ---------------------------------------------------------------------------------------
# running and comparing


@dataclass
class FieldDiff:
    name: str
    expected: Any
    got: Any


@dataclass
class CaseResult:
    case: Case
    predictions: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[tuple[int, int]] = field(default_factory=list)
    diffs: dict[int, list[FieldDiff]] = field(default_factory=dict)
    checks: dict[int, dict[str, bool]] = field(default_factory=dict)
    misses: list[int] = field(default_factory=list)
    extras: list[int] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not (self.error or self.misses or self.extras or any(self.diffs.values()))


_EXTRACT = None


def _extractor() -> Any:
    global _EXTRACT
    if _EXTRACT is None:
        from rasd.extract.pipeline import extract

        _EXTRACT = extract
    return _EXTRACT


def predict(case: Case) -> list[dict[str, Any]]:
    """The extractor's events for the case's article, as output dicts (like ``rasd extract``)."""
    events = _extractor()(case.article())
    out = []
    for event in events:
        record = event.to_dict() if hasattr(event, "to_dict") else dict(event)
        record.setdefault("article_id", case.id)
        out.append(record)
    return out


def _loc(record: Mapping[str, Any]) -> Mapping[str, Any]:
    return record.get("location") or {}


def _value(record: Mapping[str, Any], name: str) -> Any:
    if name == "geo_precision":
        return _loc(record).get("geo_precision")
    if name == "location":
        loc = _loc(record)
        return loc.get("name_en") or loc.get("name_ar")
    return record.get(name)


def _same(name: str, got: Any, expected: Any) -> bool:
    if name in LIST_FIELDS:
        norm = lambda xs: sorted({str(x).casefold() for x in (xs or [])})  # noqa: E731
        return norm(got) == norm(expected)
    if name == "background":
        return bool(got) == bool(expected)
    return bool(got == expected)


def compare(case: Case, predictions: list[dict[str, Any]]) -> CaseResult:
    """Match predictions to the case's expectations with the scorer and diff the pairs."""
    result = CaseResult(case, predictions)
    golds = [scorer._event(r) for r in case.expect]
    preds = [scorer._event(r) for r in predictions]
    result.pairs = scorer._match(preds, golds)
    for gi, pi in result.pairs:
        gold, pred = golds[gi], preds[pi]
        checked = case.checked[gi]
        if gold.background:
            names = ["background"] if "background" in checked else []
        else:
            names = [n for n in (*SCORER_FIELDS, *EXTRA_FIELDS) if n in checked]
        diffs, checks = [], {}
        for name in names:
            if name in SCORER_FIELDS:
                ok = scorer._field_agrees(name, pred, gold)
            else:
                ok = _same(name, _value(pred.record, name), _value(gold.record, name))
            checks[name] = ok
            if not ok:
                diffs.append(FieldDiff(name, _show(gold.record, name), _show(pred.record, name)))
        result.diffs[gi] = diffs
        result.checks[gi] = checks
    matched_gold = {gi for gi, _ in result.pairs}
    matched_pred = {pi for _, pi in result.pairs}
    result.misses = [
        gi for gi, g in enumerate(golds) if gi not in matched_gold and not g.background
    ]
    result.extras = [pi for pi in range(len(preds)) if pi not in matched_pred]
    return result


def run_case(case: Case) -> CaseResult:
    start = time.perf_counter()
    try:
        predictions = predict(case)
    except Exception as exc:  # the extractor is under construction: report, don't stop
        result = CaseResult(case, error=f"{type(exc).__name__}: {exc}")
    else:
        result = compare(case, predictions)
    result.seconds = time.perf_counter() - start
    return result


# ---------------------------------------------------------------------------------------
# reporting


def _show(record: Mapping[str, Any], name: str) -> Any:
    if name == "location":
        loc = _loc(record)
        names = [loc.get("name_en"), loc.get("name_ar")]
        point = (loc.get("lat"), loc.get("lon"))
        text = " / ".join(str(n) for n in names if n) or "-"
        if point[0] is not None:
            text += f" ({point[0]:.3f},{point[1]:.3f})"
        return text
    return _value(record, name)


def brief(record: Mapping[str, Any]) -> str:
    """One line that identifies an event."""
    loc = _loc(record)
    place = loc.get("name_en") or loc.get("name_ar") or "-"
    parts = [
        f"{record.get('event_date')}/{record.get('date_precision')}",
        str(record.get("sub_event_type")),
        f"{record.get('actor1')} -> {record.get('actor2')}",
        f"{place} [{loc.get('admin1')}]",
        f"killed={record.get('fatalities')}",
    ]
    if record.get("background"):
        parts.append("BACKGROUND")
    return " | ".join(parts)


def format_result(result: CaseResult, *, show_text: bool = True) -> str:
    case = result.case
    status = "PASS" if result.passed else "FAIL"
    lines = [f"{status} {case.id}  [{case.family}] {case.construction}"]
    if result.passed:
        return lines[0]
    if show_text:
        pub = case.published.isoformat() if case.published else "undated"
        lines.append(f"    published {pub}: {_clip(case.text, 160)}")
    if result.error:
        lines.append(f"    extractor error: {result.error}")
        return "\n".join(lines)
    for gi, diffs in result.diffs.items():
        if not diffs:
            continue
        lines.append(f"    event {gi + 1} ({brief(case.expect[gi])}):")
        width = max(len(d.name) for d in diffs)
        for d in diffs:
            lines.append(f"      {d.name:<{width}}  expected {d.expected!r:<32} got {d.got!r}")
    for gi in result.misses:
        lines.append(f"    missed   {brief(case.expect[gi])}")
    for pi in result.extras:
        lines.append(f"    extra    {brief(result.predictions[pi])}")
    if result.misses and result.predictions:
        lines.append(
            "    (a prediction matches only with the same admin1 and date: "
            "exact for day, +-3 days for week, same month for month)"
        )
    return "\n".join(lines)


def _clip(text: str, n: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


@dataclass
class Summary:
    cases: int
    passed: int
    errors: int
    by_family: dict[str, tuple[int, int]]
    events: dict[str, Any]
    fields: dict[str, tuple[int, int]]
    seconds: float


def summarise(results: Sequence[CaseResult]) -> Summary:
    """Case pass rates, event P/R/F1 from the project scorer, per-field accuracy."""
    gold = {r.case.id: r.case.expect for r in results}
    preds = {r.case.id: r.predictions for r in results}
    scored = scorer.score(gold, preds)
    by_family: dict[str, tuple[int, int]] = {}
    fields: dict[str, list[int]] = {}
    for r in results:
        done, total = by_family.get(r.case.family, (0, 0))
        by_family[r.case.family] = (done + r.passed, total + 1)
        for gi, checks in r.checks.items():
            if r.case.expect[gi].get("background"):
                continue
            for name, ok in checks.items():
                tally = fields.setdefault(name, [0, 0])
                tally[0] += ok
                tally[1] += 1
    events = {
        "precision": scored.precision,
        "recall": scored.recall,
        "f1": scored.f1,
        "predicted": scored.predicted,
        "gold": scored.gold,
        "matched": scored.matched,
        "neutral": scored.neutral,
    }
    order = [*SCORER_FIELDS, *EXTRA_FIELDS]
    return Summary(
        cases=len(results),
        passed=sum(r.passed for r in results),
        errors=sum(bool(r.error) for r in results),
        by_family=by_family,
        events=events,
        fields={n: (fields[n][0], fields[n][1]) for n in order if n in fields},
        seconds=sum(r.seconds for r in results),
    )


def format_summary(s: Summary) -> str:
    e = s.events
    lines = [
        "",
        f"cases: {s.passed}/{s.cases} pass ({s.passed / max(s.cases, 1):.0%}), "
        f"{s.errors} extractor errors, {s.seconds:.1f} s",
        "by family: " + ", ".join(f"{f} {p}/{t}" for f, (p, t) in sorted(s.by_family.items())),
        f"events (scorer): P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}  "
        f"(predicted {e['predicted']}, expected {e['gold']}, matched {e['matched']}, "
        f"neutral {e['neutral']})",
        "fields on matched events, where the case states them:",
    ]
    for name, (ok, total) in s.fields.items():
        lines.append(f"  {name:<17} {ok / total:6.1%}  ({ok}/{total})")
    return "\n".join(lines)


def export_gold(cases: Sequence[Case], path: Path) -> None:
    """The suite as a gold file for ``rasd eval`` (unstated fields become null)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for c in cases:
            record = {
                "id": c.id,
                "text": c.text,
                "url": c.url,
                "outlet": c.outlet,
                "published": c.published.isoformat() if c.published else None,
                "events": c.expect,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-k", dest="select", help="only cases whose id or family contains this")
    parser.add_argument("--failures", action="store_true", help="print failing cases only")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--export-gold", type=Path, help="also write the suite as gold JSONL")
    parser.add_argument("--export-pred", type=Path, help="also write the predictions as JSONL")
    args = parser.parse_args(argv)

    cases = load_cases()
    problems = validate(cases)
    for p in problems:
        print(f"SUITE PROBLEM: {p}", file=sys.stderr)
    if args.select:
        cases = [c for c in cases if args.select in c.id or args.select in c.family]
    if args.export_gold:
        export_gold(cases, args.export_gold)
    results = [run_case(c) for c in cases]
    if args.export_pred:
        args.export_pred.parent.mkdir(parents=True, exist_ok=True)
        with args.export_pred.open("w", encoding="utf-8") as fh:
            for r in results:
                for p in r.predictions:
                    fh.write(json.dumps(p, ensure_ascii=False, default=str) + "\n")
    summary = summarise(results)
    if args.json:
        print(json.dumps(summary.__dict__, ensure_ascii=False, indent=2, default=str))
        return 0
    for r in results:
        if r.passed and args.failures:
            continue
        print(format_result(r))
    print(format_summary(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
