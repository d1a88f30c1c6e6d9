"""Casualty figures: which numbers of a sentence count killed, which wounded, which neither,
and how the figures of an event's sentences add up to its fatalities and injured.

A number counts the dead when a 'killed' word stands next to it (``مقتل 20 عنصرًا``،
``20 قتيلًا``، ``نعى لواء القدس 22 عنصرًا``) or when it follows ``إلى`` in a rising toll
(``ارتفعت الحصيلة إلى 9``); vehicles, weapons, durations, captives and the subset after
``بينهم`` never do. "Killed or wounded" with no split (``8 بين قتيل وجريح``) gives no figure.
One person in the singular (``قُتل مدرّس``), a companion (``ومرافقه``), an object pronoun
(``وقتلوهما``) and a bomber who blew himself up count too. The words are cue lists in
``knowledge/data/events/cues.yaml``; the coding rules' parameters are in ``tolls.yaml``.

Each part of a sentence is one report. Within a report, counts joined by و add up (``ضابط
وعنصران`` = 3); across reports, the figures of one side are alternatives (the lowest and the
highest credible), and the sides add up (EVENTS.md: all sides, attackers included).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rasd.extract.document import Doc, Item
from rasd.extract.frames import Frame, Toll, definite, inside_any
from rasd.records import Quantity
from rasd.text.numbers import is_number_word
from rasd.text.tokens import PROCLITICS

# How far (in tokens) an outcome word may stand from its number, before and after it.
BEFORE_WINDOW = 4
AFTER_WINDOW = 3
# A count of people (``11 عنصرًا``) reaches a killed word further on when only report words
# and relays stand between (``11 عنصرًا قالت إنهم قُتلوا``).
CLAUSE_AFTER_WINDOW = 6
# How far a count joined by و may stand from the count it adds to.
JOIN_WINDOW = 20
# How far ``نفسه`` may stand after ``فجر`` (``فجر انتحاري يقود دراجة مفخخة نفسه``).
SELF_WINDOW = 10
# How far a rising toll's verb may stand before its ``إلى N``.
RISE_WINDOW = 25

# Frame cue names this module fills (``Frame.cues``), read by the assembly.
COMBINED_NUMBERED = "toll:combined_numbered"  # "8 قتلى وجرحى": blocks the vague 10
COMBINED_VAGUE = "toll:combined_vague"  # "قتل وأصيب عدد من": deaths certain, no number
BOMBER_COUNTED = "toll:bomber_counted"  # "بينهم الانتحاري": the bomber is in the figure
PRONOUN_ONE = "toll:pronoun_one"
PRONOUN_TWO = "toll:pronoun_two"
INJURED_WORDS = "toll:injured_words"
NO_DEATHS = "toll:no_deaths"
OUTCOME = "toll:outcome"
MATERIAL = "toll:material_damage"
OUTCOME_PLACES = "toll:outcome_places"  # places named in the clause of the outcome

ATTACKERS, ARMED, BOMBER = "attackers", "armed", "bomber"
_WA = "و"


@dataclass(frozen=True, slots=True)
class TollRules:
    """The parameters of the coding rules (``knowledge/data/events/tolls.yaml``)."""

    vague_several: int
    no_deaths_unless_said: frozenset[str]


@lru_cache(maxsize=1)
def toll_rules() -> TollRules:
    path = resources.files("rasd.knowledge") / "data" / "events" / "tolls.yaml"
    raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    return TollRules(
        vague_several=int(raw["vague_several"]),
        no_deaths_unless_said=frozenset(raw["no_deaths_unless_said"]),
    )


# --------------------------------------------------------------------------- reading


def _span_tokens(items: Iterable[Item]) -> set[int]:
    return {t for it in items for t in range(it.first, it.last + 1)}


def _outcome_near(
    doc: Doc, q: Item, kinds: dict[str, list[Item]]
) -> tuple[int, int, str, Item] | None:
    """The outcome word nearest to ``q`` within the windows, as ``(gap, rank, kind, word)``;
    names, outlets and dates between them do not count (``نعى لواء القدس، اليوم، 22
    عنصرًا``). A word joined by و after the number opens its own phrase, and so does a number
    joined by و: ``مقتل العناصر الستة وإصابة اثنين``، ``3 قتلى و5 جرحى``. On a tie, killed
    wins over injured, and both over the other outcomes (captives)."""
    skip = ("actor", "source", "date")
    before: list[tuple[int, int, str, Item]] = []
    after: list[tuple[int, int, str, Item]] = []
    for rank, (kind, words) in enumerate(kinds.items()):
        for w in words:
            if w.last < q.first:
                gap = q.first - w.last - 1
                if gap <= BEFORE_WINDOW - 1 or doc.covered(w.last + 1, q.first - 1, skip):
                    before.append((gap, rank, kind, w))
            elif w.first > q.last:
                gap = w.first - q.last - 1
                if gap <= AFTER_WINDOW - 1 or doc.covered(q.last + 2, w.first - 1, skip):
                    after.append((gap, rank, kind, w))
            else:
                before.append((0, rank, kind, w))
    if before and after and _has_proclitic_wa(doc, q):
        before = []
    after = [a for a in after if not _opens_with_wa(doc, a[3])]
    found = before + after
    return min(found, key=lambda x: (x[0], x[1])) if found else None


def _opens_with_wa(doc: Doc, it: Item) -> bool:
    """An outcome word written with the conjunction: ``وإصابة``، ``وأصيب``."""
    text = doc.tokens[it.first].text
    return text.startswith(_WA) and doc.norm_pos(it.span.start) > doc.tokens[it.first].start


def _counted_thing(q: Item, things: set[int]) -> bool:
    """The number counts vehicles, weapons, distances or time, not people."""
    return q.last + 1 in things or q.last in things


def _whose(doc: Doc, q: Item) -> str | None:
    """The side a figure belongs to: an actor named within four tokens after it, with only
    the counted people and partitive words between (``3 عناصر من قوات النظام``), not an
    agent (``3 بهجوم لداعش``)."""
    fillers = _span_tokens(doc.in_sentence("cue:people", q.sentence)) | _span_tokens(
        doc.in_sentence("cue:partitive", q.sentence)
    )
    for it in doc.of_kind("actor"):
        if (
            q.last < it.first <= q.last + 4
            and it.sentence == q.sentence
            and all(t in fillers for t in range(q.last + 1, it.first))
        ):
            return str(it.value)
    return None


def _party(doc: Doc, q: Item) -> str | None:
    """``المهاجمين``، ``مسلحين`` after the number (or the word itself): the noun names the side."""
    for name, party in (("cue:attackers", ATTACKERS), ("cue:armed", ARMED)):
        for c in doc.in_sentence(name, q.sentence):
            if q.first <= c.first <= q.last + 3:
                return party
    return None


def _has_proclitic_wa(doc: Doc, it: Item) -> bool:
    """The item's first word carries the conjunction و (``وعنصران``، ``ومرافقه``)."""
    tok = doc.tokens[it.first]
    start = doc.norm_pos(it.span.start)
    if start > tok.start:
        return doc.norm.text[tok.start : start].startswith(_WA)
    # a count's span takes its proclitic along ("وعنصران"); "واحد" only starts with the letter
    return it.kind == "quantity" and tok.text.startswith(_WA) and not is_number_word(tok.text)


