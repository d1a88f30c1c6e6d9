"""Date phrases in Arabic news and the day they mean (EVENTS.md ``event_date``).

One resolver for every layer. :func:`find_dates` finds the phrases (``أمس``،
``ليلة السبت``، ``السبت 20 من نيسان``، ``12 حزيران/يوليو 2020``، ``2020/05/31``،
``الأسبوع الماضي``، ``16 الشهر الماضي``...) in normalised text and resolves each one
against the publication date:

- ``اليوم`` = published, ``أمس`` = published − 1, ``أول أمس`` = − 2; ``الليلة الماضية`` and
  ``ليلة أمس`` = published − 1 with ``night=True``.
- A bare weekday (``الأحد``) = the latest such day on or before published. With
  ``الماضي`` (``يوم الثلاثاء الماضي``) it is the latest such day *strictly* before published:
  a writer would say ``اليوم`` for today. With ``المقبل``, the first one after.
- ``ليلة السبت`` is the night before Saturday: Friday, ``night=True``; ``ليل السبت`` is
  Saturday night. A two-day night (``ليلة الأحد/الاثنين``) is its first day, unless the
  text puts the event after midnight (``بعد منتصف ليل الخميس-الجمعة``): then the later day.
- ``أمس الأحد`` / ``اليوم الجمعة``: the relative day, moved back to the named weekday when
  the two disagree by up to three days (the publication date is then late).
- A day and month with no year: with ``published``, the nearest such date on or before
  it; with a weekday, the latest date on or before published, in that year or the one
  before, where the weekday fits (else the weekday is ignored). ``الجاري`` keeps the
  publication year. Without ``published``, only a weekday fixes the year: of the years
  2011..this year where it fits, the latest year the text mentions, else the first after
  it, else the last before it; none if the text mentions no year and several fit.
- Two month names for one date (``14 كانون الثاني/ ديسمبر``) that disagree: the weekday
  decides; else a name from a non-Levantine system wins, else the second name.
- Week precision is the middle (Tuesday) of the Saturday-to-Friday week meant; month
  precision is the 15th of the month meant.

When nothing fixes the day (``أمس`` in an undated article), the expression is still
returned with ``date=None`` and ``precision=None``. For an undated article, call
:func:`infer_published` first and pass its result as ``published``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import ahocorasick
import yaml

from rasd.records import DateExpr, DatePrecision, make_date_expr
from rasd.text.normalize import Normalized, normalize_key

FIRST_YEAR = 2011
"""No phrase without a year resolves before the conflict's first year."""

DAYLINE_CHARS = 400
"""How far from the top of the text a full date counts as the article's dateline."""

_MAX_WEEKDAY_SHIFT = 3
_YEAR = r"(?:19|20)\d\d"
_SEP = r"\s*[,،-]?\s*"
# A phrase ends at a word end, or after a digit glued to a word (٢٠١٨سيطرت).
_END = r"(?:(?<=\d)|(?![^\W\d_]))"


class CalendarDataError(ValueError):
    """The calendar data file (``text/data/dates.yaml``) is malformed."""


def _words(words: Iterable[str]) -> list[str]:
    return [normalize_key(str(w)) for w in words]


def _alt(words: Iterable[str]) -> str:
    """A regex alternative of normalised words, longest first, any white space inside."""
    keys = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys) + ")"


def _squash(s: str) -> str:
    return " ".join(s.split())


@dataclass(frozen=True)
class _Calendar:
    month_of: Mapping[str, int]
    levantine: frozenset[str]
    ambiguous: frozenset[str]
    weekday_of: Mapping[str, int]
    ordinal_day: Mapping[str, int]
    rel_day: Mapping[str, int]
    rel_night: Mapping[str, int]
    today_not_after: frozenset[str]
    today_not_before: frozenset[str]
    night_of: frozenset[str]
    night_before: frozenset[str]
    after_midnight: frozenset[str]
    past: frozenset[str]
    current: frozenset[str]
    next: frozenset[str]
    patterns: Mapping[str, re.Pattern[str]]
    starts: Any  # ahocorasick.Automaton: first word of a phrase -> the kinds it may start


def _int_map(raw: Any, name: str) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise CalendarDataError(f"dates.yaml: '{name}' must map numbers to lists of words")
    return {w: int(k) for k, words in raw.items() for w in _words(words)}


