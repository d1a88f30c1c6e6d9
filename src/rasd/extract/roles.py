"""Who acted and who was acted upon, from the Arabic constructions of one sentence.

Each actor mention gets an agent score and a victim score from the words around it:
``على يد X``، ``تبنى X``، ``هجوم لـ X``، the subject right after ``هاجم``/``استهدف`` (VSO) make X
the actor; ``صفوف X``، ``20 عنصرًا من X``، ``نقاط X``، ``استهداف X``، the mourner of ``نعى X``
make X the target. Actors joined by و share a role (``قوات النظام ومليشيا الدفاع الوطني``).
The word lists are in ``knowledge/data/events/cues.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rasd.extract.document import Doc, Item
from rasd.extract.frames import CIVILIANS, UNIDENTIFIED
from rasd.extract.merge import same_side
from rasd.knowledge.actors import actor_resolver
from rasd.knowledge.events import event_lexicons

AIR_POWERS = frozenset(
    {
        "russia-military",
        "us-coalition",
        "turkey-military",
        "israel-military",
        "syria-military-2000-2024",
        "syria-military-2024-",
    }
)
DEAD_HEADS = frozenset({"قتلى", "قتيل", "جرحى", "ضحايا", "أسرى", "جثث", "مصابين", "جثامين"})
# What may stand between a word of taking part and the side that took part.
_PARTICIPANTS = ("quantity", "cue:people", "cue:partitive", "cue:armed_men")
INSURGENTS = frozenset({"islamic-state", UNIDENTIFIED, "other-jihadist-groups"})


@dataclass(slots=True)
class Roles:
    actor1: Item | None = None
    actor2: Item | None = None
    assoc1: list[Item] = field(default_factory=list)
    assoc2: list[Item] = field(default_factory=list)
    unordered: bool = False  # sides of a clash in the order named, nobody said who started


def _has_cue_before(doc: Doc, kind: str, it: Item, n: int, prefix: str = "cue:") -> bool:
    return any(
        it.first - n <= c.last < it.first for c in doc.in_sentence(f"{prefix}{kind}", it.sentence)
    )


def _own_cue_before(doc: Doc, kind: str, it: Item, n: int) -> bool:
    """:func:`_has_cue_before`, leaving out a cue word that belongs to another actor's phrase:
    in ``بين عناصر الميليشيا ومسلحين من التنظيم`` the ``عناصر`` of the militia does not make
    the Islamic State a target."""
    others = [a for a in doc.in_sentence("actor", it.sentence) if a.last < it.first]
    return any(
        it.first - n <= c.last < it.first
        and not any(a.first <= c.first and c.last <= a.last for a in others)
        for c in doc.in_sentence(f"cue:{kind}", it.sentence)
    )


def _has_cue_after(doc: Doc, kind: str, it: Item, n: int) -> bool:
    return any(
        it.last < c.first <= it.last + n for c in doc.in_sentence(f"cue:{kind}", it.sentence)
    )


def _quantity_before(doc: Doc, it: Item) -> bool:
    return any(it.first - 3 <= q.last < it.first for q in doc.in_sentence("quantity", it.sentence))


def _prefix(doc: Doc, it: Item) -> str:
    """The clitics before the actor name inside its first token (``لميليشيا`` → ``ل``,
    ``لـ"قسد"`` → ``ل``): letters only, the tatweel and quotes dropped."""
    tok = doc.tokens[it.first]
    orig_start = doc.norm.offsets[tok.start]
    return "".join(c for c in doc.norm.original[orig_start : it.span.start] if c.isalpha())


def _victim_by_quantity(doc: Doc, it: Item) -> bool:
    """``20 عنصرًا من X``، ``العشرات من X``: a count of people right before من X."""
    words = doc.words(it.first - 1, it.first - 1)
    prefix = _prefix(doc, it)
    if not (words and words[0] == "من") and not prefix.startswith(("من", "ل", "لل")):
        return False  # "20 عنصرًا من X"، "أسر اثنين للنظام"
    for q in doc.in_sentence("quantity", it.sentence):
        if it.first - 5 <= q.last < it.first:
            return True
    if _has_cue_before(doc, "agent_before", it, 2):
        return False  # "كمين نصبه مقاتلون من X": fighters named with no count are the attackers
    return any(
        it.first - 4 <= p.last < it.first for p in doc.in_sentence("cue:people", it.sentence)
    )


def _object_of_trigger(doc: Doc, it: Item) -> bool:
    """The actor follows, within four words, a noun whose object is the victim (an arrest,
    an abduction: triggers.yaml ``object_after``). After a verb it is the subject
    (``اختطف مسلحون``)."""
    kinds = event_lexicons().object_after
    verbs = {c.first for c in doc.in_sentence("cue:agent_verbs", it.sentence)}
    return any(
        0 < it.first - t.last <= 4
        and t.first not in verbs
        and any(trig.sub_event_type in kinds for trig in t.value)
        for t in doc.in_sentence("trigger", it.sentence)
    )


def _suspected_agent(doc: Doc, it: Item) -> bool:
    """``مسلحون يعتقد أنهم من X``: a word of suspicion right after the doers (an agent head,
    armed men or an actor) and right before X."""
    s = it.sentence
    return any(
        it.first - 2 <= c.last < it.first
        and any(
            c.first - 2 <= a.last < c.first
            for kind in ("cue:agent_before", "cue:armed_men", "actor")
            for a in doc.in_sentence(kind, s)
        )
        for c in doc.in_sentence("cue:suspected", s)
    )


def _subject_first(doc: Doc, it: Item) -> bool:
    """An actor stands right before the verb that precedes ``it`` (subject-verb-object)."""
    verbs = [
        c
        for c in doc.in_sentence("cue:agent_verbs", it.sentence)
        if it.first - 2 <= c.last < it.first
    ]
    return bool(verbs) and any(
        verbs[0].first - 2 <= a.last < verbs[0].first for a in doc.in_sentence("actor", it.sentence)
    )


def _took_part(doc: Doc, it: Item) -> bool:
    """``شارك نحو 50 مسلحًا من X في الهجوم``: X is counted as the attack's participants (only
    the count, the people and ``من`` between the verb and X)."""
    cues = doc.in_sentence("cue:take_part", it.sentence)
    return any(
        0 < it.first - c.last <= 8 and doc.covered(c.last + 1, it.first - 1, _PARTICIPANTS)
        for c in cues
    )


def _headed_by(doc: Doc, it: Item, kind: str) -> bool:
    """The actor phrase opens with a head of cue list ``kind`` (``مواقع`` of ``مواقع X``)."""
    return any(c.first == it.first for c in doc.in_sentence(f"cue:{kind}", it.sentence))


def armed_with(doc: Doc, it: Item) -> bool:
    """The force is named by its weapons (``طائرات روسية``، ``مدفعية النظام``)."""
    return _headed_by(doc, it, "striking_heads")


def _laid_it(doc: Doc, it: Item) -> bool:
    """``لغم من مخلفات X``: X laid the mine or left the munition."""
    return _has_cue_before(doc, "leftover_of", it, 1)


def _exists(doc: Doc, it: Item) -> bool:
    """The force still exists on the article's day (``قوات النظام البائد`` in 2025 does not)."""
    known = actor_resolver().actors.get(str(it.value))
    return known is None or doc.ref_date is None or known.valid_on(doc.ref_date)


