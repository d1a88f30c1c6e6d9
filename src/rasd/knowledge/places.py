"""Find and resolve the place phrases of an article.

Place names are looked up with the clitic-aware :class:`~rasd.knowledge.lexicon.Lexicon`
over every gazetteer name, then read in their context:

- the words before a name: a place-type cue (``قرية``, ``مدينة``, ``ريف``, ``بادية``,
  ``محافظة``...) and relational words (``غرب``, ``بالقرب من``, ``بين``, ``طريق``...);
- the words after it: a direction (``ريف حمص الشرقي``) or a descriptor (``النفطي``);
- the phrase right after it that locates it (``X غربي Y``, ``X التابعة لبلدة Y``,
  ``X بريف حماة``): the province such phrases name wins over namesakes elsewhere, and the
  mention of Y says it only locates X (:attr:`PlaceMention.qualifies`);
- the whole article: governorates named in the same sentence or elsewhere, and the
  other places of the article (a namesake near them wins), then size (rank).

A direction before a bare governorate name (``شرق حلب``) is that side of the province; a
desert or countryside cue before a town (``بادية السخنة``) is the area around the town,
coded as the town; a name opening a line before a dash, bracket or date (``حمص-سانا``)
is a dateline (:attr:`PlaceMention.dateline`).

Names that are also ordinary words (``النصر``, ``الخير``) count only after a cue, inside
quotes, or when a namesake lies near the article's other places; a town or city whose name
is a word only in ANERcorp's count (``القصير``, ``الباب``) also after a locative (``في``,
``بـ``, ``على``). ANERcorp's words are kept as written: ``حوله`` "around it" is one,
``الحولة`` is not. A broad region's name (``الجولان``, ``سهل الغاب``) is the region unless a
settlement cue says it is a place (``حي الجولان``); a place-type cue rules out namesakes of
the wrong kind (``قرية`` no city quarter). A word after a cue that is no known name may be
a typo of one (edit distance 1).

Offsets of a :class:`PlaceMention` are offsets into :attr:`Normalized.text`;
``location.name_ar`` is the name as written in the original text.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

import yaml

from rasd.geo import haversine_km
from rasd.knowledge.gazetteer import DATA, Gazetteer, Place, km, load_gazetteer
from rasd.knowledge.lexicon import Lexicon, LexiconMatch, entry_key
from rasd.records import Location, make_location
from rasd.text.normalize import Normalized, normalize_key
from rasd.text.tokens import PROCLITICS, Token

GOVERNORATE_CUES = frozenset({"governorate", "countryside", "desert"})
REGION_CUES = frozenset({"countryside", "desert"})
FUZZY_CUES = frozenset({"settlement", "farm", "city", "neighbourhood", "countryside", "desert"})
CUE_TYPES = {  # which gazetteer types a place-type cue prefers
    "settlement": frozenset({"village", "town", "city"}),
    "farm": frozenset({"village", "town", "city"}),
    "city": frozenset({"city", "town"}),
    "neighbourhood": frozenset({"neighbourhood"}),
    "camp": frozenset({"camp"}),
}
DISTANCE_UNITS = frozenset({"كم", "كيلومتر", "كيلومترات", "كيلو", "متر", "مترا", "امتار"})
NEAR_KM = 40.0  # scale of "near the article's other places"
GATE_KM = 30.0  # a common-word name counts when a namesake is this close to another place
# A typo of a four-letter name (دمسق) is read only for a town or bigger.
MIN_SHORT_RANK = 10_000
MAX_BACK = 7
TOWN_RANK = 10_000  # a place this big counts without any cue
# A quarter this big (a city's named area, المزة) is no minor quarter a bare name rarely means
AREA_RANK = 5_000
LOCATIVES = frozenset(
    {
        "في",
        "من",
        "الي",
        "حتي",
        "عند",
        "نحو",
        "باتجاه",
        "اتجاه",
        "داخل",
        "خارج",
        "علي",
        "وفي",
        "ومن",
        "والي",
        "منطقتي",
        "بلدتي",
        "قريتي",
    }
)
LIST_GAP = ",،-"  # tokens scanned before a name for cues and relations


class PlaceDataError(Exception):
    """A place data file (cues, regions, stop names) is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Region:
    """A broad region of regions.yaml."""

    id: str
    name_en: str
    admin1: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place phrase of an article (normalised offsets) and what it resolved to.

    ``kind`` is ``place``, ``region`` (a countryside, desert or broad region) or
    ``governorate``; ``relation`` is None, a direction (``west``, ``southeast``...),
    ``near``, ``between`` or ``road``; ``why`` says how the namesake was chosen.
    """

    start: int
    end: int
    anchor_start: int
    anchor_end: int
    sentence: int
    location: Location
    relation: str | None
    kind: str
    score: float
    why: tuple[str, ...]
    place: Place | None = None
    qualifies: tuple[int, int] | None = None  # anchor of the place this phrase locates
    dateline: bool = False  # "حمص-سانا", "دمشق 20 ديسمبر (شينخوا)": the desk, not the event


@dataclass(frozen=True, slots=True)
class Cues:
    """The words of place_cues.yaml, normalised."""

    place_types: dict[str, str]
    area_types: frozenset[str]
    relations: dict[str, str]
    fillers: frozenset[str]
    directions: dict[str, str]
    descriptors: frozenset[str]
    common_words: frozenset[str]
    town_area_cues: frozenset[str]
    town_area_km: float
    qualifier_links: frozenset[str]
    qualifier_km: float
    named_heads: frozenset[str]
    enclosed_cues: frozenset[str]
    enclosing_cues: frozenset[str]
    enclosed_km: float
    split_heads: frozenset[str]
    point_types: frozenset[str]

    @classmethod
    def load(cls, doc: dict[str, Any]) -> Cues:
        def words(items: Any) -> frozenset[str]:
            return frozenset(normalize_key(str(w)) for w in items)

        def table(items: dict[str, str]) -> dict[str, str]:
            return {normalize_key(str(k)): str(v) for k, v in items.items()}

        try:
            return cls(
                place_types=table(doc["place_types"]),
                area_types=frozenset(doc["area_types"]),
                relations=table(doc["relations"]),
                fillers=words(doc["fillers"]),
                directions=table(doc["directions"]),
                descriptors=words(doc["descriptors"]),
                common_words=words(doc["common_words"]),
                town_area_cues=frozenset(str(w) for w in doc["town_area_cues"]),
                town_area_km=float(doc["town_area_km"]),
                qualifier_links=words(doc["qualifier_links"]),
                qualifier_km=float(doc["qualifier_km"]),
                named_heads=frozenset(str(w) for w in doc["named_heads"]),
                enclosed_cues=frozenset(str(w) for w in doc["enclosed_cues"]),
                enclosing_cues=frozenset(str(w) for w in doc["enclosing_cues"]),
                enclosed_km=float(doc["enclosed_km"]),
                split_heads=frozenset(str(w) for w in doc["split_heads"]),
                point_types=frozenset(str(w) for w in doc["point_types"]),
            )
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise PlaceDataError(f"place_cues.yaml: bad or missing section {exc}") from exc

    def all_words(self) -> frozenset[str]:
        """Every cue word: none of them alone is read as a place name."""
        return frozenset(
            [*self.place_types, *self.relations, *self.fillers, *self.descriptors,
             *(w for d in self.directions for w in d.split())]
        )  # fmt: skip


@dataclass(slots=True)
class _Raw:
    """A name found in the text, with its context, before the namesake is chosen."""

    match: LexiconMatch[str]
    sentence: int
    start: int
    end: int
    cue: str | None = None
    relation: str | None = None
    direction: str | None = None
    quoted: bool = False
    fuzzy: bool = False
    gated: bool = False
    region: Region | None = None
    places: tuple[Place, ...] = ()
    governorate: Place | None = None
    chosen: Place | None = None
    score: float = 0.0
    why: list[str] = field(default_factory=list)
    between_second: bool = False
    article: bool = False  # the text writes an article the key has not (الكوم ~ كوم)
    pending_km: float = 0.0  # when not accepted: how near another place it must lie
    context_admin1: str | None = None
    named_admin1: str | None = None  # the governorate the phrase names (ريف حلب, شرقي حلب)
    qualifier: _Raw | None = None  # the phrase right after that locates this place
    qualifies: _Raw | None = None  # the place this phrase locates (X غربي Y: Y locates X)
    province: str | None = None  # admin1 its locating phrases name (X قرب Y بريف حماة)
    measured: bool = False  # the relation gives a distance (على بعد 20 كم شرق X)
    cue_start: int = -1  # where the place-type cue starts (its article kept: الريف)
    led_by: str | None = None  # a place-type cue before the relation (أحياء شرق حلب)
    pair: _Raw | None = None  # Y of "طريق X - Y" / "بين X و Y", on X
    name_end: int = -1  # end of the name with its direction or descriptor (ريف حلب الشرقي)
    cue_prefix: str = ""  # the proclitics of the cue word (بمدينة: ب)
    headed: frozenset[str] = frozenset()  # ids of the places named with the cue (حي الجورة)
    enclosed: bool = False  # lies inside the settlement that locates it (حي X بمدينة Y)
    holds: bool = False  # stands for a place inside it the gazetteer lacks (precision 1)
    locative: bool = False  # a preposition or relation before it (في، بـ، على، غرب)


def _read_yaml(name: str) -> dict[str, Any]:
    path = Path(str(DATA / name))
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: faster start-up
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise PlaceDataError(f"cannot read {path}: {exc}") from exc
    if not isinstance(doc, dict):
        raise PlaceDataError(f"{path}: expected a mapping at the top")
    return doc


def _read_stopnames() -> frozenset[str]:
    path = Path(str(DATA / "place_stopnames.tsv"))
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PlaceDataError(f"cannot read {path}: {exc}") from exc
    rows = [line.split("\t")[0] for line in lines if line and not line.startswith("#")]
    return frozenset(rows[1:])  # the first row is the header


class PlaceResolver:
    """Finds place phrases in an article and resolves each in the article's context."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        cues: Cues,
        regions: list[tuple[list[str], Region]],
        deserts: dict[str, tuple[float, float]],
        stopnames: frozenset[str],
        city_governorates: frozenset[str] = frozenset(),
    ) -> None:
        self.gaz = gazetteer
        self.cues = cues
        self.deserts = deserts
        self.city_governorates = city_governorates
        self._compass = frozenset(cues.directions.values())
        self.regions = {r.id: r for _, r in regions}
        # a region first: a name both a region and a place have (حوران) is the region's,
        # unless a settlement cue says otherwise (:meth:`_collect`)
        entries: list[tuple[str, str]] = [
            (name, "region:" + r.id) for names, r in regions for name in names
        ]
        entries += [(k, "place") for k in gazetteer.name_keys()]
        self.lexicon: Lexicon[str] = Lexicon(entries, strip_article=False)
        cue_keys = {entry_key(w) for w in cues.all_words()}
        governorate_keys = {
            entry_key(n) for g in gazetteer.governorates.values() for n in (g.name_ar, *g.aliases)
        }
        # ordinary words whatever their spelling (the news' common words, the cue words) and
        # ANERcorp's, as written: with or without the article (الحولة is no word, حوله is)
        self._word_keys = frozenset(
            ({entry_key(w) for w in cues.common_words} | cue_keys) - governorate_keys
        )
        self._stop_forms = frozenset(f for f in stopnames if entry_key(f) not in governorate_keys)
        self.stop_keys = self._word_keys | {entry_key(f) for f in self._stop_forms}
        self._cue_keys = frozenset(cue_keys)
        # a cue word with its proclitics (بريف، وبلدة) → (cue, proclitic length)
        self._type_words = _with_proclitics(cues.place_types)
        self._typo_cues = frozenset(w for w, (t, _) in self._type_words.items() if t in FUZZY_CUES)
        self._relation_words = _with_proclitics(cues.relations)
        self._deletions: dict[str, list[str]] | None = None  # built on first typo
        self._governorate_heads = tuple(
            k + " " for k, v in cues.place_types.items() if v == "governorate"
        )

    # ------------------------------------------------------------ public API

    def find(self, norm: Normalized, tokens: list[Token]) -> list[PlaceMention]:
        """Every place phrase of the article, resolved in the context of the whole article."""
        if not tokens:
            return []
        raws = self._collect(norm, tokens)
        raws = self._drop_heads(raws)
        self._link_pairs(raws, tokens)
        self._resolve(raws, norm, tokens)
        return [m for m in (self._mention(norm, r) for r in raws) if m is not None]

    # ------------------------------------------------------------ finding

    def _collect(self, norm: Normalized, tokens: list[Token]) -> list[_Raw]:
        raws: list[_Raw] = []
        covered: set[int] = set()
        hits = [h for h in self.lexicon.match(tokens, overlapping=True) if not h.suffix]
        hits, headed = self._split_heads(tokens, self._town_areas(tokens, hits))
        regions = any(h.payloads[0] != "place" for h in hits)
        if regions:
            hits = self._cued_places(tokens, hits)
        for m in _leftmost_longest(self._relation_tails(tokens, hits), regions):
            covered.update(range(m.first_token, m.last_token + 1))
            payload = m.payloads[0]
            region = payload.startswith("region:")
            if region and "place" in m.payloads and self._settlement_cued(tokens, m):
                region = False  # حي الجولان: the quarter, not the region
            if not region and (self._accusative(norm, m) or self._bare_cue(tokens, m)):
                continue
            raw = _Raw(m, tokens[m.first_token].sentence, m.start, m.end)
            raw.article = not m.key.startswith("ال") and (
                norm.text.startswith("ال", m.start) or m.prefix.endswith("لل")  # للباب
            )
            if region:
                raw.region = self.regions[payload.removeprefix("region:")]
            else:
                raw.places = self.gaz.by_key(m.key)
                extra = headed.get((m.first_token, m.last_token)) if headed else None
                if extra:
                    raw.places, raw.headed = _joined(raw.places, extra)
            self._read_context(norm, tokens, raw)
            raws.append(raw)
        raws += self._fuzzy(norm, tokens, covered)
        raws.sort(key=lambda r: r.match.start)
        return raws

    def _cued_places(
        self, tokens: list[Token], hits: list[LexiconMatch[str]]
    ) -> list[LexiconMatch[str]]:
        """A region's name is the region (الجولان، القلمون), not a place named so, unless a
        settlement cue says it is one (حي الجولان، قرية الجزيرة): then the region's hit
        gives way to the place's of the same span."""
        places = {(h.first_token, h.last_token) for h in hits if "place" in h.payloads}
        return [
            h for h in hits
            if not (
                "place" not in h.payloads
                and (h.first_token, h.last_token) in places
                and self._settlement_cued(tokens, h)
            )
        ]  # fmt: skip

    def _relation_tails(
        self, tokens: list[Token], hits: list[LexiconMatch[str]]
    ) -> list[LexiconMatch[str]]:
        """``الباب شرقي حلب`` is al-Bab east of Aleppo, not Damascus' quarter باب شرقي and
        then حلب: a name that ends in a relation word (شرقي، قرب...) gives way to the name
        before it when a name or a place-type cue follows right after, with no proclitic
        (``باب شرقي بدمشق`` stays the quarter)."""
        relations = self._relation_words
        tails = [
            h for h in hits
            if h.last_token > h.first_token and tokens[h.last_token].text in relations
        ]  # fmt: skip
        if not tails:
            return hits
        firsts = {h.first_token for h in hits if not h.prefix}
        spans = {(h.first_token, h.last_token) for h in hits}
        drop = []
        for h in tails:
            last = h.last_token
            if (
                last + 1 < len(tokens)
                and (last + 1 in firsts or tokens[last + 1].text in self.cues.place_types)
                and (h.first_token, last - 1) in spans
                and tokens[last + 1].sentence == tokens[last].sentence
            ):
                drop.append(h)
        return [h for h in hits if h not in drop] if drop else hits

    def _settlement_cued(self, tokens: list[Token], m: LexiconMatch[str]) -> bool:
        """Whether a settlement or quarter cue (قرية، بلدة، مدينة، حي...) is right before."""
        if not m.first_token:
            return False
        cue = self._type_words.get(tokens[m.first_token - 1].text)
        return cue is not None and cue[0] in CUE_TYPES

    def _town_areas(
        self, tokens: list[Token], hits: list[LexiconMatch[str]]
    ) -> list[LexiconMatch[str]]:
        """``بادية السخنة`` is the desert cue and the town السخنة, not a desert entry placed
        on the town: a name that starts with a town-area cue (place_cues.yaml
        ``town_area_cues``) gives way to the settlement named after the cue, when one of
        that name lies within ``town_area_km`` of the entry."""
        starts: dict[tuple[int, int], list[LexiconMatch[str]]] = {}
        for h in hits:
            starts.setdefault((h.first_token, h.last_token), []).append(h)
        out = []
        for h in hits:
            cue = self._type_words.get(tokens[h.first_token].text)
            if (
                cue is not None
                and cue[0] in self.cues.town_area_cues
                and h.last_token > h.first_token
                and self._names_town(h, starts.get((h.first_token + 1, h.last_token), []))
            ):
                continue
            out.append(h)
        return out

    def _split_heads(
        self, tokens: list[Token], hits: list[LexiconMatch[str]]
    ) -> tuple[list[LexiconMatch[str]], dict[tuple[int, int], tuple[Place, ...]]]:
        """``حي الجورة`` (the alias of one quarter of that name) is the cue حي and the name
        الجورة: a name that starts with a cue of place_cues.yaml ``split_heads`` gives way to
        the name after the cue, when that is a name too, so that every namesake is weighed.
        Returns the hits left and, by the token span of such a name, the places the whole
        name (with its cue) is."""
        heads = self.cues.split_heads
        named: dict[tuple[int, int], tuple[Place, ...]] = {}
        cued = []
        for h in hits:
            if h.last_token > h.first_token and "place" in h.payloads:
                cue = self._type_words.get(tokens[h.first_token].text)
                if cue is not None and cue[0] in heads:
                    cued.append(h)
        if not cued:
            return hits, named
        # the name after the cue, unless it is a cue word itself (حي المحطة, حي المزرعة:
        # such a word alone is no place, see :meth:`_bare_cue`)
        rests = {
            (h.first_token, h.last_token) for h in hits
            if "place" in h.payloads
            and not (h.first_token == h.last_token and h.key in self._cue_keys)
        }  # fmt: skip
        dropped: set[tuple[int, int, str]] = set()
        for h in cued:
            span = (h.first_token + 1, h.last_token)
            if span in rests:
                named[span] = named.get(span, ()) + self.gaz.by_key(h.key)
                dropped.add((h.first_token, h.last_token, h.key))
        out = [h for h in hits if (h.first_token, h.last_token, h.key) not in dropped]
        return out, named

    def _names_town(self, whole: LexiconMatch[str], rests: list[LexiconMatch[str]]) -> bool:
        """Whether one of ``rests`` (the name after the cue) is a settlement near ``whole``."""
        areas = [
            a for a in (self.gaz.by_key(whole.key) if "place" in whole.payloads else ())
            if not (a.is_settlement or a.is_governorate)  # a village called بادية X stays
        ]  # fmt: skip
        towns = [
            p for r in rests if "place" in r.payloads for p in self.gaz.by_key(r.key)
            if p.is_settlement
        ]  # fmt: skip
        limit = self.cues.town_area_km
        return any(km(a.lat, a.lon, t.lat, t.lon) <= limit for a in areas for t in towns)

    def _bare_cue(self, tokens: list[Token], m: LexiconMatch[str]) -> bool:
        """A cue word alone (المدينة، المحافظة) is a place only as a settlement's name
        (قرية المزرعة، مدينة المزرعة)."""
        if m.key not in self._cue_keys or m.first_token != m.last_token:
            return False
        prev = self._type_words.get(tokens[m.first_token - 1].text) if m.first_token else None
        return prev is None or prev[0] not in ("settlement", "city")

    def _accusative(self, norm: Normalized, m: LexiconMatch[str]) -> bool:
        """``كمينا`` is "an ambush" (accusative), not the village كمينة spelled with alef.

        A final ة may be written ا only after the article (الشولة ~ الشولا); a bare
        word in ا matches only a place whose own name ends so (أثريا، درعا).
        """
        if not m.key.endswith("ا") or norm.text.startswith("ال", m.start):
            return False
        return not self.gaz.has_own_name(m.key)

    def _read_context(self, norm: Normalized, tokens: list[Token], raw: _Raw) -> None:
        """Cues and relations before the name, a direction or descriptor after it."""
        m, cues = raw.match, self.cues
        j = m.first_token - 1
        start_tok, start_cut = m.first_token, len(m.prefix)
        seen_unit = False  # "بعد" is "at a distance" only in "على بعد 20 كم"
        while j >= 0 and m.first_token - j <= MAX_BACK and tokens[j].sentence == raw.sentence:
            word = tokens[j].text
            type_cue = self._type_words.get(word)
            rel = self._relation_words.get(word)
            if type_cue and raw.cue is None and raw.relation is None and j == start_tok - 1:
                raw.cue, (start_tok, start_cut) = type_cue[0], (j, type_cue[1])
                raw.cue_start = _cue_start(tokens[j], type_cue[1])
                raw.cue_prefix = word[: type_cue[1]]
            elif rel and not (word == "بعد" and not seen_unit):
                raw.relation = self._combine(raw.relation, rel[0])
                if raw.relation is None:
                    break
                start_tok, start_cut = j, rel[1]
            elif not (word.isdigit() or word in cues.fillers):
                break
            seen_unit = seen_unit or word in DISTANCE_UNITS
            j -= 1
        raw.measured = seen_unit and raw.relation is not None
        head = (
            self._type_words.get(tokens[j].text)
            if 0 <= j == start_tok - 1 and tokens[j].sentence == raw.sentence
            else None
        )
        raw.led_by = head[0] if head is not None and raw.relation is not None else None
        if (
            head is not None
            and head[0] in REGION_CUES
            and raw.relation in self._compass
            and (not raw.measured)
        ):
            # "الريف الشرقي لمدينة حلب" is "ريف حلب الشرقي": a side of the countryside
            raw.cue, raw.direction, raw.relation = head[0], raw.relation, None
            start_tok, start_cut = j, head[1]
            raw.cue_start = _cue_start(tokens[j], head[1])
            raw.cue_prefix = tokens[j].text[: head[1]]
        raw.start = tokens[start_tok].start + start_cut
        raw.quoted = _quoted(norm.text, m.start, m.end)
        self._read_after(tokens, raw)
        raw.name_end = raw.end

    @staticmethod
    def _combine(current: str | None, new: str) -> str | None:
        """Relations met right to left: ``جنوب شرق`` → southeast; None ends the phrase."""
        if current is None:
            return new
        compass = ("north", "south", "east", "west")
        if new in ("north", "south") and current in ("east", "west"):
            return new + current
        if new == "near" and (current in compass or current.endswith(compass)):
            return current  # "على بعد 20 كم شرق X": the direction says more
        if new == "road" and current == "between":
            return "road"
        return None

    def _read_after(self, tokens: list[Token], raw: _Raw) -> None:
        k = raw.match.last_token + 1
        cues = self.cues
        if raw.cue in ("countryside", "desert", "governorate", "area"):
            for n in (2, 1):
                window = tokens[k : k + n]
                if len(window) < n or any(t.sentence != raw.sentence for t in window):
                    continue
                words = " ".join(t.text for t in window)
                if words in cues.directions:
                    raw.direction = cues.directions[words]
                    raw.end = window[-1].end
                    k += n
                    break
        if (
            k < len(tokens)
            and tokens[k].sentence == raw.sentence
            and (tokens[k].text in cues.descriptors)
        ):
            raw.end = tokens[k].end

    def _fuzzy(self, norm: Normalized, tokens: list[Token], covered: set[int]) -> list[_Raw]:
        """Typos of known names (edit distance 1) right after a place cue or inside quotes."""
        out: list[_Raw] = []
        types = self._type_words
        # the tokens after a cue that may precede a typo, found without a Python step per token
        cued = itertools.compress(
            itertools.count(), map(self._typo_cues.__contains__, map(_token_text, tokens[:-1]))
        )
        after = {
            i + 1 for i in cued
            if tokens[i + 1].sentence == tokens[i].sentence
            and not norm.text[tokens[i].end : tokens[i + 1].start].strip()  # "البادية، مشيرا"
        }  # fmt: skip
        after |= _opening_quoted(norm.text, tokens)
        for i in sorted(after - covered):
            tok = tokens[i]
            prev = tokens[i - 1] if i else None
            after_cue = prev is not None and prev.text in types
            key = entry_key(tok.text)
            if len(key) < 4 or key in self.stop_keys or (len(key) < 5 and not after_cue):
                continue
            best = self._nearest_key(key)
            if best is None or (len(key) < 5 and self.gaz.by_key(best)[0].rank < MIN_SHORT_RANK):
                continue
            # a typo reading is the kind of place its cue says (حي غويران is no village)
            prefer = CUE_TYPES.get(types[prev.text][0]) if after_cue and prev else None
            places = tuple(p for p in self.gaz.by_key(best) if prefer is None or p.type in prefer)
            if not places:
                continue
            prefix = tok.text[: len(tok.text) - len(key)] if tok.text.endswith(key) else ""
            m: LexiconMatch[str] = LexiconMatch(
                tok.start, tok.end, best, ("place",), prefix, "", i, i
            )
            raw = _Raw(m, tok.sentence, tok.start, tok.end, fuzzy=True, places=places)
            raw.why.append(f"typo of {best}")
            self._read_context(norm, tokens, raw)
            out.append(raw)
        return out

    def _nearest_key(self, key: str) -> str | None:
        """The known key one edit away from ``key`` (the biggest place's, if several)."""
        from rapidfuzz.distance import Levenshtein  # only typos need it: start-up

        if self._deletions is None:
            index: dict[str, list[str]] = {}
            for k in sorted(self.gaz.name_keys()):
                if " " not in k and k not in self.stop_keys and len(k) >= 3:
                    for d in {k, *_deletions(k)}:
                        index.setdefault(d, []).append(k)
            self._deletions = index
        found = {
            k for d in (key, *_deletions(key)) for k in self._deletions.get(d, ())
            if Levenshtein.distance(key, k, score_cutoff=1) == 1
        }  # fmt: skip
        if not found:
            return None
        return max(found, key=lambda k: (self.gaz.by_key(k)[0].rank, k))

    def _drop_heads(self, raws: list[_Raw]) -> list[_Raw]:
        """A bare head word (``البادية``) right before another name is that name's cue, and
        so is one the next name's phrase takes in (``البادية الجنوبية لمدينة الميادين``)."""
        out = []
        for i, raw in enumerate(raws):
            nxt = raws[i + 1] if i + 1 < len(raws) else None
            head = raw.region is not None and raw.match.first_token == raw.match.last_token
            if (
                head
                and nxt
                and (nxt.match.first_token == raw.match.last_token + 1 or nxt.start < raw.match.end)
            ):
                continue
            out.append(raw)
        return out

    def _link_pairs(self, raws: list[_Raw], tokens: list[Token]) -> None:
        """``بين X و Y`` and ``طريق X - Y``: X's phrase runs to Y's end; Y is marked, and
        only locates X (EVENTS.md codes the first-named place of a road or a pair)."""
        for a, b in itertools.pairwise(raws):
            if a.relation not in ("between", "road") or a.sentence != b.sentence:
                continue
            gap = tokens[a.match.last_token + 1 : b.match.first_token]
            if all(t.text in ("و", "الى", "حتى") for t in gap) and len(gap) <= 1:
                a.end = max(a.end, b.end)
                b.relation = a.relation
                b.between_second = True
                a.pair, b.qualifies = b, a

    # ------------------------------------------------------------ resolving

    def _resolve(self, raws: list[_Raw], norm: Normalized, tokens: list[Token]) -> None:
        """Decide which names are places and choose a namesake for each in context."""
        previous: _Raw | None = None
        for i, raw in enumerate(raws):
            gov = next((p for p in raw.places if p.is_governorate), None)
            others = tuple(p for p in raw.places if not p.is_governorate)
            if gov and i and self._shares_cue(norm, raws[i - 1], raw):
                raw.cue = raws[i - 1].cue  # "بادية حمص ودير الزور": the deserts of both
            if gov and (
                raw.cue in GOVERNORATE_CUES or not others
                or raw.match.key.startswith(self._governorate_heads)
                or self._province_side(raw, gov)
            ):  # fmt: skip
                raw.governorate = gov
            raw.named_admin1 = gov.admin1 if gov else (raw.region.admin1 if raw.region else None)
            raw.places = others
            evidence = self._evidence(norm, tokens, raw, previous)
            raw.gated = (
                raw.governorate is None and raw.region is None and not self._accepts(raw, evidence)
            )
            if not raw.gated or evidence:
                previous = raw  # the next name may continue its list (في الطيبة والكوم)
        self._link_qualifiers(raws, tokens)
        sent_admin1: dict[int, Counter[str]] = {}
        art_admin1: Counter[str] = Counter()
        for raw in raws:
            a1 = (
                raw.governorate.admin1
                if raw.governorate
                else (raw.region.admin1 if raw.region else None)
            )
            if a1:
                counts = sent_admin1.get(raw.sentence)
                if counts is None:
                    counts = sent_admin1[raw.sentence] = Counter()
                counts[a1] += 1
                art_admin1[a1] += 1
        settled = [r for r in raws if r.places and not r.gated and r.governorate is None]
        anchors = _distinct([(r, r.places[0]) for r in settled if _dominant(r.places)])
        context = _with_points(anchors)
        for raw in settled:
            self._choose(raw, context, sent_admin1, art_admin1)
        # Second pass: every chosen place is context for the others.
        chosen = _distinct([(r, r.chosen) for r in settled])
        namesakes = [r for r in settled if len(r.places) > 1]
        context = _with_points(chosen) if namesakes else []
        for raw in namesakes:
            self._choose(raw, context, sent_admin1, art_admin1)
        if self._near_locators(raws, chosen, sent_admin1, art_admin1):
            chosen = _distinct([(r, r.chosen) for r in settled if not r.gated])
        self._check_qualifiers(raws)
        self._governorate_end(raws, sent_admin1)
        strong = [(r, p) for r, p in chosen if not self._is_common(r)]
        waiting = [r for r in raws if r.gated and r.places and r.pending_km]
        while waiting:
            for raw in waiting:
                self._ungate(raw, strong)
            placed = [r for r in waiting if not r.gated]
            strong += [(r, r.chosen) for r in placed if r.chosen and not self._is_common(r)]
            waiting = [r for r in waiting if r.gated] if placed else []
        # A region across governorates (شرق الفرات) takes the one its sentence names, or
        # the first of those its own phrase names (المثلث الصحراوي الواقع بين محافظات حلب
        # وحماة والرقة: Aleppo, as EVENTS.md codes the first named place).
        for k, raw in enumerate(raws):
            if raw.region is not None and raw.region.admin1 is None:
                here = {a1 for a1 in sent_admin1.get(raw.sentence, ())} | {
                    r.chosen.admin1 for r in settled
                    if r.sentence == raw.sentence and r.chosen and not r.gated
                }  # fmt: skip
                if len(here) == 1:
                    raw.context_admin1 = here.pop()
                elif k + 1 < len(raws) and self._names_province_of(tokens, raw, raws[k + 1]):
                    raw.context_admin1 = raws[k + 1].named_admin1

    def _names_province_of(self, tokens: list[Token], region: _Raw, nxt: _Raw) -> bool:
        """Whether ``nxt`` is a governorate named in ``region``'s own phrase."""
        if nxt.sentence != region.sentence or nxt.named_admin1 is None:
            return False
        i = bisect_left(tokens, region.end, key=_token_start)
        while i < len(tokens) and tokens[i].end <= nxt.start:
            if tokens[i].text not in self.cues.qualifier_links:
                return False
            i += 1
        return True

    @staticmethod
    def _shares_cue(norm: Normalized, before: _Raw, raw: _Raw) -> bool:
        """A bare governorate name listed right after a province phrase takes its cue:
        ``في بادية حمص ودير الزور``, ``أرياف حلب وإدلب``, ``محافظات حلب وحماة والرقة``."""
        if raw.cue is not None or before.sentence != raw.sentence:
            return False
        if raw.relation is not None and not raw.between_second:  # بين محافظتي حلب وحماة
            return False
        if before.governorate is None or before.cue not in GOVERNORATE_CUES:
            return False
        gap = norm.text[before.end : raw.match.start]
        return gap.strip(LIST_GAP + "و ") == "" and ("و" in gap + raw.match.prefix or "،" in gap)

    def _province_side(self, raw: _Raw, gov: Place) -> bool:
        """``شرق حلب``: a compass direction before a bare governorate name (no مدينة, no
        distance) names that side of the province, not a point near its capital."""
        return (
            raw.cue is None
            and raw.relation in self._compass
            and not raw.measured
            and raw.led_by != "neighbourhood"  # أحياء شرق حلب: the city's east
            and gov.admin1 not in self.city_governorates
        )

    def _link_qualifiers(self, raws: list[_Raw], tokens: list[Token]) -> None:
        """``X غربي Y``, ``X قرب Y``, ``X بريف Y``, ``X التابعة لبلدة Y``: Y only locates X.

        Y must follow X's phrase with nothing but linking words between (place_cues.yaml
        ``qualifier_links``) and say how it locates X: a relation, a countryside or
        governorate cue, a province name, or a linking word other than ``في``. The
        governorate a chain of such phrases names (``X قرب Y بريف حماة``) is X's province:
        a typo reading outside it, or a village that the text puts in another governorate
        by a countryside or governorate phrase, is not that place.

        After a road (``على طريق حمص – تدمر قرب الفرقلس``) it is the other way round: the
        place near the road is where it happened, and the road only locates it; a place
        after a pair (``بين قريتي X و Y شمال Z``) locates the pair.
        """
        links = self.cues.qualifier_links
        starts = [t.start for t in tokens]
        for k, (a, b) in enumerate(itertools.pairwise(raws)):
            if a.sentence != b.sentence or b.between_second or b.relation in ("between", "road"):
                continue
            i = bisect_left(starts, a.end)
            gap = []
            while i < len(tokens) and tokens[i].end <= b.start:
                gap.append(tokens[i].text)
                i += 1
            if any(w not in links for w in gap):
                continue
            if not gap and b.cue is None and b.match.prefix.startswith("و"):
                continue  # في درعا والسويداء: a list, not a city that locates the first
            regional = b.governorate is not None or b.region is not None or b.cue in REGION_CUES
            located = b.relation in self._compass or b.relation == "near"
            linked = any(w not in ("في", "ل") for w in gap)
            if a.between_second and k:  # after "طريق X – Y" or "بين X و Y"
                first = raws[k - 1]
                if first.gated or not first.places:
                    continue
                if a.relation == "road" and located and not b.gated and b.places:
                    a.qualifies = first.qualifies = b  # the road locates b
                elif a.relation == "between" and (located or regional):
                    b.qualifies = first  # بين قريتي X و Y شمال Z: Z locates the pair
                    first.qualifier = a.qualifier = b
                continue
            if a.gated or not a.places or a.governorate is not None:
                continue
            enclosing = self._encloses(a, b, gap)
            if regional or b.named_admin1 or linked or enclosing or (located and "في" not in gap):
                a.qualifier, b.qualifies = b, a
                a.enclosed = enclosing or (  # حي X غربي دمشق: in the city; حي X قرب Y: near it
                    a.cue in self.cues.enclosed_cues
                    and not regional
                    and b.cue not in REGION_CUES
                    and b.relation != "near"
                )
        for raw in raws:
            q, hops = raw.qualifier, 0
            while q is not None and hops < 4 and raw.province is None:
                raw.province = q.named_admin1
                q, hops = q.qualifier, hops + 1
            if raw.province is None or not raw.places:
                continue
            inside = tuple(p for p in raw.places if p.admin1 == raw.province)
            explicit = raw.qualifier is not None and raw.qualifier.governorate is not None
            if inside and raw.fuzzy:
                raw.places = inside
            elif not inside and (
                raw.fuzzy or (explicit and all(p.is_settlement for p in raw.places))
            ):
                raw.gated, raw.pending_km = True, 0.0
                raw.why.append(f"no namesake in {raw.province}, the province the text names")
                if raw.qualifier is not None:
                    raw.qualifier.qualifies = None
                raw.qualifier = None

    def _encloses(self, a: _Raw, b: _Raw, gap: list[str]) -> bool:
        """Whether ``b`` is the town or city ``a`` lies in: ``X في مدينة Y``, ``X بمدينة Y``,
        ``حي X في Y``, ``حي X بجرمانا`` (place_cues.yaml ``enclosing_cues``,
        ``enclosed_cues``)."""
        if b.relation is not None or b.region is not None or not b.places:
            return False
        if gap:
            inside = gap == ["في"]
        else:
            inside = "ب" in (b.cue_prefix if b.cue is not None else b.match.prefix)
        cues = self.cues
        return inside and (b.cue in cues.enclosing_cues or a.cue in cues.enclosed_cues)

    def _near_locators(
        self,
        raws: list[_Raw],
        chosen: list[tuple[_Raw, Place]],
        sent_admin1: dict[int, Counter[str]],
        art_admin1: Counter[str],
    ) -> bool:
        """The town or city that locates a place picks its namesake: ``حي الجورة بمدينة دير
        الزور`` is the quarter of that city, ``بلدة X شرقي Y`` the X near Y. A place inside
        the settlement (:meth:`_encloses`, a quarter) is one within ``enclosed_km`` of it,
        another one within ``qualifier_km`` or in its governorate. With no such namesake
        the name is not a place the gazetteer knows (a quarter it lacks, a namesake
        elsewhere in Syria): the locating place stands for it, at precision 1 for a place
        inside it. Returns whether any choice changed."""
        cues = self.cues
        context: list[tuple[_Raw, Place, _Point]] | None = None
        changed = False
        for a in raws:
            b = a.qualifier
            current = a.chosen
            if b is None or b.qualifies is not a or a.gated or current is None:
                continue
            if a.pair is not None or a.between_second:
                continue
            y = b.chosen
            if y is None or b.gated or b.governorate is not None or not y.is_settlement:
                continue
            limit = cues.enclosed_km if a.enclosed else cues.qualifier_km
            same_admin1 = None if a.enclosed else y.admin1
            inside = tuple(
                p for p in a.places
                if (p.admin1 == same_admin1 or km(p.lat, p.lon, y.lat, y.lon) <= limit)
                and not _cue_excludes(a.cue, p)
            )  # fmt: skip
            where = f"{'in' if a.enclosed else 'near'} {y.name_ar}, which locates it"
            if not inside:
                a.gated, a.pending_km = True, 0.0
                a.why.append(f"no namesake {where}")
                a.qualifier = b.qualifies = None
                b.holds = b.holds or a.enclosed
                changed = True
            elif all(p.id != current.id for p in inside):
                if context is None:
                    context = _with_points(chosen)
                a.places = inside
                self._choose(a, context, sent_admin1, art_admin1)
                a.why.append(f"the namesake {where}")
                changed = True
        return changed

    def _check_qualifiers(self, raws: list[_Raw]) -> None:
        """A locating place far from the place it locates was not its locator (a road's
        end may lie far from the place near the road)."""
        for b in raws:
            a = b.qualifies
            if a is None:
                continue
            if a.gated or a.chosen is None:
                b.qualifies = a.qualifier = None
            elif (
                b.chosen is not None and not b.gated and b.relation not in ("between", "road")
                and km(a.chosen.lat, a.chosen.lon, b.chosen.lat, b.chosen.lon)
                > self.cues.qualifier_km
            ):  # fmt: skip
                b.qualifies = a.qualifier = None

    @staticmethod
    def _governorate_end(raws: list[_Raw], sent_admin1: dict[int, Counter[str]]) -> None:
        """EVENTS.md, roads and boundaries: on ``طريق الرقة – السلمية ... ريف حماة`` the
        end in the governorate the sentence names wins over the first-named end, which
        then only locates it (unless a place near the road was named: that one wins)."""
        for a in raws:
            b = a.pair
            if b is None or a.qualifies is not None or a.gated or b.gated:
                continue
            if a.chosen is None or b.chosen is None:
                continue
            named = sent_admin1.get(a.sentence, _NO_COUNTS)
            if a.chosen.admin1 not in named and b.chosen.admin1 in named:
                a.qualifies, b.qualifies = b, None
                b.why.insert(0, f"the end in {b.chosen.admin1}, the governorate named")

    def _evidence(
        self, norm: Normalized, tokens: list[Token], raw: _Raw, previous: _Raw | None
    ) -> int:
        """How strongly the context says a name is a place.

        3: a place-type cue (قرية، بلدة، ريف...) or a road's far end; 2: a relation (غرب،
        قرب، بين، طريق);
        1: a locative preposition (في، من، إلى، بـ), a list after another place
        (``في الكوم والطيبة``), quotes, or ``لـ`` before a name of four letters or more
        that is no ordinary word (``تعزيزات لسرمدا``); 0: nothing.
        """
        if raw.cue is not None or (raw.between_second and raw.relation == "road"):
            raw.locative = True
            return 3  # a road's far end (طريق الرقة – السلمية) is as good as a cue
        if raw.relation is not None:
            raw.locative = True
            return 2
        m = raw.match
        i = m.first_token - 1
        if (
            "ب" in m.prefix
            or m.prefix.endswith("لل")  # للقصير: to al-Qusayr
            or (i >= 0 and tokens[i].sentence == raw.sentence and tokens[i].text in LOCATIVES)
        ):
            raw.locative = True
            return 1
        if raw.quoted:
            return 1
        if m.prefix.endswith(("ل", "لل")) and len(m.key) >= 4 and not self._is_common(raw):
            return 1  # "وصلت تعزيزات لسرمدا": to a place
        if previous is not None and previous.sentence == raw.sentence:
            gap = norm.text[previous.end : m.start]
            joined = m.prefix.startswith("و") or any(c in gap for c in LIST_GAP + "و")
            if joined and gap.strip(LIST_GAP + "و ") == "":
                raw.locative = previous.locative  # في منبج والباب: in al-Bab too
                return 1
        return 0

    def _accepts(self, raw: _Raw, evidence: int) -> bool:
        """Whether a name counts as a place from its own context (else it may wait for
        proximity to the article's other places: ``raw.pending_km``).

        Towns, cities and named features count bare. A village needs some evidence; a
        common word (النصر) a place-type cue; a name only GeoNames knows (often a hamlet
        or a stray spelling) or of three letters at most a relation or a cue.
        """
        if raw.region is not None or not raw.places:
            return True
        if self._is_common(raw):
            raw.pending_km = GATE_KM if evidence == 2 else GATE_KM / 2 if evidence == 1 else 0
            # a town named so counts after a locative or a relation (في القصير، بالباب)
            return evidence >= 3 or (evidence >= 1 and raw.locative and self._common_town(raw))
        if any(p.rank >= TOWN_RANK and not _weak(p) for p in raw.places) or any(
            not p.is_settlement for p in raw.places
        ):
            return True
        short = len(raw.match.key) <= 3 and not raw.article  # كوم, but not الكوم
        if short or all(_weak(p) for p in raw.places):
            raw.pending_km = GATE_KM if evidence >= 1 else 0
            return evidence >= 2
        raw.pending_km = GATE_KM
        return evidence >= 1

    def _is_common(self, raw: _Raw) -> bool:
        key = raw.match.key
        return key in self._word_keys or (("ال" + key) if raw.article else key) in self._stop_forms

    def _common_town(self, raw: _Raw) -> bool:
        """A name that is an ordinary word only in ANERcorp's count (الباب، القصير، نوى),
        not in the news' own list, and a town's or city's own name, with or without its
        article (سلمية), not one of its other names (حوله "around it" is not الحولة)."""
        key = raw.match.key
        if key in self._word_keys:
            return False
        return any(
            p.type in ("city", "town")
            and p.rank >= TOWN_RANK
            and not _weak(p)
            and (raw.article or normalize_key(p.name_ar) in (key, "ال" + key))
            for p in raw.places
        )

    def _choose(
        self,
        raw: _Raw,
        anchors: list[tuple[_Raw, Place, _Point]],
        sent_admin1: dict[int, Counter[str]],
        art_admin1: Counter[str],
    ) -> None:
        here = sent_admin1.get(raw.sentence, _NO_COUNTS)
        scored: list[tuple[float, Place, list[str]]] = []
        key = raw.match.key
        own = len(raw.places) > 1  # a namesake called so beats one with it as an alias
        context = [  # the other places, with how much their sentence says about this one
            (_text_weight(raw, other), p, point)
            for other, p, point in anchors
            if other is not raw and other.match.key != raw.match.key
        ]
        for place in raw.places:
            why = [f"rank {place.rank}"]
            score = 0.3 * math.log10(max(place.rank, 10))
            if raw.province and place.admin1 == raw.province:
                score += 3.0
                why.append(f"{place.admin1} named right after it")
            if place.admin1 and place.admin1 in here:
                score += 3.0
                why.append(f"{place.admin1} named in the sentence")
            elif place.admin1 and place.admin1 in art_admin1:
                score += 1.5
                why.append(f"{place.admin1} named in the article")
            near = _nearest(_point(place), context)
            if near is not None:
                bonus, dist, anchor = near
                score += bonus
                why.append(f"{dist:.0f} km from {anchor.name_ar}")
            if place.id in raw.headed:
                score += 0.3
                why.append("named with its cue")
            if own and self.gaz.is_own_name(place, key):
                score += 0.2
                why.append("its own name")
            prefer = CUE_TYPES.get(raw.cue or "")
            if prefer is not None:
                if place.type in prefer:
                    score += 1.0
                    why.append(f"a {place.type} after a {raw.cue} cue")
                elif _cue_excludes(raw.cue, place):
                    score -= 1.5
                    why.append(f"no {place.type} after a {raw.cue} cue")
                elif not place.is_settlement:
                    score -= 1.0
            elif place.type == "neighbourhood" and place.rank < AREA_RANK:
                score -= 0.5
            scored.append((score, place, why))
        scored.sort(key=lambda t: (-t[0], t[1].id))
        best, place, why = scored[0]
        margin = best - scored[1][0] if len(scored) > 1 else 3.0
        raw.chosen = place
        raw.score = 0.5 + 0.45 * (1 - math.exp(-margin))
        prefix = [f"{len(scored)} namesakes"] if len(scored) > 1 else ["only namesake"]
        raw.why[:] = [*(w for w in raw.why if w.startswith("typo")), *prefix, *why]
        if raw.fuzzy:
            raw.score *= 0.7

    @staticmethod
    def _ungate(raw: _Raw, chosen: list[tuple[_Raw, Place]]) -> None:
        """A common-word name counts when one namesake lies near another place of the article."""
        best: tuple[float, Place, Place] | None = None
        for place in raw.places:
            for other, p in chosen:
                if other is raw or p is None or other.match.key == raw.match.key:
                    continue
                d = km(place.lat, place.lon, p.lat, p.lon)
                if d <= raw.pending_km and (best is None or d < best[0]):
                    best = (d, place, p)
        if best is None:
            raw.chosen = None
            return
        raw.chosen = best[1]
        raw.gated = False
        raw.score *= 0.8
        raw.why[:] = ["common word", f"read as a place: {best[0]:.0f} km from {best[2].name_ar}"]

    # ------------------------------------------------------------ output

    def _name_ar(self, norm: Normalized, raw: _Raw) -> str:
        """The name as written: with its direction or descriptor, and with its cue when the
        cue is part of the name (place_cues.yaml ``named_heads``: بادية تدمر, not بلدة هجين)."""
        m = raw.match
        start = (
            raw.cue_start if raw.cue in self.cues.named_heads and raw.cue_start >= 0 else m.start
        )
        end = max(m.end, raw.name_end)
        text = norm.text
        if text[start:end].count('"') % 2 and text[end : end + 1] == '"':
            end += 1  # مزرعة "الرشيد": the closing quote too
        return norm.span(start, end).text

    def _mention(self, norm: Normalized, raw: _Raw) -> PlaceMention | None:
        name_ar = self._name_ar(norm, raw)
        relation = raw.relation
        if raw.region is not None:
            return self._region_mention(norm, raw, name_ar)
        if raw.governorate is not None:
            return self._governorate_mention(raw, name_ar)
        place = raw.chosen
        if place is None or raw.gated:
            return None
        area = raw.cue in self.cues.area_types
        point = place.is_settlement or place.type in self.cues.point_types
        precision = 1 if point and (raw.holds or (not relation and not area)) else 2
        kind = "region" if raw.cue in REGION_CUES else "place"
        why = list(raw.why)
        if raw.between_second:
            why.insert(0, f"second place of a '{relation}' pair")
        loc = make_location(
            name_en=place.name_en, name_ar=name_ar, admin1=place.admin1, admin2=place.admin2,
            lat=place.lat, lon=place.lon, geo_precision=precision, gazetteer_id=place.id,
        )  # fmt: skip
        score = raw.score * (0.8 if raw.between_second else 1.0)
        if raw.qualifies is not None:
            why.insert(0, f"locates {raw.qualifies.match.key}")
        return _placed(
            raw, loc, relation, kind, round(score, 3), tuple(why), place, _dateline(norm.text, raw)
        )

    def _governorate_mention(self, raw: _Raw, name_ar: str) -> PlaceMention:
        gov = raw.governorate
        assert gov is not None and gov.admin1 is not None
        lat, lon = gov.lat, gov.lon
        label = {"countryside": " countryside", "desert": " desert"}.get(raw.cue or "", "")
        if raw.cue == "desert" and gov.admin1 in self.deserts:
            lat, lon = self.deserts[gov.admin1]
        side = raw.direction
        if raw.cue is None and raw.relation in self._compass:  # شرق حلب: a side of the province
            side, label = raw.relation, " countryside"
        direction = f"{side}ern " if side else ""
        name_en = direction + gov.admin1 + label
        kind = "governorate" if raw.cue in (None, "governorate") and not side else "region"
        loc = make_location(
            name_en=name_en,
            name_ar=name_ar,
            admin1=gov.admin1,
            admin2=None,
            lat=lat,
            lon=lon,
            geo_precision=3,
            gazetteer_id=gov.id,
        )
        why: tuple[str, ...] = (
            f"governorate {gov.admin1}",
            f"after a {raw.cue} cue" if raw.cue else "bare name",
        )
        if raw.cue is None and side:
            why = (*why, f"{side} of the province")
        return _placed(raw, loc, raw.relation, kind, 0.9, why, gov)

    def _region_mention(self, norm: Normalized, raw: _Raw, name_ar: str) -> PlaceMention:
        region = raw.region
        assert region is not None
        admin1, why = region.admin1, ["region phrase"]
        lat, lon = region.lat, region.lon
        if admin1 is None and raw.context_admin1:
            admin1 = raw.context_admin1
            why.append(f"{admin1} named in the sentence")
        gov = self.gaz.governorates.get(admin1 or "")
        if lat is None and gov is not None:
            lat, lon = gov.lat, gov.lon
            why.append(f"centroid of {admin1}")
        loc = make_location(
            name_en=region.name_en,
            name_ar=name_ar,
            admin1=admin1,
            admin2=None,
            lat=lat,
            lon=lon,
            geo_precision=3,
            gazetteer_id=f"region:{region.id}",
        )
        return _placed(raw, loc, raw.relation, "region", 0.8, tuple(why), None)


