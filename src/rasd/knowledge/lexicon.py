"""Clitic-aware lexicon matching with an Aho–Corasick automaton.

A :class:`Lexicon` holds surface forms (one or more words) with payloads. It matches
them over the tokens of a text, ignoring punctuation between words (``“لواء القدس”``),
letting the first word carry proclitics (``بريف``، ``والدفاع الوطني``، ``للواء``) and
the last word an enclitic pronoun (``مقاتليه``). Entries are stored without the leading
article of their first word, so ``السخنة`` also matches ``بالسخنة`` and ``سخنة``.
Overlapping hits are resolved leftmost-longest.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from rasd.text.normalize import normalize_key
from rasd.text.tokens import Token, is_proclitic, is_suffix

P = TypeVar("P", bound=Hashable)


@dataclass(frozen=True, slots=True)
class LexiconMatch(Generic[P]):
    """One hit: normalised offsets ``[start, end)``, the entry key and its payloads.

    The span includes a leading article (``السخنة`` in ``بالسخنة``); ``prefix`` is the
    conjunction/preposition before it and ``suffix`` an enclitic pronoun after the name.
    """

    start: int
    end: int
    key: str
    payloads: tuple[P, ...]
    prefix: str
    suffix: str
    first_token: int
    last_token: int


def entry_key(form: str, strip_article: bool = True) -> str:
    """The normalised key an entry is stored under (words joined by one space)."""
    words = "".join(c if c.isalnum() else " " for c in normalize_key(form)).split()
    if strip_article and words and words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    return " ".join(words)


class Lexicon(Generic[P]):
    """A set of surface forms with payloads, matched over tokenised text."""

    def __init__(self, entries: Iterable[tuple[str, P]], strip_article: bool = True) -> None:
        self.strip_article = strip_article
        self._payloads: dict[str, list[P]] = {}
        for form, payload in entries:
            key = entry_key(form, strip_article)
            if not key:
                continue
            bucket = self._payloads.setdefault(key, [])
            if payload not in bucket:
                bucket.append(payload)
        self._automaton = ahocorasick.Automaton()
        for key, payloads in self._payloads.items():
            self._automaton.add_word(key, (key, tuple(payloads)))
        if self._payloads:
            self._automaton.make_automaton()

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
        joined, starts = _join(tokens)
        owner = _owner_index(joined, starts)
        hits: list[LexiconMatch[P]] = []
        for end_idx, (key, payloads) in self._automaton.iter(joined):
            start_idx = end_idx - len(key) + 1
            first, last = owner[start_idx], owner[end_idx]
            if first < 0 or last < 0 or tokens[first].sentence != tokens[last].sentence:
                continue
            prefix = joined[starts[first] : start_idx]
            suffix = joined[end_idx + 1 : starts[last] + len(tokens[last].text)]
            if not (is_proclitic(prefix) and is_suffix(suffix)):
                continue
            n_start = tokens[first].start + len(prefix)
            if prefix.endswith("ال"):  # the article belongs to the name as written
                prefix = prefix[:-2]
                n_start -= 2
            n_end = tokens[last].end - len(suffix)
            hits.append(LexiconMatch(n_start, n_end, key, payloads, prefix, suffix, first, last))
        return hits if overlapping else _leftmost_longest(hits)


def _join(tokens: list[Token]) -> tuple[str, list[int]]:
    starts: list[int] = []
    pos = 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok.text) + 1
    return " ".join(t.text for t in tokens), starts


def _owner_index(joined: str, starts: list[int]) -> list[int]:
    """For each character of the joined string, its token index (-1 for separators)."""
    owner = [-1] * len(joined)
    for i, s in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(joined)
        owner[s:end] = [i] * (end - s)
    return owner


def _leftmost_longest(hits: list[LexiconMatch[P]]) -> list[LexiconMatch[P]]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    chosen: list[LexiconMatch[P]] = []
    taken_until = -1
    for h in hits:
        if h.start >= taken_until:
            chosen.append(h)
            taken_until = h.end
    return chosen
