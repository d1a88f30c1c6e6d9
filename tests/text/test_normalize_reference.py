"""The fast normaliser against the plain character-by-character definition of its output."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.text.normalize import (
    _FOLD,
    Normalized,
    _fold_char,
    fold,
    fold_text,
    normalize,
    normalize_key,
)


def reference(text: str) -> Normalized:
    """One character at a time: fold it, collapse white space runs, keep the offsets."""
    out: list[str] = []
    offsets: list[int] = []
    prev_space = True  # leading white space goes
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        if not folded:
            continue
        if folded in (" ", "\n"):
            if prev_space:  # a run becomes one character: a newline if it holds one
                if folded == "\n" and out and out[-1] == " ":
                    out[-1], offsets[-1] = "\n", i
                continue
            prev_space = True
        else:
            prev_space = False
        out.append(folded)
        offsets.extend([i] * len(folded))
    if out and out[-1] in " \n":
        out.pop()
        offsets.pop()
    return Normalized(text, "".join(out), tuple(offsets))


MIXED = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            [
                *"ابتةىيءأإآؤئـًٌٍَُِّْٰ٠١٢٣٤٥٦٧٨٩“”«»–—",
                *" \n\t\r\xa0\u2028\u3000\x0b\x1c",
                *"\u200f\u200c\ufeff\u00ad\ufefb\ufe8d\ufe70\ufdfa\u0130ÉA",
            ]
        ),
        st.characters(),
    ),
    max_size=80,
)


@settings(max_examples=500)
@given(MIXED)
def test_normalize_is_the_reference(text: str) -> None:
    assert normalize(text) == reference(text)
    assert normalize_key(text) == reference(text).text


@given(MIXED)
def test_fold_text_folds_each_character(text: str) -> None:
    assert fold_text(text) == "".join(fold(ch) for ch in text)


def test_characters_first_seen_later_are_learnt() -> None:
    rare = "\U0001d400\u0670\ufdf2"  # bold A, superscript alef, a ligature
    assert normalize(f"x {rare} y") == reference(f"x {rare} y")


@given(MIXED)
def test_fold_text_is_one_translate(text: str) -> None:
    """Folding character kind by kind (one replacement after another) is one pass."""
    fold_text(text)  # learn its characters
    assert fold_text(text) == text.translate(_FOLD.table)
