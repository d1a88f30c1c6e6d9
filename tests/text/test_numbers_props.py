"""Property tests: any number 0..9999 written in Arabic words parses back; no text breaks
the finder, and every span it reports is an exact slice of the input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rasd.text.normalize import normalize
from rasd.text.numbers import find_quantities, is_number_word, parse_number

# value: (masculine nominative, masculine accusative, feminine nominative, feminine accusative)
UNITS = {
    1: ("واحد", "واحد", "واحدة", "واحدة"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين"),
    3: ("ثلاثة", "ثلاثة", "ثلاث", "ثلاث"),
    4: ("أربعة", "أربعة", "أربع", "أربع"),
    5: ("خمسة", "خمسة", "خمس", "خمس"),
    6: ("ستة", "ستة", "ست", "ست"),
    7: ("سبعة", "سبعة", "سبع", "سبع"),
    8: ("ثمانية", "ثمانية", "ثماني", "ثماني"),
    9: ("تسعة", "تسعة", "تسع", "تسع"),
    10: ("عشرة", "عشرة", "عشر", "عشر"),
}
TEENS_FIRST = {
    1: ("أحد", "أحد", "إحدى", "إحدى"),
    2: ("اثنا", "اثني", "اثنتا", "اثنتي"),
}
TENS = {2: "عشر", 3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع"}
HUNDRED_STEMS = {3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع"}


def below_hundred(n: int, form: int) -> str:
    """1..99; ``form`` indexes the (gender, case) tuples above."""
    accusative = form % 2 == 1
    if n <= 10:
        return UNITS[n][form]
    if n < 20:
        first = TEENS_FIRST[n - 10][form] if n < 13 else UNITS[n - 10][form]
        return f"{first} {'عشرة' if form >= 2 else 'عشر'}"
    tens = TENS[n // 10] + ("ين" if accusative else "ون")
    return tens if n % 10 == 0 else f"{UNITS[n % 10][form]} و{tens}"


def hundreds(h: int, accusative: bool, spelling: int) -> str:
    hundred = ("مئة", "مائة")[spelling % 2]
    if h == 1:
        return hundred
    if h == 2:
        return ("مئتين" if accusative else "مئتان") if spelling % 2 == 0 else "مائتين"
    stem = "ثماني" if h == 8 and spelling >= 2 else HUNDRED_STEMS[h]
    return f"{stem} {hundred}" if spelling >= 2 else stem + hundred


def render(n: int, form: int, spelling: int) -> str:
    """An Arabic rendering of 0..9999 (thousands و hundreds و units و tens)."""
    if n == 0:
        return "صفر"
    accusative = form % 2 == 1
    parts = []
    thousands, rest = divmod(n, 1000)
    if thousands == 1:
        parts.append("ألف")
    elif thousands == 2:
        parts.append("ألفين" if accusative else "ألفان")
    elif thousands:
        parts.append(f"{UNITS[thousands][0]} {('آلاف', 'ألاف')[spelling % 2]}")
    h, rest = divmod(rest, 100)
    if h:
        parts.append(hundreds(h, accusative, spelling))
    if rest:
        parts.append(below_hundred(rest, form))
    return " و".join(parts)


forms = st.integers(0, 3)
spellings = st.integers(0, 3)


@given(st.integers(0, 9999), forms, spellings)
def test_rendered_numbers_parse_back(n: int, form: int, spelling: int) -> None:
    assert parse_number(render(n, form, spelling)) == n


@given(st.integers(1, 9999), forms, spellings, st.sampled_from(["و", "ب", "ل", ""]))
def test_rendered_numbers_are_found_in_a_sentence(
    n: int, form: int, spelling: int, proclitic: str
) -> None:
    words = render(n, form, spelling)
    if len(words.split()[0]) <= 2:  # "لست" is not "six": short stems take و only
        proclitic = "و"
    text = f"قتل {proclitic}{words} عنصرًا من القوات"
    (q,) = find_quantities(normalize(text))
    assert q.value == n
    assert q.span.text == f"{proclitic}{words}"


@given(st.integers(1, 999_999))
def test_digits_with_separators_parse_back(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", "٬")) == n


VOCABULARY = [
    "قتل",
    "عنصرا",
    "عنصرين",
    "مدنيين",
    "عشرات",
    "عدد",
    "من",
    "نحو",
    "على",
    "الأقل",
    "ما",
    "لا",
    "يقل",
    "عن",
    "ثلاثة",
    "آلاف",
    "وخمسمئة",
    "عشر",
    "الخامس",
    "2019",
    "20",
    "1,339",
    "12:51",
    "%",
    "نيسان",
    "أيلول",
    "السبت",
    "الـ",
    "عيار",
    "في",
    "المئة",
    "،",
    "(",
    ")",
    '"',
    "\n",
    "٢٠",
    "ألف",
    "بضعة",
    "T-72",
    "http://x.y/1",
    "+963",
]
pieces = st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=6))


@given(st.lists(pieces, max_size=30), st.sampled_from([" ", "  ", "\n", "ـ", ""]))
def test_any_text_gives_exact_spans(words: list[str], glue: str) -> None:
    text = glue.join(words)
    for q in find_quantities(normalize(text)):
        assert 0 <= q.span.start <= q.span.end <= len(text)
        assert text[q.span.start : q.span.end] == q.span.text
        assert q.value is None or q.value >= 0


SEVERAL_HEADS = ["عدد", "عددا", "عددًا", "عدد آخر", "عددا آخر", "العديد"]
FILLERS = ["قتل", "المهاجمون", "الحاجز", "في", "ريف", "حمص", "أمس", "وأصيب", "آخرون", "،"]


@given(
    st.sampled_from(SEVERAL_HEADS),
    st.sampled_from(["", "هم", "ها", "هن"]),
    st.sampled_from(["", "و", "ف"]),
    st.lists(st.sampled_from(FILLERS), max_size=4),
    st.lists(st.sampled_from(FILLERS), max_size=4),
)
def test_several_of_them_is_one_vague_count(
    head: str, pronoun: str, proclitic: str, before: list[str], after: list[str]
) -> None:
    """``عدد من`` with or without a pronoun on من (``قتلت عددًا منهم``) is one count of
    'several': no value, vague, spanning the whole phrase (and no other count is read)."""
    if head == "العديد" and proclitic:
        proclitic = ""  # "والعديد" is found too, but the article makes the span differ
    phrase = f"{proclitic}{head} من{pronoun}"
    text = " ".join([*before, phrase, *after])
    (q,) = find_quantities(normalize(text))
    assert (q.value, q.vague) == (None, True)
    assert q.span.text.endswith(f"{head} من{pronoun}")


NUMBER_WORDS = [w for forms in UNITS.values() for w in forms] + [
    "عشرات",
    "مئات",
    "عشرين",
    "خمسين",
    "مئة",
]


@given(st.sampled_from(NUMBER_WORDS), st.sampled_from(["ف", "ب", "ل"]))
def test_a_number_word_is_known_bare_and_not_behind_a_proclitic(word: str, proclitic: str) -> None:
    """``is_number_word`` tells a word that is a number as written (``واحد``) from one that
    carries a proclitic (``فخمسة``): extraction uses it to see a conjunction on a count."""
    assert is_number_word(word)
    assert not is_number_word(proclitic + word)
