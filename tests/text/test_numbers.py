"""Counts in Arabic news text: digits, number words, duals, vague counts, qualifiers."""

from __future__ import annotations

import pytest

from rasd.records import Quantity
from rasd.text.normalize import normalize
from rasd.text.numbers import find_quantities, parse_number


def quantities(text: str) -> list[Quantity]:
    return find_quantities(normalize(text))


def values(text: str) -> list[int | None]:
    return [q.value for q in quantities(text)]


# --------------------------------------------------------------------------- parse_number

PHRASES = [
    # digits, thousands separators
    ("7", 7),
    ("20", 20),
    ("٢٠", 20),
    ("۳۵", 35),
    ("1,250", 1250),
    ("1٬250", 1250),
    ("12,000", 12000),
    ("3 آلاف", 3000),
    ("15 ألف", 15000),
    ("2.5 ألف", 2500),
    # units in both genders and cases, with proclitics
    ("واحد", 1),
    ("واحدة", 1),
    ("إحدى", 1),
    ("اثنان", 2),
    ("اثنين", 2),
    ("اثنتان", 2),
    ("اثنتين", 2),
    ("ثلاث", 3),
    ("ثلاثة", 3),
    ("أربع", 4),
    ("وأربعة", 4),
    ("بخمسة", 5),
    ("لثلاثة", 3),
    ("فستة", 6),
    ("سبع", 7),
    ("ثمانية", 8),
    ("ثماني", 8),
    ("تسع", 9),
    ("عشر", 10),
    ("عشرة", 10),
    ("الثلاثة", 3),
    # 11..19
    ("أحد عشر", 11),
    ("إحدى عشرة", 11),
    ("اثنا عشر", 12),
    ("اثني عشر", 12),
    ("اثنتا عشرة", 12),
    ("اثنتي عشرة", 12),
    ("ثلاثة عشر", 13),
    ("ثلاث عشرة", 13),
    ("خمسة عشر", 15),
    ("تسعة عشر", 19),
    # tens and compounds
    ("عشرون", 20),
    ("عشرين", 20),
    ("ثلاثين", 30),
    ("أربعون", 40),
    ("تسعين", 90),
    ("خمسة وعشرين", 25),
    ("واحد وعشرون", 21),
    ("اثنين وثلاثين", 32),
    ("ثمانية وتسعون", 98),
    # hundreds
    ("مئة", 100),
    ("مائة", 100),
    ("مئتان", 200),
    ("مئتين", 200),
    ("مائتي", 200),
    ("ثلاثمئة", 300),
    ("ثلاثمائة", 300),
    ("ثلاث مئة", 300),
    ("خمسمئة", 500),
    ("ثمانمائة", 800),
    ("مئة وخمسون", 150),
    ("مئتان وسبعة", 207),
    ("ثلاثمئة وخمسة وستون", 365),
    # thousands
    ("ألف", 1000),
    ("ألفان", 2000),
    ("ألفين", 2000),
    ("سبعة آلاف", 7000),
    ("سبعة ألاف", 7000),
    ("ثلاثة آلاف وخمسمئة", 3500),
    ("عشرة آلاف", 10000),
    ("أحد عشر ألفا", 11000),
    ("مئة ألف", 100000),
    ("ألف ومئتان وأربعة وثلاثون", 1234),
    # duals on counted nouns
    ("عنصرين", 2),
    ("عنصران", 2),
    ("دبابتين", 2),
    ("آليتين", 2),
    ("جنديين", 2),
    ("طفلين", 2),
    ("شخصين", 2),
    ("امرأتين", 2),
    ("قتيلان", 2),
    ("مدنيان", 2),
    ("والعنصرين", 2),
    ("عنصرين اثنين", 2),
    # vague counts carry their conservative value
    ("عشرات", 10),
    ("العشرات", 10),
    ("مئات", 100),
    ("آلاف", 1000),
    ("عشرات الآلاف", 10000),
]


