"""Sentences, tokens and clitic segmentation over normalised text.

Offsets here are offsets into :attr:`Normalized.text`; map them back with
:meth:`Normalized.span`. Clitic segmentation does not pick one analysis: it lists
the stems a lexicon may look up (``بريف`` → ``ريف``, ``والاستيلاء`` → ``استيلاء``),
and the lexicon decides which one is a word it knows.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import partial
from itertools import accumulate
from typing import NamedTuple

from rasd.text.normalize import Normalized

# Proclitic sequences (conjunction + preposition + article), longest first. The
# contracted ``لل`` is ``ل`` + ``ال``. All in normalised spelling.
PROCLITICS: tuple[str, ...] = tuple(
    sorted(
        {
            "و",
            "ف",
            "ب",
            "ل",
            "ك",
            "س",
            "ال",
            "لل",
            "وال",
            "فال",
            "بال",
            "كال",
            "ولل",
            "فلل",
            "وب",
            "فب",
            "ول",
            "فل",
            "وك",
            "فك",
            "وس",
            "وبال",
            "فبال",
            "وكال",
            "فكال",
        },
        key=len,
        reverse=True,
    )
)
# Possessive and object suffixes (normalised: ة → ه).
SUFFIXES: tuple[str, ...] = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك", "ي")

MIN_STEM = 2

# re.split: gap, token, gap, token, ..., gap. A run of digits is a token of its own: pages
# glue a date to the next word ("14 ديسمبر 2018سيطرت").
_TOKEN_SPLIT_RE = re.compile(r"(\d+|[^\W\d_]+)")
# the same split of a text without "_" (\w is [^\W_] and "_"), faster: re tests a class as
# such, not a negated class with an exception, at every character
_WORD_SPLIT_RE = re.compile(r"(\d+|[^\W\d]+)")
# A sentence ends at . ! ? ؟ (and a closing quote) before white space or the end, so
# 3.5 and pic.twitter.com do not split; a newline always ends one.
# (Written as one class then the rest: [.!?؟…]+["']?(?=\s|$)|\n, found three times faster.)
_SENTENCE_END_RE = re.compile(r"[.!?؟…\n](?:(?<=\n)|[.!?؟…]*[\"']?(?=\s|$))")


class Token(NamedTuple):
    """A run of letters or digits in the normalised text.

    A named tuple rather than a frozen dataclass: an article has hundreds of tokens and a
    tuple is built several times faster.
    """

    start: int
    end: int
    text: str
    sentence: int


def sentence_bounds(norm: Normalized) -> list[tuple[int, int]]:
    """Half-open normalised ranges of the sentences (the title is the first line)."""
    global _last_bounds
    text = norm.text
    last = _last_bounds
    if last is not None and last[0] == text:
        return list(last[1])
    bounds = _sentence_bounds(text)
    _last_bounds = (text, bounds)
    return list(bounds)


# The text layer and its callers ask for the bounds of the same article in turn.
_last_bounds: tuple[str, list[tuple[int, int]]] | None = None


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        end = m.end() if m.group() != "\n" else m.start()
        if text[start:end].strip():
            bounds.append(_trim(text, start, end))
        start = m.end()
    if text[start:].strip():
        bounds.append(_trim(text, start, len(text)))
    return bounds


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def tokenize(norm: Normalized) -> list[Token]:
    """All tokens of the text, each tagged with its sentence index.

    The text is split into gaps and tokens once; the running lengths of the pieces are the
    offsets. No match object or Python step per token: an article has hundreds of tokens.
    """
    text = norm.text
    parts = (_TOKEN_SPLIT_RE if "_" in text else _WORD_SPLIT_RE).split(text)
    words = parts[1::2]
    if not words:
        return []
    offsets = list(accumulate(map(len, parts)))
    starts, ends = offsets[0:-1:2], offsets[1::2]
    sentences = _sentence_of(sentence_bounds(norm), starts)
    return list(map(_new_token, zip(starts, ends, words, sentences, strict=True)))


_new_token = partial(tuple.__new__, Token)  # Token(...) from one tuple, without keyword handling


def _sentence_of(bounds: list[tuple[int, int]], starts: list[int]) -> list[int]:
    """The sentence of each token start (sorted): the first sentence that ends after it, the
    last sentence for anything later, 0 when there is none."""
    out: list[int] = []
    done = 0
    for sentence, (_, end) in enumerate(bounds[:-1]):
        upto = bisect_left(starts, end, done)
        out += [sentence] * (upto - done)
        done = upto
    out += [max(len(bounds) - 1, 0)] * (len(starts) - done)
    return out


def stems(word: str) -> list[tuple[int, int]]:
    """Candidate ``(prefix_len, suffix_len)`` segmentations of one normalised word.

    The unsegmented word comes first; every candidate leaves a stem of at least
    :data:`MIN_STEM` characters.
    """
    out = [(0, 0)]
    prefixes = [0] + [len(p) for p in PROCLITICS if word.startswith(p)]
    for p_len in prefixes:
        for s in ("", *SUFFIXES):
            s_len = len(s)
            if (p_len, s_len) == (0, 0) or (s and not word.endswith(s)):
                continue
            if len(word) - p_len - s_len >= MIN_STEM:
                out.append((p_len, s_len))
    return out


def is_proclitic(prefix: str) -> bool:
    """Whether ``prefix`` (normalised) is a proclitic sequence that may precede a word."""
    return prefix == "" or prefix in _PROCLITIC_SET


def is_suffix(suffix: str) -> bool:
    """Whether ``suffix`` (normalised) is an enclitic pronoun that may follow a word."""
    return suffix == "" or suffix in _SUFFIX_SET


_PROCLITIC_SET = frozenset(PROCLITICS)
_SUFFIX_SET = frozenset(SUFFIXES)
