"""Reading an alias match in its sentence: a country name as agent or as a place,
a demonym with the noun it modifies ("Turkish troops"), coordinated modifiers
("Russian and Syrian jets"), leaders, named groups."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..lang import EN
from ..model import Actor
from . import lexicon
from .detect import Match
from .entries import SECTORS
from .kb import ActorKB, Hit

MODIFIER_DEPS = frozenset(("amod", "compound", "nmod", "poss", "npadvmod"))
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass", "appos", "ROOT", "csubj"))
PLACE_PREPS = EN.words("actor_place_preps")
AGENT_PREPS = EN.words("agent_preps")
PHRASE_SECTORS = EN.mapping("phrase_sectors")
PEOPLE_KINDS = (("unidentified", lexicon.UNIDENTIFIED_NOUNS),
                ("protesters", lexicon.PROTESTER_NOUNS), ("rioters", lexicon.RIOTER_NOUNS),
                ("civilians", lexicon.CIVILIAN_NOUNS))


@dataclass(frozen=True)
class Resolved:
    """An actor for tokens [start, end) of the doc, and why."""

    start: int
    end: int
    actor: Actor
    reason: str


@dataclass(frozen=True)
class Context:
    kb: ActorKB
    focus: str | None
    date: str | None
    places: dict[int, str] = field(default_factory=dict)  # token index -> ISO3 of a place
    demonyms: dict[int, str] = field(default_factory=dict)  # token index -> ISO3 of a demonym

    def place_country(self, token: Any) -> str | None:
        """The country of a place named in the token's own phrase ("protesters in Nairobi"),
        else of the one country whose places its sentence names."""
        return self.phrase_place(token) or self.sentence_country(token)

    def phrase_place(self, token: Any) -> str | None:
        """The country of a place named in the token's own phrase only."""
        for prep in token.rights:
            if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
                subtree = [t for obj in prep.children for t in obj.subtree]
                for t in subtree:  # "the Syrian Golan Heights": the demonym says whose
                    if t.i in self.demonyms and t.head.i in self.places and t.head.i != t.i:
                        return self.demonyms[t.i]
                for t in subtree:
                    if t.i in self.places:
                        return self.places[t.i]
                for t in subtree:
                    after = t.nbor(1).text if t.i + 1 < len(t.doc) else ""
                    if t.i in self.demonyms and after != "-":
                        return self.demonyms[t.i]
        return None

    def sentence_country(self, token: Any) -> str | None:
        """The one country whose places the token's sentence names, if only one."""
        sent = token.sent
        found = {self.places[i] for i in range(sent.start, sent.end)
                 if i in self.places and (is_locative(sent.doc[i]) or
                                          sent.doc[i].ent_type_ in ("GPE", "LOC", "FAC", ""))
                 and not _agentive(sent.doc[i]) and not _hyphenated(sent.doc[i])}
        return found.pop() if len(found) == 1 else None


def _hyphenated(token: Any) -> bool:
    """"Britain-based", "US-led": the place describes someone, it is not where things are."""
    return token.i + 2 < len(token.doc) and str(token.nbor(1).text) == "-"


def _agentive(token: Any) -> bool:
    g = governing(token)
    return g.dep_ in ("nsubj", "nsubjpass", "poss") or (
        g.dep_ == "pobj" and g.head.lower_ in AGENT_PREPS)


