"""Clitic-aware lexicon matching with an Aho–Corasick automaton.

A :class:`Lexicon` holds surface forms (one or more words) with payloads. It matches
them over the tokens of a text, ignoring punctuation between words (``“لواء القدس”``),
letting the first word carry proclitics (``بريف``، ``والدفاع الوطني``، ``للواء``) and
the last word an enclitic pronoun (``مقاتليه``). Entries are stored without the leading
article of their first word, so ``السخنة`` also matches ``بالسخنة`` and ``سخنة``.
Overlapping hits are resolved leftmost-longest. Lexicons built together by
:meth:`Lexicon.family`, or inside :func:`shared_automaton`, share one automaton: an article
is scanned once for all of them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import accumulate
from operator import add, attrgetter
from typing import Any, Generic, NamedTuple, TypeVar

import ahocorasick

from rasd.text.normalize import fold_text
from rasd.text.tokens import PROCLITICS, SUFFIXES, Token

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
# What may stand before / after a key inside its first / last token (tokens.is_proclitic,
# tokens.is_suffix as sets: every hit of every scan is checked against them)
_BEFORE = frozenset(("", *PROCLITICS))
_AFTER = frozenset(("", *SUFFIXES))


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

    def __init__(
        self,
        entries: Iterable[tuple[str, P]],
        strip_article: bool = True,
        *,
        _shared: tuple[dict[str, list[P]], _Scanner, int] | None = None,
    ) -> None:
        """``_shared``: the table, automaton and slot of a lexicon built by :meth:`family`."""
        self.strip_article = strip_article
        if _shared is None:
            self._payloads = _table(entries, strip_article)
            self._scanner, self._slot = _scanner_for([self._payloads])
        else:
            self._payloads, self._scanner, self._slot = _shared

    @classmethod
    def family(
        cls, tables: Mapping[str, Iterable[tuple[str, Any]]], strip_article: bool = True
    ) -> dict[str, Lexicon[Any]]:
        """Several lexicons that share one automaton.

        Each behaves as if built alone, but one scan of an article's tokens serves them all:
        matching twenty cue lists costs one pass over the text instead of twenty.
        """
        payloads = {name: _table(entries, strip_article) for name, entries in tables.items()}
        scanner, first = _scanner_for(list(payloads.values()))
        return {
            name: cls((), strip_article, _shared=(table, scanner, slot))
            for slot, (name, table) in enumerate(payloads.items(), start=first)
        }

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
        if not tokens:
            return []
        return self._match(_joined(tokens), overlapping)

    def _match(self, view: _Joined, overlapping: bool) -> list[LexiconMatch[P]]:
        if not self._payloads:
            return []
        hits = self._scanner.matches(view, self._slot)
        if not hits:  # most cue lists, in most articles
            return []
        return list(hits) if overlapping else _leftmost_longest(list(hits))


def match_each(
    lexicons: Sequence[Lexicon[Any]], tokens: list[Token]
) -> list[list[LexiconMatch[Any]]]:
    """``[lexicon.match(tokens) for lexicon in lexicons]``, the tokens joined once for all
    (an article is matched against some seventy event and cue lexicons in a row)."""
    if not tokens:
        return [[] for _ in lexicons]
    view = _joined(tokens)
    out: list[list[LexiconMatch[Any]]] = []
    for lexicon in lexicons:  # Lexicon._match, inlined: most of these lists have no hit
        hits = lexicon._scanner.matches(view, lexicon._slot) if lexicon._payloads else None
        out.append(_leftmost_longest(list(hits)) if hits else [])
    return out


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
    words = [t.text for t in key]
    lengths = list(map(len, words))
    # token i starts after the words before it and one space after each
    starts = list(map(add, accumulate(lengths, initial=0), range(len(words))))
    ends = list(map(add, starts, lengths))
    view = _Joined(key, " ".join(words), starts, ends)
    _last_joined = view
    return view


_shared: _Scanner | None = None  # the scanner that lexicons join inside shared_automaton()


@contextmanager
def shared_automaton() -> Iterator[None]:
    """Every lexicon built inside shares one automaton, built on leaving.

    Each lexicon still matches exactly as if built alone, but one scan of an article serves
    them all. A scan is bound by memory latency rather than by instructions (the automaton's
    nodes are visited at every character), so one scan of the actor, source, event and place
    lexicons together costs about half as much as four scans of four automata.
    """
    global _shared
    if _shared is not None:  # nested: the outer block builds
        yield
        return
    _shared = _Scanner([])
    try:
        yield
    finally:
        scanner, _shared = _shared, None
        scanner.build()


def _scanner_for(tables: list[dict[str, list[Any]]]) -> tuple[_Scanner, int]:
    """The scanner of new lexicons' tables, and the slot of the first."""
    if _shared is None:
        return _Scanner(tables), 0
    return _shared, _shared.add(tables)


