"""Acts told as many, or as a practice kept up: not one act that ACLED would code.

"Boko Haram had mounted several raids", "numerous terrorist activities" (an act noun
counted vaguely); "trading fire near-daily" (a habit); "has carried out bomb attacks since
peace talks broke down", "have launched operations since Thursday", "has shelled the town
in recent weeks" (a present perfect kept up over a stretch); "marched across France",
"raids throughout the region" (acts spread over a country or many places).  Such a sentence tells a
trend; the single acts inside it, where the article tells them, are coded on their own.
"""

from __future__ import annotations

from typing import Any

from ..lang import EN
from ..model import CodedEvent
from .background import clause_verb

HABITUAL = EN.words("habitual_adverbs")
MANY = EN.words("many_acts")
STRETCHES = EN.words("stretch_nouns")
HAVE = EN.words("perfect_aux")  # "has", "have": the present perfect
LIGHT_VERBS = EN.words("light_verbs")  # "mounted several raids"
SPREAD = EN.words("spread_preps")  # "across France", "throughout the region"
WIDE_AREAS = EN.words("wide_areas")
SETTLEMENTS = EN.words("settlement_nouns")  # "several cities", "in villages around Beni"


def is_repeated(event: CodedEvent, doc: Any) -> bool:
    """Whether the sentence tells `event` as many acts or as a practice."""
    if doc is None or event.trigger_token < 0:
        return False
    token = doc[event.trigger_token]
    verb = clause_verb(token)
    # "has carried out several bomb attacks, killing eight": the killing is one of them
    return _repeated(token) or (verb.dep_ in ("advcl", "conj") and _repeated(verb.head))


def _repeated(token: Any) -> bool:
    verb = clause_verb(token)
    return _counted_vaguely(token) or _light_verb_of_many(token) or _many_places(token) or \
        _habitual(token, verb) or _kept_up(verb) or _spread(token) or _spread(verb) or \
        any(c.dep_ == "conj" and _spread(c) for c in verb.children)


def _many_places(token: Any) -> bool:
    """'handed over several cities', 'a rampage in villages around Beni': one act per
    place, and the sentence names none of them."""
    for c in token.children:
        place = c if c.dep_ == "dobj" else next(
            (o for o in c.children if o.dep_ == "pobj"), None) if c.dep_ == "prep" else None
        if place is not None and _unnamed_places(place):
            return True
    return False


def _unnamed_places(token: Any) -> bool:
    if token.tag_ != "NNS" or str(token.lemma_).lower() not in SETTLEMENTS:
        return False
    counts = [c for c in token.children if c.dep_ in ("det", "nummod", "poss", "amod")]
    return not counts or any(c.lower_ in MANY for c in counts)


def _spread(token: Any) -> bool:
    """'marched across France', 'attacks throughout the region', 'across three villages':
    acts over a whole country or many places (not 'fired across the border')."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in SPREAD:
            for area in prep.children:
                if area.dep_ == "pobj" and (area.ent_type_ in ("GPE", "LOC")
                                            or str(area.lemma_).lower() in WIDE_AREAS
                                            or area.tag_ == "NNS"):
                    return True
    return False


def _counted_vaguely(token: Any) -> bool:
    """'several raids', 'numerous attacks': a plural act noun with a vague count."""
    return token.tag_ in ("NNS", "NNPS") and any(
        c.dep_ in ("amod", "det", "nummod") and c.lower_ in MANY for c in token.children)


def _light_verb_of_many(token: Any) -> bool:
    """'mounted several raids', 'carried out numerous attacks' (trigger on the verb)."""
    return str(token.lemma_).lower() in LIGHT_VERBS and any(
        c.dep_ == "dobj" and _counted_vaguely(c) for c in token.children)


def _habitual(token: Any, verb: Any) -> bool:
    """'trading fire near-daily', 'regularly shelled': a habit adverb in the act's own
    clause (wherever the parser hung it)."""
    return any(t.pos_ == "ADV" and t.lower_ in HABITUAL and clause_verb(t).i == verb.i
               for t in verb.subtree)


def _kept_up(verb: Any) -> bool:
    """A present perfect over a stretch: 'has shelled it since May', 'have carried out
    attacks since talks broke down', 'has been fighting for weeks'."""
    if not any(c.dep_ == "aux" and c.lower_ in HAVE for c in verb.children):
        return False
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "since":
            return True
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since"
                                         for m in child.children):
            return True
        if child.dep_ == "prep" and child.lower_ in ("for", "in", "over") and any(
                o.dep_ == "pobj" and o.lower_ in STRETCHES for o in child.children):
            return True
    return False
