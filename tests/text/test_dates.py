"""Date phrases and their resolution against the publication date (EVENTS.md event_date)."""

from __future__ import annotations

import datetime as dt

import pytest

from rasd.records import DateExpr
from rasd.text.dates import find_dates, infer_published, years_mentioned
from rasd.text.normalize import normalize

MON = dt.date(2024, 4, 22)  # a Monday
TODAY = dt.date(2026, 11, 1)  # bounds the years an undated phrase may take


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def one(text: str, published: dt.date | None = MON, years: list[int] | None = None) -> DateExpr:
    found = find_dates(normalize(text), published, years, TODAY)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- relative days


@pytest.mark.parametrize(
    ("text", "expected", "night"),
    [
        ("قتل عنصران أمس بانفجار لغم", "2024-04-21", False),
        ("وقال المرصد يوم أمس إن", "2024-04-21", False),
        ("نفذ التنظيم بالأمس هجوما", "2024-04-21", False),
        ("استهدف أول أمس رتلا", "2024-04-20", False),
        ("استهدف أول من أمس رتلا", "2024-04-20", False),
        ("ذكرت أمس الأول أن", "2024-04-20", False),
        ("أعلنت اليوم مقتل", "2024-04-22", False),
        ("هاجم صباح اليوم حاجزا", "2024-04-22", False),
        ("هاجم فجر اليوم حاجزا", "2024-04-22", False),
        ("هاجم مساء اليوم حاجزا", "2024-04-22", False),
        ("هاجم ظهر اليوم حاجزا", "2024-04-22", False),
        ("هاجم بعد ظهر اليوم حاجزا", "2024-04-22", False),
        ("هاجم مساء أمس حاجزا", "2024-04-21", False),
        ("اندلعت اشتباكات الليلة الماضية في البادية", "2024-04-21", True),
        ("اندلعت اشتباكات ليلة أمس في البادية", "2024-04-21", True),
        ("اندلعت اشتباكات ليل أمس في البادية", "2024-04-21", True),
        ("سقطت قذائف على القرية قبل يومين", "2024-04-20", False),
        ("سقطت قذائف على القرية قبل 3 أيام", "2024-04-19", False),
    ],
)
def test_relative_days(text: str, expected: str, night: bool) -> None:
    expr = one(text)
    assert (expr.date, expr.precision, expr.night) == (d(expected), "day", night)
    assert expr.kind == "relative"


def test_a_few_days_ago_and_a_week_ago_are_week_precision() -> None:
    assert (one("قبل أيام").date, one("قبل أيام").precision) == (d("2024-04-19"), "week")
    assert (one("قبل أسبوع").date, one("قبل أسبوع").precision) == (d("2024-04-15"), "week")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أمس الأحد", "2024-04-21"),
        ("اليوم الاثنين", "2024-04-22"),
        ("اليوم (الاثنين)", "2024-04-22"),
        ("اليوم، الاثنين،", "2024-04-22"),
        ("مساء اليوم الاثنين", "2024-04-22"),
        ("أمس الأول السبت", "2024-04-20"),
        # a late publication date: the weekday wins when it is at most three days back
        ("أمس السبت", "2024-04-20"),
    ],
)
def test_relative_day_with_a_weekday(text: str, expected: str) -> None:
    assert one(text).date == d(expected)


# --------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("text", "expected", "night"),
    [
        ("شن التنظيم الأحد هجوما", "2024-04-21", False),
        ("شن التنظيم الاثنين هجوما", "2024-04-22", False),  # on or before published
        ("شن التنظيم يوم الثلاثاء هجوما", "2024-04-16", False),
        ("شن التنظيم يوم الثلاثاء الماضي هجوما", "2024-04-16", False),
        ("شن التنظيم الاثنين الماضي هجوما", "2024-04-15", False),  # strictly before
        ("شن التنظيم الجمعة الماضية هجوما", "2024-04-19", False),
        ("شن التنظيم فجر الجمعة هجوما", "2024-04-19", False),
        ("شن التنظيم مساء الخميس هجوما", "2024-04-18", False),
        ("شن التنظيم ليلة السبت هجوما", "2024-04-19", True),  # the night before Saturday
        ("شن التنظيم ليل السبت هجوما", "2024-04-20", True),  # Saturday night
        ("شن التنظيم ليلة الأحد/الاثنين هجوما", "2024-04-21", True),
        ("شن التنظيم ليلة الأحد - الاثنين هجوما", "2024-04-21", True),
        ("شن التنظيم ليلة الأحد على الاثنين هجوما", "2024-04-21", True),
        ("شن التنظيم ليل الخميس-الجمعة هجوما", "2024-04-18", True),
        ("شن التنظيم بعد منتصف ليل الخميس-الجمعة هجوما", "2024-04-19", True),
        ("يعقد الاجتماع الأحد المقبل", "2024-04-28", False),
    ],
)
def test_weekdays(text: str, expected: str, night: bool) -> None:
    expr = one(text)
    assert (expr.date, expr.precision, expr.night, expr.kind) == (
        d(expected),
        "day",
        night,
        "weekday",
    )