def _joined(doc: Doc, previous: Item, q: Item) -> bool:
    """``q`` is joined by و (or ``إضافة إلى``) to the count before it."""
    if q.first - previous.last > JOIN_WINDOW or q.first <= previous.last:
        return False
    before = doc.words(q.first - 1, q.first - 1)
    if _has_proclitic_wa(doc, q) or before in (["و"], ["ونحو"], ["وقرابه"], ["وحوالي"]):
        return True
    return any(c.last == q.first - 1 for c in doc.in_sentence("cue:addition", q.sentence))


def _counts_people(doc: Doc, q: Item) -> bool:
    quantity: Quantity = q.value
    people = doc.in_sentence("cue:people", q.sentence)
    return bool(quantity.dual) or any(q.last < p.first <= q.last + 2 for p in people)


def _in_dates(doc: Doc, it: Item) -> bool:
    return any(d.first <= it.first <= d.last for d in doc.in_sentence("date", it.sentence))


def _subset(doc: Doc, q: Item) -> bool:
    """``بينهم طفلان``، ``من بينهم 3 ضباط``: who among the dead, not how many."""
    return any(
        1 <= q.first - c.last <= 2 and not _in_dates(doc, c)
        for c in doc.in_sentence("cue:subset", q.sentence)
    )


def _other_event(doc: Doc, frame: Frame, q: Item) -> bool:
    """The figure belongs to another event: its clause counts a period (a tally, ``منذ مطلع
    العام``) or dates a day before the frame's (``إذ قُتل ثلاثة في 16 الشهر الماضي``)."""
    clause = doc.clause(q)
    for c in doc.in_sentence("cue:period", q.sentence):
        if doc.clause(c) == clause or q.last < c.first <= q.last + 3:
            return True
    if frame.date is None or frame.date_is_report or frame.date.value.date is None:
        return False
    # an earlier day is another event; a later one may date an update of this one's toll
    # ("اليوم ارتفع عدد القتلى إلى سبعة، جراء هجوم السبت")
    return any(
        doc.clause(d) == clause
        and d.value.date is not None
        and d.value.date < frame.date.value.date
        for d in doc.in_sentence("date", q.sentence)
    )