@pytest.mark.parametrize(("phrase", "expected"), PHRASES)
def test_parse_number_reads_the_phrase(phrase: str, expected: int) -> None:
    assert parse_number(phrase) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "قتلى",
        "مدنيين",  # a plural, not a dual
        "مقاتلين",  # a plural, not a dual
        "العسكريين",
        "ثلاثة وأربعة",  # two numbers, not one
        "نحو 20",  # a qualified count is a phrase, not a number
        "عشرين قتيلا",
        "الأحد",
        "الاثنين",
        "لست",
    ],
)
def test_parse_number_rejects_what_is_not_one_number(phrase: str) -> None:
    assert parse_number(phrase) is None


# --------------------------------------------------------------------------- find_quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل 20 عنصرًا من قوات النظام", [20]),
        ("أسفر الهجوم عن مقتل ٢٠ عنصرًا", [20]),
        ("وثّق المرصد 1,339 قتيلا خلال الحملة", [1339]),
        ("وثّق المرصد 1٬339 قتيلا خلال الحملة", [1339]),
        ("قتل أربعة عناصر وجرح ستة آخرون", [4, 6]),
        ("ونعت الميليشيا خمسة وعشرين عنصرا من مقاتليها", [25]),
        ("قتل وأصيب بخمسة ألغام زرعها التنظيم", [5]),
        ("نزح نحو ثلاثة آلاف وخمسمئة شخص", [3500]),
        ("قتل عنصرين من الدفاع الوطني", [2]),
        ("دمرت دبابتين وآليتين للنظام", [2, 2]),
        ("قتل جنديين وطفلين بانفجار لغم", [2, 2]),
        ("مقتل أحد عشر عنصرا من اللواء", [11]),
        ("أصيب اثنا عشر مدنيا", [12]),
        ("قتل أحد المهاجمين وفر الآخر", [1]),
        ("مقتل عنصر واحد وإصابة اثنين آخرين", [1, 2]),
        ("أسفر عن مقتل مئتي عنصر", [200]),
    ],
)
def test_find_quantities_values(text: str, expected: list[int]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "قتل مدنيين وأصيب آخرون",  # plural nouns are no duals
        "اشتباكات بين المقاتلين والعسكريين",
        "سقط قتلى وجرحى في صفوف القوات",  # قتلى with no number
        "تأسس اللواء عام 2013 في حلب",  # a year
        "وفي 2024 تصاعدت الهجمات",
        "هاجم التنظيم في 20 من نيسان مواقع للجيش",  # a date
        "نشر بيانا في 2020/05/31 عن العملية",
        "في العاشر من أيلول بدأت العملية",
        "وقع الانفجار عند الساعة 12:51 ظهرا",  # a time
        "استهدفت بصواريخ عيار 107 مواقع الفصيل",  # a calibre
        "تراجعت الهجمات بنسبة 35% عن العام الماضي",  # a share
        "ارتفعت الأسعار 10 في المئة",
        "خلال 24 ساعة الماضية",  # a duration
        "على بعد 20 كم شرق تدمر",  # a distance
        "دبابة من طراز T-72 ومدرعة BMP-1",  # model names
        "للتواصل +963 11 2345678",  # a phone number
        "شاهد الفيديو على https://example.com/video/123",  # a link
        "قتل عناصر من الفرقة 17 في الرقة",  # a unit name
        "قالت شبكة البادية24 إن الهجوم فشل",  # an outlet name glued to digits
        "اللواء الخامس عشر والفرقة الحادية عشرة",  # ordinals
        "التعليقات (0)",
        "اجتمعوا يوم الأحد ثم الاثنين",  # weekdays, not "one" and "two"
    ],
)
def test_find_quantities_leaves_out_what_is_no_count(text: str) -> None:
    assert quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "span"),
    [
        ("قتل 20 عنصرًا على الأقل", 20, "at_least", "20 عنصرًا على الأقل"),
        ("قتل على الأقل 20 عنصرا", 20, "at_least", "على الأقل 20"),
        ("مقتل ما لا يقل عن 24 عنصرا", 24, "at_least", "ما لا يقل عن 24"),
        ("مقتل مالا يقل عن 24 عنصرا", 24, "at_least", "مالا يقل عن 24"),
        ("قتل 7 عناصر، على الأقل", 7, "at_least", "7 عناصر، على الأقل"),
        ("قتل نحو 30 شخصا", 30, "about", "نحو 30"),
        ("قتل حوالي خمسين شخصا", 50, "about", "حوالي خمسين"),
        ("قتل حوالى 15 شخصا", 15, "about", "حوالى 15"),
        ("أصيب قرابة 40 مدنيا", 40, "about", "قرابة 40"),
        ("أصيب زهاء 40 مدنيا", 40, "about", "زهاء 40"),
        ("قتل ما يقارب 60 عنصرا", 60, "about", "ما يقارب 60"),
        ("قتل أكثر من 70 عنصرا", 70, "more_than", "أكثر من 70"),
        ("قتل ما يزيد عن 70 عنصرا", 70, "more_than", "ما يزيد عن 70"),
        ("قتل أزيد من 70 عنصرا", 70, "more_than", "أزيد من 70"),
        ("أصيب أقل من 10 أشخاص", 10, "less_than", "أقل من 10"),
        ("وقتل ونحو عشرة", 10, "about", "نحو عشرة"),
    ],
)
def test_qualifiers_are_kept_and_spanned(text: str, value: int, qualifier: str, span: str) -> None:
    (q,) = quantities(text)
    assert (q.value, q.qualifier, q.span.text) == (value, qualifier, span)


