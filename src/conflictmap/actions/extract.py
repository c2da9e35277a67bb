"""From a parsed sentence to coded events: triggers, participants, ACLED rule, status."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..lang import EN
from ..model import Actor, ActorMention
from . import coding
from .generic import no_acled_type, not_an_event
from .headline import headline_candidates, headline_heads
from .lexicon import Lexicon
from .participants import (
    LIGHT_VERBS,
    Participants,
    child,
    is_country,
    participants,
    place_of,
    resolve,
)
from .status import Status, status_of
from .triggers import INSTRUMENT_ORDER, Candidate, Token, depth, find_candidates, instrument_of

# Verbs that name an event only with something acted on ("provided aid", not "provided that").
NEED_OBJECT = EN.words("need_object")
# ... and only with a direct object ("returned to Geneva" is a trip, not a handover).
NEED_DIRECT_OBJECT = {"return", "allow", "permit", "let", "contribute"}
# Weak territory verbs: the place must be their object ("took the town", not "took place
# near the town", "took three days").
OBJECT_PLACE = {"leave", "take", "enter", "control", "occupy"}
# Territory words that say "capture" on their own, even with no place named.
STRONG_TERRITORY = EN.words("strong_territory")
# What "seized" is, once we know what was seized.
SEIZE_CODES = {"gov_territory": ("ASSAULT", "occupy", "192"),
               "nsa_territory": ("ASSAULT", "occupy", "192"),
               "nv_territory": ("ASSAULT", "occupy", "192"),  # seized as the other side left
               "abduction": ("ASSAULT", "abduct", "181"), "arrests": ("COERCE", "arrest", "173"),
               "disrupted": ("COERCE", "seize", "171"), "looting": ("COERCE", "seize", "1711")}
PLACE_REQUIRED = {"@territory", "nv_territory", "@base"}


# Verbs that tell an act began or went on: "the offensive began", "fighting erupted".
ONSET_VERBS = EN.words("onset_verbs")


@dataclass
class Draft:
    """An event before it becomes an `Event`: the trigger and what was read around it."""

    cand: Candidate
    sub: str | None  # key of lexicon.SUB_EVENTS or None (not an ACLED event)
    parts: Participants
    status: Status = field(default_factory=Status)
    depth: int = 0
    governs: bool = False  # a strategic act whose object is a violent one ("defused a bomb")
    demoted: bool = False  # a strategic development beside violence: not the main event
    absorbed: list[int] = field(default_factory=list)  # tokens of mentions folded into it

    def act_tokens(self) -> tuple[int, ...]:
        """Every word that tells this act: its trigger phrase, the mentions merged into it
        ("killed", "wounding"), and the light verb of a noun ("launched an assault")."""
        token = self.token
        verb = token.head.lemma_.lower()
        light = [token.head.i] if token.dep_ in ("dobj", "attr") and verb in LIGHT_VERBS or \
            token.dep_ == "nsubj" and verb in ONSET_VERBS else []
        return tuple(sorted({*self.cand.parts, *self.absorbed, *light}))

    @property
    def token(self) -> Token:
        return self.cand.token

    @property
    def weak(self) -> bool:
        return self.cand.entry.weak

    @property
    def violent(self) -> bool:
        return self.cand.entry.plover == "ASSAULT" and self.sub is not None


def _headline_participants(token: Token, mentions: list[ActorMention]) -> Participants:
    """Participants of a misread headline verb, by word order."""
    subj, obj = headline_heads(token)
    actor, assoc_a = resolve(subj, mentions)
    target, assoc_t = resolve(obj, mentions)
    assoc = [replace(a, side="actor") for a in assoc_a] + \
        [replace(a, side="target") for a in assoc_t]
    return Participants(actor=actor, target=target, assoc=assoc, actor_head=subj,
                        target_head=obj, place=place_of(token, obj, mentions))


# Nominal acts whose "of X" names who acted: "the withdrawal of the troops".
AGENT_OF_NOUNS = EN.words("agent_of_nouns")


def _agent_of_noun(token: Token, parts: Participants) -> Participants:
    """'the retreat of the Syrian forces': the forces retreated, they are not its target."""
    obj = parts.target_head
    if token.pos_ != "NOUN" or token.lemma_.lower() not in AGENT_OF_NOUNS or \
            parts.actor is not None or child(token, "poss") is not None or obj is None or obj.dep_ != "pobj" or \
            obj.head.lower_ != "of" or obj.head.head.i != token.i:
        return parts
    return replace(parts, actor=parts.target, target=None, actor_head=obj, target_head=None,
                   assoc=[replace(a, side="actor") for a in parts.assoc])


def _victim_subject(cand: Candidate, parts: Participants) -> Participants:
    """'14 people died': who died is a victim, not an actor; 'nobody was hurt, police said':
    no one is named as having hurt them."""
    token = cand.token
    if token.tag_ == "VBN" and parts.actor_head is not None and \
            parts.actor_head.head.i == token.i and parts.actor_head.dep_ == "nsubj" and \
            not any(c.dep_ in ("aux", "auxpass") for c in token.children):
        # "soldiers, taken prisoner, will ...": a bare participle says what befell them
        return replace(parts, actor=None, actor_head=None, target=parts.actor,
                       target_head=parts.actor_head)
    passive = any(c.dep_ == "nsubjpass" for c in token.children) and not any(
        c.dep_ == "agent" for c in token.children)
    if cand.entry.weak and passive:
        return replace(parts, actor=None, actor_head=None)
    if cand.entry.head not in ("die", "perish") or parts.target is not None:
        return parts
    return replace(parts, actor=None, actor_head=None, target=parts.actor,
                   target_head=parts.actor_head)


def _people_not_fighters(parts: Participants) -> Participants:
    """'Neither Syrians nor their allies will fight for Russia': a nation named by its people
    is not "Civilians (Syria)" when it is the one fighting, and Russia is on their side."""
    obj = parts.target_head
    if parts.target is not None and obj is not None and obj.dep_ == "pobj" and \
            obj.head.lower_ == "for":  # "fight for Russia": on its side, not against it
        parts = replace(parts, target=None, target_head=None,
                        assoc=[*parts.assoc, replace(parts.target, side="actor")])
    head, actor = parts.actor_head, parts.actor
    if actor is None or head is None or (actor.type or "") != "civilians" or \
            head.tag_ not in ("NNPS", "PRP"):  # "Syrians", "they" (the Syrians)
        return parts
    return replace(parts, actor=None)


def _needs_object(cand: Candidate) -> bool:
    """True when a verb that needs an object has none ('provided the Kremlin will ...')."""
    token = cand.token
    if token.pos_ != "VERB" or cand.entry.head not in NEED_OBJECT or len(cand.parts) > 1:
        return False
    preps = () if cand.entry.head in NEED_DIRECT_OBJECT else ("to", "with", "on", "from", "of")
    return not any(c.dep_ in ("dobj", "nsubjpass", "dative", "xcomp") or
                   c.dep_ == "prep" and c.lower_ in preps or
                   c.dep_ == "ccomp" and child(c, "nsubj") is not None  # "allowed X to run"
                   for c in token.children) and token.dep_ not in ("relcl", "acl")


LABOUR_STRIKE_VERBS = EN.words("labour_strike_verbs")


CROWD_BLOCKING = {"block", "barricade", "occupy", "close", "shut"}
LABOUR_STRIKE_WORDS = EN.words("labour_strike_words")


def _labour_strike(token: Token) -> bool:
    """'went on strike', 'staged a strike', 'called off the strike' (not air strikes)."""
    if token.lower_ not in ("strike", "strikes"):
        return False
    head = token.head
    if any(c.dep_ in ("amod", "compound", "poss") and c.lower_ in LABOUR_STRIKE_WORDS
           for c in token.children):
        return True  # "an open-ended strike", "a general strike", "the teachers' strike"
    return head.lower_ == "on" or token.dep_ == "dobj" and head.lemma_.lower() in \
        LABOUR_STRIKE_VERBS


def _sub_event(cand: Candidate, parts: Participants, sent: Any, lexicon: Lexicon,
               focus: str | None) -> tuple[bool, str | None]:
    """(keep the event?, ACLED key) after applying the lexicon's rule."""
    rule = cand.entry.acled
    actor = coding.Side(parts.actor, parts.actor_head)
    target = coding.Side(parts.target, parts.target_head)
    word = cand.entry.head
    if rule == "@seize":
        rule = coding.seized(child(cand.token, "dobj") or parts.target_head, actor, parts.place)
        if rule is None:
            return True, None
    if rule == "@territory" and word in PERSON_TAKING and _person(parts.target_head):
        # "police captured a suspect", "rebels captured two soldiers": people, not ground
        return True, "arrests" if coding.kind_of(actor) == "state" else "abduction"
    if rule == "looting" and _weapons_hit(cand.token):
        return True, "disrupted"  # "air defences destroyed 15 drones": an interception
    if rule in PLACE_REQUIRED and not _place_ok(cand, parts, rule):
        # a withdrawal or an invasion with no place that changes hands is still a RETREAT or
        # an ASSAULT in PLOVER, with no ACLED type
        country = parts.place is not None and is_country(parts.place)
        return (rule == "nv_territory" and cand.entry.head != "leave" or
                rule == "@territory" and country), None
    if rule == "@territory" and coding.kind_of(actor) in ("protester", "rioter"):
        return True, coding.by_crowd("clash", actor)  # protesters storming a building
    if rule == "@territory":
        actor_assoc = [a for a in parts.assoc if a.side == "actor"]
        return True, coding.territory(sent.text, actor, actor_assoc, word, focus)
    if rule == "@base":
        hq = coding.base(parts.target_head)
        return hq is not None, hq
    if _labour_strike(cand.token):
        return True, coding.protest(sent.text)  # "workers went on strike"
    if rule == "@protest":
        return True, coding.protest(sent.text)
    mutual = rule == "clash" and parts.actor is not None and parts.target is not None and \
        cand.entry.head not in ("exchange", "trade")  # "exchanged artillery fire": shelling
    if (rule in ("@violence", "clash") or rule in INSTRUMENT_ORDER) and not mutual:
        # two named sides fighting each other is a clash whatever weapons they use
        inst = instrument_of(cand.token, lexicon, cand.parts)
        if inst is not None and (rule not in INSTRUMENT_ORDER or
                                 INSTRUMENT_ORDER.index(inst[0]) < INSTRUMENT_ORDER.index(rule)):
            return True, inst[0]
    if rule == "@violence":
        rule = coding.violence(actor, target, cand.entry.cameo)
    if rule == "clash" and coding.kind_of(actor) == "civilian" and \
            coding.kind_of(target) == "state":
        return True, "violent_demo"  # "students clashed with police"
    if rule == "arrests" and target.head is not None and \
            coding.word_kind(target.head) == "protester":
        return True, "intervention"  # "arrested dozens of protesters"
    if rule == "intervention" and coding.EXCESSIVE.search(sent.text):
        return True, "excessive"  # "used live ammunition to disperse protesters"
    return True, coding.by_crowd(rule, actor)