def _risen(doc: Doc, q: Item, killed: list[Item], injured: list[Item]) -> str | None:
    """``ارتفعت حصيلة قتلى الانفجار إلى 9``، ``ارتفع إلى 6 عدد الشهداء``: the number after
    ``إلى`` is the new toll, of the wounded when a wounded word is the nearest outcome word;
    'other' (no toll at all) when the rise counts a period (``منذ مطلع العام``)."""
    if doc.words(q.first - 1, q.first - 1) != ["الي"]:
        return None
    rises = [
        c
        for c in doc.in_sentence("cue:toll_rise", q.sentence)
        if c.last < q.first and q.first - c.last <= RISE_WINDOW
    ]
    if not rises:
        return None
    rise = rises[-1]
    if any(
        rise.first < c.first <= q.last + RISE_WINDOW
        for c in doc.in_sentence("cue:period", q.sentence)
    ):
        return "other"  # "يرتفع إلى 26 عدد القتلى منذ بدء التدخل": a tally, no toll of this event
    heads = doc.in_sentence("cue:toll_heads", q.sentence)
    # what rose is named right after the verb: "ارتفعت حصيلة الضحايا الذين قتلوا ... إلى 75"
    between = [
        w for w in killed + injured if rise.first <= w.first <= min(q.first - 1, rise.last + 6)
    ]
    after = [
        w
        for w in killed + injured
        if q.last < w.first <= q.last + 8
        and not _opens_with_wa(doc, w)
        and any(h.last == w.first - 1 for h in heads)
    ]
    if between:
        nearest = max(between, key=lambda w: w.first)
    elif after:
        nearest = min(after, key=lambda w: w.first)
    elif any(
        rise.first <= c.first < q.first for c in doc.in_sentence("cue:toll_nouns", q.sentence)
    ):
        return "killed"  # "ارتفعت الحصيلة إلى 9": a toll is a death toll
    else:
        return None  # "ارتفعت درجات الحرارة إلى 40"، "ارتفع عدد السكان إلى 40 ألفًا"
    return "injured" if nearest in injured else "killed"