def _means_from(doc: Doc, it: Item) -> bool:
    """X named with ``من`` just after the means of an attack (``قصف مدفعي عنيف من X``), or
    with the possessive ``لـ`` right after them (``قصف مدفعي لقوات النظام``، but not ``قصف
    مدفعي لمواقع X``): X used them."""
    of = it.first - 1
    possessive = doc.words(of, of) != ["من"]
    lo, hi = (of, it.first) if possessive else (of - 3, of)
    if not any(
        lo <= t.last < hi and any(trig.strength == "means" for trig in t.value)
        for t in doc.in_sentence("trigger", it.sentence)
    ):
        return False
    return not possessive or (
        _prefix(doc, it).startswith("ل")
        and not (_headed_by(doc, it, "property_heads") or _headed_by(doc, it, "victim_heads"))
    )


def _scores(
    doc: Doc, it: Item, sub_event_type: str | None, paired: bool = False
) -> tuple[float, float]:
    """Agent and victim scores of one actor mention. ``paired``: the actor is one of the two
    sides of ``بين X و Y``, where a head noun (خلايا، مجموعة من) does not tell who started."""
    agent = victim = 0.0
    actor = str(it.value)
    property_head = _headed_by(doc, it, "property_heads")
    victim_head = _headed_by(doc, it, "victim_heads")
    if (_has_cue_before(doc, "agent_before", it, 2) or armed_with(doc, it)) and not paired:
        agent += 2
    if property_head:
        # "بقصف مواقع X"، "استهدفت دورية لـX": the positions or the patrol are the object
        if _has_cue_before(doc, "agent_means", it, 1) or _has_cue_before(doc, "agent_verbs", it, 2):
            victim += 2
    elif _has_cue_before(doc, "agent_means", it, 1) or (
        _has_cue_before(doc, "agent_means", it, 2)
        and (_prefix(doc, it).endswith("ل") or doc.words(it.first - 1, it.first - 1) == ["من"])
    ):
        # "بنيران X"، "بنيران حاجز لقوات النظام"، "برصاص قناص من X" (but "بقصف مواقع X")
        agent += 3
    if _laid_it(doc, it):
        agent += 6  # "بانفجار لغم من مخلفات داعش"
    means_from = _means_from(doc, it)
    if means_from:
        agent += 3  # "لقصف مدفعي وصاروخي من قوات النظام"، "جراء قصف مدفعي لقوات النظام"
    if _has_cue_before(doc, "claim", it, 1) or _has_cue_after(doc, "claim", it, 2):
        agent += 3  # "تبنى X" (but "تبنى قتل X": X is the victim)
    if _has_cue_after(doc, "agent_verbs", it, 1):
        agent += 2  # subject first: "داعش يشتبك مع ..."
    suspected = _suspected_agent(doc, it) or _took_part(doc, it)
    if suspected or _has_cue_after(doc, "blamed", it, 1):
        # "زرعها مسلحون يعتقد أنهم من داعش"، "اتهم ناشطون X بالوقوف وراء الحادثة": the side the
        # doers are thought to be outranks the armed men the text names them by; "شارك 50
        # مسلحًا من التنظيم": the count is of the doers
        agent += 6
    if any(0 < it.first - c.last <= 4 for c in doc.in_sentence("cue:holed_up", it.sentence)):
        victim += 3  # "استهدفت منزلا تتحصن فيه خلية تابعة لداعش": the side raided
    if _has_cue_before(doc, "partner", it, 1):
        victim += 1  # "اشتباكات مع X": the other side
    head = getattr(it.source, "head", None) or ""
    counted_dead = (
        bool(head)
        and victim_head
        and any(_has_cue_before(doc, kind, it, 2, prefix="") for kind in ("killed", "injured"))
    )
    if counted_dead or (head and victim_head and _quantity_before(doc, it)):
        victim += 3  # "مقتل عناصر من النظام"، "أربعة من جنود النظام"
    if head in DEAD_HEADS:
        victim += 3  # "قتلى من قوات النظام"
    if _object_of_trigger(doc, it):
        victim += 3  # "اعتقال قائد بارز في التنظيم": the arrested
    # "مسلحون يعتقد أنهم من X"، "شارك 50 مسلحًا من X"، "قتلى مدنيين جراء قصف مدفعي لـX": that
    # "من" or "لـ" names the doers' side, not victims
    doers = suspected or means_from
    if not doers and _victim_by_quantity(doc, it):
        victim += 3
    elif (
        not doers
        and _own_cue_before(doc, "victim_before", it, 2)
        # "من قبل X" (by X) names the doer; its "من" is no partitive
        and doc.words(it.first - 2, it.first - 1) != ["من", "قبل"]
    ):
        victim += 2
    if _has_cue_before(doc, "mourn", it, 1) and any(
        c.value == ("killed",) or "killed" in c.value
        for c in doc.in_sentence("killed", it.sentence)
        if c.first > it.last
    ):
        victim += 2  # نعى X ... : the mourner lost the men
    # "قُتل عنصر من قوات النظام": written without vowels, the passive looks like "قتل" (killed)
    # (a verb's form inside a means phrase is its noun: "جراء قصف مدفعي لقوات النظام")
    if _has_cue_before(doc, "agent_verbs", it, 2) and not (
        property_head or counted_dead or means_from
    ):
        if _subject_first(doc, it):
            victim += 3  # "داعش يهاجم قوات النظام": the object follows the verb
        else:
            agent += 2  # "هاجمت خلايا داعش ...": the subject follows the verb
    if (
        _has_cue_before(doc, "agent_possessive_triggers", it, 1)
        and _prefix(doc, it).endswith("ل")
        and not victim_head
    ):
        agent += 2  # "كمين لداعش" (but "كمين لعناصر X": an ambush on X's men)
    if head in {"خلايا", "خليه", "مسلحو", "مسلحي", "مقاتلو"} and not paired:
        agent += 1
    if actor == CIVILIANS:
        victim += 3
    if sub_event_type == "Air/drone strike":
        if actor in AIR_POWERS:
            agent += 1.5
        else:
            victim += 0.5
    elif actor in INSURGENTS:
        agent += 0.5
    return agent, victim


