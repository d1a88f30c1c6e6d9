"""Build rasd's Syria gazetteer from the open data in ``../shared/data``.

Reads (see each folder's PROVENANCE.md): OCHA populated places and admin units,
Who's On First localities, Open-Syria admin units, the non-populated features table
and its Wikipedia supplement, the OCHA ADM1/ADM2 boundaries, and ANERcorp; plus the
hand-curated ``places_curated.tsv`` of the package. Writes, into
``src/rasd/knowledge/data``:

- ``gazetteer.tsv.gz``: one row per place (columns in :data:`COLUMNS`);
- ``admin1.geojson``: governorate polygons simplified to ~0.005°;
- ``place_stopnames.tsv``: gazetteer names that are ordinary words in news text
  (counted in ANERcorp tokens tagged ``O``), which the resolver reads only after a cue.

The output is deterministic: same inputs, same bytes. Run from the repo root::

    python scripts/build_gazetteer.py [--shared ../shared] [--out src/rasd/knowledge/data]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import PreparedGeometry, prep

from rasd.geo import km
from rasd.knowledge.lexicon import entry_key
from rasd.text.normalize import normalize_key
from rasd.text.tokens import PROCLITICS

COLUMNS = (
    "id", "name_ar", "name_en", "aliases_ar", "type", "admin1", "admin2", "admin3",
    "lat", "lon", "rank", "source",
)  # fmt: skip

# OCHA governorate P-codes → the admin1 names of shared/spec/admin1.tsv.
ADMIN1_BY_PCODE = {
    "SY01": "Damascus", "SY02": "Aleppo", "SY03": "Rural Damascus", "SY04": "Homs",
    "SY05": "Hama", "SY06": "Latakia", "SY07": "Idlib", "SY08": "Hasakah",
    "SY09": "Deir ez-Zor", "SY10": "Tartus", "SY11": "Raqqa", "SY12": "Daraa",
    "SY13": "As-Suwayda", "SY14": "Quneitra",
}  # fmt: skip

# Rank when no source gives a population: a bigger place wins a tie between namesakes.
TYPE_RANK = {
    "governorate": 1_000_000, "capital": 500_000, "city": 50_000, "town": 10_000,
    "village": 1_000, "neighbourhood": 500, "airbase": 5_000, "airport": 5_000,
    "oil_field": 3_000, "gas_field": 3_000, "camp": 3_000, "station": 2_000, "dam": 2_000,
    "mountain": 2_000, "desert": 2_000, "prison": 1_500, "base": 1_500, "crossing": 1_500,
    "road": 1_000, "wadi": 500, "hill": 300, "junction": 300, "checkpoint": 200, "other": 500,
}  # fmt: skip

# A city's named area (Damascus' المزة): a quarter that holds many of OCHA's neighbourhoods.
AREA_RANK = 5_000

FEATURE_TYPES = {
    "air_base": "airbase", "desert_area": "desert", "mountain": "mountain", "hill": "hill",
    "oil_field": "oil_field", "gas_field": "gas_field", "station": "station",
    "airport": "airport", "dam": "dam", "checkpoint": "checkpoint", "junction": "junction",
    "base": "base", "prison": "prison", "camp": "camp", "wadi": "wadi", "other": "other",
}  # fmt: skip

# Generic heads of feature names: the word after them may drop its article in the news
# (مطار الضمير العسكري ~ مطار ضمير العسكري).
FEATURE_HEADS = ("مطار", "جبل", "جبال", "حقل", "حقول", "سد", "مخيم", "سجن", "معبر", "قاعده",
                 "محطه", "بادية", "باديه", "تل", "وادي", "قلعه", "معمل")  # fmt: skip

PLURAL_HEADS = {"جبل": "جبال", "جبال": "جبل", "حقل": "حقول", "حقول": "حقل"}
# Adjectives that follow a feature name and may be left out (مطار المزة العسكري).
TRAILING_DESCRIPTORS = ("العسكري", "الدولي", "المركزي", "الحدودي", "النفطي", "الغازي")

# Generic heads OCHA writes before a name the news gives bare (قطعة البوليل ~ البوليل).
GENERIC_HEADS = ("قطعه",)

# Words after a sub-district centre's name in OCHA (المخرم الفوقاني, centre of المخرم).
CENTRE_DESCRIPTORS = ("الفوقاني", "التحتاني", "الكبير", "الكبيره", "فوقاني", "تحتاني")

# First words the news writes joined to the next or apart (كفر نبل ~ كفرنبل).
JOINED_HEADS = ("كفر",)

MERGE_KM = 3.0
ARABIC = re.compile(r"[\u0600-\u06ff]")
BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]")


@dataclass
class Row:
    """A place while it is being built; ``keys`` are the lexicon keys of all its names."""

    id: str
    name_ar: str
    name_en: str
    type: str
    lat: float
    lon: float
    source: str
    aliases: list[str] = field(default_factory=list)
    english: str = ""  # a conventional English name (WOF/GeoNames), preferred to OCHA's
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    rank: int = 0

    def names(self) -> list[str]:
        return [self.name_ar, *self.aliases]

    def is_community(self) -> bool:
        return self.type in ("city", "town", "village")


def read_tsv(path: Path) -> list[dict[str, str]]:
    """A TSV with a header row, read with a CSV parser (OCHA fields hold newlines)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return [
            {k: (v or "").strip() for k, v in row.items() if k is not None}
            for row in csv.DictReader(fh, delimiter="\t")
        ]


