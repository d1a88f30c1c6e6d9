"""Syria's well-known places by their plain names: governorate capitals and big towns with
and without clitics, towns whose names are also words, type cues, and broad regions.

The sentences are the team's own; the places are real (points from OCHA via the gazetteer).
"""

from __future__ import annotations

import pytest

from rasd.knowledge.gazetteer import km, load_gazetteer
from rasd.knowledge.places import PlaceMention, _read_yaml, place_resolver
from rasd.text.normalize import normalize
from rasd.text.tokens import tokenize


def find(text: str) -> list[PlaceMention]:
    norm = normalize(text)
    return place_resolver().find(norm, tokenize(norm))


def events(text: str) -> list[PlaceMention]:
    """The mentions an event would be placed at (not the places that only locate others)."""
    return [m for m in find(text) if m.qualifies is None]


# name as the news writes it, admin1, a point of the place (OCHA, rounded)
CITIES = [
    ("حلب", "Aleppo", (36.206, 37.152)),
    ("دمشق", "Damascus", (33.517, 36.277)),
    ("حمص", "Homs", (34.73, 36.71)),
    ("حماة", "Hama", (35.13, 36.75)),
    ("اللاذقية", "Latakia", (35.52, 35.79)),
    ("طرطوس", "Tartus", (34.89, 35.89)),
    ("إدلب", "Idlib", (35.93, 36.63)),
    ("الرقة", "Raqqa", (35.95, 39.01)),
    ("دير الزور", "Deir ez-Zor", (35.33, 40.14)),
    ("الحسكة", "Hasakah", (36.50, 40.75)),
    ("القامشلي", "Hasakah", (37.05, 41.22)),
    ("درعا", "Daraa", (32.62, 36.10)),
    ("السويداء", "As-Suwayda", (32.71, 36.57)),
    ("تدمر", "Homs", (34.56, 38.28)),
    ("الميادين", "Deir ez-Zor", (35.02, 40.45)),
    ("البوكمال", "Deir ez-Zor", (34.45, 40.92)),
    ("منبج", "Aleppo", (36.53, 37.95)),
    ("الباب", "Aleppo", (36.37, 37.52)),
    ("جرابلس", "Aleppo", (36.82, 38.01)),
    ("عفرين", "Aleppo", (36.51, 36.87)),
    ("اعزاز", "Aleppo", (36.59, 37.05)),
    ("تل أبيض", "Raqqa", (36.70, 38.95)),
    ("رأس العين", "Hasakah", (36.85, 40.07)),
    ("عين العرب", "Aleppo", (36.89, 38.35)),
    ("كوباني", "Aleppo", (36.89, 38.35)),
    ("السخنة", "Homs", (34.88, 38.87)),
    ("جبلة", "Latakia", (35.36, 35.93)),
    ("بانياس", "Tartus", (35.18, 35.95)),
    ("دوما", "Rural Damascus", (33.57, 36.40)),
    ("جرمانا", "Rural Damascus", (33.49, 36.35)),
    ("السلمية", "Hama", (35.01, 37.05)),
    ("معرة النعمان", "Idlib", (35.64, 36.67)),
    ("سراقب", "Idlib", (35.86, 36.80)),
    ("جسر الشغور", "Idlib", (35.81, 36.32)),
    ("القصير", "Homs", (34.51, 36.58)),
    ("نوى", "Daraa", (32.89, 36.04)),
    ("بصرى الشام", "Daraa", (32.52, 36.48)),
    ("دير حافر", "Aleppo", (36.16, 37.71)),
    ("مسكنة", "Aleppo", (35.97, 38.04)),
    ("الشدادي", "Hasakah", (36.05, 40.74)),
    ("هجين", "Deir ez-Zor", (34.69, 40.83)),
    ("السوسة", "Deir ez-Zor", (34.525, 40.968)),
    ("القورية", "Deir ez-Zor", (34.96, 40.54)),
    ("موحسن", "Deir ez-Zor", (35.25, 40.30)),
    ("خشام", "Deir ez-Zor", (35.30, 40.28)),
    ("الطابية", "Deir ez-Zor", (35.28, 40.32)),
    ("الطبقة", "Raqqa", (35.84, 38.55)),
    ("طفس", "Daraa", (32.74, 36.07)),
    ("كفرنبل", "Idlib", (35.61, 36.56)),
    ("كفر نبل", "Idlib", (35.61, 36.56)),
    ("كفربطنا", "Rural Damascus", (33.51, 36.37)),
]