def read_tolls(doc: Doc, frame: Frame, sentence: int) -> None:
    """Fill the frame's killed / injured figures and casualty cues from one sentence."""

    def part(kind: str) -> list[Item]:
        return [it for it in doc.in_sentence(kind, sentence) if it.first in frame.tokens]

    elsewhere = _compared(doc, sentence)
    earlier = doc.in_sentence("cue:earlier", sentence)
    before = [k for k in part("killed") if any(0 < k.first - c.last <= 3 for c in earlier)]
    killed = [k for k in part("killed") if not elsewhere(k) and k not in before]
    if not killed:
        before = []  # "فر العناصر بعد مقتل قائدهم": that death is the news, not an earlier one
        killed = [k for k in part("killed") if not elsewhere(k)]
    injured = [w for w in part("injured") if not elsewhere(w)]
    other = part("cue:other_outcome")
    dead_nouns = [v for v in part("cue:victim_nouns") if not elsewhere(v)]
    combined = [c for c in part("cue:killed_or_injured") if not elsewhere(c)]
    frame.cues[OUTCOME_PLACES] = [
        p
        for p in doc.in_sentence("place", sentence)
        if any(doc.clause(p) == doc.clause(w) and p.first > w.last for w in killed + injured)
    ]
    frame.killed_words.extend(killed)
    frame.cues[INJURED_WORDS] = injured
    if combined and frame.combined_toll is None:
        frame.combined_toll = combined[0]
    nocas = part("cue:no_casualties")
    if nocas and frame.no_casualties is None:
        frame.no_casualties = nocas[0]
    frame.cues[NO_DEATHS] = part("cue:no_deaths")
    frame.cues[OUTCOME] = part("cue:outcome")
    frame.cues[MATERIAL] = part("cue:material_damage")
    things = {it.first for it in doc.in_sentence("cue:things", sentence)}
    names = doc.in_sentence("source", sentence)
    # "بعد يومين من مقتل 3": the count of an earlier death belongs to that event
    quantities = [
        q
        for q in part("quantity")
        if not elsewhere(q) and not any(0 < q.first - k.last <= 2 for k in before)
    ]
    counts = _counts(
        doc, frame, quantities, killed + dead_nouns, injured, combined, other, things, names
    )
    for target, toll in counts:
        (frame.killed if target == "killed" else frame.injured).append(toll)
    if killed and not combined and not any(t.item.kind == "quantity" for t in frame.killed):
        named = _dead_list(doc, frame, sentence)
        if named is not None:
            frame.killed.append(named)
    _pronouns(doc, frame, sentence)
    _bombers(doc, frame, sentence, killed)


def _compared(doc: Doc, sentence: int) -> Callable[[Item], bool]:
    """Whether an item lies in a comparison with other events (``على غرار العشرات الذين لقوا
    حتفهم``): its dead are not this event's."""
    cues = doc.in_sentence("cue:comparison", sentence)
    return lambda it: any(doc.clause(c) == doc.clause(it) and c.last < it.first for c in cues)


def told_here(frame: Frame) -> bool:
    """Whether the frame's casualty words are about its own place: in a sentence listing
    villages hit, ``ما تسبب بوقوع جرحى في النشابية`` tells the outcome of one of the listed
    villages only (a place that only locates the outcome, ``في ريف إدلب``, restricts nothing)."""
    if frame.listed is None or frame.place is None:
        return True

    def key(p: Item) -> str | None:
        return str(p.value.gazetteer_id or p.value.name_en or "") or None

    named = [
        p
        for p in frame.cue(OUTCOME_PLACES)
        if (p.value.geo_precision or 3) <= 2
        and any(key(o) == key(p) and o.span != p.span for o in frame.places)
    ]
    return not named or any(key(p) == key(frame.place) for p in named)


