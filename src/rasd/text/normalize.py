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

import unicodedata
from dataclasses import dataclass

from rasd.records import Span

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


# A table for the characters seen so far: normalising is on every article's hot path.
_CACHE: dict[str, str] = {}


def fold(ch: str) -> str:
    """What one original character becomes (possibly nothing or several characters)."""
    out = _CACHE.get(ch)
    if out is None:
        out = _fold_char(ch)
        _CACHE[ch] = out
    return out


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
        o_start, o_end = self.to_original(start, end)
        return Span(o_start, o_end, self.original[o_start:o_end])


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching and keep the offset map."""
    out: list[str] = []
    offsets: list[int] = []
    prev_space = True  # drop leading white space
    for i, ch in enumerate(text):
        folded = fold(ch)
        if not folded:
            continue
        if folded == " " or folded == "\n":
            if prev_space:
                # one white-space run becomes one character: a newline if it holds one
                if folded == "\n" and out and out[-1] == " ":
                    out[-1] = "\n"
                    offsets[-1] = i
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


def normalize_key(text: str) -> str:
    """The normalised form of a lexicon entry or a name (no offsets needed)."""
    return normalize(text).text