def _voice_only(doc: Doc, it: Item) -> bool:
    """The force is named as someone's allegiance, not as a side: ``صفحات موالية للنظام``،
    ``وكالة أعماق التابعة للتنظيم`` (a medium's), ``ميليشيا لواء القدس الموالية للنظام``
    (another force's patron). A force after ``موالية`` with no named group before it
    (``ميليشيات موالية لإيران``) stays."""
    cues = [
        c
        for c in doc.in_sentence("cue:affiliation", it.sentence)
        if it.first - 1 <= c.last < it.first
    ]
    return any(
        c.first - 2 <= m.last < c.first
        for c in cues
        for kind in ("cue:media_nouns", "actor", "source")
        for m in doc.in_sentence(kind, it.sentence)
        if m is not it
    )


def _joined(doc: Doc, a: Item, b: Item) -> bool:
    """``X و Y``: b follows a with only و (or a head noun) between them (but ``بين X و Y``
    names two sides)."""
    if b.first - a.last > 2 or b.sentence != a.sentence:
        return False
    if _between(doc, a):
        return False
    return _prefix(doc, b).startswith("و") or doc.words(a.last + 1, a.last + 1) == ["و"]


def _supporting(doc: Doc, it: Item) -> bool:
    """``نفذت قسد، بمساندة مروحيات التحالف، عملية``: the actor is named (after the weapons it
    lends, at most) right after a word of support, on the side of the force before it."""
    return any(
        it.first - 3 <= c.last < it.first for c in doc.in_sentence("cue:support", it.sentence)
    )