class _Scanner:
    """One Aho–Corasick automaton over the keys of one or more lexicons (its slots).

    A scan yields every key ending at every position; the hits that fall on word bounds
    (clitics allowed) become matches, split by slot and kept for the last text scanned, so
    the other lexicons of a family reuse them: each hit is checked once, not once per lexicon.
    """

    def __init__(self, tables: list[dict[str, list[Any]]]) -> None:
        self._tables = list(tables)
        self._automaton: Any = None  # ahocorasick.Automaton, built from the tables
        self._last: tuple[_Joined, list[list[LexiconMatch[Any]]]] | None = None
        if tables:
            self.build()

    def add(self, tables: list[dict[str, list[Any]]]) -> int:
        """Take more lexicons' tables (the automaton is built again before the next scan);
        returns the slot of the first."""
        first = len(self._tables)
        self._tables += tables
        self._automaton = None
        self._last = None
        return first

    def build(self) -> None:
        owners: dict[str, list[tuple[int, tuple[Any, ...]]]] = {}
        for slot, table in enumerate(self._tables):
            for key, payloads in table.items():
                owners.setdefault(key, []).append((slot, tuple(payloads)))
        automaton = ahocorasick.Automaton()
        for key, slots in owners.items():
            # a key's spaces fall on the spaces between tokens: its last token is known
            automaton.add_word(key, (len(key), key.count(" "), key, tuple(slots)))
        if owners:
            automaton.make_automaton()
        self._automaton = automaton

    def matches(self, view: _Joined, slot: int) -> list[LexiconMatch[Any]]:
        """The matches of lexicon ``slot`` in ``view``, in scan order (shared: do not modify)."""
        last = self._last
        if last is None or last[0] is not view:
            last = (view, self._scan(view))
            self._last = last
        return last[1][slot]

    def _scan(self, view: _Joined) -> list[list[LexiconMatch[Any]]]:
        """Every hit on word bounds, split by slot.

        Keys and token texts are both runs of letters and digits, and the joined text puts
        one space between tokens, so a hit never starts or ends on a space and its words
        are whole tokens but for the first one's start and the last one's end: one bisection
        finds the first token, the key's spaces give the last.
        """
        if self._automaton is None:
            self.build()
        per_slot: list[list[LexiconMatch[Any]]] = [[] for _ in self._tables]
        if not len(self._automaton):
            return per_slot
        tokens, joined, starts, ends = view.tokens, view.text, view.starts, view.ends
        make = tuple.__new__  # LexiconMatch(...) without the keyword handling of named tuples
        # Most hits are whole words, so the prefix and suffix are tested apart only when the
        # hit does not start or end on its token's bound.
        for end_idx, (size, spaces, key, slots) in self._automaton.iter(joined):
            end_idx += 1
            start_idx = end_idx - size
            first = bisect_right(starts, start_idx) - 1
            last = first + spaces
            first_tok, last_tok = tokens[first], tokens[last]
            if spaces and first_tok.sentence != last_tok.sentence:
                continue
            n_start = first_tok.start
            prefix = suffix = ""
            if start_idx != starts[first]:
                prefix = joined[starts[first] : start_idx]
                if prefix not in _BEFORE:
                    continue
                n_start += len(prefix)
                if prefix.endswith("ال"):  # the article belongs to the name as written
                    prefix = prefix[:-2]
                    n_start -= 2
            n_end = last_tok.end
            if end_idx != ends[last]:
                suffix = joined[end_idx : ends[last]]
                if suffix not in _AFTER:
                    continue
                if _definite_end(key, joined[starts[first] : start_idx], first == last):
                    continue  # "الروسي" is not "الروس" + ي: a definite word takes no pronoun
                n_end -= len(suffix)
            for owner, payloads in slots:
                per_slot[owner].append(
                    make(LexiconMatch, (n_start, n_end, key, payloads, prefix, suffix, first, last))
                )
        return per_slot


def _definite_end(key: str, prefix: str, one_word: bool) -> bool:
    """Whether the last word of a hit carries the article (``الروس``، ``للتنظيم``)."""
    return key[key.rfind(" ") + 1 :].startswith("ال") or (
        one_word and prefix.endswith(("ال", "لل"))
    )


_START, _END = attrgetter("start"), attrgetter("end")  # (stable sorts: ties keep scan order)


def _leftmost_longest(hits: list[LexiconMatch[P]]) -> list[LexiconMatch[P]]:
    if len(hits) < 2:  # most lexicons, in most articles
        return hits
    hits.sort(key=_END, reverse=True)  # then by start: by start, the longest first
    hits.sort(key=_START)
    chosen: list[LexiconMatch[P]] = []
    taken_until = -1
    for h in hits:
        if h.start >= taken_until:
            chosen.append(h)
            taken_until = h.end
    return chosen
