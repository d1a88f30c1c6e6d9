"""Sentence reading: which sentences tell an event, and what each of them says about it."""

from __future__ import annotations

import copy
import datetime as dt
import itertools

from rasd.extract.document import Doc, Item
from rasd.extract.frames import DEFINITE, Frame, definite, inside_any
from rasd.extract.merge import BACKGROUND_DAYS, event_date, regional, same_side
from rasd.extract.roles import armed_with, assign_roles
from rasd.extract.tolls import read_tolls
from rasd.knowledge.events import Trigger

# Cue lists a frame keeps for later decisions (background, certainty, new event...).
FRAME_CUES = ("background", "claim", "claim_denied", "suspected", "report", "announce_self")
WITHDRAWAL = "Non-violent transfer of territory"


def _scoped_out(doc: Doc, it: Item) -> bool:
    """A trigger inside a tally, a habitual statement, speculation or history is no event."""
    s, clause = it.sentence, doc.clause(it)
    # an aggregate reaches the clause after it ("بلغت حصيلة القتلى 140، جراء هجمات"), not the
    # news told before it ("قتل ثلاثة بانفجار لغم، ليرتفع عدد القتلى منذ مطلع العام إلى 140")
    if any(
        doc.clause(c) in (clause - 1, clause) for c in doc.in_sentence("cue:aggregate", s)
    ) and not (doc.in_sentence("cue:toll_update", s)):
        return True
    if any(0 < c.first - it.last <= 2 for c in doc.in_sentence("cue:habitual_of_noun", s)):
        return True  # "هجمات متكررة"
    if any(
        c.first <= it.first <= c.last
        for name in ("cue:control_state", "cue:purpose")
        for c in doc.in_sentence(name, s)
    ):
        return True  # "جيب تحت سيطرتهم" (control held), "هجوما لطرد التنظيم" (an aim)
    # a verb takes no article: "مواقع التواصل الاجتماعي" is not "تواصل" (it goes on); a
    # suspicion that names the doer ("بغارات يرجح أنها إسرائيلية", one actor mention) doubts
    # who, not whether
    names = doc.in_sentence("actor", s)
    return any(
        doc.clause(c) == clause and not definite(doc, c) and not inside_any(c, names)
        for name in ("cue:habitual", "cue:irrealis")
        for c in doc.in_sentence(name, s)
    )


def _answered(doc: Doc, t: Item) -> bool:
    """``ردّ الجيش على الهجوم``، ``ردا على الهجوم``: the attack answered is an earlier event."""
    if not _anaphoric(doc, t):
        return False
    before = doc.tokens[t.first].text
    objects = doc.in_sentence("cue:response_object", t.sentence)
    if not (before.startswith("لل") or any(c.last == t.first - 1 for c in objects)):
        return False
    return any(t.first - 6 <= c.last < t.first for c in doc.in_sentence("cue:response", t.sentence))


def _history(doc: Doc, s: int) -> bool:
    """The sentence names a past year and no day: history of a group, not news."""
    years = [d for d in doc.in_sentence("year", s)]
    if not years:
        return False
    if any(d.value.precision in ("day", "week") for d in doc.in_sentence("date", s)):
        return False
    # an undated article: a year named with no day is history all the same
    return doc.ref_date is None or all(y.value < doc.ref_date.year for y in years)


def _tally(doc: Doc, s: int) -> bool:
    """The sentence counts many events (``بلغت حصيلة ... منذ مطلع العام``) and dates no day."""
    if not doc.in_sentence("cue:tally", s):
        return False
    return not any(d.value.precision == "day" for d in doc.in_sentence("date", s))


def _tally_throughout(doc: Doc, s: int) -> bool:
    """Every event word of the sentence lies in a tally's clause, or the tally opens it."""
    cues = doc.in_sentence("cue:tally", s)
    words = doc.in_sentence("trigger", s) + doc.in_sentence("killed", s)
    opens = any(doc.clause(c) == doc.clauses[doc.sentence_tokens(s).start] for c in cues)
    return opens or all(_tallied(doc, w) for w in words)