# --------------------------------------------------------------------------- weeks, months


@pytest.mark.parametrize(
    ("text", "published", "expected", "precision"),
    [
        ("الأسبوع الماضي", MON, "2024-04-16", "week"),  # Tuesday of the Sat-Fri week before
        ("خلال الأسبوع المنصرم", MON, "2024-04-16", "week"),
        ("الأسبوع الجاري", d("2024-04-26"), "2024-04-23", "week"),
        ("مطلع الأسبوع الجاري", MON, "2024-04-22", "week"),  # never after published
        ("الشهر الماضي", MON, "2024-03-15", "month"),
        ("الشهر الماضي", d("2024-01-10"), "2023-12-15", "month"),
        ("الشهر الجاري", MON, "2024-04-15", "month"),
        ("منتصف الشهر", MON, "2024-04-15", "month"),
        ("مطلع الشهر الجاري", MON, "2024-04-15", "month"),
        ("أواخر الشهر الماضي", MON, "2024-03-15", "month"),
        ("16 الشهر الماضي", MON, "2024-03-16", "day"),
        ("في الـ16 من الشهر الجاري", MON, "2024-04-16", "day"),
        ("في 31 الشهر الماضي", d("2024-03-05"), "2024-02-29", None),  # no 31 February
    ],
)
def test_weeks_and_months(
    text: str, published: dt.date, expected: str, precision: str | None
) -> None:
    found = find_dates(normalize(text), published, today=TODAY)
    if precision is None:  # an impossible day is no date phrase at all
        assert all(e.date != d(expected) for e in found)
        return
    (expr,) = found
    assert (expr.date, expr.precision) == (d(expected), precision)


# --------------------------------------------------------------------------- day and month


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("20 من نيسان", MON, "2024-04-20"),
        ("في 18 من نيسان", MON, "2024-04-18"),
        ("السبت 20 من نيسان", MON, "2024-04-20"),
        ("25 نيسان", MON, "2023-04-25"),  # after published: the year before
        ("20 نيسان الجاري", MON, "2024-04-20"),
        ("12 كانون الأول الماضي", MON, "2023-12-12"),
        ("الـ 15 من شباط", MON, "2024-02-15"),
        ("العاشر من أيلول", MON, "2023-09-10"),
        ("العاشر من أيلول/ سبتمبر المنصرم", d("2018-12-14"), "2018-09-10"),
        ("الحادي والعشرين من آذار", MON, "2024-03-21"),
        ("الأول من آذار", MON, "2024-03-01"),
        ("3 كانون ثاني", MON, "2024-01-03"),
        ("5 يناير", MON, "2024-01-05"),
        ("5 إبريل", MON, "2024-04-05"),
        ("5 أبريل", MON, "2024-04-05"),
        ("9 يونيه", MON, "2023-06-09"),
        ("9 يوليه", MON, "2023-07-09"),
        ("9 اغسطس", MON, "2023-08-09"),
        ("5 جانفي", MON, "2024-01-05"),
        ("14 فيفري", MON, "2024-02-14"),
        ("3 أفريل", MON, "2024-04-03"),
        ("1 ماي", MON, "2023-05-01"),
        ("7 جويلية", MON, "2023-07-07"),
        ("9 أوت", MON, "2023-08-09"),
        ("24 مارس/آذار", MON, "2024-03-24"),
        ("اليوم الخميس الـ 15 من شباط / فبراير الجاري", d("2018-02-15"), "2018-02-15"),
        # a weekday picks between the nearest year and the one before
        ("الأحد 21 نيسان", d("2024-04-22"), "2024-04-21"),
        ("الجمعة 21 نيسان", d("2024-04-22"), "2023-04-21"),
        # two month names that disagree: the weekday decides, else the second/Gregorian one
        ("أمس الأحد 12 حزيران/ يوليو", d("2020-07-13"), "2020-07-12"),
        ("12 حزيران/ يوليو", d("2020-07-13"), "2020-07-12"),
        ("الجمعة 12 حزيران/ يوليو", d("2020-07-13"), "2020-06-12"),
    ],
)
def test_day_month_without_year(text: str, published: dt.date, expected: str) -> None:
    expr = one(text, published)
    assert (expr.date, expr.precision) == (d(expected), "day")


