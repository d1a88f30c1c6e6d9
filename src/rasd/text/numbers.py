"""Counts in Arabic news: digits, number words, duals and vague counts.

:func:`find_quantities` reports every count a fatality or injury figure could come
from (``20 عنصرًا``، ``خمسة وعشرين``، ``ثلاثة آلاف وخمسمئة``، ``عنصرين``، ``عشرات``،
``عدد من``) with its qualifier (``ما لا يقل عن`` → ``at_least``). Downstream code counts
deaths from these, so the finder is conservative and does NOT report:

- years (a four-digit 1900..2099 written without a separator, ``عام 2019``) and dates
  (any number inside a phrase :mod:`rasd.text.dates` finds: ``20 من نيسان``, ``2020/05/31``);
- times (``12:51``, ``الساعة 5``), labels (``عيار 107``, ``الفرقة 17``), numbers glued to
  Latin letters or inside links (``T-72``, ``M4``, URLs), phone-like and zero-led digits;
- measures: a number before a unit of time, length, weight, money or a share
  (``24 ساعة``, ``3 أيام``, ``20 كم``, ``5%``, ``10 في المئة``) is not a count. Durations
  are dropped rather than flagged because :class:`~rasd.records.Quantity` has no unit;
- decimals (``3.5``), and ``عشر`` inside an ordinal (``الخامس عشر``).

The word lists live in ``text/data/numbers.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import ahocorasick
import yaml

from rasd.records import DateExpr, Quantity, make_quantity
from rasd.text.dates import find_dates
from rasd.text.normalize import Normalized, normalize, normalize_key
from rasd.text.tokens import PROCLITICS

_YEARS = range(1900, 2100)
_MAX_DIGITS = 6  # longer digit runs without separators are ids or phone numbers


class NumberDataError(ValueError):
    """The number word file (``text/data/numbers.yaml``) is malformed."""


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str  # zero unit ten tens hundreds scale_one scale_two scale_many vague dual
    value: int


class _Word(NamedTuple):
    """A word of a number phrase (a named tuple: several are read around every number)."""

    start: int
    end: int
    prefix: str
    stem: str
    entry: _Entry | None  # None: digits or a word that is no number


@dataclass(frozen=True)
class _Lexicon:
    entries: dict[str, _Entry]
    several: re.Pattern[str]
    before_kind: dict[str, str]
    after_kind: dict[str, str]
    longest_qualifier: int  # in words
    before_last: frozenset[str]  # last words of the qualifiers before a number
    after_first: tuple[str, ...]  # first words of the qualifiers after a number
    not_count_before: frozenset[str]
    not_count_after: frozenset[str]
    ordinals: frozenset[str]
    echoes: frozenset[str]
    starts: Any  # ahocorasick.Automaton over number stems, several-words and digits


def _keys(words: Iterable[Any]) -> list[str]:
    return [normalize_key(str(w)) for w in words]


def _alt(words: Iterable[str]) -> str:
    keys = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys) + ")"


def _dual_forms(singular: str) -> list[str]:
    if singular.endswith("ه"):
        return [singular[:-1] + "تين", singular[:-1] + "تان"]
    return [singular + "ين", singular + "ان"]


def _qualifiers(raw: dict[str, list[str]]) -> dict[str, str]:
    return {" ".join(k.split()): q for q, words in raw.items() for k in _keys(words)}


def _load_yaml(name: str) -> Any:
    text = resources.files("rasd.text").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = _load_yaml("numbers.yaml")
    entries: dict[str, _Entry] = {}

    def add(kind: str, value: int, words: Iterable[Any]) -> None:
        for w in _keys(words):
            entries.setdefault(w, _Entry(kind, value))

    try:
        for value, words in raw["units"].items():
            add("ten" if int(value) == 10 else "unit", int(value), words)
        add("ten", 10, raw["teen_words"])
        add("zero", 0, raw["zero"])
        for value, words in raw["tens"].items():
            add("tens", int(value), words)
        for value, words in raw["hundreds"].items():
            add("hundreds", int(value), words)
        for w in _keys(raw["hundred_words"]):
            entries[w] = _Entry("hundreds", 100)  # also alone: مئة = 100
        for scale, forms in raw["scales"].items():
            add("scale_one", int(scale), forms["one"])
            add("scale_two", int(scale), forms["two"])
            add("scale_many", int(scale), forms["many"])
        for value, words in raw["vague"].items():
            add("vague", int(value), words)
        add("dual", 2, [f for s in _keys(raw["dual_nouns"]) for f in _dual_forms(s)])
        add("dual", 2, raw["dual_forms"])
        echoes = frozenset(_keys(raw["dual_echo"]))
        before_kind = _qualifiers(raw["qualifiers_before"])
        after_kind = _qualifiers(raw["qualifiers_after"])
        several = _alt(_keys(raw["several"]))
        pronouns = _alt(_keys(raw["several_pronouns"]))
        not_before = frozenset(_keys(raw["not_count_before"]))
        not_after = frozenset(" ".join(k.split()) for k in _keys(raw["not_count_after"]))
        ordinals = frozenset(_keys(raw["ordinals"]))
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise NumberDataError(f"numbers.yaml: {exc}") from exc
    starts = ahocorasick.Automaton()
    for word in [*entries, *(k.split()[0] for k in _keys(raw["several"])), *"0123456789"]:
        starts.add_word(word, word)
    starts.make_automaton()
    return _Lexicon(
        entries=entries,
        # "عددا منهم": a pronoun may close a phrase that ends in من
        several=re.compile(rf"(?<![^\W_])[وف]?(?P<q>{several}(?:(?<=من){pronouns})?)(?![^\W_])"),
        before_kind=before_kind,
        after_kind=after_kind,
        longest_qualifier=max(len(k.split()) for k in [*before_kind, *after_kind]),
        before_last=frozenset(k.split()[-1] for k in before_kind),
        after_first=tuple({k.split()[0] for k in after_kind}),
        not_count_before=not_before,
        not_count_after=not_after,
        ordinals=ordinals,
        echoes=echoes,
        starts=starts,
    )


_WORD_RE = re.compile(r"\s*([^\W\d_]+|\d+(?:[,٬]\d{3})*(?:[.٫]\d+)?)")
_THE = ("ال", "لل")
_PROCLITIC_SET = frozenset(PROCLITICS)
_LONGEST_PROCLITIC = max(map(len, PROCLITICS))
_NO_THE = frozenset({"احد", "احدي", "اثنين", "اثني", "اثنا"})  # الأحد، الاثنين are weekdays


def _analyse(lex: _Lexicon, word: str, joined: bool = False) -> tuple[str, str, _Entry | None]:
    """Split a word into proclitic and a number stem the lexicon knows, if any.

    ``joined``: the word follows a number, so a leading و is "and" (خمسمئة وأحد عشر)
    even where the whole word is a number too (واحد).
    """
    if joined and word[:1] == "و" and word[1:] in lex.entries:
        return "و", word[1:], lex.entries[word[1:]]
    entry = lex.entries.get(word)
    if entry is not None:
        return "", word, entry
    for n in range(min(_LONGEST_PROCLITIC, len(word) - 1), 0, -1):
        p = word[:n]
        if p not in _PROCLITIC_SET:
            continue
        stem = word[n:]
        entry = lex.entries.get(stem)
        if entry is None:
            continue
        if len(stem) <= 2 and p != "و":  # لست، بست are not "six"
            continue
        if any(t in p for t in _THE) and not _takes_article(entry, stem):
            continue
        return p, stem, entry
    return "", word, None


def _takes_article(entry: _Entry, stem: str) -> bool:
    """``الثلاثة``، ``العشرات``، ``العنصرين`` are counts; ``العشرين`` is an ordinal."""
    if entry.kind in ("vague", "dual", "scale_many"):
        return True
    return entry.kind in ("unit", "ten") and stem not in _NO_THE and len(stem) > 2


def _words_from(lex: _Lexicon, text: str, pos: int, limit: int = 10) -> list[_Word]:
    """The words from ``pos`` on, separated only by white space, up to and including the
    first that is no number word."""
    out: list[_Word] = []
    while len(out) < limit:
        m = _WORD_RE.match(text, pos)
        if not m:
            break
        word = m.group(1)
        if word[0].isdigit():
            out.append(_Word(m.start(1), m.end(1), "", word, None))
        else:
            prefix, stem, entry = _analyse(lex, word, joined=bool(out))
            out.append(_Word(m.start(1), m.end(1), prefix, stem, entry))
            if entry is None:
                break
        pos = m.end(1)
    return out


# --------------------------------------------------------------------------- grammar


def _parse_words(words: Sequence[_Word], echoes: frozenset[str]) -> tuple[int, int, bool] | None:
    """``(value, words used, vague)`` of the number phrase at the start of ``words``.

    Arabic orders a number as thousands و hundreds و units و tens (ثلاثة آلاف وخمسمئة
    وأربعة وعشرون); a unit then ``عشر`` is a teen, a unit then ``مئة`` hundreds, a group
    then ``ألف``/``آلاف`` thousands. Every later part is joined with و. A dual noun
    is 2, and takes a following ``اثنين`` along (``عنصرين اثنين``).
    """
    first = words[0].entry
    if first is None:
        return None
    if first.kind in ("vague", "scale_many"):
        value, used = first.value, 1
        nxt = words[1].entry if len(words) > 1 and words[1].prefix in ("", "ال") else None
        if nxt is not None and nxt.kind == "scale_many" and first.kind == "vague":
            value, used = value * nxt.value, 2  # عشرات الآلاف
        return value, used, True
    if first.kind == "dual":
        echo = len(words) > 1 and not words[1].prefix and words[1].stem in echoes
        return 2, 2 if echo else 1, False
    if first.kind == "zero":
        return 0, 1, False
    return _parse_count(words)


def _parse_count(words: Sequence[_Word]) -> tuple[int, int, bool] | None:
    total, group, used = 0, 0, 0
    state = "start"  # start | unit | hundred | closed | scaled
    last_unit = 0
    top_scale = 10**12
    for i, w in enumerate(words):
        e = w.entry
        if e is None or (i > 0 and w.prefix not in ("", "و")):
            break
        joined = i > 0 and w.prefix == "و"
        fresh = i == 0 or (joined and state in ("hundred", "scaled"))
        k = e.kind
        if k in ("scale_one", "scale_two", "scale_many"):
            if e.value >= top_scale:
                break
            if not joined and group and k != "scale_two":  # ثلاثة آلاف، أحد عشر ألفًا، مئة ألف
                total += group * e.value
            elif fresh and not group and k != "scale_many":  # ألف، ألفان
                total += e.value * (2 if k == "scale_two" else 1)
            else:
                break
            group, top_scale, state = 0, e.value, "scaled"
        elif k == "hundreds" and fresh and not group:
            group, state = e.value, "hundred"
        elif k == "hundreds" and e.value == 100 and state == "unit" and not joined:
            if last_unit < 3:
                break
            group, state = group - last_unit + last_unit * 100, "hundred"  # ثلاث مئة
        elif k == "unit" and fresh:
            group, last_unit, state = group + e.value, e.value, "unit"
        elif k == "ten" and state == "unit" and not joined:
            group, state = group + 10, "closed"  # ثلاثة عشر
        elif k in ("ten", "tens") and (fresh or (state == "unit" and joined)):
            if state == "unit" and k == "ten":
                break  # "ثلاثة وعشرة" is two numbers
            group, state = group + e.value, "closed"
        else:
            break
        used = i + 1
    if used == 0:
        return None
    return total + group, used, False


# --------------------------------------------------------------------------- finding


def find_quantities(norm: Normalized, dates: Sequence[DateExpr] | None = None) -> list[Quantity]:
    """Every count in the text, in order; spans are original-text spans.

    Numbers inside ``dates`` (default: :func:`rasd.text.dates.find_dates` on the same
    text) are dates, not counts: pass the dates when you already have them.
    """
    if dates is None:
        dates = find_dates(norm, None, years=())  # only the spans matter here
    date_ranges = [(d.span.start, d.span.end) for d in dates]
    out: list[Quantity] = []
    for q in _scan(norm, context=True):
        if not any(q.span.start < e and s < q.span.end for s, e in date_ranges):
            out.append(q)
    return out


def is_number_word(word: str) -> bool:
    """Whether ``word`` as written, with no clitic taken off, is a number word of the lexicon
    (``واحد``، ``عشرات``), as opposed to a proclitic on one (``وعشرات``). Normalised or not."""
    key = normalize_key(word)
    return key in _lexicon().entries


def parse_number(phrase: str) -> int | None:
    """The value of ``phrase`` when all of it is one number (``1,339``، ``خمسة وعشرين``،
    ``عنصرين``، ``عشرات``); None otherwise. No context rules: ``2019`` is 2019 here."""
    norm = normalize(phrase)
    found = list(_scan(norm, context=False))
    if len(found) != 1 or found[0].qualifier is not None:
        return None
    q = found[0]
    rest = norm.original[: q.span.start] + norm.original[q.span.end :]
    return q.value if not normalize(rest).text.strip() else None


def _scan(norm: Normalized, context: bool) -> Iterator[Quantity]:
    lex = _lexicon()
    text = norm.text
    pos = 0
    for start in _starts(lex, text):
        if start < pos:
            continue
        found = _quantity_at(lex, text, start, context)
        if found is None:
            continue
        start, end, value, vague, dual, qualifier = found
        pos = end
        yield make_quantity(value, norm.span(start, end), vague, qualifier, dual)


def _starts(lex: _Lexicon, text: str) -> list[int]:
    """Where a count may start: digits, or a word made of proclitics and a number stem."""
    n = len(text)
    out: set[int] = set()
    for last, word in lex.starts.iter(text):
        s, e = last + 1 - len(word), last + 1
        if word.isdigit():
            if s and (
                text[s - 1].isdigit()
                or (text[s - 1] in _NUMBER_INNER and s > 1 and text[s - 2].isdigit())
            ):
                continue
            out.add(s)
            continue
        if e < n and text[e].isalnum():
            continue
        w = s
        while w and text[w - 1].isalpha():
            w -= 1
        if w == s or text[w:s] in _PROCLITIC_SET:
            out.add(w)
    return sorted(out)


_NUMBER_INNER = ".,٬٫"
_AFTER_WINDOW = 48  # two words and a qualifier
_Found = tuple[int, int, int | None, bool, bool, str | None]


def _quantity_at(lex: _Lexicon, text: str, start: int, context: bool) -> _Found | None:
    several = lex.several.match(text, start)
    if several:
        nxt = _words_from(lex, text, several.end(), limit=1)
        if nxt and (nxt[0].entry is not None or nxt[0].stem[0].isdigit()):
            return None  # "بضعة آلاف": the number that follows is the count
        return _qualified(lex, text, several.start("q"), several.end(), None, True, False)
    words = _words_from(lex, text, start)
    if not words:
        return None
    if words[0].stem[0].isdigit():
        parsed = _parse_digits(words)
        vague = dual = False
    else:
        if context and _inside_ordinal(lex, text, words[0]):
            return None
        result = _parse_words(words, lex.echoes)
        if result is None:
            return None
        value, used, vague = result
        parsed = value, used
        dual = words[0].entry is not None and words[0].entry.kind == "dual"
    if parsed is None:
        return None
    value, used = parsed
    end = words[used - 1].end
    if context and not _is_count(lex, text, start, end, words[0]):
        return None
    return _qualified(lex, text, start, end, value, vague, dual)


def _parse_digits(words: Sequence[_Word]) -> tuple[int, int] | None:
    digits = words[0].stem
    whole, _, frac = _split_decimal(digits)
    scale = words[1].entry if len(words) > 1 and not words[1].prefix else None
    if scale is not None and scale.kind in ("scale_one", "scale_many"):
        return round(float(f"{whole}.{frac or 0}") * scale.value), 2
    if frac:
        return None  # a decimal is a measure, not a count
    return int(whole), 1


def _split_decimal(digits: str) -> tuple[str, str, str]:
    plain = digits.replace(",", "").replace("٬", "")
    whole, sep, frac = plain.replace("٫", ".").partition(".")
    return whole, sep, frac


def _inside_ordinal(lex: _Lexicon, text: str, first: _Word) -> bool:
    """``عشر`` after ``الخامس`` is part of an ordinal (the fifteenth)."""
    if first.entry is None or first.entry.kind != "ten" or first.prefix:
        return False
    before = _words_before(text, first.start, 1)
    return bool(before) and before[-1][2] in lex.ordinals


def _is_count(lex: _Lexicon, text: str, start: int, end: int, first: _Word) -> bool:
    """Whether the number at ``[start, end)`` counts something (see the module docstring)."""
    if first.stem[0].isdigit():
        digits = first.stem
        if len(digits) == 4 and digits.isdigit() and int(digits) in _YEARS:
            return False
        if (digits[0] == "0" and len(digits) > 1) or (
            digits.isdigit() and len(digits) > _MAX_DIGITS
        ):
            return False
        if _in_code(text, first.start, first.end) or _is_label(text, first.start, end):
            return False
        if _in_digit_run(text, first.start, first.end):
            return False
    before = _words_before(text, start, 1)
    if before and before[-1][2] in lex.not_count_before:
        return False
    rest = text[end : end + 2].lstrip()
    if rest[:1] in ("%", "٪"):
        return False
    after = [w for _, _, w in _words_after(text, end, 2)]
    return not after or (
        after[0] not in lex.not_count_after and " ".join(after) not in lex.not_count_after
    )


_CODE_RE = re.compile(r"[A-Za-z@#+=×]|\d[:/]\d")
_CLOSERS = "\"')"


def _chunk(text: str, start: int, end: int) -> str:
    """The run of non-space characters around ``[start, end)``."""
    while start and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def _in_code(text: str, start: int, end: int) -> bool:
    """Digits in a time, a link, a model name or a phone number (``12:51``، ``T-72``)."""
    return bool(_CODE_RE.search(_chunk(text, start, end)))


def _in_digit_run(text: str, start: int, end: int) -> bool:
    """Digit groups next to each other (``+963 11 2345678``) are a phone number or a code."""
    before = start
    while before and text[before - 1] == " ":
        before -= 1
    after = end
    while after < len(text) and text[after] == " ":
        after += 1
    return (before < start and before > 0 and text[before - 1].isdigit()) or (
        after > end and after < len(text) and text[after].isdigit()
    )


def _is_label(text: str, start: int, end: int) -> bool:
    """A number glued to a word (البادية24), closing a quote or bracket ("البادية 24"،
    (0)), or alone on its line (a page counter) names or numbers a thing on the page."""
    glued = start
    while glued and text[glued - 1].isalpha():
        glued -= 1
    if glued < start and text[glued:start] not in _PROCLITIC_SET:
        return True
    if end < len(text) and text[end] in _CLOSERS:
        return True
    before, after = start, end
    while before and text[before - 1] == " ":
        before -= 1
    while after < len(text) and text[after] == " ":
        after += 1
    return (before == 0 or text[before - 1] == "\n") and (after == len(text) or text[after] == "\n")


def _words_before(text: str, pos: int, limit: int) -> list[tuple[int, int, str]]:
    """Up to ``limit`` words ending before ``pos``, separated by spaces only, in order."""
    out: list[tuple[int, int, str]] = []
    while len(out) < limit:
        end = pos
        while end and text[end - 1] == " ":
            end -= 1
        start = end
        while start and text[start - 1].isalpha():
            start -= 1
        if start == end or (start and not text[start - 1].isspace()):
            break
        out.append((start, end, text[start:end]))
        pos = start
    return out[::-1]


def _words_after(text: str, pos: int, limit: int) -> list[tuple[int, int, str]]:
    """Up to ``limit`` words (or an Arabic or Latin comma) after ``pos``, spaces between."""
    out: list[tuple[int, int, str]] = []
    n = len(text)
    while len(out) < limit:
        start = pos
        while start < n and text[start] == " ":
            start += 1
        end = start
        if end < n and text[end] in "،,":
            end += 1
        else:
            while end < n and text[end].isalpha():
                end += 1
        if end == start:
            break
        out.append((start, end, text[start:end]))
        pos = end
    return out


def _qualified(
    lex: _Lexicon,
    text: str,
    start: int,
    end: int,
    value: int | None,
    vague: bool,
    dual: bool,
) -> _Found:
    """Widen the span over a qualifier before (``نحو 20``) or after (``20 عنصرًا على الأقل``)."""
    qualifier = None
    last = _words_before(text, start, 1)
    before = []
    if last and (last[0][2] in lex.before_last or last[0][2][1:] in lex.before_last):
        before = _words_before(text, start, lex.longest_qualifier)
    for k in range(len(before), 0, -1):
        phrase = " ".join(w for _, _, w in before[-k:])
        found = lex.before_kind.get(phrase)
        cut = 0
        if found is None and phrase[0] in "وف":
            found, cut = lex.before_kind.get(phrase[1:]), 1
        if found is not None:
            qualifier, start = found, before[-k][0] + cut
            break
    if qualifier is not None:
        return start, end, value, vague, dual, qualifier
    window = text[end : end + _AFTER_WINDOW]
    if not any(w in window for w in lex.after_first):
        return start, end, value, vague, dual, None
    after = _words_after(text, end, 2 + lex.longest_qualifier + 1)
    for gap in range(min(3, len(after))):
        if gap and (after[gap - 1][2] in "،," or _analyse(lex, after[gap - 1][2])[2] is not None):
            break  # a comma ends the gap; a number in it takes the qualifier for itself
        rest = after[gap:]
        if rest and rest[0][2] in "،,":
            rest = rest[1:]
        for k in range(min(len(rest), lex.longest_qualifier), 0, -1):
            found = lex.after_kind.get(" ".join(w for _, _, w in rest[:k]))
            if found is not None:
                return start, rest[k - 1][1], value, vague, dual, found
    return start, end, value, vague, dual, None