def _tallied(doc: Doc, it: Item) -> bool:
    """An event word inside the clause of a tally (``بعد نشاطه منذ مطلع العام``)."""
    return any(
        abs(doc.clause(c) - doc.clause(it)) <= 1 for c in doc.in_sentence("cue:tally", it.sentence)
    )


def related_headline(doc: Doc, s: int) -> Item | None:
    """The 'related news' cue when sentence ``s`` is that cue's line or the headline after it."""
    for line in (s, s - 1):
        cues = doc.in_sentence("cue:related", line) if line >= 0 else []
        if cues and len(doc.sentence_tokens(line)) <= 8:
            return cues[0]
    return None


def _fronted_after(doc: Doc, s: int, part: range) -> list[Item]:
    """The ``cue:after_told`` phrase that opens the part (``وعقب الهجوم، ...``), if any."""
    return [c for c in doc.in_sentence("cue:after_told", s) if c.first == part.start]


def background_cues(doc: Doc, s: int, part: range) -> list[Item]:
    """What marks a part of sentence ``s`` as context: a cue inside it (``في وقت سابق``، ``هجوم
    مماثل``، ``بعد إطلاق حملة``), a 'related news' headline, or a sentence that opens with
    ``وكان X قد``."""
    # "ما أدى لمقتل المستشارين عقب اشتباكات": a word that puts an event before another (عقب،
    # غداة) makes context of what follows it, not of the deaths told before it
    told_before = {
        c.first
        for c in doc.in_sentence("cue:earlier", s)
        if any(part.start <= k.first < c.first for k in doc.in_sentence("killed", s))
    }
    # "وعقب الهجوم، شنت طائرات ...": opened by "after the event told", the part's own event
    # follows it ("حلق الطيران عقب الهجوم دون أن يسجل أي غارة" stays context)
    after = _fronted_after(doc, s, part)
    found = [
        c
        for c in doc.in_sentence("cue:background", s)
        if c.first in part and c.first not in told_before and not inside_any(c, after)
    ]
    found += [c for c in doc.in_sentence("cue:context", s) if c.first == part.start]
    related = related_headline(doc, s)
    if related is not None:
        found.append(related)
    tokens = doc.sentence_tokens(s)
    if len(tokens):
        second = tokens[min(1, len(tokens) - 1)]
        opening = [c for c in doc.in_sentence("cue:background_opening", s) if c.first <= second]
        perfect = [
            c
            for c in doc.in_sentence("cue:background_perfect", s)
            if opening and 0 < c.first - opening[0].last <= 8
        ]
        if perfect:
            found.append(opening[0])
    return found


def _event_words(doc: Doc, s: int) -> tuple[list[Item], list[Item]]:
    """The sentence's triggers and killed words that are not scoped out."""
    if _history(doc, s) or (_tally(doc, s) and _tally_throughout(doc, s)):
        return [], []
    blocked = (
        doc.in_sentence("actor", s) + doc.in_sentence("place", s) + doc.in_sentence("source", s)
    )
    # a strike named with its side ("غارات جوية روسية") is an actor mention that opens with
    # the event word: that word stays a trigger; words inside a name (تحرير in هيئة تحرير
    # الشام) do not
    actor_starts = {a.first for a in doc.in_sentence("actor", s)}
    triggers = [
        t
        for t in doc.in_sentence("trigger", s)
        if (t.first in actor_starts or not inside_any(t, blocked)) and not _scoped_out(doc, t)
    ]
    killed = [k for k in doc.in_sentence("killed", s) if not _scoped_out(doc, k)]
    triggers = [
        t
        for t in triggers
        if not (_answered(doc, t) or _post_taken(doc, t) or _withdrew_after(doc, t))
    ]
    if _tally(doc, s):
        triggers = [t for t in triggers if not _tallied(doc, t)]
        killed = [k for k in killed if not _tallied(doc, k)]
    generic = triggers and all(_generic_plural(doc, t) for t in triggers)
    if generic and (not killed or (s > 0 and _tally(doc, s - 1))):
        return [], []  # "وأدت هجمات التنظيم إلى مقتل 127" after a tally: the tally goes on
    named = [(t, trig) for t in triggers for trig in t.value]
    if (
        not killed
        and all(
            trig.instrument or (trig.strength == "generic" and _anaphoric(doc, t))
            for t, trig in named
        )
        and any(trig.instrument for _, trig in named)
    ):
        # weapons named alone: "the video showed rocket launchers ... and talk of the operation"
        return [], []
    return triggers, killed