def clean_ar(name: str) -> str:
    return " ".join(name.replace("\n", " ").split())


def clean_en(name: str) -> str:
    """OCHA English names without their disambiguating brackets or compound tails."""
    name = BRACKETS.sub("", name.replace("\n", " ")).split(" - ")[0]
    return " ".join(name.split())


# ---------------------------------------------------------------- spelling variants


def variants(name: str) -> list[str]:
    """Spellings the news uses for one name, in normalised form.

    With and without the article, final ة (normalised ه) as ا (الشولة ~ الشولا),
    ابن ~ بن, كفر joined to the next word or apart (كفر نبل ~ كفرنبل), and for feature
    names the word after the generic head without its article (مطار الضمير ~ مطار ضمير).
    """
    base = normalize_key(name)
    words = base.split()
    if not words:
        return []
    out = {base}
    if words[0].startswith("ال") and len(words[0]) > 4:
        out.add(" ".join([words[0][2:], *words[1:]]))
    for form in list(out):
        w = form.split()
        if w[-1].endswith("ه") and len(w[-1]) >= 4:
            out.add(" ".join([*w[:-1], w[-1][:-1] + "ا"]))
        if "ابن" in w:
            out.add(" ".join("بن" if x == "ابن" else x for x in w))
        if "بن" in w:
            out.add(" ".join("ابن" if x == "بن" else x for x in w))
        if len(w) >= 2 and w[0] in FEATURE_HEADS and w[1].startswith("ال") and len(w[1]) > 4:
            out.add(" ".join([w[0], w[1][2:], *w[2:]]))
        if len(w) >= 2 and w[0] in PLURAL_HEADS:
            out.add(" ".join([PLURAL_HEADS[w[0]], *w[1:]]))
        if len(w) >= 2 and w[0] in GENERIC_HEADS:
            out.add(" ".join(w[1:]))
        if len(w) >= 2 and w[0] in JOINED_HEADS:
            out.add(" ".join([w[0] + w[1], *w[2:]]))
        for head in JOINED_HEADS:
            if w[0].startswith(head) and len(w[0]) - len(head) >= 3:
                out.add(" ".join([head, w[0][len(head) :], *w[1:]]))
    for form in list(out):
        w = form.split()
        if len(w) >= 3 and w[0] in FEATURE_HEADS and w[-1] in TRAILING_DESCRIPTORS:
            out.add(" ".join(w[:-1]))
    out.discard(base)
    return [base, *sorted(out)]


def latin(name: str) -> str:
    """A romanised name in plain letters (``Ḩarastā`` → ``Harasta``, ``Ma`dan`` →
    ``Ma'dan``), or "" when ``name`` is not in Latin script."""
    if not name or ARABIC.search(name):
        return ""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = " ".join(re.sub("[`‘’ʿʾ]", "'", folded).split())
    return folded if folded.isascii() and re.search("[A-Za-z]", folded) else ""


