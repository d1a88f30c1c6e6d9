"""The normaliser: folding rules, the offset map, idempotence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.text.normalize import normalize, normalize_key

ARABICISH = st.text(
    alphabet=st.sampled_from(
        [
            *list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةـًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹“”«»–— \n\t.,،؛؟"),
            "\u200f",
            "\u200c",
            "ﻻ",
            "ﺍ",
            "\xa0",
            "A",
            "b",
            "7",
        ]
    ),
    max_size=60,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد", "احمد"),
        ("إدلب", "ادلب"),
        ("آليتين", "اليتين"),
        ("ٱلله", "الله"),
        ("مؤسسة", "موسسه"),
        ("رئيس", "رييس"),
        ("مستشفى", "مستشفي"),
        ("الرقة", "الرقه"),
        ("مقاتلـــين", "مقاتلين"),
        ("عُنصرًا", "عنصرا"),
        ("٢٠٢٤/٠٥/٣١", "2024/05/31"),
        ("۱۲۳", "123"),
        ("“لواء القدس”", '"لواء القدس"'),
        ("«داعش»", '"داعش"'),
        ("دير الزور – حمص", "دير الزور - حمص"),
        ("سو\u200fريا", "سوريا"),
        ("تدمر\u00a0\u00a0 شرق", "تدمر شرق"),
        ("  حمص  ", "حمص"),
        ("سطر\n\n  ثان", "سطر\nثان"),
        ("\ufefb", "لا"),
        ("ISIS", "isis"),
    ],
)
def test_folding(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


def test_offsets_point_to_original_characters() -> None:
    raw = "قُتِلَ ٢٠ عنصرًا"
    norm = normalize(raw)
    start = norm.text.index("20")
    span = norm.span(start, start + 2)
    assert span.text == "٢٠"
    assert raw[span.start : span.end] == "٢٠"


def test_span_covers_deleted_marks_inside() -> None:
    raw = "مقاتلـــي “اللواء”"
    norm = normalize(raw)
    start = norm.text.index("مقاتلي")
    span = norm.span(start, start + len("مقاتلي"))
    assert span.text == "مقاتلـــي"


def test_normalize_key_matches_normalize() -> None:
    assert normalize_key("الإسلامية") == normalize("الإسلامية").text


@given(ARABICISH)
def test_idempotent(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@given(ARABICISH, st.data())
def test_every_span_slices_to_its_normalised_form(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    assert len(norm.offsets) == len(norm.text)
    if not norm.text:
        return
    start = data.draw(st.integers(0, len(norm.text) - 1))
    end = data.draw(st.integers(start + 1, len(norm.text)))
    piece = norm.text[start:end]
    if piece != piece.strip():
        return  # spans the text layer reports never start or end in white space
    offs = norm.offsets
    if (start > 0 and offs[start - 1] == offs[start]) or (
        end < len(offs) and offs[end - 1] == offs[end]
    ):
        return  # nor cut a ligature (ﻻ → لا) in half: they lie on original characters
    span = norm.span(start, end)
    assert text[span.start : span.end] == span.text
    assert normalize(span.text).text == piece


@given(ARABICISH)
def test_offsets_increase(text: str) -> None:
    offsets = normalize(text).offsets
    assert list(offsets) == sorted(offsets)
    assert all(0 <= o < len(text) for o in offsets)