def _post_taken(doc: Doc, t: Item) -> bool:
    """``سيطروا على المقر``: a post taken in an attack is no change of territory."""
    return all(trig.decides for trig in t.value) and any(
        0 < c.first - t.last <= 3 for c in doc.in_sentence("cue:posts", t.sentence)
    )


def _withdrew_after(doc: Doc, t: Item) -> bool:
    """``وقتلوا عنصرين ثم انسحبوا``: the attackers' withdrawal ends the attack, no handover."""
    return all(trig.sub_event_type == WITHDRAWAL for trig in t.value) and any(
        0 < t.first - c.last <= 2 for c in doc.in_sentence("cue:then_withdrew", t.sentence)
    )


def _anaphoric(doc: Doc, t: Item) -> bool:
    """A single definite event word (``الهجوم``، ``العملية``): an event already told. A definite
    weapon (``الطائرات``، ``العبوة``) names the means, not an event."""
    return t.first == t.last and definite(doc, t) and not all(trig.instrument for trig in t.value)


def _refers_back(doc: Doc, triggers: list[Item]) -> bool:
    """A definite event word refers to an event told before this part (``تبنى التنظيم
    الهجوم``، ``اشتباكات مع القوة المهاجمة``), unless it repeats the part's own indefinite word:
    ``قضوا بهجوم لخلايا التنظيم ... دون أن يحدد موعد الهجوم`` names the attack just told."""
    for t in triggers:
        if _anaphoric(doc, t):
            word = doc.tokens[t.first].text
            stem = next((word[len(a) :] for a in DEFINITE if word.startswith(a)), word)
            if not any(
                u.first < t.first
                and not _anaphoric(doc, u)
                and stem in doc.tokens[u.first].text
                and len(doc.tokens[u.first].text) - len(stem) <= 2
                for u in triggers
            ):
                return True
    return False


def _generic_plural(doc: Doc, t: Item) -> bool:
    """``هجمات``، ``عمليات`` alone: a pattern of attacks, not one."""
    return all(trig.strength == "generic" for trig in t.value) and doc.tokens[t.last].text.endswith(
        "ات"
    )


def _since(doc: Doc, d: Item) -> bool:
    """``منذ آذار``: since a day names a period, not the day of an event."""
    return doc.words(d.first - 1, d.first - 1) == ["منذ"]


def _pick_date(doc: Doc, s: int, anchor: int, part: range, apart: bool) -> tuple[Item | None, bool]:
    """The event date nearest to the trigger (in its part of the sentence, else before it
    unless the part is ``apart``: another report's), and whether that date only dates the
    report."""
    best: tuple[int, Item, bool] | None = None
    reports = doc.in_sentence("cue:report", s) + doc.in_sentence("cue:announce_self", s)
    updates = doc.in_sentence("cue:toll_update", s)
    dates = _within(doc.in_sentence("date", s), part) or [
        d for d in doc.in_sentence("date", s) if d.first < part.start and not apart
    ]
    for d in dates:
        if _since(doc, d):
            continue
        said = [r for r in reports if r.last < d.first]
        is_report = any(
            0 <= d.first - r.last <= 3
            # "أعلنت قوات سوريا الديمقراطية، اليوم"، "وفق ما وثقه المرصد السوري اليوم": only
            # the announcer between
            or (
                r.last + 1 < d.first
                and doc.covered(r.last + 1, d.first - 1, ("actor", "source", "cue:affiliation"))
            )
            for r in said
        ) or (
            d.first < anchor
            and (
                # "قالت وسائل إعلام رسمية، اليوم الثلاثاء، إن ...": the day said, then what
                (bool(said) and doc.words(d.last + 1, d.last + 1) in (["إن"], ["ان"], ["بان"]))
                # "اليوم ارتفع عدد قتلى ...": the day the toll rose, not the day of the attack
                or any(-2 <= u.first - d.last <= 3 for u in updates)
            )
        )
        dist = abs(d.first - anchor) + (20 if is_report else 0)
        if best is None or dist < best[0]:
            best = (dist, d, is_report)
    return (best[1], best[2]) if best else (None, False)


