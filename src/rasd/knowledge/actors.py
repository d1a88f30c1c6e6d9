"""Which actor a phrase of Arabic conflict news names, on which date.

The ontology is ``data/actors.yaml``; its header explains the format to analysts. Here it
becomes one clitic-aware :class:`~rasd.knowledge.lexicon.Lexicon` of actor names, generic
head nouns (``عناصر``، ``ميليشيا``) and short references (``التنظيم``، ``الأخير``), and
:meth:`ActorResolver.find` turns the hits over one article into :class:`ActorMention`:

1. a hit is a name, a head, a reference or a blocked phrase (``not_actors``);
2. heads directly before a name or reference join its mention (``عناصر ميليشيا لواء القدس``);
3. names that several actors share across eras get the id valid on the date, or, with no
   date, the id whose era the article's one-era names point to; a name the article's outlet
   reads its own way (``by_outlet``: ``قوى الأمن الداخلي`` in Kurdish media are the
   Asayish) is chosen among that reading's ids instead, unless the text names in apposition
   which actor is meant;
4. references take the id of their antecedent, in article order (or the outlet's default).
"""

from __future__ import annotations

import datetime as dt
import itertools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from rasd.knowledge.lexicon import Lexicon, LexiconMatch, normalized_key
from rasd.text.normalize import Normalized, normalize, normalize_key
from rasd.text.tokens import Token, tokenize

ACTORS_FILE = Path(__file__).parent / "data" / "actors.yaml"
ACLED_FILE = Path(__file__).parent / "data" / "acled.yaml"

Cue = Literal["none", "not_after_definite", "needs_cue"]
_CUES: tuple[Cue, ...] = ("none", "not_after_definite", "needs_cue")
_QUOTES = frozenset("\"'()[]")
# Actors of no name (a man, an armed group): a clients phrase says whose they are.
_NAMELESS_KINDS = frozenset({"civilians", "unidentified"})
# What may stand between a shared name and the name in apposition that says whose it is
# (besides `apposition_links`), and how far apart (characters) the two may be.
_APPOSITION_MARKS = str.maketrans(dict.fromkeys("()[]\"'«»“”-–—_ـ", " "))
_APPOSITION_REACH = 40
_CLITIC_RESIDUE = frozenset({"ل", "لل", "ب", "بال", "ال"})
# What of a clients link may stand inside the patron's first word ("التابعة" + "لل").
_LINK_CLITICS = frozenset({"", "ل", "لل", "ب", "بال"})
_CLAUSE_MARKS = frozenset(".،,؛;:()")
# What may stand before a clients head noun in its word ("لمجموعة"، "المجموعة").
_HEAD_CLITICS = ("", "و", "ب", "ل", "ف", "ال", "وال", "بال", "لل", "فال")


def _head_clitic(word: str, heads: frozenset[str]) -> int:
    """The length of the clitic or article before the head noun ``word`` is (``لمجموعة``،
    ``المجموعة``), -1 when it is none."""
    for clitic in _HEAD_CLITICS:
        if word.startswith(clitic) and word[len(clitic) :] in heads:
            return len(clitic)
    return -1


class ActorDataError(ValueError):
    """The actor ontology file does not follow the format its header describes."""


