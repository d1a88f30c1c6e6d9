"""English and Arabic names of the values the filters offer: actors and governorates from
the knowledge base; event types are interface vocabulary (the page's i18n.js)."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_NEUTRAL_AR = {
    "islamic-state": "تنظيم الدولة الإسلامية",
    "syria-military-2000-2024": "القوات الحكومية السورية (2000–2024)",
    "syria-military-2024-": "القوات الحكومية السورية (منذ 2024)",
    "russia-military": "القوات الروسية",
    "turkey-military": "القوات التركية",
    "israel-military": "القوات الإسرائيلية",
    "iran-irgc": "الحرس الثوري الإيراني",
    "iran-backed-militias": "ميليشيات مدعومة من إيران",
    "pro-government-militias": "ميليشيات موالية للحكومة",
    "civilians": "مدنيون",
    "unidentified": "مجهولون",
    "tribal-militias": "مجموعات عشائرية مسلحة",
    "other-jihadist-groups": "جماعات جهادية أخرى",
}
"""Neutral Arabic names where the ontology's forms are what one side calls the other."""


@lru_cache(maxsize=1)
def actor_labels() -> dict[str, tuple[str, str]]:
    """Actor id → (English name, Arabic name) from ``actors.yaml``: the Arabic name is a
    neutral one where the forms are partisan, else the first form of two words or more
    (a bare first form is often a nickname), else the first."""
    path = resources.files("rasd.knowledge") / "data" / "actors.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, tuple[str, str]] = {}
    for actor_id, entry in (data.get("actors") or {}).items():
        forms = [str(f) for f in entry.get("forms") or () if _ARABIC.search(str(f))]
        name = str(entry.get("name") or actor_id)
        named = [f for f in forms if " " in f.strip()] or forms
        arabic = _NEUTRAL_AR.get(str(actor_id)) or (named[0] if named else name)
        out[str(actor_id)] = (name, arabic)
    return out


@lru_cache(maxsize=1)
def admin1_labels() -> dict[str, tuple[str, str]]:
    """Governorate → (English name, Arabic name) from ``admin1.tsv``."""
    path = resources.files("rasd.knowledge") / "data" / "admin1.tsv"
    rows = csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t")
    return {row["admin1"]: (row["admin1"], row["arabic"]) for row in rows}


def labelled(kind: str, values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facet values with ``label_en`` and ``label_ar`` (the value itself when unknown)."""
    table = {"actor": actor_labels(), "admin1": admin1_labels()}.get(kind, {})
    out = []
    for item in values:
        value = str(item["value"])
        label_en, label_ar = table.get(value, (value, value))
        out.append({**item, "value": value, "label_en": label_en, "label_ar": label_ar})
    return out
