"""Sentences, tokens and clitic candidates."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from rasd.text.normalize import normalize
from rasd.text.tokens import is_proclitic, is_suffix, sentence_bounds, stems, tokenize


def test_sentences_split_on_stops_and_newlines() -> None:
    norm = normalize("عنوان الخبر\nقتل 3 عناصر. وأصيب آخرون؟ وقال المرصد إن الحصيلة 3.5 بالمئة")
    texts = [norm.text[s:e] for s, e in sentence_bounds(norm)]
    assert texts == [
        "عنوان الخبر",
        "قتل 3 عناصر.",
        "واصيب اخرون؟",
        "وقال المرصد ان الحصيله 3.5 بالميه",
    ]


def test_url_does_not_split_a_sentence() -> None:
    norm = normalize("نشر صورة pic.twitter.com/abc اليوم")
    assert len(sentence_bounds(norm)) == 1


def test_tokens_carry_sentence_index() -> None:
    norm = normalize("هاجم التنظيم نقطة. ثم انسحب")
    toks = tokenize(norm)
    assert [t.text for t in toks] == ["هاجم", "التنظيم", "نقطه", "ثم", "انسحب"]
    assert [t.sentence for t in toks] == [0, 0, 0, 1, 1]


def stem_set(word: str) -> set[str]:
    w = normalize(word).text
    return {w[p : len(w) - s] for p, s in stems(w)}


def test_clitic_candidates() -> None:
    assert "ريف" in stem_set("بريف")
    assert "مقتل" in stem_set("لمقتل")
    assert "حسب" in stem_set("وبحسب")
    assert "استيلاء" in stem_set("والاستيلاء")
    assert "عناصر" in stem_set("عناصره")
    assert "لواء" in stem_set("للواء")


def test_stems_never_shorter_than_two() -> None:
    assert all(len(s) >= 2 for s in stem_set("وله"))


def test_clitic_predicates() -> None:
    assert is_proclitic("وال") and is_proclitic("") and not is_proclitic("من")
    assert is_suffix("هم") and not is_suffix("ات")


@given(st.text(alphabet=st.sampled_from(list("ابتسكلمنهوي .،\n“”ـًّ0123")), max_size=80))
def test_token_spans_slice_the_original(text: str) -> None:
    norm = normalize(text)
    for tok in tokenize(norm):
        span = norm.span(tok.start, tok.end)
        assert text[span.start : span.end] == span.text
        assert normalize(span.text).text == tok.text


def _tokens_one_by_one(text: str) -> list[tuple[int, int, str, int]]:
    """The definition :func:`tokenize` computes in bulk: each run of letters or of digits, in
    the first sentence that ends after its start (the last one for anything later)."""
    norm = normalize(text)
    ends = [end for _, end in sentence_bounds(norm)]
    out = []
    for m in re.finditer(r"\d+|[^\W\d_]+", norm.text):
        sentence = next((i for i, end in enumerate(ends) if m.start() < end), len(ends) - 1)
        out.append((m.start(), m.end(), m.group(), max(sentence, 0)))
    return out


@given(
    st.lists(
        st.sampled_from(["قتل", "عناصر", "3.5", "12", "_", "a_b", ". ", "؟ ", "\n", "\n\n", "،",
                         "2018", " ", "…", '."', "pic.twitter.com", "ـ", "x"]),
        max_size=30,
    ).map("".join)
)  # fmt: skip
def test_tokenize_is_every_word_run_with_its_sentence(text: str) -> None:
    assert [tuple(t) for t in tokenize(normalize(text))] == _tokens_one_by_one(text)


def test_a_number_glued_to_a_word_is_two_tokens() -> None:
    # scraped pages glue the dateline's year to the first word of the lead
    words = [t.text for t in tokenize(normalize("١٤ ديسمبر ٢٠١٨سيطرت القوات"))]
    assert words == ["14", "ديسمبر", "2018", "سيطرت", "القوات"]