def _counts(
    doc: Doc,
    frame: Frame,
    quantities: list[Item],
    killed: list[Item],
    injured: list[Item],
    combined: list[Item],
    other: list[Item],
    things: set[int],
    names: list[Item],
) -> list[tuple[str, Toll]]:
    """The sentence part's counts in reading order: numbers, persons in the singular and
    their companions, each with 'killed' or 'injured'."""
    singulars = _singulars(doc, frame, killed, injured, quantities)
    # a pattern ("هجمات متفرقة"): its vague counts are no toll
    pattern = any(
        not definite(doc, c) for c in doc.in_sentence("cue:habitual", frame.first)
    ) or bool(doc.in_sentence("cue:habitual_of_noun", frame.first))
    found: list[tuple[str, Toll]] = []
    last: tuple[str, Toll] | None = None
    taken = _span_tokens(quantities) | {t.item.first for _, t in singulars}
    mates = [
        m
        for name in ("cue:one_person", "cue:companion")
        for m in doc.in_sentence(name, frame.first)
        if m.first in frame.tokens and m.first not in taken and _has_proclitic_wa(doc, m)
    ]
    ordered: list[tuple[int, Item, tuple[str, Toll] | None]] = (
        [(q.first, q, None) for q in quantities]
        + [(t.item.first, t.item, (kind, t)) for kind, t in singulars]
        + [(m.first, m, ("mate", Toll(1, m, False))) for m in mates]
    )
    stops = _span_tokens(killed + injured + other) | _span_tokens(
        doc.in_sentence("cue:subset", frame.first)
    )
    subset: Item | None = None
    for _, q, singular in sorted(ordered, key=lambda x: x[0]):
        if singular is not None and singular[0] == "mate":
            # "ثلاثة أطفال وامرأة"، "ضابط ومرافقه": one more person joined to the last count
            if last is not None and _mate_of(doc, last[1].item, q, stops):
                toll = Toll(1, q, False, _whose(doc, q), None, joined=True)
                found.append((last[0], toll))
                last = (last[0], toll)
            continue
        if singular is not None:
            found.append(singular)
            last = singular
            continue
        quantity: Quantity = q.value
        if inside_any(q, names) or _counted_thing(q, things):
            continue  # "دير الزور 24" is an outlet's name; "3 آليات" are vehicles
        if _subset(doc, q) or (
            subset is not None and _has_proclitic_wa(doc, q) and _joined(doc, subset, q)
        ):
            subset = q  # "بينهم 8 أطفال و4 نساء": the whole list is who, not how many
            continue
        subset = None
        if _other_event(doc, frame, q):
            continue
        vague = quantity.vague or quantity.value is None
        if vague and pattern:
            continue  # "تشن هجمات متفرقة موقعة عشرات القتلى": a pattern, not this event
        if any(abs(c.first - q.last) <= 2 or abs(q.first - c.last) <= 2 for c in combined):
            if not vague:
                frame.cues.setdefault(COMBINED_NUMBERED, []).append(q)
            elif frame.triggers:  # "قتل وأصيب عدد من ... في كمين": some died
                frame.cues.setdefault(COMBINED_VAGUE, []).append(q)
            last = None
            continue  # "8 بين قتيل وجريح": no split, no figure
        toll = Toll(quantity.value, q, vague, _whose(doc, q), _party(doc, q))
        if last is not None and _corrected(doc, last[1].item, q):
            # "بلغت 9 عناصر، لا سبعة كما أعلن": the figure corrected counts the same dead
            toll.actor, toll.party = last[1].actor, last[1].party
            toll.alternative = True
            found.append((last[0], toll))
            continue
        got = _risen(doc, q, killed, injured) or _attach(doc, q, killed, injured, other)
        if got == "other":
            last = None  # captives: "وأسر 3": not counted, and nothing joins them
            continue
        if got is not None:
            kind = got
            if last is not None and last[0] == kind and _has_proclitic_wa(doc, q):
                toll.joined = _joined(doc, last[1].item, q)  # "قائد مجموعة وثلاثة من عناصره"
        else:
            # "مقتل 10 من النظام ونحو سبعة من التنظيم"، "ضابط وعنصران": joined to the last count
            if (
                last is not None
                and _joined(doc, last[1].item, q)
                and (toll.actor or toll.party or _counts_people(doc, q))
            ):
                toll.joined = True
                kind = last[0]
            else:
                continue
        found.append((kind, toll))
        last = (kind, toll)
    return found


