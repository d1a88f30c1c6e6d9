"""Sentences, tokens and clitic segmentation over normalised text.

Offsets here are offsets into :attr:`Normalized.text`; map them back with
:meth:`Normalized.span`. Clitic segmentation does not pick one analysis: it lists
the stems a lexicon may look up (``بريف`` → ``ريف``, ``والاستيلاء`` → ``استيلاء``),
and the lexicon decides which one is a word it knows.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from itertools import accumulate
from typing import Any, NamedTuple

import yaml

from rasd.text.normalize import Normalized, normalize_key

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
# 3.5 and pic.twitter.com do not split; a line break ends one unless it is a break inside a
# sentence (see _soft_breaks).
# (Written as one class then the rest: [.!?؟…]+["']?(?=\s|$)|\n, found three times faster.)
_SENTENCE_END_RE = re.compile(r"[.!?؟…\n](?:(?<=\n)|[.!?؟…]*[\"']?(?=\s|$))")
# A line that ends with one of these goes on (a comma is never a sentence's last mark).
_OPEN_MARKS = frozenset("،,؛;")
_CONJUNCTIONS = ("و", "ف")  # a word of the lists may carry one
_LINE_BREAKS = frozenset({"\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"})
# How much of a line's end is read for its last word (the longest word is shorter).
_TAIL = 40


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
    """Half-open normalised ranges of the sentences (the title is the first line).

    A line break inside a sentence (scraped pages break lines anywhere) does not end it:
    see :func:`_soft_breaks`."""
    global _last_bounds
    last = _last_bounds
    if last is not None and last[0] == norm.original and last[1] == norm.text:
        return list(last[2])
    bounds = _sentence_bounds(norm.text, _soft_breaks(norm))
    _last_bounds = (norm.original, norm.text, bounds)
    return list(bounds)


# The text layer and its callers ask for the bounds of the same article in turn.
_last_bounds: tuple[str, str, list[tuple[int, int]]] | None = None


@dataclass(frozen=True, slots=True)
class LineRules:
    """The words that keep a sentence open across a line break (``text/data/sentences.yaml``),
    normalised: those that cannot end a line's sentence, and the first words (one or more)
    that cannot open one."""

    line_end: frozenset[str]
    line_start: frozenset[tuple[str, ...]]
    opening: re.Pattern[str]  # a line's first words, as many as the longest line_start entry


@lru_cache(maxsize=1)
def line_rules() -> LineRules:
    path = resources.files("rasd.text").joinpath("data/sentences.yaml")
    raw: Any = yaml.load(
        path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    ends = frozenset(normalize_key(str(w)) for w in raw["line_end"])
    starts = frozenset(tuple(normalize_key(str(w)).split()) for w in raw["line_start"])
    if any(" " in w for w in ends) or () in starts:
        raise ValueError("sentences.yaml: line_end takes single words, line_start no empty entry")
    longest = max(map(len, starts), default=1)
    return LineRules(ends, starts, re.compile(rf"[^\W\d_]+(?: [^\W\d_]+){{0,{longest - 1}}}"))


def _listed(word: str, words: frozenset[str]) -> bool:
    """The word is in ``words``, alone or with the conjunction و or ف before it."""
    return word in words or (len(word) > 2 and word.startswith(_CONJUNCTIONS) and word[1:] in words)


def _soft_breaks(norm: Normalized) -> frozenset[int]:
    """The positions of the line breaks of ``norm.text`` that do not end a sentence.

    A single line break (not a blank line: a paragraph break) goes on when the line before
    cannot end a sentence (it ends with a comma, or with a word of ``line_end``: ``في``،
    ``بريف``، ``و``) or, past the headline (the first line that ends otherwise), when the
    line after cannot open one (it opens with a word of ``line_start`` such as ``الذي``،
    ``حيث``، a lone ``و``, or a lower-case letter). A line that ends with a colon still ends
    before such a line. A line opening with a word that carries و or ف (``وقتل``) goes on
    only when the article is seen to wrap its lines: another line of it goes on by its end.
    Only the line breaks are looked at, each by the few characters around it.
    """
    text = norm.text
    if "\n" not in text:
        return frozenset()
    rules = line_rules()
    original, offsets = norm.original, norm.offsets
    soft: set[int] = set()
    maybe: list[int] = []  # lines opening with a word with the conjunction
    wraps = False
    headline = True  # no line has ended a sentence yet: the next one to do so is the title's
    pos = text.find("\n")
    while pos >= 0:
        tail = text[max(pos - _TAIL, 0) : pos].rstrip(" ")
        last = tail[max(tail.rfind(" "), tail.rfind("\n")) + 1 :]  # the line's last word
        if _blank_line(original, offsets, pos):
            headline = False
        elif tail[-1:] in _OPEN_MARKS or _listed(last, rules.line_end):
            soft.add(pos)
            wraps = True
        elif headline:
            headline = False
        elif tail[-1:] != ":":
            opening = rules.opening.match(text, pos + 1)
            words = opening.group().split(" ") if opening is not None else []
            if any(tuple(words[:n]) in rules.line_start for n in range(1, len(words) + 1)):
                soft.add(pos)
            elif original[offsets[pos + 1]].islower():
                soft.add(pos)  # a Latin line going on in lower case
            elif words and len(words[0]) > 2 and words[0].startswith(_CONJUNCTIONS):
                maybe.append(pos)
        pos = text.find("\n", pos + 1)
    if wraps:
        soft.update(maybe)
    return frozenset(soft)


def _blank_line(original: str, offsets: tuple[int, ...], pos: int) -> bool:
    """The line break at normalised ``pos`` stands for two or more in the original (an empty
    line between: a paragraph break)."""
    start = offsets[pos]
    end = offsets[pos + 1] if pos + 1 < len(offsets) else len(original)
    run = original[start:end].replace("\r\n", "\n")
    return sum(ch in _LINE_BREAKS for ch in run) >= 2


def _sentence_bounds(text: str, soft: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        if m.group() == "\n":
            if m.start() in soft:
                continue  # a line break inside the sentence
            end = m.start()
        else:
            end = m.end()
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
