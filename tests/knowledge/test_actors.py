"""The actor ontology and its resolver: forms, heads, eras, references and traps."""

from __future__ import annotations

import copy
import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.knowledge.actors import (
    ACTORS_FILE,
    ActorDataError,
    ActorMention,
    ActorResolver,
    actor_resolver,
)
from rasd.text.normalize import normalize
from rasd.text.tokens import tokenize

BEFORE = dt.date(2021, 6, 1)  # Assad era
AFTER = dt.date(2025, 3, 1)  # after 2024-12-08


def resolve(text: str, on: dt.date | None = BEFORE) -> str | None:
    return actor_resolver().resolve(text, on)[0]


def find(text: str, on: dt.date | None = None) -> list[tuple[str, str, bool]]:
    """(id, original text of the mention, anaphoric) for every mention."""
    norm = normalize(text)
    return [
        (m.actor_id, norm.span(m.start, m.end).text, m.anaphoric)
        for m in actor_resolver().find(norm, tokenize(norm), on)
    ]


def ids(text: str, on: dt.date | None = None) -> list[str]:
    return [i for i, _, _ in find(text, on)]


# At least 15 ways each major actor is written, with heads, clitics, quotes and variants.
SURFACE_FORMS: dict[str, list[str]] = {
    "islamic-state": [
        "داعش",
        "تنظيم داعش",
        "«داعش»",
        "تنظيم “الدولة”",
        "تنظيم الدولة الإسلامية",
        "الدولة الإسلامية في العراق والشام",
        "عناصر تنظيم الدولة",
        "خلايا داعش",
        "مقاتلو تنظيم “الدولة الإسلامية”",
        "مسلحي داعش",
        "الدواعش",
        "خوارج البغدادي",
        "ولاية الخير",
        "وخلايا تنظيم داعش",
        "بهجوم لخلايا داعش",
        "ISIS",
        "أمير في تنظيم الدولة",
        "فلول داعش",
    ],
    "syria-military-2000-2024": [
        "قوات النظام",
        "قوات النظام السوري",
        "النظام",
        "جيش النظام",
        "ميليشيا أسد",
        "مليشيا أسد",
        "قوات الأسد",
        "عصابات الأسد",
        "نظام الأسد",
        "جنود النظام",
        "الفرقة الرابعة",
        "الحرس الجمهوري",
        "المخابرات الجوية",
        "الأمن العسكري",
        "الجيش السوري",
        "الجيش العربي السوري",
        "وحدات من جيشنا الباسل",
        "القوات الحكومية",
        "عناصر من قوات النظام",
        "والطيران الحربي السوري",
    ],
    "liwa-al-quds": [
        "لواء القدس",
        "“لواء القدس”",
        "لواء القدس الفلسطيني",
        "ميليشيا لواء القدس",
        "مليشيا “لواء القدس”",
        "ميلشيا لواء القدس",
        "عناصر لواء القدس",
        "مقاتلي لواء القدس",
        "عناصر من ميليشيا لواء القدس",
        "قائد لواء القدس",
        "للواء القدس",
        "وعناصر لواء القدس",
        "قوات لواء القدس",
        "حاجز للواء القدس",
        "مجموعة من لواء القدس",
        "Liwa al-Quds",
    ],
    "ndf": [
        "الدفاع الوطني",
        "ميليشيا الدفاع الوطني",
        "مليشيا “الدفاع الوطني”",
        "قوات الدفاع الوطني",
        "عناصر الدفاع الوطني",
        "عنصرين من الدفاع الوطني",
        "والدفاع الوطني",
        "بالدفاع الوطني",
        "الدفاع الوطني السوري",
        "جيش الدفاع الوطني",
        "مقاتلي الدفاع الوطني",
        "حاجز للدفاع الوطني",
        "مجموعة من الدفاع الوطني",
        "قيادي في الدفاع الوطني",
        "NDF",
    ],
    "iran-backed-militias": [
        "الميليشيات الإيرانية",
        "المليشيات الإيرانية",
        "الميليشيات الموالية لإيران",
        "ميليشيات إيرانية",
        "الفصائل الموالية لإيران",
        "لواء فاطميون",
        "لواء زينبيون",
        "حرس القرى",
        "مليشيا “حرس القرى”",
        "حزب الله العراقي",
        "كتائب حزب الله",
        "حركة النجباء",
        "ميليشيات إيران",
        "عناصر من الميليشيات الإيرانية",
        "الحشد الشعبي",
        "لواء الباقر",
    ],
    "russia-military": [
        "القوات الروسية",
        "الجيش الروسي",
        "الطيران الروسي",
        "الطيران الحربي الروسي",
        "الاحتلال الروسي",
        "قوات الاحتلال الروسي",
        "الطائرات الروسية",
        "غارات روسية",
        "جنود روس",
        "الشرطة العسكرية الروسية",
        "دورية روسية",
        "روسيا",
        "المروحيات الروسية",
        "وزارة الدفاع الروسية",
        "ضباط روس",
        "مجموعة فاغنر",
    ],
    "sdf": [
        "قسد",
        "«قسد»",
        "قوات سوريا الديمقراطية",
        "قوات سوريا الديموقراطية",
        "قوات سورية الديمقراطية",
        "ميليشيا قسد",
        "مسلحي قسد",
        "عناصر من قسد",
        "الأسايش",
        "وحدات حماية الشعب",
        "ب ي د",
        "حزب العمال الكردستاني",
        "مجلس دير الزور العسكري",
        "قوى الأمن الداخلي في شمال وشرق سوريا",
        "SDF",
        "مقاتلي قسد",
    ],
}