@dataclass(frozen=True, slots=True)
class Actor:
    """One id of the ontology; ``valid_to`` is exclusive; ``camp``, when the actor has one,
    is its side of the war (see ``actors.yaml``)."""

    id: str
    name: str
    kind: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    role_hint: str | None = None
    camp: str | None = None
    clients: str | None = None  # the actor of a group or man of no name who serves this one

    @property
    def bounded(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )

    def overlaps(self, other: Actor) -> bool:
        """Whether the two validity windows share a day."""
        lo = max(self.valid_from or dt.date.min, other.valid_from or dt.date.min)
        hi = min(self.valid_to or dt.date.max, other.valid_to or dt.date.max)
        return lo < hi


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in the text; offsets are into :attr:`Normalized.text`.

    ``form`` is the ontology entry that matched (for a reference: the reference word),
    ``head`` the outermost generic head noun joined to it (``عناصر``، ``خلايا``...).
    """

    start: int
    end: int
    actor_id: str
    form: str
    head: str | None
    anaphoric: bool
    sentence: int
    role_hint: str | None


# A name's or a reference's reading per outlet camp: (camp, ids) pairs (``by_outlet``).
_Readings = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class _Name:
    form: str
    ids: tuple[str, ...]
    definite: bool
    lead: str = ""  # the normalised head of a head + bound name combination ("فلول الأسد")
    readings: _Readings = ()


@dataclass(frozen=True, slots=True)
class _Head:
    form: str
    key: str = ""  # normalised


@dataclass(frozen=True, slots=True)
class _Anaphor:
    form: str
    kinds: frozenset[str]
    forms_with: tuple[str, ...]
    default: str | None
    look_ahead: bool
    cue: Cue
    readings: _Readings = ()  # the default per outlet camp (one id each)


@dataclass(frozen=True, slots=True)
class _NotActor:
    form: str


_Entry = _Name | _Head | _Anaphor | _NotActor
_Role = Literal["name", "head", "anaphor", "block"]


@dataclass(frozen=True, slots=True)
class _Clients:
    """Head nouns of people of no name (``مجموعة``، ``شاب``) and the links after which the
    force they serve is named (``تعمل لصالح``، ``الموالي لـ``), as normalised words."""

    heads: frozenset[str]
    links: frozenset[str]


@dataclass(slots=True)
class _Item:
    hit: LexiconMatch[_Entry]
    role: _Role
    name: _Name | None
    head: _Head | None
    anaphor: _Anaphor | None


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    sentence: int
    form: str
    head: str | None
    ids: tuple[str, ...]
    anaphor: _Anaphor | None
    heads: tuple[str, ...] = ()  # the normalised heads joined to the name
    readings: _Readings = ()


# ---------------------------------------------------------------- helpers shared with sources


def load_yaml(path: Path, error: type[ValueError]) -> dict[str, Any]:
    """Read a data file that must hold a mapping, raising ``error`` with the path if not."""
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise error(f"{path}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise error(f"{path}: expected a mapping at the top level")
    return data


def spelling_table(groups: Iterable[Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Each normalised word of a variant group → all spellings of the group."""
    table: dict[str, tuple[str, ...]] = {}
    for group in groups:
        spellings = tuple(dict.fromkeys(normalize_key(str(w)) for w in group))
        for word in spellings:
            table[word] = spellings
    return table


def expand_spellings(form: str, table: Mapping[str, tuple[str, ...]]) -> list[str]:
    """A normalised form in every combination of its words' spelling variants (itself first)."""
    options: list[tuple[str, ...]] = []
    for word in form.split():
        if word in table:
            options.append(table[word])
        elif word.startswith("ال") and word[2:] in table:
            options.append(tuple("ال" + w for w in table[word[2:]]))
        else:
            options.append((word,))
    return [" ".join(combo) for combo in itertools.product(*options)]


def lexicon_key(form: str) -> str:
    """:func:`~rasd.knowledge.lexicon.entry_key` of an already normalised form (no re-normalising:
    loading builds thousands of keys)."""
    return normalized_key(form)


def is_definite(form: str) -> bool:
    """Whether the lexicon stores a normalised form without the article of its first word."""
    return form.startswith("ال") and len(form.split(" ", 1)[0]) > 4


def has_article(hit: LexiconMatch[Any], text: str) -> bool:
    """Whether the first word of a hit carries the article (``التنظيم``، ``والتنظيم``، ``للتنظيم``).

    The lexicon stores names without it and puts it inside the hit's span.
    """
    return hit.prefix.endswith("لل") or (
        text.startswith("ال", hit.start) and not hit.key.startswith("ال")
    )


