"""Mentions without a name: "regime forces", "gunmen", "civilians", and descriptions
("the militants", "its fighters") resolved to the nearest compatible named actor."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ..lang import EN
from ..nlp import sentence_starts
from . import lexicon
from .entries import SECTORS
from .resolve import PHRASE_SECTORS, Context, Resolved

QUANTITY_WORDS = EN.words("quantity_words")
CORE_CIVILIANS = lexicon.CIVILIAN_NOUNS - EN.words("civilian_nouns_not_core")
COUNTED_PEOPLE = EN.words("counted_people")  # "3 aid workers"
REBEL_MODIFIERS = EN.words("rebel_modifiers")
ARMED_OPPOSITION = EN.words("armed_opposition")
FIGHTER_NOUNS = EN.words("fighter_nouns")
BARE_REBELS = frozenset(("rebels", "insurgents", "guerrillas", "guerillas", "separatists"))
COREF_WINDOW = 5  # sentences


class GenericReader:
    """One pass over the tokens that no alias claimed."""

    def __init__(self, doc: Any, ctx: Context, named: list[Resolved], consumed: set[int]):
        self.doc, self.ctx, self.consumed = doc, ctx, consumed
        self.found = sorted(named, key=lambda r: r.start)
        self.sent_starts = [t for t, _ in sentence_starts(doc)]

    def read(self) -> list[Resolved]:
        out = []
        for t in self.doc:
            if t.i in self.consumed or t.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue
            if t.pos_ == "PRON":
                r = self._pronoun(t)
            else:
                titled = t.dep_ == "compound" and not _holding(t)
                r = self._title(t) if titled else self._token(t)
            if r is not None:
                out.append(r)
                self.found.append(r)
                self.found.sort(key=lambda x: x.start)
                self.consumed.update(range(r.start, r.end))
        return out

    def _token(self, t: Any) -> Resolved | None:
        if t.dep_ in ("compound", "amod", "npadvmod") and t.head.i > t.i and \
                not _holding(t):
            return None
        if t.i + 1 < len(self.doc) and self.doc[t.i + 1].text == "-":
            return None
        low = t.lower_
        if low in lexicon.TITLE_SECTORS:
            return self._titled(t, low)
        if t.ent_type_ in ("DATE", "TIME", "PERSON", "ORG", "GPE") or (
                t.pos_ == "PROPN" and not _starts_sentence(t)):
            return None
        if any(c.lower_ in ("other", "another") for c in t.lefts):
            return None
        for reader in (self._unidentified, self._opposition, self._armed_opposition,
                       self._coreference, self._state, self._people):
            r = reader(t, low)
            if r is not None:
                return r
        return None

    def _sent(self, i: int) -> int:
        return bisect_right(self.sent_starts, i) - 1

    def _left(self, t: Any) -> int:
        """First token of the noun phrase, without its determiner or possessive."""
        start: int = t.i
        for c in t.lefts:
            if c.dep_ in ("amod", "compound", "nmod", "npadvmod") and c.i not in self.consumed:
                start = min(start, c.left_edge.i)
        while start < t.i and (self.doc[start].dep_ in ("det", "poss", "predet")
                               or self.doc[start].is_punct or self.doc[start].i in self.consumed):
            start += 1
        return start

    def _unidentified(self, t: Any, low: str) -> Resolved | None:
        mods = {c.lower_ for c in t.lefts if c.dep_ in ("amod", "compound")}
        armed_men = low in ("men", "group", "groups", "individuals", "persons") and mods & {
            "armed", "unidentified", "masked", "unknown"}
        if not (armed_men or low in lexicon.UNIDENTIFIED_NOUNS or _device(t, low, mods)):
            return None
        if low in lexicon.UNIDENTIFIED_NOUNS and self._determiner(t):
            ante = self._antecedent(t, lexicon.COREF_NOUNS["militants"], COREF_WINDOW)
            if ante is not None:
                return self._coref(t, ante)
        where = self.ctx.place_country(t) or self.ctx.focus
        return Resolved(self._left(t), t.i + 1, self.ctx.kb.generic("unidentified", where),
                        f"generic:{where or '-'}")

    def _determiner(self, t: Any) -> Any | None:
        return next((c for c in t.lefts if c.dep_ in ("det", "poss")
                     and c.lower_ in lexicon.COREF_DETERMINERS), None)

    def _antecedent(self, t: Any, types: tuple[str, ...], window: int) -> Resolved | None:
        """The nearest earlier named actor of the most preferred compatible type."""
        here, verb = self._sent(t.i), _verb(t)
        for typ in types:
            for r in reversed(self.found):
                if r.start >= t.i or r.reason.startswith("generic"):
                    continue
                if here - self._sent(r.start) > window:
                    break
                ante_verb = _verb(self.doc[r.start:r.end].root)
                same_clause = self._sent(r.start) == here and verb is not None and \
                    ante_verb is not None and ante_verb.i == verb.i
                if r.actor.type == typ and not same_clause:
                    return r
        return None

    def _dominant(self, t: Any, types: tuple[str, ...]) -> Resolved | None:
        """The compatible named actor mentioned most often before `t` (at least twice)."""
        counts: dict[str, list[Resolved]] = {}
        for r in self.found:
            if r.start < t.i and r.actor.type in types and r.reason in ("alias", "leader"):
                counts.setdefault(r.actor.id, []).append(r)
        best = max(counts.values(), key=len, default=[])
        return best[-1] if len(best) >= 2 else None

    def _name(self, r: Resolved) -> str:
        """The text an antecedent stands for (the first named one of a chain)."""
        if r.reason.startswith("coreference:"):
            return r.reason.split(":", 1)[1]
        return str(self.doc[r.start:r.end].text)

    def _coref(self, t: Any, ante: Resolved) -> Resolved:
        text = self._name(ante)
        return Resolved(self._left(t), t.i + 1, ante.actor, f"coreference:{text}")

    def _coreference(self, t: Any, low: str) -> Resolved | None:
        types = lexicon.COREF_NOUNS.get(low)
        if types is None:
            return None
        named = self._of_group(t)
        if named is not None:  # "the jihadists of the EIGS"
            return Resolved(self._left(t), t.i + 1, named.actor,
                            f"coreference:{self._name(named)}")
        det = self._determiner(t)
        ante = self._antecedent(t, types, COREF_WINDOW if det is not None else 1)
        if ante is None and det is not None and det.lower_ == "the":
            ante = self._dominant(t, types)
        if ante is not None and (det is not None or low not in ("group", "organization",
                                                                  "organisation", "movement")):
            return self._coref(t, ante)
        return self._fallback(t, low, det)

    def _of_group(self, t: Any) -> Resolved | None:
        """A named group in the noun's own "of" phrase."""
        for prep in t.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for tok in (t for obj in prep.children for t in obj.subtree):
                    for r in self.found:
                        if r.start <= tok.i < r.end and r.reason == "alias":
                            return r
        return None

    def _fallback(self, t: Any, low: str, det: Any | None) -> Resolved | None:
        if det is not None and det.lower_ in ("its", "their"):
            return None
        if low in BARE_REBELS or low in ("rebel",):
            kind = "rebels"
        elif low in EN.sequence("unattributed_militants"):
            kind = "unidentified"
        else:
            return None
        return Resolved(self._left(t), t.i + 1, self.ctx.kb.generic(kind, self.ctx.focus),
                        f"generic:{self.ctx.focus or '-'}")

    def _state(self, t: Any, low: str) -> Resolved | None:
        if low not in lexicon.STATE_NOUNS:
            return None
        if _holding(t):  # "an army post": the army's, wherever the text is set
            return self._holder(t, low)
        sector = _sector(low)
        before = self.doc[t.i - 1].lower_ if t.i else ""
        phrase = PHRASE_SECTORS.get(f"{before} {low}")
        sector = phrase if phrase in SECTORS else sector
        poss = next((c for c in t.lefts if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ in ("its", "their"):
            return self._possessive(t, poss, sector)
        if poss is not None:
            return self._owned(t, poss, sector)
        prefix = self.doc[max(t.left_edge.i, t.i - 4):t.i].text.lower()
        mods = {c.lower_ for c in t.lefts if c.dep_ in ("amod", "compound", "nmod")}
        if mods & REBEL_MODIFIERS or "anti-" in prefix:
            return Resolved(self._left(t), t.i + 1, self.ctx.kb.generic("rebels", self.ctx.focus),
                            f"generic:{self.ctx.focus or '-'}")
        if low in ("officer", "officers") and phrase is None:
            return None  # "officers said": only "police officers", "army officers" say whose
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in t.lefts)
        definite = definite or phrase in SECTORS  # "a police officer"
        statey = bool(mods & lexicon.STATE_MODIFIERS) or any(
            w in prefix for w in ("pro-government", "pro-regime", "pro-assad", "loyalist"))
        if not (statey or definite or low in lexicon.BARE_STATE_NOUNS):
            return None
        owner = self._subject_country(t)
        country = owner or self.ctx.sentence_country(t) or self.ctx.focus
        if country is None:
            return None
        actor = self.ctx.kb.state_actor(country, sector, date=self.ctx.date)
        return Resolved(self._left(t), t.i + 1, actor,
                        f"subject:{country}" if owner else f"generic:{country}")

    def _holder(self, t: Any, low: str) -> Resolved | None:
        country = self.ctx.place_country(t.head) or self.ctx.sentence_country(t) or \
            self.ctx.focus
        if country is None:
            return None
        actor = self.ctx.kb.state_actor(country, _sector(low), date=self.ctx.date)
        return Resolved(t.i, t.i + 1, actor, f"generic:{country}")

    def _subject_country(self, t: Any) -> str | None:
        """"Russia sent troops": the troops are those of the subject's country."""
        if t.dep_ != "dobj":
            return None
        subj = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        for r in self.found:
            if r.start <= subj.i < r.end and r.actor.sector in SECTORS:
                return r.actor.country
        return None

    def _owned(self, t: Any, poss: Any, sector: str) -> Resolved | None:
        """"Assad's army", "Moscow's forces": the organ of the possessor's state."""
        owner = next((r for r in self.found if r.start <= poss.i < r.end), None)
        if owner is None or owner.actor.sector not in SECTORS or not owner.actor.country:
            return None
        actor = self.ctx.kb.state_actor(owner.actor.country, sector, date=self.ctx.date)
        text = self.doc[owner.start:owner.end].text
        return Resolved(self._left(t), t.i + 1, actor, f"possessor:{text}")

    def _possessive(self, t: Any, poss: Any, sector: str) -> Resolved | None:
        near = [r for r in self.found
                if r.start < t.i and self._sent(t.i) - self._sent(r.start) <= 2]
        subjects = [r for r in near if self.doc[r.start:r.end].root.dep_ in ("nsubj", "nsubjpass")]
        others = [r for r in near if r not in subjects]
        for r in [*reversed(subjects), *reversed(others)]:
            text = self._name(r)
            if r.actor.sector in SECTORS and r.actor.country:
                actor = self.ctx.kb.state_actor(r.actor.country, sector, date=self.ctx.date)
                return Resolved(self._left(t), t.i + 1, actor, f"coreference:{text}")
            if r.actor.type in lexicon.COREF_NOUNS["militants"]:
                return Resolved(self._left(t), t.i + 1, r.actor, f"coreference:{text}")
            if r.actor.country and sector == "MIL":
                return Resolved(self._left(t), t.i + 1,
                                self.ctx.kb.generic("rebels", r.actor.country),
                                f"coreference:{text}")
        return None

    def _pronoun(self, t: Any) -> Resolved | None:
        """A subject pronoun ("he", "it", "they") standing for the subject of the same or
        the previous sentence: "Bouteflika said he was ready"."""
        low = t.lower_
        if low not in PRONOUN_TYPES or t.dep_ not in ("nsubj", "nsubjpass"):
            return None
        here = self._sent(t.i)
        for r in reversed(self.found):
            if r.start >= t.i or here - self._sent(r.start) > 1:
                continue
            root = self.doc[r.start:r.end].root
            if root.dep_ in ("nsubj", "nsubjpass") and _agrees(low, r, root):
                return Resolved(t.i, t.i + 1, r.actor, f"coreference:{self._name(r)}")
        return None

    def _people(self, t: Any, low: str) -> Resolved | None:
        kind = ("protesters" if low in lexicon.PROTESTER_NOUNS else
                "rioters" if low in lexicon.RIOTER_NOUNS else
                "civilians" if low in CORE_CIVILIANS or (low in COUNTED_PEOPLE
                                                         and _counted(t)) else None)
        if kind is None:
            return None
        where = self.ctx.place_country(t) or self.ctx.focus
        actor = lexicon.with_people_sector(self.ctx.kb.generic(kind, where), t)
        return Resolved(self._left(t), t.i + 1, actor, f"generic:{where or '-'}")

    def _title(self, t: Any) -> Resolved | None:
        """"President X" with no country word: the government of the country in focus."""
        head = t.head
        sector = lexicon.TITLE_SECTORS.get(t.lower_)
        if sector is None or head.pos_ != "PROPN" or head.i in self.consumed \
                or not self.ctx.focus or head.i < t.i or _former(t):
            return None
        start = min(t.i, *(c.i for c in head.lefts if c.dep_ == "compound"))
        actor = self.ctx.kb.state_actor(self.ctx.focus, sector, date=self.ctx.date)
        return Resolved(start, head.i + 1, actor, f"title:{self.ctx.focus}")

    def _titled(self, t: Any, low: str) -> Resolved | None:
        """"The Federal Minister for Interior Aftab Sherpao": a title with a name in apposition."""
        sector = lexicon.TITLE_SECTORS.get(low)
        if sector is None or not self.ctx.focus or _former(t) or not any(
                c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in t.children):
            return None
        end = max([t.i] + [c.i for c in t.rights if c.dep_ == "appos"])
        actor = self.ctx.kb.state_actor(self.ctx.focus, sector, date=self.ctx.date)
        return Resolved(self._left(t), end + 1, actor, f"title:{self.ctx.focus}")

    def _armed_opposition(self, t: Any, low: str) -> Resolved | None:
        """"opposition fighters", "rebel forces", "insurgent militias": the country's rebels."""
        mods = {c.lower_ for c in t.lefts if c.dep_ in ("amod", "compound", "nmod")}
        if low not in FIGHTER_NOUNS or not mods & ARMED_OPPOSITION:
            return None
        where = self.ctx.place_country(t) or self.ctx.focus
        return Resolved(self._left(t), t.i + 1, self.ctx.kb.generic("rebels", where),
                        f"generic:{where or '-'}")

    def _opposition(self, t: Any, low: str) -> Resolved | None:
        """"opposition parties", "opposition groups in Zimbabwe"."""
        if low not in lexicon.OPPOSITION_HEADS or not any(
                c.lower_ == "opposition" for c in t.lefts):
            return None
        where = self.ctx.place_country(t) or self.ctx.focus
        return Resolved(self._left(t), t.i + 1, self.ctx.kb.generic("opposition", where),
                        f"generic:{where or '-'}")


PRONOUN_TYPES = frozenset(("he", "she", "it", "they"))
PERSON_REASONS = ("leader", "title:")


# What a force holds or moves in: "an army post", "a police station", "a military convoy".
HOLDINGS = EN.words("holdings")
HOLDERS = EN.words("holders")


def _holding(t: Any) -> bool:
    """A state noun naming whose post or convoy it is ("attacked an army position")."""
    return t.lower_ in HOLDERS and t.head.lower_ in HOLDINGS and t.head.i > t.i


def _starts_sentence(t: Any) -> bool:
    """The first word of a sentence, also after a paragraph's blank line."""
    before = t.nbor(-1) if t.i else None
    return bool(t.is_sent_start) or (before is not None and before.is_space and
                                     (before.is_sent_start or before.i == 0))


def _former(title: Any) -> bool:
    """'former president X', 'the late king': no longer the government."""
    before = title.doc[max(0, title.i - 2):title.i]
    return any(w.lower_ in EN.sequence("former_titles") for w in before)


def _device(t: Any, low: str, mods: set[str]) -> bool:
    """An explosive device as the agent of harm, with no owner: 'a roadside bomb killed',
    'killed by an IED', 'died in a car bomb explosion' (not 'police defused a bomb')."""
    if low not in lexicon.DEVICE_NOUNS or (low in ("device", "devices") and
                                           "explosive" not in mods):
        return False
    if any(c.dep_ == "poss" for c in t.children):
        return False
    head = t.head
    if t.dep_ == "nsubj":
        return bool(head.pos_ == "VERB")
    if t.dep_ != "pobj":
        return False
    if head.dep_ == "agent":
        return True
    return bool(head.lower_ == "in" and head.head.pos_ == "VERB") and any(
        c.dep_ == "auxpass" for c in head.head.children)


def _agrees(pronoun: str, r: Resolved, root: Any) -> bool:
    """"he"/"she" for a person (a leader, a titled official), "it" for a singular
    country, state organ or group, "they" for plurals."""
    person = r.reason.startswith(PERSON_REASONS) or root.ent_type_ == "PERSON"
    if pronoun in ("he", "she"):
        return person
    plural = root.tag_ in ("NNS", "NNPS")
    if pronoun == "it":
        return not person and not plural and r.actor.type not in (
            "civilians", "protesters", "rioters")
    return plural and not person


def _verb(token: Any) -> Any | None:
    """The nearest verb above a token (its clause)."""
    t = token
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _sector(low: str) -> str:
    sector = lexicon.SECTOR_NOUNS.get(low, "MIL")
    return sector if sector in SECTORS else "MIL"


def _counted(t: Any) -> bool:
    """"12 people", "dozens of people", "at least five men"."""
    if any(c.dep_ == "nummod" or c.lower_ in QUANTITY_WORDS for c in t.children):
        return True
    head = t.head
    return head.lower_ == "of" and head.head.lower_ in QUANTITY_WORDS