@pytest.mark.parametrize(
    ("actor_id", "form"), [(a, f) for a, forms in SURFACE_FORMS.items() for f in forms]
)
def test_surface_forms_resolve(actor_id: str, form: str) -> None:
    assert resolve(form) == actor_id


def test_each_major_actor_has_fifteen_tested_forms() -> None:
    assert all(len(forms) >= 15 for forms in SURFACE_FORMS.values())


@pytest.mark.parametrize(
    ("form", "actor_id"),
    [
        ("الحرس الثوري الإيراني", "iran-irgc"),
        ("حزب الله اللبناني", "hezbollah"),
        ("الفيلق الخامس", "fifth-corps"),
        ("الميليشيات الرديفة", "pro-government-militias"),
        ("التحالف الدولي", "us-coalition"),
        ("طيران التحالف", "us-coalition"),
        ("القوات الأمريكية", "us-coalition"),
        ("القوات الأميركية", "us-coalition"),
        ("الجيش التركي", "turkey-military"),
        ("مسيرة تركية", "turkey-military"),
        ("الطيران الإسرائيلي", "israel-military"),
        ("غارات إسرائيلية", "israel-military"),
        ("هيئة تحرير الشام", "hts"),
        ("جبهة النصرة", "hts"),
        ("الجيش الوطني السوري", "sna"),
        ("مقاتلو العشائر", "tribal-militias"),
        ("حراس الدين", "other-jihadist-groups"),
        ("فصائل المعارضة", "opposition-rebels"),
        ("مسلحون مجهولون", "unidentified"),
        ("جهة مجهولة", "unidentified"),
        ("الأمن العام", "syria-police-2024-"),
    ],
)
def test_other_actors(form: str, actor_id: str) -> None:
    assert resolve(form, AFTER if actor_id == "syria-police-2024-" else BEFORE) == actor_id


@pytest.mark.parametrize(
    "form", ["مدنيين", "رعاة الأغنام", "جامعي الكمأة", "أطفال", "نساء", "أهالي", "عمال", "سكان"]
)
def test_civilians_carry_a_role_hint(form: str) -> None:
    norm = normalize(f"قتل {form} في البادية")
    (mention,) = actor_resolver().find(norm, tokenize(norm), BEFORE)
    assert (mention.actor_id, mention.role_hint) == ("civilians", "civilians")


# ---------------------------------------------------------------- time


@pytest.mark.parametrize(
    ("form", "before", "after"),
    [
        ("الجيش السوري", "syria-military-2000-2024", "syria-military-2024-"),
        ("القوات الحكومية", "syria-military-2000-2024", "syria-military-2024-"),
        ("قوات الحكومة السورية", "syria-military-2000-2024", "syria-military-2024-"),
        ("وزارة الدفاع السورية", "syria-military-2000-2024", "syria-military-2024-"),
        ("قوات السلطة", "syria-military-2000-2024", "syria-military-2024-"),
        ("وزارة الدفاع", "syria-military-2000-2024", "syria-military-2024-"),
        ("قوى الأمن الداخلي", "sdf", "syria-police-2024-"),
        ("وزارة الداخلية", "syria-military-2000-2024", "syria-police-2024-"),
    ],
)
def test_same_phrase_names_a_different_actor_after_the_fall_of_assad(
    form: str, before: str, after: str
) -> None:
    assert resolve(form, dt.date(2024, 12, 7)) == before
    assert resolve(form, dt.date(2024, 12, 8)) == after
    assert resolve(form, BEFORE) == before
    assert resolve(form, AFTER) == after


@pytest.mark.parametrize(
    ("form", "actor_id"),
    [
        ("قوات النظام", "syria-military-2000-2024"),
        ("قوات الأسد", "syria-military-2000-2024"),
        ("الأمن العام", "syria-police-2024-"),
        ("إدارة العمليات العسكرية", "syria-military-2024-"),
    ],
)
def test_one_era_forms_decide_by_themselves(form: str, actor_id: str) -> None:
    assert {resolve(form, on) for on in (BEFORE, AFTER, None)} == {actor_id}


