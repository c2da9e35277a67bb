"""Toponym resolution: rank each mention's candidates, then re-rank with the article's context.

A candidate's prior comes from how well the name matches, its population and its
feature type (countries and first-level regions are what a bare name usually means).
The context pass adds the article's country distribution, the regions the text names
("Alexandria, La."; "Rapides Parish"), and closeness to the other places chosen.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..lang import EN
from ..model import Place
from .base import COUNTRY_CODES, Candidate
from .names import ARTICLES, name_key, normalize
from .default import bare_region_name
from .recognize import Mention
from .spread import PlaceKey, colocation, place_key

NEAR_KM = 250.0
FOCUS_BONUS = 1.0  # a candidate in the country the text is about (the actors' focus)
HINT_BONUS = 1.5  # ... in the region named in brackets after it: 'Moura (Mopti)'
AREA_BONUS = 1.0  # a region for a name written as one: 'Kidal Region', 'Kurram district'
SPREAD_WEIGHT = 0.4  # per other name whose likely place lies near the candidate
Spread = dict[tuple[str, PlaceKey], float]


@dataclass(frozen=True, slots=True)
class Resolved:
    """The chosen candidate of a mention, with a 0-1 score and the reasons for it."""

    mention: Mention
    place: Place | None
    score: float
    reason: str


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _squash(text: str) -> str:
    return normalize(text).replace(" ", "")


def _key(text: str) -> str:
    """One key for a name and its 'X City' form: neither is context for the other."""
    words = normalize(text).split()
    if len(words) > 1 and words[-1] == "city":
        words = words[:-1]
    return "".join(words)


def _match_quality(c: Candidate, text: str) -> tuple[float, str]:
    """Higher for the entry's own name than for an alternate one or a looser variant."""
    if c.matched.replace(" ", "") == _squash(text):
        return (0.6, "name") if _squash(c.place.name) == _squash(text) else \
            (0.45, "alternate name")
    if _no_articles(c.matched) == _no_articles(text):
        return 0.4, "alternate name"
    return 0.1, "spelling variant"


def exact_or_close(candidates: Sequence[Candidate], text: str) -> list[Candidate]:
    """Drop loose spelling variants when some candidate matches the name as written."""
    close = [c for c in candidates if _match_quality(c, text)[0] >= 0.4]
    return close or list(candidates)


def _no_articles(text: str) -> str:
    words = normalize(text).split()
    kept = [w for w in words if w not in ARTICLES] or words
    return "".join(kept).rstrip("h")


def namesake_city(c: Candidate, others: Sequence[Candidate]) -> bool:
    """A region that shares its name with a big town of its country (Aleppo, Raqqa), or
    with a town elsewhere bigger than the whole region (Portland, Oregon for the
    Jamaican parish)."""
    keys = {name_key(n) for n in [c.place.name, *bare_region_name(c.place.name)]}
    return any(o.place.feature_class == "P" and name_key(o.place.name) in keys and
               o.place.population * (
                   10 if o.place.country == c.place.country else 1) >= c.place.population
               for o in others)


ALIAS_PENALTY = 0.8
_AREA_WORDS = ("county", "parish", "borough")


def _lesser_alias(c: Candidate, text: str, others: Sequence[Candidate]) -> bool:
    """'Houston' for Houston County, 'Springfield' for Springfield Gardens: a town or
    county known by the name only as an alias, when another place bears it as its own
    name (countries and first-level regions keep their aliases: 'U.S.', 'Va.')."""
    code = c.place.feature_code or ""
    if code in COUNTRY_CODES or code.startswith("ADM1") or code in ("CONT", "RGN"):
        return False
    if normalize(c.place.name).endswith(_AREA_WORDS) and \
            not normalize(text).endswith(_AREA_WORDS):
        return True
    own = _squash(text)
    bearers = [o.place.population for o in others if o is not c and _squash(o.place.name) == own]
    # a far bigger place known abroad by another name keeps it ('Palmyra' for Tadmur)
    return bool(bearers) and c.place.population <= 3 * max(bearers)