def test_a_qualifier_after_a_second_number_stays_with_it() -> None:
    first, second = quantities("قتل 5 وإصابة 10 على الأقل")
    assert (first.value, first.qualifier) == (5, None)
    assert (second.value, second.qualifier) == (10, "at_least")


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("قتل عشرات العناصر", 10, "عشرات"),
        ("وأصيب العشرات بجروح", 10, "العشرات"),
        ("سقط مئات القتلى", 100, "مئات"),
        ("نزح آلاف المدنيين", 1000, "آلاف"),
        ("فر عشرات الآلاف من المدينة", 10000, "عشرات الآلاف"),
        ("قتل بالعشرات", 10, "بالعشرات"),
    ],
)
def test_vague_counts(text: str, value: int, span: str) -> None:
    (q,) = quantities(text)
    assert (q.value, q.vague, q.span.text) == (value, True, span)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("قتل عدد من العناصر", "عدد من"),
        ("قتل عددًا من العناصر", "عددًا من"),
        ("وقتلوا عددا آخر من المقاتلين", "عددا آخر من"),
        ("أصيب العديد من المدنيين", "العديد من"),
        ("فر بعض العناصر", "بعض"),
        ("استهدفت عدة مواقع", "عدة"),
        ("قتل بضعة عناصر", "بضعة"),
        ("وقتلت عددًا منهم", "عددًا منهم"),
        ("أسر العديد منهم", "العديد منهم"),
    ],
)
def test_several_has_no_value(text: str, span: str) -> None:
    (q,) = quantities(text)
    assert (q.value, q.vague, q.span.text) == (None, True, span)


def test_several_before_a_number_gives_way_to_it() -> None:
    (q,) = quantities("نزح بضعة آلاف")
    assert (q.value, q.vague) == (1000, True)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("قتل عنصرين", "عنصرين"),
        ("وأصيب طفلان", "طفلان"),
        ("استهدفت بقذيفتين", "بقذيفتين"),
        ("قتل عنصرين اثنين", "عنصرين اثنين"),
        ("بينهم مواطنتان", "مواطنتان"),
    ],
)
def test_duals_are_two(text: str, span: str) -> None:
    (q,) = quantities(text)
    assert (q.value, q.dual, q.span.text) == (2, True, span)


def test_spans_point_into_the_original_text() -> None:
    text = "قُتِل  ٢٠  عنصرًا على الأقل، وأُصيب خمسةٌ وعشرون"
    found = quantities(text)
    assert [q.span.text for q in found] == ["٢٠  عنصرًا على الأقل", "خمسةٌ وعشرون"]
    for q in found:
        assert text[q.span.start : q.span.end] == q.span.text


def test_given_dates_are_used_instead_of_finding_them() -> None:
    norm = normalize("قتل 20 عنصرا في 18 من نيسان")
    assert [q.value for q in find_quantities(norm, dates=[])] == [20, 18]
    assert [q.value for q in find_quantities(norm)] == [20]