PROJECTILES = EN.words("projectiles")


def _weapons_hit(token: Token) -> bool:
    """What was destroyed is a missile or drone in flight, not property."""
    obj = child(token, "dobj")
    return obj is not None and any(t.lower_ in PROJECTILES for t in obj.subtree)


PERSON_TAKING = {"capture", "seize", "take"}
WANTED = EN.words("wanted")


def _person(obj: Token | None) -> bool:
    """A taken object that is a person: 'a suspect', 'two soldiers', 'the group's leader'."""
    if obj is None or obj.pos_ == "PRON":
        return False
    if any(c.lower_ in ("suspected", "alleged", "wanted") for c in obj.children):
        return True  # "a suspected arms dealer"
    return obj.lower_ in WANTED or obj.lemma_.lower() in WANTED or \
        coding.word_kind(obj) in ("civilian", "state", "nonstate") and obj.pos_ == "NOUN"


def _place_ok(cand: Candidate, parts: Participants, rule: str) -> bool:
    place = parts.place
    if rule == "@base":
        return parts.target_head is not None
    if cand.entry.head in OBJECT_PLACE:  # "left the town", not "left three dead in town"
        obj = parts.target_head
        return place is not None and obj is not None and place in obj.subtree
    if place is not None and is_country(place):
        return False  # "Russia's withdrawal from Syria": a country is not a front line
    obj = parts.target_head
    if place is None and obj is not None and obj.pos_ != "PRON" and parts.target is None:
        return False  # "reclaim its status": the object is not a place
    if place is None:
        strong = cand.entry.head in STRONG_TERRITORY or len(cand.parts) > 1
        return strong and cand.token.pos_ == "VERB" and parts.actor is not None
    if cand.token.pos_ != "VERB" and place.pos_ != "PROPN":
        return parts.actor is not None  # "the liberation of the city": which city?
    return True