def test_without_a_date_the_article_decides_the_era() -> None:
    old = "هاجم التنظيم قوات النظام قرب السخنة، وقال الجيش السوري إنه صد الهجوم."
    new = "انتشر الأمن العام في المدينة، وأعلنت وزارة الدفاع السورية إرسال تعزيزات."
    assert ids(old)[-1] == "syria-military-2000-2024"
    assert ids(new)[-1] == "syria-military-2024-"
    # no era word at all: the first id listed for the form
    assert ids("أعلنت وزارة الدفاع السورية مقتل جندي") == ["syria-military-2000-2024"]


# ---------------------------------------------------------------- references


def test_tanzim_refers_to_the_last_named_organisation() -> None:
    text = "أعلن تنظيم حراس الدين مسؤوليته. وقال التنظيم إن عناصره انسحبوا."
    assert find(text) == [
        ("other-jihadist-groups", "تنظيم حراس الدين", False),
        ("other-jihadist-groups", "التنظيم", True),
    ]
    assert ids("كمين لخلايا داعش، ثم انسحب مقاتلو التنظيم") == ["islamic-state"] * 2


def test_tanzim_with_no_organisation_named_is_the_islamic_state() -> None:
    assert find("هاجم عناصر التنظيم نقطة عسكرية في البادية") == [
        ("islamic-state", "عناصر التنظيم", True)
    ]


def test_tanzim_looks_ahead_when_the_title_names_the_group_later() -> None:
    text = "التنظيم يتبنى هجوما\nأعلنت هيئة تحرير الشام مسؤوليتها عن الهجوم"
    assert ids(text) == ["hts", "hts"]


def test_militia_refers_to_the_last_named_militia() -> None:
    text = (
        "قتل عنصران من الدفاع الوطني، ونعى لواء القدس ثلاثة من عناصره، "
        "وقالت صفحات الميليشيا إن الهجوم وقع ليلا."
    )
    assert find(text)[-1] == ("liwa-al-quds", "الميليشيا", True)
    assert find("كمين لعناصر الدفاع الوطني. وفرت عناصر الميليشيا")[-1][0] == "ndf"


def test_liwa_refers_back_only_when_used_as_a_reference() -> None:
    text = "نعى “لواء القدس” عنصرين، وقال مصدر في “اللواء” إن عناصر اللواء صدوا الهجوم."
    assert ids(text) == ["liwa-al-quds"] * 3
    # the rank "اللواء" before a name is no reference
    assert ids("نعى لواء القدس عنصرا، وزار اللواء ركن محمد الموقع") == ["liwa-al-quds"]
    # with no brigade named before, it refers to nothing
    assert ids("وقال مصدر في “اللواء” إن الهجوم فشل") == []


def test_akhir_refers_to_the_last_named_actor_but_not_as_an_adjective() -> None:
    text = "هاجم التنظيم مواقع قوات النظام رغم التعزيزات التي استقدمها الأخير."
    assert find(text)[-1] == ("syria-military-2000-2024", "الأخير", True)
    assert ids("قتل عنصران من قسد، وأكد مقاتلو الأخير أسر مهاجم")[-1] == "sdf"
    assert ids("هاجمت قسد خلال الأسبوع الأخير مواقع في المنطقة") == ["sdf"]
    assert ids("في الآونة الأخيرة صعد التنظيم هجماته") == ["islamic-state"]


def test_nizam_is_the_assad_era_government() -> None:
    assert find("قصف النظام البلدة", AFTER) == [("syria-military-2000-2024", "النظام", False)]


# ---------------------------------------------------------------- traps


def test_quds_force_is_not_liwa_al_quds_and_jerusalem_is_no_actor() -> None:
    assert resolve("فيلق القدس") == "iran-irgc"
    assert resolve("ميليشيا فيلق القدس الإيراني") == "iran-irgc"
    assert resolve("لواء القدس") == "liwa-al-quds"
    assert resolve("القدس") is None
    assert ids("تظاهرة في القدس وفي مدينة القدس") == []


def test_national_defence_is_not_the_ministry_of_defence() -> None:
    assert resolve("الدفاع الوطني") == "ndf"
    assert resolve("وزارة الدفاع", BEFORE) == "syria-military-2000-2024"
    assert resolve("وزارة الدفاع الروسية") == "russia-military"
    assert ids("أعلنت وزارة الدفاع ومعها الدفاع الوطني", BEFORE) == [
        "syria-military-2000-2024",
        "ndf",
    ]


def test_names_of_people_are_no_actors() -> None:
    assert ids("قال عبد الله الأحمد ونصر الله الحسين وبشار الأسد") == []
    assert resolve("حزب الله") == "hezbollah"
    assert find("قتل محمد السعيد قائد لواء القدس") == [("liwa-al-quds", "قائد لواء القدس", False)]


def test_dawla_alone_is_no_actor() -> None:
    assert ids("مؤسسات الدولة في دير الزور وعادت الدولة إلى المدينة") == []
    assert resolve("تنظيم “الدولة”") == "islamic-state"
    assert resolve("خلايا تنظيم الدولة") == "islamic-state"


