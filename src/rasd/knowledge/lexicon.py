"""Clitic-aware lexicon matching with an Aho–Corasick automaton.

A :class:`Lexicon` holds surface forms (one or more words) with payloads. It matches
them over the tokens of a text, ignoring punctuation between words (``“لواء القدس”``),
letting the first word carry proclitics (``بريف``، ``والدفاع الوطني``، ``للواء``) and
the last word an enclitic pronoun (``مقاتليه``). Entries are stored without the leading
article of their first word, so ``السخنة`` also matches ``بالسخنة`` and ``سخنة``.
Overlapping hits are resolved leftmost-longest. Lexicons built together by
:meth:`Lexicon.family` share one automaton: an article is scanned once for all of them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar

import ahocorasick

from rasd.text.normalize import fold_text
from rasd.text.tokens import Token, is_proclitic, is_suffix

P = TypeVar("P", bound=Hashable)


class LexiconMatch(NamedTuple, Generic[P]):
    """One hit: normalised offsets ``[start, end)``, the entry key and its payloads.

    The span includes a leading article (``السخنة`` in ``بالسخنة``); ``prefix`` is the
    conjunction/preposition before it and ``suffix`` an enclitic pronoun after the name.
    A named tuple, not a frozen dataclass: matching builds many and a tuple is cheaper.
    """

    start: int
    end: int
    key: str
    payloads: tuple[P, ...]
    prefix: str
    suffix: str
    first_token: int
    last_token: int


_WORD = re.compile(r"[^\W_]+")  # a run of letters or digits (str.isalnum)


def entry_key(form: str, strip_article: bool = True) -> str:
    """The normalised key an entry is stored under (words joined by one space)."""
    return _key(_WORD.findall(fold_text(form)), strip_article)


def normalized_key(form: str, strip_article: bool = True) -> str:
    """:func:`entry_key` of a form that is already normalised (nothing left to fold)."""
    return _key(_WORD.findall(form), strip_article)


def entry_keys(forms: list[str], strip_article: bool = True) -> list[str]:
    """:func:`entry_key` of many forms at once (folded in one pass: loading is start-up)."""
    if not forms or any("\0" in form for form in forms):
        return [entry_key(form, strip_article) for form in forms]
    folded = fold_text("\0".join(forms)).split("\0")
    return [normalized_key(form, strip_article) for form in folded]


def _key(words: list[str], strip_article: bool) -> str:
    if strip_article and words and words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    return " ".join(words)


class Lexicon(Generic[P]):
    """A set of surface forms with payloads, matched over tokenised text."""

    def __init__(self, entries: Iterable[tuple[str, P]], strip_article: bool = True) -> None:
        self.strip_article = strip_article
        self._payloads = _table(entries, strip_article)
        self._scanner = _Scanner([self._payloads])
        self._slot = 0

    @classmethod
    def family(
        cls, tables: Mapping[str, Iterable[tuple[str, Any]]], strip_article: bool = True
    ) -> dict[str, Lexicon[Any]]:
        """Several lexicons that share one automaton.

        Each behaves as if built alone, but one scan of an article's tokens serves them all:
        matching twenty cue lists costs one pass over the text instead of twenty.
        """
        payloads = {name: _table(entries, strip_article) for name, entries in tables.items()}
        scanner = _Scanner(list(payloads.values()))
        family: dict[str, Lexicon[Any]] = {}
        for slot, (name, table) in enumerate(payloads.items()):
            lexicon: Lexicon[Any] = cls.__new__(cls)
            lexicon.strip_article = strip_article
            lexicon._payloads = table
            lexicon._scanner = scanner
            lexicon._slot = slot
            family[name] = lexicon
        return family

    def __len__(self) -> int:
        return len(self._payloads)

    def __contains__(self, form: str) -> bool:
        return entry_key(form, self.strip_article) in self._payloads

    def lookup(self, form: str) -> tuple[P, ...]:
        """Payloads stored under a form, ignoring its clitics only through the key."""
        return tuple(self._payloads.get(entry_key(form, self.strip_article), ()))

    def keys(self) -> list[str]:
        return list(self._payloads)

    def match(self, tokens: list[Token], overlapping: bool = False) -> list[LexiconMatch[P]]:
        """Every hit in the text; leftmost-longest without overlaps unless asked."""
        if not self._payloads or not tokens:
            return []
        view = _joined(tokens)
        raw = self._scanner.hits(view, self._slot)
        if not raw:
            return []
        joined, starts, ends = view.text, view.starts, view.ends
        hits: list[LexiconMatch[P]] = []
        make = tuple.__new__  # LexiconMatch(...) without the keyword handling of named tuples
        for end_idx, key, payloads in raw:
            start_idx = end_idx - len(key) + 1
            first = bisect_right(starts, start_idx) - 1
            last = bisect_right(starts, end_idx) - 1
            if start_idx >= ends[first] or end_idx >= ends[last]:
                continue  # begins or ends on the space between two tokens
            first_tok, last_tok = tokens[first], tokens[last]
            if first_tok.sentence != last_tok.sentence:
                continue
            prefix = joined[starts[first] : start_idx]
            suffix = joined[end_idx + 1 : ends[last]]
            if not (is_proclitic(prefix) and is_suffix(suffix)):
                continue
            n_start = first_tok.start + len(prefix)
            if prefix.endswith("ال"):  # the article belongs to the name as written
                prefix = prefix[:-2]
                n_start -= 2
            n_end = last_tok.end - len(suffix)
            hits.append(
                make(LexiconMatch, (n_start, n_end, key, payloads, prefix, suffix, first, last))
            )
        return hits if overlapping else _leftmost_longest(hits)


def _table(entries: Iterable[tuple[str, P]], strip_article: bool) -> dict[str, list[P]]:
    """Entry key → its distinct payloads, in entry order."""
    pairs = list(entries)
    keys = entry_keys([form for form, _ in pairs], strip_article)
    table: dict[str, list[P]] = {}
    for key, (_, payload) in zip(keys, pairs, strict=True):
        if not key:
            continue
        bucket = table.setdefault(key, [])
        if payload not in bucket:
            bucket.append(payload)
    return table


@dataclass(frozen=True, slots=True)
class _Joined:
    """Token texts joined by single spaces (what the automata scan), with each token's range.

    An article's tokens are matched against many lexicons in a row, so the last one is kept.
    """

    tokens: tuple[Token, ...]
    text: str
    starts: list[int]
    ends: list[int]


_last_joined: _Joined | None = None


def _joined(tokens: list[Token]) -> _Joined:
    global _last_joined
    key = tuple(tokens)
    last = _last_joined
    if last is not None and last.tokens == key:
        return last
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for tok in key:
        starts.append(pos)
        pos += len(tok.text)
        ends.append(pos)
        pos += 1
    view = _Joined(key, " ".join([t.text for t in key]), starts, ends)
    _last_joined = view
    return view


_Hit = tuple[int, str, tuple[Any, ...]]  # end index in the joined text, key, payloads


class _Scanner:
    """One Aho–Corasick automaton over the keys of one or more lexicons (its slots).

    A scan yields every key ending at every position; its hits are split by slot and kept
    for the last text scanned, so the other lexicons of a family reuse them.
    """

    def __init__(self, tables: list[dict[str, list[Any]]]) -> None:
        owners: dict[str, list[tuple[int, tuple[Any, ...]]]] = {}
        for slot, table in enumerate(tables):
            for key, payloads in table.items():
                owners.setdefault(key, []).append((slot, tuple(payloads)))
        self._automaton = ahocorasick.Automaton()
        for key, slots in owners.items():
            self._automaton.add_word(key, (key, tuple(slots)))
        if owners:
            self._automaton.make_automaton()
        self._slots = len(tables)
        self._last: tuple[_Joined, list[list[_Hit]]] | None = None

    def hits(self, view: _Joined, slot: int) -> list[_Hit]:
        last = self._last
        if last is None or last[0] is not view:
            per_slot: list[list[_Hit]] = [[] for _ in range(self._slots)]
            for end_idx, (key, slots) in self._automaton.iter(view.text):
                for owner, payloads in slots:
                    per_slot[owner].append((end_idx, key, payloads))
            last = (view, per_slot)
            self._last = last
        return last[1][slot]


def _leftmost_longest(hits: list[LexiconMatch[P]]) -> list[LexiconMatch[P]]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    chosen: list[LexiconMatch[P]] = []
    taken_until = -1
    for h in hits:
        if h.start >= taken_until:
            chosen.append(h)
            taken_until = h.end
    return chosen
