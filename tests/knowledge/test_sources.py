"""Reporting sources: outlets, monitors, unnamed sources and actors speaking for themselves."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.knowledge.actors import actor_resolver
from rasd.knowledge.sources import (
    SOURCES_FILE,
    SourceDataError,
    SourceResolver,
    source_resolver,
)
from rasd.text.normalize import normalize
from rasd.text.tokens import tokenize


def cited(text: str) -> list[tuple[str, str]]:
    """(name, original text) of every source the text cites."""
    norm = normalize(text)
    return [
        (m.name, norm.span(m.start, m.end).text)
        for m in source_resolver().find(norm, tokenize(norm))
    ]


def names(text: str) -> list[str]:
    return [n for n, _ in cited(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وفق المرصد السوري لحقوق الإنسان", "SOHR"),
        ("بحسب المرصد السوري", "SOHR"),
        ("وأشار المرصد إلى", "SOHR"),
        ("قال مدير المرصد رامي عبد الرحمن", "SOHR"),
        ("ذكرت وكالة سانا", "SANA"),
        ("نقلت الوكالة العربية السورية للأنباء", "SANA"),
        ("أفادت شبكة “البادية 24”", "Al-Badia 24"),
        ("وقالت البادية24", "Al-Badia 24"),
        ("نشرت شبكة دير الزور 24", "Deir ez-Zor 24"),
        ("أفاد موقع نهر ميديا", "Nahr Media"),
        ("تحدثت شبكة “الشرقية 24” المحلية", "Al-Sharqiya 24"),
        ("قالت شبكة فرات بوست", "Euphrates Post"),
        ("بثت قناة الإخبارية السورية", "Al-Ikhbariya"),
        ("نقل موقع تلفزيون سوريا", "Syria TV"),
        ("بحسب وكالة نورث برس", "North Press"),
        ("قال لعنب بلدي", "Enab Baladi"),
        ("ذكرت وكالة فرانس برس", "AFP"),
        ("(أ ف ب)", "AFP"),
        ("نقلت وكالة الأنباء الألمانية", "DPA"),
        ("ذكرت رويترز", "Reuters"),
        ("أفادت وكالة مهر", "Mehr"),
        ("نقلت وكالة تسنيم", "Tasnim"),
        ("بحسب مصادر محلية", "local sources"),
        ("قال ناشطون", "activists"),
        ("نشرت شبكات إخبارية محلية", "local news networks"),
        ("تنعى صفحات موالية على “فيس بوك”", "pro-government Facebook pages"),
        ("نقلت وسائل إعلام محلية", "Syrian local media"),
        ("أعلنت وزارة الدفاع الروسية", "Russian Ministry of Defence"),
        ("نشر المركز الإعلامي لقوات سوريا الديمقراطية", "SDF"),
    ],
)
def test_sources_are_named_canonically(text: str, name: str) -> None:
    assert names(text) == [name]


def test_amaq_is_the_islamic_states_claim_channel() -> None:
    norm = normalize("ونشرت وكالة “أعماق” بيانا")
    (m,) = source_resolver().find(norm, tokenize(norm))
    assert (m.name, m.kind, m.actor_id) == ("Amaq", "claim_channel", "islamic-state")
    assert names("قالت “أعماق” إن عناصر التنظيم هاجموا") == ["Amaq"]


def test_amaq_the_word_is_not_amaq_the_agency() -> None:
    assert names("تتمركز الخلايا في أعماق البادية السورية") == []


def test_an_actor_is_a_source_only_when_it_speaks() -> None:
    norm = normalize("من جانبه، نعى “لواء القدس” 12 عنصرا من مقاتليه")
    (m,) = source_resolver().find(norm, tokenize(norm))
    assert (m.name, m.kind, m.actor_id) == ("Liwa al-Quds", "actor_self", "liwa-al-quds")
    assert names("نعت ميليشيا لواء القدس عنصرين") == ["Liwa al-Quds"]
    assert names("قسد أعلنت أسر مهاجم") == ["SDF"]
    assert names("هاجم التنظيم حاجزا للواء القدس") == []


def test_only_the_speaker_is_voiced() -> None:
    assert names("اتهمت الحكومة تنظيم داعش بتنفيذ الهجوم") == ["Syrian government"]


def test_a_correspondent_takes_the_outlets_name() -> None:
    assert cited("وقال مراسل وطن إف إم إن مسلحين خطفوا رعاة") == [
        ("Watan FM correspondent", "مراسل وطن إف إم")
    ]
    assert names("وأشار مراسلنا إلى أن") == ["correspondent"]


def test_definite_names_need_the_article() -> None:
    assert names("قال مرصد العدالة من أجل الحياة") == ["Justice for Life"]
    assert names("قال المرصد") == ["SOHR"]


def test_outlet_words_join_the_mention() -> None:
    assert cited("وتحدثت شبكة “البادية 24” عن الهجوم") == [("Al-Badia 24", "شبكة “البادية 24")]


FILLER = ["هجوم", "على", "في", "بادية", "حمص", "يوم", "الأحد", "،", ".", "قتل", "عنصرا"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(FILLER), max_size=5),
    st.sampled_from(
        [
            ("المرصد السوري لحقوق الإنسان", "SOHR"),
            ("مصادر محلية", "local sources"),
            ("وكالة أعماق", "Amaq"),
            ("فرات بوست", "Euphrates Post"),
        ]
    ),
    st.lists(st.sampled_from(FILLER), max_size=5),
)
def test_context_does_not_change_a_source(
    before: list[str], source: tuple[str, str], after: list[str]
) -> None:
    form, name = source
    assert cited(" ".join([*before, form, *after])) == [(name, form)]


def catalogue() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))
    return data


def test_every_source_actor_is_an_ontology_id() -> None:
    actors = actor_resolver().actors
    for entry in catalogue()["sources"]:
        assert entry.get("actor") is None or entry["actor"] in actors


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["sources"][0].update(kind="rumour"),
        lambda d: d["sources"][0].update(actor="no-such-actor"),
        lambda d: d["sources"][0].pop("name"),
        lambda d: d["sources"][0].update(forms="أعماق"),
        lambda d: d.update(voice_window=0),
        lambda d: d.update(sources=[]),
        lambda d: d.update(spelling_variants="إف"),
    ],
)
def test_a_broken_catalogue_is_reported(change: Any) -> None:
    data = copy.deepcopy(catalogue())
    change(data)
    with pytest.raises(SourceDataError):
        SourceResolver(data, actor_resolver().actors.keys())


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(SourceDataError, match=r"sources\.yaml"):
        SourceResolver.from_file(path, actor_resolver().actors.keys())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("قالت وكالة سانا إن وحدات من الجيش", "SANA"),
        ("ذكرت صحيفة الوطن السورية", "Al-Watan"),
        ("نقلت إذاعة “شام إف إم”", "Sham FM"),
        ("بثت قناة سما", "Sama TV"),
        ("ذكر موقع أورينت نت", "Orient News"),
        ("قالت صحيفة زمان الوصل", "Zaman al-Wasl"),
        ("ذكر موقع تلفزيون سوريا", "Syria TV"),
        ("أفادت شبكة بلدي نيوز", "Baladi News"),
        ("ذكر موقع نداء سوريا", "Nedaa Syria"),
        ("قال تلفزيون حلب اليوم", "Halab Today"),
        ("بحسب حلب اليوم", "Halab Today"),
        ("أفادت وكالة ستيب الإخبارية", "Step News"),
        ("وفق ما نقلت وكالة هاوار", "Hawar"),
        ("ذكرت قناة روناهي", "Ronahi"),
        ("نقلت وكالة فرات للأنباء", "Firat News"),
        ("أفادت شبكة دير الزور 24", "Deir ez-Zor 24"),
        ("ذكرت شبكة السويداء 24", "Suwayda 24"),
        ("نقل تجمع أحرار حوران", "Horan Free League"),
        ("ذكرت صحيفة الشرق الأوسط", "Asharq Al-Awsat"),
        ("ذكرت صحيفة الأخبار اللبنانية", "Al-Akhbar"),
        ("ذكر موقع الميادين نت", "Al-Mayadeen"),
        ("قالت وكالة سبوتنيك", "Sputnik"),
        ("ذكرت قناة آر تي عربي", "RT"),
        ("قالت وكالة الأناضول", "Anadolu"),
        ("ذكرت صحيفة القدس العربي", "Al-Quds Al-Arabi"),
        ("بحسب موقع عربي 21", "Arabi21"),
        ("قالت بي بي سي", "BBC"),
        ("ذكرت فرانس 24", "France 24"),
        ("ذكرت سكاي نيوز عربية", "Sky News Arabia"),
        ("ذكر موقع الحل نت", "Al-Hal Net"),
        ("أوردت أيام سوريا", "Ayyam Syria"),
        ("قالت دويتشه فيله", "DW"),
    ],
)
def test_outlets_are_named_canonically(text: str, name: str) -> None:
    assert names(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "شهدت حلب اليوم اشتباكات عنيفة",  # Aleppo, today
        "وصلت تعزيزات عسكرية إلى الميادين",  # the town, not the channel
        "تداولت الأخبار المحلية صورا",
    ],
)
def test_outlet_names_that_are_common_words_need_their_cue(text: str) -> None:
    assert names(text) == []


# ---------------------------------------------------------------- the article's own outlet


def outlet_of(outlet: str | None, url: str | None = None) -> tuple[str, str | None] | None:
    found = source_resolver().outlet(outlet, url)
    return (found.name, found.camp) if found else None


@pytest.mark.parametrize(
    ("outlet", "url", "expected"),
    [
        # names as outlet fields hold them, in any case and punctuation
        ("ANHA", None, ("Hawar", "sdf-aligned")),
        ("Hawar News Agency", None, ("Hawar", "sdf-aligned")),
        ("وكالة أنباء هاوار", None, ("Hawar", "sdf-aligned")),
        ("north press", None, ("North Press", "sdf-aligned")),
        ("Ronahi TV", None, ("Ronahi", "sdf-aligned")),
        ("Firat News Agency", None, ("Firat News", "sdf-aligned")),
        ("SANA", None, ("SANA", "state")),
        ("سانا", None, ("SANA", "state")),
        ("Syria TV", None, ("Syria TV", "opposition")),
        ("Enab Baladi", None, ("Enab Baladi", "opposition")),
        ("Amaq", None, ("Amaq", "is-voice")),
        ("SOHR", None, ("SOHR", None)),  # an outlet of no camp
        # a field of several parts
        ("ANHA | Hawar News Agency", None, ("Hawar", "sdf-aligned")),
        ("الرئيسية - وكالة أنباء هاوار", None, ("Hawar", "sdf-aligned")),
        # domains, in the outlet field or the url (sub-domains, ports, www)
        ("hawarnews.com", None, ("Hawar", "sdf-aligned")),
        ("www.npasyria.com", None, ("North Press", "sdf-aligned")),
        (None, "https://npasyria.com/205511/", ("North Press", "sdf-aligned")),
        (None, "https://www.sana.sy/?p=123", ("SANA", "state")),
        (None, "http://ar.hawarnews.com:8080/x", ("Hawar", "sdf-aligned")),
        (None, "https://arabic.rt.com/middle_east/1/", ("RT", "axis")),
        # the url wins over the field
        ("Some Aggregator", "https://www.syria.tv/x", ("Syria TV", "opposition")),
        ("SANA", "https://hawarnews.com/ar/1", ("Hawar", "sdf-aligned")),
        # unknown outlets and look-alikes
        ("Al-Watan (Bahrain)", "https://alwatannews.net/arab/article/1", None),
        ("Al-Masry Al-Youm", None, None),
        (None, "https://example.com/sana.sy", None),
        (None, "not a url", None),
        ("", "", None),
        (None, None, None),
    ],
)
def test_the_articles_outlet_is_known_by_its_name_or_domain(
    outlet: str | None, url: str | None, expected: tuple[str, str | None] | None
) -> None:
    assert outlet_of(outlet, url) == expected


def test_unnamed_sources_and_actors_are_no_outlets() -> None:
    assert outlet_of("مصادر محلية") is None
    assert outlet_of("قسد") is None


def test_every_camp_an_actor_name_is_read_by_is_declared() -> None:
    assert actor_resolver().outlet_camps <= source_resolver().camps
    with pytest.raises(SourceDataError, match="outlet_camps"):
        SourceResolver(catalogue(), actor_resolver().actors.keys(), camps_read={"no-such-camp"})


def test_an_analyst_can_add_an_outlet_without_code() -> None:
    data = copy.deepcopy(catalogue())
    data["sources"].append(
        {"name": "Jin News", "kind": "media", "camp": "sdf-aligned", "domains": ["jinhaagency.com"]}
    )
    resolver = SourceResolver(data, actor_resolver().actors.keys())
    found = resolver.outlet(None, "https://jinhaagency.com/ar/1")
    assert found is not None and (found.name, found.camp) == ("Jin News", "sdf-aligned")


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["sources"][0].update(camp="no-such-camp"),
        lambda d: d.update(outlet_camps=["sdf-aligned"]),
        lambda d: d["sources"][-1].update(camp="state"),  # a generic source is no outlet
        lambda d: d["sources"][0].update(domains="amaq.example"),
        # one domain or name for two outlets
        lambda d: d["sources"][2].update(domains=["syriahr.com", "sana.sy"]),
        lambda d: d["sources"][2].update(outlet_names=["Syria TV"]),
        # two camps for one outlet
        lambda d: d["sources"].append({"name": "SANA", "kind": "state_media", "camp": "axis"}),
    ],
)
def test_a_broken_outlet_is_reported(change: Any) -> None:
    data = copy.deepcopy(catalogue())
    change(data)
    with pytest.raises(SourceDataError):
        SourceResolver(data, actor_resolver().actors.keys())