def test_the_free_army_and_the_national_army_are_not_the_syrian_army() -> None:
    assert resolve("الجيش الحر") == "opposition-rebels"
    assert resolve("الجيش السوري الحر") == "opposition-rebels"
    assert resolve("الجيش الوطني السوري") == "sna"
    assert resolve("الجيش السوري") == "syria-military-2000-2024"


def test_syria_alone_does_not_make_the_sdf() -> None:
    assert resolve("قوات سوريا الديمقراطية") == "sdf"
    assert resolve("قوات سوريا") is None


def test_definite_forms_need_the_article() -> None:
    assert resolve("التحالف") == "us-coalition"
    assert "us-coalition" not in ids("تحالف مع العشائر ضد التنظيم")


def test_not_actors_shadow_actor_words() -> None:
    assert ids("قالت قناة روسيا اليوم إن فرق الدفاع المدني انتشلت الجثث") == []


def test_heads_join_the_mention_and_are_reported() -> None:
    norm = normalize("قتل عناصر من ميليشيا “لواء القدس” بكمين")
    (m,) = actor_resolver().find(norm, tokenize(norm), BEFORE)
    assert (m.actor_id, m.form, m.head, m.anaphoric) == (
        "liwa-al-quds",
        "لواء القدس",
        "عناصر",
        False,
    )
    assert norm.span(m.start, m.end).text == "عناصر من ميليشيا “لواء القدس"


def test_sentences_are_counted() -> None:
    norm = normalize("هاجم داعش حاجزا. وردت قوات النظام بالقصف.")
    assert [m.sentence for m in actor_resolver().find(norm, tokenize(norm), BEFORE)] == [0, 1]


# ---------------------------------------------------------------- properties

FILLER = ["هجوم", "على", "في", "بادية", "حمص", "يوم", "الأحد", "قرب", "مدينة", "السخنة", "،", "."]
NAMED = [
    (f, a) for a, forms in SURFACE_FORMS.items() for f in forms if a != "syria-military-2000-2024"
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(FILLER), max_size=6),
    st.sampled_from(NAMED),
    st.lists(st.sampled_from(FILLER), max_size=6),
)
def test_context_does_not_change_a_mention(
    before: list[str], named: tuple[str, str], after: list[str]
) -> None:
    form, actor_id = named
    text = " ".join([*before, form, *after])
    norm = normalize(text)
    mentions: list[ActorMention] = actor_resolver().find(norm, tokenize(norm), BEFORE)
    assert [m.actor_id for m in mentions] == [actor_id]
    span = norm.span(mentions[0].start, mentions[0].end)
    assert text[span.start : span.end] == span.text
    assert span.text.strip('“”«»"') in form or form.strip("“”«»") in span.text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet='اأبتثجحخدذرسشصضطظعغفقكلمنهويىةء \n.،"', max_size=80))
def test_any_text_gives_valid_mentions(text: str) -> None:
    norm = normalize(text)
    for m in actor_resolver().find(norm, tokenize(norm), None):
        assert 0 <= m.start < m.end <= len(norm.text)
        assert m.actor_id in actor_resolver().actors


# ---------------------------------------------------------------- the data file


def ontology() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTORS_FILE.read_text(encoding="utf-8"))
    return data


def test_every_actor_has_a_name_kind_and_consistent_validity() -> None:
    for actor in actor_resolver().actors.values():
        assert actor.name and actor.kind
        if actor.valid_from and actor.valid_to:
            assert actor.valid_from < actor.valid_to


def test_ids_match_the_spec(shared_dir: Path) -> None:
    with (shared_dir / "spec" / "actors.tsv").open(encoding="utf-8") as fh:
        spec = {row["id"]: row for row in csv.DictReader(fh, delimiter="\t")}
    actors = actor_resolver().actors
    assert set(actors) == set(spec)
    for actor_id, row in spec.items():
        assert actors[actor_id].kind == row["kind"]
        assert str(actors[actor_id].valid_from or "") == row["valid_from"]
        assert str(actors[actor_id].valid_to or "") == row["valid_to"]


def broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(ontology())
    change(data)
    return data


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["shared_forms"][0]["ids"].append("no-such-actor"),
        lambda d: d["actors"]["ndf"]["forms"].append("لواء القدس"),
        lambda d: d["actors"]["ndf"].update(valid_from="2024-13-01"),
        lambda d: d["actors"]["ndf"].update(valid_from="2024-01-01", valid_to="2020-01-01"),
        lambda d: d["actors"]["ndf"].pop("kind"),
        lambda d: d["anaphora"][0].update(default="no-such-actor"),
        lambda d: d["anaphora"][0].update(forms=["تنظيم"]),
        lambda d: d["anaphora"][0].update(cue="sometimes"),
        lambda d: d["anaphora"][0]["refers_to"].update(kinds=["no_such_kind"]),
        lambda d: d.update(actors={}),
        lambda d: d["client_heads"].append("سماسرة"),
    ],
)
def test_a_broken_ontology_is_reported(change: Any) -> None:
    with pytest.raises(ActorDataError):
        ActorResolver(broken(change))


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("actors: [unclosed", encoding="utf-8")
    with pytest.raises(ActorDataError, match=r"actors\.yaml"):
        ActorResolver.from_file(path)