def _corrected(doc: Doc, previous: Item, q: Item) -> bool:
    """``q`` follows a word of correction (``لا``، ``وليس``، ``بدلا من``) that follows the count
    ``previous`` closely (its counted noun between): the figure another report gave."""
    return any(
        c.last == q.first - 1 and 0 < c.first - previous.last <= 3
        for c in doc.in_sentence("cue:correction", q.sentence)
    )


def _mate_of(doc: Doc, previous: Item, mate: Item, stops: set[int]) -> bool:
    """``mate`` (a person joined by و) follows the count ``previous`` closely, in its clause,
    with no outcome word or ``بينهم`` between them."""
    if not 0 < mate.first - previous.last <= 8 or doc.clause(mate) != doc.clause(previous):
        return False
    return not any(previous.last < t <= mate.first for t in stops)


def _attach(
    doc: Doc, q: Item, killed: list[Item], injured: list[Item], other: list[Item]
) -> str | None:
    """'killed', 'injured', 'other' (captives, the missing) or None: the nearest outcome."""
    near = _outcome_near(doc, q, {"killed": killed, "injured": injured, "other": other})
    if near is not None:
        return near[2]
    quantity: Quantity = q.value
    if _counts_people(doc, q) and not quantity.vague:
        # "نعت صفحات موالية 11 عنصرًا قالت إنهم قُتلوا"، "ثلاثة من مقاتليه، قال إنهم قضوا": a
        # killed word further in the clause
        reach = q.last + CLAUSE_AFTER_WINDOW
        later = sorted(
            (x for x in killed + injured + other if q.last < x.first <= reach),
            key=lambda x: x.first,
        )
        relay = _span_tokens(
            it
            for name in ("cue:people", "cue:report", "cue:toll_relay", "cue:partitive", "actor")
            for it in doc.in_sentence(name, q.sentence)
        )
        if later and all(t in relay for t in range(q.last + 1, later[0].first)):
            first = later[0]
            return "other" if first in other else "killed" if first in killed else "injured"
    return None


def _singulars(
    doc: Doc, frame: Frame, killed: list[Item], injured: list[Item], quantities: list[Item]
) -> list[tuple[str, Toll]]:
    """``قُتل عنصر``، ``مقتل قيادي``، ``وأصيب آخر``: one person in the singular by the word."""
    counted = _span_tokens(quantities)
    heads = doc.in_sentence("cue:subset_head", frame.first)
    ones = [o for o in doc.in_sentence("cue:one_person", frame.first) if o.first in frame.tokens]
    out: list[tuple[str, Toll]] = []
    for kind, words in (("killed", killed), ("injured", injured)):
        for w in words:
            if any(w.first - 2 <= h.last < w.first and not _in_dates(doc, h) for h in heads):
                continue  # "من بين القتلى ضابط"، "أبرز القتلى: القيادي": who, not how many
            one = next(
                (
                    o
                    for o in ones
                    if o.first > w.last
                    and _close_after(doc, w, o)
                    and o.first not in counted
                    and not _in_dates(doc, o)
                    and not _inside_name(doc, o)
                ),
                None,
            )
            if one is None:
                continue
            out.append((kind, Toll(1, one, False, _whose(doc, one), _party(doc, one))))
    return out


def _inside_name(doc: Doc, one: Item) -> bool:
    """A person word inside a force's name other than its head (``الفرقة الرابعة``)."""
    return any(a.first < one.first <= a.last for a in doc.in_sentence("actor", one.sentence))


def _close_after(doc: Doc, w: Item, one: Item) -> bool:
    """``one`` follows the outcome word ``w`` closely: within two tokens, or with only the
    doers and the date between (``اغتال مسلحون مجهولون، مساء أمس، عنصرًا``)."""
    if one.first - w.last <= 2:
        return True
    return doc.covered(w.last + 1, one.first - 1, ("actor", "date", "source"))


_LIST_SPLIT = re.compile(r"[،,؛;]")


