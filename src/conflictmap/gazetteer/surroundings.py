"""Places the gazetteer does not know, placed by what the text says around them.

"the village of X, near Y", "X, north of Y", "X, 6 km north-west of Y", "X in the Y
district", "X village in central Mali", "X, Y province": X lies at Y's point (precision
2 near a town or in a district, 3 when only a first-level region or the country is
known), keeps its own name, and says how it was placed.  A name the gazetteer knows
only far from Y (a namesake in another country or province) is placed the same way, a
candidate of it that does lie by Y is preferred, and the parts of X matched on their
own ("Tal" of "Tal Hamdiya") are no toponyms.  Region phrases ("Idlib's southern
countryside", "the countryside of Hama") name the province, not the town.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..lang import EN
from ..model import Place
from .base import COUNTRY_CODES, Candidate
from .names import name_key
from .recognize import GENERIC_WORDS, Mention, name_runs, placed_by_context
from .resolve import Resolved, haversine_km

DIRECTIONS = EN.words("directions")
# Words before a region's name that say which part of it ('in central Mali').
PART_WORDS = EN.words("part_words")
SETTLEMENT_WORDS = EN.words("settlement_words")
QUARTER_WORDS = EN.words("quarter_words")
_KIND_AFTER = SETTLEMENT_WORDS | QUARTER_WORDS  # 'X village', 'X neighbourhood', 'X district'
LEVEL_NOUNS = EN.words("level_nouns")
_NEAR = frozenset({"near", "outside", "nearby", "around"})
DISTANCE_UNITS = EN.words("distance_units")
_SETTING = EN.words("setting_words")
_BUILDINGS = EN.words("buildings")
# How far a known place may lie from the place the text puts it by (km).
NEAR_KM = 100.0
DIRECTION_KM = 500.0
REGION_KM = 250.0


@dataclass(frozen=True, slots=True)
class PlacedPlace(Place):
    """A place known only by its surroundings: the anchor's point under the text's name."""

    precision: int = 2
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Locator:
    """What the text says a name is by: the anchor's resolution and the relation."""

    anchor: Resolved
    relation: str  # 'near', 'north of', 'in'
    km: float | None = None  # '6 km north of': the distance given
    listed: bool = False  # only a comma between: 'X, Idlib province'
    regional: bool = False  # the anchor is written as a region's name: 'in Homs province'


def place_by_surroundings(doc: Any, resolved: Sequence[Resolved]) -> list[Resolved]:
    """The resolutions with region phrases made regions and names placed by their
    surroundings (see the module docstring); the rest unchanged, in text order."""
    out = [_countryside(doc, r) for r in resolved]
    runs = _place_runs(doc)
    for start, end in runs + _listed_after(doc, runs):
        locator = _locator(doc, start, end, out)
        if locator is None:
            continue
        inside = [r for r in out if start <= r.mention.start and r.mention.end <= end]
        placed = _placed(doc, start, end, inside, locator)
        if placed is not None:
            out = [r for r in out if r not in inside] + [placed]
    return sorted(out, key=lambda r: r.mention.start)


def _locator(doc: Any, start: int, end: int, out: Sequence[Resolved]) -> Locator | None:
    """What places the name in [start, end): the words after it, after the list it opens
    ('the towns of X, Y and Z in southern rural W': W for X), else the words before it."""
    locator = locator_after(doc, end, out)
    if locator is None:
        last = _list_end(doc, end)
        if last > end:
            found = locator_after(doc, last, out)
            locator = replace(found, listed=True) if found is not None else None
    if locator is None or locator.anchor.mention.start < end:
        locator = locator_before(doc, start, end, out)
    return locator


_LIST_JOINS = frozenset({",", "and", "or"})


def _next_in_list(doc: Any, end: int) -> tuple[int, int] | None:
    """The name run after ', ', ' and ', ', and ' at token `end`, if any."""
    j = end
    while j < len(doc) and j - end < 2 and doc[j].lower_ in _LIST_JOINS:
        j += 1
    if j == end or j >= len(doc):
        return None
    k = j
    while k < len(doc) and k - j < 5 and (doc[k].pos_ == "PROPN" or doc[k].text in "-–"):
        k += 1
    return (j, k) if k > j else None


def _list_end(doc: Any, end: int) -> int:
    """Where the list of names that the name ending at `end` opens ends."""
    nxt = _next_in_list(doc, end)
    while nxt is not None:
        end = nxt[1]
        nxt = _next_in_list(doc, end)
    return end