def _between(doc: Doc, it: Item) -> bool:
    """``اشتباكات بين X و Y``: the two sides named as such, neither the starter."""
    return doc.words(it.first - 1, it.first - 1) == ["بين"] or doc.tokens[it.first].text.startswith(
        "بين"
    )


def assign_roles(
    doc: Doc, actors: list[Item], sub_event_type: str | None, mutual: bool = False
) -> Roles:
    """Pick actor1, actor2 and their associates among a sentence's actor mentions.

    ``mutual``: the event word names fighting between sides (اشتباكات، معارك، مواجهات). When no
    word says who started it, the first-named side is actor1 (EVENTS.md, Sides), even when it
    is the side that lost men."""
    one_sided = sub_event_type in event_lexicons().one_sided
    actors = [
        it
        for it in actors
        if not _voice_only(doc, it)
        and not (one_sided and _has_cue_before(doc, "hunted", it, 2))
        and not (_laid_it(doc, it) and not _exists(doc, it))
    ]
    # "نفذت قسد، بمساندة مروحيات التحالف، عملية ..."، "أطلقت قسد معركة ... بدعم الولايات
    # المتحدة": a force named as support is an associate of the side that acted
    helping = [i > 0 and _supporting(doc, it) for i, it in enumerate(actors)]
    if any(helping):
        sides = [it for it, helps in zip(actors, helping, strict=True) if not helps]
        roles = _assign(doc, sides, sub_event_type, mutual)
        if roles.actor1 is not None:
            named = {str(x.value) for x in (roles.actor1, roles.actor2) if x is not None}
            named |= {str(x.value) for x in roles.assoc1 + roles.assoc2}
            for it, helps in zip(actors, helping, strict=True):
                if helps and str(it.value) not in named:
                    named.add(str(it.value))
                    roles.assoc1.append(it)
            return roles
    return _assign(doc, actors, sub_event_type, mutual)