def drafts(sent: Any, lexicon: Lexicon, mentions: list[ActorMention],
           focus: str | None) -> list[Draft]:
    """Every event candidate of a sentence, coded, main one first (not yet merged)."""
    out = []
    cands = list(find_candidates(sent, lexicon))
    extra: list[Candidate] = []
    if sent.root.pos_ not in ("VERB", "AUX"):  # a headline the parser read as a noun phrase
        used = {i for c in cands for i in c.parts}
        extra = [c for c in headline_candidates(sent, lexicon) if c.token.i not in used]
    violent_heads = {c.token.i for c in cands if c.entry.plover == "ASSAULT"}
    for cand in cands + extra:
        headline = cand in extra
        if not headline and (_needs_object(cand) or not_an_event(cand)):
            continue
        if _attacked_thing(cand, violent_heads):
            continue  # "attacked a police patrol": the patrol is the target, not an act
        parts = _headline_participants(cand.token, mentions) if headline else \
            _agent_of_noun(cand.token, participants(cand.token, mentions, cand.parts))
        if cand.entry.plover == "ASSAULT":
            parts = _people_not_fighters(_victim_subject(cand, parts))
        keep, sub = _sub_event(cand, parts, sent, lexicon, focus)
        if not keep:
            continue
        if no_acled_type(cand.token):
            sub = None  # "a campaign to defeat IS", "oil deals": not ACLED events
        if _labour_strike(cand.token):
            cand = replace(cand, entry=replace(cand.entry, plover="PROTEST", mode="strike",
                                               cameo="143"))
        if cand.entry.plover == "PROTEST" and cand.entry.mode == "obstruct" and \
                parts.actor_head is not None and coding.word_kind(parts.actor_head) == "state":
            # "police blocked the road": the state closing a road is coercion, not protest
            cand = replace(cand, entry=replace(cand.entry, plover="COERCE", mode="ban",
                                               cameo="172"))
            sub = None
        elif cand.entry.head in CROWD_BLOCKING and coding.kind_of(
                coding.Side(parts.actor, parts.actor_head)) in ("civilian", "protester"):
            # "workers blocked the port": a crowd obstructing is protesting
            cand = replace(cand, entry=replace(cand.entry, plover="PROTEST", mode="obstruct",
                                               cameo="143"))
            sub = coding.protest(sent.text)
        taken = cand.entry.acled == "@territory" and sub in ("arrests", "abduction")
        if (cand.entry.acled == "@seize" or taken) and sub in SEIZE_CODES:
            plover, mode, cameo = SEIZE_CODES[sub]
            cand = replace(cand, entry=replace(cand.entry, plover=plover, mode=mode, cameo=cameo))
        out.append(Draft(cand, sub, parts, status_of(cand.token, sent, mentions),
                         depth(cand.token)))
    out = themes(out)
    violent = any(d.violent and not background(d.token) for d in out)
    for d in out:
        d.demoted = violent and d.sub in STRATEGIC and not d.governs
    return sorted(out, key=priority)


