"""Stage `places`: toponyms resolved to the gazetteer; each event's own location.

An event's place is, in order: the place its action names (`event.place_token`, the
object of "retook"); a place attached to the trigger or to its clause's verb through a
preposition ("in X", "near X", "south of the city of X", "clashes erupted in X") or as
a locative compound ("the Mosul bombing"); then, as approximate fallbacks (precision at
least 2): the nearest place in its sentence written as a setting or governing the
trigger, else the main place of the other sentences.  Verbal events (ACCUSE, REQUEST...)
get no fallback: where they were said is seldom where the places they name are.  Places
that only qualify someone ("refugees from X", "X's newspaper") are never fallbacks.
Precision (DESIGN.md): 1 the town itself, 2 near it or part of a region, 3 only a region
or country is known.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from ..gazetteer.base import COUNTRY_CODES
from ..gazetteer.recognize import Mention, Recognizer
from ..gazetteer.resolve import resolve
from ..model import Article, Event, Location, Place, Toponym
from ..nlp import sentence_starts
from ..registry import stage

# Words between a trigger and a place that make the location approximate (precision 2).
NEAR_WORDS = frozenset(
    "near outside around nearby close outskirts countryside vicinity north south east west "
    "northern southern eastern western northeast northwest southeast southwest northeastern "
    "northwestern southeastern southwestern between toward towards outskirt suburbs "
    "surroundings environs km kilometres kilometers miles road highway".split())
# Events that are said, not done: where they were said is seldom given, and a place
# elsewhere in the text is usually what they are about, not where they happened.
VERBAL = frozenset("ACCUSE REQUEST REJECT CONSULT SUPPORT AGREE APPEAL DISAPPROVE "
                   "THREATEN COOPERATE".split())
# Dependencies through which a clause's own participant leads to its verb ('Clashes
# erupted in X': the place of 'erupted' is the place of 'clashes').
_CLAUSE_DEPS = frozenset("nsubj nsubjpass dobj conj xcomp advcl attr".split())
_LOCATIVE_COMPOUND = frozenset({"compound", "nmod", "amod", "npadvmod"})
_SETTING_PREPS = frozenset("in at near outside around inside across throughout within "
                           "on".split())  # not 'towards X': where they went
LOCATIVE_PREPS = frozenset("in at near outside around inside into on from across through "
                           "within throughout toward towards of".split())


def _sentence_starts(doc: Any) -> list[int]:
    return [t for t, _ in sentence_starts(doc)]


def qualifiers(doc: Any, mentions: list[Mention]) -> dict[int, Mention]:
    """Mention i -> mention i+1 when written 'Town, Region' (comma between)."""
    out = {}
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if b.start == a.end + 1 and doc[a.end].text == ",":
            out[i] = b
    return out


def is_region(place: Place) -> bool:
    code = place.feature_code or ""
    return code in COUNTRY_CODES or code in ("CONT", "RGN") or code.startswith("ADM")


class PlaceStage:
    def __init__(self, resources: Any) -> None:
        self.resources = resources
        self._recognizer: Recognizer | None = None

    @property
    def recognizer(self) -> Recognizer:
        if self._recognizer is None:
            self._recognizer = Recognizer(self.resources.gazetteer)
        return self._recognizer

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        if doc is None:
            return article
        mentions = [m for m in self.recognizer.mentions(doc)
                    if not inside_actor_name(m, article.mentions)]
        resolved = resolve(mentions, focus=article.country_focus,
                           qualifiers=qualifiers(doc, mentions))
        starts = _sentence_starts(doc)
        article.toponyms = [_toponym(doc, r.mention, r.place, r.score, r.reason, starts)
                            for r in resolved]
        spans = [(r.mention, r.place) for r in resolved
                 if r.place is not None and not r.mention.demonym]
        backdrop = [s for s in spans if not _incidental(doc, s[0])]
        settings = [s for s in spans if not acts(doc, s[0], article.mentions)]
        for event in article.events:
            event.location = locate(doc, event, spans if event.place_token >= 0 else settings,
                                    backdrop)
        return article


def inside_actor_name(m: Mention, actors: list[Any]) -> bool:
    """Part of a longer actor mention ('Rapid' of 'Rapid Support Forces'): no toponym.
    A demonym keeps telling the article's country ('Sudanese army')."""
    return not m.demonym and any(
        a.token_start <= m.start and m.end <= a.token_end and
        (a.token_start, a.token_end) != (m.start, m.end) for a in actors
        if a.token_end > a.token_start)