def test_an_analyst_can_add_a_form_without_code() -> None:
    data = broken(lambda d: d["actors"]["liwa-al-quds"]["forms"].append("كتيبة الفدائيين"))
    resolver = ActorResolver(data)
    assert resolver.resolve("عناصر كتيبة الفدائيين")[0] == "liwa-al-quds"
    assert actor_resolver().resolve("عناصر كتيبة الفدائيين")[0] is None


# ---------------------------------------------------------------- apposition, clients, suspicion


@pytest.mark.parametrize(
    "text",
    [
        "قوى الأمن الداخلي (الأسايش)",
        "قوى الأمن الداخلي التابعة للإدارة الذاتية",
        "قوى الأمن الداخلي - الأسايش",
        "قوى الأمن الداخلي أو الأسايش",
    ],
)
def test_a_name_in_apposition_says_which_actor_a_shared_name_means(text: str) -> None:
    assert ids(text, AFTER)[0] == "sdf"


def test_a_name_joined_by_wa_is_another_actor_not_an_apposition() -> None:
    assert ids("اشتبكت قوى الأمن الداخلي وقسد", AFTER) == ["syria-police-2024-", "sdf"]


@pytest.mark.parametrize(
    ("text", "client", "patron"),
    [
        ("عنصر في مجموعة محلية تعمل لصالح الأمن العسكري", "pro-government-militias", 1),
        ("قتل شاب يعمل لصالح فرع المخابرات الجوية", "pro-government-militias", 1),
        ("هاجمت ميليشيا محلية تابعة للفرقة الرابعة", "pro-government-militias", 1),
        ("هاجمت مجموعة مسلحة مدعومة من تركيا", "sna", 1),
    ],
)
def test_people_of_no_name_who_serve_a_force_are_its_clients(
    text: str, client: str, patron: int
) -> None:
    found = ids(text, BEFORE)
    assert found[0] == client and len(found) == 1 + patron


def test_a_named_group_is_no_client() -> None:
    assert ids("عناصر مجموعة من قوات النظام", BEFORE) == ["syria-military-2000-2024"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("بغارات جوية يرجح أنها إسرائيلية", "israel-military"),
        ("طائرة مسيرة يعتقد أنها أمريكية", "us-coalition"),
        ("مليشيات يرجح أنها إيرانية", "iran-backed-militias"),
    ],
)
def test_a_nisba_after_a_word_of_suspicion_names_the_actor(text: str, actor: str) -> None:
    assert ids(text, BEFORE) == [actor]


# ---------------------------------------------------------------- outlets' names for the sides