def _dead_list(doc: Doc, frame: Frame, sentence: int) -> Toll | None:
    """``أبرز القتلى: فلان، فلان، وفلان``: the dead named one by one count as many."""
    cues = [c for c in doc.in_sentence("cue:dead_list", sentence) if c.first in frame.tokens]
    if not cues:
        return None
    cue = cues[0]
    _, end = doc.sentences[sentence]
    start = doc.tokens[cue.last].end
    rest = doc.norm.text[start:end].strip().lstrip(":").strip().rstrip(".")
    chunks = [c.strip() for c in _LIST_SPLIT.split(rest) if c.strip()]
    if len(chunks) < 2:
        return None
    return Toll(len(chunks), cue, False)


def _pronouns(doc: Doc, frame: Frame, sentence: int) -> None:
    """``وقتلوهما``، ``أدى إلى مقتله``: the dead counted by an object pronoun (a fallback)."""
    for name, key in (("cue:two_by_pronoun", PRONOUN_TWO), ("cue:one_by_pronoun", PRONOUN_ONE)):
        hits = [c for c in doc.in_sentence(name, sentence) if c.first in frame.tokens]
        if hits:
            frame.cues[key] = hits


def _bombers(doc: Doc, frame: Frame, sentence: int, killed: list[Item]) -> None:
    """A bomber who died in his attack counts (``فجر الانتحاري نفسه``، ``إضافة إلى المهاجم``،
    ``مقتل الانتحاري``); ``بينهم الانتحاري`` says he is already in the figure."""

    def cue(name: str) -> list[Item]:
        return [c for c in doc.in_sentence(f"cue:{name}", sentence) if c.first in frame.tokens]

    subset = cue("subset")
    additions = cue("addition")
    twos = _span_tokens(cue("bomber_two"))
    bombers = cue("bomber")
    named = _span_tokens(bombers)
    died: list[tuple[int, Item]] = []
    for verb in cue("self_detonate"):
        if _in_dates(doc, verb):
            continue  # "فجر اليوم" is dawn
        for own in cue("self"):
            if (
                0 < own.first - verb.last <= SELF_WINDOW
                and doc.clause(own) == doc.clause(verb)
                and _reflexive(doc, verb, own, named)
            ):
                died.append((2 if own.first in twos else 1, own))
                break
    for b in bombers:
        if any(0 < b.first - s.last <= 2 for s in subset):
            frame.cues.setdefault(BOMBER_COUNTED, []).append(b)
            continue
        if any(b.first - a.last == 1 for a in additions + killed):
            died.append((2 if b.first in twos else 1, b))
    if died:
        value, item = max(died, key=lambda x: x[0])
        frame.killed.append(Toll(value, item, False, None, BOMBER, joined=True))


# Proclitics that carry a preposition and the article (بال، لل، وكال...): "بالمكان نفسه".
_WITH_PREPOSITION = tuple(
    p
    for p in PROCLITICS
    if p.endswith("لل") or (p.endswith("ال") and any(c in "بلك" for c in p[:-2]))
)


def _reflexive(doc: Doc, verb: Item, own: Item, bombers: set[int]) -> bool:
    """``فجر نفسه``، ``فجر الانتحاري نفسه``، ``فجر الثاني نفسه`` — but not ``فجرت عبوة في
    المكان نفسه`` (a noun in a prepositional phrase before نفسه: "the same place")."""
    before = own.first - 1
    if before == verb.last or before in bombers:
        return True
    if doc.tokens[before].text.startswith(_WITH_PREPOSITION):
        return False
    if any(d.first <= before <= d.last for d in doc.in_sentence("date", own.sentence)):
        return False
    return not any(p.last == before - 1 for p in doc.in_sentence("cue:preposition", own.sentence))


# --------------------------------------------------------------------------- combining