def string_list(value: object, where: str, error: type[ValueError]) -> list[str]:
    """A list of strings (or numbers, as strings) of a data file; none for a missing value."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise error(f"{where}: expected a list of strings")
    return [str(v) for v in value]


def _date(value: object, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ActorDataError(f"{where}: not a YYYY-MM-DD date: {value!r}") from exc


# ---------------------------------------------------------------- the resolver


class ActorResolver:
    """Finds actor mentions in an article and resolves them to ontology ids."""

    def __init__(self, data: Mapping[str, Any], source: str = "actors.yaml") -> None:
        self.source = source
        self.actors = self._read_actors(data)
        self._spellings = spelling_table(self._groups(data))
        self._linkers = frozenset(
            normalize_key(w) for w in string_list(data.get("linkers"), "linkers", ActorDataError)
        )
        self._not_definite = frozenset(
            normalize_key(w)
            for w in string_list(
                data.get("not_definite_words"), "not_definite_words", ActorDataError
            )
        )
        self._links = frozenset(
            normalize_key(w)
            for w in string_list(data.get("apposition_links"), "apposition_links", ActorDataError)
        )
        self._clients = self._client_rules(data.get("clients"))
        self._client_heads = self._word_set(data, "client_heads")
        self._remnant_heads = self._word_set(data, "remnant_heads")
        self._readings: dict[str, _Readings] = {}  # of the entries that have them, by place
        self._lexicon: Lexicon[_Entry] = Lexicon(self._entries(data))
        camps = {c for r in self._readings.values() for c, _ in r}
        self.outlet_camps: frozenset[str] = frozenset(camps)
        """The outlet camps some name is read by (``by_outlet``)."""

    @classmethod
    def from_file(cls, path: Path) -> ActorResolver:
        return cls(load_yaml(path, ActorDataError), str(path))

    def actor(self, actor_id: str) -> Actor:
        return self.actors[actor_id]

    # ------------------------------------------------------------ public API

    def find(
        self,
        norm: Normalized,
        tokens: list[Token],
        on: dt.date | None = None,
        outlet_camp: str | None = None,
    ) -> list[ActorMention]:
        """Every actor mention of an article, in text order, references resolved.

        ``on`` is the event or publication date that picks between era-dependent ids;
        ``outlet_camp`` the camp of the outlet that publishes the article (``outlet_camps``
        of ``sources.yaml``), whose reading of a name (``by_outlet``) is taken.
        """
        items = self._items(self._lexicon.match(tokens), norm.text)
        raws = self._join_heads(items, tokens, norm)
        votes = [
            self.actors[r.ids[0]] for r in raws if len(r.ids) == 1 and self.actors[r.ids[0]].bounded
        ]
        chosen = [
            self._choose(_read(r.ids, r.readings, outlet_camp), on, votes) if r.ids else ""
            for r in raws
        ]
        for i, raw in enumerate(raws):
            if raw.heads and chosen[i]:
                chosen[i] = self._served(chosen[i], raw.heads, on, votes)
        for i in range(len(raws) - 1):
            shared, then = raws[i], raws[i + 1]
            pool = _every(shared)
            if len(pool) > 1 and then.ids and self._apposed(shared, then, norm.text):
                meant = self._meant(pool, chosen[i + 1], on)
                if meant:
                    chosen[i] = meant  # "قوى الأمن الداخلي (الأسايش)"
        resolved: list[ActorMention | None] = [
            None if r.anaphor else self._mention(r, chosen[i], False) for i, r in enumerate(raws)
        ]
        out: list[ActorMention] = []
        for i, raw in enumerate(raws):
            mention = resolved[i]
            if raw.anaphor is not None:
                target = self._antecedent(raw.anaphor, out, resolved[i + 1 :], norm, outlet_camp)
                mention = self._mention(raw, target, True) if target else None
            if mention is not None:
                out.append(mention)
        return self._with_clients(out, tokens, norm.text)

    def _with_clients(
        self, mentions: list[ActorMention], tokens: list[Token], text: str
    ) -> list[ActorMention]:
        """Add the mention of people of no name who serve a force named after them
        (``عنصرًا في مجموعة محلية تعمل لصالح الأمن العسكري``): they are of the force's
        ``clients`` actor, and the force is only their patron. A man the lexicon took for a
        civilian or an unknown armed group (``شاب يعمل لصالح ...``، ``مجموعة مسلحة مدعومة من
        إيران``) is the client instead."""
        if not any(self.actors[m.actor_id].clients for m in mentions):
            return mentions
        starts = [t.start for t in tokens]
        out: list[ActorMention] = []
        free_from = 0  # where the text after the last mention of a side starts
        for m in mentions:
            client = self.actors[m.actor_id].clients
            found = None
            if client is not None and not m.anaphoric:
                found = self._client_span(m, tokens, starts, text, free_from)
            if client is not None and found is not None:
                word, start, end, head = found
                while out and out[-1].start >= word:
                    out.pop()  # the civilian or armed group the head was read as
                role_hint = self.actors[client].role_hint
                out.append(
                    ActorMention(start, end, client, head, head, False, m.sentence, role_hint)
                )
            out.append(m)
            if self.actors[m.actor_id].kind not in _NAMELESS_KINDS:
                free_from = m.end
        return out

    def _client_span(
        self, patron: ActorMention, tokens: list[Token], starts: list[int], text: str, free: int
    ) -> tuple[int, int, int, str] | None:
        """Where the word of the head starts (with its clitic), the span and head of ``head
        [one or two words] link`` right before ``patron``."""
        k = bisect_right(starts, patron.start) - 1
        if k < 1 or text[tokens[k].start : patron.start] not in _LINK_CLITICS:
            return None
        for rule in self._clients:
            for n in (1, 2, 3):
                link = k - n
                if link < 1 or " ".join(t.text for t in tokens[link:k]) not in rule.links:
                    continue
                for head in range(link - 1, max(link - 4, -1), -1):
                    tok = tokens[head]
                    if tok.start < free or tok.sentence != patron.sentence:
                        break
                    clitic = _head_clitic(tok.text, rule.heads)
                    if clitic >= 0:
                        if any(c in _CLAUSE_MARKS for c in text[tok.start : tokens[link].start]):
                            break
                        return (
                            tok.start,
                            tok.start + clitic,
                            tokens[link - 1].end,
                            tok.text[clitic:],
                        )
        return None

    def _meant(self, ids: tuple[str, ...], named: str, on: dt.date | None) -> str:
        """Which of a shared name's ``ids`` an actor named in apposition says is meant: the
        actor itself, or the one id of its camp and kind valid on the date (``قوى الأمن
        الداخلي التابعة لحكومة دمشق``: the new state's police); none when it says nothing."""
        if named in ids:
            return named
        actor = self.actors[named]
        same = [
            i
            for i in ids
            if actor.camp is not None
            and self.actors[i].camp == actor.camp
            and self.actors[i].kind == actor.kind
            and (on is None or self.actors[i].valid_on(on))
        ]
        return same[0] if len(same) == 1 else ""

    def _apposed(self, shared: _Raw, then: _Raw, text: str) -> bool:
        """``then`` names in apposition which of its actors ``shared`` means: nothing but
        brackets, dashes or quotes between them, or a link word (``التابعة لـ``، ``أو``); a
        preposition's clitic before ``then`` may stay (``لـ``، ``بـ``), never ``و`` (another
        actor joined to it)."""
        if then.sentence != shared.sentence or then.start - shared.end > _APPOSITION_REACH:
            return False
        words = text[shared.end : then.start].translate(_APPOSITION_MARKS).split()
        if words and words[-1] in _CLITIC_RESIDUE:
            words.pop()
        return not words or " ".join(words) in self._links

    def resolve(
        self, text: str, on: dt.date | None = None, outlet_camp: str | None = None
    ) -> tuple[str | None, str | None]:
        """The id a single phrase names and the ontology form that matched, or ``(None, None)``."""
        norm = normalize(text)
        mentions = self.find(norm, tokenize(norm), on, outlet_camp)
        if not mentions:
            return None, None
        return mentions[0].actor_id, mentions[0].form

    # ------------------------------------------------------------ loading

    def _read_actors(self, data: Mapping[str, Any]) -> dict[str, Actor]:
        section = data.get("actors")
        if not isinstance(section, dict) or not section:
            raise ActorDataError(f"{self.source}: 'actors' must map ids to entries")
        actors: dict[str, Actor] = {}
        for actor_id, entry in section.items():
            where = f"{self.source}: actors.{actor_id}"
            if not isinstance(entry, dict) or not entry.get("name") or not entry.get("kind"):
                raise ActorDataError(f"{where}: needs 'name' and 'kind'")
            actor = Actor(
                str(actor_id),
                str(entry["name"]),
                str(entry["kind"]),
                _date(entry.get("valid_from"), where),
                _date(entry.get("valid_to"), where),
                entry.get("role_hint"),
                entry.get("camp"),
                entry.get("clients"),
            )
            if actor.valid_from and actor.valid_to and actor.valid_from >= actor.valid_to:
                raise ActorDataError(f"{where}: valid_from must come before valid_to")
            actors[actor.id] = actor
        for actor in actors.values():
            if actor.clients is not None and actor.clients not in actors:
                raise ActorDataError(f"{self.source}: actors.{actor.id}: unknown clients id")
        return actors

    def _groups(self, data: Mapping[str, Any]) -> list[list[str]]:
        groups = data.get("spelling_variants") or []
        if not isinstance(groups, list):
            raise ActorDataError(f"{self.source}: spelling_variants must be a list of lists")
        return [string_list(g, f"{self.source}: spelling_variants", ActorDataError) for g in groups]

    def _by_outlet(self, value: object, where: str, many: bool) -> _Readings:
        """A ``by_outlet`` mapping: outlet camp → an id, or (``many``) ids tried in order."""
        if value is None:
            return ()
        if not isinstance(value, dict) or not all(isinstance(c, str) for c in value):
            raise ActorDataError(f"{where}: by_outlet must map outlet camps to actor ids")
        readings: list[tuple[str, tuple[str, ...]]] = []
        for camp, ids in value.items():
            if isinstance(ids, str):
                ids = [ids]
            elif not many:
                raise ActorDataError(f"{where}: by_outlet.{camp}: one actor id")
            readings.append((camp, self._ids(ids, f"{where}: by_outlet.{camp}")))
        return tuple(readings)

    def _ids(self, value: object, where: str) -> tuple[str, ...]:
        ids = tuple(string_list(value, where, ActorDataError))
        unknown = [i for i in ids if i not in self.actors]
        if not ids or unknown:
            raise ActorDataError(f"{where}: unknown or missing actor ids {unknown}")
        return ids

    def _entries(self, data: Mapping[str, Any]) -> list[tuple[str, _Entry]]:
        """All lexicon entries; explicit names win over generated combinations."""
        src = self.source
        groups: list[tuple[tuple[str, ...], dict[str, Any], str]] = [
            ((actor_id,), entry, f"{src}: actors.{actor_id}")
            for actor_id, entry in data["actors"].items()
        ]
        for n, entry in enumerate(data.get("shared_forms") or []):
            where = f"{src}: shared_forms[{n}]"
            if not isinstance(entry, dict):
                raise ActorDataError(f"{where}: expected a mapping")
            groups.append((self._ids(entry.get("ids"), where), entry, where))
        for _, entry, where in groups:
            readings = self._by_outlet(entry.get("by_outlet"), where, True)
            if readings:
                self._readings[where] = readings

        entries: list[tuple[str, _Entry]] = []
        owner: dict[str, tuple[tuple[str, ...], bool]] = {}  # key → ids, listed explicitly

        def add(
            form: str, norm: str, ids: tuple[str, ...], explicit: bool, where: str, lead: str = ""
        ) -> None:
            for variant in expand_spellings(norm, self._spellings):
                key = lexicon_key(variant)
                seen = owner.get(key)
                if seen is not None and seen[0] != ids:
                    if explicit and seen[1]:
                        raise ActorDataError(f"{where}: {form!r} is also listed for {seen[0]}")
                    continue
                owner[key] = (ids, explicit)
                readings = self._readings.get(where, ())
                entries.append((variant, _Name(form, ids, is_definite(variant), lead, readings)))

        def listed(entry: Mapping[str, Any], field: str, where: str) -> list[tuple[str, str]]:
            return [
                (f, normalize_key(f)) for f in string_list(entry.get(field), where, ActorDataError)
            ]

        for ids, entry, where in groups:
            for form, norm in listed(entry, "forms", f"{where}.forms"):
                add(form, norm, ids, True, where)
        head_forms = listed(data, "heads", f"{src}: heads")
        bound_heads = head_forms + listed(data, "bound_heads", f"{src}: bound_heads")
        force_nouns = listed(data, "force_nouns", f"{src}: force_nouns")
        for ids, entry, where in groups:
            for bound, b_norm in listed(entry, "bound_names", f"{where}.bound_names"):
                for head, h_norm in bound_heads:
                    add(f"{head} {bound}", f"{h_norm} {b_norm}", ids, False, where, h_norm)
            for adj, a_norm in listed(entry, "adjectives", f"{where}.adjectives"):
                for noun, n_norm in force_nouns:
                    add(f"{noun} {adj}", f"{n_norm} {a_norm}", ids, False, where)
        self._suspected_nisbas(groups, listed(data, "nisba_links", f"{src}: nisba_links"), add)
        for head, h_norm in head_forms:
            entries += [(v, _Head(head, h_norm)) for v in expand_spellings(h_norm, self._spellings)]
        entries += self._anaphora(data.get("anaphora") or [])
        for form in string_list(data.get("not_actors"), f"{src}: not_actors", ActorDataError):
            entries.append((form, _NotActor(form)))
        return entries

    @staticmethod
    def _suspected_nisbas(
        groups: list[tuple[tuple[str, ...], dict[str, Any], str]],
        links: list[tuple[str, str]],
        add: Callable[[str, str, tuple[str, ...], bool, str], None],
    ) -> None:
        """Names with a suspicion before their nisba (``nisba_links``): the bare nisba after one
        (``يرجح أنها إسرائيلية``), and a listed name that ends with a nisba, which keeps its own
        id (``ميليشيات يرجح أنها إيرانية`` as ``ميليشيات إيرانية``). The nisba of a predicate
        takes no article."""
        nisbas: dict[str, tuple[str, tuple[str, ...], str]] = {}
        for ids, entry, where in groups:
            for adj in string_list(entry.get("adjectives"), where, ActorDataError):
                nisbas[normalize_key(adj)] = (adj, ids, where)
        for norm, (adj, ids, where) in nisbas.items():
            if not norm.startswith("ال"):
                for link, l_norm in links:
                    add(f"{link} {adj}", f"{l_norm} {norm}", ids, False, where)
        done: set[tuple[str, tuple[str, ...]]] = set()
        for ids, entry, where in groups:
            for form in string_list(entry.get("forms"), where, ActorDataError):
                noun, _, nisba = normalize_key(form).rpartition(" ")
                bare = nisba[2:] if nisba.startswith("ال") else nisba
                if noun and nisba in nisbas and (f"{noun} {bare}", ids) not in done:
                    done.add((f"{noun} {bare}", ids))
                    for _, l_norm in links:
                        add(form, f"{noun} {l_norm} {bare}", ids, False, where)

    def _word_set(self, data: Mapping[str, Any], field: str) -> frozenset[str]:
        """The normalised words of a list of ``heads`` (``client_heads``, ``remnant_heads``)."""
        words = string_list(data.get(field), f"{self.source}: {field}", ActorDataError)
        heads = {normalize_key(h) for h in string_list(data.get("heads"), "heads", ActorDataError)}
        keys = frozenset(normalize_key(w) for w in words)
        if keys - heads:
            raise ActorDataError(f"{self.source}: {field}: not in heads: {sorted(keys - heads)}")
        return keys

    def _client_rules(self, specs: object) -> tuple[_Clients, ...]:
        if specs is None:
            return ()
        if not isinstance(specs, list) or not all(isinstance(s, dict) for s in specs):
            raise ActorDataError(f"{self.source}: clients must be a list of mappings")
        return tuple(
            _Clients(
                frozenset(
                    normalize_key(w)
                    for w in string_list(spec.get("heads"), "clients.heads", ActorDataError)
                ),
                frozenset(
                    normalize_key(w)
                    for w in string_list(spec.get("links"), "clients.links", ActorDataError)
                ),
            )
            for spec in specs
        )

    def _anaphora(self, specs: object) -> list[tuple[str, _Entry]]:
        if not isinstance(specs, list):
            raise ActorDataError(f"{self.source}: anaphora must be a list")
        known_kinds = {a.kind for a in self.actors.values()}
        entries: list[tuple[str, _Entry]] = []
        for n, spec in enumerate(specs):
            where = f"{self.source}: anaphora[{n}]"
            refers = spec.get("refers_to") if isinstance(spec, dict) else None
            if not isinstance(refers, dict):
                raise ActorDataError(f"{where}: needs 'forms' and a 'refers_to' mapping")
            kinds = frozenset(string_list(refers.get("kinds"), where, ActorDataError))
            if kinds - known_kinds:
                raise ActorDataError(f"{where}: unknown kinds {sorted(kinds - known_kinds)}")
            default = spec.get("default")
            if default is not None and default not in self.actors:
                raise ActorDataError(f"{where}: unknown default {default!r}")
            cue = spec.get("cue", "none")
            if cue not in _CUES:
                raise ActorDataError(f"{where}: cue must be one of {_CUES}")
            forms_with = tuple(
                normalize_key(w)
                for w in string_list(refers.get("forms_with"), where, ActorDataError)
            )
            readings = self._by_outlet(spec.get("by_outlet"), where, False)
            if readings:
                self._readings[where] = readings
            for form in string_list(spec.get("forms"), where, ActorDataError):
                if not is_definite(normalize_key(form)):
                    raise ActorDataError(f"{where}: reference {form!r} must start with ال")
                anaphor = _Anaphor(
                    form, kinds, forms_with, default, bool(spec.get("look_ahead")), cue, readings
                )
                entries.append((form, anaphor))
        return entries

    # ------------------------------------------------------------ matching

    def _items(self, hits: list[LexiconMatch[_Entry]], text: str) -> list[_Item]:
        items: list[_Item] = []
        for hit in hits:
            article = has_article(hit, text)
            name = head = anaphor = None
            blocked = False
            for p in hit.payloads:
                if isinstance(p, _Name) and (article or not p.definite):
                    name = name or p
                elif isinstance(p, _Head):
                    head = p
                elif isinstance(p, _Anaphor) and article:
                    anaphor = p
                elif isinstance(p, _NotActor):
                    blocked = True
            role: _Role
            if blocked:
                role = "block"
            elif anaphor:
                role = "anaphor"
            elif name:
                role = "name"
            elif head:
                role = "head"
            else:
                continue
            items.append(_Item(hit, role, name, head, anaphor))
        return items

    def _adjacent(
        self, left: LexiconMatch[_Entry], right: LexiconMatch[_Entry], tokens: list[Token]
    ) -> bool:
        if left.suffix or right.prefix:
            return False
        gap = right.first_token - left.last_token
        return gap == 1 or (gap == 2 and tokens[left.last_token + 1].text in self._linkers)

    def _join_heads(self, items: list[_Item], tokens: list[Token], norm: Normalized) -> list[_Raw]:
        """Decide head or name for words that can be both, then attach heads to names."""
        n = len(items)
        leads = [False] * (n + 1)  # whether item i starts a chain of heads ending in a name
        for i in range(n - 1, -1, -1):
            item = items[i]
            linked = i + 1 < n and self._adjacent(item.hit, items[i + 1].hit, tokens)
            if item.role == "name" and item.head and linked and leads[i + 1]:
                item.role = "head"
            if item.role in ("name", "anaphor"):
                leads[i] = True
            elif item.role == "head":
                leads[i] = linked and leads[i + 1]
        raws: list[_Raw] = []
        for i, item in enumerate(items):
            if item.role not in ("name", "anaphor"):
                continue
            j = i
            while (
                j > 0
                and items[j - 1].role == "head"
                and self._adjacent(items[j - 1].hit, items[j].hit, tokens)
            ):
                j -= 1
            first = items[j]
            ids: tuple[str, ...] = ()
            heads: list[str] = []
            for k in range(j, i):
                joined = items[k].head
                if joined is not None:
                    heads.append(joined.key)
            readings: _Readings = ()
            if item.anaphor is not None:
                if j == i and not self._cued(item.anaphor, item.hit, tokens, norm):
                    continue
                form = item.anaphor.form
            elif item.name is not None:
                form, ids, readings = item.name.form, item.name.ids, item.name.readings
                if item.name.lead:
                    heads.append(item.name.lead)
            else:
                continue
            raws.append(
                _Raw(
                    start=first.hit.start,
                    end=item.hit.end,
                    sentence=tokens[first.hit.first_token].sentence,
                    form=form,
                    head=first.head.form if first.head and j < i else None,
                    ids=ids,
                    anaphor=item.anaphor,
                    heads=tuple(heads),
                    readings=readings,
                )
            )
        return raws

    def _cued(
        self, anaphor: _Anaphor, hit: LexiconMatch[_Entry], tokens: list[Token], norm: Normalized
    ) -> bool:
        """Whether a reference word with no head before it is used as a reference."""
        if anaphor.cue == "not_after_definite" and hit.first_token > 0:
            prev = tokens[hit.first_token - 1].text
            definite = prev.startswith(("ال", "وال", "بال", "فال", "كال", "لل", "ولل", "فلل"))
            return not (prev.isdigit() or (definite and prev not in self._not_definite))
        if anaphor.cue == "needs_cue":
            first, last = tokens[hit.first_token], tokens[hit.last_token]
            before = norm.text[first.start - 1] if first.start > 0 else ""
            after = norm.text[last.end] if last.end < len(norm.text) else ""
            return bool(hit.prefix) or before in _QUOTES or after in _QUOTES
        return True

    # ------------------------------------------------------------ resolution

    def _choose(self, ids: tuple[str, ...], on: dt.date | None, votes: list[Actor]) -> str:
        if len(ids) == 1:
            return ids[0]
        if on is not None:
            return next((i for i in ids if self.actors[i].valid_on(on)), ids[0])
        support = [sum(self.actors[i].overlaps(v) for v in votes) for i in ids]
        return ids[support.index(max(support))]

    def _served(
        self, actor_id: str, heads: tuple[str, ...], on: dt.date | None, votes: list[Actor]
    ) -> str:
        """The ``clients`` actor of a force named with a head that means the people who serve
        it (``مرتزقة الاحتلال التركي``), or, after the force's end, what is left of it
        (``فلول النظام البائد`` in 2025); else the force itself."""
        actor = self.actors[actor_id]
        if actor.clients is None:
            return actor_id
        if any(h in self._client_heads for h in heads):
            return actor.clients
        end = actor.valid_to
        if end is None or not any(h in self._remnant_heads for h in heads):
            return actor_id
        if on is not None:
            ended = on >= end
        else:  # the article's one-era names say whether it writes after the end
            ended = any(v.valid_from is not None and v.valid_from >= end for v in votes)
        return actor.clients if ended else actor_id

    def _mention(self, raw: _Raw, actor_id: str, anaphoric: bool) -> ActorMention:
        return ActorMention(
            raw.start,
            raw.end,
            actor_id,
            raw.form,
            raw.head,
            anaphoric,
            raw.sentence,
            self.actors[actor_id].role_hint,
        )

    def _antecedent(
        self,
        anaphor: _Anaphor,
        before: list[ActorMention],
        after: list[ActorMention | None],
        norm: Normalized,
        outlet_camp: str | None = None,
    ) -> str | None:
        def fits(m: ActorMention) -> bool:
            if self.actors[m.actor_id].kind in anaphor.kinds:
                return True
            text = norm.text[m.start : m.end]
            return any(w in text for w in anaphor.forms_with)

        for m in reversed(before):
            if fits(m):
                return m.actor_id
        if anaphor.look_ahead:
            for later in after:
                if later is not None and fits(later):
                    return later.actor_id
        own = _read((), anaphor.readings, outlet_camp)
        return own[0] if own else anaphor.default


def _every(raw: _Raw) -> tuple[str, ...]:
    """Every id a name may mean, in any outlet."""
    if not raw.readings:
        return raw.ids
    return tuple(dict.fromkeys(raw.ids + tuple(i for _, ids in raw.readings for i in ids)))


def _read(ids: tuple[str, ...], readings: _Readings, camp: str | None) -> tuple[str, ...]:
    """The ids a name may mean in an outlet of ``camp``: its reading there, else ``ids``."""
    if camp is not None:
        for reading_camp, read in readings:
            if reading_camp == camp:
                return read
    return ids


@lru_cache(maxsize=1)
def actor_resolver() -> ActorResolver:
    """The resolver over the bundled ontology, loaded once per process."""
    return ActorResolver.from_file(ACTORS_FILE)


@lru_cache(maxsize=1)
def actor_camps() -> Mapping[str, str]:
    """The camp of each actor id that has one (``camp`` in ``actors.yaml``)."""
    return {a.id: a.camp for a in actor_resolver().actors.values() if a.camp}


@lru_cache(maxsize=1)
def acled_actor_types() -> Mapping[str, int]:
    """ACLED's actor type code (``inter1``/``inter2``) of each actor id, by its ``kind``
    (``acled.yaml``)."""
    codes = load_yaml(ACLED_FILE, ActorDataError).get("inter_codes")
    if not isinstance(codes, dict) or not all(isinstance(c, int) for c in codes.values()):
        raise ActorDataError(f"{ACLED_FILE}: inter_codes must map actor kinds to numbers")
    actors = actor_resolver().actors.values()
    unknown = sorted({a.kind for a in actors} - set(codes))
    if unknown:
        raise ActorDataError(f"{ACLED_FILE}: no ACLED code for the actor kinds {unknown}")
    return {a.id: codes[a.kind] for a in actors}
