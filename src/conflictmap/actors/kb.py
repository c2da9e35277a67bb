"""The actor knowledge base: an in-memory alias index over countries, state organs,
armed groups, organisations and leaders, with ACLED/PLOVER/CAMEO codes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..errors import ConfigError
from ..lang import EN
from ..model import Actor
from . import lexicon
from .entries import GENERICS, NON_STATE_TYPES, SECTORS, Country, Entry, of_name
from .normalize import case_ok, key, needs_case

TYPE_INTER = {"rebel": 2, "jihadist": 2, "militia": 3, "identity militia": 4, "pmc": 8, "ngo": 7,
              "party": 3, "igo": 8, "military": 1, "police": 1, "government": 1}


@dataclass(frozen=True)
class Hit:
    """What an alias key names. kind: entry, country, demonym, metonym, seat, ethnic, state."""

    kind: str
    ref: str  # entry id, ISO3, or ethnic word
    sector: str | None = None
    case: str | None = None  # casing rule of the alias (see normalize.needs_case)
    alias: str = ""

    def accepts(self, surface: str) -> bool:
        return case_ok(surface, self.case)


class ActorKB:
    """Alias index and actor factory. Build it with `conflictmap.actors.load_kb()`."""

    def __init__(self, countries: Iterable[Country], entries: Iterable[Entry], *,
                 ethnic: Iterable[tuple[str, tuple[str, ...], dict[str, str]]] = (),
                 state_aliases: Iterable[tuple[str, str, str, str | None, str | None]] = (),
                 cities: dict[str, str] | None = None) -> None:
        self.countries: dict[str, Country] = {c.iso3: c for c in countries}
        self.entries: dict[str, Entry] = {}
        self.ethnic: dict[str, dict[str, str]] = {}
        self.index: dict[str, list[Hit]] = defaultdict(list)
        self.cities = {key(k): v for k, v in (cities or {}).items()}
        self.max_words = 1
        for c in self.countries.values():
            self._index_country(c)
        for e in entries:
            self.add(e)
        for word, variants, table in ethnic:
            self.ethnic[key(word)] = table
            for v in (word, *variants):
                self._add_alias(v, Hit("ethnic", key(word)))
        for alias, iso3, sector, _start, _end in state_aliases:
            self._add_alias(alias, Hit("state", iso3, sector))
        self.first_words = first_words(self.index)

    # -- building -----------------------------------------------------------------------
    def _add_alias(self, alias: str, hit: Hit) -> None:
        k = key(alias)
        if not k:
            return
        hit = Hit(hit.kind, hit.ref, hit.sector, needs_case(alias), alias)
        hits = self.index[k]
        if not any(h.kind == hit.kind and h.ref == hit.ref for h in hits):
            hits.append(hit)
        self.max_words = max(self.max_words, len(k.split()))

    def _index_country(self, c: Country) -> None:
        for name in (c.name, *c.aliases):
            self._add_alias(name, Hit("country", c.iso3))
        for d in c.demonyms:
            for form in {d, _plural(d)}:
                self._add_alias(form, Hit("demonym", c.iso3))
        for place, sector in c.metonyms:
            self._add_alias(place, Hit("seat" if sector else "metonym", c.iso3, sector))

    def add(self, entry: Entry, *, only_aliases: bool = False) -> None:
        """Add (or replace) an entry; with `only_aliases`, add its aliases to a known id."""
        if only_aliases:
            base = self.entries[entry.id]
            entry = Entry(**{**base.__dict__, "aliases": base.aliases + entry.aliases})
        else:
            self._drop_aliases(entry.id)
        self.entries[entry.id] = entry
        for alias in (entry.name, *entry.aliases):
            if alias:
                self._add_alias(alias, Hit("entry", entry.id))

    def _drop_aliases(self, entry_id: str) -> None:
        if entry_id not in self.entries:
            return
        for k in list(self.index):
            self.index[k] = [h for h in self.index[k] if not (h.kind == "entry"
                                                             and h.ref == entry_id)]
            if not self.index[k]:
                del self.index[k]

    # -- public lookups -----------------------------------------------------------------
    def lookup(self, text: str) -> list[Hit]:
        """Index hits for a normalised key (or raw text)."""
        return list(self.index.get(key(text), ()))

    def country(self, iso3: str | None) -> Country | None:
        return self.countries.get(iso3 or "")

    def entry(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id: an entry id, "SYR.MIL", or "civilians:SYR"."""
        if actor_id in self.entries:
            return self.actor_for(self.entries[actor_id])
        iso3, dot, sector = actor_id.partition(".")
        if dot and iso3 in self.countries and sector in SECTORS:
            return self.state_actor(iso3, sector)
        kind, colon, iso3 = actor_id.partition(":")
        if colon and kind in GENERICS and (iso3 in self.countries or not iso3):
            return self.generic(kind, iso3 or None)
        if colon and kind == "country" and iso3 in self.countries:
            return self.country_actor(iso3)
        return None

    def country_actor(self, iso3: str) -> Actor:
        """A country as a whole: the target PLOVER and CAMEO give an act aimed at a place."""
        c = self.countries.get(iso3)
        if c is None:
            raise ConfigError(f"unknown country code {iso3!r}")
        return Actor(id=f"country:{iso3}", name=c.name, country=iso3, type="country",
                     cameo=iso3)

    def state_actor(self, iso3: str, sector: str, *, date: str | None = None) -> Actor:
        """The state organ of `iso3` for a PLOVER sector (MIL, COP, GOV, SPY, LEG, JUD)."""
        c = self.countries.get(iso3)
        if c is None:
            raise ConfigError(f"unknown country code {iso3!r}")
        if sector not in SECTORS:
            raise ConfigError(f"unknown state sector {sector!r}; choose from "
                              f"{', '.join(SECTORS)}")
        pattern, typ, acled = SECTORS[sector]
        return Actor(id=f"{iso3}.{sector}", name=pattern.format(c=of_name(c.name)),
                     country=iso3, type=typ, sector=sector, inter=1, cameo=f"{iso3}{sector}",
                     acled_name=acled.format(c=of_name(c.name), r=c.regime_label(date)))

    def generic(self, kind: str, iso3: str | None) -> Actor:
        """A generic actor: unidentified, civilians, protesters, rioters, rebels, ... of a country."""
        if kind not in GENERICS:
            raise ConfigError(f"unknown generic actor kind {kind!r}; choose from "
                              f"{', '.join(GENERICS)}")
        pattern, typ, sector, inter = GENERICS[kind]
        c = self.countries.get(iso3 or "")
        name = pattern.format(c=c.name) if c else pattern.split(" (")[0]
        if kind == "rebels" and c is not None and c.rebels:
            name = c.rebels
        return Actor(id=f"{kind}:{c.iso3 if c else ''}", name=name,
                     country=c.iso3 if c else None, type=typ, sector=sector, inter=inter,
                     acled_name=name, cameo=f"{c.iso3 if c else ''}{sector}")

    def actor_for(self, entry: Entry, *, date: str | None = None,
                  country: str | None = None) -> Actor:
        """The actor an entry stands for on `date`, named for where it acts (`country`)."""
        entry = self.current(entry, date)
        if entry.becomes_state and date and date >= entry.becomes_state:
            return self.state_actor(entry.state_country or entry.country or "", "MIL",
                                    date=date)
        if entry.kind == "leader":
            return self._leader_actor(entry, date)
        actor = self._entry_actor(entry, country)
        if actor.acled_name and "{regime}" in actor.acled_name:
            c = self.countries.get(actor.country or "")
            label = c.regime_label(date) if c else ""
            actor = replace(actor, acled_name=actor.acled_name.replace("{regime}", label))
        return actor

    def _leader_actor(self, entry: Entry, date: str | None) -> Actor:
        sector = entry.sector or "GOV"
        if sector in SECTORS and entry.country in self.countries:
            return self.state_actor(entry.country or "", sector, date=date)
        target = self.entries.get(sector)
        if target is not None and target.kind != "leader":
            return self.actor_for(target, date=date, country=entry.country)
        return self.generic("rebels", entry.country)

    def _entry_actor(self, entry: Entry, country: str | None) -> Actor:
        where = entry.country
        acled = entry.acled_name
        if entry.branch_name and country and (country in entry.acts_in or not entry.acts_in):
            c = self.countries.get(country)
            if c is not None:
                where, acled = country, entry.branch_name.format(country=c.name)
        if acled and "{country}" in acled:
            c = self.countries.get(where or country or "")
            acled = acled.format(country=c.name) if c else acled.split(" (")[0]
        sector = entry.sector or _default_sector(entry.type)
        return Actor(id=entry.id, name=entry.name, country=where, type=entry.type,
                     sector=sector, acled_name=acled or entry.name,
                     inter=entry.inter or TYPE_INTER.get(entry.type),
                     cameo=entry.cameo or f"{where or 'IMG'}{sector}")

    def current(self, entry: Entry, date: str | None) -> Entry:
        """Follow name changes: the entry (predecessor/successor) valid on `date`."""
        seen = {entry.id}
        while not entry.valid_on(date):
            nxt = entry.successor if entry.valid_to and date and date >= entry.valid_to \
                else entry.predecessor
            if not nxt or nxt in seen or nxt not in self.entries:
                break
            seen.add(nxt)
            entry = self.entries[nxt]
        return entry

    def ethnic_actor(self, word: str, focus: str | None, *, date: str | None = None
                     ) -> Actor | None:
        """The armed group an ethnic word with a force noun means where the text is set."""
        table = self.ethnic.get(key(word), {})
        ref = table.get(focus or "") or table.get("*")
        entry = self.entries.get(ref or "")
        return self.actor_for(entry, date=date, country=focus) if entry else None

    def city_country(self, name: str) -> str | None:
        return self.cities.get(key(name))

    # -- match and search ---------------------------------------------------------------
    def match(self, text: str, *, date: str | None = None, country: str | None = None
              ) -> Actor | None:
        """The actor a name or short phrase refers to ("ISIL", "Turkish troops",
        "regime forces" with `country`), or None. Case, accents, hyphens, "the" ignored."""
        for hit in self.lookup(text):
            if hit.case != "upper" or hit.accepts(text.strip()):
                actor = self.hit_actor(hit, date=date, country=country)
                if actor is not None:
                    return actor
        return self._match_phrase(key(text).split(), date=date, country=country)

    def hit_actor(self, hit: Hit, *, date: str | None = None, country: str | None = None,
                  sector: str | None = None) -> Actor | None:
        """The actor an index hit stands for; `sector` picks a state organ for countries."""
        if hit.kind == "entry":
            return self.actor_for(self.entries[hit.ref], date=date, country=country)
        if hit.kind == "ethnic":
            return self.ethnic_actor(hit.ref, country, date=date)
        if hit.kind in ("state", "seat"):
            iso3 = country if hit.ref == "*" else hit.ref
            return self.state_actor(iso3, hit.sector or "GOV", date=date) if iso3 else None
        if hit.kind in ("country", "metonym") or sector:
            return self.state_actor(hit.ref, sector or "GOV", date=date)
        return None

    def _match_phrase(self, ws: list[str], *, date: str | None, country: str | None
                      ) -> Actor | None:
        if not ws:
            return None
        head = ws[-1]
        for i in range(len(ws) - 1, 0, -1):
            for hit in self.index.get(" ".join(ws[:i]), ()):
                actor = self._modified(hit, head, date=date, country=country)
                if actor is not None:
                    return actor
        return self._generic_phrase(ws, country=country, date=date)

    def _modified(self, hit: Hit, head: str, *, date: str | None, country: str | None
                  ) -> Actor | None:
        if hit.kind == "ethnic":
            if lexicon.SECTOR_NOUNS.get(head) in ("MIL", "REB"):
                return self.ethnic_actor(hit.ref, country, date=date)
            return self.generic("civilians", country) if head in lexicon.CIVILIAN_NOUNS else None
        if hit.kind not in ("country", "demonym", "metonym"):
            return None
        return self.modified_country(hit.ref, head, date=date)

    def modified_country(self, iso3: str, head: str, *, date: str | None = None
                         ) -> Actor | None:
        """A country word with the head noun `head` ("Turkish" + "troops")."""
        sector = lexicon.SECTOR_NOUNS.get(head)
        if sector in SECTORS:
            return self.state_actor(iso3, sector, date=date)
        kinds = {"REB": "rebels", "OPP": "opposition"}
        if sector in kinds:
            return self.generic(kinds[sector], iso3)
        return self.generic(_people_kind(head) or "civilians", iso3) \
            if _people_kind(head) else None

    def _generic_phrase(self, ws: list[str], *, country: str | None, date: str | None
                        ) -> Actor | None:
        phrase, head = " ".join(ws), ws[-1]
        if phrase in lexicon.UNIDENTIFIED_PHRASES or head in lexicon.UNIDENTIFIED_NOUNS:
            return self.generic("unidentified", country)
        kind = _people_kind(head)
        if kind:
            return self.generic(kind, country)
        if country in self.countries and head in lexicon.STATE_NOUNS and (
                len(ws) == 1 or ws[0] in lexicon.STATE_MODIFIERS):
            return self.state_actor(country or "", lexicon.SECTOR_NOUNS.get(head, "MIL")
                                    if lexicon.SECTOR_NOUNS.get(head) in SECTORS else "MIL",
                                    date=date)
        return None

    def search(self, text: str, limit: int = 20) -> list[Actor]:
        """Actors whose name or an alias contains `text`, best matches first."""
        q = key(text)
        if not q:
            return []
        scored: dict[str, tuple[float, Actor]] = {}
        for k, hits in self.index.items():
            score = _score(q, k) - len(k) / 1000
            if score <= 0:
                continue
            for hit in hits:
                for actor in self._search_actors(hit):
                    if actor.id not in scored or scored[actor.id][0] < score:
                        scored[actor.id] = (score, actor)
        ranked = sorted(scored.values(), key=lambda sa: (-sa[0], sa[1].name))
        return [a for _, a in ranked[:limit]]

    def _search_actors(self, hit: Hit) -> list[Actor]:
        if hit.ref == "*":
            return []
        if hit.kind in ("country", "demonym", "metonym"):
            return [self.state_actor(hit.ref, s) for s in ("GOV", "MIL", "COP")]
        actor = self.hit_actor(hit)
        return [actor] if actor else []

    def describe(self, actor_id: str) -> dict[str, Any] | None:
        """Everything known about an actor id: the actor, aliases, dates, links."""
        actor = self.get(actor_id)
        if actor is None:
            return None
        out: dict[str, Any] = {"actor": actor.as_dict()}
        entry = self.entries.get(actor_id)
        if entry is not None:
            out.update({k: v for k, v in entry.__dict__.items() if v and k not in
                        ("extra", "id", "name", "type")})
        elif actor.country in self.countries and "." in actor_id:
            c = self.countries[actor.country or ""]
            out["aliases"] = [c.name, *c.aliases, *c.demonyms, *(m for m, _ in c.metonyms)]
        return out