def governing(token: Any) -> Any:
    """The first conjunct of a coordination (or the token itself)."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token


def is_locative(token: Any) -> bool:
    """Whether the token names a place: the object of "in", "near", "to" after "send"..."""
    g = governing(token)
    if g.dep_ != "pobj":
        return False
    prep = g.head.lower_
    if prep in lexicon.LOCATIVE_PREPS:
        return True
    return prep == "to" and g.head.head.lemma_.lower() in lexicon.MOTION_VERBS


BACKED = "backed"


def np_head(token: Any) -> Any | None:
    """The noun a modifier token (or its coordination) belongs to, skipping "-led";
    BACKED for "Syrian-backed militia" (the backer is not the actor)."""
    g = governing(token)
    if g.dep_ not in MODIFIER_DEPS or g.head.i == g.i:
        return None
    head = g.head
    while head.lower_ in ("led", "-", "based") and head.head.i != head.i:
        head = head.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    if head.lower_ in EN.sequence("backing_participles"):
        return BACKED
    return head if head.i > token.i else None


def np_reading(doc: Any, start: int, head: Any, kb: ActorKB) -> tuple[str, str] | None:
    """("sector", MIL) or ("people", civilians) for the nouns from `start` to the head.
    Titles before a name count ("Russian President Boris Yeltsin"); a people word as
    head ("Bosnian Serbs", "Iraqi Kurds") reads as civilians."""
    toks = [t for t in doc[start:head.i + 1] if not t.is_punct]
    lowers = [t.lower_ for t in toks]
    for a, b in pairwise(lowers):
        if f"{a} {b}" in PHRASE_SECTORS:
            return ("sector", PHRASE_SECTORS[f"{a} {b}"])
    scan = [head, *reversed(toks[:-1])] if head.pos_ == "PROPN" else \
        [head, *(t for t in reversed(toks[:-1]) if t.dep_ == "compound" and
                 lexicon.SECTOR_NOUNS.get(t.lower_) in (*SECTORS, "OPP"))]
    for t in scan:
        found = _word_reading(t)
        if found:
            return found
    if any(h.kind in ("demonym", "ethnic") for h in kb.lookup(head.text)):
        return ("people", "civilians")
    return None


def _word_reading(token: Any) -> tuple[str, str] | None:
    for form in (token.lower_, token.lemma_.lower()):
        for kind, nouns in PEOPLE_KINDS:
            if form in nouns:
                return ("people", kind)
        sector = lexicon.SECTOR_NOUNS.get(form)
        if sector:
            return ("sector", sector)
    return None


def resolve_match(doc: Any, m: Match, ctx: Context) -> Resolved | None:
    """The actor an alias match stands for here, or None (a place, a namesake...)."""
    root = doc[m.start:m.end].root
    if _pro_or_anti(doc, m.start):
        return None
    kinds = {h.kind for h in m.hits}
    for hit in sorted(m.hits, key=lambda h: _local_first(h, ctx)):
        if hit.kind == "demonym" and kinds & {"country", "metonym"}:
            continue  # "US" in "in the US" is the country, not a people
        if hit.kind in ("entry", "state"):
            found = _named(doc, m, hit, ctx)
        elif hit.kind == "ethnic":
            found = _ethnic(doc, m, root, hit, ctx)
        else:
            found = _country_word(doc, m, root, hit, ctx)
        if found is not None:
            return found
    return None


def _local_first(hit: Hit, ctx: Context) -> int:
    """Order same-kind hits: an entry that operates in the country in focus comes first
    ("JEM" is Sudanese in a Darfur story, Pakistani in a Kashmir one)."""
    if hit.kind != "entry":
        return 1
    entry = ctx.kb.entries[hit.ref]
    return 0 if ctx.focus and ctx.focus in (entry.country, *entry.acts_in) else 1


def _pro_or_anti(doc: Any, start: int) -> bool:
    """"anti-Syria journalist", "pro-Russian activists": the word is an attitude."""
    return start >= 2 and doc[start - 1].text == "-" and \
        doc[start - 2].lower_ in ("anti", "pro", "non")


def _ethnic_prefix(doc: Any, start: int) -> bool:
    return start >= 1 and doc[start - 1].lower_ in ("ethnic", "ethnically")


def _named(doc: Any, m: Match, hit: Hit, ctx: Context) -> Resolved | None:
    if hit.kind == "state":
        iso3 = ctx.focus if hit.ref == "*" else hit.ref  # "National Guard": whose is in focus
        if iso3 is None:
            return None
        return Resolved(m.start, m.end, ctx.kb.state_actor(iso3, hit.sector or "MIL",
                                                           date=ctx.date), "alias")
    entry = ctx.kb.entries[hit.ref]
    if entry.kind == "leader":
        return _leader(doc, m, entry, ctx)
    home = (entry.country, *entry.acts_in)
    if _descriptive(hit.alias) and ctx.focus not in home:
        return None  # "bandits", "US-backed forces": that group only where it operates
    if _generic_alias(hit.alias) and _of_named(doc, m, ctx):
        return None  # "Tuareg rebels of the MNLA": the group named after "of" is who
    if _short_acronym(hit.alias) and entry.country and ctx.focus and ctx.focus not in home:
        return None  # "PDF", "KIA", "ICC" mean other things outside the group's countries
    where = ctx.focus
    root = doc[m.start:m.end].root
    if entry.branch_name:  # ACLED names IS by where it acts: this sentence's country first
        where = ctx.place_country(root) or ctx.focus
    actor = ctx.kb.actor_for(entry, date=ctx.date, country=where)
    return Resolved(m.start, _member_noun_end(doc, m, root), actor, "alias")


def _generic_alias(alias: str) -> bool:
    """An alias that describes fighters ('Tuareg rebels', 'bandits') rather than names them."""
    last = alias.split()[-1].lower() if alias.split() else ""
    return _descriptive(alias) or lexicon.SECTOR_NOUNS.get(last) in ("REB", "MIL")


def _of_named(doc: Any, m: Match, ctx: Context) -> bool:
    """Whether a description is followed by 'of <a named group>'."""
    if m.end + 1 >= len(doc) or doc[m.end].lower_ != "of":
        return False
    start = m.end + 2 if doc[m.end + 1].lower_ == "the" else m.end + 1
    for width in range(min(6, len(doc) - start), 0, -1):
        hits = ctx.kb.lookup(doc[start:start + width].text)
        if any(h.kind == "entry" and not _generic_alias(h.alias) for h in hits):
            return True
    return False


def _member_noun_end(doc: Any, m: Match, root: Any) -> int:
    """"JAS militants", "Wagner fighters": the noun after a group's name belongs to it."""
    head = np_head(root)
    if head is None or head is BACKED or head.i != m.end:
        return m.end
    sector = lexicon.SECTOR_NOUNS.get(head.lower_)
    return int(head.i) + 1 if sector in ("REB", "MIL") else m.end