def _cue_start(token: Token, cut: int) -> int:
    """Where a cue word starts once its proclitics are cut, keeping the article (الريف)."""
    prefix = token.text[:cut]
    return token.start + (cut - 2 if prefix.endswith("ال") else cut)


def _dateline(text: str, raw: _Raw) -> bool:
    """A bare name opening a line and followed by a dash, a bracket or a date: the
    reporting desk of ``حمص-سانا``, ``الحسكة – نورث برس``, ``دمشق 20 ديسمبر (شينخوا)``."""
    line = text.rfind("\n", 0, raw.start) + 1
    if raw.cue or raw.relation or raw.match.prefix or text[line : raw.start].strip():
        return False
    after = text[raw.end : raw.end + 4].lstrip(" ")
    return after[:1] in ("-", "(") or after[:1].isdigit()


def _placed(
    raw: _Raw,
    loc: Location,
    relation: str | None,
    kind: str,
    score: float,
    why: tuple[str, ...],
    place: Place | None,
    dateline: bool = False,
) -> PlaceMention:
    """The mention of ``raw``'s phrase, resolved to ``loc``."""
    m = raw.match
    return PlaceMention(
        raw.start,
        raw.end,
        m.start,
        m.end,
        raw.sentence,
        loc,
        relation,
        kind,
        score,
        why,
        place,
        _located(raw),
        dateline,
    )


