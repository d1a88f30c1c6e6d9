"""Build the dashboard's map outlines from the OCHA boundaries in ``../shared/data``.

Reads ``admin_boundaries/syr_admbnda_adm{1,2}_uncs_unocha_20201217.geojson`` (see the
PROVENANCE.md there), simplifies each polygon with shapely (topology kept), rounds the
coordinates to 3 decimals (about 100 m, finer than a marker on screen) and writes one
small file the page loads: ``src/rasd/web/static/boundaries.json``, with

- ``admin1``: the 14 governorates, named as in ``admin1.tsv`` (the events' ``admin1``),
  with their Arabic names and P-codes;
- ``admin2``: the 62 districts, with English and Arabic names and their governorate.

The output is deterministic: same inputs, same bytes. Run from the repo root::

    python scripts/build_boundaries.py [--shared ../shared] [--out src/rasd/web/static]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape

REPO = Path(__file__).resolve().parents[1]
SOURCE = "admin_boundaries/syr_admbnda_adm{level}_uncs_unocha_20201217.geojson"
ADMIN1_NAMES = REPO / "src/rasd/knowledge/data/admin1.geojson"
TOLERANCE = {1: 0.006, 2: 0.008}  # degrees
DIGITS = 3
ATTRIBUTION = (
    "Boundaries: OCHA / HDX, Syrian Arab Republic COD-AB (2020-12-17), CC BY 3.0 IGO; "
    "simplified for rasd"
)


def admin1_by_pcode() -> dict[str, str]:
    """OCHA P-code → the governorate name of the event contract (admin1.tsv)."""
    data = json.loads(ADMIN1_NAMES.read_text(encoding="utf-8"))
    return {f["properties"]["pcode"]: f["properties"]["admin1"] for f in data["features"]}


def simplified(geometry: dict[str, Any], tolerance: float) -> dict[str, Any]:
    outline = shape(geometry).simplify(tolerance, preserve_topology=True)
    return _rounded(mapping(outline))


def _rounded(geometry: Any) -> Any:
    """The GeoJSON geometry with every coordinate rounded; rings that collapse to fewer
    than four distinct points are dropped."""

    def ring(points: Any) -> list[list[float]]:
        out: list[list[float]] = []
        for x, y in points:
            point = [round(x, DIGITS), round(y, DIGITS)]
            if not out or out[-1] != point:
                out.append(point)
        return out

    def polygon(rings: Any) -> list[list[list[float]]]:
        return [r for r in (ring(points) for points in rings) if len(r) >= 4]

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": polygon(geometry["coordinates"])}
    parts = [p for p in (polygon(rings) for rings in geometry["coordinates"]) if p]
    return {"type": "MultiPolygon", "coordinates": parts}


def build(shared: Path) -> dict[str, Any]:
    names = admin1_by_pcode()
    out: dict[str, Any] = {"attribution": ATTRIBUTION}
    for level in (1, 2):
        source = json.loads((shared / "data" / SOURCE.format(level=level)).read_text("utf-8"))
        features = []
        for feature in source["features"]:
            props = feature["properties"]
            pcode1 = props["ADM1_PCODE"]
            properties = {
                "pcode": props[f"ADM{level}_PCODE"],
                "admin1": names[pcode1],
                "name_en": names[pcode1] if level == 1 else props["ADM2_EN"],
                "name_ar": props[f"ADM{level}_AR"],
            }
            geometry = simplified(feature["geometry"], TOLERANCE[level])
            features.append({"type": "Feature", "properties": properties, "geometry": geometry})
        features.sort(key=lambda f: f["properties"]["pcode"])
        out[f"admin{level}"] = {"type": "FeatureCollection", "features": features}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=REPO / "src/rasd/web/static")
    args = parser.parse_args()
    target = args.out / "boundaries.json"
    text = json.dumps(build(args.shared), ensure_ascii=False, separators=(",", ":"))
    target.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {target} ({len(text) / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
