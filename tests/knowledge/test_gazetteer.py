"""The packaged gazetteer and its build script's name handling."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.knowledge.gazetteer import admin1_at, km, load_gazetteer
from rasd.knowledge.lexicon import entry_key

ROOT = Path(__file__).resolve().parents[2]
ADMIN1 = {
    "Damascus", "Rural Damascus", "Aleppo", "Homs", "Hama", "Latakia", "Tartus", "Idlib",
    "Raqqa", "Deir ez-Zor", "Hasakah", "Daraa", "As-Suwayda", "Quneitra",
}  # fmt: skip


def _build_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "scripts" / "build_gazetteer.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_gazetteer"] = module
    spec.loader.exec_module(module)
    return module


build = _build_module()


def test_every_row_is_in_syria_with_a_spec_governorate() -> None:
    gaz = load_gazetteer()
    assert len(gaz) > 10_000
    assert len({p.id for p in gaz.places}) == len(gaz)
    for p in gaz.places:
        assert p.admin1 in ADMIN1, p
        assert 32.0 < p.lat < 37.6 and 35.5 < p.lon < 42.5, p
        assert p.rank > 0
    assert set(gaz.governorates) == ADMIN1


def test_spellings_the_normaliser_folds_find_the_same_place() -> None:
    gaz = load_gazetteer()
    forms = ["السخنة", "سخنة", "السخنه", "السُّخنة", "بالسخنة"]
    ids = [{p.id for p in gaz.candidates(f)} for f in forms]
    assert all(i == ids[0] for i in ids) and ids[0]


def test_final_alef_variant_of_ta_marbuta() -> None:
    # OCHA writes الشولة, the press الشولا: both are one village west of Deir ez-Zor.
    gaz = load_gazetteer()
    for form in ("الشولة", "الشولا"):
        top = gaz.candidates(form)[0]
        assert top.admin1 == "Deir ez-Zor"
        assert km(top.lat, top.lon, 35.187, 39.846) < 5


def test_ocha_compound_names_are_split_into_aliases() -> None:
    # OCHA's مسكنة_عنيزة is the town of Maskanah (Aleppo) under two names.
    gaz = load_gazetteer()
    assert any(p.admin1 == "Aleppo" for p in gaz.candidates("عنيزة"))
    assert any(p.admin1 == "Aleppo" for p in gaz.candidates("مسكنة"))


def test_candidates_are_biggest_first_and_unknown_names_give_nothing() -> None:
    gaz = load_gazetteer()
    ranks = [p.rank for p in gaz.candidates("الطيبة")]
    assert len(ranks) > 5 and ranks == sorted(ranks, reverse=True)
    assert gaz.candidates("كلمةليستمكانا") == []


def test_admin1_at_uses_the_shipped_boundaries() -> None:
    assert admin1_at(34.883, 38.870) == "Homs"  # al-Sukhnah
    assert admin1_at(35.755, 39.608) == "Raqqa"  # Maadan
    assert admin1_at(35.0248, 40.4280) == "Deir ez-Zor"  # al-Mayadin
    assert admin1_at(31.95, 35.93) is None  # Amman


def test_shipped_files_stay_small() -> None:
    data = ROOT / "src" / "rasd" / "knowledge" / "data"
    assert (data / "gazetteer.tsv.gz").stat().st_size < 1_500_000
    assert (data / "admin1.geojson").stat().st_size < 300_000


def test_curated_rows_have_points_and_sources() -> None:
    rows = build.curated_rows(ROOT / "src" / "rasd" / "knowledge" / "data" / "places_curated.tsv")
    assert rows
    gaz = load_gazetteer()
    for row in rows:
        assert row.admin1 in ADMIN1
        assert gaz.candidates(row.name_ar), row.name_ar


# ------------------------------------------------------------------ build-script parsers


def test_split_ocha_name() -> None:
    assert build.split_ocha_name("الكوم - السخنة") == ("الكوم", [])
    assert build.split_ocha_name("مسكنة_عنيزة") == ("مسكنة", ["عنيزة"])
    assert build.split_ocha_name("حي القدم") == ("القدم", ["حي القدم"])
    assert build.split_ocha_name("الحجلية- الباب") == ("الحجلية", [])


def test_variants() -> None:
    assert "الشولا" in build.variants("الشولة")
    assert "شوله" in build.variants("الشولة")
    assert "فيضه بن موينع" in build.variants("فيضة ابن موينع")
    assert "مطار ضمير العسكري" in build.variants("مطار الضمير العسكري")
    assert "مطار الضمير" in build.variants("مطار الضمير العسكري")
    assert "جبال البشري" in build.variants("جبل البشري")


arabic_words = st.lists(
    st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويةأإآى", min_size=2, max_size=8),
    min_size=1, max_size=3,
).map(" ".join)  # fmt: skip


@given(arabic_words)
def test_variants_start_with_the_normalised_name_and_keep_its_key(name: str) -> None:
    out = build.variants(name)
    assert out[0] == build.normalize_key(name)
    assert len(out) == len(set(out))
    assert all(v.strip() and "  " not in v for v in out)


@given(arabic_words, st.sampled_from(["", " - ", "_", "- "]), arabic_words)
def test_split_ocha_name_keeps_the_first_name(first: str, sep: str, second: str) -> None:
    primary, extra = build.split_ocha_name(first + sep + second if sep else first)
    assert primary
    assert entry_key(primary)
    if sep == "_" and not first.startswith("حي "):
        assert primary == first and extra == [second]


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "data").is_dir(),
    reason="needs ../shared/data (the source data) to rebuild",
)
def test_build_is_deterministic(tmp_path: Path) -> None:
    data = ROOT / "src" / "rasd" / "knowledge" / "data"
    out = tmp_path / "data"
    out.mkdir()
    for name in ("places_curated.tsv", "places_amend.tsv"):
        (out / name).write_bytes((data / name).read_bytes())
    assert build.main(["--out", str(out)]) == 0
    for name in ("gazetteer.tsv.gz", "admin1.geojson", "place_stopnames.tsv"):
        assert (out / name).read_bytes() == (data / name).read_bytes(), name


def test_kafr_names_are_written_joined_or_apart() -> None:
    assert "كفرنبل" in build.variants("كفر نبل")
    assert "كفر نبل" in build.variants("كفرنبل")
    assert not any(" " in v for v in build.variants("كفر"))


def test_surface_forms_keep_the_article_and_skip_the_future_prefix() -> None:
    assert {"والباب", "الباب"} <= build.surface_forms("والباب")
    assert "الباب" in build.surface_forms("للباب")
    assert "الباب" in build.surface_forms("بالباب")
    assert "باب" not in build.surface_forms("الباب")
    assert "نوي" not in build.surface_forms("سنوي")  # annual, not سـ + نوى


def test_stop_names_tell_a_name_with_its_article_from_a_word() -> None:
    stops = {
        line.split("\t")[0]
        for line in (ROOT / "src" / "rasd" / "knowledge" / "data" / "place_stopnames.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
        if line and not line.startswith("#")
    }
    assert "حوله" in stops and "الحوله" not in stops  # around it / al-Houla
    assert "سلميه" in stops  # peaceful: a word with the article is one without it too


def test_amendments_name_existing_rows(tmp_path: Path) -> None:
    rows = [build.Row(id="ocha:C1", name_ar="عين العرب", name_en="Ain al-Arab", type="city",
                      lat=36.9, lon=38.35, source="ocha"),
            build.Row(id="wof:2", name_ar="التنف", name_en="At Tanf", type="village",
                      lat=33.49, lon=38.66, source="wof"),
            build.Row(id="feat:3", name_ar="قاعدة التنف", name_en="Al-Tanf", type="base",
                      lat=33.44, lon=38.83, source="features")]  # fmt: skip
    path = tmp_path / "amend.tsv"
    path.write_text(
        "# comment\nid\taliases_ar\ttype\tadmin1\tsame_as\tnote\n"
        "ocha:C1\tكوباني\t\t\t\tpress name\n"
        "wof:2\t\t\t\tfeat:3\tthe base\n"
        "feat:3\t\t\tHoms\t\tboundary\n",
        encoding="utf-8",
    )
    out = build.amend(rows, path)
    assert [r.id for r in out] == ["ocha:C1", "feat:3"]
    assert "كوباني" in out[0].aliases
    assert "التنف" in out[1].aliases and out[1].admin1 == "Homs"
    path.write_text("id\taliases_ar\ttype\tadmin1\tsame_as\tnote\nocha:C9\tx\t\t\t\t-\n")
    with pytest.raises(ValueError):
        build.amend(rows, path)


@pytest.mark.parametrize(
    ("name", "kind"),
    [("حلب", "city"), ("دمشق", "city"), ("المخرم", "town"), ("كفرزيتا", "town"), ("الحفة", "city")],
)
def test_centres_named_otherwise_are_found(name: str, kind: str) -> None:
    # Aleppo's sub-district is مركز جبل سمعان, Damascus' دمشق (no مركز), al-Haffa's
    # مركزالحفة, al-Mukharram's centre is المخرم الفوقاني, Kafr Zita is OCHA's كفر زيتا
    places = [p for p in load_gazetteer().candidates(name) if p.source.startswith("ocha")]
    assert places and places[0].type == kind, (name, places[:1])
