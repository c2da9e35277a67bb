"""Stage `places`: toponyms resolved to the gazetteer; each event's own location.

An event's place is, in order: the place its action names (`event.place_token`, the
object of "retook"), the finer one written with it ("the West Bank city of Nablus") or
the one its common noun is written with ("strongholds, including X", "Utah Beach"), or
a place the act takes as object though the action did not name it ("bombed Serbia"); a
place attached over the parse to the trigger or another word of the act
(`event.act_tokens`: the "killed" merged into "clashes", the "launched" of "launched an
offensive"), to a verb coordinated with it ("shot and killed two men in X"), to its
outcome participle ("..., killing five in X") or to its clause's verb ("clashes erupted
in X"), through a preposition ("in X", "south of the city of X", "the battle for X"), a
locative compound ("the Mosul bombing"), a possessive ("Mosul's bridges"), what the
victims were doing ("recruits queueing outside a station in X") or an infinitive of
purpose ("launched an offensive to capture X").  A name in brackets after a place
("Lalibela town (Amhara)") is where that place is, never a better choice.  Among
several, a town beats the region, country or opening frame it is written in ("In
Dagestan, police shot two men in the town of Buinaksk"); a distance ("30 km from X",
which yields to a town it is near), a direction ("in X, southeast of Y") and where a
participant is ("detainees at X") rank last; where the
actor comes from ("militants from X", "a X-based group") and what a protest is about
("against the siege of X") never count.  A region alone yields to a town of its country
nearby.  Then, as approximate fallbacks (precision at least 2): the nearest place in
its sentence written as a setting or governing the trigger, never in a clause set
against it ("while diplomats met in X"), else the main place of the other sentences.
Verbal events (ACCUSE, REQUEST...) get no fallback: where they were said is seldom where
the places they name are.  Precision (DESIGN.md): 1 the town itself, 2 near it or part
of a region, 3 only a region or country is known ("in the X province").
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import replace
from collections.abc import Iterable, Iterator
from typing import Any

from ..gazetteer.base import COUNTRY_CODES
from ..gazetteer.recognize import Mention, Recognizer, placed_by_context
from ..gazetteer.resolve import resolve
from ..gazetteer.surroundings import (DISTANCE_UNITS, PlacedPlace, countryside_of,
                                      place_by_surroundings)
from ..lang import EN
from ..model import Article, CodedEvent, Location, Place, Toponym
from ..nlp import definite, entity_at, sentence_starts
from ..discourse.dateline import dateline_tokens
from ..registry import event_fields, stage

# Words between a trigger and a place that make the location approximate (precision 2).
NEAR_WORDS = EN.words("near_words")
# Events that are said, not done: where they were said is seldom given, and a place
# elsewhere in the text is usually what they are about, not where they happened.
VERBAL = frozenset("ACCUSE REQUEST REJECT CONSULT SUPPORT AGREE APPEAL DISAPPROVE "
                   "THREATEN COOPERATE".split())
# Acts done to a place, whose object may be where they happened ('bombed Serbia'), unlike
# 'sanctioned Iran' or 'sent aid to X'.
_MATERIAL = frozenset("ASSAULT COERCE MOBILIZE RETREAT".split())
# Dependencies through which a clause's own participant leads to its verb ('Clashes
# erupted in X': the place of 'erupted' is the place of 'clashes').
_CLAUSE_DEPS = frozenset("nsubj nsubjpass dobj conj xcomp advcl attr".split())
_LOCATIVE_COMPOUND = frozenset({"compound", "nmod", "amod", "npadvmod"})
_SETTING_PREPS = EN.words("setting_preps")  # not 'towards X': where they went
_INSIDE_PREPS = frozenset("in at inside within".split())
_DIRECTIONS = EN.words("directions")
_BATTLE_NOUNS = frozenset("fight fighting battle struggle".split())
_CONTRAST_MARKS = frozenset("while whereas although though whilst".split())
# What a protest or a statement is about, not where it happened.
_TOPIC_PREPS = frozenset("against over about regarding concerning".split())
# Nouns after a name that make it a region ('the Hama province', 'Borno state').
REGION_NOUNS = EN.words("region_nouns")
_TOP_REGION_NOUNS = frozenset("province governorate state region oblast".split())
# Nouns that make the name beside them a place ('the town of X', 'X city').
SETTLEMENT_NOUNS = EN.words("settlement_nouns")
# Parts of a settlement or region: 'the Shaab neighborhood of Baghdad' is in Baghdad.
PART_NOUNS = EN.words("part_nouns")
PLACE_NOUNS = SETTLEMENT_NOUNS | PART_NOUNS | EN.words("other_place_nouns")
# Nouns naming a site after the place it is at ('Utah Beach', 'the Deir Ezzor Airport').
_SITE_NOUNS = PLACE_NOUNS | EN.words("site_nouns")
# Entity labels of names ('West' of 'the West Bank' is no direction).
_NAME_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"})
# Nouns naming a site after the place it is at ('Utah Beach', 'the Deir Ezzor Airport').
_SITE_NOUNS = PLACE_NOUNS | EN.words("site_nouns")
# Entity labels of names that are seldom places when nothing else marks them as such.
_THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_PREPS = EN.words("toponym_locative_preps")


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


_LIST_JOINS = frozenset({",", "and", "or"})


def enumerations(doc: Any, mentions: list[Mention]) -> list[list[int]]:
    """Runs of mentions written as one list ('Arizona, Ohio and Utah'): indexes of
    names with only commas and 'and'/'or' between them."""
    groups: list[list[int]] = []
    for i, m in enumerate(mentions):
        prev = mentions[i - 1] if i else None
        between = [t.lower_ for t in doc[prev.end:m.start]] if prev is not None else []
        if prev is not None and not m.demonym and not prev.demonym and \
                0 < len(between) <= 2 and set(between) <= _LIST_JOINS:
            groups[-1].append(i)
        else:
            groups.append([i])
    return [g for g in groups if len(g) > 1]


def is_region(place: Place) -> bool:
    code = place.feature_code or ""
    return code in COUNTRY_CODES or code in ("CONT", "RGN") or code.startswith("ADM")


class PlaceStage:
    def __init__(self, resources: Any, gazetteer: str | None = None) -> None:
        self.resources = resources
        # the index file ("": the default one); None: the one the resources' config names
        self.gazetteer_path = gazetteer
        self._recognizer: Recognizer | None = None
        self._admin: dict[tuple[str, float, float, str | None], Place | None] = {}

    def with_admin(self, place: Place | None) -> Place | None:
        """`admin_of`, remembered per point for the run."""
        if place is None or place.admin1 is not None:
            return place
        key = (place.name, place.lat, place.lon, place.country)
        if key not in self._admin:
            self._admin[key] = admin_of(place, self.gazetteer)
        return self._admin[key] or place

    @property
    def gazetteer(self) -> Any:
        if self.gazetteer_path is None:
            return self.resources.gazetteer
        return self.resources.gazetteer_at(self.gazetteer_path)

    @property
    def recognizer(self) -> Recognizer:
        if self._recognizer is None:
            self._recognizer = Recognizer(self.gazetteer)
        return self._recognizer

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        if doc is None:
            return article
        actors = ActorSpans(article.mentions)
        mentions = [m for m in self.recognizer.mentions(doc) if not inside_actor_name(m, actors)]
        resolved = place_by_surroundings(doc, resolve(
            mentions, focus=article.country_focus, qualifiers=qualifiers(doc, mentions),
            lists=enumerations(doc, mentions)))
        resolved = [replace(r, place=self.with_admin(r.place)) for r in resolved]
        starts = _sentence_starts(doc)
        article.toponyms = [_toponym(doc, r.mention, r.place, r.score, r.reason, starts)
                            for r in resolved]
        filed = dateline_tokens(doc)  # where the report was filed, not where events were
        named = [(r.mention, r.place) for r in resolved
                 if r.place is not None and not r.mention.demonym]
        spans = [s for s in named if s[0].start not in filed]
        backdrop = [s for s in spans if not _incidental(doc, s[0])]
        backdrop += _filed_where_told(named, spans, filed)
        settings = [s for s in spans if not acts(doc, s[0], actors)]
        for event in article.events:
            event.location = locate(doc, event, spans, backdrop, settings)
        return article


def _filed_where_told(named: list[tuple[Mention, Place]], spans: list[tuple[Mention, Place]],
                      filed: set[int]) -> list[tuple[Mention, Place]]:
    """The dateline's place, when the text names it again: it then counts among the
    places the text keeps naming ('KIDAL, Mali - ... seized Kidal ... out of the town')."""
    told = {p.geonames_id for _, p in spans}
    return [s for s in named if s[0].start in filed and s[1].geonames_id in told]


class ActorSpans:
    """The token spans of the actor mentions, looked up by token (cost: the mentions at
    that token, not all of the article's)."""

    def __init__(self, mentions: Iterable[Any]) -> None:
        self.at: dict[int, list[tuple[int, int]]] = {}
        for a in mentions:
            for i in range(a.token_start, a.token_end):
                self.at.setdefault(i, []).append((a.token_start, a.token_end))

    def covering(self, i: int) -> list[tuple[int, int]]:
        return self.at.get(i, [])


def inside_actor_name(m: Mention, actors: ActorSpans) -> bool:
    """Part of a longer actor mention ('Rapid' of 'Rapid Support Forces'): no toponym.
    A demonym keeps telling the article's country ('Sudanese army')."""
    return not m.demonym and any(start <= m.start and m.end <= end and
                                 (start, end) != (m.start, m.end)
                                 for start, end in actors.covering(m.start))


def acts(doc: Any, m: Mention, actors: ActorSpans) -> bool:
    """A place name standing for its government or people ('Moscow started a campaign',
    'Russia's losses'): an actor mention, or the active subject or possessor of a clause."""
    root = doc[m.start:m.end].root
    if root.dep_ == "nsubjpass":
        return False  # 'Damascus was shelled': what undergoes the action
    if any(actors.covering(i) for i in range(m.start, m.end)):
        return True
    if root.dep_ == "poss":
        return not _possessed_place(root.head)
    return bool(root.dep_ in ("nsubj", "case") or
                root.dep_ == "compound" and root.head.dep_ == "nsubj")


def _possessed_place(noun: Any) -> bool:
    """'in Abuja's conference centre', "Lebanon's border": the possessor is a setting."""
    return bool(noun.lower_ in PLACE_NOUNS or noun.lemma_.lower() in PLACE_NOUNS or
                noun.dep_ == "pobj" and noun.head.lower_ in _SETTING_PREPS)


def _toponym(doc: Any, m: Mention, place: Place | None, score: float, reason: str,
             starts: list[int]) -> Toponym:
    span = doc[m.start:m.end]
    sent = bisect.bisect_right(starts, m.start) - 1
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


def locate(doc: Any, event: CodedEvent, spans: list[tuple[Mention, Place]],
           backdrop: list[tuple[Mention, Place]],
           settings: list[tuple[Mention, Place]] | None = None) -> Location | None:
    """The location of one event (see the module docstring for the order); `backdrop`
    holds the article's places that may be its main place, `settings` the places that
    do not stand for a government or people (default: `spans`)."""
    trigger = event.trigger_token
    in_sent = _same_sentence(doc, trigger, spans if settings is None else settings)
    topical = event.plover in VERBAL or event.plover == "PROTEST"
    own = _own_place(doc, event, spans, in_sent, topical)
    if own is not None:
        return own
    if event.plover in VERBAL:
        return None  # said somewhere unknown: no place rather than a wrong one
    nearest = _nearest(doc, trigger, in_sent, topical) if in_sent else None
    if nearest is not None:
        precision = _precision(doc, trigger, nearest)
        exact = _argument_of(doc, nearest[0], trigger)  # 'Moscow was shelled'
        return to_location(nearest[1], precision if exact else max(2, precision))
    town = _anaphoric_town(doc, event, backdrop) if not in_sent else None
    if town is not None:
        return to_location(town, 1)  # 'retook the town': the town named last
    main = main_place(_elsewhere(doc, trigger, backdrop))
    return to_location(main, 2) if main is not None else None


TOWN_NOUNS = frozenset(("town", "city", "village"))


def _anaphoric_town(doc: Any, event: CodedEvent, backdrop: list[tuple[Mention, Place]]
                    ) -> Place | None:
    """'pushed the rebels out of the town', 'retook the city': a definite town noun in the
    act's own phrase points back to the town the text keeps naming, else the last one."""
    acts = [doc[i] for i in {event.trigger_token, *event.act_tokens} if 0 <= i < len(doc)]
    words = [t for a in acts for c in a.children if c.dep_ in ("dobj", "prep")
             for t in ([c] if c.dep_ == "dobj" else [g for g in c.children
                                                      if g.dep_ == "pobj"])]
    if not any(t.lower_ in TOWN_NOUNS and definite(t) and not _named_after(t)
               for t in words):
        return None
    before = [(m, p) for m, p in backdrop if m.end <= event.trigger_token and
              not is_region(p) and not m.demonym]
    if not before:
        return None
    main = main_place(before)  # the town the text keeps coming back to, if named twice
    if main is not None and sum(p.geonames_id == main.geonames_id for _, p in before) > 1:
        return main
    return max(before, key=lambda s: s[0].start)[1]



def _named_after(tok: Any) -> bool:
    """'the town of X', 'the city X': the name is given, not pointed back to."""
    return any(c.dep_ in ("prep", "appos", "compound") for c in tok.children)


def _own_place(doc: Any, event: CodedEvent, spans: list[tuple[Mention, Place]],
               in_sent: list[tuple[Mention, Place]], topical: bool) -> Location | None:
    """The place the action names or one attached to it, the finer first."""
    trigger = event.trigger_token
    named = _named_by_action(doc, event, spans, in_sent)
    if named is not None and (_stray(named, in_sent) or
                              topical and _under_topic(doc, named[0], trigger)):
        named = None  # 'Granda was captured in Caracas'; 'protested against the siege of X'
    acts = _act_words(doc, event)
    attached = _attached_in_clause(doc, acts, in_sent, topical) if in_sent else None
    best = _finer_of(doc, named, attached, acts)
    if best is None:
        return None
    if best is attached and best is not named and _distance_from(doc, best[0]):
        town = _nearest(doc, trigger, [s for s in in_sent if not _distance_from(doc, s[0])],
                        topical)  # 'near X, 50 km west of Y': X
        if town is not None:
            return to_location(town[1], max(2, _precision(doc, trigger, town)))
    if best is named and _maybe_person(doc, best[0]) or _broad(doc, *best):
        town = _town_nearby(doc, trigger, in_sent, topical, best)
        if town is not None and town[0] is not best[0]:  # 'Omar was captured in X'
            return to_location(town[1], max(2, _precision(doc, trigger, town)))
    return to_location(best[1], _precision(doc, trigger, best))


def _same_sentence(doc: Any, trigger: int, spans: list[tuple[Mention, Place]]
                   ) -> list[tuple[Mention, Place]]:
    if not 0 <= trigger < len(doc):
        return []
    sent = doc[trigger].sent
    return [s for s in spans if sent.start <= s[0].start < sent.end]


def _named_by_action(doc: Any, event: CodedEvent, spans: list[tuple[Mention, Place]],
                     in_sent: list[tuple[Mention, Place]]) -> tuple[Mention, Place] | None:
    """The place the action names ('retook Palmyra'), or the finer place it is written
    with ('seized the West Bank city of Nablus')."""
    own = _same_sentence(doc, event.trigger_token, spans)
    if event.place_token < 0:
        acts = _act_words(doc, event)
        hit = _object_place(doc, acts, own) or _object_noun_place(doc, acts, own) \
            if event.plover in _MATERIAL else None
    else:
        hit = _covering(spans, event.place_token) or \
            _named_within(doc, doc[event.place_token], own)
    if hit is None or not _named_as_place(doc, hit[0]):
        return None
    return _finer(doc, hit, in_sent)


def _object_place(doc: Any, acts: list[int], spans: list[tuple[Mention, Place]]
                  ) -> tuple[Mention, Place] | None:
    """A place the act takes as its object though the action did not name it ('NATO
    bombed Serbia', 'troops patrolled Harare'); never a name the tagger calls a person."""
    for span in spans:
        dep, head = _role(doc[span[0].start:span[0].end].root)
        if dep in ("dobj", "nsubjpass") and head.i in acts and span[0].label != "PERSON":
            return span
    return None


def _object_noun_place(doc: Any, acts: list[int], spans: list[tuple[Mention, Place]]
                       ) -> tuple[Mention, Place] | None:
    """The place a settlement noun the act takes is written with ('the cities of X and Y
    are being targeted', 'shelled the villages of X')."""
    for i in acts:
        for noun in doc[i].children:
            if noun.dep_ in ("dobj", "nsubjpass") and \
                    noun.lemma_.lower() in SETTLEMENT_NOUNS | PART_NOUNS:
                hit = _named_within(doc, noun, spans)
                if hit is not None:
                    return hit
    return None


def _role(root: Any) -> tuple[str, Any]:
    """A name's dependency and head, read past a date the parser hung it on ('patrolled
    Harare Saturday': Harare is the object, not part of the date)."""
    head = root.head
    if root.dep_ == "compound" and head.ent_type_ in ("DATE", "TIME") and \
            head.dep_ == "npadvmod" and root.ent_type_ not in ("DATE", "TIME"):
        return "dobj", head.head
    return root.dep_, head


def _named_within(doc: Any, noun: Any, spans: list[tuple[Mention, Place]]
                  ) -> tuple[Mention, Place] | None:
    """The place a common noun the action takes is written with ('captured key
    strongholds, including X', 'seized the villages of X and Y', "X's towns were
    destroyed"), or a name it is listed with: the first one."""
    word = noun.lemma_.lower()
    if noun.pos_ != "NOUN" and word not in _SITE_NOUNS:
        # 'captured Abu Zubaydah', not 'captured Utah Beach'; 'X and Y were shelled'
        return _listed_with(doc, noun, spans) if noun.pos_ == "PROPN" else None
    of = word in SETTLEMENT_NOUNS | PART_NOUNS  # not 'the house of X'
    deps = ("pobj", "appos", "conj", "compound", "prep", "nmod") + (("poss",) if of else ())
    for span in spans:
        tok = doc[span[0].start:span[0].end].root
        for _ in range(4):
            if tok.dep_ not in deps or \
                    tok.dep_ == "prep" and tok.lower_ != "including" and not (
                        of and tok.lower_ == "of"):
                break
            tok = tok.head
            if tok.i == noun.i:
                return span
    return None


def _listed_with(doc: Any, name: Any, spans: list[tuple[Mention, Place]]
                 ) -> tuple[Mention, Place] | None:
    """A known place written in one list with a name the gazetteer does not know ('the
    cities of X and Y are being targeted'): the first such place."""
    for span in spans:
        root = doc[span[0].start:span[0].end].root
        if root.dep_ == "conj" and root.head.i == name.i or \
                name.dep_ == "conj" and name.head.i == root.i:
            return span
    return None


def _finer(doc: Any, span: tuple[Mention, Place], spans: list[tuple[Mention, Place]]
           ) -> tuple[Mention, Place]:
    """'the West Bank city of Nablus', 'a Brooklyn neighborhood, Canarsie': the named part
    rather than the name that only qualifies it."""
    root = doc[span[0].start:span[0].end].root
    head = root.head
    if root.dep_ not in ("compound", "poss", "nmod", "amod") or head.lower_ not in PLACE_NOUNS:
        return span
    for other in spans:
        if _names_same_place(doc[other[0].start:other[0].end].root, root, head) and \
                _level(other[1]) >= _level(span[1]):  # not 'X province, northeast Syria'
            return other
    return span


def _level(place: Place) -> int:
    """How fine a place is: 0 a country or wider, 1-4 an administrative level, 5 a town."""
    code = place.feature_code or ""
    if code in COUNTRY_CODES or code in ("CONT", "RGN"):
        return 0
    if code.startswith("ADM") and code[3:4].isdigit():
        return int(code[3])
    return 5


def _names_same_place(r: Any, root: Any, head: Any) -> bool:
    """`r` names the place `head` is ('a Brooklyn neighborhood, Canarsie', 'the West Bank
    city of Nablus', "Yala's Betong district")."""
    if r.dep_ == "appos":  # but 'Lalibela town (Amhara)': where the town is
        return bool(r.head.i == head.i) and not _bracketed(r)
    if r.dep_ == "pobj" and r.head.lower_ == "of":
        return bool(r.head.head.i == head.i and head.lower_ in SETTLEMENT_NOUNS | PART_NOUNS)
    return bool(root.dep_ == "poss" and r.dep_ == "compound" and r.head.i == head.i)


def _bracketed(tok: Any) -> bool:
    """A name in brackets after a place ('Lalibela town (Amhara)', 'in X (X, North
    Wollo, Amhara)'): where that place is."""
    doc = tok.doc
    for i in range(tok.i - 1, max(tok.sent.start, tok.i - 10) - 1, -1):
        if doc[i].text in (")", "]"):
            return False
        if doc[i].text in ("(", "["):
            before = doc[i - 1] if i > tok.sent.start else None
            return before is not None and (before.pos_ == "PROPN" or
                                           before.lower_ in PLACE_NOUNS)
    return False


def _finer_of(doc: Any, named: tuple[Mention, Place] | None,
              attached: tuple[Mention, Place] | None, acts: list[int]
              ) -> tuple[Mention, Place] | None:
    """The named place, unless it is only a region, a frame opening the sentence or maybe
    a person and a town is attached ('In Dagestan, police shot two men in the town of
    Buinaksk', 'Omar was captured in Kandahar')."""
    if named is None or attached is None:
        return named or attached
    trigger = acts[0]
    if _coarse(doc, named, trigger) and not _coarse(doc, attached, trigger) and (
            _regional(doc, *named) or not _near_words(doc, attached[0], trigger)) and \
            (attached[1].country == named[1].country or not _regional(doc, *named)) and \
            _path_to_any(doc, attached[0].end - 1, dict.fromkeys(acts, 0)) is not None:
        return attached  # but a frame town beats 'north of Y'; a region does not
    return named


def _coarse(doc: Any, span: tuple[Mention, Place], trigger: int) -> bool:
    return _regional(doc, span[0], span[1]) or _fronted(doc, span[0], trigger) or \
        _maybe_person(doc, span[0])


def _named_as_place(doc: Any, m: Mention) -> bool:
    """The name an action takes is a place unless the tagger does not call it one and it
    is what undergoes the action ('Montesinos was captured') or the tagger calls it a
    thing that qualifies another ('shot down an Apache helicopter')."""
    root = doc[m.start:m.end].root
    if _marked_as_place(doc, m) or m.label in _PLACE_LABELS or \
            m.label == "NORP" and not m.demonym:
        return True  # 'Kisangani (NORP) was captured': a people would be a demonym
    return root.dep_ != "nsubjpass" and not (m.label in _THING_LABELS and
                                            root.dep_ == "compound")


def _maybe_person(doc: Any, m: Mention) -> bool:
    """'Omar was captured in X', 'walked into the Rio Rosas bar in X': a name the tagger
    calls a person or a thing, or that names a thing, not marked as a place."""
    if _marked_as_place(doc, m):
        return False
    root = doc[m.start:m.end].root
    return m.label in ("PERSON", *_THING_LABELS) or (
        m.label not in _PLACE_LABELS and root.dep_ in ("compound", "poss"))


def _marked_as_place(doc: Any, m: Mention) -> bool:
    """Written as a place: the object of a preposition, with a place noun, or after words
    that make it one ('the town of X', 'north of X')."""
    root = doc[m.start:m.end].root
    return bool(root.dep_ == "pobj" or root.head.lower_ in PLACE_NOUNS or any(
        c.dep_ == "appos" and c.lower_ in PLACE_NOUNS for c in root.children)) or \
        placed_by_context(doc, m.start)


def _elsewhere(doc: Any, trigger: int, spans: list[tuple[Mention, Place]]
               ) -> list[tuple[Mention, Place]]:
    """Places outside the trigger's sentence: those inside it had their chance above."""
    if not 0 <= trigger < len(doc):
        return spans
    sent = doc[trigger].sent
    return [s for s in spans if not sent.start <= s[0].start < sent.end]


def _act_words(doc: Any, event: CodedEvent) -> list[int]:
    """The trigger, then the other words of the act in its sentence (a 'killed' merged
    into the clashes it reports, the 'launched' of 'launched an assault')."""
    trigger = event.trigger_token
    if not 0 <= trigger < len(doc):
        return [trigger]
    sent = doc[trigger].sent
    return [trigger] + [t for t in event.act_tokens
                        if t != trigger and sent.start <= t < sent.end]


def _attached_in_clause(doc: Any, acts: list[int], spans: list[tuple[Mention, Place]],
                        topical: bool = False) -> tuple[Mention, Place] | None:
    """The place attached to the trigger or another word of the act, to a verb
    coordinated with it ('shot and killed two men in X'), else to the verb of the clause
    it is a participant of ('Clashes erupted in X', 'went on to attack ... in X'); the
    most specific first."""
    trigger = acts[0]
    anchors = _anchors(doc, trigger)
    for word in acts[1:]:  # a merged word's place is the act's too, one step behind
        for tok, step in _anchors(doc, word).items():
            anchors[tok] = min(anchors.get(tok, step + 1), step + 1)
    best: tuple[int, tuple[Mention, Place]] | None = None
    for span in spans:
        rank = _attachment_rank(doc, span, anchors, trigger, topical)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, span)
    return best[1] if best else None