def themes(found: list[Draft]) -> list[Draft]:
    """A violent word inside a strategic act's phrase is its theme: a defused bomb or a
    foiled attack did not happen; 'withdrew without a fight' is about the withdrawal."""
    out = []
    for d in found:
        boss = next((s for s in found if s.sub in GOVERNING and s is not d and d.violent and
                     _in_complement(d.token, s.token)), None)
        if boss is not None:
            boss.governs = True
            if boss.sub == "disrupted":
                continue
        out.append(d)
    return out


def background(token: Token) -> bool:
    """'after 12 days of battles', 'following the killing': an earlier act, for context."""
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "before",
                                                                        "since")
                                     for c in token.children):
        return True  # "after a tax collector shot a vendor"
    t = token
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.lower_ in EN.sequence("background_preps"):
            return True
        if t.dep_ not in ("pobj", "prep", "compound"):
            break
        t = t.head
    return False


def passing_reference(token: Token) -> bool:
    """'five years after the fall of Mosul', 'since the last massacre': a definite noun for
    an earlier act, named in passing to set the scene (not 'after fighting broke out')."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "pobj" or \
            token.head.lower_ not in ("after", "before", "since", "following"):
        return False
    det = next((c for c in token.children if c.dep_ in ("det", "poss")), None)
    return det is not None and det.lower_ not in ("a", "an")


def _attacked_thing(cand: Candidate, violent_heads: set[int]) -> bool:
    """A deployment noun that is what a violent act hit ('ambushed a patrol')."""
    token = cand.token
    if cand.entry.plover != "MOBILIZE" or token.pos_ != "NOUN":
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("on", "against", "at"):
        head = head.head
    return token.dep_ in ("dobj", "pobj", "nsubjpass") and head.i in violent_heads


def _reason(token: Token) -> bool:
    """'arrested for covering a protest', 'jailed over organising protests': the act is the
    reason given for another, not the scene it happened in."""
    t = token
    for _ in range(4):
        if t.dep_ == "pcomp" and t.head.lower_ in ("for", "over"):
            return True
        if t.dep_ not in ("pobj", "dobj", "prep", "compound") or t.head is t:
            return False
        t = t.head
    return False


def _in_complement(token: Token, head: Token) -> bool:
    """Whether `token` sits in the object or a prepositional phrase of `head`."""
    return any(token in c.subtree for c in head.children
               if c.dep_ in ("dobj", "prep", "attr", "oprd", "agent", "dative"))


GOVERNING = EN.words("governing")
STRATEGIC = EN.words("strategic")


def priority(d: Draft) -> tuple[int, int, int]:
    """Main event first: violence before strategic developments, then the highest trigger."""
    return (d.demoted, d.depth, d.token.i)


def unnamed(actor: Actor | None) -> bool:
    """No actor, or an unidentified armed group: compatible with any named one."""
    return actor is None or actor.id.startswith("unidentified")


def _compatible(a: Actor | None, b: Actor | None) -> bool:
    """Same actor, or one unnamed: 'a bomb' (an unidentified group) may be 'JNIM's bomb'."""
    return unnamed(a) or unnamed(b) or a is not None and b is not None and a.id == b.id


