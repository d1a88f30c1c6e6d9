"""Who an article cites for an event: the ``reported_by`` sources of EVENTS.md.

Sources are not actors: ``المرصد السوري`` reports, it does not fight. The lexicon is
``data/sources.yaml`` (its header explains the format). Two rules need more than a lookup:

* an actor is a source only when it speaks (``نعى لواء القدس``، ``أعلنت قسد``), so its
  forms count only next to a voice word (``نعى``، ``أعلن``، ``بيان``، ``بحسب``...);
* a correspondent takes the name of the outlet named right after it
  (``مراسل فرات بوست`` → ``Euphrates Post correspondent``).

The same file says who publishes an article: :meth:`SourceResolver.outlet` recognises an
outlet from the article's ``outlet`` and ``url`` fields, and its ``camp`` (whose voice it is)
lets the actor resolver read a name as that outlet means it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rasd.knowledge.actors import (
    actor_resolver,
    expand_spellings,
    has_article,
    is_definite,
    load_yaml,
    spelling_table,
    string_list,
)
from rasd.knowledge.lexicon import Lexicon, LexiconMatch
from rasd.text.normalize import Normalized, normalize, normalize_key
from rasd.text.tokens import Token, tokenize

SOURCES_FILE = Path(__file__).parent / "data" / "sources.yaml"
KINDS = frozenset(
    {"claim_channel", "monitor", "state_media", "media", "local_network", "generic", "actor_self"}
)
_QUOTES = frozenset("\"'()[]")
# Kinds of sources that are outlets an article may come from (not unnamed sources or actors).
OUTLET_KINDS = frozenset({"claim_channel", "monitor", "state_media", "media", "local_network"})
# What separates the parts of an outlet field ("ANHA | Hawar News Agency", "X - Y").
_OUTLET_PARTS = re.compile(r"\s+[-–—|:]\s+|\s*[|/،,]\s*")
_NOT_WORD = re.compile(r"[\W_]+")
_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


class SourceDataError(ValueError):
    """The sources file does not follow the format its header describes."""


@dataclass(frozen=True, slots=True)
class SourceMention:
    """A cited source; offsets are into :attr:`Normalized.text`."""

    start: int
    end: int
    name: str
    kind: str
    actor_id: str | None
    sentence: int
    # state media: the forces whose soldiers it calls just "soldiers" (the first valid on the
    # event's date is meant)
    army: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outlet:
    """The outlet that publishes an article: its canonical ``name`` (as in ``reported_by``),
    ``kind``, and ``camp`` (``outlet_camps`` of the sources file) when it has one."""

    name: str
    kind: str
    camp: str | None


@dataclass(frozen=True, slots=True)
class _Source:
    name: str
    kind: str
    actor: str | None
    army: tuple[str, ...]
    needs_voice: bool
    joins_outlet: bool
    definite: bool
    guarded: bool


@dataclass(frozen=True, slots=True)
class _Voice:
    form: str


@dataclass(frozen=True, slots=True)
class _OutletWord:
    form: str


_Entry = _Source | _Voice | _OutletWord


@dataclass(frozen=True, slots=True)
class _Found:
    mention: SourceMention
    first_token: int
    last_token: int
    joins_outlet: bool


class SourceResolver:
    """Finds the sources an article cites."""

    def __init__(
        self,
        data: Mapping[str, Any],
        actor_ids: Collection[str],
        source: str = "sources.yaml",
        camps_read: Collection[str] = (),
    ) -> None:
        """``camps_read``: the outlet camps the actor ontology reads names by; each must be
        one of ``outlet_camps``."""
        self.source = source
        window = data.get("voice_window", 3)
        if not isinstance(window, int) or window < 1:
            raise SourceDataError(f"{source}: voice_window must be a positive integer")
        self.voice_window = window
        self.camps = self._camps(data)
        unknown = sorted(set(camps_read) - self.camps)
        if unknown:
            raise SourceDataError(f"{source}: outlet_camps lacks the camps {unknown}")
        self._lexicon: Lexicon[_Entry] = Lexicon(self._entries(data, actor_ids))
        self._outlet_names, self._outlet_domains = self._outlets(data)

    @classmethod
    def from_file(
        cls, path: Path, actor_ids: Collection[str], camps_read: Collection[str] = ()
    ) -> SourceResolver:
        return cls(load_yaml(path, SourceDataError), actor_ids, str(path), camps_read)

    def outlet(self, outlet: str | None, url: str | None = None) -> Outlet | None:
        """The outlet an article comes from, by its url's host (or a domain it is under),
        else by its ``outlet`` field: a domain, a name or form of the outlet, or one of the
        parts of a field that joins several (``ANHA | Hawar News Agency``)."""
        if url:
            found = self._by_host(_host(url))
            if found is not None:
                return found
        if not outlet:
            return None
        field = outlet.strip()
        low = field.lower()
        if "://" in low or _DOMAIN.match(low.removeprefix("www.")):
            return self._by_host(_host(field))
        found = self._outlet_names.get(_outlet_key(field))
        if found is None:
            for part in _OUTLET_PARTS.split(field):
                found = self._outlet_names.get(_outlet_key(part))
                if found is not None:
                    break
        return found

    def _by_host(self, host: str) -> Outlet | None:
        """The outlet of a host or of the nearest domain it is under (``ar.example.com``)."""
        while host:
            found = self._outlet_domains.get(host)
            if found is not None:
                return found
            _, _, host = host.partition(".")
            if "." not in host:
                return None
        return None

    def find(self, norm: Normalized, tokens: list[Token]) -> list[SourceMention]:
        """Every source the article cites, in text order."""
        hits = self._lexicon.match(tokens)
        found: list[_Found] = []
        for k, hit in enumerate(hits):
            prev = hits[k - 1] if k else None
            nxt = hits[k + 1] if k + 1 < len(hits) else None
            src = self._source(hit, prev, nxt, tokens, norm.text)
            if src is None:
                continue
            first = hit
            if prev is not None and _is_outlet_word(prev) and _next_to(prev, hit):
                first = prev
            mention = SourceMention(
                first.start,
                hit.end,
                src.name,
                src.kind,
                src.actor,
                tokens[first.first_token].sentence,
                src.army,
            )
            found.append(_Found(mention, first.first_token, hit.last_token, src.joins_outlet))
        return _combine(found)

    def resolve(self, text: str) -> SourceMention | None:
        """The first source a phrase cites, if any."""
        norm = normalize(text)
        mentions = self.find(norm, tokenize(norm))
        return mentions[0] if mentions else None

    # ------------------------------------------------------------ loading

    def _camps(self, data: Mapping[str, Any]) -> frozenset[str]:
        camps = data.get("outlet_camps") or {}
        if not isinstance(camps, dict) or not all(isinstance(c, str) for c in camps):
            raise SourceDataError(f"{self.source}: outlet_camps must map camp names to notes")
        return frozenset(camps)

    def _outlets(self, data: Mapping[str, Any]) -> tuple[dict[str, Outlet], dict[str, Outlet]]:
        """Outlets by the keys of their names and forms, and by their domains. Entries of
        one name are one outlet; a key or domain of two outlets is an error."""
        by_name: dict[str, Outlet] = {}
        keys: dict[str, list[str]] = {}
        domains: dict[str, list[str]] = {}
        for n, entry in enumerate(data["sources"]):
            where = f"{self.source}: sources[{n}]"
            kind, name = entry["kind"], str(entry["name"])
            camp = entry.get("camp")
            named = _strings(entry, "outlet_names", where)
            sites = _strings(entry, "domains", where)
            if kind not in OUTLET_KINDS:
                if camp is not None or named or sites:
                    raise SourceDataError(f"{where}: a {kind} source is no outlet")
                continue
            if camp is not None and camp not in self.camps:
                raise SourceDataError(f"{where}: camp must be one of {sorted(self.camps)}")
            seen = by_name.get(name)
            if seen is not None and camp is not None and seen.camp not in (None, camp):
                raise SourceDataError(f"{where}: {name} has two camps")
            if seen is None or camp is not None:
                by_name[name] = Outlet(name, seen.kind if seen else kind, camp)
            forms = [name, *_strings(entry, "forms", where), *named]
            keys.setdefault(name, []).extend(k for k in map(_outlet_key, forms) if k)
            domains.setdefault(name, []).extend(d.lower().removeprefix("www.") for d in sites)
        return self._index(by_name, keys, "outlet name"), self._index(by_name, domains, "domain")

    def _index(
        self, outlets: Mapping[str, Outlet], keys: Mapping[str, list[str]], what: str
    ) -> dict[str, Outlet]:
        index: dict[str, Outlet] = {}
        for name, listed in keys.items():
            for key in listed:
                seen = index.get(key)
                if seen is not None and seen.name != name:
                    raise SourceDataError(
                        f"{self.source}: {what} {key!r} of {seen.name} and {name}"
                    )
                index[key] = outlets[name]
        return index

    def _entries(
        self, data: Mapping[str, Any], actor_ids: Collection[str]
    ) -> list[tuple[str, _Entry]]:
        groups = data.get("spelling_variants") or []
        if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
            raise SourceDataError(f"{self.source}: spelling_variants must be a list of lists")
        table = spelling_table(groups)
        entries: list[tuple[str, _Entry]] = []
        entries += [(f, _Voice(f)) for f in _strings(data, "voice_triggers", self.source)]
        entries += [(f, _OutletWord(f)) for f in _strings(data, "outlet_words", self.source)]
        sources = data.get("sources")
        if not isinstance(sources, list) or not sources:
            raise SourceDataError(f"{self.source}: 'sources' must be a non-empty list")
        for n, entry in enumerate(sources):
            where = f"{self.source}: sources[{n}]"
            if not isinstance(entry, dict) or not entry.get("name"):
                raise SourceDataError(f"{where}: needs a 'name'")
            kind, actor = entry.get("kind"), entry.get("actor")
            if kind not in KINDS:
                raise SourceDataError(f"{where}: kind must be one of {sorted(KINDS)}")
            if actor is not None and actor not in actor_ids:
                raise SourceDataError(f"{where}: unknown actor id {actor!r}")
            army = tuple(_strings(entry, "army", where))
            if any(a not in actor_ids for a in army):
                raise SourceDataError(f"{where}: unknown army ids {army}")
            needs_voice = bool(entry.get("needs_voice", kind == "actor_self"))
            guarded = {normalize_key(f) for f in _strings(entry, "not_before_definite", where)}
            for form in _strings(entry, "forms", where):
                norm_form = normalize_key(form)
                for variant in expand_spellings(norm_form, table):
                    payload = _Source(
                        str(entry["name"]),
                        kind,
                        actor,
                        army,
                        needs_voice,
                        bool(entry.get("joins_outlet")),
                        is_definite(variant),
                        norm_form in guarded,
                    )
                    entries.append((variant, payload))
        return entries

    # ------------------------------------------------------------ matching

    def _source(
        self,
        hit: LexiconMatch[_Entry],
        prev: LexiconMatch[_Entry] | None,
        nxt: LexiconMatch[_Entry] | None,
        tokens: list[Token],
        text: str,
    ) -> _Source | None:
        """The source a hit names, if its spelling and context allow it."""
        article = has_article(hit, text)
        for p in hit.payloads:
            if not isinstance(p, _Source) or (p.definite and not article):
                continue
            voiced = self._voiced(hit, prev, nxt, tokens)
            if p.needs_voice and not voiced:
                continue
            introduced = voiced or (
                prev is not None and _is_outlet_word(prev) and _next_to(prev, hit)
            )
            if p.guarded and not introduced and _before_definite(hit, tokens, text):
                continue
            return p
        return None

    def _voiced(
        self,
        hit: LexiconMatch[_Entry],
        prev: LexiconMatch[_Entry] | None,
        nxt: LexiconMatch[_Entry] | None,
        tokens: list[Token],
    ) -> bool:
        """Whether the hit before is a voice word at most ``voice_window`` words back in the
        same sentence, or the hit after is one right after it (``نعى لواء القدس``، ``قسد أعلنت``).

        Only the neighbouring hits count, so in ``اتهمت الحكومة تنظيم داعش`` the government
        speaks, not the accused.
        """
        if (
            prev is not None
            and _is_voice(prev)
            and tokens[prev.last_token].sentence == tokens[hit.first_token].sentence
            and hit.first_token - prev.last_token <= self.voice_window
        ):
            return True
        return nxt is not None and _is_voice(nxt) and nxt.first_token - hit.last_token == 1


def _is_voice(hit: LexiconMatch[_Entry]) -> bool:
    return any(isinstance(p, _Voice) for p in hit.payloads)


def _is_outlet_word(hit: LexiconMatch[_Entry]) -> bool:
    return any(isinstance(p, _OutletWord) for p in hit.payloads)


def _next_to(left: LexiconMatch[_Entry], right: LexiconMatch[_Entry]) -> bool:
    return right.first_token - left.last_token == 1 and not left.suffix and not right.prefix


def _before_definite(hit: LexiconMatch[_Entry], tokens: list[Token], text: str) -> bool:
    """Whether an unquoted hit is followed by a definite noun (a construct: ``أعماق البادية``)."""
    first, last = tokens[hit.first_token], tokens[hit.last_token]
    quoted = (first.start > 0 and text[first.start - 1] in _QUOTES) or (
        last.end < len(text) and text[last.end] in _QUOTES
    )
    nxt = hit.last_token + 1
    return (
        not quoted
        and nxt < len(tokens)
        and tokens[nxt].sentence == last.sentence
        and tokens[nxt].text.startswith("ال")
    )


def _combine(found: list[_Found]) -> list[SourceMention]:
    """Join neighbouring hits that cite one source.

    ``مراسل`` + an outlet → ``<outlet> correspondent``; the same source twice in a row
    (``مدير المرصد رامي عبد الرحمن``) → one mention.
    """
    out: list[_Found] = []
    for f in found:
        last = out[-1] if out else None
        if last is None or f.first_token - last.last_token != 1:
            out.append(f)
            continue
        m, prev = f.mention, last.mention
        if last.joins_outlet and not f.joins_outlet and m.kind != "generic":
            name = f"{m.name} correspondent"
        elif m.name == prev.name:
            name = m.name
        else:
            out.append(f)
            continue
        joined = SourceMention(
            prev.start, m.end, name, m.kind, m.actor_id, prev.sentence, m.army or prev.army
        )
        out[-1] = _Found(joined, last.first_token, f.last_token, False)
    return [f.mention for f in out]


@lru_cache(maxsize=1)
def source_resolver() -> SourceResolver:
    """The resolver over the bundled sources file, loaded once per process."""
    actors = actor_resolver()
    return SourceResolver.from_file(SOURCES_FILE, actors.actors.keys(), actors.outlet_camps)


def _outlet_key(name: str) -> str:
    """An outlet's name as looked up: folded, words only (``Al-Watan`` = ``al watan``)."""
    return " ".join(_NOT_WORD.sub(" ", normalize_key(name)).split())


def _host(url: str) -> str:
    """The lower-case host of a url or a bare domain, without ``www.``."""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _strings(entry: Mapping[str, Any], field: str, where: str) -> list[str]:
    return string_list(entry.get(field), f"{where}: {field}", SourceDataError)