def _load_yaml(name: str) -> Any:
    text = resources.files("rasd.text").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def _calendar() -> _Calendar:
    raw = _load_yaml("dates.yaml")
    try:
        systems = raw["months"]
        month_of = {w: m for sys in systems.values() for w, m in _int_map(sys, "months").items()}
        levantine = frozenset(_int_map(systems["levantine"], "months"))
        weekday_of = _int_map(raw["weekdays"], "weekdays")
        ordinal_day = _int_map(raw["day_ordinals"], "day_ordinals")
        rel_day = _int_map(raw["relative_days"], "relative_days")
        rel_night = _int_map(raw["relative_nights"], "relative_nights")
        sets = {
            k: frozenset(_words(raw[k]))
            for k in (
                "ambiguous_months",
                "today_not_after",
                "today_not_before",
                "times_of_day",
                "night_of",
                "night_before",
                "after_midnight",
                "past",
                "current",
                "next",
                "month_parts",
                "week_words",
                "month_words",
            )
        }
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise CalendarDataError(f"dates.yaml: {exc}") from exc
    tod_words = (
        sets["times_of_day"] | sets["night_of"] | sets["night_before"] | sets["after_midnight"]
    )
    tod = _alt(tod_words)
    rel = _alt(set(rel_day) | set(rel_night))
    wd = _alt(weekday_of)
    months = _alt(month_of)
    moves = _alt(sets["past"] | sets["current"] | sets["next"])
    parts = _alt(sets["month_parts"])
    week = _alt(sets["week_words"])
    month_word = _alt(sets["month_words"])
    day = rf"(?:(?:ال\s?)?(?P<day>[12]\d|3[01]|0?[1-9])(?!\d)|(?P<dayw>{_alt(ordinal_day)}))"
    second_month = rf"\s*[/\\-]\s*(?P<m2>{months})|\s*\(\s*(?P<m3>{months})\s*\)"
    month_pair = rf"(?P<m1>{months})(?:{second_month})?(?![^\W_])"
    year_tail = rf"(?:\s*[/.-]\s*|{_SEP}(?:من\s+)?(?:(?:عام|العام|سنه)\s*)?)(?P<year>{_YEAR})(?!\d)"
    weekday_head = rf"(?:(?:يوم\s+)?(?:\(\s*)?(?P<wd>{wd})(?:\s*\))?{_SEP})"
    head = rf"(?:(?P<tod>{tod})\s+)?(?:(?P<rel>{rel}){_SEP})?{weekday_head}?"
    body = {
        # السبت 20 من نيسان، الإثنين 17/أبريل/2017، 12 حزيران/ يوليو 2020، العاشر من أيلول
        "day_month": rf"{head}(?:يوم\s+)?{day}(?:\s*[/.-]\s*|\s+)(?:من\s+)?(?:شهر\s+)?"
        rf"{month_pair}(?:\s+(?P<mrel>{moves}))?(?:{year_tail})?",
        # الأحد , نوفمبر 10 2024 / ديسمبر 22. 2024
        "month_first": rf"{weekday_head}?(?P<m1>{months})\s+(?P<day>[12]\d|3[01]|0?[1-9])"
        rf"\s*[,،.]?\s*(?P<year>{_YEAR})(?!\d)",
        # 2020/05/31، 22-08-2025، 2024.08.12
        "numeric": rf"{weekday_head}?(?<![\d/.])"
        rf"(?:(?P<y>{_YEAR})(?P<s>[/.-])(?P<mo>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})|(?P<d2>\d{{1,2}})(?P<s2>[/.-])(?P<mo2>\d{{1,2}})(?P=s2)(?P<y2>{_YEAR}))"
        r"(?![\d/])",
        # حزيران 2019، خلال تشرين الأول من عام 2013، مطلع آذار الماضي، شهر آب
        "month": rf"(?:(?P<part>{parts})\s+|(?P<fi>(?<=في\s)|(?<=منذ\s)))?(?:(?P<shahr>شهر)\s+)?"
        rf"{month_pair}"
        rf"(?:\s+(?P<mrel>{moves})|(?:{year_tail}))?",
        # الأسبوع الماضي، مطلع الأسبوع الجاري
        "week": rf"(?:(?P<part>{parts})\s+)?(?P<this>هذا\s+)?{week}(?:\s+(?P<mrel>{moves}))?",
        # الشهر الماضي، منتصف الشهر، 16 الشهر الماضي
        "month_rel": rf"(?:{day}\s+(?:من\s+)?|(?P<part>{parts})\s+)?(?P<this>هذا\s+)?{month_word}"
        rf"(?:\s+(?P<mrel>{moves}))?",
        # أمس، فجر اليوم، الليلة الماضية، أمس الأحد، اليوم (السبت)
        "relative": rf"(?:(?P<tod>{tod})\s+)?(?P<rel>{rel})"
        rf"(?:{_SEP}(?:\(\s*)?(?P<wd>{wd})(?:\s*\))?)?",
        # قبل يومين، قبل 3 أيام، قبل أيام، قبل أسبوع
        "ago": r"قبل\s+(?:(?P<n>[1-9])\s+(?:ايام|يوما)|(?P<dual>يومين)|(?P<few>ايام)|(?P<wk>اسبوع))"
        r"(?!\s+(?:من|علي)(?![^\W_]))",
        # الأحد، يوم الثلاثاء الماضي، ليلة السبت، ليلة الأحد/الاثنين
        "weekday": rf"(?:(?P<tod>{tod})\s+)?(?:يوم\s+)?(?P<wd>{wd})"
        rf"(?:(?:\s*[/-]\s*|\s+علي\s+|\s+و)(?P<wd2>{wd})|\s+(?P<mrel>{moves}))?",
    }
    patterns = {k: re.compile(rf"(?P<body>{v}){_END}") for k, v in body.items()}
    # The words a phrase may start with, each with the words that must follow it when
    # it is a common word on its own (خلال، بعد، يوم): fewer false starts to try.
    digits = list("0123456789")
    rels = [*rel_day, *rel_night]
    months_then = [*month_of, "الشهر", "الاسبوع", "شهر", "هذا"]
    openers: list[tuple[Iterable[str], Iterable[str], set[str]]] = [
        (tod_words, [*rels, *weekday_of, "يوم"], {"day_month", "relative", "weekday"}),
        (rels, [""], {"day_month", "relative"}),
        (["يوم"], [*weekday_of, "امس", *digits], {"day_month", "weekday", "relative"}),
        (weekday_of, [""], {"day_month", "month_first", "numeric", "weekday"}),
        (ordinal_day, ["من", *month_of], {"day_month", "month_rel"}),
        (month_of, [""], {"month_first", "month"}),
        (sets["month_parts"], months_then, {"month", "week", "month_rel"}),
        (["شهر"], month_of, {"month"}),
        (["هذا"], ["الشهر", "الاسبوع"], {"week", "month_rel"}),
        (sets["week_words"], [""], {"week"}),
        (sets["month_words"], [""], {"month_rel"}),
        (["قبل"], ["يومين", "ايام", "اسبوع", *digits], {"ago"}),
        (digits, [""], {"day_month", "numeric", "month_rel"}),
    ]
    kinds: dict[str, set[str]] = {}
    for words, followers, can_start in openers:
        for w in words:
            for f in followers:
                kinds.setdefault(f"{_squash(w)} {f}".strip(), set()).update(can_start)
    starts = ahocorasick.Automaton()
    month_words = {*month_of, "الشهر"}
    for key, can_start in kinds.items():
        # the key is a month name or ends with one (some are two words: كانون الثاني)
        ends = [key] + [key[i + 1 :] for i, c in enumerate(key) if c == " "]
        month_next = not month_words.isdisjoint(ends)
        starts.add_word(key, (key, frozenset(can_start), month_next))
    starts.make_automaton()
    return _Calendar(
        month_of=month_of,
        levantine=levantine,
        ambiguous=sets["ambiguous_months"],
        weekday_of=weekday_of,
        ordinal_day=ordinal_day,
        rel_day=rel_day,
        rel_night=rel_night,
        today_not_after=sets["today_not_after"],
        today_not_before=sets["today_not_before"],
        night_of=sets["night_of"],
        night_before=sets["night_before"],
        after_midnight=sets["after_midnight"],
        past=sets["past"],
        current=sets["current"] | {"هذا"},
        next=sets["next"],
        patterns=patterns,
        starts=starts,
    )


