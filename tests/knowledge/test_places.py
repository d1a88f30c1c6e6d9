"""The place resolver on sentences written in the style of Syrian desert news."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.knowledge.gazetteer import km, load_gazetteer
from rasd.knowledge.lexicon import entry_key
from rasd.knowledge.places import TOWN_RANK, PlaceMention, place_resolver, rank_candidates
from rasd.text.normalize import normalize
from rasd.text.tokens import tokenize


def find(text: str) -> list[PlaceMention]:
    norm = normalize(text)
    return place_resolver().find(norm, tokenize(norm))


def mention_of(text: str, name: str) -> PlaceMention:
    """The first mention whose anchor holds ``name`` (compared after normalisation)."""
    norm = normalize(text)
    key = normalize(name).text
    for m in place_resolver().find(norm, tokenize(norm)):
        if key in norm.text[m.anchor_start : m.anchor_end]:
            return m
    raise AssertionError(f"{name} not found in {text}")


# name, context sentence, admin1, (lat, lon) of the real place and where that point is from
ACCEPTANCE = [
    (
        "السخنة",
        "قتل جنديان بهجوم لخلايا التنظيم على حاجز عند مدخل مدينة السخنة شرقي حمص.",
        "Homs",
        (34.883, 38.870),
    ),  # OCHA C2893
    (
        "تدمر",
        "استهدفت الطائرات الروسية مواقع للتنظيم في البادية شمال شرقي تدمر.",
        "Homs",
        (34.566, 38.288),
    ),  # OCHA C2889
    (
        "الميادين",
        "اغتال مسلحون مجهولون عنصرا من الدفاع الوطني في مدينة الميادين.",
        "Deir ez-Zor",
        (35.025, 40.428),
    ),  # OCHA C5192
    (
        "البوكمال",
        "وصلت تعزيزات للميليشيات الإيرانية إلى البوكمال قادمة من الحدود العراقية.",
        "Deir ez-Zor",
        (34.455, 40.912),
    ),  # OCHA C5167
    (
        "العشارة",
        "اندلع اشتباك مسلح في بلدة العشارة بريف دير الزور الشرقي.",
        "Deir ez-Zor",
        (34.917, 40.561),
    ),  # OCHA C5210
    (
        "مسكنة",
        "هاجمت خلية للتنظيم رتلا عسكريا في بادية مسكنة بريف حلب الشرقي.",
        "Aleppo",
        (35.966, 38.042),
    ),  # WOF Maskanah / OCHA C1933
    (
        "الكوم",
        "قتل ثلاثة رعاة بانفجار لغم قرب قرية الكوم شمالي السخنة.",
        "Homs",
        (35.193, 38.856),
    ),  # OCHA C2894
    (
        "الطيبة",
        "شنت خلايا التنظيم هجوما على نقطة عسكرية في الطيبة قرب الكوم والسخنة.",
        "Homs",
        (35.089, 38.915),
    ),  # OCHA C2896 Tiba (Sokhneh)
    (
        "جبل البشري",
        "دارت اشتباكات عنيفة في جبل البشري بين قوات النظام وخلايا التنظيم.",
        "Raqqa",
        (35.290, 39.219),
    ),  # Wikipedia infobox point; the OCHA polygon puts it in Raqqa
    (
        "حقل آرك",
        "تعرضت دورية لحراسة حقل آرك النفطي لهجوم شرقي تدمر.",
        "Homs",
        (34.678, 38.593),
    ),  # features_syria.tsv (Wikipedia map module)
    (
        "حقل الشاعر",
        "قتل عنصران من قوات النظام بكمين قرب حقل الشاعر في بادية حمص.",
        "Homs",
        (34.896, 37.944),
    ),  # features_syria.tsv
    (
        "المحطة الثالثة",
        "قصفت طائرات روسية محيط المحطة الثالثة في البادية السورية.",
        "Homs",
        (34.530, 38.746),
    ),  # features_syria.tsv T3 Pumping Station
    (
        "مطار التيفور",
        "استهدفت غارة جوية مطار التيفور العسكري في ريف حمص الشرقي.",
        "Homs",
        (34.523, 37.630),
    ),  # Wikipedia infobox (Tiyas Military Airbase)
    (
        "كباجب",
        "هاجم التنظيم حاجزا لقوات النظام قرب كباجب على طريق دير الزور - تدمر.",
        "Deir ez-Zor",
        (35.09, 39.53),
    ),  # approximate: on the M20 road, south-west of al-Shola
    (
        "الشولا",
        "انسحبت الميليشيات من نقاطها في الشولا جنوب غربي دير الزور.",
        "Deir ez-Zor",
        (35.187, 39.846),
    ),  # OCHA C6529 (الشولة)
    (
        "المسرب",
        "انفجر لغم بسيارة تقل عمال الكمأة في بادية المسرب غرب دير الزور.",
        "Deir ez-Zor",
        (35.504, 39.941),
    ),  # OCHA C5130 Masrab (Tabni)
    (
        "فيضة ابن موينع",
        "تمشط قوات النظام منطقة فيضة ابن موينع في بادية الميادين.",
        "Deir ez-Zor",
        (34.692, 39.986),
    ),  # WOF Faydat Bin Muwayni`
    (
        "الرصافة",
        "أصيب عنصران بانفجار عبوة ناسفة قرب بلدة الرصافة جنوبي الرقة.",
        "Raqqa",
        (35.627, 38.763),
    ),  # OCHA C6824 Al Rasafeh
    (
        "أثريا",
        "قتل جندي بهجوم على حاجز في أثريا على طريق خناصر بريف حماة الشرقي.",
        "Hama",
        (35.365, 37.788),
    ),  # WOF Athriya
    (
        "القريتين",
        "نقل الجرحى إلى مستشفى مدينة القريتين جنوب شرقي حمص.",
        "Homs",
        (34.227, 37.237),
    ),  # OCHA C2663
    (
        "معدان",
        "قصف التحالف مواقع في بادية معدان بريف الرقة الشرقي.",
        "Raqqa",
        (35.755, 39.608),
    ),  # OCHA C5787
    (
        "حندرات",
        "وصلت تعزيزات عسكرية إلى مخيم حندرات شمال حلب ثم إلى حندرات.",
        "Aleppo",
        (36.289, 37.160),
    ),  # OCHA C7444
    (
        "مخيم الهول",
        "فرت عائلات من مخيم الهول شرقي الحسكة.",
        "Hasakah",
        (36.376, 41.146),
    ),  # features_syria.tsv Al-Hawl Refugee Camp (Wikipedia)
]


@pytest.mark.parametrize(
    ("name", "sentence", "admin1", "point"), ACCEPTANCE, ids=[a[0] for a in ACCEPTANCE]
)
def test_acceptance_places(
    name: str, sentence: str, admin1: str, point: tuple[float, float]
) -> None:
    loc = mention_of(sentence, name).location
    assert loc.admin1 == admin1
    assert loc.lat is not None and loc.lon is not None
    assert km(loc.lat, loc.lon, *point) <= 15


def test_offsets_and_name_as_written() -> None:
    text = "قتل خمسة عناصر غرب مدينة «السُّخنة» بريف حمص الشرقي"
    norm = normalize(text)
    m = mention_of(text, "السخنة")
    assert norm.text[m.start : m.end].startswith("غرب مدينه")
    assert m.location.name_ar == "السُّخنة"
    assert norm.span(m.anchor_start, m.anchor_end).text == "السُّخنة"
    assert m.relation == "west" and m.location.geo_precision == 2


def test_relations_and_precision() -> None:
    assert mention_of("سقطت قذيفة على بلدة الكوم.", "الكوم").location.geo_precision == 1
    near = mention_of("انفجر لغم بالقرب من الكوم.", "الكوم")
    assert near.relation == "near" and near.location.geo_precision == 2
    far = mention_of("على بعد 20 كم جنوب شرق تدمر وقع الهجوم.", "تدمر")
    assert far.relation == "southeast"
    text = "هاجم التنظيم رتلا على طريق دير الزور – تدمر."
    road = mention_of(text, "دير الزور")
    norm = normalize(text)
    assert road.relation == "road" and norm.text[road.start : road.end].endswith("تدمر")
    pair = mention_of("اشتباكات بين الميادين والعشارة", "الميادين")
    assert pair.relation == "between" and pair.location.geo_precision == 2


def test_feature_is_precision_two() -> None:
    m = mention_of("هاجم التنظيم حقل الشاعر.", "حقل الشاعر")
    assert m.location.geo_precision == 2 and m.kind == "place"


@pytest.mark.parametrize(
    ("text", "name", "admin1", "kind"),
    [
        ("قتل عنصران في ريف حمص الشرقي", "حمص", "Homs", "region"),
        ("كمين في بادية دير الزور", "دير الزور", "Deir ez-Zor", "region"),
        ("قتل شخص في محافظة الرقة", "محافظة الرقة", "Raqqa", "governorate"),
        ("قصف على ريف دير الزور الغربي", "دير الزور", "Deir ez-Zor", "region"),
    ],
)
def test_governorate_regions(text: str, name: str, admin1: str, kind: str) -> None:
    m = mention_of(text, name)
    assert (m.location.admin1, m.location.geo_precision, m.kind) == (admin1, 3, kind)
    assert m.location.lat is not None


def test_bare_governorate_name_is_the_city() -> None:
    m = mention_of("انفجرت سيارة مفخخة وسط حمص", "حمص")
    assert m.location.geo_precision == 1 and m.place is not None and m.place.type == "city"
    assert mention_of("في مدينة دير الزور", "دير الزور").location.geo_precision == 1


def test_broad_regions() -> None:
    badia = mention_of("تنشط خلايا التنظيم في البادية السورية", "البادية السورية")
    assert (badia.location.admin1, badia.location.geo_precision) == (None, 3)
    assert badia.location.lat is None
    east = mention_of("قصف التحالف مواقع شرق الفرات في دير الزور", "شرق الفرات")
    assert east.kind == "region" and east.location.admin1 == "Deir ez-Zor"


def test_town_countryside_is_an_area_around_the_town() -> None:
    m = mention_of("قتل راع بلغم في بادية السخنة", "السخنة")
    assert m.location.geo_precision == 2 and m.location.admin1 == "Homs"
    r = mention_of("اشتباكات في ريف الميادين الشرقي", "الميادين")
    assert r.kind == "region" and r.location.geo_precision == 2


def test_homonym_follows_the_governorate_named() -> None:
    daraa = mention_of("قتل عنصر في قرية الطيبة بريف درعا الشرقي", "الطيبة")
    assert daraa.location.admin1 == "Daraa"
    desert = mention_of("هجوم للتنظيم في الطيبة والكوم شمال السخنة", "الطيبة")
    assert desert.location.admin1 == "Homs"


def test_common_words_are_not_places_without_a_cue() -> None:
    text = "قال المصدر إن النصر قريب وإن الخير في السلام وإن الجيش تقدم نحو الجبل."
    assert find(text) == []
    assert mention_of("سقطت قذيفة على قرية النصر في ريف حماة", "النصر").location.admin1


def test_accusative_is_not_a_village_in_alef() -> None:
    # كمينا (an ambush) must not be read as a village called كمينة.
    assert find("نصب مقاتلو التنظيم كمينا محكما") == []


def test_typo_after_a_cue() -> None:
    m = mention_of("دوى انفجار في مدينة دمسق صباح اليوم", "دمسق")
    assert m.location.admin1 == "Damascus" and any("typo" in w for w in m.why)
    assert find("قال إن دمسق") == []  # no cue, no typo reading


def test_every_mention_has_context_and_reasons() -> None:
    for m in find("هجوم غرب مدينة السخنة وقرب الكوم في ريف حمص الشرقي"):
        assert m.why and 0 < m.score <= 1
        assert m.start <= m.anchor_start < m.anchor_end <= m.end


def _homonym_cases() -> list[tuple[str, str, str]]:
    """For the ten names with most namesakes: a sentence naming a nearby town for each
    namesake that a nearby town tells apart (a town at most 40 km away, and at least
    twice as far from every other namesake), with the expected gazetteer id."""
    gaz = load_gazetteer()
    counts = Counter(entry_key(p.name_ar) for p in gaz.places if not p.is_governorate)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    towns = [
        p for p in gaz.places
        if p.is_settlement and p.rank >= TOWN_RANK and len(gaz.candidates(p.name_ar)) == 1
    ]  # fmt: skip
    cases = []
    for key, _ in top:
        namesakes = [p for p in gaz.by_key(key) if entry_key(p.name_ar) == key]
        for p in namesakes:
            town = min(towns, key=lambda t: km(t.lat, t.lon, p.lat, p.lon))
            d = km(town.lat, town.lon, p.lat, p.lon)
            others = [km(town.lat, town.lon, o.lat, o.lon) for o in gaz.by_key(key) if o is not p]
            if d > 40 or any(o < 2 * d + 5 for o in others):
                continue
            cue = "حي" if p.type == "neighbourhood" else "قرية"
            gov = gaz.governorates[p.admin1 or ""].name_ar
            text = f"قصفت قوات النظام {cue} {p.name_ar} قرب مدينة {town.name_ar} في ريف {gov}."
            cases.append((text, p.name_ar, p.id))
    return cases


def test_top_homonyms_resolve_to_the_namesake_their_context_names() -> None:
    cases = _homonym_cases()
    assert len(cases) > 50
    wrong = [(t, want, mention_of(t, n).location.gazetteer_id) for t, n, want in cases
             if mention_of(t, n).location.gazetteer_id != want]  # fmt: skip
    assert wrong == []


def test_rank_candidates_near() -> None:
    ranked = rank_candidates("الطيبة", near="السخنة")
    assert ranked[0][0].admin1 == "Homs" and "km from" in ranked[0][1][0]
    assert rank_candidates("لامكانبهذاالاسم") == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet='ابتثجحخدرزسشصضطعغفقكلمنهويةى «»"،.-0123456789\n', max_size=120))
def test_find_never_fails_and_offsets_stay_inside(text: str) -> None:
    norm = normalize(text)
    for m in place_resolver().find(norm, tokenize(norm)):
        assert 0 <= m.start <= m.anchor_start < m.anchor_end <= m.end <= len(norm.text)
        assert m.location.geo_precision in (1, 2, 3)


# ---------------------------------------------------------------- locating phrases


def test_town_desert_is_the_town_not_a_desert_entry() -> None:
    # the gazetteer also has a "Badia of al-Sukhnah" desert entry on the town's point;
    # ACLED codes the nearest named town, near it (precision 2)
    m = mention_of("قتل راعيان بلغم أرضي في بادية السخنة الشمالية", "السخنة")
    assert m.place is not None and m.place.is_settlement and m.place.admin1 == "Homs"
    assert m.location.geo_precision == 2 and m.location.name_ar == "بادية السخنة الشمالية"


def test_province_right_after_the_name_beats_bigger_namesakes() -> None:
    # المليحة is also a big town of Rural Damascus
    m = mention_of("قُتل عنصران في قرية المليحة غربي دير الزور", "المليحة")
    assert m.location.admin1 == "Deir ez-Zor"
    m = mention_of("داهمت دورية منزلا في بلدة المليحة بريف دير الزور الغربي", "المليحة")
    assert m.location.admin1 == "Deir ez-Zor"


def test_a_typo_outside_the_province_named_is_no_place() -> None:
    # one letter from البليل (Hama): read as it only when nothing says otherwise
    assert mention_of("انفجر لغم في قرية البليال", "البليال").location.admin1 == "Hama"
    names = [m.location.name_en for m in find("انفجر لغم في قرية البليال بريف حلب")]
    assert names == ["Aleppo countryside"]


def test_a_typo_is_the_kind_of_place_its_cue_says() -> None:
    # no neighbourhood is one letter from غويران; a village of Raqqa is
    assert find("استهدف مسلحون دورية في حي غويران") == []


def test_ocha_generic_head_is_dropped_for_the_news_name() -> None:
    # OCHA writes قطعة البوليل; the news writes البوليل
    m = mention_of("تسلل مقاتلون إلى بلدة البوليل شرقي دير الزور", "البوليل")
    assert m.location.admin1 == "Deir ez-Zor" and m.location.geo_precision == 1


def test_direction_before_a_bare_governorate_name_is_that_side_of_the_province() -> None:
    m = mention_of("قتل 9 عناصر بهجوم شرق حلب", "حلب")
    assert (m.kind, m.location.geo_precision, m.location.admin1) == ("region", 3, "Aleppo")
    assert m.location.name_en == "eastern Aleppo countryside"
    south = mention_of("كمين جنوب شرق الرقة", "الرقة").location
    assert south.name_en == "southeastern Raqqa countryside"
    # a distance, the word مدينة, or a governorate that is one city: near the city
    assert mention_of("على بعد 10 كم شرق حمص", "حمص").location.geo_precision == 2
    assert mention_of("هجوم شرق مدينة حلب", "حلب").location.geo_precision == 2
    assert mention_of("سقطت قذائف شرق دمشق", "دمشق").location.admin1 == "Damascus"
    # neighbourhoods east of Aleppo are the city's
    assert mention_of("غارات على أحياء شرق حلب", "حلب").location.geo_precision == 2


def test_region_head_before_a_direction_adjective() -> None:
    rural = mention_of("تستمر المعارك في الريف الغربي لمدينة حماة", "حماة").location
    assert (rural.name_en, rural.geo_precision) == ("western Hama countryside", 3)
    assert rural.name_ar == "الريف الغربي لمدينة حماة"
    found = find("قصف مدفعي على البادية الجنوبية لمدينة الميادين")
    assert [m.location.name_en for m in found] == ["Mayadin"]
    assert found[0].location.geo_precision == 2 and found[0].kind == "region"


def test_near_words() -> None:
    m = mention_of("اشتباكات في المناطق القريبة من مدينة تدمر", "تدمر")
    assert m.relation == "near" and m.location.geo_precision == 2
    assert mention_of("هجوم على محور الكوم", "الكوم").relation == "near"


def test_a_place_that_only_locates_another() -> None:
    text = "اغتيل مختار قرية النعيمية التابعة لبلدة مسكنة شرقي حلب"
    village = mention_of(text, "النعيمية")
    town = mention_of(text, "مسكنة")
    assert village.qualifies is None and village.location.admin1 == "Aleppo"
    assert town.qualifies == (village.anchor_start, village.anchor_end)
    west = mention_of("قصفت المدفعية قرية العريمة غربي منبج", "منبج")
    assert west.qualifies is not None
    # two places in a list locate nothing
    assert all(m.qualifies is None for m in find("قصف على الكوم والطيبة"))


def test_a_road_locates_the_place_near_it() -> None:
    text = "أطلق مسلحون النار على حافلة على طريق الرقة – دير الزور قرب بلدة معدان"
    near = mention_of(text, "معدان")
    road = mention_of(text, "الرقة")
    assert near.qualifies is None and road.qualifies == (near.anchor_start, near.anchor_end)


def test_a_far_place_is_not_a_locator() -> None:
    # تدمر lies far from any الطيبة of Daraa
    text = "قتل عنصر في قرية الطيبة بريف درعا الشرقي قرب تدمر"
    assert mention_of(text, "تدمر").qualifies is None


def test_a_listed_governorate_shares_the_province_cue() -> None:
    found = find("قصفت الطائرات مواقع للتنظيم في بادية الرقة وحمص ودير الزور")
    assert [(m.location.admin1, m.location.geo_precision) for m in found] == [
        ("Raqqa", 3),
        ("Homs", 3),
        ("Deir ez-Zor", 3),
    ]
    found = find("هجمات متزامنة في محافظات حلب وحماة")
    assert [m.kind for m in found] == ["governorate", "governorate"]
    # a town listed after a province is still the town
    assert mention_of("قتل اثنان في ريف حمص وتدمر", "تدمر").location.geo_precision == 1


def test_a_region_across_governorates_takes_the_first_its_phrase_names() -> None:
    text = "هجمات على المثلث الصحراوي الواقع بين محافظات حماة وحلب والرقة"
    assert mention_of(text, "المثلث الصحراوي").location.admin1 == "Hama"
    badia = mention_of("تنشط الخلايا في البادية السورية الواسعة من ريف حماة إلى الرقة",
                       "البادية السورية")  # fmt: skip
    assert badia.location.admin1 is None


def test_datelines() -> None:
    assert mention_of("حمص-سانا\nاستشهد مدنيان في تدمر", "حمص").dateline
    assert mention_of("الرقة – نورث برس\nقتل مدني", "الرقة").dateline
    assert mention_of("دمشق 12 آذار 2023 (شينخوا) قتل جنديان في بادية حمص", "دمشق").dateline
    assert not mention_of("حمص: مقتل جنديين", "حمص").dateline
    assert not mention_of("حمص-سانا\nاستشهد مدنيان في تدمر", "تدمر").dateline


def test_name_as_written_keeps_name_heads() -> None:
    farm = mention_of('فجروا عبوة قرب مزرعة "الرشيد" غربي الرقة', "الرشيد").location
    assert farm.name_ar == 'مزرعة "الرشيد"' and farm.geo_precision == 2
    assert mention_of("في ريف حلب الشرقي", "حلب").location.name_ar == "ريف حلب الشرقي"
    assert mention_of("في جبل البشري", "جبل البشري").location.name_ar == "جبل البشري"
    assert mention_of("سيطرت القوات على بلدة هجين", "هجين").location.name_ar == "هجين"
    assert mention_of("في منطقة الكوم", "الكوم").location.name_ar == "الكوم"


def test_english_names_follow_the_news_in_english() -> None:
    # OCHA's Tadmor / Sokhneh / Qaryatein: the conventional Palmyra, As Sukhnah...
    gaz = load_gazetteer()
    names = {p.id: p.name_en for p in gaz.places}
    assert names["ocha:C2889"] == "Palmyra"
    assert names["ocha:C2893"] == "As Sukhnah"
    assert names["ocha:C2663"] == "Al-Qaryatayn"
    # GeoNames' diacritics folded (Ḩarastā -> Harasta); never an Arabic-script name
    assert all(p.name_en.isascii() for p in gaz.places if "wof" in p.source and p.name_en)


def test_a_dual_cue_after_between_is_a_pair() -> None:
    text = "في الحقول الواقعة بين قريتي الكوم والطيبة"
    m = mention_of(text, "الكوم")
    assert m.relation == "between" and m.location.geo_precision == 2
    # the second place of the pair only locates the first
    assert mention_of(text, "الطيبة").qualifies == (m.anchor_start, m.anchor_end)


def test_the_road_end_in_the_governorate_named_wins() -> None:
    text = "انفجرت عبوة على طريق الرقة – السلمية في جزئه الواقع بريف حماة الشرقي"
    far = mention_of(text, "الرقة")
    end = mention_of(text, "السلمية")  # a common word, read as the road's far end
    assert end.location.admin1 == "Hama"
    assert far.qualifies == (end.anchor_start, end.anchor_end)
    # no governorate named: the first-named end stays the road's place
    assert mention_of("انفجرت عبوة على طريق الرقة – السلمية", "الرقة").qualifies is None


def test_no_typo_reading_after_an_area_word_or_across_a_comma() -> None:
    # "areas of control", "the desert, pointing out": ordinary words after the cue
    assert find("تقدمت القوات في مناطق سيطرة التنظيم") == []
    assert [m.location.name_en for m in find("تنتشر الخلايا في البادية، مشيرا إلى ذلك")] == [
        "Syrian Badia"
    ]


def test_a_quarter_is_the_namesake_inside_the_city_named() -> None:
    # "حي الجورة" is the gazetteer's alias of the Damascus quarter only: the cue is read apart
    # so that the Deir ez-Zor quarter of that name is weighed too, and the city decides
    for text in ("اعتقل الأمن خلية في حي الجورة بمدينة دير الزور",
                 "اعتقل الأمن خلية في حي الجورة في مدينة دير الزور"):  # fmt: skip
        quarter = mention_of(text, "الجورة")
        city = mention_of(text, "دير الزور")
        assert quarter.location.admin1 == "Deir ez-Zor" and quarter.location.geo_precision == 1
        assert km(quarter.location.lat, quarter.location.lon, 35.332, 40.146) < 5
        assert city.qualifies == (quarter.anchor_start, quarter.anchor_end)
    damascus = mention_of("اعتقل الأمن خلية في حي الجورة بدمشق", "الجورة")
    assert damascus.location.admin1 == "Damascus"
    # with no city named, the quarter the gazetteer writes with its cue keeps the edge
    alone = mention_of("سقطت قذيفة على حي الجورة", "الجورة")
    assert alone.location.admin1 == "Damascus" and "named with its cue" in alone.why


def test_a_quarter_of_a_town_without_a_cue_on_the_town() -> None:
    # "بجرمانا": a quarter right before a town with بـ lies in it
    text = "داهمت دورية منزلا في حي النهضة بجرمانا"
    assert [m.location.name_en for m in find(text)] == ["Jaramana"]


def test_a_city_stands_for_a_quarter_the_gazetteer_lacks() -> None:
    # the only تل شغيب is a village by Aleppo: not a quarter "west of Damascus"
    found = find("قتل خمسة بغارة على مبنى في حي تل شغيب غربي دمشق")
    assert [(m.location.name_en, m.location.geo_precision) for m in found] == [("Damascus", 1)]
    # المزة is Damascus' area now (OCHA's city areas), not the village near Manbij
    found = find("قتل خمسة بغارة على مبنى في حي المزة غربي دمشق")
    assert [(m.location.name_en, m.location.admin1) for m in found if m.qualifies is None] == [
        ("Mazzeh", "Damascus")
    ]
    # a site "in the city" too: the only الدلة is a Hama village 170 km from Raqqa
    found = find("انفجرت عبوة قرب دوار الدلة بمدينة الرقة")
    assert [(m.location.admin1, m.location.geo_precision) for m in found] == [("Raqqa", 1)]
    assert found[0].qualifies is None


def test_a_town_that_locates_a_village_picks_its_namesake() -> None:
    # fifteen الحميدية; the biggest is a town in Tartus, one village lies by al-Qusayr
    for text in ("قتل مدني في قرية الحميدية بريف القصير",
                 "قتل مدني في قرية الحميدية شمالي مدينة القصير"):  # fmt: skip
        village = mention_of(text, "الحميدية")
        assert village.location.admin1 == "Homs"
        assert km(village.location.lat, village.location.lon, 34.51, 36.58) < 15
        assert any("which locates it" in w for w in village.why)


def test_a_name_known_only_far_from_the_town_that_locates_it_is_not_that_place() -> None:
    # no المزة lies near al-Sukhnah or in Homs: the town stands, with its direction
    found = find("انفجر لغم في قرية المزة شرقي مدينة السخنة")
    assert [(m.location.name_ar, m.relation) for m in found] == [("السخنة", "east")]
    assert found[0].location.geo_precision == 2
    # a namesake in the town's governorate stays, however far (desert distances)
    text = "قتل عنصر قرب قرية حميمة شرقي تدمر"
    assert mention_of(text, "حميمة").location.admin1 == "Homs"


def test_a_namesake_called_so_beats_one_with_the_name_as_a_variant() -> None:
    # the Aleppo village الأثرية lists اثريا among its spellings; the Hama one is أثريا
    assert mention_of("هجوم على نقطة عسكرية قرب أثريا", "أثريا").location.admin1 == "Hama"
    gaz = load_gazetteer()
    ithriya = next(p for p in gaz.candidates("أثريا") if p.admin1 == "Hama")
    athariyah = next(p for p in gaz.candidates("أثريا") if p.admin1 == "Aleppo")
    key = entry_key("أثريا")
    assert gaz.is_own_name(ithriya, key) and not gaz.is_own_name(athariyah, key)
    # the ends of a road: the namesakes nearest each other (al-Rusafa of Raqqa)
    road = mention_of("كمين على طريق الرصافة – أثريا", "الرصافة")
    assert road.location.admin1 == "Raqqa"


def test_a_site_named_by_its_own_entry_is_precision_one() -> None:
    inside = mention_of("غارات على مواقع داخل مطار التيفور العسكري", "مطار التيفور")
    assert inside.location.geo_precision == 1
    near = mention_of("انفجرت عبوة قرب مطار التيفور", "مطار التيفور")
    assert near.location.geo_precision == 2