PARTNERS = {  # a city of the governorate to list a name after (في مدينة حمص والقصير)
    "Aleppo": "منبج", "Damascus": "جرمانا", "Rural Damascus": "دمشق", "Homs": "حمص",
    "Hama": "حماة", "Latakia": "اللاذقية", "Tartus": "طرطوس", "Idlib": "إدلب",
    "Raqqa": "الرقة", "Deir ez-Zor": "دير الزور", "Hasakah": "الحسكة", "Daraa": "درعا",
    "As-Suwayda": "شهبا", "Quneitra": "خان أرنبة",
}  # fmt: skip


def _partner(name: str, admin1: str) -> str:
    city = PARTNERS[admin1]
    return city if city != name else "درعا" if admin1 != "Daraa" else "حلب"


def _with_l(name: str) -> str:
    """لـ before a name: لحلب, and للرقة (ل + الرقة)."""
    return "لل" + name[2:] if name.startswith("ال") else "ل" + name


@pytest.mark.parametrize(("name", "admin1", "point"), CITIES, ids=[c[0] for c in CITIES])
def test_a_well_known_place_resolves_bare_and_with_clitics(
    name: str, admin1: str, point: tuple[float, float]
) -> None:
    for text in (
        f"سقطت قذائف على {name} مساء اليوم.",
        f"قصف على {name}",
        f"انفجرت عبوة ناسفة ب{name} صباح اليوم.",
        f"وصلت تعزيزات عسكرية {_with_l(name)} أمس.",
        f"قتل مدنيون بقصف على مدينة {_partner(name, admin1)} و{name}.",
    ):
        found = [m for m in events(text) if name.split()[-1][-3:] in m.location.name_ar]
        assert found, text
        loc, place = found[0].location, found[0].place
        assert place is not None and place.type in ("city", "town"), (text, place)
        assert loc.admin1 == admin1, text
        assert loc.lat is not None and loc.lon is not None
        assert km(loc.lat, loc.lon, *point) < 8, (text, loc)
        assert loc.geo_precision == 1, text


def test_every_governorate_capital_is_a_city() -> None:
    gaz = load_gazetteer()
    for admin1, gov in gaz.governorates.items():
        if admin1 == "Rural Damascus":
            continue  # its capital is Damascus
        cities = [p for p in gaz.candidates(gov.name_ar) if not p.is_governorate]
        assert cities and cities[0].type == "city" and cities[0].admin1 == admin1, admin1
        assert cities[0].rank >= 100_000, admin1


def test_aleppo_is_the_city_not_a_village() -> None:
    aleppo = load_gazetteer().by_id["ocha:C1007"]
    assert (aleppo.type, aleppo.admin1) == ("city", "Aleppo")
    assert aleppo.rank > 1_000_000  # the population of its sub-district


def test_a_name_after_a_proclitic_is_read_whole() -> None:
    # "بدير الزور" is بـ + دير الزور, not the village بدير (Tartus) + الزور
    (m,) = find("انفجار بدير الزور أمس")
    assert (m.location.name_en, m.location.admin1) == ("Deir ez-Zor", "Deir ez-Zor")


# ---------------------------------------------------------------- names that are words


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("قتل عنصران في القصير بريف حمص", "Homs"),
        ("سقطت قذيفة على القصير", "Homs"),
        ("اشتباكات عنيفة في مدينة القصير", "Homs"),
        ("انفجرت سيارة مفخخة بالباب", "Aleppo"),
        ("قصف مدفعي على الباب شرقي حلب", "Aleppo"),
        ("اغتيال مسؤول محلي في السلمية", "Hama"),
        ("اغتيال مسؤول محلي في سلمية", "Hama"),
        ("غارة على الطبقة غربي الرقة", "Raqqa"),
        ("وصلت تعزيزات للقصير", "Homs"),
        ("اشتباكات في مدينة المزرعة بريف السويداء", "As-Suwayda"),
        ("قتل مدني برصاص مجهولين في نوى", "Daraa"),
    ],
)
def test_a_town_named_like_a_word_counts_after_a_locative_or_cue(text: str, admin1: str) -> None:
    found = events(text)
    assert found and found[0].location.admin1 == admin1, text
    assert found[0].place is not None and found[0].place.type in ("city", "town"), text