def _located(raw: _Raw) -> tuple[int, int] | None:
    """The anchor of the place ``raw`` locates (``X غربي Y``: X's, for Y), if any."""
    a = raw.qualifies
    return (a.match.start, a.match.end) if a is not None else None


_START, _END = attrgetter("start"), attrgetter("end")  # (stable sorts: ties keep their order)
_FIRST_TOKEN, _LAST_TOKEN = attrgetter("first_token"), attrgetter("last_token")


def _leftmost_longest(
    hits: list[LexiconMatch[str]], regions: bool = False
) -> list[LexiconMatch[str]]:
    """Non-overlapping hits, the one of most tokens at each first token (``بدير الزور`` is
    بـ and دير الزور, not the village بدير), then the longest, then the first to start
    (a name read whole before one read after a proclitic). A region's name wins over a
    place's of the same span (الجولان; ``regions``: some hit is a region's). A place name
    never carries a pronoun suffix, so hits with one were dropped before (قرية عزيزية ≠
    قرية عزيزي + ه)."""
    if regions:
        hits.sort(key=_region_last)
    hits.sort(key=_START)
    hits.sort(key=_END, reverse=True)
    hits.sort(key=_LAST_TOKEN, reverse=True)
    hits.sort(key=_FIRST_TOKEN)
    chosen: list[LexiconMatch[str]] = []
    for h in hits:
        if not chosen or h.first_token > chosen[-1].last_token:
            chosen.append(h)
    return chosen


