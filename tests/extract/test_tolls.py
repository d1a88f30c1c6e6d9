"""Casualty figures (``rasd.extract.tolls``): how the counts of a sentence are read and how the
reports of an event add up. The sentences are the team's own."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from rasd.extract.document import Item
from rasd.extract.frames import Frame, Toll
from rasd.extract.merge import same_side
from rasd.extract.pipeline import analyse, trace
from rasd.extract.tolls import ARMED, ATTACKERS, BOMBER, Sides, figure, told_here, toll_rules
from rasd.records import Article, Span

PUBLISHED = dt.date(2023, 6, 6)


def _item(n: int) -> Item:
    return Item("quantity", n, n, 0, Span(n, n + 1, str(n)), None)


def _toll(value: int, n: int, **kw: object) -> Toll:
    return Toll(value, _item(n), False, **kw)  # type: ignore[arg-type]


STATE = {"syria-military-2000-2024", "sdf"}
SIDES = Sides(
    "islamic-state",
    "syria-military-2000-2024",
    frozenset(),
    frozenset({"ndf"}),
    same_side,
    lambda a: a in STATE,
)


def frames_of(text: str) -> list[tuple[list[int], list[int | None], list[int | None]]]:
    """Per event of ``text``: its sentences, killed and injured figures read from the text."""
    out = []
    for frames, _ in trace(Article("t", text, published=PUBLISHED)).groups:
        out.append(
            (
                [s for f in frames for s in f.sentences],
                [t.value for f in frames for t in f.killed],
                [t.value for f in frames for t in f.injured],
            )
        )
    return out


def fatalities(text: str) -> list[tuple[int | None, int | None]]:
    events = trace(Article("t", text, published=PUBLISHED)).events
    return [(e.fatalities, e.injured) for e in events if not e.background]


# --------------------------------------------------------------------------- combining


def test_rules_load() -> None:
    rules = toll_rules()
    assert rules.vague_several == 10
    assert "Abduction/forced disappearance" in rules.no_deaths_unless_said


def test_one_side_in_two_reports_gives_lowest_and_highest() -> None:
    fig = figure([[_toll(15, 1)], [_toll(11, 2)]], SIDES)
    assert fig is not None and (fig.low, fig.high) == (11, 15)


def test_two_sides_add_up_across_reports() -> None:
    fig = figure(
        [[_toll(12, 1, actor="syria-military-2000-2024")], [_toll(4, 2, party=ATTACKERS)]],
        SIDES,
    )
    assert fig is not None and (fig.low, fig.high) == (16, 16)


def test_allies_of_the_victims_are_one_side() -> None:
    fig = figure(
        [[_toll(5, 1, actor="syria-military-2000-2024")], [_toll(5, 2, actor="ndf")]], SIDES
    )
    assert fig is not None and (fig.low, fig.high) == (5, 5)


def test_joined_counts_add_up_within_a_report() -> None:
    fig = figure([[_toll(1, 1), _toll(2, 2, joined=True)]], SIDES)
    assert fig is not None and fig.low == 3


def test_a_headline_total_is_not_a_second_figure_of_the_victims() -> None:
    body = [_toll(6, 2, actor="syria-military-2000-2024"), _toll(3, 3, actor="islamic-state")]
    fig = figure([[_toll(9, 1)], body], SIDES)
    assert fig is not None and (fig.low, fig.high) == (9, 9)


def test_vague_figures_are_no_figure() -> None:
    assert figure([[Toll(10, _item(1), True)]], SIDES) is None


def test_armed_men_struck_by_a_state_force_are_the_victims() -> None:
    state_strikes = Sides(
        "sdf", "islamic-state", frozenset(), frozenset(), same_side, STATE.__contains__
    )
    assert state_strikes.key(_toll(5, 1, party=ARMED)) == "V"
    assert SIDES.key(_toll(5, 1, party=ARMED)) == "A"
    assert SIDES.key(_toll(1, 1, party=BOMBER)) == "A"
    assert SIDES.key(_toll(1, 1, actor="civilians")) == "civilians"


@given(st.lists(st.integers(1, 500), min_size=1, max_size=6))
def test_reports_of_one_side_stay_between_their_extremes(values: list[int]) -> None:
    fig = figure([[_toll(v, i)] for i, v in enumerate(values)], SIDES)
    assert fig is not None
    assert (fig.low, fig.high) == (min(values), max(values))


def test_listed_village_takes_only_its_own_outcome() -> None:
    doc = analyse(
        Article(
            "t",
            "قصفت قوات النظام بالمدفعية بلدات كنصفرة والبارة وفليفل في جبل الزاوية، "
            "ما أدى إلى إصابة امرأتين في البارة.",
            published=PUBLISHED,
        )
    )
    from rasd.extract.reading import read_frames

    listed = [f for f in read_frames(doc) if f.listed is not None]
    assert len(listed) == 3
    kept = [f.place.value.name_ar for f in listed if told_here(f) and f.place is not None]
    assert kept == ["البارة"]
    assert told_here(Frame([0]))


# --------------------------------------------------------------------------- reading


def test_subset_after_bainahum_is_not_a_toll() -> None:
    (event,) = frames_of("قُتل ستة مدنيين بينهم طفلان، اليوم، بقصف مدفعي على بلدة البارة.")
    assert event[1] == [6]


def test_captives_are_not_dead() -> None:
    (event,) = frames_of("قُتل عنصران من قوات النظام وأسر ثلاثة آخرون بهجوم قرب القريتين.")
    assert event[1] == [2]


def test_conjoined_wounded_word_does_not_take_the_dead() -> None:
    assert fatalities(
        "أسفر هجوم لداعش على حاجز لقسد في الشحيل، اليوم، "
        "عن مقتل العناصر الثلاثة وإصابة اثنين آخرين."
    ) == [(3, 2)]


def test_number_joined_by_wa_takes_the_word_after_it() -> None:
    assert fatalities("أسفر هجوم لداعش على حاجز لقسد في الشحيل، اليوم، عن 3 قتلى و5 جرحى.") == [
        (3, 5)
    ]


def test_a_rise_of_something_else_is_no_toll() -> None:
    events = frames_of(
        "ارتفع عدد سكان مخيم الهول إلى 40 ألفاً، وقُتل لاجئ برصاص مجهولين داخل المخيم اليوم."
    )
    assert all(40000 not in killed for _, killed, _ in events)


def test_the_same_place_is_not_a_bomber() -> None:
    assert fatalities(
        "فجّر مجهولون عبوة ناسفة، صباح اليوم، بسيارة عسكرية على الطريق نفسه قرب القريتين، "
        "ما أدى إلى مقتل عنصرين من قوات النظام."
    ) == [(2, None)]


def test_vague_count_in_a_habitual_sentence_is_no_toll() -> None:
    events = frames_of(
        "وتشن خلايا التنظيم هجمات متفرقة في البادية موقعة عشرات القتلى في صفوف قوات النظام."
    )
    assert all(10 not in killed for _, killed, _ in events)


def test_with_no_victim_side_known_a_named_side_is_the_victims() -> None:
    no_victim = Sides(
        "islamic-state", None, frozenset(), frozenset(), same_side, STATE.__contains__
    )
    fig = figure([[_toll(5, 1, actor="sdf")], [_toll(5, 2)]], no_victim)
    assert fig is not None and (fig.low, fig.high) == (5, 5)