def _range_end(doc: Doc, p: Item) -> bool:
    """``من دير الزور إلى تدمر``: the far end of a stretch bounds an area; it is not where the
    event happened (the near end, or the area itself, is)."""
    s = p.sentence
    return any(
        e.last == p.first - 1
        and any(e.first - 5 <= r.last < e.first for r in doc.in_sentence("cue:range_start", s))
        for e in doc.in_sentence("cue:range_end", s)
    )


def _origin(doc: Doc, p: Item) -> bool:
    """``من اتجاه الجولان``: where a strike came from, not where it hit."""
    return any(c.last == p.first - 1 for c in doc.in_sentence("cue:origin", p.sentence))


def _own_report(doc: Doc, s: int, part: range) -> bool:
    """A later part of the sentence with its own report (``..., فيما أعلنت قسد اعتقال ...``):
    another source's news, which takes no place or date from the part before it."""
    return part.start > doc.sentence_tokens(s).start and any(
        c.first in part
        for name in ("cue:report", "cue:announce_self")
        for c in doc.in_sentence(name, s)
    )


def _pick_place(places: list[Item], anchor: int) -> Item | None:
    """The most specific place, the first after the trigger winning ties."""

    def key(p: Item) -> tuple[int, int, int]:
        prec = p.value.geo_precision or 3
        return (prec if prec < 3 else 3, 0 if p.first >= anchor else 1, p.first)

    usable = [p for p in places if p.value.admin1 or (p.value.geo_precision or 3) < 3]
    pool = usable or places
    return min(pool, key=key) if pool else None


# Events that hit each listed village separately (EVENTS.md: one event per village).
PER_VILLAGE = frozenset(
    {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Government regains territory",
        "Non-state actor overtakes territory",
    }
)


# Words before a list of places that make it one place: the area between two places, two
# towns or areas named together, the quarters of one city.
ONE_PLACE_LISTS = frozenset({"بين", "منطقتي", "بلدتي", "حيي", "حيين", "احياء"})


def _listed_places(doc: Doc, places: list[Item], sub_event_type: str | None) -> list[Item]:
    """Villages listed in a row (``قصف X و Y و Z``): one event per village."""
    if sub_event_type not in PER_VILLAGE:
        return []
    # "قرية X بريف حماة وقرية Y بريف إدلب": the province after each place
    # qualifies it and does not break the list
    qualifiers = {t for p in places if regional(doc, p) for t in range(p.first, p.last + 1)}
    specific = [p for p in places if not regional(doc, p) and (p.value.geo_precision or 3) <= 2]
    if len(specific) < 2:
        return []
    if set(doc.words(specific[0].first - 2, specific[0].first - 1)) & ONE_PLACE_LISTS:
        return []  # "بين X و Y": one place described by two; "حيي X و Y": one city's quarters
    glue = {
        t
        for c in doc.in_sentence("cue:list_glue", specific[0].sentence)
        for t in range(c.first, c.last + 1)
    }
    run = [specific[0]]
    for p in specific[1:]:
        gap = [t for t in range(run[-1].last + 1, p.first) if t not in qualifiers]
        if len(gap) <= 3 and all(t in glue or doc.words(t, t) == ["و"] for t in gap):
            run.append(p)
        else:
            break
    names = {p.value.gazetteer_id or p.value.name_en for p in run}
    return run if len(run) >= 2 and len(names) == len(run) else []


