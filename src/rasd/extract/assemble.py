"""From merged frames to the output :class:`~rasd.records.Event`, with evidence for every field.

The coding rules of EVENTS.md live here: the type from the first means (else the first
action), tolls as the lowest and highest credible figures, vague counts only when no number
is given, claim and suspicion, the report date with week precision, background.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter

from rasd.extract import tolls
from rasd.extract.document import Doc, Item
from rasd.extract.frames import CIVILIANS, UNIDENTIFIED, Frame, trigger_rank
from rasd.extract.merge import event_date, is_background, regional, same_side, source_names
from rasd.extract.tolls import Sides
from rasd.knowledge.actors import actor_resolver
from rasd.knowledge.events import Trigger, event_lexicons, event_types
from rasd.records import Event, Evidence, Location

# Actor kinds that fight for a state (actors.yaml ``kind``): they regain territory and arrest.
STATE_KINDS = frozenset(
    {"state_forces", "pro_government_militia", "foreign_state_forces", "foreign_backed_militia"}
)


def _state_side(actor: str) -> bool:
    known = actor_resolver().actors.get(actor)
    return known is not None and known.kind in STATE_KINDS


MISSILE_WORDS = ("صاروخ", "صواريخ")


def _first(items: list[Item | None]) -> Item | None:
    return next((it for it in items if it is not None), None)


def _cause(frame: Frame) -> tuple[Trigger, Item] | None:
    """A means named right after the deaths: what killed them (``قتل ثلاثة بانفجار عبوة``)."""
    deaths = [t.item for t in frame.killed] + frame.killed_words
    for it in frame.triggers:
        for trig in it.value:
            if trig.strength == "means" and any(0 < it.first - d.last <= 4 for d in deaths):
                return trig, it
    return None


def _type(frames: list[Frame], roles: tuple[str | None, str | None]) -> tuple[str, Item | None]:
    """The type of what caused the deaths, else the first means, else the first action.

    The means named as the cause (``مقتل أربعة منهم برصاص المهاجمين``) comes first; a means
    told with the deaths (``الاشتباكات أسفرت عن مقتل 5``) outranks one told without (the car
    bomb that opened the attack); a means that only another source names (a mourning notice's
    missile beside a claim's gunfire) does not retype the attack."""
    told_by = {name for f in frames if f.strength() == "action" for name in source_names([f])}
    deadly = any(f.killed and f.strength() == "means" for f in frames)
    causes = {id(f): _cause(f) for f in frames}

    def rank(frame: Frame, trigger: Trigger) -> float:
        base = trigger_rank(trigger, frame.disarming())
        heard = source_names([frame])
        if trigger.strength == "means" and told_by and heard and not heard & told_by:
            base += 1.5
        if trigger.strength == "means" and deadly and not frame.killed:
            base += 0.25
        if causes[id(frame)] is not None:
            base -= 0.5
        return base

    found = [(f, causes[id(f)] or f.best_trigger()) for f in frames]
    ranked = [
        best
        for _, _, best in sorted(
            ((rank(f, t[0]), t[1].first, t) for f, t in found if t is not None),
            key=lambda x: (x[0], x[1]),
        )
    ]
    actor1, actor2 = roles
    # killing civilians or captives is Violence against civilians; against fighters it is
    # part of the battle (أجهزوا على من بقي حيًا in an ambush)
    ranked = [t for t in ranked if t[0].sub_event_type != "Attack" or actor2 in (None, CIVILIANS)]
    if not ranked:
        sub, item = "Armed clash", None
    else:
        sub, item = ranked[0][0].sub_event_type, ranked[0][1]
    if actor1 in event_lexicons().air_only and _no_ground_means(sub, ranked, item):
        sub = "Air/drone strike"
    if sub == "Armed clash" and actor2 == CIVILIANS:
        sub = "Attack"
    if sub == "Government regains territory" and actor1 and not _state_side(actor1):
        sub = "Non-state actor overtakes territory"
    if sub == "Arrests" and actor1 and not _state_side(actor1) and actor1 != "sdf":
        sub = "Abduction/forced disappearance"
    return sub, item


def _no_ground_means(sub: str, ranked: list[tuple[Trigger, Item]], item: Item | None) -> bool:
    """The strike names no means of its own ("استهدف التحالف مواقع"، "قصف"), or only missiles
    (which a force that strikes only from the air fires from the air)."""
    if not ranked or ranked[0][0].strength != "means":
        return sub in ("Armed clash", "Shelling/artillery/missile attack")
    return (
        sub == "Shelling/artillery/missile attack"
        and item is not None
        and (any(word in item.span.text for word in MISSILE_WORDS))
    )


def _sides(ids: tuple[str | None, str | None], assoc1: list[str], assoc2: list[str]) -> Sides:
    return Sides(ids[0], ids[1], frozenset(assoc1), frozenset(assoc2), same_side, _state_side)


def _first_cue(frames: list[Frame], name: str) -> Item | None:
    return next((c for f in frames for c in f.cue(name)), None)


def _figure_evidence(field: str, items: list[Item]) -> list[Evidence]:
    return [Evidence.of(field, it.span) for it in dict.fromkeys(items)]


def _fatalities(
    frames: list[Frame], sub: str, sides: Sides
) -> tuple[int | None, int | None, list[Evidence]]:
    """EVENTS.md fatalities: the lowest credible figure (all sides added up), else the vague
    count, else 0 when the whole outcome is told and nobody died, else null."""
    frames = [f for f in frames if tolls.told_here(f)]
    killed = tolls.reports(frames, "killed")
    fig = tolls.figure(killed, sides)
    bombers = [t for r in killed for t in r if t.party == tolls.BOMBER]
    vague = [t for f in frames for t in f.killed if t.vague]
    several = tolls.toll_rules().vague_several
    numbered_mix = _first_cue(frames, tolls.COMBINED_NUMBERED)
    by_bombers = sum(t.value or 0 for t in bombers)
    only_bombers = bool(bombers) and fig is not None and fig.low == by_bombers
    if fig is not None and not (vague and only_bombers):
        ev = _figure_evidence("fatalities", fig.low_items)
        if fig.high != fig.low:
            return fig.low, fig.high, ev + _figure_evidence("fatalities_max", fig.high_items)
        return fig.low, None, ev
    extra = fig.low if fig is not None else 0  # bombers beside a vague count of the dead
    if numbered_mix is not None:  # '8 قتلى وجرحى' blocks the vague 10
        return None, None, []
    if vague:
        value = vague[0].value if vague[0].value is not None else several
        return value + extra, None, [Evidence.of("fatalities", vague[0].item.span)]
    mixed = _first_cue(frames, tolls.COMBINED_VAGUE)
    if mixed is not None:  # "قتل وأصيب عدد من": some died, how many is not told
        return several, None, [Evidence.of("fatalities", mixed.span)]
    for key, value in ((tolls.PRONOUN_TWO, 2), (tolls.PRONOUN_ONE, 1)):
        said = _first_cue(frames, key)
        if said is not None:  # "وقتلوهما"، "أدى إلى مقتله"
            return value, None, [Evidence.of("fatalities", said.span)]
    nocas = _first([f.no_casualties for f in frames]) or _first_cue(frames, tolls.NO_DEATHS)
    if nocas:
        return 0, None, [Evidence.of("fatalities", nocas.span)]
    if any(f.killed_words or f.combined_toll for f in frames):
        return None, None, []
    injured_only = [t for f in frames for t in f.injured if t.vague or t.value]
    if injured_only:  # "أصيب 3"، "أصيب عدد من العناصر": the outcome told is wounded only
        qualifier = getattr(injured_only[0].item.value, "qualifier", None)
        if qualifier not in ("at_least", "more_than"):
            return 0, None, [Evidence.of("fatalities", injured_only[0].item.span)]
        return None, None, []
    # the outcome is told ("ما تسبب بوقوع جرحى"، "ما أدى إلى أضرار مادية") and has no dead
    for f in frames:
        outcome = f.cue(tolls.OUTCOME)
        told = f.cue(tolls.INJURED_WORDS) + f.cue(tolls.MATERIAL)
        if outcome and any(o.first < w.first for o in outcome for w in told):
            return 0, None, [Evidence.of("fatalities", told[0].span)]
    if sub in tolls.toll_rules().no_deaths_unless_said:
        return 0, None, []
    return None, None, []


def _injured(frames: list[Frame], sides: Sides) -> tuple[int | None, list[Evidence]]:
    frames = [f for f in frames if tolls.told_here(f)]
    fig = tolls.figure(tolls.reports(frames, "injured"), sides)
    if fig is not None:
        return fig.low, _figure_evidence("injured", fig.low_items)
    nocas = _first([f.no_casualties for f in frames])
    if nocas:
        return 0, [Evidence.of("injured", nocas.span)]
    return None, []


def _date(doc: Doc, frames: list[Frame]) -> tuple[dt.date | None, str | None, Item | None]:
    for f in frames:
        if f.date is not None and not f.date_is_report:
            return f.date.value.date, f.date.value.precision if f.date.value.date else None, f.date
    for f in frames:
        if f.date is not None and f.date.value.date is not None:
            return f.date.value.date, "week", f.date
    if frames and frames[0].date is not None:  # the phrase is there but fixes no day
        return None, None, frames[0].date
    if doc.news_day or doc.ref_date:
        return doc.news_day or doc.ref_date, "week", None
    return None, None, None


def _place(doc: Doc, frames: list[Frame]) -> Item | None:
    """The most precise place any report of the event names (a headline's bare ``حمص`` is the
    province, so the body's ``طريق السخنة`` wins); among equals a place named as where it
    happened (``في منطقة الطيبة``) before one it happened near (``قرب مدينة السخنة``), then
    the first named."""
    places = [f.place for f in frames if f.place is not None]
    if places:
        return min(
            places,
            key=lambda p: (
                regional(doc, p),
                p.value.geo_precision or 3,
                getattr(p.source, "relation", None) not in (None, "between", "road"),
                places.index(p),
            ),
        )
    if all(f.apart for f in frames):
        return None  # another source's news told beside the article's: not its place
    # nothing in the event's sentences: the article's main place (headline first; a
    # dateline's city counts here)
    found = sorted(doc.of_kind("place") + doc.of_kind("dateline"), key=lambda p: p.first)
    candidates = [p for p in found if p.value.admin1]
    if not candidates:
        return None
    counts = Counter(p.value.admin1 for p in candidates)
    top = counts.most_common(1)[0][0]
    return next(p for p in candidates if p.value.admin1 == top)


def _actors(frames: list[Frame]) -> tuple[Item | None, Item | None, list[str], list[str]]:
    ordered = [f for f in frames if not f.unordered]
    actor1 = (
        _first([f.actor1 for f in ordered if f.strength() in ("means", "action")])
        or _first([f.actor1 for f in ordered])
        or _first([f.actor1 for f in frames])
    )
    actor2 = _first(
        [
            f.actor2
            for f in frames
            if f.actor2 is not None and (actor1 is None or f.actor2.value != actor1.value)
        ]
    )
    ids = {str(a.value) for a in (actor1, actor2) if a is not None}
    assoc1 = list(
        dict.fromkeys(str(a.value) for f in frames for a in f.assoc1 if str(a.value) not in ids)
    )
    assoc2 = list(
        dict.fromkeys(str(a.value) for f in frames for a in f.assoc2 if str(a.value) not in ids)
    )
    return actor1, actor2, assoc1, assoc2


def _own_channels(sources: list[Item]) -> list[Item]:
    """``تبنى التنظيم، عبر وكالة أعماق، ...``: an actor that speaks through a channel of its own
    (Amaq for the Islamic State) is reported by that channel, not by itself."""
    channels = {
        getattr(s.source, "actor_id", None)
        for s in sources
        if getattr(s.source, "kind", None) not in (None, "actor_self")
    } - {None}
    if not channels:
        return sources
    return [
        s
        for s in sources
        if getattr(s.source, "kind", None) != "actor_self"
        or getattr(s.source, "actor_id", None) not in channels
    ]


def _voice_of(doc: Doc, source: Item, actor: str) -> bool:
    """The source is the actor speaking: its own voice (``المركز الإعلامي لقسد``), or a state
    body whose force depends on the era (``بحسب بيان لوزارة الداخلية``: sources.yaml gives it no
    actor id), named as that actor by the actor mention on the same words."""
    if getattr(source.source, "kind", None) != "actor_self":
        return False
    voice = getattr(source.source, "actor_id", None)
    if voice is not None:
        return bool(voice == actor)
    return any(
        a.value == actor and a.span.start < source.span.end and source.span.start < a.span.end
        for a in doc.in_sentence("actor", source.sentence)
    )


def _state_army(doc: Doc, frames: list[Frame], sources: list[Item]) -> str | None:
    """The army of the state medium the event is reported by, valid on the event's day."""
    army: tuple[str, ...] = next((a for s in sources if (a := getattr(s.source, "army", ()))), ())
    day = next((d for f in frames if (d := event_date(f)) is not None), None) or doc.ref_date
    known = actor_resolver().actors
    return next((a for a in army if day is None or known[a].valid_on(day)), None)


def _recalled_whole(
    frames: list[Frame], place: Item | None, actors: tuple[str | None, str | None]
) -> bool:
    """A recalled event is coded only when the text gives it whole: its own date, a place
    and a side. Context such as "after months of attacks in the desert" is not an event."""
    return (
        any(f.date is not None and f.date.value.date is not None for f in frames)
        and place is not None
        and any(actors)
    )


def event_id(doc: Doc, ordinal: int) -> str:
    digest = hashlib.sha1(
        f"{doc.article.id}\x1f{doc.article.text}\x1f{ordinal}".encode()
    ).hexdigest()
    return f"{doc.article.id}-{digest[:10]}"


def assemble(doc: Doc, frames: list[Frame], ordinal: int) -> Event | None:
    """The event the frames tell, or None when they do not add up to one."""
    actor1, actor2, assoc1, assoc2 = _actors(frames)
    id1 = str(actor1.value) if actor1 else None
    id2 = str(actor2.value) if actor2 else None
    sources = [s for f in frames for s in f.sources]
    # a claim channel speaks for its actor (Amaq for the Islamic State)
    claim_actor = next(
        (
            getattr(s.source, "actor_id", None)
            for s in sources
            if getattr(s.source, "kind", None) == "claim_channel"
        ),
        None,
    )
    claimed = any(f.cue("claim") for f in frames) and not any(f.cue("claim_denied") for f in frames)
    if id1 is None and claim_actor:
        id1 = claim_actor
    lex = event_lexicons()
    sub, type_item = _type(frames, (id1, id2))
    if sub in lex.one_sided:
        # a campaign or a mine clearance has one side: the only force named is its actor1, a
        # force of the same camp its associate (بدأت X مع Y حملة), the enemy hunted no actor
        if id1 is None:
            actor1, id1 = actor2, id2
        elif id2 and same_side(id1, id2):
            assoc1 = list(dict.fromkeys([id2, *assoc1]))
        actor2, id2, assoc2 = None, None, []
    marked = _first_cue(frames, "civilian_marks")
    if id2 is None and marked is not None and sub not in lex.one_sided:
        # "قتل خمسة أشخاص بتفجير استهدف سوقا شعبيا": people of no side, or a civilian target
        id2 = CIVILIANS
        sub, type_item = _type(frames, (id1, id2))
    soldiers = _first_cue(frames, "soldiers")
    if id2 is None and soldiers is not None and sub not in lex.one_sided:
        # state media's "إصابة جنديين": its own army's soldiers
        id2 = _state_army(doc, frames, sources)
        if id2 is not None:
            sub, type_item = _type(frames, (id1, id2))
    if all(f.anaphoric for f in frames) and not any(event_date(f) for f in frames):
        return None  # "the campaign came after..." refers to an event this article did not tell
    strengths = {f.strength() for f in frames}
    # "بعد هجوم أمس أسفر عن إصابة عنصرين": a casualty counted makes an attack of a plain word
    has_killed = any(f.killed or f.killed_words or f.injured for f in frames)
    # a force that strikes only from the air striking a named side is an air strike
    struck = id1 in lex.air_only and id2 is not None
    if not (strengths & {"means", "action"}) and not (has_killed and (id1 or id2)) and not struck:
        return None
    if not (id1 or id2 or any(f.place for f in frames) or any(f.killed for f in frames)):
        return None
    evidence: list[Evidence] = []
    if type_item is not None:
        evidence += [
            Evidence.of("event_type", type_item.span),
            Evidence.of("sub_event_type", type_item.span),
        ]
    # a force that announces its own action (a statement of the SDF, of Russia's ministry)
    own_voice = id1 is not None and any(_voice_of(doc, s, id1) for s in sources)
    certainty: str | None = None
    claimed_by = None
    denied = _first_cue(frames, "claim_denied")
    if id1 is None and denied is not None and sub not in lex.one_sided:
        # "لم تتبن أي جهة المسؤولية" and no guess: the text says the doer is unknown
        id1 = UNIDENTIFIED
        evidence.append(Evidence.of("actor1", denied.span))
    if id1 == UNIDENTIFIED and denied is not None:
        certainty = "reported"
    elif id1:
        if claimed or own_voice or (claim_actor and claim_actor == id1):
            certainty, claimed_by = "claimed", id1
        elif any(f.cue("suspected") or f.cue("claim_denied") for f in frames):
            certainty = "suspected"
        else:
            certainty = "reported"
    if actor1 is not None:
        evidence.append(Evidence.of("actor1", actor1.span))
    if actor2 is not None:
        evidence.append(Evidence.of("actor2", actor2.span))
    elif id2 == CIVILIANS and marked is not None:
        evidence.append(Evidence.of("actor2", marked.span))
    elif id2 is not None and soldiers is not None:
        evidence.append(Evidence.of("actor2", soldiers.span))
    for f in frames:
        for name in ("claim", "suspected"):
            for c in f.cue(name)[:1]:
                evidence.append(Evidence.of("actor1_certainty", c.span))
    sides = _sides((id1, id2), assoc1, assoc2)
    fat, fat_max, fat_ev = _fatalities(frames, sub, sides)
    injured, inj_ev = _injured(frames, sides)
    day, precision, date_item = _date(doc, frames)
    if date_item is not None:
        evidence.append(Evidence.of("event_date", date_item.span))
    place_item = _place(doc, frames)
    location = Location()
    if place_item is not None:
        location = place_item.value
        evidence.append(Evidence.of("location", place_item.span))
    cited = _own_channels(sources)
    reported = list(dict.fromkeys(str(getattr(s.source, "name", s.value)) for s in cited))
    spans = dict.fromkeys(s.span for s in cited)
    evidence += [Evidence.of("reported_by", span) for span in spans]
    if claimed_by:
        claim_cue = _first([_first(list(f.cue("claim"))) for f in frames]) or next(
            (s for s in sources if getattr(s.source, "actor_id", None) == claimed_by), None
        )
        if claim_cue:
            evidence.append(Evidence.of("claimed_by", claim_cue.span))
    bg_item = is_background(doc, frames[0])
    if bg_item is not None:
        if not _recalled_whole(frames, place_item, (id1, id2)):
            return None
        evidence.append(Evidence.of("background", bg_item.span))
    confidence = 0.35 + 0.1 * sum(
        bool(x) for x in (type_item, id1, id2, place_item, day, fat is not None)
    )
    if bg_item is not None:
        confidence *= 0.8
    return Event(
        event_id=event_id(doc, ordinal),
        article_id=doc.article.id,
        event_date=day,
        date_precision=precision,  # type: ignore[arg-type]
        event_type=event_types()[sub],
        sub_event_type=sub,
        actor1=id1,
        actor1_certainty=certainty,  # type: ignore[arg-type]
        actor2=id2,
        assoc_actor1=assoc1,
        assoc_actor2=assoc2,
        location=location,
        fatalities=fat,
        fatalities_max=fat_max,
        injured=injured,
        claimed_by=claimed_by,
        reported_by=reported,
        background=bg_item is not None,
        evidence=evidence + fat_ev + inj_ev,
        confidence=round(min(confidence, 0.95), 2),
    )


__all__ = ["assemble", "event_date"]