def _acronym(text: str) -> bool:
    """'EU', 'UK', 'NSW', 'U.S.': two or three capitals, with or without dots."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 3 and letters.isalpha() and letters.isupper()


def _town_spelling_an_acronym(c: Candidate, text: str, others: Sequence[Candidate]) -> bool:
    """'EU' is the European Union, not Eu in Normandy: a name written as an acronym means
    the country or region known by it, when there is one, over a town it spells."""
    if c.place.feature_class != "P" or not _acronym(text) or \
            _squash(c.place.name) != _squash(text):
        return False  # 'L.A.' is still Los Angeles: the town is known by the acronym
    return any(o is not c and _area_code(o.place) and
               _squash(o.place.name) != _squash(text) for o in others)


def _area_code(place: Place) -> bool:
    code = place.feature_code or ""
    return code in COUNTRY_CODES or code.startswith("ADM1") or code in ("CONT", "RGN")


def prior(c: Candidate, text: str, others: Sequence[Candidate] = ()
          ) -> tuple[float, list[str]]:
    """Score of a candidate before context, with the reasons that made it."""
    quality, why = _match_quality(c, text)
    score = math.log10(c.place.population + 1) / 5 + quality
    reasons = [why]
    if why == "alternate name" and _lesser_alias(c, text, others):
        score -= ALIAS_PENALTY
        reasons.append("another place bears the name itself")
    if _town_spelling_an_acronym(c, text, others):
        score -= ALIAS_PENALTY
        reasons.append("an acronym of a country or region")
    code = c.place.feature_code or ""
    if code in COUNTRY_CODES or code == "CONT":
        score += 1.2
        reasons.append("country")
    elif code == "RGN":
        score += 0.8  # a region news names often ('Middle East', 'Sinai')
        reasons.append("region")
    elif code.startswith("ADM1"):
        namesake = namesake_city(c, others)
        score += -0.2 if namesake else 0.8
        reasons.append("region named like its town" if namesake else "region")
    elif code == "PPLC":
        score += 0.3
        reasons.append("capital")
    elif code.startswith("ADM2"):
        score += 0.1
    if c.place.population:
        reasons.append("population")
    return score, reasons


@dataclass(frozen=True, slots=True)
class Clue:
    """What one mention's first-pass choice says about the article's whereabouts."""

    key: str  # the mention's normalised text: a name never counts as its own context
    place: Place
    weight: float


@dataclass
class Context:
    """What the other mentions of the article say about where it is."""

    countries: defaultdict[str, float]
    named_countries: set[str]
    admin1: defaultdict[tuple[str, str], float]
    named_regions: set[tuple[str, str]]
    points: list[tuple[float, float]]
    focus: str | None = None
    counties: set[tuple[str, str, str]] = field(default_factory=set)
    members: set[tuple[str, str, str]] = field(default_factory=set)

    @classmethod
    def from_clues(cls, clues: Sequence[Clue], focus: str | None,
                   others: Sequence[Mention] = ()) -> Context:
        ctx = cls(defaultdict(float), set(), defaultdict(float), set(), [], focus)
        for clue in clues:
            ctx._add(clue.place, clue.weight)
        if focus:
            ctx.countries[focus] += 2.0
        for m in others:
            for c in m.candidates:
                ctx._add_containment(c.place)
        return ctx

    def _add_containment(self, place: Place) -> None:
        """Every county any other name may be, and every county its towns may lie in."""
        key = _county_key(place)
        if key is None:
            return
        if (place.feature_code or "").startswith("ADM2"):
            self.counties.add(key)
        elif place.feature_class == "P":
            self.members.add(key)

    def _add(self, place: Place, weight: float) -> None:
        code = place.feature_code or ""
        if place.country:
            self.countries[place.country] += weight
        if code in COUNTRY_CODES and place.country:
            self.named_countries.add(place.country)
        if place.admin1 and place.country:
            self.admin1[(place.country, normalize(place.admin1))] += weight
            if code.startswith("ADM1"):
                self.named_regions.add((place.country, normalize(place.admin1)))
        if code not in COUNTRY_CODES and code != "CONT":
            self.points.append((place.lat, place.lon))

    def bonus(self, place: Place) -> tuple[float, list[str]]:
        score, reasons = 0.0, []
        total = sum(self.countries.values())
        if place.country and total:
            share = self.countries[place.country] / total
            score += 1.2 * share
            if share >= 0.3:
                reasons.append(f"country context {place.country}")
        if place.country and place.country == self.focus:
            score += FOCUS_BONUS
            reasons.append(f"the text is about {place.country}")
        if place.country in self.named_countries and place.feature_code not in COUNTRY_CODES:
            score += 0.5
            reasons.append(f"{place.country} named")
        score += self._admin_bonus(place, reasons) + self._containment(place, reasons)
        if any(haversine_km(place.lat, place.lon, *p) < NEAR_KM for p in self.points):
            score += 0.4
            reasons.append("near other places")
        return score, reasons

    def _admin_bonus(self, place: Place, reasons: list[str]) -> float:
        if not place.admin1 or not place.country or (place.feature_code or "").startswith("ADM1"):
            return 0.0
        key = (place.country, normalize(place.admin1))
        total = sum(n for (c, _), n in self.admin1.items() if c == place.country)
        share = self.admin1[key] / total if total else 0.0
        score = share * min(1.0, self.admin1[key] / 3.0)  # a share of little evidence is little
        if key in self.named_regions:
            score += 0.4
        if score >= 0.3:
            reasons.append(f"in {place.admin1}")
        return score


    def _containment(self, place: Place, reasons: list[str]) -> float:
        """A town in a county the text names, or a county holding a town the text names."""
        score = 0.0
        key = _county_key(place)
        if key is None:
            return score
        if (place.feature_code or "").startswith("ADM2"):
            if key in self.members:
                reasons.append("holds a named town")
                score += 0.8
        elif key in self.counties:
            reasons.append(f"in {place.admin2}")
            score += 0.8
        return score


def _county_key(place: Place) -> tuple[str, str, str] | None:
    if not (place.country and place.admin1 and place.admin2):
        return None
    return (place.country, normalize(place.admin1), normalize(place.admin2))


def _best(m: Mention) -> tuple[Candidate, float]:
    scored = sorted(((prior(c, m.text, m.candidates)[0], i) for i, c in enumerate(m.candidates)),
                    reverse=True)
    margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 2.0
    return m.candidates[scored[0][1]], margin


def clues(mentions: Sequence[Mention]) -> list[Clue]:
    """First-pass choices, weighted by how clear they are and how often named."""
    out: dict[str, Clue] = {}
    times = _times_named(m.text for m in mentions)
    for m in mentions:
        cand, margin = _best(m)
        key = _key(m.text)
        out.setdefault(key, Clue(key, cand.place,
                                 _weight(cand.place, margin) * _trust(m) * times[key]))
    return list(out.values())


def _times_named(texts: Iterable[str]) -> dict[str, float]:
    """Name key -> how much more a name said several times tells ('Indiana' six times
    beside 'Kentucky' once): 1 for once, one more for each doubling."""
    counts = Counter(_key(t) for t in texts)
    return {k: 1 + math.log2(n) for k, n in counts.items()}


UNTRUSTED = 0.3
ROUNDS = 2  # first pass, then re-ranked with the choices as context


def _trust(m: Mention) -> float:
    """A name the parser calls a place says more about the text's whereabouts than one
    it calls a person or nothing ('Tanner', 'Mark' may be towns, but seldom are)."""
    return 1.0 if m.demonym or m.label in ("GPE", "LOC", "FAC") else UNTRUSTED


def _weight(place: Place, margin: float) -> float:
    """Named countries and regions say most; a town with many namesakes says little."""
    code = place.feature_code or ""
    if code in COUNTRY_CODES or code.startswith("ADM1"):
        return 3.0 if margin >= 0.5 else 1.0
    return 1.0 if margin >= 0.5 else 0.3


def _pair_bonus(c: Candidate, qualifier: Mention | None) -> float:
    """'Alexandria, La.': the next name is the candidate's region or country."""
    if qualifier is None:
        return 0.0
    best = 0.0
    for q in qualifier.candidates:
        qp = q.place
        code = qp.feature_code or ""
        if c.place.country != qp.country or c.place is qp:
            continue
        if code.startswith("ADM1") and c.place.admin1 and \
                normalize(c.place.admin1) == normalize(qp.name) or \
                code.startswith("ADM2") and c.place.admin2 and \
                normalize(c.place.admin2) == normalize(qp.name):
            return 1.5
        best = max(best, 0.8 if code in COUNTRY_CODES else 0.4 if qp.country else 0.0)
    return best


