"""Article → events: a fixed chain of stages, each declaring what it needs and provides.

Like Stanza's processors, a stage names the annotations it reads (``requires``) and those it
adds (``provides``); :func:`check_stages` verifies the order once at import, so a stage can
never read what no earlier stage wrote.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any

from rasd.extract.assemble import assemble
from rasd.extract.document import Doc, Item
from rasd.extract.frames import Frame
from rasd.extract.merge import merge_frames
from rasd.extract.reading import read_frames
from rasd.knowledge.actors import actor_resolver
from rasd.knowledge.events import event_lexicons
from rasd.knowledge.lexicon import Lexicon, match_each, shared_automaton
from rasd.knowledge.places import place_resolver
from rasd.knowledge.sources import source_resolver
from rasd.records import Article, Event
from rasd.text.dates import find_dates, infer_published
from rasd.text.numbers import find_quantities


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    requires: frozenset[str]
    provides: frozenset[str]
    run: Callable[[Doc], None]


def _dates(doc: Doc) -> None:
    if doc.ref_date is None:
        doc.ref_date = infer_published(doc.norm)
        doc.ref_date_inferred = doc.ref_date is not None
    found = find_dates(doc.norm, doc.ref_date)
    doc.add("date", (doc.item_from_span("date", d.span, d) for d in found))


_YEAR_PHRASE = re.compile(r"(?:عام|العام|سنه|لعام|بعام|والعام)\s+((?:19|20)\d\d)(?!\d)")


def _years(doc: Doc) -> None:
    """Years named as such (``عام 2016``): they date history, not the news."""
    doc.add(
        "year",
        (
            doc.item_from_norm("year", m.start(), m.end(), int(m.group(1)))
            for m in _YEAR_PHRASE.finditer(doc.norm.text)
        ),
    )


def _quantities(doc: Doc) -> None:
    dates = [it.value for it in doc.of_kind("date")]
    found = find_quantities(doc.norm, dates)
    doc.add("quantity", (doc.item_from_span("quantity", q.span, q) for q in found))


def _outlet(doc: Doc) -> None:
    """The outlet that publishes the article (its camp reads some names its own way)."""
    doc.outlet = source_resolver().outlet(doc.article.outlet, doc.article.url)


def _actors(doc: Doc) -> None:
    camp = doc.outlet.camp if doc.outlet is not None else None
    found = actor_resolver().find(doc.norm, doc.tokens, doc.ref_date, camp)
    doc.add("actor", (doc.item_from_norm("actor", m.start, m.end, m.actor_id, m) for m in found))


def _sources(doc: Doc) -> None:
    found = source_resolver().find(doc.norm, doc.tokens)
    doc.add("source", (doc.item_from_norm("source", m.start, m.end, m.name, m) for m in found))
    # a word of an outlet's name is no side ("الإعلامي" of "المركز الإعلامي لقسد" is not a
    # journalist): an actor inside a source stays only when it is the voice the source is (its
    # actor, or the era-dependent state body the source names with no actor id)
    sources = doc.of_kind("source")
    if sources and doc.of_kind("actor"):
        doc.keep("actor", [a for a in doc.of_kind("actor") if not _word_of_name(a, sources)])


def _word_of_name(actor: Item, sources: list[Item]) -> bool:
    """The actor mention lies inside a source's name that is not its own voice."""
    for src in sources:
        if src.span.start <= actor.span.start and actor.span.end <= src.span.end:
            voice = getattr(src.source, "actor_id", None)
            own = voice == actor.value or (
                voice is None and getattr(src.source, "kind", None) == "actor_self"
            )
            if not own:
                return True
    return False


def _places(doc: Doc) -> None:
    found = place_resolver().find(doc.norm, doc.tokens)
    items = [doc.item_from_norm("place", m.start, m.end, m.location, m) for m in found]
    # a word the event lexicon knows (الكمين، المعارك، في حينه) is not a village of that name,
    # and a name inside an outlet's or a force's name (فرات بوست، درع الفرات) is not a place
    words = (
        doc.of_kind("trigger")
        + doc.of_kind("killed")
        + doc.of_kind("injured")
        + doc.of_kind("cue:time_words")
    )
    names = doc.of_kind("source") + doc.of_kind("actor")
    anchors = [
        (getattr(m, "anchor_start", m.start), getattr(m, "anchor_end", m.end)) for m in found
    ]
    rivers = {c.last for c in doc.of_kind("cue:river")}
    inside = _inside_any(
        [(doc.norm_pos(w.span.start), doc.norm_pos(w.span.end)) for w in words + names]
    )
    kept = [
        it
        for it, (a, b) in zip(items, anchors, strict=True)
        if it.first - 1 not in rivers
        if not inside(a, b)
    ]
    # "قرية X غربي Y", "X التابعة لبلدة Y": the town Y only locates X, the place of the event
    named = {(getattr(it.source, "anchor_start", -1), getattr(it.source, "anchor_end", -1))
             for it in kept}  # fmt: skip
    kept = [
        it for it in kept
        if getattr(it.source, "qualifies", None) not in named or it.value.geo_precision == 3
    ]  # fmt: skip
    # a dateline ("حمص-سانا") names the desk: no sentence's place, only the article's
    doc.add("dateline", [it for it in kept if getattr(it.source, "dateline", False)])
    doc.add("place", [it for it in kept if not getattr(it.source, "dateline", False)])