def split_ocha_name(name: str) -> tuple[str, list[str]]:
    """OCHA names: ``X_Y`` joins two names of one place; ``X - Y`` adds the parent Y."""
    name = clean_ar(name)
    if " - " in name or re.search(r"\S- ", name):
        name = re.split(r"\s*- ", name)[0]
    parts = [p.strip() for p in name.split("_") if p.strip()]
    if not parts:
        return name, []
    primary, extra = parts[0], parts[1:]
    if primary.startswith("حي ") and len(primary) > 4:
        extra.append(primary)
        primary = primary[3:].strip()
    return primary, extra


# ---------------------------------------------------------------- boundaries


class Boundaries:
    """OCHA ADM1/ADM2 polygons for point-in-polygon look-ups."""

    def __init__(self, adm1_path: Path, adm2_path: Path) -> None:
        self.adm1 = [
            (ADMIN1_BY_PCODE[f["properties"]["ADM1_PCODE"]], shape(f["geometry"]), f["properties"])
            for f in json.loads(adm1_path.read_text(encoding="utf-8"))["features"]
        ]
        self.adm2 = [
            (f["properties"]["ADM2_EN"], shape(f["geometry"]))
            for f in json.loads(adm2_path.read_text(encoding="utf-8"))["features"]
        ]
        self._p1: list[tuple[str, PreparedGeometry, BaseGeometry]] = [
            (n, prep(g), g) for n, g, _ in self.adm1
        ]
        self._p2: list[tuple[str, PreparedGeometry, BaseGeometry]] = [
            (n, prep(g), g) for n, g in self.adm2
        ]

    @staticmethod
    def _locate(
        items: list[tuple[str, PreparedGeometry, BaseGeometry]], lat: float, lon: float
    ) -> str:
        pt = Point(lon, lat)
        for name, prepared, _ in items:
            if prepared.contains(pt):
                return name
        # Just outside every polygon (a border crossing, a coast point): the nearest one.
        return min(items, key=lambda it: it[2].distance(pt))[0]

    def admin1(self, lat: float, lon: float) -> str:
        return self._locate(self._p1, lat, lon)

    def admin2(self, lat: float, lon: float) -> str:
        return self._locate(self._p2, lat, lon)

    def write_admin1(self, path: Path, tolerance: float) -> None:
        feats = []
        for name, geom, props in sorted(self.adm1, key=lambda t: t[0]):
            simple = geom.simplify(tolerance, preserve_topology=True)
            feats.append({
                "type": "Feature",
                "properties": {
                    "admin1": name, "pcode": props["ADM1_PCODE"], "name_ar": props["ADM1_AR"],
                },
                "geometry": _round_coords(mapping(simple), 4),
            })  # fmt: skip
        doc = {
            "type": "FeatureCollection",
            "attribution": "OCHA / HDX, Syrian Arab Republic COD-AB (CC BY 3.0 IGO); "
            f"simplified with shapely, tolerance {tolerance} degrees",
            "features": feats,
        }
        path.write_text(
            json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
        )

    def centroid(self, admin1: str) -> tuple[float, float]:
        geom = next(g for n, g, _ in self.adm1 if n == admin1)
        c = geom.centroid if geom.contains(geom.centroid) else geom.representative_point()
        return c.y, c.x


def _round_coords(obj: Any, ndigits: int) -> Any:
    if isinstance(obj, float):
        return round(obj, ndigits)
    if isinstance(obj, (list, tuple)):
        return [_round_coords(x, ndigits) for x in obj]
    if isinstance(obj, dict):
        return {k: _round_coords(v, ndigits) for k, v in obj.items()}
    return obj


# ---------------------------------------------------------------- sources


def _joined_key(name: str) -> str:
    """A name's lexicon key without its spaces (كفر زيتا ~ كفرزيتا, حر بنفسه ~ حربنفسه)."""
    return entry_key(name).replace(" ", "")


def _centre_names(sub_name: str) -> tuple[str, bool]:
    """The name of a sub-district's centre (``مركز حمص`` → حمص, also written ``مركزالحفة``)
    and whether the sub-district is a district's centre."""
    name = normalize_key(sub_name)
    if name.startswith("مركز"):
        return name[len("مركز") :].strip(), True
    return name, False


