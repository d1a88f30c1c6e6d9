"""The one Arabic normaliser, with an offset map back to the original text.

Matching needs one spelling for the many ways Arabic news writes a word (أ/إ/آ/ا,
ة/ه, ى/ي, tatweel, diacritics, Arabic-Indic digits, curly quotes, bidi marks...), but
evidence must point at the text exactly as given. Every character of the normalised
text therefore remembers the index of the original character it came from.

Each original character becomes zero, one or (for presentation-form ligatures) more
normalised characters; runs of white space become one space. Normalisation is
idempotent (a white-space run becomes one space, or one newline if it
holds one): ``normalize(normalize(s).text).text == normalize(s).text``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rasd.records import Span, make_span

_DELETE = {
    "\u0640",  # tatweel
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2060",
    "\ufeff",
    "\u061c",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u00ad",
}
_NEWLINES = {"\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"}
_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    "ى": "ي",
    "ة": "ه",
    "ی": "ي",
    "ک": "ك",
    "ە": "ه",
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "«": '"',
    "»": '"',
    "″": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "`": "'",
    "–": "-",
    "—": "-",
    "‒": "-",
    "―": "-",
    "−": "-",
    "‐": "-",
    "‑": "-",
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _MAP[chr(0x06F0 + _i)] = str(_i)  # Persian digits


def _is_mark(ch: str) -> bool:
    """Arabic diacritics (harakat, shadda, sukun, superscript alef...) and other combining marks."""
    return unicodedata.category(ch) == "Mn"


def _fold_char(ch: str) -> str:
    if ch in _DELETE or _is_mark(ch):
        return ""
    mapped = _MAP.get(ch)
    if mapped is not None:
        return mapped
    if "\ufb50" <= ch <= "\ufeff":  # presentation forms: ﻻ → لا, ﺍ → ا
        decomposed = unicodedata.normalize("NFKC", ch)
        return (
            "".join(_fold_char(c) for c in decomposed if not c.isspace())
            if decomposed != ch
            else ch
        )
    if ch in _NEWLINES:
        return "\n"
    if ch.isspace():
        return " "
    if ch.isupper():
        lowered = ch.lower()
        return lowered if len(lowered) == 1 else ch
    return ch


class _FoldTable:
    """What every character seen so far folds to, in the forms the fast path needs.

    ``table`` maps each to its folded form; ``changes`` lists those that fold to anything
    but themselves (with whether they are irregular); ``irregular`` finds the characters
    that do not fold to exactly one character (deleted marks, ligatures), the only places
    where the offset map is not the identity; ``unknown`` finds characters not learnt yet.
    Characters are learnt on first sight, so the table stays small and any Unicode input
    works.
    """

    def __init__(self) -> None:
        self.table: dict[int, str] = {}
        self.changes: list[tuple[str, str, bool]] = []
        self.irregular: re.Pattern[str] | None = None
        self._unknown: re.Pattern[str] | None = None
        self._seen: set[str] = set()
        self._irregular_chars: set[str] = set()

    def learn(self, text: str) -> None:
        if self._unknown is not None and self._unknown.search(text) is None:
            return
        new = set(text).difference(self._seen)
        if not new:
            return
        for ch in sorted(new):
            out = _fold_char(ch)
            if len(out) != 1:
                self._irregular_chars.add(ch)
            if out != ch:
                self.changes.append((ch, out, len(out) != 1))
            self.table[ord(ch)] = out
        if self._irregular_chars:
            self.irregular = re.compile(f"[{_char_class(self._irregular_chars)}]+")
        self._unknown = re.compile(f"[^{_char_class(self._seen | new)}]")
        # last: whoever finds these characters learnt finds them in the table and patterns
        self._seen.update(new)

    def fold(self, text: str) -> tuple[str, bool]:
        """``text`` with every character folded (all learnt), and whether an irregular one
        was among them.

        Equal to ``text.translate(self.table)``, but a Python step per *kind* of character
        that changes (``ة``, ``أ``, a diacritic...) rather than a dictionary lookup per
        character: most characters of a text fold to themselves. One replacement after
        another is one pass, as every folded character folds to itself.
        """
        irregular = False
        for ch, out, odd in self.changes:
            if ch in text:
                text = text.replace(ch, out)
                irregular = irregular or odd
        return text, irregular


def _char_class(chars: set[str]) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


_FOLD = _FoldTable()
_WS_RUN = re.compile(r"[ \n][ \n]+")  # two or more: as [ \n]{2,}, but found faster by re


def fold(ch: str) -> str:
    """What one original character becomes (possibly nothing or several characters)."""
    _FOLD.learn(ch)
    return _FOLD.table[ord(ch)]


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text and, for each of its characters, the original index."""

    original: str
    text: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised half-open range to the original half-open range."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def span(self, start: int, end: int) -> Span:
        """The original-text :class:`Span` behind a normalised range."""
        if start >= end:  # rare: the one case :meth:`to_original` treats apart
            o_start, o_end = self.to_original(start, end)
        else:  # inlined: every mention of an article comes through here
            o_start, o_end = self.offsets[start], self.offsets[end - 1] + 1
        return make_span(o_start, o_end, self.original[o_start:o_end])


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching and keep the offset map.

    Every character is folded by one :meth:`str.translate`; the offset map is the identity
    except around irregular characters and white space runs, the only places visited in
    Python. A run of white space becomes its first character, or its first newline if it
    holds one; white space at either end goes.
    """
    _FOLD.learn(text)
    folded, irregular = _FOLD.fold(text)
    offsets = _folded_offsets(text) if irregular else _positions(0, len(text))
    start, end = 0, len(folded)
    while start < end and folded[start] in " \n":
        start += 1
    while end > start and folded[end - 1] in " \n":
        end -= 1
    runs = list(_WS_RUN.finditer(folded, start, end))
    if not runs and start == 0 and end == len(folded):
        return Normalized(text, folded, tuple(offsets))
    pieces: list[str] = []
    kept: list[int] = []
    pos = start
    for m in runs:
        run_start, run_end = m.span()
        newline = folded.find("\n", run_start, run_end)
        pieces += (folded[pos:run_start], " " if newline < 0 else "\n")
        kept.extend(offsets[pos:run_start])
        kept.append(offsets[run_start if newline < 0 else newline])
        pos = run_end
    pieces.append(folded[pos:end])
    kept.extend(offsets[pos:end])
    return Normalized(text, "".join(pieces), tuple(kept))


def _folded_offsets(text: str) -> Sequence[int]:
    """For each character of ``text.translate(table)``, the original index it came from."""
    irregular = _FOLD.irregular
    runs = list(irregular.finditer(text)) if irregular is not None else []
    if not runs:
        return _positions(0, len(text))
    offsets: list[int] = []
    pos = 0
    table = _FOLD.table
    for m in runs:
        start, end = m.span()
        offsets.extend(_positions(pos, start))
        for i in range(start, end):
            offsets.extend([i] * len(table[ord(text[i])]))
        pos = end
    offsets.extend(_positions(pos, len(text)))
    return offsets


_POSITIONS = tuple(range(1 << 16))


def _positions(start: int, stop: int) -> Sequence[int]:
    """``range(start, stop)`` as the offset map needs it: a slice of one shared tuple, whose
    ints are not made again (an int past 256 is a new object; an article has a thousand)."""
    return _POSITIONS[start:stop] if stop <= len(_POSITIONS) else range(start, stop)


def normalize_key(text: str) -> str:
    """The normalised form of a lexicon entry or a name (no offsets needed)."""
    return _WS_RUN.sub(_collapsed, fold_text(text)).strip(" \n")


def fold_text(text: str) -> str:
    """Every character of ``text`` folded, white space left as it is (for word lookups that
    split the text anyway: the cheapest form of :func:`normalize`)."""
    _FOLD.learn(text)
    if len(text) < _SHORT_TEXT:  # a name or a word: one lookup a character costs less
        return text.translate(_FOLD.table)
    return _FOLD.fold(text)[0]


# Below this length str.translate (a table lookup per character) folds a text faster than
# _FoldTable.fold (a search of the text per kind of character that changes, some fifty).
_SHORT_TEXT = 100


def _collapsed(m: re.Match[str]) -> str:
    return "\n" if "\n" in m.group() else " "