def _inside_any(ranges: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether ``[a, b)`` lies inside one of ``ranges``: by one bisection among the
    ranges sorted by start, and the furthest end of those starting at or before ``a``."""
    ranges = sorted(ranges)
    starts = [start for start, _ in ranges]
    reach = list(accumulate((end for _, end in ranges), max))

    def inside(a: int, b: int) -> bool:
        i = bisect_right(starts, a)
        return i > 0 and reach[i - 1] >= b

    return inside


def _lexicons(doc: Doc) -> None:
    lex = event_lexicons()
    kinds = ["trigger", "killed", "injured", *map("cue:".__add__, lex.cues)]
    lexicons: list[Lexicon[Any]] = [lex.triggers, lex.killed, lex.injured, *lex.cues.values()]
    for kind, matches in zip(kinds, match_each(lexicons, doc.tokens), strict=True):
        doc.add_matches(kind, matches)


STAGES: tuple[Stage, ...] = (
    Stage("dates", frozenset({"text"}), frozenset({"date", "ref_date"}), _dates),
    Stage("years", frozenset({"text"}), frozenset({"year"}), _years),
    Stage("quantities", frozenset({"text", "date"}), frozenset({"quantity"}), _quantities),
    Stage("outlet", frozenset({"text"}), frozenset({"outlet"}), _outlet),
    Stage("actors", frozenset({"text", "ref_date", "outlet"}), frozenset({"actor"}), _actors),
    Stage("sources", frozenset({"text", "actor"}), frozenset({"source"}), _sources),
    Stage(
        "lexicons",
        frozenset({"text"}),
        frozenset({"trigger", "killed", "injured", "cue"}),
        _lexicons,
    ),
    Stage(
        "places",
        frozenset({"text", "trigger", "cue", "actor", "source"}),
        frozenset({"place", "dateline"}),
        _places,
    ),
)
EVENT_NEEDS = frozenset({"date", "year", "quantity", "actor", "source", "place", "trigger", "cue"})


def check_stages(stages: tuple[Stage, ...]) -> None:
    """Fail loudly when a stage reads an annotation no earlier stage provides."""
    have = {"text"}
    for stage in stages:
        missing = stage.requires - have
        if missing:
            raise RuntimeError(f"stage {stage.name} needs {sorted(missing)} before it")
        have |= stage.provides
    if EVENT_NEEDS - have:
        raise RuntimeError(f"event building needs {sorted(EVENT_NEEDS - have)}")


check_stages(STAGES)


@lru_cache(maxsize=1)
def load_knowledge() -> None:
    """Load what the stages look words up in, all lexicons in one automaton (so each article
    is scanned once, not once per resolver). Called before the first article; start-up.

    The knowledge base, a few hundred thousand objects that live as long as the process, is
    then frozen out of the garbage collector's sight (``gc.freeze``): otherwise every full
    collection walks all of it again, about a tenth of the extraction time."""
    with shared_automaton():
        actor_resolver()
        source_resolver()
        event_lexicons()
        place_resolver()
    gc.freeze()


def analyse(article: Article) -> Doc:
    """Run every annotation stage over one article."""
    load_knowledge()
    doc = Doc.of(article)
    for stage in STAGES:
        stage.run(doc)
    return doc


@dataclass(slots=True)
class Trace:
    """An article's analysis kept whole: each group of merged frames and the event it made."""

    doc: Doc
    groups: list[tuple[list[Frame], Event | None]]

    @property
    def events(self) -> list[Event]:
        return [event for _, event in self.groups if event is not None]


def trace(article: Article) -> Trace:
    """Extract one article and keep the frames behind every event (for ``rasd explain``)."""
    doc = analyse(article)
    groups: list[tuple[list[Frame], Event | None]] = []
    made = 0
    for frames in merge_frames(doc, read_frames(doc)):
        event = assemble(doc, frames, made)
        made += event is not None
        groups.append((frames, event))
    return Trace(doc, groups)


def extract(article: Article) -> list[Event]:
    """All events of one article, news and background, with evidence."""
    return trace(article).events
