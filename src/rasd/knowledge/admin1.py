"""The governorates (admin1) of the event contract, from ``data/admin1.tsv``."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from rasd.text.normalize import normalize_key


@lru_cache(maxsize=1)
def governorates() -> dict[str, str]:
    """Normalised Arabic name (and variants) → the admin1 name of the contract."""
    path = resources.files("rasd.knowledge") / "data" / "admin1.tsv"
    out: dict[str, str] = {}
    for row in csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"):
        names = [row["arabic"], *row["common_arabic_variants"].split("|")]
        for name in names:
            if name.strip():
                out[normalize_key(name.strip())] = row["admin1"]
    return out


@lru_cache(maxsize=1)
def governorate_names() -> frozenset[str]:
    """The normalised names of :func:`governorates` (built once: merging asks per frame pair)."""
    return frozenset(governorates())