def _another(doc: Doc, s: int, triggers: list[Item]) -> bool:
    """'Two OTHER vehicles', 'another attack': this sentence tells a new event."""
    heads = doc.in_sentence("cue:things", s) + doc.in_sentence("cue:another_heads", s)
    # right after the noun only ("أسر اثنين آخرين", two other men, is the same attack); an
    # adjective may stand between ("آليتين رباعيتين أخريين")
    return any(1 <= c.first - h.last <= 2 for c in doc.in_sentence("cue:another", s) for h in heads)


def _follows_told(doc: Doc, s: int, part: range, triggers: list[Item]) -> bool:
    """``قصف الطيران المنطقة بعد الحادثة``: the part's own event came after the one told."""
    after = _within(doc.in_sentence("cue:after_told", s), part)
    return any(
        not (c.first <= t.first <= c.last) and any(trig.strength != "generic" for trig in t.value)
        for c in after
        for t in triggers
    )


def _coordinated(doc: Doc, words: list[Item]) -> set[int]:
    """Event words that open a clause with و after a comma (``غارة تقتل قادة، واشتباكات بين
    ...``): a headline or a lead may join two events so."""
    return {
        w.first
        for w in words
        if w.kind == "trigger"
        and any(trig.strength != "generic" and not trig.weak for trig in w.value)
        and w.first > 0
        and doc.clauses[w.first] != doc.clauses[w.first - 1]
        and doc.tokens[w.first].text.startswith("و")
    }


def _earlier_events(doc: Doc, s: int) -> set[int]:
    """``قتل عنصر، فجر اليوم، بهجوم ...، بعد هجوم أمس أسفر عن إصابة عنصرين``: a word of time
    (``cue:earlier_event``) right before an indefinite event word whose clause names a day of
    its own (not a day named before it) and an outcome of its own opens a part of the
    sentence that tells that earlier event. The tokens where such parts open."""
    opens: set[int] = set()
    for c in doc.in_sentence("cue:earlier_event", s):
        word = next(
            (
                t
                for t in doc.in_sentence("trigger", s)
                if t.first == c.last + 1 and not definite(doc, t)
            ),
            None,
        )
        if word is None:
            continue
        clause = doc.clauses[word.first]
        dates = doc.in_sentence("date", s)
        before = {d.value.date for d in dates if d.last < c.first}
        own_day = any(
            d.first > word.last
            and doc.clauses[d.first] == clause
            and d.value.precision == "day"
            and d.value.date is not None
            and d.value.date not in before
            for d in dates
        )
        outcome = any(
            k.first > word.last and doc.clauses[k.first] == clause
            for kind in ("killed", "injured")
            for k in doc.in_sentence(kind, s)
        )
        if own_day and outcome:
            opens.add(c.first)
    return opens


def _enumeration(doc: Doc, s: int, triggers: list[Item]) -> list[int]:
    """``انفجرت عبوتان، الأولى بسيارة ... قرب ذيبان، والثانية بدورية ... قرب هجين``: the tokens
    where the counted parts of the sentence open (``cue:enumeration_first`` then
    ``cue:enumeration_next`` words, each at the head of a clause, after an event word), or
    none. Each part tells one event of the kind named before them."""

    def heads(name: str) -> list[int]:
        dates = doc.in_sentence("date", s)
        return [
            c.first
            for c in doc.in_sentence(name, s)
            if c.first > 0
            and doc.clauses[c.first] != doc.clauses[c.first - 1]
            and not inside_any(c, dates)
        ]

    first = heads("cue:enumeration_first")
    if not first or not any(t.last < first[0] for t in triggers):
        return []
    following = [t for t in heads("cue:enumeration_next") if t > first[0]]
    return [first[0], *following] if following else []


