"""Property tests: a written date resolves to itself in every month-name system; no text
breaks the finder, and every span it reports is an exact slice of the input."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from rasd.text.dates import find_dates
from rasd.text.normalize import normalize

MONTHS = {
    "levantine": [
        "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
        "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
    ],
    "egyptian": [
        "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
        "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
    ],
    "maghrebi": [
        "جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان",
        "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
    ],
}  # fmt: skip
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

dates = st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))
systems = st.sampled_from(sorted(MONTHS))


def render(day: dt.date, system: str, with_year: bool, style: int) -> str:
    month = MONTHS[system][day.month - 1]
    number = str(day.day) if style % 2 == 0 else f"{day.day:02d}".translate(ARABIC_DIGITS)
    link = " من " if style >= 2 else " "
    year = f" {day.year}" if with_year else ""
    return f"{WEEKDAYS[day.weekday()]} {number}{link}{month}{year}"


@given(dates, st.integers(0, 364), systems, st.booleans(), st.integers(0, 3))
def test_a_written_date_resolves_to_itself(
    day: dt.date, days_later: int, system: str, with_year: bool, style: int
) -> None:
    published = day + dt.timedelta(days=days_later)
    text = f"قال المرصد إن الهجوم وقع {render(day, system, with_year, style)} في البادية"
    (expr,) = find_dates(normalize(text), published)
    assert (expr.date, expr.precision) == (day, "day")
    assert expr.span.text == render(day, system, with_year, style)


@given(dates, systems)
def test_a_full_date_needs_no_published_date(day: dt.date, system: str) -> None:
    (expr,) = find_dates(normalize(render(day, system, True, 0)), None, [])
    assert expr.date == day


VOCABULARY = [
    "أمس", "اليوم", "الليلة", "الماضية", "ليلة", "السبت", "الأحد", "الاثنين", "من", "نيسان",
    "كانون", "الثاني", "/", "يوليو", "2020", "20", "٢٠", "الـ", "الشهر", "الأسبوع", "الماضي",
    "مطلع", "بعد", "منتصف", "ليل", "قبل", "يومين", "شهر", "آب", "2024/05/31", "-", "،",
    "(", ")", "\n", "العاشر", "الحادي", "والعشرين", "روسيا", "التالي", "31", "13", "99",
]  # fmt: skip
pieces = st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=6))


@given(
    st.lists(pieces, max_size=30),
    st.sampled_from([" ", "  ", "\n", "ـ", ""]),
    st.one_of(st.none(), st.dates(dt.date(2011, 1, 1), dt.date(2030, 12, 31))),
)
def test_any_text_gives_exact_spans(words: list[str], glue: str, published: dt.date | None) -> None:
    text = glue.join(words)
    for expr in find_dates(normalize(text), published):
        assert 0 <= expr.span.start <= expr.span.end <= len(text)
        assert text[expr.span.start : expr.span.end] == expr.span.text
        assert (expr.date is None) == (expr.precision is None)