def _region_last(hit: LexiconMatch[str]) -> bool:
    return not hit.payloads[0].startswith("region:")


def _joined(
    places: tuple[Place, ...], extra: tuple[Place, ...]
) -> tuple[tuple[Place, ...], frozenset[str]]:
    """A name's places and those of the name with its cue (:meth:`PlaceResolver._split_heads`),
    biggest first, and the ids of the latter."""
    ids = {p.id for p in places}
    more = {p.id: p for p in extra if p.id not in ids}
    if more:
        places = tuple(sorted((*places, *more.values()), key=_by_rank))
    return places, frozenset(p.id for p in extra)


def _cue_excludes(cue: str | None, place: Place) -> bool:
    """Whether a place-type cue rules a namesake out: a village, town or city cue
    (قرية، بلدة، مدينة، مزرعة) is no city's quarter, and a quarter cue (حي) no village
    or town of its own."""
    if cue in ("settlement", "farm", "city"):
        return place.type == "neighbourhood"
    if cue == "neighbourhood":
        return place.type in ("village", "town")
    return False


def _by_rank(place: Place) -> tuple[int, str]:
    return -place.rank, place.id


def _deletions(word: str) -> set[str]:
    """``word`` with one letter left out, every way (a symmetric-deletion typo index)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _with_proclitics(table: dict[str, str]) -> dict[str, tuple[str, int]]:
    """Every proclitic form of each word (بريف, وبلدة, لمدينة) → (value, proclitic length)."""
    out: dict[str, tuple[str, int]] = {}
    for word, value in table.items():
        for p in ("", *PROCLITICS):
            out.setdefault(p + word, (value, len(p)))
    return out


def _distinct(pairs: list[tuple[_Raw, Place | None]]) -> list[tuple[_Raw, Place]]:
    """One anchor per place and sentence: repeated names add no new context."""
    seen: set[tuple[str, int]] = set()
    out: list[tuple[_Raw, Place]] = []
    for raw, place in pairs:
        if place is not None and (place.id, raw.sentence) not in seen:
            seen.add((place.id, raw.sentence))
            out.append((raw, place))
    return out


_Point = tuple[float, float, float]  # latitude, longitude (radians), cosine of the latitude
_NO_COUNTS: Counter[str] = Counter()  # what a sentence without governorates names (never changed)


def _with_points(anchors: list[tuple[_Raw, Place]]) -> list[tuple[_Raw, Place, _Point]]:
    """The anchors with their places' :func:`_point`, computed once for every name they
    are context for."""
    return [(raw, place, _point(place)) for raw, place in anchors]


def _point(place: Place) -> _Point:
    """A place's latitude and longitude in radians and the cosine of its latitude
    (:func:`rasd.geo.haversine_km`'s view of it)."""
    lat = math.radians(place.lat)
    return lat, math.radians(place.lon), math.cos(lat)


def _nearest(
    point: _Point, context: list[tuple[float, Place, _Point]]
) -> tuple[float, float, Place] | None:
    """The context place that says most about a namesake at ``point``: the bonus its
    distance and weight give, the distance, the place (the first of equals); None for none."""
    lat, lon, cos_lat = point
    best: tuple[float, float, Place] | None = None
    for weight, p, (lat2, lon2, cos_lat2) in context:
        d = haversine_km(lat, lon, cos_lat, lat2, lon2, cos_lat2)
        bonus = 3.0 * weight * math.exp(-d / NEAR_KM)
        if best is None or bonus > best[0]:
            best = (bonus, d, p)
    return best


def _text_weight(raw: _Raw, other: _Raw) -> float:
    """Places named in the same or a nearby sentence say more about each other."""
    gap = abs(raw.sentence - other.sentence)
    return 1.0 if gap == 0 else 0.6 if gap <= 2 else 0.3


def _weak(place: Place) -> bool:
    """A village that only GeoNames (through WOF) knows: many are hamlets or stray spellings."""
    return place.source == "wof" and place.type == "village"


def _dominant(places: tuple[Place, ...]) -> bool:
    """One namesake, or a city/town far bigger than the others (السخنة, not الطيبة)."""
    if len(places) == 1:
        return True
    first, second = places[0], places[1]
    return first.type in ("city", "town") and first.rank >= 20 * max(second.rank, 1)


def _opening_quoted(text: str, tokens: list[Token]) -> set[int]:
    """Tokens that open a quotation: a ``"`` one or two characters before them, and the
    token inside quotes. Visits the quotes of the text, not every token."""
    out: set[int] = set()
    q = text.find('"')
    while q >= 0:
        i = bisect_left(tokens, q + 1, key=_token_start)
        if i < len(tokens) and tokens[i].start <= q + 2:
            t = tokens[i]
            if _quoted(text, t.start, t.end):
                out.add(i)
        q = text.find('"', q + 1)
    return out


def _token_start(token: Token) -> int:
    return token.start


_token_text = attrgetter("text")


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands inside quotation marks (normalised to ``"``)."""
    before = text[max(0, start - 2) : start].strip()
    return before.endswith(('"', "'")) and text[end : end + 2].strip().startswith(('"', "'"))


def _load_regions(doc: dict[str, Any]) -> tuple[list[tuple[list[str], Region]], dict[str, Any]]:
    try:
        regions = [
            (
                [str(n) for n in r["names"]],
                Region(
                    str(r["id"]), str(r["name_en"]), r.get("admin1"), r.get("lat"), r.get("lon")
                ),
            )
            for r in doc["regions"]
        ]
        deserts = {
            k: (float(v[0]), float(v[1])) for k, v in doc["governorate_deserts"].items() if v
        }
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise PlaceDataError(f"regions.yaml: bad entry {exc}") from exc
    return regions, deserts


def rank_candidates(name: str, near: str | None = None) -> list[tuple[Place, list[str]]]:
    """The namesakes of ``name`` with why: nearest to ``near`` (its biggest namesake)
    first when given, else biggest first."""
    gaz = load_gazetteer()
    places = gaz.candidates(name)
    near_hits = gaz.candidates(near) if near else []
    near_place = near_hits[0] if near_hits else None

    def order(p: Place) -> tuple[float, int, str]:
        dist = km(p.lat, p.lon, near_place.lat, near_place.lon) if near_place else 0.0
        return (dist, -p.rank, p.id)

    out = []
    for place in sorted(places, key=order):
        why = [f"rank {place.rank}", f"source {place.source}"]
        if near_place is not None:
            d = km(place.lat, place.lon, near_place.lat, near_place.lon)
            why.insert(0, f"{d:.0f} km from {near_place.name_ar} ({near_place.admin1})")
        out.append((place, why))
    return out


@lru_cache(maxsize=1)
def place_resolver() -> PlaceResolver:
    """The resolver over the packaged gazetteer and data files, built once per process."""
    cues = Cues.load(_read_yaml("place_cues.yaml"))
    regions_doc = _read_yaml("regions.yaml")
    regions, deserts = _load_regions(regions_doc)
    cities = frozenset(str(c) for c in regions_doc.get("city_governorates") or ())
    return PlaceResolver(load_gazetteer(), cues, regions, deserts, _read_stopnames(), cities)