def _descriptive(alias: str) -> bool:
    """A description rather than a name ("bandits", "US-backed forces")."""
    low = alias.lower()
    return alias.islower() or any(w in low for w in ("-backed", "-aligned", "-supported"))


def _short_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) <= 3 and all(c.isupper() for c in letters)


def _leader(doc: Any, m: Match, entry: Any, ctx: Context) -> Resolved | None:
    """A leader's name; "the Assad regime", "Haftar forces" name the organ they head."""
    if _namesake(doc, m, entry.name):
        return None
    actor = ctx.kb.actor_for(entry, date=ctx.date)
    head = np_head(doc[m.start:m.end].root)
    if head is not None and head is not BACKED and actor.country and actor.sector in SECTORS:
        reading = np_reading(doc, m.end, head, ctx.kb)
        if reading is not None and reading[0] == "sector" and reading[1] in SECTORS:
            organ = ctx.kb.state_actor(actor.country, reading[1], date=ctx.date)
            return Resolved(m.start, _span_end(doc, m, head), organ, "leader")
    return Resolved(m.start, m.end, actor, "leader")


def _namesake(doc: Any, m: Match, full_name: str) -> bool:
    """A leader's surname inside another person's name ("Mohammed Saleh")."""
    before = doc[m.start - 1] if m.start > 0 else None
    after = doc[m.end] if m.end < len(doc) else None
    own = set(full_name.lower().split())
    if before is not None and before.pos_ == "PROPN" and before.lower_ not in own and \
            before.lower_.rstrip(".") not in lexicon.TITLE_WORDS and before.is_title:
        return True
    return after is not None and after.pos_ == "PROPN" and after.is_title and \
        after.ent_type_ in ("PERSON", "ORG")


def _ethnic(doc: Any, m: Match, root: Any, hit: Hit, ctx: Context) -> Resolved | None:
    """"Kurdish forces" -> the Kurdish armed group where the text is set; "Kurds",
    "ethnic Albanians", "Yoruba leaders" -> civilians there."""
    start = m.start - 1 if _ethnic_prefix(doc, m.start) else m.start
    head = np_head(root)
    if head is BACKED:
        return None
    where = ctx.place_country(head if head is not None else root) or ctx.focus
    if head is None:
        if root.pos_ not in ("NOUN", "PROPN"):
            return None
        return Resolved(start, m.end, ctx.kb.generic("civilians", where), "ethnic")
    reading = np_reading(doc, m.end, head, ctx.kb)
    if reading is None:
        return None
    end = _span_end(doc, m, head)
    if reading[0] == "sector" and reading[1] in ("MIL", "REB"):
        actor = ctx.kb.ethnic_actor(hit.ref, where, date=ctx.date) \
            or ctx.kb.generic("rebels", where)
        return Resolved(start, end, actor, "ethnic+force")
    return Resolved(start, end, ctx.kb.generic("civilians", where), "ethnic+people")