DATELESS = None
OUTLET_NAMES: list[tuple[str, dt.date | None, str | None]] = [
    # state media before 2024-12 (SANA, al-Watan, al-Ikhbariya, Sham FM) and after (new SANA)
    ("الجيش العربي السوري", BEFORE, "syria-military-2000-2024"),
    ("الجيش العربي السوري", AFTER, "syria-military-2024-"),
    ("وحدات من الجيش", BEFORE, "syria-military-2000-2024"),
    ("وحدات من الجيش", AFTER, "syria-military-2024-"),
    ("إرهابيو داعش", BEFORE, "islamic-state"),
    ("إرهابيين من جبهة النصرة", BEFORE, "hts"),
    ("التنظيمات الإرهابية", BEFORE, "opposition-rebels"),
    ("المجموعات الإرهابية المسلحة", BEFORE, "opposition-rebels"),
    ("العدو الإسرائيلي", BEFORE, "israel-military"),
    ("العدوان الإسرائيلي", BEFORE, "israel-military"),
    ("وسائط دفاعنا الجوي", BEFORE, "syria-military-2000-2024"),
    ("الدفاعات الجوية السورية", AFTER, "syria-military-2024-"),
    ("قوات الاحتلال الأمريكي", BEFORE, "us-coalition"),
    ("قوات الاحتلال الأميركي", BEFORE, "us-coalition"),
    ("المحتل الأمريكي", BEFORE, "us-coalition"),
    ("ميليشيا قسد", BEFORE, "sdf"),
    ("وزارة الدفاع", AFTER, "syria-military-2024-"),
    ("إدارة الأمن العام", AFTER, "syria-police-2024-"),
    ("قوى الأمن الداخلي", AFTER, "syria-police-2024-"),
    ("فلول النظام البائد", AFTER, "pro-government-militias"),
    ("خلايا النظام البائد", AFTER, "pro-government-militias"),
    ("مجموعات من فلول النظام", AFTER, "pro-government-militias"),
    ("فلول الأسد", AFTER, "pro-government-militias"),
    ("أزلام النظام البائد", AFTER, "pro-government-militias"),
    ("مجموعات خارجة عن القانون", AFTER, "unidentified"),
    # opposition media (Orient, Zaman al-Wasl, Syria TV, Enab Baladi, Baladi, Nedaa Syria...)
    ("ميليشيا أسد", BEFORE, "syria-military-2000-2024"),
    ("قوات الأسد", BEFORE, "syria-military-2000-2024"),
    ("الميليشيات الإيرانية", BEFORE, "iran-backed-militias"),
    ("ميليشيا حزب الله", BEFORE, "hezbollah"),
    ("ميليشيا حزب اللات", BEFORE, "hezbollah"),
    ("الحرس الثوري", BEFORE, "iran-irgc"),
    ("مرتزقة الحرس الثوري", BEFORE, "iran-backed-militias"),
    ("ميليشيا فاطميون", BEFORE, "iran-backed-militias"),
    ("مليشيا زينبيون", BEFORE, "iran-backed-militias"),
    ("ميليشيا الدفاع الوطني", BEFORE, "ndf"),
    ("الفرقة الرابعة", BEFORE, "syria-military-2000-2024"),
    ("الاحتلال الروسي", BEFORE, "russia-military"),
    ("ميليشيا PKK", BEFORE, "sdf"),
    ("ميليشيا بي كي كي", BEFORE, "sdf"),
    ("الجيش الوطني السوري", BEFORE, "sna"),
    ("هيئة تحرير الشام", BEFORE, "hts"),
    ("تحرير الشام", BEFORE, "hts"),
    ("شبيحة الأسد", BEFORE, "pro-government-militias"),
    # Kurdish and SDF media (Hawar, North Press, Ronahi)
    ("الاحتلال التركي", BEFORE, "turkey-military"),
    ("جيش الاحتلال التركي", BEFORE, "turkey-military"),
    ("دولة الاحتلال التركي", BEFORE, "turkey-military"),
    ("الدولة التركية", BEFORE, "turkey-military"),
    ("مرتزقة الاحتلال التركي", BEFORE, "sna"),
    ("مرتزقة الدولة التركية", BEFORE, "sna"),
    ("عناصر من مرتزقة تركيا", BEFORE, "sna"),
    ("فصائل الاحتلال التركي", BEFORE, "sna"),
    ("مرتزقة داعش", BEFORE, "islamic-state"),
    ("وحدات حماية المرأة", BEFORE, "sdf"),
    ("الأسايش", AFTER, "sdf"),
    ("قوى الأمن الداخلي في شمال وشرق سورية", AFTER, "sdf"),
    ("قوى الأمن الداخلي لإقليم شمال وشرق سوريا", AFTER, "sdf"),
    ("مجلس منبج العسكري", BEFORE, "sdf"),
    ("وحدات مكافحة الإرهاب", BEFORE, "sdf"),
    # pan-Arab and international (Al Jazeera, Asharq al-Awsat, RT, Anadolu, al-Mayadeen...)
    ("تنظيم الدولة", BEFORE, "islamic-state"),
    ("التحالف الدولي بقيادة واشنطن", BEFORE, "us-coalition"),
    ("الجماعات المسلحة", BEFORE, "unidentified"),
    ("القوات الجوية الفضائية الروسية", BEFORE, "russia-military"),
    ("قصفت المدفعية التركية", BEFORE, "turkey-military"),
    ("سلاح الجو السوري", AFTER, "syria-military-2024-"),
    ("تنظيم ي ب ك/بي كا كا الإرهابي", BEFORE, "sdf"),
    ("الفصائل الموالية لأنقرة", BEFORE, "sna"),
    ("الميليشيات الموالية لطهران", BEFORE, "iran-backed-militias"),
    ("المقاومة الإسلامية في العراق", BEFORE, "iran-backed-militias"),
    ("الحكومة المؤقتة", BEFORE, "sna"),
    ("الحكومة المؤقتة", AFTER, "syria-military-2024-"),
    ("جهاز الأمن العام", BEFORE, "hts"),
    ("جهاز الأمن العام", AFTER, "syria-police-2024-"),
    ("ميليشيا الجولاني", BEFORE, "hts"),
    ("ميليشيا الجولاني", AFTER, "syria-military-2024-"),
    # IS's own voice (Amaq, al-Naba)
    ("جنود الخلافة", BEFORE, "islamic-state"),
    ("الجيش النصيري", BEFORE, "syria-military-2000-2024"),
    ("جنود النصيرية", BEFORE, "syria-military-2000-2024"),
    ("الميليشيات الرافضية", BEFORE, "iran-backed-militias"),
    ("الرافضة", BEFORE, "iran-backed-militias"),
    ("الجيش السوري الحر المرتد", BEFORE, "opposition-rebels"),
    ("الصحوات", BEFORE, "opposition-rebels"),
    ("ملاحدة PKK", BEFORE, "sdf"),
    ("الملاحدة", BEFORE, "sdf"),
    ("الطيران الصليبي", BEFORE, "us-coalition"),
    ("المرتدين", BEFORE, None),
    # spellings of real pages
    ("ميلشيات أسد", BEFORE, "syria-military-2000-2024"),
    ("دا.عش", BEFORE, "islamic-state"),
    ("داع-ش", BEFORE, "islamic-state"),
    ("تنظيم «داعـــش»", BEFORE, "islamic-state"),
    ("ه.ت.ش", BEFORE, "hts"),
    ("ق.س.د", BEFORE, "sdf"),
    ("الاسرائيليه", BEFORE, None),  # a nisba alone names no actor
    ("القوات الاسرائيليه", BEFORE, "israel-military"),
    # armies of neighbours without an id are not "the army" named before
    ("الجيش الأردني", BEFORE, None),
    ("الجيش اللبناني", AFTER, None),
    ("الاحتلال الفرنسي", BEFORE, None),
]