@dataclass(frozen=True)
class _Context:
    published: dt.date | None
    years: Sequence[int]
    last_year: int


_Resolved = tuple[dt.date | None, DatePrecision | None, bool]
_NONE: _Resolved = (None, None, False)


# --------------------------------------------------------------------------- public API


def years_mentioned(norm: Normalized) -> list[int]:
    """The years (1950..2099) written in the text, sorted, each once."""
    return sorted({int(m.group()) for m in _YEAR_RE.finditer(norm.text)})


# (?=[12]) first: re then skips to the next 1 or 2 instead of testing the look-behind everywhere
_YEAR_RE = re.compile(r"(?=[12])(?<![\d.,٬/:])(?:19[5-9]\d|20\d\d)(?![\d.,٬:]\d|\d)")


def find_dates(
    norm: Normalized,
    published: dt.date | None = None,
    years: Sequence[int] | None = None,
    today: dt.date | None = None,
) -> list[DateExpr]:
    """Every date phrase of the text, resolved against ``published``.

    ``years`` are the years the text mentions (default :func:`years_mentioned`); they
    only matter when ``published`` is None. ``today`` bounds the years a phrase without
    a year may resolve to (default: the machine's date).
    """
    return [expr for expr, _ in _find(norm, published, years, today)]


def infer_published(
    norm: Normalized, years: Sequence[int] | None = None, today: dt.date | None = None
) -> dt.date | None:
    """A reference date for an article whose publication date is unknown.

    In order: the first full date (with its year) in the first :data:`DAYLINE_CHARS`
    characters (the dateline: ``2020/05/31``, ``الجمعة 22-08-2025``); else the first day
    the text dates relative to the writing day (``اليوم، الأحد 31 من أيار``, ``أمس
    السبت 16 كانون الثاني``: the year fixed by the weekday and the years the text
    mentions; the writing day is that day plus the offset); else the latest day the text
    dates with a weekday (``السبت 20 من نيسان``: a statement's day; an article is written
    on or after the days it reports). Full dates without a weekday deep in the text are
    left out: they are mostly background (``منذ 24 آذار 2019``). None when nothing
    qualifies.

    The extractor calls ``find_dates(norm, article.published or infer_published(norm))``.
    """
    found = [(e, m) for e, m in _find(norm, None, years, today) if e.date and e.precision == "day"]
    cut = norm.offsets[DAYLINE_CHARS] if len(norm.offsets) > DAYLINE_CHARS else len(norm.original)
    for expr, _ in found:
        if expr.kind == "full" and expr.span.start < cut:
            return expr.date
    cal = _calendar()
    for expr, m in found:  # "أمس الأحد 12 تموز": published the day after
        back = cal.rel_day.get(_group(m, "rel") or "")
        if expr.date and back is not None and expr.kind != "relative":
            return expr.date + dt.timedelta(days=back)
    return max((e.date for e, m in found if e.date and _group(m, "wd")), default=None)