def acts(doc: Any, m: Mention, mentions: list[Any]) -> bool:
    """A place name standing for its government or people ('Moscow started a campaign',
    'Russia's losses'): an actor mention, or the active subject or possessor of a clause."""
    if any(a.token_start < m.end and m.start < a.token_end for a in mentions
           if a.token_end > a.token_start):
        return True
    root = doc[m.start:m.end].root
    return bool(root.dep_ in ("nsubj", "poss") or root.dep_ == "case" or
                root.dep_ == "compound" and root.head.dep_ == "nsubj")


def _toponym(doc: Any, m: Mention, place: Place | None, score: float, reason: str,
             starts: list[int]) -> Toponym:
    span = doc[m.start:m.end]
    sent = sum(1 for s in starts if s <= m.start) - 1
    if m.demonym:
        reason = "demonym; " + reason
    return Toponym(span.start_char, span.end_char, span.text, place, score, reason, sent)


def main_place(spans: list[tuple[Mention, Place]]) -> Place | None:
    """The town named most often (ties: first named), else the most named region."""
    towns = Counter(p.geonames_id or id(p) for _, p in spans if not is_region(p))
    pool = [p for _, p in spans if not is_region(p)] if towns else [p for _, p in spans]
    if not pool:
        return None
    counts = Counter(p.geonames_id or p.name for p in pool)
    return max(pool, key=lambda p: counts[p.geonames_id or p.name])


def locate(doc: Any, event: Event, spans: list[tuple[Mention, Place]],
           backdrop: list[tuple[Mention, Place]]) -> Location | None:
    """The location of one event (see the module docstring for the order); `backdrop`
    holds the article's places that may be its main place."""
    if event.place_token >= 0:
        hit = _covering(spans, event.place_token)
        if hit is not None:
            return to_location(hit[1], _precision(doc, event.trigger_token, hit))
    if 0 <= event.trigger_token < len(doc):
        sent = doc[event.trigger_token].sent
        in_sent = [s for s in spans if sent.start <= s[0].start < sent.end]
        attached = _attached_in_clause(doc, event.trigger_token, in_sent)
        if attached is not None:
            return to_location(attached[1], _precision(doc, event.trigger_token, attached))
        if event.plover in VERBAL:
            return None  # said somewhere unknown: no place rather than a wrong one
        nearest = _nearest(doc, event.trigger_token, in_sent)
        if nearest is not None:
            return to_location(nearest[1], max(2, _precision(doc, event.trigger_token, nearest)))
    elif event.plover in VERBAL:
        return None
    main = main_place(_elsewhere(doc, event.trigger_token, backdrop))
    return to_location(main, 2) if main is not None else None


def _elsewhere(doc: Any, trigger: int, spans: list[tuple[Mention, Place]]
               ) -> list[tuple[Mention, Place]]:
    """Places outside the trigger's sentence: those inside it had their chance above."""
    if not 0 <= trigger < len(doc):
        return spans
    sent = doc[trigger].sent
    return [s for s in spans if not sent.start <= s[0].start < sent.end]


def _attached_in_clause(doc: Any, trigger: int, spans: list[tuple[Mention, Place]]
                        ) -> tuple[Mention, Place] | None:
    """A place attached to the trigger, else to the verb of the clause the trigger is a
    participant of ('Clashes erupted in X', 'went on to attack ... in X')."""
    found = _attached(doc, trigger, spans)
    if found is not None:
        return found
    tok = doc[trigger]
    if tok.dep_ in _CLAUSE_DEPS and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX"):
        return _attached(doc, tok.head.i, spans)
    return None


def _covering(spans: list[tuple[Mention, Place]], token: int
              ) -> tuple[Mention, Place] | None:
    for m, p in spans:
        if m.start <= token < m.end:
            return m, p
    return None


def _path_to(doc: Any, token: int, target: int) -> list[Any] | None:
    """Tokens from `token` up the tree to `target` (None if `target` is not an ancestor)."""
    path: list[Any] = []
    tok = doc[token]
    for _ in range(12):
        if tok.i == target:
            return path
        path.append(tok)
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _attached(doc: Any, trigger: int, spans: list[tuple[Mention, Place]]
              ) -> tuple[Mention, Place] | None:
    """The place in the trigger's own subtree reached through a preposition, nearest first."""
    best: tuple[int, tuple[Mention, Place]] | None = None
    for span in spans:
        path = _path_to(doc, span[0].end - 1, trigger)
        if path is None or not (any(t.lower_ in LOCATIVE_PREPS for t in path) or
                                _locative_compound(doc, span[0], trigger)):
            continue
        if any(t.pos_ == "VERB" and t.i != trigger for t in path[1:]):
            continue  # the place belongs to another clause
        if _origin_of_participant(path):
            continue
        rank = len(path) + (3 if is_region(span[1]) else 0)
        if best is None or rank < best[0]:
            best = (rank, span)
    return best[1] if best else None