@pytest.mark.parametrize(("text", "on", "actor_id"), OUTLET_NAMES)
def test_outlets_names_for_a_force(text: str, on: dt.date | None, actor_id: str | None) -> None:
    assert ids(text, on)[:1] == ([actor_id] if actor_id else [])


def test_remnants_of_the_old_regime_without_a_date_follow_the_articles_era() -> None:
    assert ids("هاجمت فلول النظام البائد حاجزا للأمن العام", DATELESS)[0] == (
        "pro-government-militias"
    )
    # before the fall, "فلول" of a living army is that army
    assert ids("لاحق الثوار فلول قوات النظام", BEFORE) == [
        "opposition-rebels",
        "syria-military-2000-2024",
    ]
    # an old mine of the fallen army stays the army's (extraction then drops it as actor1)
    assert ids("لغم من مخلفات قوات النظام البائد", AFTER) == ["syria-military-2000-2024"]


def test_a_bare_occupier_refers_to_the_one_named_else_israel() -> None:
    text = "قصف الاحتلال التركي قرى ريف منبج، وقال مصدر إن جيش الاحتلال استهدف المنازل"
    assert ids(text, BEFORE) == ["turkey-military", "turkey-military"]
    title_first = "الاحتلال يقصف القنيطرة\nقصفت قوات الاحتلال الإسرائيلي محيط جباتا الخشب"
    assert ids(title_first, AFTER) == ["israel-military"] * 2
    assert ids("توغلت قوات الاحتلال في ريف القنيطرة", AFTER) == ["israel-military"]


def test_the_mujahideen_are_the_jihadists_named_in_the_article() -> None:
    text = "هاجم جنود الخلافة ثكنة للجيش النصيري وتمكن المجاهدون من قتل 5 عناصر"
    assert ids(text, BEFORE) == ["islamic-state", "syria-military-2000-2024", "islamic-state"]
    assert ids("قال المجاهدون إنهم صدوا الهجوم", BEFORE) == []


def test_a_client_group_with_the_article_replaces_the_armed_group_it_was_read_as() -> None:
    assert ids("هاجمت الجماعات المسلحة المدعومة من تركيا القرية", BEFORE) == [
        "sna",
        "turkey-military",
    ]


# ---------------------------------------------------------------- the outlet's reading of a name

SDF_MEDIA, STATE, OPPOSITION = "sdf-aligned", "state", "opposition"


def read_by(text: str, on: dt.date | None, camp: str | None) -> list[str]:
    norm = normalize(text)
    return [m.actor_id for m in actor_resolver().find(norm, tokenize(norm), on, camp)]


@pytest.mark.parametrize(
    ("text", "on", "camp", "actor_id"),
    [
        # SDF media: the Asayish in any year, with or without a date
        ("قوى الأمن الداخلي", AFTER, SDF_MEDIA, "sdf"),
        ("قوى الأمن الداخلي", BEFORE, SDF_MEDIA, "sdf"),
        ("قوى الأمن الداخلي", DATELESS, SDF_MEDIA, "sdf"),
        ("عناصر من الأمن الداخلي", AFTER, SDF_MEDIA, "sdf"),
        ("حاجز لقوات الأمن الداخلي", AFTER, SDF_MEDIA, "sdf"),
        # state media: the state's police, Assad's before the fall
        ("قوى الأمن الداخلي", AFTER, STATE, "syria-police-2024-"),
        ("قوى الأمن الداخلي", BEFORE, STATE, "syria-military-2000-2024"),
        # other and unknown outlets: the date decides, as before
        ("قوى الأمن الداخلي", AFTER, OPPOSITION, "syria-police-2024-"),
        ("قوى الأمن الداخلي", BEFORE, OPPOSITION, "sdf"),
        ("قوى الأمن الداخلي", AFTER, None, "syria-police-2024-"),
        ("قوى الأمن الداخلي", BEFORE, None, "sdf"),
        ("قوى الأمن الداخلي", AFTER, "no-such-camp", "syria-police-2024-"),
        # names with no reading of their own are read alike everywhere
        ("الجيش الوطني", AFTER, SDF_MEDIA, "sna"),
        ("قوات الحكومة السورية", AFTER, SDF_MEDIA, "syria-military-2024-"),
        ("قوات الحكومة", BEFORE, SDF_MEDIA, "syria-military-2000-2024"),
        ("قوات حكومة دمشق", AFTER, SDF_MEDIA, "syria-military-2024-"),
        ("قوات حكومة دمشق", BEFORE, SDF_MEDIA, "syria-military-2000-2024"),
        ("الأمن العام", AFTER, SDF_MEDIA, "syria-police-2024-"),
    ],
)
def test_the_outlet_reads_a_shared_name_its_way(
    text: str, on: dt.date | None, camp: str | None, actor_id: str
) -> None:
    assert read_by(text, on, camp)[:1] == [actor_id]
    assert actor_resolver().resolve(text, on, camp)[0] == actor_id