def _anchors(doc: Any, trigger: int) -> dict[int, int]:
    """Tokens whose attached places are the event's own -> a rank penalty: the trigger,
    verbs coordinated with it that share its subject, and the verb of its clause."""
    tok = doc[trigger]
    out = {trigger: 0}
    for c in _shared_conjuncts(tok) + _participles(tok):
        out.setdefault(c.i, 1)
    head = tok.head
    if tok.dep_ in _CLAUSE_DEPS and head.i != tok.i and head.pos_ in ("VERB", "AUX"):
        out.setdefault(head.i, 2)
        for c in _shared_conjuncts(head):
            out.setdefault(c.i, 3)
    return out


def _participles(tok: Any) -> list[Any]:
    """'detonated a bomb, killing two in X': a participle clause telling the outcome."""
    return [c for c in tok.children if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN") and
            not any(d.dep_ in ("nsubj", "nsubjpass", "mark") for d in c.children)]


def _shared_conjuncts(tok: Any) -> list[Any]:
    """Verbs coordinated with `tok` that have no subject of their own ('shot and killed')."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    group = [first] + [c for c in first.subtree if c.dep_ == "conj" and c.pos_ == "VERB"]
    return [c for c in group if c.i != tok.i and c.pos_ in ("VERB", "AUX") and
            (c is first or not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children))]


def _attachment_rank(doc: Any, span: tuple[Mention, Place], anchors: dict[int, int],
                     trigger: int, topical: bool) -> int | None:
    """How directly the place is attached to one of the anchors (lower is better), or None
    when it is not: reached through a preposition of place ('in X', 'south of the city of
    X'), as a locative compound ('the Mosul bombing') or as the possessor of a place
    ("Mosul's bridges were destroyed"), within the anchor's own clause,
    and not where a participant comes from or what a protest is about."""
    m, place = span
    path = _path_to_any(doc, m.end - 1, anchors)
    if path is None:
        return None
    anchor = path[-1].head.i if path else m.end - 1
    path_words = {t.lower_ for t in path}
    if not (path_words & LOCATIVE_PREPS or _locative_compound(doc, m, anchor) or
            any(_battle_for(t) for t in path) or
            path and path[0].dep_ == "poss" and _possessed_place(path[0].head)):
        return None
    if any(t.pos_ == "VERB" and not (_participant_participle(t) or _purpose(t))
           for t in path[1:]) or _origin_of_participant(path):
        return None  # another clause; where the actor is from
    if topical and path_words & _TOPIC_PREPS:
        return None  # what a protest or statement is about
    rank = anchors[anchor] + len(path)
    if _regional(doc, m, place):
        rank += 10  # a town named beside its region is the more precise place
    if _distance_from(doc, m):
        rank += 15  # '30 km north of X': a reference point, not the place
    if (place.feature_code or "") in COUNTRY_CODES:
        rank += 2  # and a region beside its country
    if path and path[0].dep_ in ("compound", "poss") and path[0].head.i != anchor and \
            path[0].head.lower_ not in PLACE_NOUNS:
        rank += 2  # 'the Rio Rosas bar in X': a name of a building, maybe not of a place
    if any(t.dep_ in ("nsubj", "nsubjpass") for t in path[1:]):
        rank += 12  # 'detainees at X were captured in Y': where the participant is
    if any(t.pos_ == "VERB" and _purpose(t) for t in path[1:]):
        rank += 3  # 'launched an offensive to capture X': what it was fought for
    if any(t.dep_ == "acl" for t in path[1:]):
        rank += 2  # 'recruits queueing outside the police station in X': where they were
    if any(t.lower_ == "of" and t.head.lower_ in _DIRECTIONS for t in path):
        rank += 3  # 'in Baraki, southeast of Algiers': a reference point
    if _bracketed(doc[m.start:m.end].root):
        rank += 10  # 'in Lalibela town (Amhara)': where the town is
    if _fronted(doc, m, trigger):
        rank += 3  # 'In X, ... in the village of Y': Y is the finer place
    return rank


def _participant_participle(tok: Any) -> bool:
    """'recruits queueing outside X', 'a man walking near X': what a participant of the
    act was doing, where the act found them."""
    return bool(tok.dep_ == "acl" and tok.tag_ == "VBG")


def _purpose(tok: Any) -> bool:
    """'an offensive to capture X': an infinitive of purpose with no subject of its own."""
    children = list(tok.children)
    return bool(tok.dep_ in ("acl", "advcl") and
                any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in children) and
                tok.head.lower_ != "for")


def _battle_for(tok: Any) -> bool:
    """'killed in the battle for X': the place fought over is where the fighting is."""
    return bool(tok.lower_ == "for" and tok.head.lemma_.lower() in _BATTLE_NOUNS)


def _path_to_any(doc: Any, token: int, anchors: dict[int, int]) -> list[Any] | None:
    """Tokens from `token` up the tree to the first anchor (None if none is an ancestor)."""
    path: list[Any] = []
    tok = doc[token]
    for _ in range(12):
        if tok.i in anchors:
            return path
        path.append(tok)
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _fronted(doc: Any, m: Mention, trigger: int) -> bool:
    """A place in a phrase opening the sentence ('In Dagestan, police shot ...')."""
    tok = doc[m.start:m.end].root
    for _ in range(8):
        if tok.dep_ == "prep" and tok.head.pos_ in ("VERB", "AUX"):
            return bool(tok.i < trigger and tok.i <= tok.sent.start + 1)
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _distance_from(doc: Any, m: Mention) -> bool:
    """'100 kilometers south of X', '30 km from X': a reference point, not the place."""
    window = doc[max(doc[m.start].sent.start, m.start - 5):m.start]
    return any(t.lower_ in DISTANCE_UNITS for t in window)


def _regional(doc: Any, m: Mention, place: Place) -> bool:
    """A region, or a name written as one ('in the Hama province', 'Borno state', "in
    Yala's Betong district", 'in Deraa countryside')."""
    root = doc[m.start:m.end].root
    after = doc[m.end].lower_ if m.end < len(doc) else ""
    of_noun = root.head.head.lower_ if root.dep_ == "pobj" and root.head.lower_ == "of" else ""
    return is_region(place) or after in _TOP_REGION_NOUNS or of_noun in _TOP_REGION_NOUNS \
        or _container(root) or countryside_of(doc, m)


def _container(root: Any) -> bool:
    """"Yala's Betong district", 'the Shaab neighborhood of Baghdad', 'the West Bank city
    of Nablus', 'a Brooklyn neighborhood, Canarsie': the name that contains the place
    named beside it."""
    head = root.head
    if root.dep_ == "poss":
        return bool(head.lower_ in PLACE_NOUNS)
    if root.dep_ == "pobj" and head.lower_ == "of":
        noun = head.head
        return bool(noun.lower_ in PART_NOUNS and _named(noun, "compound"))
    if root.dep_ in ("compound", "nmod") and head.lower_ in PLACE_NOUNS:
        return _named(head, "appos") or head.lower_ in SETTLEMENT_NOUNS and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
    return False


def _named(noun: Any, dep: str) -> bool:
    return any(c.dep_ == dep and c.pos_ == "PROPN" for c in noun.children)


def _covering(spans: list[tuple[Mention, Place]], token: int
              ) -> tuple[Mention, Place] | None:
    for m, p in spans:
        if m.start <= token < m.end:
            return m, p
    return None


def _origin_of_participant(path: list[Any]) -> bool:
    """'refugees from southern Sudan demonstrated', 'members of the party in Peru
    protested': where the actor comes from or belongs, not where the event was ('of' in
    'the city of X' names the place itself)."""
    subject = next((i for i, t in enumerate(path) if t.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(
        t.lower_ == "from" or t.lower_ == "of" and t.head.lower_ not in PLACE_NOUNS
        for t in path[:subject])


def _setting(doc: Any, m: Mention) -> bool:
    """A place written as a setting ('in X', 'near the town of X', 'in the X camp'), not
    as where someone is from ('a driver from X', 'X fans', "X's newspaper")."""
    span = doc[m.start:m.end]
    if span[0].ent_type_ == "NORP" or _inside_longer_name(span):
        return False
    root = _named_place_phrase(span.root)
    return root.dep_ == "pobj" and root.head.lower_ in _SETTING_PREPS or \
        root.lower_ in NEAR_WORDS and root.dep_ in ("advmod", "npadvmod")  # 'drove north of X'


def _named_place_phrase(tok: Any) -> Any:
    """The head of 'the town of X', 'north of X', 'the X refugee camp', 'north of the
    city of X', 'the capital, X' for X, else X."""
    for _ in range(3):
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ == "of" and (
                head.head.lower_ in PLACE_NOUNS or head.head.lower_ in NEAR_WORDS):
            tok = head.head
        elif tok.dep_ in ("compound", "appos") and head.lower_ in PLACE_NOUNS:
            tok = head  # 'the X refugee camp', 'in the commercial capital, X'
        else:
            break
    return tok


def _argument_of(doc: Any, m: Mention, trigger: int) -> bool:
    root = doc[m.start:m.end].root
    return bool(root.head.i == trigger and root.dep_ in ("dobj", "nsubjpass"))


def _governs(doc: Any, m: Mention, trigger: int) -> bool:
    """The place's head governs the trigger, or is what the trigger acts on ("Chechnya's
    towns were destroyed")."""
    head = doc[m.start:m.end].root.head
    return bool(head.i == trigger or head.is_ancestor(doc[trigger]) or
                head.head.i == trigger and head.dep_ in ("dobj", "nsubjpass"))


def _incidental(doc: Any, m: Mention) -> bool:
    """A place that only qualifies someone or something: where they are from ('a driver
    from X', 'members of X'), whose they are ("X's newspaper", 'X fans'), a people
    ('Syrian') or part of a longer name ('YPG Media Center')."""
    span = doc[m.start:m.end]
    root = span.root
    if span[0].ent_type_ == "NORP" and span.root.pos_ != "PROPN" or \
            _inside_longer_name(span):
        return True  # a people ('Syrian'), not a town the tagger took for one ('Kidal')
    if root.dep_ == "poss" and _possessed_place(root.head):
        return False  # "Chechnya's towns were destroyed"
    if root.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod", "case"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in ("from", "of")


def _inside_longer_name(span: Any) -> bool:
    """'Media' of 'YPG Media Center', 'Pan' of 'Pan Am'."""
    ent = entity_at(span.doc, span.start)
    return ent is not None and ent[2] in ("ORG", "PERSON", "FAC") and span.end <= ent[1] \
        and ent[1] - ent[0] > len(span)


def _locative_compound(doc: Any, m: Mention, trigger: int) -> bool:
    """'the Gaza airstrike', 'a Baghdad bombing': the place modifies the event noun."""
    root = doc[m.start:m.end].root
    return root.head.i == trigger and root.dep_ in _LOCATIVE_COMPOUND and \
        doc[trigger].pos_ in ("NOUN", "PROPN")


def _nearest(doc: Any, trigger: int, spans: list[tuple[Mention, Place]],
             topical: bool = False) -> tuple[Mention, Place] | None:
    """The closest place written as a setting ('in X'), else the closest one that is not
    incidental (see `_incidental`) and belongs to a clause above the trigger ('captured X
    after the army withdrew'); never one in a clause of its own ('while diplomats met in
    Geneva'), and what a protest is about only when nothing else is left."""
    spans = [s for s in spans if _in_governing_clause(doc, s[0], trigger) and
             _named_as_place(doc, s[0])]
    pool = [s for s in spans if _setting(doc, s[0])] or \
        [s for s in spans if not _incidental(doc, s[0]) and _governs(doc, s[0], trigger)]
    if not pool:
        return None
    return min(pool, key=lambda s: (topical and _under_topic(doc, s[0], trigger),
                                    _regional(doc, s[0], s[1]), abs(s[0].start - trigger)))


def _town_nearby(doc: Any, trigger: int, spans: list[tuple[Mention, Place]],
                 topical: bool, than: tuple[Mention, Place]) -> tuple[Mention, Place] | None:
    """A town in the sentence, finer than a province or country (in its country, in the
    trigger's clause or a non-finite one below it: 'across Iraq, gunmen shot a policeman
    walking near his home in Mosul') or than a name that may be a person's."""
    if _broad(doc, *than):
        spans = [s for s in spans if s[1].country == than[1].country and
                 _finite_clause_of(doc, s[0], trigger)]
    towns = [s for s in spans if not _regional(doc, *s)]
    return _nearest(doc, trigger, towns, topical)


def _broad(doc: Any, m: Mention, place: Place) -> bool:
    """A country, a first-level region, or a name written as a province."""
    code = place.feature_code or ""
    after = doc[m.end].lower_ if m.end < len(doc) else ""
    return code in COUNTRY_CODES or code in ("CONT", "RGN", "ADM1") or \
        after in _TOP_REGION_NOUNS


def _finite_clause_of(doc: Any, m: Mention, trigger: int) -> bool:
    """The place's clause is the trigger's, one above it, or a participle below it."""
    verb = _clause_verb(doc[m.start:m.end].root.head)
    return bool(verb.i == trigger or verb.is_ancestor(doc[trigger]) or
                verb.tag_ in ("VBG", "VBN") and doc[trigger].is_ancestor(verb))


def _stray(named: tuple[Mention, Place], spans: list[tuple[Mention, Place]]) -> bool:
    """A name the tagger calls something else than a place, resolved to a country no
    place in the sentence is in ('Granda was captured in Caracas' -> Granda, Liberia)."""
    others = [p for m, p in spans if m is not named[0] and m.label in ("GPE", "LOC")]
    return named[0].label not in ("", *_PLACE_LABELS) and bool(others) and \
        all(p.country != named[1].country for p in others)


def _under_topic(doc: Any, m: Mention, trigger: int) -> bool:
    """'protested against the bombing of the embassy in X'."""
    tok = doc[m.start:m.end].root
    for _ in range(12):
        if tok.lower_ in _TOPIC_PREPS:
            return True
        if tok.i == trigger or tok.pos_ == "VERB" or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _clause_verb(tok: Any) -> Any:
    """The verb of the clause `tok` is in (the root when there is none)."""
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _in_governing_clause(doc: Any, m: Mention, trigger: int) -> bool:
    """The place's clause is the trigger's, one above it, or coordinated with one, or one
    below it about the same participants ('shot as he stepped out of his car in X', 'troops
    who were operating in X'); not a clause beside it or about someone else ('bombed a
    hospital while diplomats met in Geneva'), where the event seldom was."""
    verb = _clause_verb(doc[m.start:m.end].root.head)
    tok = doc[trigger]
    related = [verb] + _shared_conjuncts(verb)
    return any(v.i == trigger or v.is_ancestor(tok) or
               tok.is_ancestor(v) and not _beside(v) for v in related)


def _beside(verb: Any) -> bool:
    """A clause about others set against the main one ('while diplomats met in X')."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")
               for c in verb.children) and any(
        c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in verb.children)


def _precision(doc: Any, trigger: int, span: tuple[Mention, Place]) -> int:
    m, place = span
    if is_region(place):
        return 3 if not _near_words(doc, m, trigger) else 2 if _subregion(place) else 3
    after = doc[m.end].lower_ if m.end < len(doc) else ""
    if after in REGION_NOUNS:  # 'Hama province' resolved to the town: only its region
        return 3 if after in _TOP_REGION_NOUNS else 2
    return 2 if _near_words(doc, m, trigger) else 1


def _subregion(place: Place) -> bool:
    return (place.feature_code or "").startswith("ADM2")


def _near_words(doc: Any, m: Mention, trigger: int) -> bool:
    """'near', 'south of', 'countryside of' ... just before the place name."""
    lo = max(doc[m.start].sent.start, m.start - 6)
    window = doc[lo:m.start]
    return any(t.lower_ in NEAR_WORDS and t.ent_type_ not in _NAME_LABELS and
               not any(u.lower_ in _INSIDE_PREPS for u in doc[t.i + 1:m.start])
               for t in window)  # not 'outside a police station in X'



def to_location(place: Place, precision: int) -> Location:
    if is_region(place):
        precision = max(precision, 3 if not _subregion(place) else 2)
    if isinstance(place, PlacedPlace):
        return replace(_location(place, max(precision, place.precision)),
                       reason=place.reason)
    return _location(place, precision)


def _location(place: Place, precision: int) -> Location:
    return Location(name=place.name, lat=place.lat, lon=place.lon, precision=precision,
                    geonames_id=place.geonames_id, country=place.country,
                    admin1=place.admin1, admin2=place.admin2, admin1_code=place.admin1_code,
                    admin2_code=place.admin2_code)


def admin_of(place: Place | None, gazetteer: Any) -> Place | None:
    """The place with its first-level region: its own, else that of the nearest town of
    its country that knows one (by reverse lookup of its point).  Countries and wider
    areas, and places put at a country's point, get none."""
    code = (place.feature_code or "") if place is not None else ""
    if place is None or place.admin1 is not None or place.country is None or \
            code in COUNTRY_CODES or code == "CONT" or isinstance(place, PlacedPlace):
        return place
    town = gazetteer.admin_at(place.lat, place.lon, place.country)
    if town is None:
        return place
    return replace(place, admin1=town.admin1, admin1_code=town.admin1_code)


def geoparse(articles: Iterable[Article], resources: Any) -> Iterator[Article]:
    """Parse articles and find their toponyms, without the event stages (geoparse CLI, eval)."""
    from .nlp import NlpStage

    places = PlaceStage(resources)
    for article in NlpStage(resources.nlp).pipe(articles):
        article.events = []
        yield places(article)


@stage("places", requires=["doc", "mentions", "country_focus", "events",
                          *event_fields("trigger_token", "act_tokens", "place_token", "plover")],
       assigns=["toponyms", "events.location"])
def make_places(*, resources: Any, gazetteer: str = "") -> PlaceStage:
    """Resolve place names and locate each event."""
    return PlaceStage(resources, gazetteer)