def merge(found: list[Draft]) -> list[Draft]:
    """One event per act: consequences ("killed") fold into the act that caused them, the
    police response folds into the protest, and repeated mentions of one act merge."""
    # abductions, rapes and looting do not cause the deaths a sentence also reports
    strong = [d for d in found if (d.violent or d.sub == "excessive") and not d.weak and
              d.sub not in NOT_DEADLY]
    protests = [d for d in found if d.sub in coding.PROTEST_SUBS and
                d.cand.entry.plover == "PROTEST" and not _reason(d.token)]
    crowd_control = [d for d in found if d.sub == "intervention"]
    kept: list[Draft] = []
    for d in found:
        if d.weak and d.violent and strong:
            _fill(strong[0], d)
            _civilian_victims(strong[0], d)
    for d in found:
        if d.weak and d.violent and strong:
            continue
        if protests and d not in protests and d.sub in _PROTEST_RESPONSE and \
                not _caused(d, protests[0]) and not _protested(d, protests):
            if d.status.value != "negated" and (d.status.value == "asserted" or
                                                d.status.value == protests[0].status.value):
                _respond(protests[0], d)  # "police did not use tear gas" is no response
                protests[0].absorbed.extend(d.act_tokens())
            continue
        if d.sub == "arrests" and crowd_control and not protests and \
                _compatible(d.parts.actor, crowd_control[0].parts.actor):
            _fill(crowd_control[0], d)  # "arrested 50 people and used tear gas on marchers"
            continue
        twin = next((k for k in kept if _same_act(k, d) or _means_of(d, k)), None)
        if twin is not None:
            _fill(twin, d)
            continue
        kept.append(d)
    return kept


def _means_of(d: Draft, main: Draft) -> bool:
    """'fighting ... using heavy artillery', 'clashed, with heavy shelling reported': a
    weapon word inside a violent act's own clause, naming no one, is that act's means."""
    if not (d.violent and main.violent) or d.parts.actor or d.parts.target:
        return False
    t = d.token
    for _ in range(6):
        if t.i == main.token.i:
            return True
        if t.dep_ in ("relcl", "ccomp", "parataxis", "conj") or t.head is t or any(
                c.dep_ == "mark" for c in t.children):
            return False
        t = t.head
    return False


NOT_DEADLY = {"abduction", "sexual", "looting", "arrests"}
_PROTEST_RESPONSE = EN.words("protest_response")


SEVERITY = ("peaceful", "intervention", "excessive")