def _origin_of_participant(path: list[Any]) -> bool:
    """'refugees from southern Sudan demonstrated', 'members of the party in Peru
    protested': where the actor comes from or belongs, not where the event was."""
    subject = next((i for i, t in enumerate(path) if t.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(t.lower_ in ("from", "of") for t in path[:subject])


def _setting(doc: Any, m: Mention) -> bool:
    """A place written as a setting ('in X', 'near X'), not as where someone is from
    ('a driver from X', 'X fans', "X's newspaper")."""
    span = doc[m.start:m.end]
    if span[0].ent_type_ == "NORP" or _inside_longer_name(span):
        return False
    return span.root.dep_ == "pobj" and span.root.head.lower_ in _SETTING_PREPS


def _governs(doc: Any, m: Mention, trigger: int) -> bool:
    head = doc[m.start:m.end].root.head
    return bool(head.i == trigger or head.is_ancestor(doc[trigger]))


def _incidental(doc: Any, m: Mention) -> bool:
    """A place that only qualifies someone or something: where they are from ('a driver
    from X', 'members of X'), whose they are ("X's newspaper", 'X fans'), a people
    ('Syrian') or part of a longer name ('YPG Media Center')."""
    span = doc[m.start:m.end]
    root = span.root
    if span[0].ent_type_ == "NORP" or _inside_longer_name(span):
        return True
    if root.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod", "case"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in ("from", "of")


def _inside_longer_name(span: Any) -> bool:
    """'Media' of 'YPG Media Center', 'Pan' of 'Pan Am'."""
    return any(e.label_ in ("ORG", "PERSON") and e.start <= span.start and span.end <= e.end
               and len(e) > len(span) for e in span.doc.ents)


def _locative_compound(doc: Any, m: Mention, trigger: int) -> bool:
    """'the Gaza airstrike', 'a Baghdad bombing': the place modifies the event noun."""
    root = doc[m.start:m.end].root
    return root.head.i == trigger and root.dep_ in _LOCATIVE_COMPOUND and \
        doc[trigger].pos_ in ("NOUN", "PROPN")


def _nearest(doc: Any, trigger: int, spans: list[tuple[Mention, Place]]
             ) -> tuple[Mention, Place] | None:
    """The closest place written as a setting ('in X'), else the closest one that is not
    incidental (see `_incidental`) and belongs to a clause above the trigger ('captured X
    after the army withdrew')."""
    pool = [s for s in spans if _setting(doc, s[0])] or \
        [s for s in spans if not _incidental(doc, s[0]) and _governs(doc, s[0], trigger)]
    if not pool:
        return None
    return min(pool, key=lambda s: (is_region(s[1]), abs(s[0].start - trigger)))


def _precision(doc: Any, trigger: int, span: tuple[Mention, Place]) -> int:
    m, place = span
    if is_region(place):
        return 3 if not _near_words(doc, m, trigger) else 2 if _subregion(place) else 3
    return 2 if _near_words(doc, m, trigger) else 1


def _subregion(place: Place) -> bool:
    return (place.feature_code or "").startswith("ADM2")


def _near_words(doc: Any, m: Mention, trigger: int) -> bool:
    """'near', 'south of', 'countryside of' ... just before the place name."""
    lo = max(doc[m.start].sent.start, m.start - 6)
    window = doc[lo:m.start]
    return any(t.lower_ in NEAR_WORDS for t in window)


def to_location(place: Place, precision: int) -> Location:
    if is_region(place):
        precision = max(precision, 3 if not _subregion(place) else 2)
    return Location(name=place.name, lat=place.lat, lon=place.lon, precision=precision,
                    geonames_id=place.geonames_id, country=place.country,
                    admin1=place.admin1, admin2=place.admin2)


def geoparse(articles: Iterable[Article], resources: Any) -> Iterator[Article]:
    """Parse articles and find their toponyms, without the event stages (geoparse CLI, eval)."""
    from .nlp import NlpStage

    places = PlaceStage(resources)
    for article in NlpStage(resources.nlp).pipe(articles):
        article.events = []
        yield places(article)


@stage("places", requires=["doc", "events"], assigns=["toponyms", "events.location"])
def make_places(*, resources: Any, gazetteer: str = "") -> PlaceStage:
    """Resolve place names and locate each event."""
    return PlaceStage(resources)