@dataclass(frozen=True, slots=True)
class Sides:
    """The event's sides, to tell whose dead a figure counts."""

    actor1: str | None
    actor2: str | None
    assoc1: frozenset[str]
    assoc2: frozenset[str]
    same_side: Callable[[str, str], bool]
    state_side: Callable[[str], bool]

    def key(self, t: Toll) -> str:
        """'A' for the side that acted, 'V' for the side acted upon (the default), else the
        named actor."""
        if t.actor:
            if t.actor in self.assoc1 or (self.actor1 and self.same_side(t.actor, self.actor1)):
                return "A"
            if t.actor in self.assoc2 or (self.actor2 and self.same_side(t.actor, self.actor2)):
                return "V"
            # a third side when the victims are known; else the dead named are the victims
            return t.actor if self.actor2 else "V"
        if t.party in (ATTACKERS, BOMBER):
            return "A"
        if t.party == ARMED:
            struck_by_state = (
                self.actor1 is not None
                and self.state_side(self.actor1)
                and not (self.actor2 and self.state_side(self.actor2))
            )
            return "V" if struck_by_state else "A"
        return "V"


@dataclass(frozen=True, slots=True)
class Figure:
    """An event's figure: the lowest and highest credible, and the counts behind them."""

    low: int
    high: int
    low_items: list[Item]
    high_items: list[Item]


def figure(reports: list[list[Toll]], sides: Sides) -> Figure | None:
    """Combine the reports (one list of exact tolls per sentence) into the event's figure.

    Within a report, counts joined by و add up and other counts of one side are
    alternatives (the largest wins: a later, fuller figure). Across reports, each side's
    figures are alternatives: the lowest is the credible figure, the highest the maximum;
    the sides add up. A report that gives only an unattributed total equal to another
    report's sum of sides is that total, not a second figure of the victims.
    """
    per_report: list[dict[str, tuple[int, Item]]] = []
    for tolls in reports:
        by_key: dict[str, tuple[int, Item]] = {}
        for t in tolls:
            if t.vague or t.value is None:
                continue
            key = sides.key(t)
            have = by_key.get(key)
            if have is None:
                by_key[key] = (t.value, t.item)
            elif t.joined:
                by_key[key] = (have[0] + t.value, have[1])
            elif t.value > have[0]:
                by_key[key] = (t.value, t.item)
        if by_key:
            per_report.append(by_key)
    if not per_report:
        return None
    totals = {sum(v for v, _ in r.values()) for r in per_report if len(r) > 1}
    values: dict[str, list[tuple[int, Item]]] = {}
    for r in per_report:
        if set(r) == {"V"} and r["V"][0] in totals and len(per_report) > 1:
            continue
        for key, got in r.items():
            values.setdefault(key, []).append(got)
    lows = [min(v, key=lambda x: x[0]) for v in values.values()]
    highs = [max(v, key=lambda x: x[0]) for v in values.values()]
    return Figure(
        sum(v for v, _ in lows),
        sum(v for v, _ in highs),
        [it for _, it in sorted(lows, key=lambda x: -x[0])],
        [it for _, it in sorted(highs, key=lambda x: -x[0])],
    )


def reports(frames: list[Frame], kind: str) -> list[list[Toll]]:
    """The tolls of each report of the event: each part of a sentence (``قتل 20 بحسب ما نعت
    الميليشيا، فيما قالت أعماق إنهم 27``: two reports, 20 and 27); the villages of a list
    share one; a figure the part corrects (``9، لا سبعة``) is a report of its own. A bomber
    said to be among the dead (``بينهم الانتحاري``) is not added again."""
    counted = any(f.cue(BOMBER_COUNTED) for f in frames)
    by_part: dict[tuple[int, int, bool], list[Toll]] = {}
    for f in filter(told_here, frames):
        tolls = f.killed if kind == "killed" else f.injured
        for t in tolls:
            # a figure corrected in the part ("لا سبعة كما أعلن") is another report's
            got = by_part.setdefault((f.first, f.tokens.start, t.alternative), [])
            if t not in got and not (counted and t.party == BOMBER):
                got.append(t)
    return list(by_part.values())


__all__ = [
    "Figure",
    "Sides",
    "TollRules",
    "figure",
    "read_tolls",
    "reports",
    "told_here",
    "toll_rules",
]