def first_words(index: dict[str, list[Hit]]) -> set[str]:
    """First words of all keys, plus "people" for "peoples" (spaCy splits "People's")."""
    out = {k.split()[0] for k in index}
    return out | {w[:-1] for w in out if w.endswith("s")}


def _plural(demonym: str) -> str:
    if demonym.endswith(EN.sequence("plural_demonym_endings")):
        return demonym + ("s" if demonym.endswith("i") else "")
    return demonym + "s"


def _default_sector(typ: str) -> str:
    if typ in NON_STATE_TYPES:
        return "OPP" if typ == "party" else "REB"
    return {"igo": "IGO", "ngo": "NGO", "military": "MIL", "police": "COP",
            "government": "GOV"}.get(typ, "UAF")


def _people_kind(head: str) -> str | None:
    if head in lexicon.PROTESTER_NOUNS:
        return "protesters"
    if head in lexicon.RIOTER_NOUNS:
        return "rioters"
    if head in lexicon.CIVILIAN_NOUNS:
        return "civilians"
    return None


def _score(q: str, k: str) -> float:
    if k == q:
        return 4.0
    if k.startswith(q):
        return 3.0
    if f" {q}" in f" {k}":
        return 2.0
    return 1.0 if q in k and len(q) >= 3 else 0.0