@pytest.mark.parametrize(
    "text",
    [
        "خرجت مظاهرات سلمية في الساحل",  # peaceful, not Salamiyah
        "قال إنهم بصدد إعادة فتح الطريق",  # about to, not Sadad
        "تجمع الأهالي من حوله",  # around him, not al-Houla (الحولة)
        "في إشارة إلى الهجوم الأخير",  # a reference, not al-Ashara (العشارة)
        "أظهرت الصور آثار الدمار",  # the pictures, not al-Sur
        "قتل الراعي أثناء رعي أغنامه",  # the shepherd, not al-Rai
        "ارتفع منسوب المياه في الفرات",  # the river, not a Raqqa quarter
    ],
)
def test_a_word_is_no_town_without_a_cue(text: str) -> None:
    assert [m.location.name_en for m in find(text) if m.kind == "place"] == []


def test_al_houla_with_its_article_is_the_place() -> None:
    (m,) = find("قصف على الحولة بريف حمص الشمالي")[:1]
    assert m.location.admin1 == "Homs"


# ---------------------------------------------------------------- type cues


def test_a_village_cue_rules_out_a_city_quarter() -> None:
    # the only الحميدية of Deir ez-Zor is a quarter of the city, 42 km from al-Mayadin: no
    # village of the name near al-Mayadin, so the countryside that locates it stands for it
    found = events("قصف مدفعي على قرية الحميدية بريف الميادين")
    assert [(m.location.name_en, m.location.geo_precision) for m in found] == [("Mayadin", 2)]
    assert all(m.place is None or m.place.type != "neighbourhood" for m in find(
        "قصف مدفعي على قرية الحميدية بريف الميادين"
    ))  # fmt: skip


def test_a_quarter_cue_keeps_the_quarter() -> None:
    (m, _) = find("انفجار في حي الحميدية بمدينة دير الزور")
    assert m.place is not None and m.place.type == "neighbourhood"
    assert m.location.admin1 == "Deir ez-Zor"


def test_a_village_cue_prefers_a_village_to_a_namesake_quarter() -> None:
    # الجورة: a Deir ez-Zor quarter, and villages elsewhere; a village cue takes a village
    (m,) = find("قتل مزارع بانفجار لغم في قرية الجورة")[:1]
    assert m.place is not None and m.place.type != "neighbourhood"


# ---------------------------------------------------------------- regions

REGIONS = _read_yaml("regions.yaml")["regions"]


@pytest.mark.parametrize(
    ("region_id", "name"),
    [(r["id"], n) for r in REGIONS for n in r["names"]],
)
def test_a_region_name_is_the_region(region_id: str, name: str) -> None:
    found = find(f"شنت الطائرات غارات على {name} اليوم")
    assert [m.location.gazetteer_id for m in found] == [f"region:{region_id}"], name


def test_the_golan_is_no_village_alias() -> None:
    (m,) = find("قصفت المدفعية الإسرائيلية مواقع في الجولان")
    assert (m.kind, m.location.admin1, m.location.geo_precision) == ("region", "Quneitra", 3)


def test_a_settlement_cue_before_a_region_name_reads_the_place() -> None:
    found = find("داهمت قوة أمنية منزلا في حي الجولان بمدينة السويداء")
    assert found[0].place is not None and found[0].place.id == "ocha:N0526"
    found = find("قتل شاب في قرية حوران بريف الرقة")
    assert found[0].kind == "place" and found[0].location.admin1 == "Raqqa"


def test_a_city_area_of_damascus_is_known() -> None:
    for name, area in (("المزة", "ocha:A009"), ("كفرسوسة", "ocha:A012"), ("برزة", "ocha:A003")):
        found = events(f"سقط صاروخ على {name} بدمشق")
        assert found and found[0].location.admin1 == "Damascus", name
        assert found[0].place is not None and found[0].place.id == area, name