# --------------------------------------------------------------------------- full dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 ديسمبر 2018", "2018-12-14"),
        ("١٤ ديسمبر ٢٠١٨", "2018-12-14"),
        ("السبت 20 نيسان 2024", "2024-04-20"),
        ("في 8 كانون الأول/ديسمبر 2024", "2024-12-08"),
        ("الأول من آب/أغسطس 2016", "2016-08-01"),
        ("الجمعة 04 يونيو 2021", "2021-06-04"),
        ("الإثنين 17/أبريل/2017", "2017-04-17"),
        ("14 كانون الثاني من عام 2019", "2019-01-14"),
        ("الجمعة 14 كانون الثاني/ ديسمبر 2018", "2018-12-14"),  # the weekday picks December
        ("12 حزيران/يوليو 2020", "2020-07-12"),  # no weekday: the Gregorian name
        ("2020/05/31", "2020-05-31"),
        ("2024.08.12", "2024-08-12"),
        ("22-08-2025", "2025-08-22"),
        ("الجمعة 22-08-2025 21:11", "2025-08-22"),
        ("08/22/2025", "2025-08-22"),  # month first when the day cannot be a month
        ("الأحد , نوفمبر 10 2024", "2024-11-10"),
        ("ديسمبر 22. 2024", "2024-12-22"),
        ("فريق التحرير27 مايو 2018آخر تحديث", "2018-05-27"),
    ],
)
def test_full_dates(text: str, expected: str) -> None:
    expr = one(text, None)
    assert (expr.date, expr.precision, expr.kind) == (d(expected), "day", "full")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("حزيران 2019", None, "2019-06-15"),
        ("في أيلول 2020", None, "2020-09-15"),
        ("خلال تشرين الأول من عام 2013", None, "2013-10-15"),
        ("في شهر آب", MON, "2023-08-15"),
        ("منذ آذار الماضي", MON, "2024-03-15"),
        ("في نيسان الماضي", MON, "2023-04-15"),
        ("في أواخر آذار الماضي", d("2017-04-17"), "2017-03-15"),
        ("مطلع تشرين الأول الجاري", d("2017-10-24"), "2017-10-15"),
        ("وفي يونيو الماضي", d("2025-08-22"), "2025-06-15"),
        ("في أيار المقبل", MON, "2024-05-15"),
    ],
)
def test_months(text: str, published: dt.date | None, expected: str) -> None:
    expr = one(text, published)
    assert (expr.date, expr.precision, expr.kind) == (d(expected), "month", "month")


# --------------------------------------------------------------------------- no published date


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        ([2024], "2024-04-20"),  # 20 April 2024 is a Saturday
        ([2013, 2019], "2019-04-20"),  # the latest mentioned year fits
        ([2020], "2024-04-20"),  # else the first fitting year after it
        ([2025], "2024-04-20"),  # none after it: the latest fitting year
    ],
)
def test_weekday_fixes_the_year_with_the_years_in_the_text(years: list[int], expected: str) -> None:
    expr = one("السبت 20 من نيسان", None, years)
    assert (expr.date, expr.precision) == (d(expected), "day")


def test_years_default_to_those_the_text_mentions() -> None:
    text = "نصب التنظيم كمينا السبت 20 من نيسان. وكان قد هاجم المنطقة في آذار 2024."
    found = find_dates(normalize(text), None, today=TODAY)
    assert found[0].date == d("2024-04-20")