def _country_word(doc: Any, m: Match, root: Any, hit: Hit, ctx: Context) -> Resolved | None:
    if hit.kind == "demonym" and _ethnic_prefix(doc, m.start):
        return _ethnic(doc, m, root, hit, ctx)
    head = np_head(root)
    if head is BACKED:
        return None
    if head is not None:
        return _modifier(doc, m, head, hit, ctx)
    owner = _member_of(root)
    if owner is not None and hit.kind != "demonym":
        return Resolved(m.start, m.end, ctx.kb.state_actor(hit.ref, owner, date=ctx.date),
                        f"{hit.kind}+{owner.lower()}")
    if hit.kind != "demonym" and is_locative(root) and not _receiving(root, hit):
        return None
    kb, iso3 = ctx.kb, hit.ref
    if hit.kind == "seat":
        return Resolved(m.start, m.end, kb.state_actor(iso3, hit.sector or "GOV",
                                                       date=ctx.date), "metonym")
    if hit.kind == "country":
        return Resolved(m.start, m.end, kb.state_actor(iso3, "GOV", date=ctx.date), "country")
    if hit.kind == "metonym":
        g = governing(root)
        if g.dep_ in SUBJECT_DEPS or (g.dep_ == "pobj" and g.head.lower_ in AGENT_PREPS) or (
                g.dep_ == "dobj" and g.head.lemma_.lower() in lexicon.ADDRESS_VERBS):
            return Resolved(m.start, m.end, kb.state_actor(iso3, "GOV", date=ctx.date),
                            "metonym")
        return None
    if root.pos_ in ("NOUN", "PROPN") or root.dep_ in SUBJECT_DEPS:
        where = ctx.phrase_place(root) or iso3
        return Resolved(m.start, m.end, kb.generic("civilians", where), "demonym")
    return None


def _receiving(root: Any, hit: Hit) -> bool:
    """A country that receives what is handed over: 'sent aid to Haiti', 'extradited the
    suspects to Britain' (a state party to the act, not only where things go)."""
    g = governing(root)
    return hit.kind == "country" and g.dep_ == "pobj" and g.head.lower_ == "to" and \
        g.head.head.lemma_.lower() in lexicon.GIVING_VERBS


def _member_of(root: Any) -> str | None:
    """"officials from the US", "troops of Chad": the sector of the noun the country owns."""
    g = governing(root)
    if g.dep_ != "pobj" or g.head.lower_ not in ("from", "of"):
        return None
    noun = g.head.head
    sector = lexicon.SECTOR_NOUNS.get(noun.lower_) or lexicon.SECTOR_NOUNS.get(noun.lemma_.lower())
    return sector if sector in SECTORS and noun.pos_ in ("NOUN", "PROPN") else None


def _modifier(doc: Any, m: Match, head: Any, hit: Hit, ctx: Context) -> Resolved | None:
    reading = np_reading(doc, m.end, head, ctx.kb)
    if reading is None:
        return None
    kind, value = reading
    kb, end = ctx.kb, _span_end(doc, m, head)
    if kind == "people":
        return Resolved(m.start, end,
                        lexicon.with_people_sector(kb.generic(value, hit.ref), head),
                        f"{hit.kind}+people")
    if value in SECTORS:
        reason = "demonym+force" if value in ("MIL", "COP") else f"{hit.kind}+{value.lower()}"
        return Resolved(m.start, end, kb.state_actor(hit.ref, value, date=ctx.date), reason)
    generic = {"REB": "rebels", "OPP": "opposition"}.get(value)
    return Resolved(m.start, end, kb.generic(generic, hit.ref), f"{hit.kind}+{generic}") \
        if generic else None


def _span_end(doc: Any, m: Match, head: Any) -> int:
    """Include the head noun when only modifiers stand between the match and it."""
    between = doc[m.end:head.i]
    if any(t.dep_ in ("cc", "conj") or (t.is_punct and t.text != "-") for t in between):
        return m.end
    return int(head.i) + 1