def ocha_rows(gaz: Path, subdistrict_pop: dict[str, int]) -> list[Row]:
    """OCHA communities and neighbourhoods, typed by their role in the admin tree.

    The community a sub-district is named after is its centre: a town, or a city when the
    sub-district is a district's centre. The name is compared without spaces (كفرزيتا is
    OCHA's كفر زيتا) and a centre may carry a descriptor the sub-district's name lacks
    (المخرم الفوقاني of the sub-district المخرم, which then names it too). In a district's
    centre named after something else (Aleppo's is مركز جبل سمعان) the city is the community
    named after the governorate or the district.
    """
    admin3 = read_tsv(gaz / "ocha_syr_admin3.tsv")
    centre_of_sub: dict[str, str] = {}  # admin3 pcode → joined key of its centre's name
    sub_names: dict[str, str] = {}  # admin3 pcode → its centre's name as written
    district_centre_sub: set[str] = set()
    for r in admin3:
        sub_name, district_centre = _centre_names(r["admin3Name_ar"])
        if district_centre:
            district_centre_sub.add(r["admin3Pcode"])
        centre_of_sub[r["admin3Pcode"]] = _joined_key(sub_name)
        sub_names[r["admin3Pcode"]] = sub_name
    locations = read_tsv(gaz / "ocha_syr_locations_20200816.tsv")
    # communities by sub-district: which is its centre, exactly named or with a descriptor
    exact: set[str] = set()
    for r in locations:
        name, _ = split_ocha_name(r["LocationName_ar"])
        if r["location_type"] == "Community" and _joined_key(name) == centre_of_sub.get(
            r["admin3Pcode"]
        ):
            exact.add(r["admin3Pcode"])
    out = []
    for r in locations:
        name, extra = split_ocha_name(r["LocationName_ar"])
        key = _joined_key(name)
        pcode, sub = r["Location_Pcode"], r["admin3Pcode"]
        admin1 = ADMIN1_BY_PCODE[r["admin1Pcode"]]
        community = r["location_type"] == "Community"
        centre = centre_of_sub.get(sub, "")
        is_centre = community and key == centre
        if community and not is_centre and sub not in exact and centre:
            words = normalize_key(name).split()
            if (
                len(words) == 2
                and words[1] in CENTRE_DESCRIPTORS
                and _joined_key(words[0]) == centre
            ):
                is_centre = True
                exact.add(sub)  # the first such community (المخرم الفوقاني, not التحتاني)
                extra.append(sub_names[sub])
        if community and not is_centre and sub in district_centre_sub and sub not in exact:
            is_centre = key in (_joined_key(r["admin1Name_ar"]), _joined_key(r["admin2Name_ar"]))
        capital = is_centre and key == _joined_key(r["admin1Name_ar"])  # Damascus' is دمشق
        if r["location_type"] == "Neighbourhood":
            kind, rank = "neighbourhood", TYPE_RANK["neighbourhood"]
        elif capital or (is_centre and sub in district_centre_sub):
            kind, rank = "city", TYPE_RANK["capital" if capital else "city"]
        elif is_centre:
            kind, rank = "town", TYPE_RANK["town"]
        else:
            kind, rank = "village", TYPE_RANK["village"]
        if is_centre:
            rank = max(rank, subdistrict_pop.get(sub, 0))
        out.append(Row(
            id=f"ocha:{pcode}", name_ar=name, name_en=clean_en(r["LocationName_en"]),
            type=kind, lat=float(r["Latitude_y"]), lon=float(r["Longitude_x"]),
            source="ocha", aliases=extra, admin1=admin1, admin2=r["admin2Name_en"],
            admin3=r["admin3Name_en"], rank=rank,
        ))  # fmt: skip
    return out


def area_rows(gaz: Path, ocha: list[Row]) -> list[Row]:
    """The named areas that group OCHA's city neighbourhoods (Damascus: المزة، كفرسوسة،
    برزة...), at the mean point of their neighbourhoods: the news names the area."""
    points = {r.id: r for r in ocha}
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in read_tsv(gaz / "ocha_syr_city_neighbourhoods.tsv"):
        code = r.get("areaPcode", "")
        if re.fullmatch(r"A\d+", code) and r.get("areaName_ar"):
            groups[code].append(r)
    out = []
    for code, members in sorted(groups.items()):
        found = [points[f"ocha:{m['Neighbourhood_Pcode']}"] for m in members
                 if f"ocha:{m['Neighbourhood_Pcode']}" in points]  # fmt: skip
        if not found:
            continue
        first = members[0]
        out.append(Row(
            id=f"ocha:{code}", name_ar=clean_ar(first["areaName_ar"]),
            name_en=clean_en(first["areaName_en"]), type="neighbourhood",
            lat=sum(p.lat for p in found) / len(found), lon=sum(p.lon for p in found) / len(found),
            source="ocha", admin1=found[0].admin1, admin2=found[0].admin2,
            admin3=found[0].admin3, rank=AREA_RANK,
        ))  # fmt: skip
    return out