@pytest.mark.parametrize(
    "text",
    [
        "قتل عنصران أمس",
        "السبت 20 من نيسان",  # fits several years, the text mentions none
        "20 من نيسان",  # no weekday, no year
        "الأسبوع الماضي",
        "الشهر الماضي",
        "يوم الثلاثاء الماضي",
        "ليلة السبت",
    ],
)
def test_nothing_fixes_the_day(text: str) -> None:
    expr = one(text, None, [])
    assert (expr.date, expr.precision) == (None, None)
    assert expr.span.text in text


# --------------------------------------------------------------------------- not dates


@pytest.mark.parametrize(
    "text",
    [
        "بثت قناة “روسيا اليوم” تسجيلا",
        "وفي اليوم التالي انسحبت القوات",
        "منذ ذلك اليوم لم يعد",
        "ما زال مفقودا حتى اليوم",
        "مارس التنظيم ضغوطا على السكان",
        "قتل أب وابنه بقصف",
        "في آب",  # آب alone may be "father"
        "خلال الأسابيع الماضية",
        "قبل أيام من الهجوم",
        "عام 2019",
        "قتل 20 عنصرا",
    ],
)
def test_no_date_phrase(text: str) -> None:
    assert find_dates(normalize(text), MON, today=TODAY) == []


# --------------------------------------------------------------------------- spans


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("وأمس قتل", "أمس"),
        ("واليوم الاثنين قتل", "اليوم الاثنين"),
        ("في أيلول 2020", "أيلول 2020"),
        ("في الـ 15 من شباط", "الـ 15 من شباط"),
        ("يوم الثلاثاء الماضي، هاجمت", "يوم الثلاثاء الماضي"),
        ("اليوم، الاثنين 22 من نيسان، قالت", "اليوم، الاثنين 22 من نيسان"),
    ],
)
def test_spans(text: str, span: str) -> None:
    expr = one(text)
    assert expr.span.text == span
    assert text[expr.span.start : expr.span.end] == span


def test_several_phrases_in_one_text() -> None:
    text = (
        "أعلن التنظيم اليوم، الأحد 31 من أيار، أن مقاتليه قتلوا أمس أربعة عناصر، "
        "بعد هجوم مماثل في 20 من أيار الحالي ونشاط متزايد منذ آذار الماضي."
    )
    found = find_dates(normalize(text), d("2020-05-31"), today=TODAY)
    assert [(e.date, e.precision) for e in found] == [
        (d("2020-05-31"), "day"),
        (d("2020-05-30"), "day"),
        (d("2020-05-20"), "day"),
        (d("2020-03-15"), "month"),
    ]


# --------------------------------------------------------------------------- helpers


def test_years_mentioned() -> None:
    text = "تأسس عام 2013 وفي عامي 2019 و2024، قتل 1,339 عند 12:51 رقم 20190 و٢٠١٦"
    assert years_mentioned(normalize(text)) == [2013, 2016, 2019, 2024]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الجمعة 22-08-2025 21:11\nنفذ التنظيم هجوما مساء اليوم الجمعة", "2025-08-22"),
        ("2020/05/31\nقال التنظيم في بيان", "2020-05-31"),
        ("قال التنظيم اليوم، الأحد 31 من أيار، إن ... منذ نيسان 2020", "2020-05-31"),
        ("قالت الوكالة أمس السبت 16 كانون الثاني إن ... في أيلول 2020", "2021-01-17"),
        ("نشرت الوكالة السبت 20 من نيسان بيانا ... مطلع 2024", "2024-04-20"),
    ],
)
def test_infer_published(text: str, expected: str) -> None:
    assert infer_published(normalize(text), today=TODAY) == d(expected)


@pytest.mark.parametrize(
    "text",
    [
        "قتل عنصران أمس في البادية",
        # a full date deep in the text without a weekday is mostly background
        "قتل عنصران أمس. " + "وتشهد المنطقة هجمات متكررة. " * 20 + "منذ 24 آذار 2019",
    ],
)
def test_infer_published_gives_none_when_nothing_qualifies(text: str) -> None:
    assert infer_published(normalize(text), today=TODAY) is None
