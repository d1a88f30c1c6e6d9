"""Clitic-aware Aho–Corasick lexicon matching."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rasd.knowledge.lexicon import Lexicon, entry_key
from rasd.text.normalize import normalize
from rasd.text.tokens import tokenize

LEX = Lexicon(
    [
        ("لواء القدس", "liwa"),
        ("فيلق القدس", "irgc"),
        ("ريف حمص الشرقي", "homs-east"),
        ("ريف", "rural"),
        ("مقتل", "kill"),
        ("الاستيلاء", "loot"),
        ("السخنة", "sukhnah"),
        ("الدفاع الوطني", "ndf"),
        ("وزارة الدفاع", "mod"),
    ]
)


def hits(text: str) -> list[tuple[str, str]]:
    norm = normalize(text)
    out = []
    for m in LEX.match(tokenize(norm)):
        out.append((m.payloads[0], norm.span(m.start, m.end).text))
    return out


def test_proclitics_and_quotes() -> None:
    assert hits("نعى “لواء القدس” عناصره") == [("liwa", "لواء القدس")]
    assert hits("كمين بريف حمص الشرقي") == [("homs-east", "ريف حمص الشرقي")]
    assert hits("ما أدى لمقتل 4") == [("kill", "مقتل")]
    assert hits("والاستيلاء على بنادق") == [("loot", "الاستيلاء")]
    assert hits("غرب بالسخنة") == [("sukhnah", "السخنة")]


def test_longest_match_wins() -> None:
    assert hits("بدعم من فيلق القدس") == [("irgc", "فيلق القدس")]
    assert hits("أعلنت وزارة الدفاع") == [("mod", "وزارة الدفاع")]
    assert hits("ميليشيا والدفاع الوطني") == [("ndf", "الدفاع الوطني")]


def test_no_match_inside_a_word() -> None:
    assert hits("تريفون") == []
    assert hits("مقتلهمات") == []


def test_no_match_across_sentences() -> None:
    assert hits("لواء. القدس") == []


def test_entry_key_drops_leading_article_only() -> None:
    assert entry_key("الدفاع الوطني") == "دفاع الوطني"
    assert entry_key("السخنة") == "سخنه"
    assert entry_key("الكوم") == "كوم"
    assert entry_key("الحي") == "الحي"  # too short to strip safely
    assert "بالسخنة" not in LEX and "السخنة" in LEX


def test_lookup() -> None:
    assert LEX.lookup("لواء القدس") == ("liwa",)
    assert LEX.lookup("غير موجود") == ()


@given(st.text(alphabet=st.sampled_from(list("لواء القدس ريف حمص بالسخنة.،“”ـ")), max_size=60))
def test_match_spans_slice_the_original(text: str) -> None:
    norm = normalize(text)
    for m in LEX.match(tokenize(norm)):
        span = norm.span(m.start, m.end)
        assert text[span.start : span.end] == span.text
        assert entry_key(span.text) == m.key or normalize(span.text).text.endswith(m.key)