def wof_rows(gaz: Path) -> list[Row]:
    """WOF localities (GeoNames) that carry an Arabic-script name."""
    out = []
    for r in read_tsv(gaz / "wof_syr_places.tsv.gz"):
        if r["deprecated"] or r["superseded_by"] or r["placetype"] not in ("locality", "campus"):
            continue
        names = [
            clean_ar(n)
            for n in (r["name_ar_preferred"] + "|" + r["name_ar_variant"]).split("|")
            if ARABIC.search(n)
        ]
        names = list(dict.fromkeys(n for n in names if entry_key(n)))
        if not names or not r["lat"]:
            continue
        code = r["gn_feature_code"]
        kind = (
            "airport"
            if r["placetype"] == "campus"
            else ("town" if code.startswith("PPLA") else "village")
        )
        # GeoNames-only villages rank below OCHA's, abandoned ones (PPLQ) lowest.
        default = TYPE_RANK[kind] // (10 if code == "PPLQ" else 2 if kind == "village" else 1)
        pop = int(r["gn_population"] or 0)
        # Wikipedia's English name when WOF has one (Palmyra), else GeoNames' romanisation
        # (As Sukhnah): both nearer the "al-X" names of English news than OCHA's.
        english = latin(r["name_en_preferred"]) or latin(r["name"])
        out.append(Row(
            id=f"wof:{r['wof_id']}", name_ar=names[0], name_en=english or clean_en(r["name"]),
            type=kind, lat=float(r["lat"]), lon=float(r["lon"]), source="wof",
            aliases=names[1:], english=english, rank=max(pop, default),
        ))  # fmt: skip
    return out


def feature_rows(gaz: Path) -> list[Row]:
    """Non-populated features with an Arabic name, plus the supplement's variants."""
    supplement = {
        normalize_key(r["name_ar"]): [v for v in r["name_ar_variants"].split("|") if v]
        for r in read_tsv(gaz / "supplement_features_wikipedia.tsv")
    }
    out = []
    for r in read_tsv(gaz / "features_syria.tsv"):
        if not r["name_ar"]:
            continue
        kind = FEATURE_TYPES.get(r["feature_type"], "other")
        if "Border Crossing" in r["name_en"] or r["name_ar"].startswith("معبر"):
            kind = "crossing"
        digest = hashlib.sha1(f"{r['name_en']}|{r['lat']}|{r['lon']}".encode()).hexdigest()[:10]
        out.append(Row(
            id=f"feat:{digest}", name_ar=clean_ar(r["name_ar"]), name_en=clean_en(r["name_en"]),
            type=kind, lat=float(r["lat"]), lon=float(r["lon"]), source="features",
            aliases=supplement.get(normalize_key(r["name_ar"]), []), rank=TYPE_RANK[kind],
        ))  # fmt: skip
    return out


