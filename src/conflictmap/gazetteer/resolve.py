"""Toponym resolution: rank each mention's candidates, then re-rank with the article's context.

A candidate's prior comes from how well the name matches, its population and its
feature type (countries and first-level regions are what a bare name usually means).
The context pass adds the article's country distribution, the regions the text names
("Alexandria, La."; "Rapides Parish"), and closeness to the other places chosen.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Place
from .base import COUNTRY_CODES, Candidate
from .names import ARTICLES, fold, normalize
from .recognize import Mention

NEAR_KM = 250.0


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


def _match_quality(c: Candidate, text: str) -> tuple[float, str]:
    """0.5 same spelling, 0.45 same but for articles/accents, 0.25 a looser variant."""
    if c.matched.replace(" ", "") == _squash(text):
        return 0.5, "name" if fold(c.place.name) == fold(text) else "alternate name"
    if _no_articles(c.matched) == _no_articles(text):
        return 0.45, "alternate name"
    return 0.25, "spelling variant"


def _no_articles(text: str) -> str:
    words = normalize(text).split()
    kept = [w for w in words if w not in ARTICLES] or words
    return "".join(kept).rstrip("h")


def namesake_city(c: Candidate, others: Sequence[Candidate]) -> bool:
    """A region that shares its name with a big town of its country (Aleppo, Raqqa)."""
    return any(o.place.feature_class == "P" and o.place.country == c.place.country
               and o.place.population * 10 >= c.place.population for o in others)


def prior(c: Candidate, text: str, others: Sequence[Candidate] = ()
          ) -> tuple[float, list[str]]:
    """Score of a candidate before context, with the reasons that made it."""
    quality, why = _match_quality(c, text)
    score = math.log10(c.place.population + 1) / 7 + quality
    reasons = [why]
    code = c.place.feature_code or ""
    if code in COUNTRY_CODES or code == "CONT":
        score += 1.2
        reasons.append("country")
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


@dataclass
class Context:
    """What the article as a whole says about where it is."""

    countries: Counter[str]
    named_countries: set[str]
    regions: set[str]
    points: list[tuple[float, float]]
    focus: str | None = None

    def bonus(self, place: Place, own_point: tuple[float, float] | None
              ) -> tuple[float, list[str]]:
        score, reasons = 0.0, []
        total = sum(self.countries.values())
        if place.country and total:
            share = self.countries[place.country] / total
            score += 1.2 * share
            if share >= 0.3:
                reasons.append(f"country context {place.country}")
        if place.country and place.country == self.focus:
            score += 0.4
        if place.country in self.named_countries and place.feature_code not in COUNTRY_CODES:
            score += 0.5
            reasons.append(f"{place.country} named")
        if place.admin1 and normalize(place.admin1) in self.regions and \
                place.feature_code != "ADM1":
            score += 0.8
            reasons.append(f"in {place.admin1}")
        if any(haversine_km(place.lat, place.lon, *p) < NEAR_KM for p in self.points
               if p != own_point):
            score += 0.4
            reasons.append("near other places")
        return score, reasons


def _best(m: Mention) -> tuple[Candidate, float]:
    scored = [(prior(c, m.text, m.candidates)[0], i) for i, c in enumerate(m.candidates)]
    score, i = max(scored)
    return m.candidates[i], score


def build_context(mentions: Sequence[Mention], focus: str | None) -> Context:
    """Countries, regions and points of the confident first-pass choices."""
    countries: Counter[str] = Counter()
    regions: set[str] = set()
    named: set[str] = set()
    points = []
    for m in mentions:
        cand, _ = _best(m)
        place = cand.place
        weight = 2.0 if len(m.candidates) == 1 else 1.0
        if place.country:
            countries[place.country] += weight
        code = place.feature_code or ""
        if code in COUNTRY_CODES and place.country:
            named.add(place.country)
        if code.startswith("ADM1") or code.startswith("ADM2"):
            regions.add(normalize(place.name))
        if code not in COUNTRY_CODES and code != "CONT":
            points.append((place.lat, place.lon))
    if focus:
        countries[focus] += 2.0
    return Context(countries, named, regions, points, focus)


def _pair_bonus(c: Candidate, qualifier: Mention | None) -> float:
    """'Alexandria, La.': the next name is the candidate's region or country."""
    if qualifier is None:
        return 0.0
    for q in qualifier.candidates:
        qp = q.place
        code = qp.feature_code or ""
        if code.startswith("ADM1") and c.place.admin1 and \
                normalize(c.place.admin1) == normalize(qp.name) and c.place.country == qp.country:
            return 1.5
        if code in COUNTRY_CODES and c.place.country == qp.country:
            return 0.8
    return 0.0


def resolve(mentions: Sequence[Mention], *, focus: str | None = None,
            qualifiers: dict[int, Mention] | None = None) -> list[Resolved]:
    """Choose a candidate for every mention; `qualifiers` maps a mention index to the
    mention right after it (", La.")."""
    ctx = build_context(mentions, focus)
    quals = qualifiers or {}
    out = []
    for i, m in enumerate(mentions):
        out.append(_choose(m, ctx, quals.get(i)))
    return out


def _choose(m: Mention, ctx: Context, qualifier: Mention | None) -> Resolved:
    first, _ = _best(m)
    own = (first.place.lat, first.place.lon)
    ranked = []
    for c in m.candidates:
        p_score, p_reasons = prior(c, m.text, m.candidates)
        c_score, c_reasons = ctx.bonus(c.place, own if c is first else None)
        pair = _pair_bonus(c, qualifier)
        reasons = p_reasons + c_reasons + (["qualified by next name"] if pair else [])
        ranked.append((p_score + c_score + pair, c, reasons))
    ranked.sort(key=lambda r: r[0], reverse=True)
    top_score, top, reasons = ranked[0]
    runner = ranked[1][0] if len(ranked) > 1 else 0.0
    confidence = 1 / (1 + math.exp(-(top_score - runner) * 2)) if len(ranked) > 1 else 0.95
    return Resolved(m, top.place, round(confidence, 3), "; ".join(dict.fromkeys(reasons)))