def _respond(protest: Draft, response: Draft) -> None:
    """Police arrests or shooting at a protest make it a protest with intervention / excessive
    force; violence by the protesters makes it a violent demonstration."""
    if protest.sub not in SEVERITY:
        return
    actor_kind = coding.kind_of(coding.Side(response.parts.actor, response.parts.actor_head))
    if actor_kind in ("protester", "rioter") or response.sub == "violent_demo":
        protest.sub = "violent_demo"
        return
    victims = coding.kind_of(coding.Side(response.parts.target, response.parts.target_head))
    if _protesting(protest, response.parts.target_head):  # "fired on a crowd protesting"
        victims = "protester"
    if response.sub not in ("arrests", "intervention") and victims not in ("protester",
                                                                           "civilian"):
        return
    level = "intervention" if response.sub in ("arrests", "intervention") else "excessive"
    if level == "excessive" and response.cand.entry.head in HURT and \
            coding.INTERVENTION.search(sent_text(response)) and \
            not coding.EXCESSIVE.search(sent_text(response)):
        level = "intervention"  # injured in a baton charge: intervention, not deadly force
    if SEVERITY.index(level) > SEVERITY.index(protest.sub):
        protest.sub = level
    if actor_kind != "state" or response.parts.actor is None:
        return
    if protest.sub == "excessive" and not _is_state(protest.parts.actor):
        # ACLED: the force is actor 1, the protesters actor 2
        protest.parts.target, protest.parts.actor = protest.parts.actor, response.parts.actor
    elif protest.sub == "intervention" and protest.parts.target is None:
        protest.parts.target = response.parts.actor  # ACLED: the force that intervened


HURT = {"wound", "injure", "hurt", "beat"}


def sent_text(d: Draft) -> str:
    return str(d.token.sent.text)


def _is_state(actor: Actor | None) -> bool:
    return actor is not None and coding.kind_of(coding.Side(actor, None)) == "state"


def _protested(act: Draft, protests: list[Draft]) -> bool:
    """'to protest the killing of a boy', 'rallied against the arrests': what the crowd
    protests is not what was done to it."""
    t = act.token
    heads = {p.token.i for p in protests}
    if t.dep_ == "dobj" and t.head.i in heads:
        return True
    return t.dep_ == "pobj" and t.head.lower_ in ("against", "over") and t.head.head.i in heads


def _caused(act: Draft, protest: Draft) -> bool:
    """'The massacre shocked the country and led to protests': a cause, not a response."""
    token = act.token
    return token.dep_ == "nsubj" and token.i < protest.token.i and \
        protest.token in token.head.subtree and token.head.pos_ == "VERB" and \
        token.head.lemma_.lower() not in ("disperse", "break", "end", "stop", "suppress")


def _protesting(protest: Draft, victims: Token | None) -> bool:
    """'a crowd protesting the death of a student': the crowd are the protesters."""
    token = protest.token
    return victims is not None and token.dep_ == "acl" and token.head.i == victims.i


def _civilian_victims(main: Draft, weak: Draft) -> None:
    """'Gunmen killed 14 villagers in an attack': the victims make the attack an Attack."""
    victims = coding.kind_of(coding.Side(weak.parts.target, weak.parts.target_head))
    if main.sub == "clash" and main.cand.entry.acled == "@violence" and victims == "civilian":
        main.sub = "attack"


def _same_act(a: Draft, b: Draft) -> bool:
    if a.sub is None and b.sub is None:
        return a.cand.entry.plover == b.cand.entry.plover and \
            _compatible(a.parts.actor, b.parts.actor)
    return a.sub == b.sub and _compatible(a.parts.actor, b.parts.actor) and \
        _compatible(a.parts.target, b.parts.target)


def _fill(main: Draft, other: Draft) -> None:
    """Fold another mention of the act into the main one: its words, and the participants
    only it names."""
    main.absorbed.extend(other.act_tokens())
    p, q = main.parts, other.parts
    if p.actor is None and (q.actor is not None or p.actor_head is None):
        p.actor, p.actor_head = q.actor, p.actor_head or q.actor_head
    if p.target is None and (q.target is not None or p.target_head is None):
        p.target, p.target_head = q.target, q.target_head or p.target_head
    if p.place is None:
        p.place = q.place
    if main.status.value != "asserted" and other.status.value == "asserted" and \
            main.depth >= other.depth:
        main.status = other.status

