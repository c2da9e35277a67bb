"""Finding alias matches in a parsed document, and the country the text is about."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..lang import EN
from .kb import ActorKB, Hit
from .normalize import words

KIND_ORDER = ("entry", "state", "seat", "country", "metonym", "demonym", "ethnic")
# Places say where a story is; demonyms and named groups mostly say who acts in it.
FOCUS_WEIGHT = {"country": 1.0, "metonym": 0.7, "seat": 0.5, "demonym": 0.6, "state": 0.5,
                "entry": 0.4}


@dataclass(frozen=True)
class Match:
    """Tokens [start, end) of the doc whose text is a known alias, with its hits."""

    start: int
    end: int
    hits: tuple[Hit, ...]

    def best(self, *kinds: str) -> Hit | None:
        for hit in self.hits:
            if not kinds or hit.kind in kinds:
                return hit
        return None


def token_words(doc: Any) -> list[list[str]]:
    return [words(t.text) for t in doc]


def find_matches(doc: Any, kb: ActorKB, toks: list[list[str]]) -> list[Match]:
    """Longest, leftmost, non-overlapping alias matches, hits ordered by KIND_ORDER."""
    out: list[Match] = []
    i, n = 0, len(doc)
    while i < n:
        found = longest_at(doc, kb, toks, i) if _may_start(doc[i], toks[i], kb) else None
        if found is None:
            i += 1
            continue
        if not _in_person_name(doc, found):
            out.append(found)
        i = found.end
    return out


def _in_person_name(doc: Any, m: Match) -> bool:
    """"Michael Jordan", "Chad Smith": a country word inside a longer person's name."""
    if m.hits[0].kind not in ("country", "metonym"):
        return False
    if any(t.ent_type_ != "PERSON" for t in doc[m.start:m.end]):
        return False
    before = m.start > 0 and doc[m.start - 1].ent_type_ == "PERSON" and \
        doc[m.start].ent_iob_ == "I"
    after = m.end < len(doc) and doc[m.end].ent_type_ == "PERSON" and doc[m.end].ent_iob_ == "I"
    return before or after


def _may_start(token: Any, ws: list[str], kb: ActorKB) -> bool:
    return bool(ws) and ws[0] in kb.first_words and not token.is_space


def longest_at(doc: Any, kb: ActorKB, toks: list[list[str]], i: int) -> Match | None:
    acc: list[str] = []
    best: Match | None = None
    for j in range(i, min(len(doc), i + kb.max_words + 4)):
        if doc[j].is_space or (j > i and doc[j].is_sent_start):
            break
        if acc and toks[j] == ["s"] and doc[j].text in ("'s", "’s"):
            acc[-1] += "s"  # "People's" is one word in the index
        else:
            acc.extend(toks[j])
        if len(acc) > kb.max_words:
            break
        if not toks[j]:
            continue
        hits = kb.index.get(" ".join(acc))
        if hits:
            surface = doc[i:j + 1].text
            ok = tuple(sorted((h for h in hits if h.accepts(surface)),
                              key=lambda h: KIND_ORDER.index(h.kind)))
            if ok:
                best = Match(i, j + 1, ok)
    return best


def title_countries(title: str | None, kb: ActorKB) -> list[str]:
    """Countries a headline names (country words, capitals, cities), in order."""
    ws = words(title or "")
    out = []
    i = 0
    while i < len(ws):
        for width in range(min(5, len(ws) - i), 0, -1):
            k = " ".join(ws[i:i + width])
            iso3 = kb.cities.get(k) or next(
                (h.ref for h in kb.index.get(k, ()) if h.kind in ("country", "metonym", "demonym")),
                None)
            if iso3:
                out.append(iso3)
                i += width - 1
                break
        i += 1
    return out


def country_focus(doc: Any, kb: ActorKB, matches: list[Match], toks: list[list[str]],
                  title: str | None = None) -> str | None:
    """The country the text is mostly about: country words, capitals, cities, groups;
    what the headline names counts double."""
    score: dict[str, float] = {}
    first: dict[str, int] = {}
    for iso3 in title_countries(title, kb):
        score[iso3] = score.get(iso3, 0.0) + 2.0
        first.setdefault(iso3, -1)
    for m in matches:
        if m.end < len(doc) and doc[m.end].text == "-":
            continue  # "Iran-backed", "US-led": not where the story is
        hit = m.hits[0]
        country = _hit_country(kb, hit)
        if country:
            score[country] = score.get(country, 0.0) + FOCUS_WEIGHT.get(hit.kind, 0.3)
            first.setdefault(country, m.start)
    for i, iso3 in _city_mentions(doc, kb, toks):
        if i == 0 or _city_start(doc, kb, toks, i):
            score[iso3] = score.get(iso3, 0.0) + 1.0
        first.setdefault(iso3, i)
    if not score:
        return None
    return max(score, key=lambda c: (score[c], -first[c]))


def _hit_country(kb: ActorKB, hit: Hit) -> str | None:
    if hit.kind in ("country", "metonym", "seat", "demonym", "state"):
        return hit.ref if hit.ref != "*" else None
    if hit.kind == "entry":
        entry = kb.entries[hit.ref]
        if entry.kind != "igo" and not entry.branch_name:
            return entry.country if entry.country in kb.countries else None
    return None


def _city_start(doc: Any, kb: ActorKB, toks: list[list[str]], i: int) -> bool:
    """Whether token i starts a city name (not the second word of one)."""
    return not any(" ".join(w for t in toks[j:i + 1] for w in t) in kb.cities
                   for j in range(max(0, i - 4), i))


def _city_mentions(doc: Any, kb: ActorKB, toks: list[list[str]]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(doc):
        step = 1
        if doc[i].pos_ == "PROPN" or doc[i].text[:1].isupper():
            for width in (5, 4, 3, 2, 1):
                k = " ".join(w for t in toks[i:i + width] for w in t)
                if k in kb.cities:
                    out.extend((j, kb.cities[k]) for j in range(i, min(i + width, len(doc))))
                    step = width
                    break
        i += step
    return out


def place_tokens(doc: Any, kb: ActorKB, matches: list[Match], toks: list[list[str]],
                 kinds: tuple[str, ...] = ("country", "metonym")) -> dict[int, str]:
    """Token index -> ISO3 for every country, capital or known city named in the text
    (or, with `kinds=("demonym",)`, for every demonym)."""
    out: dict[int, str] = {}
    for m in matches:
        hit = m.best(*kinds)
        if hit is not None:
            out.update(dict.fromkeys(range(m.start, m.end), hit.ref))
    if kinds == ("demonym",):
        return out
    for i, iso3 in _city_mentions(doc, kb, toks):
        out.setdefault(i, iso3)
    return out
