"""The analysed article: text layer output plus every mention, indexed by token.

Extraction reasons in tokens (how far is this number from that word?) and reports in
original character offsets (evidence). :class:`Doc` holds both views: every mention is an
:class:`Item` with its token range, its sentence and its original-text :class:`Span`.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate, compress, count
from operator import attrgetter, ne
from typing import Any, NamedTuple

from rasd.knowledge.lexicon import LexiconMatch
from rasd.knowledge.sources import Outlet
from rasd.records import Article, Span, make_span
from rasd.text.normalize import Normalized, normalize
from rasd.text.tokens import Token, sentence_bounds, tokenize


class Item(NamedTuple):
    """One mention located in the article: tokens ``[first, last]`` of sentence ``sentence``.

    A named tuple rather than a frozen dataclass (same fields, equality, hashing and repr):
    an article has a hundred mentions or more and a tuple is built several times faster.
    """

    kind: str
    first: int
    last: int
    sentence: int
    span: Span
    value: Any
    source: Any = None  # the resolver's own record (ActorMention, PlaceMention...)


_POSITION = attrgetter("first", "last")  # items are kept in token order
_START = attrgetter("start")
_SENTENCE = attrgetter("sentence")
_TEXT = attrgetter("text")
_new_item = tuple.__new__  # Item(...) without the keyword handling of named tuples
_NONE: list[Item] = []  # what in_sentence answers for a sentence without such items (shared)

# Words that open a new clause inside a sentence (besides commas and semicolons).
CLAUSE_WORDS = frozenset({"بعد", "حيث", "فيما", "بينما", "وسط", "منذ", "وبعد", "عقب", "وذلك"})
_CLAUSE_PUNCT = frozenset("،,;؛:")
_CLAUSE_PUNCT_RE = re.compile(f"[{re.escape(''.join(sorted(_CLAUSE_PUNCT)))}]")


def _clauses(text: str, tokens: list[Token], starts: list[int]) -> list[int]:
    """The clause index of each token (``starts``: the tokens' starts).

    A clause opens with each sentence, at a clause word, and after a comma, semicolon or
    colon; the punctuation is found by one search of the text, each mark opening a clause
    at the token after it, rather than by slicing the text between every two tokens.
    """
    if not tokens:
        return []
    # built by map and compress, without a Python step per token
    sentences = list(map(_SENTENCE, tokens))
    opens = list(map(ne, sentences, [0, *sentences[:-1]]))
    for i in compress(count(), map(CLAUSE_WORDS.__contains__, map(_TEXT, tokens))):
        opens[i] = True
    for mark in _CLAUSE_PUNCT_RE.finditer(text):
        after = bisect_right(starts, mark.start())
        if after < len(opens):
            opens[after] = True
    return list(accumulate(opens, initial=0))[1:]


@dataclass(slots=True)
class Doc:
    """An article being analysed; stages add mentions to ``items``."""

    article: Article
    norm: Normalized
    tokens: list[Token]
    sentences: list[tuple[int, int]]
    ref_date: dt.date | None = None
    ref_date_inferred: bool = False
    # the day a dated report tells of the article's news (see reading._settle_news_day)
    news_day: dt.date | None = None
    outlet: Outlet | None = None  # the outlet that publishes the article, when known
    items: dict[str, list[Item]] = field(default_factory=dict)
    clauses: list[int] = field(default_factory=list)  # clause index of each token
    _tok_starts: list[int] = field(default_factory=list)
    # kind -> sentence -> its items, built on the first in_sentence(kind, ...) after an add
    _by_sentence: dict[str, dict[int, list[Item]]] = field(default_factory=dict)

    @classmethod
    def of(cls, article: Article) -> Doc:
        norm = normalize(article.text)
        tokens = tokenize(norm)
        doc = cls(article, norm, tokens, sentence_bounds(norm), ref_date=article.published)
        doc._tok_starts = list(map(_START, tokens))
        doc.clauses = _clauses(norm.text, tokens, doc._tok_starts)
        return doc

    # -- locating ---------------------------------------------------------------------------
    def token_at(self, norm_pos: int) -> int:
        """Index of the token that contains (or follows) a normalised position."""
        i = bisect_right(self._tok_starts, norm_pos) - 1
        return max(i, 0)

    def norm_pos(self, orig_pos: int) -> int:
        """Normalised index of the first character at or after an original position."""
        return bisect_left(self.norm.offsets, orig_pos)

    def clause(self, it: Item) -> int:
        return self.clauses[it.first] if self.clauses else 0

    def sentence_of_token(self, tok: int) -> int:
        return self.tokens[tok].sentence if self.tokens else 0

    def item_from_norm(
        self, kind: str, start: int, end: int, value: Any, source: Any = None
    ) -> Item:
        first, last = self._token_range(start, max(start, end - 1))
        sentence, span = self.sentence_of_token(first), self.norm.span(start, end)
        return _new_item(Item, (kind, first, last, sentence, span, value, source))

    def item_from_span(self, kind: str, span: Span, value: Any, source: Any = None) -> Item:
        start = bisect_left(self.norm.offsets, span.start)
        end = max(start + 1, bisect_left(self.norm.offsets, span.end))
        first, last = self._token_range(start, end - 1)
        sentence = self.sentence_of_token(first)
        return _new_item(Item, (kind, first, last, sentence, span, value, source))

    def _token_range(self, first_pos: int, last_pos: int) -> tuple[int, int]:
        """:meth:`token_at` of two normalised positions, the second never before the first."""
        first = max(bisect_right(self._tok_starts, first_pos) - 1, 0)
        return first, max(first, bisect_right(self._tok_starts, last_pos) - 1)

    def add(self, kind: str, items: Iterable[Item]) -> None:
        have = self.items.setdefault(kind, [])
        before = len(have)
        have.extend(items)
        if len(have) > before:
            have.sort(key=_POSITION)
            self._by_sentence.pop(kind, None)

    def keep(self, kind: str, items: list[Item]) -> None:
        """Replace the items of ``kind`` by ``items`` (some of them, in the same order)."""
        self.items[kind] = items
        self._by_sentence.pop(kind, None)

    def add_matches(self, kind: str, matches: Iterable[LexiconMatch[Any]]) -> None:
        """Lexicon hits as items. A hit knows its own tokens (``first_token``..``last_token``
        of :attr:`tokens`), so no offset is looked up again."""
        if not matches:  # most of the seventy cue lists, in most articles
            self.items.setdefault(kind, [])
            return
        tokens, offsets, original = self.tokens, self.norm.offsets, self.norm.original
        items = []
        for start, end, _, payloads, _, _, first, last in matches:
            # Normalized.span of a hit (never empty), inlined: a hundred hits an article
            o_start, o_end = offsets[start], offsets[end - 1] + 1
            span = make_span(o_start, o_end, original[o_start:o_end])
            sentence = tokens[first].sentence
            items.append(_new_item(Item, (kind, first, last, sentence, span, payloads, None)))
        self.add(kind, items)

    # -- reading ----------------------------------------------------------------------------
    def of_kind(self, kind: str) -> list[Item]:
        return self.items.get(kind, [])

    def in_sentence(self, kind: str, sentence: int) -> list[Item]:
        """The items of ``kind`` in one sentence, in article order (shared: do not modify).

        Frame reading asks this hundreds of times per article, so each kind is grouped by
        sentence once (on first use after :meth:`add`) instead of filtered on every call.
        """
        index = self._by_sentence.get(kind)
        if index is None:
            index = {}
            for it in self.items.get(kind, ()):
                index.setdefault(it.sentence, []).append(it)
            self._by_sentence[kind] = index
        return index.get(sentence, _NONE)

    def sentence_tokens(self, sentence: int) -> range:
        start, end = self.sentences[sentence]
        first = bisect_left(self._tok_starts, start)
        last = bisect_left(self._tok_starts, end)
        return range(first, last)

    def words(self, first: int, last: int) -> list[str]:
        """Normalised token texts ``first..last`` inclusive (clamped to the article)."""
        first = max(first, 0)
        return [t.text for t in self.tokens[first : last + 1]]

    def covered(self, first: int, last: int, kinds: tuple[str, ...]) -> bool:
        """Whether every token ``first..last`` lies inside a mention of one of ``kinds``
        (``نعى لواء القدس 22``: only the name between the verb and the number)."""
        inside = {
            t for kind in kinds for it in self.of_kind(kind) for t in range(it.first, it.last + 1)
        }
        return all(t in inside for t in range(first, last + 1))

    def sentence_text(self, sentence: int) -> str:
        start, end = self.sentences[sentence]
        return self.norm.text[start:end]