def _hint_bonus(c: Candidate, m: Mention) -> float:
    return max((_pair_bonus(c, h) for h in m.hints), default=0.0)


def _hint_region(m: Mention) -> Place | None:
    """The bracketed region a town whose candidates all lie elsewhere falls back to:
    the first hint's region, chosen within the later hints ('(Admin2, Admin1)')."""
    hint, rest = m.hints[0], m.hints[1:]
    areas = [c for c in hint.candidates if (c.place.feature_code or "") not in COUNTRY_CODES
             and c.place.feature_class == "A"] or list(hint.candidates)
    return max(areas, key=lambda c: prior(c, hint.text, hint.candidates)[0] + sum(
        _pair_bonus(c, r) for r in rest)).place


LIST_WEIGHT = 1.0  # a candidate of the kind its fellow list members were chosen as


def resolve(mentions: Sequence[Mention], *, focus: str | None = None,
            qualifiers: dict[int, Mention] | None = None,
            lists: Sequence[Sequence[int]] = ()) -> list[Resolved]:
    """Choose a candidate for every mention; `qualifiers` maps a mention index to the
    mention right after it (", La."); `lists` holds the indexes of mentions written as
    one enumeration ("Arizona, Ohio, Washington and Utah")."""
    mentions = [_with_close(m) for m in mentions]
    quals = {i: _with_close(q) for i, q in (qualifiers or {}).items()}
    spread = _spread(mentions)
    out = _round(mentions, clues(mentions), focus, quals, spread)
    for _ in range(ROUNDS - 1):
        kinds = _list_kinds(out, lists)
        out = _round(mentions, _second_clues(out), focus, quals, spread, kinds)
    return out