def curated_rows(path: Path) -> list[Row]:
    """The hand-curated places (``#`` lines are comments)."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    out = []
    for r in csv.DictReader(lines, delimiter="\t"):
        kind = r["type"]
        if kind not in TYPE_RANK:
            raise ValueError(f"{path.name}: unknown type {kind!r} for {r['id']}")
        out.append(Row(
            id=f"cur:{r['id']}", name_ar=r["name_ar"], name_en=r["name_en"], type=kind,
            lat=float(r["lat"]), lon=float(r["lon"]), source="curated",
            aliases=[a for a in r["aliases_ar"].split("|") if a], admin1=r["admin1"],
            rank=TYPE_RANK[kind],
        ))  # fmt: skip
    return out


def amend(rows: list[Row], path: Path) -> list[Row]:
    """The source rows with the hand amendments of ``places_amend.tsv`` applied, by id:
    names the news uses that no source has (كوباني), the type of a town a source calls a
    village, the governorate the news gives a place on a boundary, and rows that are
    another row's place (``same_as``: their names go there)."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    by_id = {r.id: r for r in rows}
    gone: set[str] = set()
    for a in csv.DictReader(lines, delimiter="\t"):
        row = by_id.get(a["id"])
        if row is None:
            raise ValueError(f"{path.name}: no source row {a['id']!r}")
        row.aliases.extend(n for n in a["aliases_ar"].split("|") if n and n not in row.names())
        if a["type"]:
            if a["type"] not in TYPE_RANK:
                raise ValueError(f"{path.name}: unknown type {a['type']!r} for {a['id']}")
            row.type = a["type"]
            row.rank = max(row.rank, TYPE_RANK[a["type"]])
        if a["admin1"]:
            row.admin1 = a["admin1"]
        if a["same_as"]:
            host = by_id.get(a["same_as"])
            if host is None:
                raise ValueError(f"{path.name}: no source row {a['same_as']!r}")
            host.aliases.extend(n for n in row.names() if n not in host.names())
            gone.add(row.id)
    return [r for r in rows if r.id not in gone]


def governorate_rows(shared: Path, bounds: Boundaries) -> list[Row]:
    """One row per governorate: the spec's names, Open-Syria aliases and population."""
    spec = {r["admin1"]: r for r in read_tsv(shared / "spec" / "admin1.tsv")}
    gaz = shared / "data" / "gazetteer"
    out = []
    for r in read_tsv(gaz / "opensyria_governorates.tsv"):
        admin1 = ADMIN1_BY_PCODE[r["ocha_pcode"]]
        s = spec[admin1]
        names = [s["arabic"], r["name_ar"], *r["aliases_ar"].split("|")]
        names += [v.strip() for v in s["common_arabic_variants"].split("|")]
        names = [n for n in dict.fromkeys(clean_ar(n) for n in names) if n]
        names = [n for n in names if not n.startswith("مدينة")]
        lat, lon = bounds.centroid(admin1)
        out.append(Row(
            id=f"adm1:{r['ocha_pcode']}", name_ar=s["arabic"], name_en=admin1,
            type="governorate", lat=lat, lon=lon, source="opensyria+ocha",
            aliases=names[1:], admin1=admin1, rank=int(r["population"] or 0),
        ))  # fmt: skip
    return out


# ---------------------------------------------------------------- merging


def merge(rows: Iterable[Row]) -> list[Row]:
    """Fold rows that share a name key and lie within :data:`MERGE_KM` into the first.

    Rows come in priority order (curated, OCHA, features, WOF): the first keeps its id,
    name and point; later ones add their names, population rank and source. A village
    that GeoNames (through WOF) gives a population of a town, or as an administrative
    seat (PPLA*), becomes a town. A GeoNames village with no namesake near is folded into
    a place near whose name is its name and one word more (الطابية ~ OCHA's طابية جزيرة):
    GeoNames gives the short name the news uses.
    """
    kept: list[Row] = []
    by_key: dict[str, list[int]] = defaultdict(list)
    by_head: dict[str, list[int]] = defaultdict(list)  # a name less its last word
    for row in rows:
        keys = {entry_key(v) for n in row.names() for v in variants(n)} - {""}
        target = None
        if row.type not in ("governorate",):
            target = _near(kept, by_key, sorted(keys), row)
            if target is None and row.source == "wof" and row.type == "village":
                target = _near(kept, by_head, sorted(keys), row, nearest=True)
        if target is None:
            kept.append(row)
            idx = len(kept) - 1
        else:
            idx = target
            host = kept[idx]
            host.aliases.extend(n for n in row.names() if n not in host.names())
            host.rank = max(host.rank, row.rank)
            if row.source not in host.source.split("+"):
                host.source += "+" + row.source
            if not host.name_en:
                host.name_en = row.name_en
            if row.english and not host.english:
                host.english = row.english
            if host.type == "village" and row.source == "wof" and row.rank >= TYPE_RANK["town"]:
                host.type = "town"
        for key in keys:
            if idx not in by_key[key]:
                by_key[key].append(idx)
            words = key.split()
            if len(words) == 2 and kept[idx].is_community() and idx not in by_head[words[0]]:
                by_head[words[0]].append(idx)
    return kept


