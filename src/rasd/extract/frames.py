"""Event frames: one candidate event per eventive sentence (or per listed place).

A frame gathers what one sentence says about one event: its triggers, the actors, the tolls,
the place, the date, the sources and the cues around them. Frames are merged into events
later (:mod:`rasd.extract.merge`); here each sentence is read on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import is_

from rasd.extract.document import Doc, Item
from rasd.knowledge.events import Trigger

# actor ids (actors.tsv) that some rules name
CIVILIANS = "civilians"
UNIDENTIFIED = "unidentified"  # the text says the doer is not known

MEANS, ACTION, GENERIC = "means", "action", "generic"
_RANK = {MEANS: 0, ACTION: 1, GENERIC: 2}


@dataclass(slots=True)
class Toll:
    """A casualty figure read from the text: ``value`` None means 'several' (عدد من)."""

    value: int | None
    item: Item
    vague: bool
    actor: str | None = None  # whose dead, when the text says (مقتل 10 من قوات النظام)
    party: str | None = None  # "attackers" / "armed" when the counted noun names the side
    joined: bool = False  # joined by و to the count before it: the two add up (ضابط وعنصران)
    # the same dead by another report, the figure it corrects ("9 عناصر، لا سبعة كما أعلن")
    alternative: bool = False


@dataclass(slots=True)
class Frame:
    """What one sentence says about one event."""

    sentences: list[int]
    triggers: list[Item] = field(default_factory=list)
    tokens: range = range(0)  # the part of the sentence this frame reads
    actors: list[Item] = field(default_factory=list)
    places: list[Item] = field(default_factory=list)
    place: Item | None = None
    date: Item | None = None
    date_is_report: bool = False
    killed: list[Toll] = field(default_factory=list)
    injured: list[Toll] = field(default_factory=list)
    killed_words: list[Item] = field(default_factory=list)
    combined_toll: Item | None = None  # "killed or wounded" with no split
    no_casualties: Item | None = None
    sources: list[Item] = field(default_factory=list)
    actor1: Item | None = None
    actor2: Item | None = None
    assoc1: list[Item] = field(default_factory=list)
    assoc2: list[Item] = field(default_factory=list)
    unordered: bool = False  # actor1/actor2 in the order named: nobody said who started
    listed: int | None = None  # the sentence that listed this village among others hit
    cues: dict[str, list[Item]] = field(default_factory=dict)
    anaphoric: bool = False  # "the attack" / "the ambush": refers to an event already told
    another: bool = False  # "another attack": a new event even if it looks the same
    kin: bool = False  # "two other vehicles": a new event of the same kind, on the same sides
    apart: bool = False  # "..., فيما أعلنت قسد ...": a later part with its own report and source
    # best_trigger()'s answer, with the trigger items it was read from
    _best: tuple[tuple[Item, ...], tuple[Trigger, Item] | None] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def first(self) -> int:
        return self.sentences[0]

    def best_trigger(self) -> tuple[Trigger, Item] | None:
        """The trigger that types the frame: the first means, else the first action...

        Merging and assembling ask it again and again (type, strength, compatibility), so
        the answer is kept with the very trigger items it was read from; a frame whose
        triggers change is read afresh.
        """
        cached = self._best
        if (
            cached is not None
            and len(cached[0]) == len(self.triggers)
            and all(map(is_, cached[0], self.triggers))
        ):
            return cached[1]
        found = self._read_best_trigger()
        self._best = (tuple(self.triggers), found)
        return found

    def _read_best_trigger(self) -> tuple[Trigger, Item] | None:
        disarming = self.disarming()
        best: tuple[float, int, Trigger, Item] | None = None
        for it in self.triggers:
            for trig in it.value:
                rank = trigger_rank(trig, disarming)
                key = (rank, it.first)
                if best is None or key < (best[0], best[1]):
                    best = (rank, it.first, trig, it)
        return (best[2], best[3]) if best else None

    def disarming(self) -> bool:
        return any(trig.disarms for it in self.triggers for trig in it.value)

    def strength(self) -> str | None:
        found = self.best_trigger()
        return found[0].strength if found else None

    def event_type(self) -> str | None:
        found = self.best_trigger()
        return found[0].event_type if found else None

    def sub_event_type(self) -> str | None:
        found = self.best_trigger()
        return found[0].sub_event_type if found else None

    def cue(self, name: str) -> list[Item]:
        return self.cues.get(name, [])


def trigger_rank(trig: Trigger, disarming: bool) -> float:
    """Lower wins: taking a place, then means, actions, generic words; weak words last.
    Weapons beside a defusing word are its objects, not the means of an attack."""
    if trig.decides:
        return -1.0
    rank = _RANK[trig.strength] + (3.0 if trig.weak else 0.0)
    if trig.instrument and disarming:
        rank += 2.0
    return rank


def overlaps(a: Item, b: Item) -> bool:
    return a.span.start < b.span.end and b.span.start < a.span.end


def inside_any(it: Item, others: list[Item]) -> bool:
    return any(overlaps(it, o) for o in others)


DEFINITE = ("وال", "فال", "بال", "لل", "ال")  # the article with its clitics, longest first


def definite(doc: Doc, it: Item) -> bool:
    """The mention's first word carries the article (``الهجوم``، ``والتواصل``): a noun, never
    a verb."""
    return doc.tokens[it.first].text.startswith(DEFINITE)