def _find(
    norm: Normalized,
    published: dt.date | None,
    years: Sequence[int] | None,
    today: dt.date | None,
) -> list[tuple[DateExpr, re.Match[str]]]:
    cal = _calendar()
    ctx = _Context(
        published,
        () if published else (years if years is not None else years_mentioned(norm)),
        (today or dt.date.today()).year,
    )
    out: list[tuple[DateExpr, re.Match[str]]] = []
    taken = 0
    phrases = _phrases(cal, norm.text)
    for start, kinds in phrases.starts:
        if start < taken:
            continue
        for kind, m in phrases.at(start, kinds):
            resolved = _RESOLVERS[kind](cal, m, ctx)
            if resolved is None:  # not a date after all (e.g. a month name alone)
                continue
            date, precision, night = resolved
            label = _KIND[kind]
            if kind == "day_month" and m.group("year"):
                label = "full"
            elif kind == "month_rel" and (m.group("day") or m.group("dayw")):
                label = "day_month"
            span = norm.span(*m.span("body"))
            out.append((make_date_expr(span, date, precision, label, night), m))
            taken = m.end("body")
            break
    return out


# --------------------------------------------------------------------------- finding


class _Phrases:
    """Where date phrases may start in one text, and the phrases matched there, longest first.

    Finding does not depend on the publication date, and an undated article is read twice
    (:func:`infer_published`, then :func:`find_dates`): the last text's are kept.
    """

    def __init__(self, cal: _Calendar, text: str) -> None:
        self.cal = cal
        self.text = text
        self.starts = _starts(cal, text)
        self._found: dict[int, list[tuple[str, re.Match[str]]]] = {}

    def at(self, start: int, kinds: list[str]) -> list[tuple[str, re.Match[str]]]:
        found = self._found.get(start)
        if found is None:
            patterns, text = self.cal.patterns, self.text
            found = [(k, m) for k in kinds if (m := patterns[k].match(text, start))]
            found.sort(key=lambda km: -km[1].end())
            self._found[start] = found
        return found


