"""Lexicons sharing one automaton match exactly as they would alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rasd.knowledge.lexicon import Lexicon, entry_key, entry_keys
from rasd.text.normalize import normalize
from rasd.text.tokens import tokenize

TABLES = {
    "forces": [("لواء القدس", "liwa"), ("الدفاع الوطني", "ndf"), ("القدس", "quds")],
    "places": [("السخنة", "sukhnah"), ("ريف حمص", "homs-rural"), ("القدس", "jerusalem")],
    "words": [("مقتل", "killed"), ("ريف", "rural"), ("لواء", "brigade")],
    "empty": [],
}
FAMILY = Lexicon.family(TABLES)
ALONE = {name: Lexicon(entries) for name, entries in TABLES.items()}
TEXT = st.lists(
    st.sampled_from(["لواء", "القدس", "والدفاع", "الوطني", "بالسخنة", "ريف", "حمص",
                     "لمقتل", "عناصره", " ", ". ", "، ", "“", "”"]),
    max_size=25,
).map("".join)  # fmt: skip


@given(TEXT, TEXT)
def test_members_match_like_lone_lexicons(text: str, other: str) -> None:
    tokens, other_tokens = tokenize(normalize(text)), tokenize(normalize(other))
    for overlapping in (False, True):
        for name, alone in ALONE.items():
            member = FAMILY[name]
            assert member.match(tokens, overlapping) == alone.match(tokens, overlapping)
            # a scan of another text in between must not leak into the next match
            assert member.match(other_tokens, overlapping) == alone.match(other_tokens, overlapping)
            assert member.match(tokens, overlapping) == alone.match(tokens, overlapping)


def test_members_keep_their_own_entries() -> None:
    assert len(FAMILY["forces"]) == 3 and len(FAMILY["empty"]) == 0
    assert FAMILY["places"].lookup("القدس") == ("jerusalem",)
    assert FAMILY["forces"].lookup("القدس") == ("quds",)
    assert "بالسخنة" not in FAMILY["places"] and "السخنة" in FAMILY["places"]


@given(st.lists(st.text(max_size=12), max_size=20), st.booleans())
def test_entry_keys_is_entry_key_of_each(forms: list[str], strip: bool) -> None:
    assert entry_keys(forms, strip) == [entry_key(f, strip) for f in forms]
