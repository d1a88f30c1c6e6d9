"""The analysed article's bookkeeping: clauses, per-sentence lookups, lexicon items."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from rasd.extract.document import CLAUSE_WORDS, Doc, Item
from rasd.knowledge.events import event_lexicons
from rasd.records import Article

PUNCT = "،,;؛:"


def _clauses_token_by_token(doc: Doc) -> list[int]:
    """The definition: a clause opens with a new sentence, a clause word, or a comma,
    semicolon or colon between the token and the one before."""
    out, clause, prev_end, prev_sentence = [], 0, 0, 0
    for tok in doc.tokens:
        between = doc.norm.text[prev_end : tok.start]
        punct = any(c in PUNCT for c in between)
        if tok.sentence != prev_sentence or punct or tok.text in CLAUSE_WORDS:
            clause += 1
        out.append(clause)
        prev_end, prev_sentence = tok.end, tok.sentence
    return out


TEXT = st.lists(
    st.sampled_from(["قتل", "عناصر", "بعد", "حيث", "وذلك", " ", "، ", ",", "; ", "؛", ": ",
                     ". ", "\n", "3", "،،"]),
    max_size=30,
).map("".join)  # fmt: skip


@given(TEXT)
def test_clauses_open_at_sentences_clause_words_and_punctuation(text: str) -> None:
    doc = Doc.of(Article("t", text))
    assert doc.clauses == _clauses_token_by_token(doc)
    assert all(type(c) is int for c in doc.clauses)


def test_in_sentence_follows_added_items() -> None:
    doc = Doc.of(Article("t", "قتل عنصر. ثم قتل آخر. وانتهى"))
    first = doc.item_from_norm("x", 0, 3, 1)
    assert doc.in_sentence("x", 0) == [] and doc.in_sentence("x", 1) == []
    doc.add("x", [first])
    assert doc.in_sentence("x", 0) == [first]
    later = doc.item_from_norm("x", 14, 17, 2)
    doc.add("x", [later])  # the per-sentence index is rebuilt after an add
    assert doc.in_sentence("x", 1) == [later] and doc.in_sentence("x", 0) == [first]


def test_lexicon_items_are_the_items_of_their_offsets() -> None:
    """Items made from a hit's own tokens equal those located from its offsets."""
    doc = Doc.of(
        Article("t", "وقتل عنصران بهجوم لتنظيم الدولة قرب السخنة.", published=dt.date(2024, 5, 1))
    )
    matches = event_lexicons().triggers.match(doc.tokens)
    assert matches
    doc.add_matches("trigger", matches)
    expected = [doc.item_from_norm("trigger", m.start, m.end, m.payloads) for m in matches]
    assert doc.of_kind("trigger") == sorted(expected, key=lambda it: (it.first, it.last))
    assert all(isinstance(it, Item) for it in doc.of_kind("trigger"))