_last_phrases: _Phrases | None = None


def _phrases(cal: _Calendar, text: str) -> _Phrases:
    global _last_phrases
    last = _last_phrases
    if last is None or last.cal is not cal or last.text != text:
        last = _last_phrases = _Phrases(cal, text)
    return last


_KINDS = (
    "day_month",
    "month_first",
    "numeric",
    "month",
    "week",
    "month_rel",
    "relative",
    "ago",
    "weekday",
)


def _starts(cal: _Calendar, text: str) -> list[tuple[int, list[str]]]:
    """Where a date phrase may start, and which kinds of phrase may start there.

    A phrase starts at a word start, after a glued و/ف (واليوم: the و stays out of the
    span), or at digits glued to a word (التحرير27 مايو); ``الـ 15`` starts at its ال.
    Digits start a phrase only before a date separator or a month name close by.
    """
    n = len(text)
    found: dict[int, frozenset[str]] = {}
    numbers: list[tuple[int, int, frozenset[str]]] = []
    months: list[int] = []
    for last, (key, kinds, month_next) in cal.starts.iter(text):
        s, e = last + 1 - len(key), last + 1
        if key.isdigit():
            if not (s and text[s - 1].isdigit()):
                numbers.append((s, e, kinds))
            continue
        if e < n and text[e].isalpha():
            continue
        if (
            s
            and text[s - 1].isalnum()
            and not (text[s - 1] in "وف" and (s == 1 or not text[s - 2].isalnum()))
        ):
            continue
        if month_next:
            months.append(e)
        found[s] = found[s] | kinds if s in found else kinds
    for s, e, kinds in numbers:
        while e < n and text[e].isdigit():
            e += 1
        near = bisect.bisect_left(months, e)
        separated = text[e : e + 1] in ("/", ".", "-") and text[e + 1 : e + 2].isdigit()
        if not separated and not (near < len(months) and months[near] - e <= _DAY_TO_MONTH):
            continue
        for article in ("ال ", "ال"):  # الـ 15 من شباط
            a = s - len(article)
            if text[max(0, a) : s] == article and (a == 0 or not text[a - 1].isalnum()):
                s = a
                break
        found[s] = found[s] | kinds if s in found else kinds
    return [(s, [k for k in _KINDS if k in kinds]) for s, kinds in sorted(found.items())]


_DAY_TO_MONTH = 40  # "15 من شهر تشرين الثاني": from a day's digits to its month's end


# --------------------------------------------------------------------------- resolving


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _group(m: re.Match[str], name: str) -> str | None:
    """A named group's text with its white space squashed; None when the phrase has no such
    group or it took no part (the kinds' patterns have different groups)."""
    value = m.group(name) if name in m.re.groupindex else None
    return _squash(value) if value else None