def _assign(doc: Doc, actors: list[Item], sub_event_type: str | None, mutual: bool) -> Roles:
    """:func:`assign_roles` over the actor mentions that are sides."""
    roles = Roles()
    # one mention per actor id, first occurrence; joined groups share the role of their head
    groups: list[list[Item]] = []
    seen: set[str] = set()
    for it in actors:
        if str(it.value) in seen:
            continue
        seen.add(str(it.value))
        if groups and _joined(doc, groups[-1][-1], it):
            groups[-1].append(it)
        else:
            groups.append([it])
    if not groups:
        return roles
    scored = []
    initiated = False
    # "اشتباكات بين X وخلايا Y": a side named in a pair is not the starter for its head noun
    paired = mutual and len(groups) > 1 and _between(doc, groups[0][0])
    for order, group in enumerate(groups):
        agent, victim = _scores(doc, group[0], sub_event_type, paired)
        scored.append((agent - victim, order, group))
        initiated = initiated or agent - victim > 0.5
    if mutual and len(groups) > 1 and not initiated:
        roles.actor1, roles.assoc1 = groups[0][0], groups[0][1:]
        roles.actor2, roles.assoc2 = groups[1][0], groups[1][1:]
        roles.unordered = True
        return roles
    attackers = sorted(scored, key=lambda s: (-s[0], s[1]))
    first = attackers[0]
    if first[0] > 0 or (first[0] == 0 and len(groups) > 1):
        roles.actor1, roles.assoc1 = first[2][0], first[2][1:]
        rest = [s for s in scored if s[1] != first[1]]  # by order: tuples have no identity
    else:
        rest = scored
    if rest:
        targets = sorted(rest, key=lambda s: (s[0], s[1]))
        target = targets[0]
        armed = [t for t in targets[1:] if t[0] < 0 and str(t[2][0].value) != CIVILIANS]
        if str(target[2][0].value) == CIVILIANS and armed:
            # a force hit with civilians among the casualties: the force is the target, the
            # civilians its associates (ACLED)
            target, civilians = armed[0], target
            roles.actor2, roles.assoc2 = target[2][0], [*target[2][1:], *civilians[2]]
        else:
            roles.actor2, roles.assoc2 = target[2][0], target[2][1:]
            # "مقتل جنديين من قوات النظام وإصابة عنصرين من الدفاع الوطني": both hit, one side
            hit = str(target[2][0].value)
            roles.assoc2 += [
                t[2][0]
                for t in targets[1:]
                if t[0] < 0 and same_side(hit, str(t[2][0].value)) and str(t[2][0].value) != hit
            ]
    return roles
