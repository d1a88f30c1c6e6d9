"""Extraction rules, one construction per test, on the team's own sentences."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.extract.pipeline import _inside_any, analyse, extract, trace
from rasd.records import Article, Event

PUBLISHED = dt.date(2024, 5, 12)  # a Sunday


def run(text: str, published: dt.date | None = PUBLISHED) -> list[Event]:
    return extract(Article("t", text, published=published))


def news(text: str) -> list[Event]:
    return [e for e in run(text) if not e.background]


def test_ambush_with_claim_and_mourning_notice_is_one_event() -> None:
    text = (
        "تنظيم الدولة يتبنى كمينا لعناصر لواء القدس في بادية السخنة.\n"
        "وقالت وكالة أعماق إن مقاتلي التنظيم نصبوا كمينا يوم الجمعة 10 أيار لحافلة تقل عناصر "
        "لواء القدس قرب مدينة السخنة، ما أدى إلى مقتل 12 عنصرا.\n"
        "من جهته نعى لواء القدس 15 عنصرا من مقاتليه قتلوا بصاروخ موجه استهدف حافلتهم في ريف حمص."
    )
    events = news(text)
    assert len(events) == 1
    event = events[0]
    assert event.sub_event_type == "Armed clash"  # the claim's ambush, not the notice's missile
    assert (event.actor1, event.actor2) == ("islamic-state", "liwa-al-quds")
    assert (event.fatalities, event.fatalities_max) == (12, 15)
    assert event.event_date == dt.date(2024, 5, 10)
    assert event.claimed_by == "islamic-state"
    assert "Amaq" in event.reported_by


def test_tally_sentence_tells_no_event() -> None:
    text = (
        "بلغت حصيلة القتلى في صفوف قوات النظام منذ مطلع العام الجاري 320 قتيلا في هجمات "
        "وكمائن التنظيم في البادية السورية."
    )
    assert run(text) == []


def test_tally_after_the_news_does_not_lend_its_figure() -> None:
    text = (
        "قتل ثلاثة عناصر من قوات النظام اليوم الأحد بانفجار لغم أرضي قرب بلدة معدان بريف الرقة.\n"
        "وبذلك بلغت حصيلة القتلى منذ مطلع العام 210 عناصر."
    )
    events = news(text)
    assert len(events) == 1
    assert events[0].fatalities == 3
    assert events[0].fatalities_max is None
    assert events[0].sub_event_type == "Remote explosive/landmine/IED"


def test_weapons_named_alone_tell_no_event() -> None:
    text = "وأظهر التسجيل المصور سيارات دفع رباعي وأسلحة رشاشة وراجمة صواريخ."
    assert run(text) == []


def test_related_news_headline_is_not_news() -> None:
    text = (
        "قتل عنصران من الدفاع الوطني اليوم الأحد بهجوم لخلايا التنظيم قرب مدينة الميادين.\n"
        "أخبار ذات صلة\n"
        "كمين للتنظيم يقتل 9 جنود في بادية تدمر"
    )
    events = news(text)
    assert len(events) == 1
    assert events[0].fatalities == 2


def test_second_part_of_a_long_sentence_recalling_a_similar_attack_is_apart() -> None:
    text = (
        "هاجمت خلايا تنظيم داعش اليوم الأحد نقاط الدفاع الوطني في محيط مدينة الميادين، حيث جاء "
        "ذلك بعد يومين من هجوم مماثل في بادية الرقة أوقع 5 قتلى."
    )
    events = news(text)
    assert len(events) == 1
    assert events[0].location.name_ar is not None
    assert "الميادين" in events[0].location.name_ar
    assert events[0].fatalities is None


def test_captives_taken_with_others_stay_in_the_same_attack() -> None:
    text = (
        "ستة قتلى وأسيران للنظام في كمين لقسد شرق دير الزور\n"
        "نصبت قوات سوريا الديمقراطية قبيل فجر اليوم الأحد كمينا لدورية من قوات النظام السوري "
        "قرب بلدة الشحيل بريف دير الزور، فقتلت 6 من عناصرها وأسرت اثنين آخرين."
    )
    events = news(text)
    assert len(events) == 1
    assert (events[0].actor1, events[0].actor2) == ("sdf", "syria-military-2000-2024")
    assert events[0].fatalities == 6


def test_subject_before_verb_is_the_attacker() -> None:
    events = news("داعش يشتبك مع الميليشيات الإيرانية اليوم الأحد في محيط مدينة تدمر")
    assert len(events) == 1
    assert (events[0].actor1, events[0].actor2) == ("islamic-state", "iran-backed-militias")


def test_two_attacks_at_two_places_stay_two() -> None:
    text = (
        "قتل جنديان من قوات النظام اليوم الأحد بانفجار عبوة ناسفة قرب مدينة تدمر.\n"
        "كما قتل ثلاثة عناصر من الدفاع الوطني بانفجار عبوة ناسفة أخرى قرب مدينة الميادين."
    )
    events = news(text)
    assert len(events) == 2
    assert {e.location.admin1 for e in events} == {"Homs", "Deir ez-Zor"}


def test_listed_desert_areas_are_one_event_each() -> None:
    text = (
        "قصفت طائرات التحالف الدولي اليوم الأحد بغارات جوية مخابئ تابعة لداعش في بادية "
        "معدان بريف الرقة وبادية السخنة بريف حمص."
    )
    events = news(text)
    assert len(events) == 2
    assert {e.location.admin1 for e in events} == {"Raqqa", "Homs"}
    assert all(e.sub_event_type == "Air/drone strike" for e in events)


def test_river_name_is_not_a_village() -> None:
    text = (
        "هاجم عناصر التنظيم اليوم الأحد نقطة للحرس الثوري على شاطئ نهر الفرات في مدينة العشارة "
        "بريف دير الزور الشرقي."
    )
    events = news(text)
    assert len(events) == 1
    assert events[0].location.name_ar is not None
    assert "العشارة" in events[0].location.name_ar


def test_campaign_is_not_merged_into_the_attack_it_follows() -> None:
    text = (
        "أعلن تنظيم داعش مقتل 7 عناصر من قوات النظام اليوم الأحد خلال هجوم على رتل عسكري غرب "
        "مدينة السخنة، بعد إطلاق قوات النظام حملة لتمشيط البادية."
    )
    events = news(text)
    assert [e.event_type for e in events] == ["Battles"]
    assert events[0].fatalities == 7


def test_trace_keeps_the_frames_behind_each_event() -> None:
    text = "قتل جنديان من قوات النظام اليوم الأحد بانفجار عبوة ناسفة قرب مدينة تدمر."
    result = trace(Article("t", text, published=PUBLISHED))
    assert len(result.events) == 1
    frames, event = result.groups[0]
    assert event is result.events[0]
    assert frames[0].sentences == [0]


ARABIC = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةى ،.0123456789\n")),
    max_size=300,
)


@settings(max_examples=60, deadline=None)
@given(
    ARABIC,
    st.sampled_from(
        [
            "قتل 4 عناصر من قوات النظام أمس السبت بانفجار لغم قرب تدمر.",
            "تبنى تنظيم داعش كمينا قرب مدينة السخنة أدى إلى مقتل عنصرين من لواء القدس.",
        ]
    ),
)
def test_every_evidence_span_is_an_exact_slice_of_the_input(noise: str, sentence: str) -> None:
    text = noise + "\n" + sentence + noise
    for event in run(text):
        for ev in event.evidence:
            assert 0 <= ev.start < ev.end <= len(text)
            assert text[ev.start : ev.end] == ev.text


def test_tolls_of_both_sides_add_up() -> None:
    text = (
        "هاجمت خلايا داعش اليوم الأحد مواقع قوات النظام قرب بلدة الرصافة، ما أسفر عن مقتل 10 "
        "عناصر من قوات النظام، ونحو سبعة من عناصر التنظيم."
    )
    events = news(text)
    assert len(events) == 1
    assert events[0].fatalities == 17


def test_clash_nobody_started_keeps_the_first_named_side_first() -> None:
    text = (
        "قتل خمسة عناصر من لواء القدس اليوم الأحد باشتباكات مع تنظيم الدولة الإسلامية قرب "
        "مدينة السخنة."
    )
    events = news(text)
    assert len(events) == 1
    assert (events[0].actor1, events[0].actor2) == ("liwa-al-quds", "islamic-state")
    assert events[0].fatalities == 5


def test_subject_after_a_verb_with_an_object_pronoun_is_the_attacker() -> None:
    text = (
        "كانت سيارة لقوات قسد تسير قرب مدينة القامشلي اليوم الأحد قبل أن تستهدفها طائرة مسيرة "
        "تركية بصاروخ."
    )
    events = news(text)
    assert len(events) == 1
    assert events[0].actor1 == "turkey-military"
    assert events[0].actor2 == "sdf"


@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_inside_any_is_the_plain_scan(ranges: list[tuple[int, int]], a: int, b: int) -> None:
    """The place filter's bisection answers as a scan of every range would."""
    assert _inside_any(ranges)(a, b) == any(s <= a and b <= e for s, e in ranges)


def test_the_articles_outlet_reads_the_names_of_forces() -> None:
    text = "قُتل عنصر من قوى الأمن الداخلي بهجوم لمسلحين مجهولين على حاجز في بلدة الشدادي."
    day = dt.date(2025, 4, 14)

    def victims(outlet: str | None, url: str | None = None) -> list[str | None]:
        return [e.actor2 for e in extract(Article("t", text, url, outlet, day))]

    assert victims("ANHA") == ["sdf"]
    assert victims(None, "https://npasyria.com/1/") == ["sdf"]
    assert victims("SANA") == ["syria-police-2024-"]
    assert victims(None) == ["syria-police-2024-"]
    doc = analyse(Article("t", text, "https://hawarnews.com/ar/1", None, day))
    assert doc.outlet is not None and (doc.outlet.name, doc.outlet.camp) == ("Hawar", "sdf-aligned")
    assert analyse(Article("t", text, None, "Unknown Daily", day)).outlet is None
