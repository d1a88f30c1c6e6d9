"""Casualty figures: which numbers of a sentence count killed, which wounded, which neither.

A number counts the dead when a 'killed' word stands next to it (``مقتل 20 عنصرًا``،
``20 قتيلًا``، ``نعى لواء القدس 22 عنصرًا``); vehicles, weapons and durations never do
(``تدمير دبابتين``). "Killed or wounded" with no split (``8 بين قتيل وجريح``) gives no figure.
"""

from __future__ import annotations

from rasd.extract.document import Doc, Item
from rasd.extract.frames import Frame, Toll, inside_any
from rasd.records import Quantity

SUBSET_WORDS = frozenset({"بين", "بينهم", "ابرز", "اغلب", "معظم", "احد"})
# How far (in tokens) an outcome word may stand from its number, before and after it.
BEFORE_WINDOW = 4
AFTER_WINDOW = 3


def _nearest(doc: Doc, q: Item, words: list[Item]) -> tuple[int, Item] | None:
    best: tuple[int, Item] | None = None
    for w in words:
        if w.last < q.first:
            gap = q.first - w.last - 1
            ok = gap <= BEFORE_WINDOW - 1 or doc.covered(w.last + 1, q.first - 1, ("actor",))
        elif w.first > q.last:
            gap = w.first - q.last - 1
            ok = gap <= AFTER_WINDOW - 1 or doc.covered(q.last + 2, w.first - 1, ("actor",))
        else:
            gap, ok = 0, True
        if ok and (best is None or gap < best[0]):
            best = (gap, w)
    return best


def _counted_thing(doc: Doc, q: Item, things: set[int]) -> bool:
    """The number counts vehicles, weapons, distances or time, not people."""
    return q.last + 1 in things or q.last in things


def _whose(doc: Doc, q: Item) -> str | None:
    """The side a figure belongs to: an actor named within three tokens after it."""
    for it in doc.of_kind("actor"):
        if q.last < it.first <= q.last + 4 and it.sentence == q.sentence:
            return str(it.value)
    return None


def read_tolls(doc: Doc, frame: Frame, sentence: int) -> None:
    """Fill the frame's killed / injured figures from one sentence."""

    def part(kind: str) -> list[Item]:
        return [it for it in doc.in_sentence(kind, sentence) if it.first in frame.tokens]

    killed = part("killed")
    injured = part("injured")
    combined = part("cue:killed_or_injured")
    frame.killed_words.extend(killed)
    if combined and frame.combined_toll is None:
        frame.combined_toll = combined[0]
    nocas = part("cue:no_casualties")
    if nocas and frame.no_casualties is None:
        frame.no_casualties = nocas[0]
    things = {t for it in doc.in_sentence("cue:things", sentence) for t in (it.first,)}
    names = doc.in_sentence("source", sentence)
    for q in part("quantity"):
        quantity: Quantity = q.value
        if inside_any(q, names):
            continue  # "دير الزور 24" is an outlet's name
        if _counted_thing(doc, q, things):
            continue
        if any(abs(c.first - q.last) <= 2 or abs(q.first - c.last) <= 2 for c in combined):
            continue  # "8 بين قتيل وجريح": no split, no figure
        k = _nearest(doc, q, killed)
        w = _nearest(doc, q, injured)
        toll = Toll(quantity.value, q, quantity.vague or quantity.value is None, _whose(doc, q))
        if k is None and w is None:
            # "مقتل 10 من النظام ونحو سبعة من التنظيم": a count joined to the last toll
            last = _last_toll(frame)
            if last is not None and _coordinated(doc, last[1].item, q):
                last[0].append(toll)
            continue
        if w is None or (k is not None and k[0] <= w[0]):
            frame.killed.append(toll)
        else:
            frame.injured.append(toll)
    quantities = part("quantity")
    for words, tolls in ((killed, frame.killed), (injured, frame.injured)):
        if words and not tolls and not combined:
            one = _singular(doc, frame, words, quantities)
            if one is not None:
                tolls.append(one)


def _singular(doc: Doc, frame: Frame, words: list[Item], part: list[Item]) -> Toll | None:
    """``قُتل عنصر``، ``مقتل قيادي``، ``وأصيب آخر``: one person in the singular by the word."""
    quantities = {t for q in part for t in range(q.first, q.last + 1)}
    for w in words:
        if set(doc.words(w.first - 2, w.first - 1)) & SUBSET_WORDS:
            continue  # "من بين القتلى ضابط"، "أبرز القتلى: القيادي": who, not how many
        for one in doc.in_sentence("cue:one_person", w.sentence):
            if (
                one.first in frame.tokens
                and 0 < one.first - w.last <= 2
                and (one.first not in quantities)
            ):
                return Toll(1, one, False, _whose(doc, one))
    return None


def _last_toll(frame: Frame) -> tuple[list[Toll], Toll] | None:
    found = [(frame.killed, t) for t in frame.killed] + [(frame.injured, t) for t in frame.injured]
    return max(found, key=lambda x: x[1].item.first) if found else None


def _coordinated(doc: Doc, previous: Item, q: Item) -> bool:
    """``q`` is joined by و to the count before it and counts people of another side."""
    if q.first - previous.last > 20 or _whose(doc, q) is None:
        return False
    opener = doc.tokens[q.first].text
    before = doc.words(q.first - 1, q.first - 1)
    return opener.startswith("و") or before in (["و"], ["ونحو"], ["وقرابه"], ["وحوالي"])