def _segments(doc: Doc, s: int, words: list[Item], earlier: set[int] | None = None) -> list[range]:
    """Token ranges of the sentence, one per event it tells.

    A long sentence may tell two events (``هاجم ... حيث جاء ذلك بعد هجوم مماثل في ...``): it is
    cut before each ``cue:segment`` word (حيث، فيما، بينما...) and where an earlier event
    opens (``earlier``, see :func:`_earlier_events`). A part with no event word of its own
    belongs to the part before it (the first part to the one after it).
    """
    tokens = doc.sentence_tokens(s)
    cuts = sorted(
        (
            {c.first for c in doc.in_sentence("cue:segment", s)}
            | _coordinated(doc, words)
            | (earlier or set())
        )
        - {tokens.start}
    )
    bounds = [tokens.start, *cuts, tokens.stop]
    parts = [range(a, b) for a, b in itertools.pairwise(bounds) if a < b]
    eventive = [any(w.first in part for w in words) for part in parts]
    if sum(eventive) <= 1:
        return [tokens]
    merged: list[range] = []
    for part, has_event in zip(parts, eventive, strict=True):
        if merged and (not has_event or not any(w.first in merged[-1] for w in words)):
            merged[-1] = range(merged[-1].start, part.stop)
        else:
            merged.append(part)
    return merged


def _within(items: list[Item], part: range) -> list[Item]:
    return [it for it in items if it.first in part]


def _mutual(trigger: Trigger) -> bool:
    """Fighting named as such (اشتباكات، معارك): a clash means that is no weapon."""
    return (
        trigger.sub_event_type == "Armed clash"
        and trigger.strength == "means"
        and not (trigger.instrument)
    )


def _read_part(
    doc: Doc,
    s: int,
    part: range,
    words: tuple[list[Item], list[Item]],
    sources: list[Item],
    head: range | None = None,
) -> Frame:
    """The frame of one part of sentence ``s``; the place and date of the whole sentence
    stand in when the part names none. ``head``: the part of a counted sentence before its
    ordinals (``انفجرت عبوتان، الأولى ...``), whose event words and sides the part shares."""
    triggers, killed = (_within(w, part) for w in words)
    actors = _within(doc.in_sentence("actor", s), part)
    if head is not None:
        triggers = _within(words[0], head) + triggers
        actors = _within(doc.in_sentence("actor", s), head) + actors
        anchor = part.start
    else:
        anchor = (triggers or killed)[0].first
    frame = Frame([s], triggers=triggers, tokens=part)
    frame.actors = actors
    frame.places = [
        p
        for p in _within(doc.in_sentence("place", s), part)
        if not (_range_end(doc, p) or _origin(doc, p))
    ]
    frame.apart = _own_report(doc, s, part)
    earlier = [] if frame.apart else doc.in_sentence("place", s)
    frame.place = _pick_place(frame.places, anchor) or _pick_place(
        [p for p in earlier if p.first < part.start], anchor
    )
    frame.date, frame.date_is_report = _pick_date(doc, s, anchor, part, frame.apart)
    frame.sources = sources
    # a cue word inside a place name is none ("التبني", a town, is not "تبنى")
    named = doc.in_sentence("place", s)
    frame.cues = {
        name: [c for c in doc.in_sentence(f"cue:{name}", s) if not inside_any(c, named)]
        for name in FRAME_CUES
    }
    frame.cues["background"] = background_cues(doc, s, part)
    frame.cues["civilian_marks"] = _within(doc.in_sentence("cue:civilian_marks", s), part)
    names = doc.in_sentence("actor", s) + doc.in_sentence("source", s)
    frame.cues["soldiers"] = [
        c for c in _within(doc.in_sentence("cue:soldiers", s), part) if not inside_any(c, names)
    ]
    # "وعقب الهجوم، شنت ...": the attack after which the part's event came is no word of it
    after = _fronted_after(doc, s, part)
    frame.anaphoric = _refers_back(doc, [t for t in triggers if not inside_any(t, after)])
    # "ردّ الجيش على الهجوم بقصف ...": an answer is a new event, never the attack it answers
    frame.kin = _another(doc, s, triggers)
    frame.another = (
        frame.kin
        or any(_answered(doc, t) for t in _within(doc.in_sentence("trigger", s), part))
        or _follows_told(doc, s, part, triggers)
    )
    read_tolls(doc, frame, s)
    best = frame.best_trigger()
    mutual = best is not None and _mutual(best[0])
    roles = assign_roles(doc, frame.actors, best[0].sub_event_type if best else None, mutual)
    frame.actor1, frame.actor2 = roles.actor1, roles.actor2
    frame.assoc1, frame.assoc2 = roles.assoc1, roles.assoc2
    frame.unordered = roles.unordered
    return frame