def kind_of(place: Place) -> str:
    """The kind of place a list holds: countries, first-level regions, counties, towns."""
    code = place.feature_code or ""
    if code in COUNTRY_CODES:
        return "country"
    if code.startswith(("ADM1", "ADM2")):
        return code[:4]
    return "town" if place.feature_class == "P" else code


def _list_kinds(out: Sequence[Resolved], lists: Sequence[Sequence[int]]
                ) -> dict[int, list[str]]:
    """Mention index -> the kinds its fellow members of a list of three or more were
    chosen as."""
    kinds: dict[int, list[str]] = {}
    for group in lists:
        if len(group) < 3:
            continue  # 'Paris, Texas' is a town and its state, not a list
        chosen = {j: out[j].place for j in group}
        for i in group:
            kinds[i] = [kind_of(p) for j, p in chosen.items() if j != i and p is not None]
    return kinds


def _list_bonus(place: Place, kinds: list[str]) -> float:
    """'..., New York, Ohio, Oklahoma, Oregon, ..., Washington': a name among states is a
    state; the share of the others chosen as the candidate's kind, when most agree."""
    if len(kinds) < 2:
        return 0.0
    share = kinds.count(kind_of(place)) / len(kinds)
    return LIST_WEIGHT * share if share > 0.5 else 0.0


def _second_clues(out: Sequence[Resolved]) -> list[Clue]:
    """The previous round's choices as context, weighted by their confidence."""
    times = _times_named(r.mention.text for r in out)
    return list({_key(r.mention.text): Clue(
        _key(r.mention.text), r.place,
        _weight(r.place, 1.0 if r.score > 0.7 else 0.0) * _trust(r.mention) *
        times[_key(r.mention.text)])
        for r in out if r.place is not None}.values())


def _spread(mentions: Sequence[Mention]) -> Spread:
    by_key: dict[str, Mention] = {}
    for m in mentions:
        if not m.demonym:
            by_key.setdefault(_key(m.text), m)
    return colocation({k: m.candidates for k, m in by_key.items()},
                      lambda k, c: prior(c, by_key[k].text, by_key[k].candidates)[0])


def _with_close(m: Mention) -> Mention:
    return replace(m, candidates=tuple(exact_or_close(m.candidates, m.text)))


