"""The event lexicons: triggers (→ ACLED sub-event types), outcome words and cue lists.

The words live in ``data/events/triggers.yaml`` and ``data/events/cues.yaml``; this module only
compiles them into clitic-aware :class:`~rasd.knowledge.lexicon.Lexicon` automata, once.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rasd.knowledge.lexicon import Lexicon

STRENGTHS = ("means", "action", "generic")


@dataclass(frozen=True, slots=True)
class Trigger:
    """What a trigger word says: the sub-event type, how strongly, and its event type."""

    sub_event_type: str
    event_type: str
    strength: str
    weak: bool = False
    instrument: bool = False  # a weapon named alone ("rifles", "a rocket launcher") tells no event
    decides: bool = False  # taking a place: types the event over the fighting's means
    disarms: bool = False  # defusing or seizing: the weapons beside it are its objects


@dataclass(frozen=True, slots=True)
class EventLexicons:
    triggers: Lexicon[Trigger]
    killed: Lexicon[str]
    injured: Lexicon[str]
    cues: dict[str, Lexicon[str]]
    event_types: dict[str, str]  # sub-event type → event type
    one_sided: frozenset[str]  # sub-event types with no actor2 (campaigns, mine clearance)
    object_after: frozenset[str]  # sub-event types whose word takes the victims as object
    air_only: frozenset[str]  # actor ids that strike only from the air

    def cue(self, name: str) -> Lexicon[str]:
        return self.cues[name]


def _data(name: str) -> Any:
    path = resources.files("rasd.knowledge") / "data" / "events" / name
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: same data, faster start-up
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


@lru_cache(maxsize=1)
def event_types() -> dict[str, str]:
    """ACLED sub-event type → event type, from ``data/event_types.tsv``."""
    path = resources.files("rasd.knowledge") / "data" / "event_types.tsv"
    rows = csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t")
    return {r["sub_event_type"]: r["event_type"] for r in rows}


_NOT_DUAL = ("ا", "ى", "ي", "و", "ات", "ين", "ون", "ان")
_NO_ACCUSATIVE_ALIF = ("ة", "ا", "ى", "ء", "و", "ات", "ين", "ون", "ان")


def _accusative(word: str) -> str:
    """The indefinite accusative (``هجوم`` → ``هجوما``): an alif after most endings."""
    return word if word.endswith(_NO_ACCUSATIVE_ALIF) else word + "ا"


def _inflected(form: str) -> tuple[str, ...]:
    """A trigger form with the inflections the word lists leave out.

    A phrase takes its definite form (an adjective or a genitive takes the article with its
    noun: ``غارة جوية`` → ``الغارة الجوية``، ``إطلاق نار`` → ``إطلاق النار``; the lexicon already
    lets the first word carry the article); a single word its dual (``قذيفة`` → ``قذيفتين``،
    ``غارة`` → ``غارتان``، ``كمين`` → ``كمينين``), which real reports use for two shells or raids;
    and every form its indefinite accusative (``هجوما انتحاريا``، ``كمينا``).
    """
    words = form.split()
    accusative = " ".join(_accusative(w) for w in words)
    if len(words) > 1:
        definite = [words[0], *(w if w.startswith("ال") else "ال" + w for w in words[1:])]
        return tuple(dict.fromkeys((form, " ".join(definite), accusative)))
    if form.endswith(_NOT_DUAL) or len(form) < 3:
        return tuple(dict.fromkeys((form, accusative)))
    stem = form[:-1] + "ت" if form.endswith("ة") else form
    return tuple(dict.fromkeys((form, stem + "ين", stem + "ان", accusative)))


@lru_cache(maxsize=1)
def event_lexicons() -> EventLexicons:
    """The compiled lexicons (built once per process)."""
    types = event_types()
    trig = _data("triggers.yaml")
    entries: list[tuple[str, Trigger]] = []
    for group in trig["triggers"]:
        sub = group["sub_event_type"]
        if sub not in types:
            raise ValueError(f"triggers.yaml: unknown sub-event type {sub!r}")
        if group["strength"] not in STRENGTHS:
            raise ValueError(f"triggers.yaml: unknown strength {group['strength']!r}")
        t = Trigger(
            sub,
            types[sub],
            group["strength"],
            bool(group.get("weak", False)),
            bool(group.get("instrument", False)),
            bool(group.get("decides", False)),
            bool(group.get("disarms", False)),
        )
        entries.extend((variant, t) for form in group["forms"] for variant in _inflected(form))
    outcomes = trig["outcomes"]
    one_sided = frozenset(trig.get("one_sided") or ())
    object_after = frozenset(trig.get("object_after") or ())
    air_only = frozenset(trig.get("air_only") or ())
    if unknown := sorted((one_sided | object_after).difference(types)):
        raise ValueError(f"triggers.yaml: unknown sub-event types {unknown}")
    cue_forms = _data("cues.yaml")
    # one automaton for all: an article is scanned once, not once per list
    lexicons = Lexicon.family(
        {
            "triggers": entries,
            "killed": [(f, "killed") for f in outcomes["killed"]],
            "injured": [(f, "injured") for f in outcomes["injured"]],
            **{f"cue:{name}": [(f, name) for f in forms] for name, forms in cue_forms.items()},
        }
    )
    return EventLexicons(
        triggers=lexicons["triggers"],
        killed=lexicons["killed"],
        injured=lexicons["injured"],
        cues={name: lexicons[f"cue:{name}"] for name in cue_forms},
        event_types=types,
        one_sided=one_sided,
        object_after=object_after,
        air_only=air_only,
    )