def _weekday_on_or_before(ref: dt.date, weekday: int, strictly: bool = False) -> dt.date:
    back = (ref.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def _months(cal: _Calendar, m: re.Match[str]) -> list[int]:
    """The month(s) named, in order of preference (see the module docstring)."""
    first = _group(m, "m1")
    second = _group(m, "m2") or _group(m, "m3")
    if first is None:
        return []
    if second is None or cal.month_of[second] == cal.month_of[first]:
        return [cal.month_of[first]]
    if first not in cal.levantine and second in cal.levantine:
        return [cal.month_of[first], cal.month_of[second]]
    return [cal.month_of[second], cal.month_of[first]]


def _night_shift(cal: _Calendar, tod: str | None) -> tuple[int, bool]:
    """Days to add to the named day, and whether the phrase names a night."""
    if tod in cal.after_midnight:
        return 1, True
    if tod in cal.night_before:
        return -1, True
    return 0, tod in cal.night_of


def _year_from_text(candidates: Sequence[int], ctx: _Context) -> int | None:
    """Pick among the years where a weekday fits, using the years the text mentions."""
    if len(candidates) == 1:
        return candidates[0]
    mentioned = [y for y in ctx.years if FIRST_YEAR <= y <= ctx.last_year]
    if not candidates or not mentioned:
        return None
    latest = max(mentioned)
    after = [y for y in candidates if y >= latest]
    return min(after) if after else max(candidates)


def _day_month_date(
    cal: _Calendar,
    day: int,
    months: list[int],
    year: int | None,
    weekday: int | None,
    move: str | None,
    ctx: _Context,
) -> dt.date | None:
    pub = ctx.published
    if year is None and move in cal.current and pub is not None:
        year = pub.year
    if year is not None:
        options = [d for mo in months if (d := _safe_date(year, mo, day))]
    elif pub is not None:
        options = []
        for mo in months:
            this = _safe_date(pub.year, mo, day)
            y0 = pub.year if this and this <= pub else pub.year - 1
            options += [d for y in (y0, y0 - 1) if (d := _safe_date(y, mo, day))]
    else:
        if weekday is None:
            return None
        fits = [
            d
            for y in range(FIRST_YEAR, ctx.last_year + 1)
            for mo in months
            if (d := _safe_date(y, mo, day)) and d.weekday() == weekday
        ]
        year = _year_from_text(sorted({d.year for d in fits}), ctx)
        return next((d for d in fits if d.year == year), None)
    fitting = [d for d in options if d.weekday() == weekday]
    if fitting:  # with no year given, the fitting date nearest before published
        return fitting[0] if year is not None else max(fitting)
    return options[0] if options else None


def _resolve_day_month(cal: _Calendar, m: re.Match[str], ctx: _Context) -> _Resolved:
    day_text = _group(m, "day")
    day = int(day_text) if day_text else cal.ordinal_day[_group(m, "dayw") or ""]
    year_text = _group(m, "year")
    wd = _group(m, "wd")
    weekday = cal.weekday_of[wd] if wd else None
    date = _day_month_date(
        cal,
        day,
        _months(cal, m),
        int(year_text) if year_text else None,
        weekday,
        _group(m, "mrel"),
        ctx,
    )
    shift, night = _night_shift(cal, _group(m, "tod"))
    if date is None:
        return None, None, night
    return date + dt.timedelta(days=shift if weekday is not None else 0), "day", night


def _resolve_numeric(cal: _Calendar, m: re.Match[str], ctx: _Context) -> _Resolved | None:
    if m.group("y"):
        year, month, day = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
    else:
        year, month, day = int(m.group("y2")), int(m.group("mo2")), int(m.group("d2"))
        if month > 12 >= day:  # month/day/year
            month, day = day, month
    date = _safe_date(year, month, day)
    return (date, "day", False) if date else None


def _resolve_month_first(cal: _Calendar, m: re.Match[str], ctx: _Context) -> _Resolved | None:
    date = _safe_date(
        int(m.group("year")), cal.month_of[_squash(m.group("m1"))], int(m.group("day"))
    )
    return (date, "day", False) if date else None


def _resolve_month(cal: _Calendar, m: re.Match[str], ctx: _Context) -> _Resolved | None:
    names = [n for n in (_group(m, "m1"), _group(m, "m2"), _group(m, "m3")) if n]
    move, year_text, part = _group(m, "mrel"), _group(m, "year"), _group(m, "part")
    after_in = m.group("fi") is not None
    if not (move or year_text or part or after_in or m.group("shahr")):
        return None  # a month name alone may be an ordinary word; too vague anyway
    if all(n in cal.ambiguous for n in names) and not (year_text or move or m.group("shahr")):
        return None
    month = _months(cal, m)[0]
    pub = ctx.published
    if year_text:
        year = int(year_text)
    elif pub is None:
        return None, None, False
    elif move in cal.current:
        year = pub.year
    elif move in cal.next:
        year = pub.year if month > pub.month else pub.year + 1
    elif move in cal.past:
        year = pub.year if month < pub.month else pub.year - 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return dt.date(year, month, 15), "month", False


def _week_middle(ref: dt.date, weeks_back: int) -> dt.date:
    """The Tuesday of the Saturday-to-Friday week ``weeks_back`` weeks before ``ref``'s."""
    saturday = _weekday_on_or_before(ref, 5)
    return saturday - dt.timedelta(days=7 * weeks_back) + dt.timedelta(days=3)


def _resolve_week(cal: _Calendar, m: re.Match[str], ctx: _Context) -> _Resolved | None:
    move = _group(m, "mrel")
    if move is None and not m.group("this") and not m.group("part"):
        return None
    if move in cal.next or ctx.published is None:
        return None if move in cal.next else (None, None, False)
    if move in cal.past:
        return _week_middle(ctx.published, 1), "week", False
    return min(_week_middle(ctx.published, 0), ctx.published), "week", False


def _resolve_month_rel(cal: _Calendar, m: re.Match[str], ctx: _Context) -> _Resolved | None:
    move, part = _group(m, "mrel"), _group(m, "part")
    day_text, dayw = _group(m, "day"), _group(m, "dayw")
    if move in cal.next or not (move or part or m.group("this")):
        return None
    if part in {"خلال", "طيله"} and not (move or m.group("this")):
        return None
    pub = ctx.published
    if pub is None:
        return None, None, False
    first = pub.replace(day=1)
    if move in cal.past:
        first = (first - dt.timedelta(days=1)).replace(day=1)
    day = int(day_text) if day_text else cal.ordinal_day.get(dayw or "")
    if day:
        date = _safe_date(first.year, first.month, day)
        return (date, "day", False) if date else None
    return first.replace(day=15), "month", False


def _resolve_relative(cal: _Calendar, m: re.Match[str], ctx: _Context) -> _Resolved | None:
    rel = _group(m, "rel") or ""
    if rel.endswith("اليوم") and not _is_today(cal, m):
        return None
    tod = _group(m, "tod")
    night = rel in cal.rel_night or tod in cal.night_of or tod in cal.night_before
    if ctx.published is None:
        return None, None, night
    date = ctx.published - dt.timedelta(days=cal.rel_night.get(rel, cal.rel_day.get(rel, 0)))
    wd = _group(m, "wd")
    if wd:
        named = _weekday_on_or_before(date, cal.weekday_of[wd])
        if (date - named).days <= _MAX_WEEKDAY_SHIFT:
            date = named
    return date, "day", night


def _is_today(cal: _Calendar, m: re.Match[str]) -> bool:
    """Whether ``اليوم`` here means today (not ``روسيا اليوم``، ``اليوم التالي``)."""
    text = m.string
    before = text[max(0, m.start("rel") - 20) : m.start("rel")].split()
    after = text[m.end("rel") : m.end("rel") + 20].split()
    if before and before[-1].strip("\"'") in cal.today_not_after:
        return False
    return not (after and after[0].strip("\"'،,") in cal.today_not_before) or bool(m.group("wd"))


def _resolve_ago(cal: _Calendar, m: re.Match[str], ctx: _Context) -> _Resolved:
    if ctx.published is None:
        return _NONE
    if m.group("wk"):
        return ctx.published - dt.timedelta(days=7), "week", False
    if m.group("few"):
        return ctx.published - dt.timedelta(days=3), "week", False
    days = 2 if m.group("dual") else int(m.group("n"))
    return ctx.published - dt.timedelta(days=days), "day", False


def _resolve_weekday(cal: _Calendar, m: re.Match[str], ctx: _Context) -> _Resolved | None:
    weekday = cal.weekday_of[_group(m, "wd") or ""]
    second, move, tod = _group(m, "wd2"), _group(m, "mrel"), _group(m, "tod")
    if move in cal.current:
        move = None
    if second is not None and cal.weekday_of[second] != (weekday + 1) % 7:
        return None  # "الأحد و الخميس": two days, not one night; each is found alone
    shift, night = _night_shift(cal, tod)
    if second is not None:  # a two-day night: the first day, or the second after midnight
        shift, night = (1 if tod in cal.after_midnight else 0), True
    if ctx.published is None:
        return None, None, night
    if move in cal.next:
        date = ctx.published + dt.timedelta(days=(weekday - ctx.published.weekday() - 1) % 7 + 1)
    else:
        date = _weekday_on_or_before(ctx.published, weekday, strictly=move in cal.past)
    return date + dt.timedelta(days=shift), "day", night


_Resolver = Callable[[_Calendar, re.Match[str], _Context], _Resolved | None]
_RESOLVERS: dict[str, _Resolver] = {
    "day_month": _resolve_day_month,
    "month_first": _resolve_month_first,
    "numeric": _resolve_numeric,
    "month": _resolve_month,
    "week": _resolve_week,
    "month_rel": _resolve_month_rel,
    "relative": _resolve_relative,
    "ago": _resolve_ago,
    "weekday": _resolve_weekday,
}
_KIND = {  # the DateExpr.kind of each pattern
    "day_month": "day_month",
    "month_first": "full",
    "numeric": "full",
    "month": "month",
    "week": "week",
    "month_rel": "month",
    "relative": "relative",
    "ago": "relative",
    "weekday": "weekday",
}