@pytest.mark.parametrize("camp", [SDF_MEDIA, STATE, OPPOSITION, None])
@pytest.mark.parametrize(
    ("text", "on", "actor_id"),
    [
        ("قوى الأمن الداخلي (الأسايش)", AFTER, "sdf"),
        ("قوى الأمن الداخلي التابعة للإدارة الذاتية", AFTER, "sdf"),
        ("قوى الأمن الداخلي التابعة للإدارة الذاتية", BEFORE, "sdf"),
        # a body of the state: its police, of the era of the date
        ("قوى الأمن الداخلي التابعة لحكومة دمشق", AFTER, "syria-police-2024-"),
        ("قوى الأمن الداخلي التابعة لوزارة الداخلية السورية", AFTER, "syria-police-2024-"),
        ("قوى الأمن الداخلي التابعة لحكومة دمشق", BEFORE, "syria-military-2000-2024"),
    ],
)
def test_the_text_saying_whose_wins_over_the_outlet(
    text: str, on: dt.date, actor_id: str, camp: str | None
) -> None:
    assert read_by(text, on, camp)[0] == actor_id


def test_a_name_of_another_kind_in_apposition_is_no_reading() -> None:
    # the militias are of the old regime's camp but no army: another actor joined by "أو"
    text = "قوات الحكومة أو الميليشيات الموالية لها"
    assert read_by(text, AFTER, None)[0] == "syria-military-2024-"


@pytest.mark.parametrize(
    ("text", "camp", "expected"),
    [
        ("قصفت قوات الاحتلال قرية في ريف تل تمر", SDF_MEDIA, ["turkey-military"]),
        ("قصفت قوات الاحتلال قرية في ريف القنيطرة", OPPOSITION, ["israel-military"]),
        ("قصفت قوات الاحتلال قرية في ريف القنيطرة", None, ["israel-military"]),
        # an occupier named in the article still wins over the outlet's default
        ("قصف الاحتلال الروسي القرية ثم استهدف جيش الاحتلال", SDF_MEDIA, ["russia-military"] * 2),
        ("هاجم المرتزقة قرية في ريف عين عيسى", SDF_MEDIA, ["sna"]),
        ("هاجم المرتزقة قرية في ريف عين عيسى", None, []),
        ("هاجم المرتزقة قرية في ريف عين عيسى", STATE, []),
        ("قاتل مرتزقة فاغنر في البادية وقتل المرتزقة عددا", SDF_MEDIA, ["russia-military"] * 2),
    ],
)
def test_a_reference_with_no_antecedent_takes_the_outlets_default(
    text: str, camp: str | None, expected: list[str]
) -> None:
    assert read_by(text, BEFORE, camp) == expected


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["shared_forms"][0].update(by_outlet={"sdf-aligned": ["no-such-actor"]}),
        lambda d: d["shared_forms"][0].update(by_outlet={"sdf-aligned": []}),
        lambda d: d["shared_forms"][0].update(by_outlet=["sdf"]),
        lambda d: d["anaphora"][0].update(by_outlet={"sdf-aligned": ["sna", "sdf"]}),
        lambda d: d["anaphora"][0].update(by_outlet={"sdf-aligned": "no-such-actor"}),
    ],
)
def test_a_broken_outlet_reading_is_reported(change: Any) -> None:
    with pytest.raises(ActorDataError, match="by_outlet"):
        ActorResolver(broken(change))


def test_an_analyst_can_give_a_name_an_outlets_reading_without_code() -> None:
    data = broken(
        lambda d: d["actors"]["ndf"].update(by_outlet={"is-voice": "pro-government-militias"})
    )
    resolver = ActorResolver(data)
    assert resolver.resolve("الدفاع الوطني", BEFORE, "is-voice")[0] == "pro-government-militias"
    assert resolver.resolve("الدفاع الوطني", BEFORE, "state")[0] == "ndf"
    assert "is-voice" in resolver.outlet_camps
