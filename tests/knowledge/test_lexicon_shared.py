"""Lexicons built inside ``shared_automaton()`` (one scan for all) match as if built alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rasd.knowledge.lexicon import Lexicon, match_each, shared_automaton
from rasd.text.normalize import normalize
from rasd.text.tokens import tokenize

FORCES = [("لواء القدس", "liwa"), ("الدفاع الوطني", "ndf"), ("القدس", "quds")]
PLACES = [("السخنة", "sukhnah"), ("ريف حمص", "homs-rural"), ("القدس", "jerusalem")]
CUES = {"words": [("مقتل", "killed"), ("ريف", "rural"), ("لواء", "brigade")], "empty": []}

with shared_automaton():
    S_FORCES = Lexicon(FORCES)
    S_PLACES = Lexicon(PLACES, strip_article=False)
    S_CUES = Lexicon.family(CUES)
    with shared_automaton():  # nested: joins the outer one
        S_LATE = Lexicon([("حمص", "homs")])
SHARED = [S_FORCES, S_PLACES, *S_CUES.values(), S_LATE]
ALONE = [
    Lexicon(FORCES),
    Lexicon(PLACES, strip_article=False),
    *(Lexicon(entries) for entries in CUES.values()),
    Lexicon([("حمص", "homs")]),
]
TEXT = st.lists(
    st.sampled_from(["لواء", "القدس", "والدفاع", "الوطني", "بالسخنة", "ريف", "حمص",
                     "لمقتل", "عناصره", " ", ". ", "، ", "“", "”"]),
    max_size=25,
).map("".join)  # fmt: skip


def test_one_automaton_for_all() -> None:
    assert len({id(lexicon._scanner) for lexicon in SHARED}) == 1
    assert len({id(lexicon._scanner) for lexicon in ALONE}) == len(ALONE)


@given(TEXT, TEXT)
def test_shared_lexicons_match_like_lone_ones(text: str, other: str) -> None:
    tokens, other_tokens = tokenize(normalize(text)), tokenize(normalize(other))
    for overlapping in (False, True):
        for shared, alone in zip(SHARED, ALONE, strict=True):
            assert shared.match(tokens, overlapping) == alone.match(tokens, overlapping)
            assert shared.match(other_tokens, overlapping) == alone.match(other_tokens, overlapping)
            assert shared.match(tokens, overlapping) == alone.match(tokens, overlapping)


@given(TEXT)
def test_match_each_is_match_of_each(text: str) -> None:
    tokens = tokenize(normalize(text))
    assert match_each(SHARED, tokens) == [lexicon.match(tokens) for lexicon in ALONE]


def test_a_lexicon_joining_after_a_scan_rebuilds_the_automaton() -> None:
    tokens = tokenize(normalize("مقتل عناصر من لواء القدس في ريف حمص"))
    with shared_automaton():
        first = Lexicon(FORCES)
        before = first.match(tokens)  # scanned before the block ends: built for itself
        second = Lexicon(PLACES, strip_article=False)
    assert first._scanner is second._scanner
    assert first.match(tokens) == before == Lexicon(FORCES).match(tokens)
    assert second.match(tokens) == Lexicon(PLACES, strip_article=False).match(tokens)
    assert [m.key for m in second.match(tokens)] == ["القدس", "ريف حمص"]