def _near(
    kept: list[Row], index: dict[str, list[int]], keys: list[str], row: Row, nearest: bool = False
) -> int | None:
    """The first (or the nearest) kept row under one of ``keys`` within MERGE_KM of ``row``."""
    found: list[tuple[float, int]] = []
    for key in keys:
        for idx in index.get(key, ()):
            other = kept[idx]
            d = km(other.lat, other.lon, row.lat, row.lon)
            if other.type != "governorate" and d <= MERGE_KM:
                if not nearest:
                    return idx
                found.append((d, idx))
    return min(found)[1] if found else None


def locate(rows: list[Row], bounds: Boundaries, ocha: list[Row]) -> None:
    """Fill admin1/admin2 by point-in-polygon and admin3 from the nearest OCHA community."""
    grid: dict[tuple[int, int], list[Row]] = defaultdict(list)
    for o in ocha:
        grid[(int(o.lat * 10), int(o.lon * 10))].append(o)
    for row in rows:
        if row.type == "governorate":
            continue
        if not row.admin1:
            row.admin1 = bounds.admin1(row.lat, row.lon)
        if not row.admin2:
            row.admin2 = bounds.admin2(row.lat, row.lon)
        if not row.admin3:
            cell = (int(row.lat * 10), int(row.lon * 10))
            near = [
                o for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                for o in grid.get((cell[0] + dy, cell[1] + dx), ())
                if o.admin2 == row.admin2
            ]  # fmt: skip
            if near:
                best = min(near, key=lambda o: km(o.lat, o.lon, row.lat, row.lon))
                row.admin3 = best.admin3


def finish_aliases(row: Row) -> str:
    """The ``|``-joined aliases: every other name and spelling variant, normalised.

    Only a governorate keeps names like ``محافظة إدلب``: a city merged with a GeoNames
    row must not answer for its governorate.
    """
    primary = normalize_key(row.name_ar)
    seen = {primary}
    out = []
    for name in row.names():
        if row.type != "governorate" and normalize_key(name).startswith("محافظه "):
            continue
        for v in variants(name):
            if v not in seen:
                seen.add(v)
                out.append(v)
    return "|".join(out)


# ---------------------------------------------------------------- stop names


def surface_forms(word: str) -> set[str]:
    """A normalised token as a name may be written in it: whole and less its proclitics,
    the article kept (والباب → الباب, للباب → الباب, بحلب → حلب); not less the future's
    سـ, which no name takes."""
    forms = {word}
    for p in PROCLITICS:
        if "س" in p:
            continue  # the future's سـ goes before verbs only (سنوي is no سـ + نوى)
        if word.startswith(p) and len(word) > len(p):
            rest = word[len(p) :]
            if p.endswith("لل"):
                forms.add("ال" + rest)
            elif p.endswith("ال"):
                forms.add(word[len(p) - 2 :])
            else:
                forms.add(rest)
    return forms