SPEECH_CUES = ("cue:report", "cue:announce_self", "cue:claim")


def _speaks(doc: Doc, source: Item) -> bool:
    """A force named as a source (``لواء القدس``) reports only when it speaks in the sentence
    (``نعى لواء القدس``، ``قال لواء القدس``، ``لواء القدس أعلن``); elsewhere it is just a side."""
    if getattr(source.source, "kind", None) != "actor_self":
        return True
    return any(
        source.first - 2 <= c.last < source.first or source.last < c.first <= source.last + 2
        for name in SPEECH_CUES
        for c in doc.in_sentence(name, source.sentence)
    )


def _quoted(doc: Doc, source: Item) -> bool:
    """``ذكرت وكالة سانا، نقلًا عن مصدر عسكري``: an unnamed source that a named one quotes is
    that one's source, not the article's."""
    if getattr(source.source, "kind", None) != "generic":
        return False
    s = source.sentence
    return any(
        c.last == source.first - 1
        and any(
            o.last < c.first and getattr(o.source, "kind", None) != "generic"
            for o in doc.in_sentence("source", s)
        )
        for c in doc.in_sentence("cue:quoting", s)
    )


def read_frames(doc: Doc) -> list[Frame]:
    """One frame per event a sentence tells (one per village when it lists the villages hit)."""
    frames: list[Frame] = []
    last_sources: list[Item] = []
    aircraft: Item | None = None  # the last force named by its weapons (طائرات التحالف)
    for s in range(len(doc.sentences)):
        sources = [
            it for it in doc.in_sentence("source", s) if _speaks(doc, it) and not _quoted(doc, it)
        ]
        words = _event_words(doc, s)
        if sources:
            last_sources = sources
        named_before = aircraft  # the warplanes of earlier sentences
        armed = [a for a in doc.in_sentence("actor", s) if armed_with(doc, a)]
        aircraft = armed[-1] if armed else aircraft
        if not (words[0] or words[1]):
            continue
        previous: Frame | None = None
        counted = _enumeration(doc, s, words[0])
        earlier = set() if counted else _earlier_events(doc, s)
        head = range(doc.sentence_tokens(s).start, counted[0]) if counted else None
        if counted:
            stop = doc.sentence_tokens(s).stop
            parts = [range(a, b) for a, b in itertools.pairwise([*counted, stop])]
        else:
            parts = _segments(doc, s, words[0] + words[1], earlier)
        for part in parts:
            frame = _read_part(doc, s, part, words, last_sources, head)
            if part.start in earlier:
                _told_earlier(frame)
            if head is not None:
                _counted(frame, previous, s)
            if previous is not None:
                _strike_in_support(frame, previous)
            elif frame.another and not frame.kin and frames:
                # "وعقب الهجوم، شنت طائرات روسية غارات": a strike after (or in answer to) the
                # event told before hits that event's attackers
                _strike_in_support(frame, frames[-1])
            if named_before is not None and _unnamed_aircraft(doc, frame):
                frame.actor1 = named_before
            previous = frame
            best = frame.best_trigger()
            listed = (
                []
                if head is not None
                else _listed_places(doc, frame.places, best[0].sub_event_type if best else None)
            )
            if not listed:
                frames.append(frame)
            for p in listed:
                twin = copy.copy(frame)
                twin.place, twin.listed = p, s
                frames.append(twin)
    _settle_reference_date(doc, frames)
    _settle_news_day(doc, {f.first for f in frames})
    return frames