def _round(mentions: Sequence[Mention], all_clues: list[Clue], focus: str | None,
           quals: dict[int, Mention], spread: Spread,
           kinds: dict[int, list[str]] | None = None) -> list[Resolved]:
    contexts: dict[str, Context] = {}
    out = []
    for i, m in enumerate(mentions):
        key = _key(m.text)
        if key not in contexts:
            others = {_key(o.text): o for o in mentions if _key(o.text) != key}
            contexts[key] = Context.from_clues([c for c in all_clues if c.key != key], focus,
                                               list(others.values()))
        out.append(_choose(m, contexts[key], quals.get(i), spread, (kinds or {}).get(i, [])))
    return out


def _choose(m: Mention, ctx: Context, qualifier: Mention | None, spread: Spread,
            kinds: Sequence[str] = ()) -> Resolved:
    ranked = []
    # A town named like its country ("Mexico" for Mexico City) gains no more from the
    # context than the country itself does.
    caps = {c.place.country: ctx.bonus(c.place)[0] for c in m.candidates
            if (c.place.feature_code or "") in COUNTRY_CODES}
    for c in m.candidates:
        p_score, p_reasons = prior(c, m.text, m.candidates)
        c_score, c_reasons = ctx.bonus(c.place)
        if c.place.country in caps and (c.place.feature_code or "") not in COUNTRY_CODES:
            c_score = min(c_score, caps[c.place.country])
        pair = _pair_bonus(c, qualifier) + HINT_BONUS / 1.5 * _hint_bonus(c, m)
        if m.area and c.place.feature_class == "A" and \
                (c.place.feature_code or "") not in COUNTRY_CODES:
            pair += AREA_BONUS
        near = spread.get((_key(m.text), place_key(c)), 0.0)
        listed = _list_bonus(c.place, list(kinds))
        reasons = p_reasons + c_reasons + (["qualified by next name"] if pair else []) + \
            ([f"close to {near:.1f} other names' places"] if near >= 0.5 else []) + \
            ([f"listed among places of its kind ({kind_of(c.place)})"] if listed else [])
        ranked.append((p_score + c_score + pair + SPREAD_WEIGHT * near + listed, c, reasons))
    ranked.sort(key=lambda r: r[0], reverse=True)
    if m.hints and not any(_hint_bonus(c, m) for c in m.candidates):
        region = _hint_region(m)  # no candidate lies in the region it is said to be in
        return Resolved(m, region, 0.5, f"unknown here; placed at its region {region.name}"
                        if region else "no candidate in its region")
    top_score, top, reasons = ranked[0]
    runner = ranked[1][0] if len(ranked) > 1 else 0.0
    confidence = 1 / (1 + math.exp(-(top_score - runner) * 2)) if len(ranked) > 1 else 0.95
    return Resolved(m, top.place, round(confidence, 3), "; ".join(dict.fromkeys(reasons)))


_KIND_WORDS = EN.mapping("feature_class_words")


def lookup_place(gazetteer: Any, name: str, *, country: str | None = None) -> Place | None:
    """The best entry for a bare name ('Rami village', 'Idlib governorate'), optionally
    within one country (ISO alpha-3); a trailing kind word picks towns or regions.
    Alternatives ('Tadmur/Palmyra town', 'Izz ad-Din (Ezzeddin)') are tried in turn."""
    kind_word = name.split()[-1] if len(name.split()) > 1 else ""
    stem = name[: len(name) - len(kind_word)].strip() if kind_word.lower() in _KIND_WORDS \
        else name
    suffix = f" {kind_word}" if stem != name else ""
    options = [o.strip() for o in re.split(r"[/()]", stem) if o.strip()]
    for option in [stem, *options] if len(options) > 1 else [stem]:
        place = _lookup_one(gazetteer, option + suffix, country)
        if place is not None:
            return place
    return None


def _lookup_one(gazetteer: Any, name: str, country: str | None) -> Place | None:
    words = name.split()
    kind = _KIND_WORDS.get(words[-1].lower()) if len(words) > 1 else None
    core = " ".join(words[:-1]) if kind else name
    cands = [c for c in gazetteer.candidates(core)
             if country is None or c.place.country == country]
    if not cands:
        return None
    preferred = [c for c in cands if c.place.feature_class == kind] if kind else []
    pool = exact_or_close(preferred or cands, core)
    return max(pool, key=lambda c: prior(c, core, pool)[0]).place