def _listed_after(doc: Any, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The names listed after a name written as a place ('the villages of X, Y and Z'):
    places too, whatever the tagger calls them."""
    seen = set(runs)
    out = []
    for _, end in runs:
        nxt = _next_in_list(doc, end)
        while nxt is not None and nxt not in seen and not _thing_word(doc[nxt[0]:nxt[1]]):
            out.append(nxt)
            seen.add(nxt)
            nxt = _next_in_list(doc, nxt[1])
    return out


def _place_runs(doc: Any) -> list[tuple[int, int]]:
    """Proper-noun runs written as a place: after 'the village of', 'in', 'near'...,
    before 'village', or tagged as one; not names of bodies or buildings ('Texas
    Southern University') nor ones holding a title ('U.S. Sen. Bob Dole')."""
    runs = []
    for start, end in name_runs(doc):
        while start < end and doc[start].lower_ in ("the", "a"):
            start += 1
        if not 0 < end - start <= 5 or \
                any(t.pos_ == "CCONJ" or t.text == "," for t in doc[start:end]):
            continue
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        if doc[start].ent_type_ == "NORP" and not placed_by_context(doc, start):
            continue  # 'Syrian'; but 'the village of Sharifah', however tagged
        if placed_by_context(doc, start) or after in _KIND_AFTER or _told_a_place(doc, end):
            runs.append((start, end))  # 'the village of X', 'X village', 'near X'
        elif (before in _SETTING or doc[start].ent_type_ in ("GPE", "LOC", "FAC")) and \
                not _named_thing(doc[start:end]):
            runs.append((start, end))
    return runs


def _told_a_place(doc: Any, end: int) -> bool:
    """'X, a Homs neighbourhood', 'X, a village near Y': the apposition after the name
    says what kind of place it is, whatever the tagger calls it."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an"):
        return False
    for t in doc[end + 2:end + 6]:
        if t.lower_ in _KIND_AFTER:
            return True
        if not (t.pos_ == "PROPN" or t.pos_ == "ADJ"):
            return False
    return False


def _named_thing(span: Any) -> bool:
    return _thing_word(span) or \
        any(t.ent_type_ in ("ORG", "PERSON") for t in span) and span[0].ent_type_ not in (
            "GPE", "LOC", "FAC", "")


def _thing_word(span: Any) -> bool:
    """'Democratic Republic', 'Texas Southern University', 'U.S. Sen.': no place's name."""
    last = span[-1].lower_
    return last in GENERIC_WORDS and last not in SETTLEMENT_WORDS or \
        last in _BUILDINGS or any(t.text.endswith(".") for t in span)


def locator_after(doc: Any, end: int, resolved: Sequence[Resolved]) -> Locator | None:
    """', near Y', ', 6 km north-west of Y', 'in the Y district', 'in central Y', ', Y
    province', ', a Y suburb' right after a name (and its 'village')."""
    by_start = {r.mention.start: r for r in resolved if r.place is not None}
    kind = end < len(doc) and doc[end].lower_ in _KIND_AFTER  # 'X village', 'X area'
    i = end + kind
    comma = i < len(doc) and doc[i].text == ","
    i += comma
    if i >= len(doc):
        return None
    word = doc[i].lower_
    if word in _NEAR or word == "close" and _word(doc, i + 1) == "to":
        return _anchored(doc, i + 1 + (word == "close"), by_start, "near")
    km, j = _distance(doc, i)
    direction, j = _direction(doc, j)
    if direction and _word(doc, j) == "of":
        return _anchored(doc, j + 1, by_start, f"{direction} of", km)
    if comma and word in ("a", "an") and _part_of(doc, i + 1, by_start):
        return Locator(by_start[i + 1], "in")  # 'X, a Harare township'
    if word in ("in", "of") and not km:
        j = _past_part_words(doc, i + 1)
        # 'X of Y' may be a name ('the Nice of Russia'); 'X area of Y' is a part of Y
        return _anchored(doc, j, by_start, word, region_only=word == "of" and not kind)
    if comma and i in by_start and _regional_anchor(doc, by_start[i]) and \
            _level_word(doc, by_start[i]):
        return Locator(by_start[i], "in", listed=True, regional=True)
    return None


def _part_of(doc: Any, i: int, by_start: dict[int, Resolved]) -> bool:
    """A known place at token i written as the whole of a part ('a Harare township')."""
    anchor = by_start.get(i)
    return anchor is not None and _word(doc, anchor.mention.end) in QUARTER_WORDS


def _past_part_words(doc: Any, j: int) -> int:
    """The token after 'the southern', 'the southern countryside of', 'the east': where
    the anchor's name starts ('in the southern countryside of Y', 'in the east Y
    countryside')."""
    while _word(doc, j) in PART_WORDS or _word(doc, j) in DIRECTIONS:
        j += 1
    if _word(doc, j) == "countryside" and _word(doc, j + 1) == "of":
        j = _past_part_words(doc, j + 2)
    return j


def locator_before(doc: Any, start: int, end: int, resolved: Sequence[Resolved]
                   ) -> Locator | None:
    """'the Baghdad neighbourhood of X', 'Mogadishu's X district': a part of the place
    written before it."""
    by_end = {r.mention.end: r for r in resolved if r.place is not None}
    if _word(doc, start - 1) == "of" and _word(doc, start - 2) in QUARTER_WORDS:
        anchor = by_end.get(start - 2)
    elif _word(doc, start - 1) in ("'s", "’s") and _word(doc, end) in QUARTER_WORDS:
        anchor = by_end.get(start - 1)
    else:
        return None
    if anchor is None or anchor.place is None or _is_area(anchor.place) and \
            (anchor.place.feature_code or "") in COUNTRY_CODES:
        return None  # 'the Syria district of X' says too little
    return Locator(anchor, "in", regional=_level_word(doc, anchor))


def _level_word(doc: Any, r: Resolved) -> bool:
    """'Idlib province', 'the Ariha district': a name written as a region's."""
    return _word(doc, r.mention.end) in LEVEL_NOUNS


def _word(doc: Any, i: int) -> str:
    return str(doc[i].lower_) if 0 <= i < len(doc) else ""


def _distance(doc: Any, i: int) -> tuple[float | None, int]:
    """'6 km', '30 kilometres' at token i: the distance and the token after it."""
    if i + 1 < len(doc) and doc[i].like_num and doc[i + 1].lower_ in DISTANCE_UNITS:
        try:
            value = float(doc[i].text.replace(",", ""))
        except ValueError:
            return None, i + 2
        return value * (1.609 if doc[i + 1].lower_.startswith("mi") else 1.0), i + 2
    return None, i


def _direction(doc: Any, i: int) -> tuple[str, int]:
    """'north', 'northwest', 'north-west', 'north west' at token i."""
    first = _word(doc, i)
    if first not in DIRECTIONS:
        return "", i
    second = _word(doc, i + 2) if _word(doc, i + 1) == "-" else _word(doc, i + 1)
    if first in ("north", "south") and second in ("east", "west"):
        return first + second, i + (3 if _word(doc, i + 1) == "-" else 2)
    return first, i + 1


def _anchored(doc: Any, i: int, by_start: dict[int, Resolved], relation: str,
              km: float | None = None, region_only: bool = False) -> Locator | None:
    """The resolved place starting at token i (after 'the', 'town of', 'city of')."""
    if _word(doc, i) == "the":
        i += 1
    if _word(doc, i) in ("town", "city", "village") and _word(doc, i + 1) == "of":
        i += 2
    anchor = by_start.get(i)
    if anchor is None or region_only and not _regional_anchor(doc, anchor) or \
            _cut_short(doc, anchor.mention):
        return None
    return Locator(anchor, relation, km, regional=_level_word(doc, anchor))


def _cut_short(doc: Any, m: Mention) -> bool:
    """Part of a longer name: 'Golden' of 'the Golden State Freeway'."""
    nxt = doc[m.end] if m.end < len(doc) else None
    if nxt is not None and nxt.lower_ in LEVEL_NOUNS:  # 'Idlib province', not 'Golden
        nxt = doc[m.end + 1] if m.end + 1 < len(doc) else None  # State Freeway'
    return nxt is not None and (nxt.pos_ == "PROPN" or nxt.text in ("-", "–"))


def _regional_anchor(doc: Any, r: Resolved) -> bool:
    """A region, or a name written as one ('Idlib province', 'the Ariha district')."""
    return _is_area(r.place) or _level_word(doc, r)


def _is_area(place: Place | None) -> bool:
    code = (place.feature_code or "") if place is not None else ""
    return code in COUNTRY_CODES or code in ("RGN", "CONT") or code.startswith("ADM")


def _placed(doc: Any, start: int, end: int, inside: list[Resolved], loc: Locator
            ) -> Resolved | None:
    """The resolution of the name in [start, end): a known place by the anchor, else the
    anchor's point under the name; None when a known place is kept as it was."""
    whole = next((r for r in inside if (r.mention.start, r.mention.end) == (start, end)),
                 None)
    if any(_is_area(r.place) for r in inside):
        return None  # a country or region is known, whatever the text puts it by
    if whole is None and any(_part_inside(r.place, loc) for r in inside):
        return None  # 'the Askira-Uba district of Borno State': Uba is finer than Borno
    if whole is not None and whole.place is not None:
        if loc.listed or loc.relation == "of" or by_anchor(whole.place, loc) or \
                loc.relation == "in" and loc.anchor.mention.label not in ("GPE", "LOC"):
            return None  # 'X, Y' may be a list; 'the Nice of Russia'; 'X in the Teen class'
        near = [c for c in whole.mention.candidates if by_anchor(c.place, loc)]
        if near:
            best = max(near, key=lambda c: c.place.population)
            return replace(whole, place=best.place, reason=_kept_reason(best, loc))
    mention = Mention(start, end, doc[start:end].text, _label(doc, start, end), ())
    return Resolved(mention, _at_anchor(mention.text, loc, whole), 0.5,
                    _placed_reason(mention.text, loc, whole))


def _part_inside(place: Place | None, loc: Locator) -> bool:
    """A known town in part of the name that lies in the first-level region the text
    puts the name in (not 'Dali' of 'Abu Dali' in another province)."""
    anchor = loc.anchor.place
    return place is not None and anchor is not None and place.feature_class == "P" and \
        (anchor.feature_code or "").startswith("ADM1") and \
        place.country == anchor.country and place.admin1 is not None and \
        place.admin1 == anchor.admin1


def _label(doc: Any, start: int, end: int) -> str:
    labels = {t.ent_type_ for t in doc[start:end]} - {""}
    return labels.pop() if len(labels) == 1 else "LOC"


def by_anchor(place: Place, loc: Locator) -> bool:
    """A known place that lies where the text puts it: in the anchor's country, and
    near the town, within the region, or about the distance given."""
    anchor = loc.anchor.place
    if anchor is None or place.country != anchor.country:
        return False
    code = anchor.feature_code or ""
    if code in COUNTRY_CODES or code == "CONT":
        return True
    km = haversine_km(place.lat, place.lon, anchor.lat, anchor.lon)
    if _is_area(anchor) or loc.regional:  # 'in Homs province': anywhere in the province
        return km <= REGION_KM or bool(place.admin1 and place.admin1 == anchor.admin1)
    if loc.km is not None:  # distances in reports are rough
        return km <= max(NEAR_KM, loc.km * 2 + 25)
    return km <= (NEAR_KM if loc.relation in ("near", "in") else DIRECTION_KM)


def _kept_reason(best: Candidate, loc: Locator) -> str:
    return (f"the {best.place.name} {loc.relation} {loc.anchor.mention.text}, as the text "
            "places it")


def _at_anchor(text: str, loc: Locator, whole: Resolved | None) -> PlacedPlace:
    anchor = loc.anchor.place
    assert anchor is not None
    code = anchor.feature_code or ""
    country_level = code in COUNTRY_CODES or code == "CONT"
    broad = country_level or code in ("RGN", "ADM1", "ADM1H")
    return PlacedPlace(None, text, anchor.country, anchor.lat, anchor.lon,
                       None if country_level else anchor.admin1,
                       anchor.admin2 if not broad else None, "P", None, 0,
                       None if country_level else anchor.admin1_code,
                       anchor.admin2_code if not broad else None,
                       precision=3 if broad else 2,
                       reason=_placed_reason(text, loc, whole))


def _placed_reason(text: str, loc: Locator, whole: Resolved | None) -> str:
    anchor = loc.anchor.place
    where = anchor.name if anchor is not None else loc.anchor.mention.text
    said = f"'{text}, {loc.relation} {loc.anchor.mention.text}'"
    if whole is not None and whole.place is not None and anchor is not None:
        km = haversine_km(whole.place.lat, whole.place.lon, anchor.lat, anchor.lon)
        return (f"the gazetteer's {whole.place.name} ({whole.place.country}) lies {km:.0f} "
                f"km from {where}; placed at {where} as the text says ({said})")
    return f"not in the gazetteer; placed at {where} as the text says ({said})"


def _countryside(doc: Any, r: Resolved) -> Resolved:
    """"Idlib's southern countryside", 'the countryside of Hama': the province named like
    the town, when the gazetteer has one."""
    if r.place is None or _is_area(r.place) or not countryside_of(doc, r.mention):
        return r
    key = name_key(r.mention.text)
    regions = [c for c in r.mention.candidates if c.place.country == r.place.country and
               (c.place.feature_code or "").startswith(("ADM1", "ADM2")) and
               name_key(c.place.name) in (key, name_key(f"{r.mention.text} governorate"))]
    if not regions:
        return r
    best = min(regions, key=lambda c: c.place.feature_code or "")  # ADM1 before ADM2
    return replace(r, place=best.place, reason=r.reason + "; its countryside: the province")


def countryside_of(doc: Any, m: Mention) -> bool:
    """'X's (southern) countryside', 'the X countryside', 'the countryside of X'."""
    after = [_word(doc, i) for i in range(m.end, m.end + 4)]
    if after[0] in ("'s", "’s"):
        after = after[1:]
    rest = [w for w in after if w not in PART_WORDS]
    return bool(rest) and rest[0] == "countryside" or \
        [_word(doc, m.start - 2), _word(doc, m.start - 1)] == ["countryside", "of"]