def stop_names(anercorp: Path, keys: set[str]) -> list[tuple[str, int, int]]:
    """Gazetteer names that ANERcorp mostly tags ``O`` (ordinary words), with their counts.

    A name is counted as written, with or without the article (``الحولة`` is no ordinary
    word, ``حوله`` "around it" is), in the token or the token less its proclitics
    (:func:`surface_forms`); a form with the article counts for the bare form too. Kept:
    a form whose key is a gazetteer key, seen as O at least 3 times and at least twice as
    often as inside a location.
    """
    o_count: Counter[str] = Counter()
    loc_count: Counter[str] = Counter()
    known: dict[str, bool] = {}
    with gzip.open(anercorp, "rt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) != 2:
                continue
            token, tag = parts
            counter = loc_count if tag.endswith("LOC") else o_count if tag == "O" else None
            if counter is None:
                continue
            for form in surface_forms(normalize_key(token)):
                ok = known.get(form)
                if ok is None:
                    ok = known[form] = entry_key(form) in keys
                if ok:
                    counter[form] += 1
    # a word written with the article is one without it too (السلمية, سلمية "peaceful"),
    # while a name with the article may be no word at all (الحولة, but حوله "around it")
    for counter in (o_count, loc_count):
        for form, n in list(counter.items()):
            if form.startswith("ال") and entry_key(form) == form[2:]:
                counter[form[2:]] += n
    return sorted(
        (k, o_count[k], loc_count[k])
        for k in o_count
        if o_count[k] >= 3 and o_count[k] >= 2 * loc_count[k]
    )


# ---------------------------------------------------------------- main


def fmt_row(row: Row) -> list[str]:
    # An OCHA place takes the English name of the WOF/GeoNames row merged into it; curated
    # rows, features and governorates keep their own.
    name_en = row.english if row.source.startswith("ocha") and row.english else row.name_en
    return [
        row.id, row.name_ar, name_en, finish_aliases(row), row.type, row.admin1,
        row.admin2, row.admin3, f"{row.lat:.5f}", f"{row.lon:.5f}", str(row.rank), row.source,
    ]  # fmt: skip


def write_gz_tsv(path: Path, header: Iterable[str], rows: Iterable[list[str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(
        buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
    )
    writer.writerow(header)
    writer.writerows(rows)
    # mtime=0 and no file name keep the bytes identical between builds.
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="", compresslevel=9) as gz,
    ):
        gz.write(buf.getvalue().encode("utf-8"))


def report(rows: list[Row]) -> Iterator[str]:
    by_key = Counter(entry_key(r.name_ar) for r in rows if r.type != "governorate")
    yield f"places: {len(rows)}"
    yield "by type: " + ", ".join(
        f"{t} {n}" for t, n in Counter(r.type for r in rows).most_common()
    )
    yield "by source: " + ", ".join(
        f"{s} {n}" for s, n in Counter(r.source for r in rows).most_common()
    )
    top = sorted(by_key.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    yield "most frequent homonyms: " + ", ".join(f"{k} ×{n}" for k, n in top)


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=repo.parent / "shared")
    ap.add_argument("--out", type=Path, default=repo / "src" / "rasd" / "knowledge" / "data")
    ap.add_argument("--tolerance", type=float, default=0.005)
    args = ap.parse_args(argv)
    data = args.shared / "data"
    gaz = data / "gazetteer"
    adm = data / "admin_boundaries"
    bounds = Boundaries(
        adm / "syr_admbnda_adm1_uncs_unocha_20201217.geojson",
        adm / "syr_admbnda_adm2_uncs_unocha_20201217.geojson",
    )
    args.out.mkdir(parents=True, exist_ok=True)
    bounds.write_admin1(args.out / "admin1.geojson", args.tolerance)

    sub_pop = {
        r["ocha_pcode"]: int(r["population"] or 0)
        for r in read_tsv(gaz / "opensyria_subdistricts.tsv")
    }
    ocha = ocha_rows(gaz, sub_pop)
    curated = curated_rows(args.out / "places_curated.tsv")
    sources = [*ocha, *area_rows(gaz, ocha), *feature_rows(gaz), *wof_rows(gaz)]
    sources = amend(sources, args.out / "places_amend.tsv")
    rows = merge([*governorate_rows(args.shared, bounds), *curated, *sources])
    locate(rows, bounds, ocha)
    for row in curated:
        found = bounds.admin1(row.lat, row.lon)
        if found != row.admin1:
            print(f"warning: curated {row.id} says {row.admin1}, its point is in {found}")
    rows.sort(key=lambda r: r.id)
    write_gz_tsv(args.out / "gazetteer.tsv.gz", COLUMNS, (fmt_row(r) for r in rows))

    keys = {
        entry_key(v)
        for r in rows
        if r.type != "governorate"
        for n in r.names()
        for v in variants(n)
    }
    stops = stop_names(data / "ner" / "ANERCorp_original.txt.gz", keys)
    with open(args.out / "place_stopnames.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# Gazetteer names that ANERcorp (Benajiba et al. 2007, CC BY-SA 4.0) mostly\n")
        fh.write("# tags O, as written (with or without the article): read as places only with\n")
        fh.write("# a cue or a locative. Built by scripts/build_gazetteer.py\n")
        fh.write("form\to_count\tloc_count\n")
        for key, o, loc in stops:
            fh.write(f"{key}\t{o}\t{loc}\n")

    for line in report(rows):
        print(line)
    print(f"stop names: {len(stops)}")
    for name in ("gazetteer.tsv.gz", "admin1.geojson", "place_stopnames.tsv"):
        print(f"{name}: {(args.out / name).stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
