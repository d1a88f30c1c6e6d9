"""The Syria gazetteer: places by name, and the governorate a point lies in.

The data is built by ``scripts/build_gazetteer.py`` from OCHA, Who's On First,
Open-Syria, a features table and a hand-curated file (see DATA_LICENSES.md). Every
name and spelling variant of a place is indexed under its lexicon key
(:func:`rasd.knowledge.lexicon.entry_key`), so ``السخنة``, ``سخنة`` and ``السخنه``
find the same places.
"""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rasd.geo import km as km  # the package's one distance, re-exported for place code
from rasd.knowledge.lexicon import entry_key, entry_keys
from rasd.text.tokens import PROCLITICS

DATA = resources.files("rasd.knowledge") / "data"

SETTLEMENT_TYPES = frozenset({"city", "town", "village", "neighbourhood"})


class GazetteerError(Exception):
    """The gazetteer data file is missing or malformed (rebuild it with the build script)."""


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer row. ``rank`` is a population, or a stand-in by type when none is known."""

    id: str
    name_ar: str
    name_en: str
    aliases: tuple[str, ...]
    type: str
    admin1: str | None
    admin2: str | None
    admin3: str | None
    lat: float
    lon: float
    rank: int
    source: str

    @property
    def is_settlement(self) -> bool:
        return self.type in SETTLEMENT_TYPES

    @property
    def is_governorate(self) -> bool:
        return self.type == "governorate"


class Gazetteer:
    """All places, indexed by the lexicon key of every name and alias."""

    def __init__(self, places: list[Place]) -> None:
        self.places = places
        index: dict[str, list[Place]] = {}
        named = [(place, name) for place in places for name in (place.name_ar, *place.aliases)]
        keys = entry_keys([name for _, name in named])
        for (place, _), key in zip(named, keys, strict=True):
            bucket = index.setdefault(key, [])
            if not bucket or bucket[-1] is not place:
                bucket.append(place)
        self._index = {k: tuple(sorted(v, key=lambda p: (-p.rank, p.id))) for k, v in index.items()}
        # the keys of places' own names, not of their aliases (see :meth:`has_own_name`;
        # an alias written as the name has the name's key anyway)
        own = {
            place.id: key
            for (place, name), key in zip(named, keys, strict=True)
            if name is place.name_ar
        }
        # and written joined (كفرنبل for كفر نبل): no accusative either
        self._own_keys = frozenset(own.values()) | {k.replace(" ", "") for k in own.values()}
        self._own_key_of = own
        self.by_id = {p.id: p for p in places}
        self.governorates = {p.admin1: p for p in places if p.is_governorate and p.admin1}

    def __len__(self) -> int:
        return len(self.places)

    def name_keys(self) -> list[str]:
        """Every name key (what the resolver's lexicon is built from)."""
        return list(self._index)

    def by_key(self, key: str) -> tuple[Place, ...]:
        """Places stored under an already computed lexicon key, biggest first."""
        return self._index.get(key, ())

    def has_own_name(self, key: str) -> bool:
        """Whether ``key`` is the lexicon key of a place's own name (``name_ar``), not only
        of an alias; a name of several words may be written joined (كفربطنا)."""
        return key in self._own_keys

    def is_own_name(self, place: Place, key: str) -> bool:
        """Whether ``key`` is the lexicon key of ``place``'s own name, not only of an alias."""
        return self._own_key_of.get(place.id) == key

    def candidates(self, name: str) -> list[Place]:
        """Places called ``name`` (any spelling the normaliser folds), biggest first.

        A leading proclitic is tried off when the name as given is unknown (بالسخنة).
        """
        key = entry_key(name)
        found = self._index.get(key)
        if found is None:
            for p in PROCLITICS:
                if key.startswith(p) and (found := self._index.get(entry_key(key[len(p) :]))):
                    break
        return list(found or ())


def _read_places(path: Path) -> list[Place]:
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            col = {name: i for i, name in enumerate(next(reader))}
            c = [col[name] for name in _COLUMNS]
            return [
                Place(
                    id=r[c[0]],
                    name_ar=r[c[1]],
                    name_en=r[c[2]],
                    aliases=tuple(a for a in r[c[3]].split("|") if a),
                    type=r[c[4]],
                    admin1=r[c[5]] or None,
                    admin2=r[c[6]] or None,
                    admin3=r[c[7]] or None,
                    lat=float(r[c[8]]),
                    lon=float(r[c[9]]),
                    rank=int(r[c[10]]),
                    source=r[c[11]],
                )
                for r in reader
                if r  # csv.DictReader skipped blank lines too
            ]
    except (OSError, StopIteration, KeyError, IndexError, ValueError) as exc:
        raise GazetteerError(f"cannot read gazetteer {path}: {exc}") from exc


_COLUMNS = (
    "id", "name_ar", "name_en", "aliases_ar", "type", "admin1", "admin2", "admin3",
    "lat", "lon", "rank", "source",
)  # fmt: skip


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    return Gazetteer(_read_places(Path(str(DATA / "gazetteer.tsv.gz"))))


@lru_cache(maxsize=1)
def _admin1_shapes() -> list[tuple[str, object]]:
    from shapely.geometry import shape
    from shapely.prepared import prep

    path = Path(str(DATA / "admin1.geojson"))
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read {path}: {exc}") from exc
    return [(f["properties"]["admin1"], prep(shape(f["geometry"]))) for f in doc["features"]]


def admin1_at(lat: float, lon: float) -> str | None:
    """The governorate (admin1.tsv name) a point lies in, or None outside Syria."""
    from shapely.geometry import Point

    pt = Point(lon, lat)
    for name, prepared in _admin1_shapes():
        if prepared.contains(pt):  # type: ignore[attr-defined]
            return name
    return None