def _told_earlier(frame: Frame) -> None:
    """A part telling an earlier event (see :func:`_earlier_events`) is an event of its own:
    never merged with the one told before it, and, naming no side, on the sides of the last
    event of its kind (``merge._take_sides``). The word of time that opens it says when, not
    that it is context."""
    frame.kin = frame.another = True
    opening = frame.tokens.start
    frame.cues["background"] = [c for c in frame.cue("background") if c.first != opening]


def _counted(frame: Frame, previous: Frame | None, s: int) -> None:
    """A counted part (``الأولى ...``، ``والثانية ...``) is an event of its own, never merged
    with the other parts (as a village of a list); a part that names no side (``بدورية للقوات
    ذاتها``) is on the sides of the part before it."""
    frame.listed = s
    if previous is not None and frame.actor1 is None and frame.actor2 is None:
        frame.actor1, frame.actor2 = previous.actor1, previous.actor2
        frame.assoc1, frame.assoc2 = list(previous.assoc1), list(previous.assoc2)
        frame.unordered = previous.unordered


def _settle_news_day(doc: Doc, told: set[int]) -> None:
    """When the article's first day is named in a sentence that tells no event of its own
    ("ونشر عناصر من الميليشيات، أمس الأحد، تسجيلات تظهر ..."), it dates the report of the news:
    an event the text leaves undated takes that day (week precision) rather than the day
    the article came out (EVENTS.md, Only a report date)."""
    if doc.ref_date is None:
        return
    for s in range(len(doc.sentences)):
        days = [
            d
            for d in doc.in_sentence("date", s)
            if d.value.date is not None and d.value.precision == "day" and not _since(doc, d)
        ]
        if not days:
            continue
        tokens = doc.sentence_tokens(s)
        day = days[0].value.date
        if (
            s not in told
            and not background_cues(doc, s, range(tokens.start, tokens.stop))
            and dt.timedelta(0) < doc.ref_date - day <= dt.timedelta(days=BACKGROUND_DAYS)
        ):
            doc.news_day = day
        return


def _unnamed_aircraft(doc: Doc, frame: Frame) -> bool:
    """A strike by "الطائرات الحربية" (the warplanes, named by no owner) with no other side
    striking: the article's warplanes, the ones it named before."""
    return frame.actor1 is None and any(
        definite(doc, t) and all(trig.instrument for trig in t.value)
        for t in frame.triggers
        if t.value[0].sub_event_type == "Air/drone strike"
    )


def _strike_in_support(frame: Frame, before: Frame) -> None:
    """ "هاجمت خلايا X مواقع Y، وسط قصف جوي من طائرات Z": a strike told beside a fight, with
    no target named, hits the side that Z's camp fights in it."""
    if frame.actor2 is not None or frame.actor1 is None:
        return
    if frame.event_type() != "Explosions/Remote violence":
        return
    striker = str(frame.actor1.value)
    for ally, enemy in ((before.actor1, before.actor2), (before.actor2, before.actor1)):
        if ally is None or enemy is None:
            continue
        if same_side(striker, str(ally.value)) and not same_side(striker, str(enemy.value)):
            frame.actor2 = enemy
            return


def _settle_reference_date(doc: Doc, frames: list[Frame]) -> None:
    """A date read off the page (no metadata) that comes weeks after every day the news
    names is the day the page was captured or updated: the news is as old as its latest
    day, and undated events take that day (week precision), not the capture date."""
    if not doc.ref_date_inferred or doc.ref_date is None:
        return
    days = [day for f in frames if not f.cue("background") and (day := event_date(f)) is not None]
    latest = max(days, default=None)
    if latest is not None and doc.ref_date - latest > dt.timedelta(days=BACKGROUND_DAYS):
        doc.ref_date = latest
