"""Who did it, to whom, and where: a trigger's arguments in the parse, mapped to mentions."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace

from ..lang import EN
from ..model import Actor, ActorMention
from .triggers import CLAUSE_DEPS, Token

SUBJECT_DEPS = ("nsubj", "csubj")
MEANS = EN.words("means")
RELATIVE = {"which", "that", "who", "where"}
OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
TARGET_PREPS = EN.sequence("target_preps")
PARTNER_PREPS = ("with", "to", "toward", "towards")  # "met with X", "sent aid to X"
PLACE_PREPS = EN.sequence("place_preps")
LIGHT_VERBS = EN.words("light_verbs")
PLACE_NOUNS = EN.words("place_nouns")


@dataclass
class Participants:
    actor: Actor | None = None
    target: Actor | None = None
    assoc: list[Actor] = field(default_factory=list)
    actor_head: Token | None = None  # head word of the actor phrase (even with no mention)
    target_head: Token | None = None
    place: Token | None = None


def core_tokens(head: Token) -> set[int]:
    """Indices of a phrase's own words: its subtree minus relative and other clauses."""
    out = {head.i}
    for child in head.children:
        if child.dep_ in CLAUSE_DEPS - {"conj"} or child.dep_ == "appos" and child.pos_ == "VERB":
            continue
        out |= {t.i for t in child.subtree}
    return out


def mentions_in(tokens: set[int], mentions: list[ActorMention]) -> list[ActorMention]:
    return [m for m in mentions if m.token_start in tokens or (m.token_end - 1) in tokens]


def _coordinated(head: Token) -> set[int]:
    """Words of the phrase that name participants side by side: the head, words coordinated
    with it ("the army and rebels"), and coordinated modifiers ("Russian and Syrian troops");
    not words inside its prepositional or possessive parts ("the allies of Moscow")."""
    out = {head.i}
    frontier = [head]
    while frontier:
        t = frontier.pop()
        for c in t.children:
            if c.dep_ in ("conj", "amod", "compound", "nmod", "appos") and c.i not in out:
                out.add(c.i)
                frontier.append(c)
    return out


def resolve(head: Token | None, mentions: list[ActorMention]
            ) -> tuple[Actor | None, list[Actor]]:
    """The main actor of a phrase and the others coordinated with it."""
    if head is None:
        return None, []
    inside = [m for m in mentions if m.token_start <= head.i < m.token_end]  # "riot police"
    found = inside + [m for m in mentions_in(core_tokens(head), mentions) if m not in inside]
    if not found:
        return None, []
    side = _coordinated(head)
    of = prep_object(head, "of")  # "the forces of the regime", not "the allies of Moscow's"
    poss = child(head, "poss")  # "the Security Council's decision"
    owner = side | (_coordinated(of) if of is not None else set()) | \
        (_coordinated(poss) if poss is not None else set())
    main = next((m for m in found if m.token_start <= head.i < m.token_end), None) or \
        next((m for m in found if any(m.token_start <= i < m.token_end for i in owner)), None)
    if main is None:
        return None, []
    others: list[Actor] = []
    seen = {main.actor.id}
    for m in found:
        if m.actor.id not in seen and any(m.token_start <= i < m.token_end for i in side):
            others.append(m.actor)
            seen.add(m.actor.id)
    return main.actor, others


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


SUPPORT_NOUNS = EN.words("support_nouns")


# "troops backed by militias", "rebels supported by Rwandan troops".
BACKING_VERBS = EN.words("backing_verbs")
ALLY_PREPS = ("alongside",)  # "fought alongside Wagner fighters"


def allies_phrase(token: Token) -> Token | None:
    """X in 'with the support of X' / 'backed by X': a helper of the actor, not a target."""
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            obj = child(c, "pobj")
            if obj is not None and obj.lemma_.lower() in SUPPORT_NOUNS:
                return prep_object(obj, "of", "from", "by") or obj
        if c.dep_ == "prep" and c.lower_ in ALLY_PREPS:
            return child(c, "pobj")
    return None


def ally_tokens(token: Token, subj: Token | None) -> set[int]:
    """Every word of the act's allies phrases: no act of its own ("with air support")."""
    heads = [h for h in [allies_phrase(token), *backers(subj)] if h is not None]
    verbs = [c.i for c in (subj.children if subj is not None else ())
             if c.dep_ == "acl" and c.lemma_.lower() in BACKING_VERBS]  # "backed" itself
    return {t.i for h in heads for t in h.subtree} | set(verbs)


def _context_only(actor: Actor | None, helper: Actor) -> bool:
    """A generic actor placed by the helper's own country word ("the army, with Russian
    air support"): the helper is named, the actor's country still open."""
    return actor is not None and bool(actor.placed) and not helper.placed and \
        actor.id == helper.id


def backers(subj: Token | None) -> list[Token]:
    """Helpers named in the actor's own phrase: 'regime forces backed by Russian
    warplanes', 'the army, with Russian air support,'."""
    if subj is None:
        return []
    out = []
    for c in subj.children:
        if c.dep_ == "acl" and c.lemma_.lower() in BACKING_VERBS:
            by = prep_object(c, "by")
            out += [by] if by is not None else []
        elif c.dep_ == "prep" and c.lower_ in ("with", *ALLY_PREPS):
            obj = child(c, "pobj")
            if obj is not None and (c.lower_ != "with" or obj.lemma_.lower() in SUPPORT_NOUNS):
                out.append(prep_object(obj, "of", "from", "by") or obj)
    return out


def prep_object(token: Token, *preps: str) -> Token | None:
    for c in token.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            obj = child(c, "pobj", "pcomp")
            if obj is not None and c.lower_ == "with" and obj.lemma_.lower() in SUPPORT_NOUNS:
                continue  # "with the support of X" names an ally
            if obj is not None and obj.ent_type_ in ("DATE", "TIME"):
                continue  # "On 20 October, police fired on ...": a date, not a target
            if obj is None and c.lower_ == "out":  # "out of the town"
                of = child(c, "prep")
                obj = child(of, "pobj") if of is not None else None
            if obj is not None:
                return obj
    return None


# Passive forms that say what the subject does or feels: "X is opposed to", "is engaged in".
STATIVE = EN.words("stative")


def is_passive(token: Token) -> bool:
    """A passive whose subject undergoes the act (not 'X is opposed to Y' with no agent)."""
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
        return False
    return token.lemma_.lower() not in STATIVE or prep_object(token, "by") is not None


def _stative_subject(token: Token) -> Token | None:
    return child(token, "nsubjpass") if token.lemma_.lower() in STATIVE else None


def verb_subject(token: Token, control: bool = True) -> Token | None:
    """Grammatical agent of a verb, following conjunctions, xcomp and 'by' agents (and,
    with `control`, the object an infinitive is asked of: 'urged X to withdraw')."""
    if is_passive(token):
        return prep_object(token, "by")
    subj = child(token, *SUBJECT_DEPS) or _stative_subject(token)
    seen = 0
    t = token
    # "stormed and captured", "tried to capture", "is willing to withdraw" (acomp),
    # "are guilty of violating" (pcomp)
    while subj is None and seen < 4:
        controller = (_object_controller(t) or _accused(t)) if control else None
        if controller is not None:
            return controller  # "urged Russia to withdraw": Russia would withdraw
        if t.dep_ == "pcomp" and t.head.dep_ == "prep":
            t = t.head.head
        elif t.dep_ in ("conj", "xcomp", "advcl", "acomp"):
            t = t.head
        else:
            break
        seen += 1
        subj = child(t, *SUBJECT_DEPS) if not is_passive(t) else prep_object(t, "by")
    return subj


# Verbs whose object does what the infinitive after them says: "urged X to withdraw".
OBJECT_CONTROL = EN.words("object_control")


def _object_controller(token: Token) -> Token | None:
    """The one asked to act: the object of 'urged X to', 'called on X to', 'asked X to'."""
    if token.dep_ not in ("xcomp", "advcl", "ccomp") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None
    head = token.head
    if head.lemma_.lower() not in OBJECT_CONTROL:
        return None
    obj = child(head, "dobj")
    if obj is not None and obj.i < token.i:
        return obj
    return prep_object(head, "on", "upon")  # "called on Israel to halt"


ACCUSING = EN.words("participants_accusing")


def _accused(token: Token) -> Token | None:
    """'accused Azerbaijan of blocking the corridor': Azerbaijan would be the one blocking."""
    prep = token.head
    if token.dep_ != "pcomp" or prep.lower_ not in ("of", "for"):
        return None
    verb = prep.head
    if verb.lemma_.lower() not in ACCUSING:
        return None
    return child(verb, "dobj") or child(verb, "nsubjpass")


def verb_object(token: Token, skip: tuple[int, ...] = ()) -> Token | None:
    """The patient: direct object, passive subject, or 'on/at/against X' (past a weapon
    object or a phrase word: 'fired rockets at X', 'opened fire on X')."""
    if is_passive(token):
        return child(token, "nsubjpass")
    obj = child(token, "dobj")
    if obj is not None and (obj.i in skip or obj.lemma_.lower() in MEANS):
        return prep_object(obj, *TARGET_PREPS) or prep_object(token, *TARGET_PREPS)
    return obj or prep_object(token, *TARGET_PREPS) or prep_object(token, *PARTNER_PREPS)


# Verbs whose object is somebody else's act: "condemned the attack", "fled the fighting".
OTHERS_ACTS = EN.words("others_acts")


def _governing_verb(token: Token) -> Token | None:
    """The verb a nominal act is the object of: 'held [a meeting]', 'arrived on [a visit]'."""
    t = token.head if token.dep_ == "compound" else token
    if t.dep_ in ("dobj", "attr"):
        gov = t.head
    elif t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in ("on", "in", "for",
                                                                           "into", "to"):
        gov = t.head.head
    else:
        return None
    return gov if gov.pos_ == "VERB" else None


def noun_object(token: Token) -> Token | None:
    target = prep_object(token, "on", "against", "of", "targeting", "upon")
    if target is not None:
        return target
    partner = prep_object(token, *PARTNER_PREPS)  # "talks with X", "aid to X"
    if partner is not None:
        return partner
    between = between_object(token)
    if between is not None:
        return child(between, "conj")
    return None


def between_object(token: Token) -> Token | None:
    """The first side of 'between X and Y' said of a nominal act, or of the verb it is the
    subject of ('clashes broke out between X and Y', 'fighting took place between ...')."""
    obj = prep_object(token, "between")
    if obj is None and token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB":
        obj = prep_object(token.head, "between")
    return obj


def place_of(token: Token, obj: Token | None, mentions: list[ActorMention]) -> Token | None:
    """A place the action names: its object ("retook the city of Palmyra") or a locative."""
    taken = {i for m in mentions for i in range(m.token_start, m.token_end)}
    for prep in (None, *EN.sequence("action_place_preps")):
        cand = obj if prep is None else prep_object(token, prep)
        place = _place_in_phrase(cand, taken) if cand is not None else None
        if place is not None:
            return place
    return None


def _place_in_phrase(head: Token, taken: set[int], depth: int = 2) -> Token | None:
    """The proper name in 'the ancient city of Palmyra' / 'Palmyra' / 'the town', if any."""
    if head.ent_type_ in ("DATE", "TIME"):  # "on Friday"
        return None
    if head.pos_ == "PROPN" and head.i not in taken:
        return head
    generic = head.lower_ in PLACE_NOUNS or head.lemma_.lower() in PLACE_NOUNS
    for c in head.children:
        # "the city of Palmyra"; "a base in the town of Mora" (a named place in a generic one)
        inner = ("of", "over") + (("in", "near", "outside", "at") if generic else ())
        if c.dep_ == "prep" and c.lower_ in inner and depth > 0:
            pobj = child(c, "pobj")
            found = _place_in_phrase(pobj, taken, depth - 1) if pobj is not None else None
            if found is not None:
                return found
        if c.dep_ in ("compound", "appos") and c.pos_ == "PROPN" and c.i not in taken:
            return c
    if head.lower_ in PLACE_NOUNS or head.lemma_.lower() in PLACE_NOUNS:
        return head
    return None


@functools.lru_cache(maxsize=4096)
def _country_name(text: str) -> bool:
    import pycountry

    try:
        pycountry.countries.lookup(text)
    except LookupError:
        return False
    return True


def is_country(token: Token) -> bool:
    """'Syria', 'Russia': a whole country, not a place that changes hands."""
    return token.pos_ == "PROPN" and _country_name(token.text)


def _antecedent(token: Token | None, trigger: Token) -> Token | None:
    """'Palmyra, which was liberated ...': the relative pronoun stands for Palmyra."""
    if token is not None and token.lower_ in RELATIVE and trigger.dep_ == "relcl":
        return trigger.head
    return token


def _lost_subject(token: Token, mentions: list[ActorMention]) -> Token | None:
    """The actor named last before a main verb the parser left with no subject at all
    ("With the signing of the accord, [the government and the rebels] have agreed ...")."""
    finite = token.tag_ in ("VBD", "VBZ", "VBP") or child(token, "aux") is not None
    if token.dep_ != "ROOT" or not finite or \
            child(token, "nsubj", "nsubjpass", "csubj", "expl") is not None:
        return None
    before = [m for m in mentions if m.token_end <= token.i and m.token_start >= token.sent.start]
    if not before:
        return None
    head = token.doc[before[-1].token_end - 1]
    named = {i for m in mentions for i in range(m.token_start, m.token_end)}
    while head.dep_ == "conj" and head.head.i < head.i and head.head.i in named:
        head = head.head  # "[the government] and [the rebels]": both agreed
    return head


def participants(token: Token, mentions: list[ActorMention], parts: tuple[int, ...] = ()
                 ) -> Participants:
    """Actor, target and place of a trigger from its dependents: the first phrase in each
    role that names an actor ("their meeting" with no name falls back to who held it)."""
    if verb_like(token) and token.lemma_.lower() == "fall" or token.lower_ in ("fell", "fallen"):
        subjs, objs = [prep_object(token, "to")], [child(token, "nsubj")]
    elif verb_like(token):
        subjs, objs = verb_subjects(token), verb_objects(token, parts)
        subjs.append(_lost_subject(token, mentions))
    else:
        subjs, objs = noun_subjects(token), noun_objects(token)
    primary = _antecedent(objs[0], token) if objs else None  # the act's own object
    objs += _purpose_targets(token) + [child(token, "dobj"), _outer_object(token)]
    objs = _present([_antecedent(o, token) for o in objs])
    objs += _present([n for o in objs for n in _nested(o)])
    subjs = _present(subjs)
    subj, actor, assoc_a = pick(subjs, mentions)
    named = _self_named(token, mentions) if actor is None and not verb_like(token) else None
    if named is not None:
        subj, actor = token, named.actor
    mine = {a.id for a in [actor, *assoc_a] if a is not None}
    obj, target, assoc_t = pick(objs, mentions, mine, objects=True)
    obj = primary  # the act's own object stays its target phrase, named or not
    if target is None and assoc_a and token.lemma_.lower() in MUTUAL:
        target = assoc_a.pop(0)  # "the army and rebels clashed": one side against the other
    known = {a.id for a in [actor, target, *assoc_a, *assoc_t] if a is not None}
    for phrase in [allies_phrase(token), *backers(subj)]:
        helper, helpers = resolve(phrase, mentions)
        assoc_a += [a for a in ([helper] if helper else []) + helpers
                    if a.id not in known or _context_only(actor, a)]
        known |= {a.id for a in assoc_a}
    assoc = assoc_a + assoc_t
    sides = ["actor"] * len(assoc_a) + ["target"] * len(assoc_t)
    return Participants(actor=actor, target=target,
                        assoc=[replace(a, side=s) for a, s in zip(assoc, sides)],
                        actor_head=subj, target_head=obj,
                        place=place_of(token, obj, mentions))


# Acts done to each other: coordinated sides ("X and Y clashed", "fighting between X and
# Y") are each other's opponents, not allies.
MUTUAL = EN.words("mutual")


def verb_like(token: Token) -> bool:
    """A verb, a gerund, or a predicative adjective of will ('is willing to', 'is opposed')."""
    return token.pos_ == "VERB" or token.tag_ == "VBG" and token.pos_ != "NOUN" or \
        token.pos_ == "ADJ" and token.dep_ in ("acomp", "ROOT", "xcomp", "ccomp", "conj")


def _present(heads: list[Token | None]) -> list[Token]:
    out: list[Token] = []
    for h in heads:
        if h is not None and all(h.i != o.i for o in out):
            out.append(h)
    return out


def pick(heads: list[Token], mentions: list[ActorMention], avoid: set[str] | None = None,
         objects: bool = False) -> tuple[Token | None, Actor | None, list[Actor]]:
    """The first phrase naming an actor not in `avoid`, with the actors coordinated with it
    (for `objects`, not the actor's own things: "withdrew its troops"); the first phrase,
    unnamed, when none does."""
    avoid = avoid or set()
    for head in heads:
        actor, assoc = resolve(head, mentions)
        if actor is not None and actor.id not in avoid and not (
                objects and _own_thing(head)):
            return head, actor, [a for a in assoc if a.id not in avoid]
    return (heads[0] if heads else None), None, []


def verb_subjects(token: Token, control: bool = True) -> list[Token | None]:
    """Who did it: the grammatical agent, the claimant of an attack, or, for a pronoun or a
    missing subject, the speaker of the clause above and the source of an 'according to'."""
    subj = verb_subject(token, control)
    if token.dep_ == "acl" and token.tag_ == "VBG" and subj is None:
        return [token.head, *noun_subjects(token.head)]  # "a declaration demanding that ..."
    out = [_planted_by(subj), subj, _claimant(token)]
    if subj is None and is_passive(token):  # "were killed in an attack blamed on X"
        out.insert(0, blamed_on(token))
    elif subj is not None and subj.pos_ == "NOUN":  # "a blast attributed to X killed six"
        out.insert(1, blamed_on(subj))
    if subj is None and token.tag_ == "VBG":  # "fighting between X and Y killed ..."
        out.insert(0, prep_object(token, "between"))
    # the speaker of a passive act is who reports it, not who did it ("four were killed
    # in a strike, a security official said")
    if subj is None and not is_passive(token) or subj is not None and subj.pos_ == "PRON":
        out.append(_outer_subject(token))
    if subj is not None and subj.head.i == token.i:  # a misparse with several subjects
        out += [c for c in token.children if c.dep_ in ("nsubj", "dep") and c.i < token.i]
    return out


PLACING_VERBS = EN.words("placing_verbs")


def _planted_by(subj: Token | None) -> Token | None:
    """'a landmine planted by JNIM exploded': who placed the device set it off."""
    if subj is None:
        return None
    for c in subj.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in PLACING_VERBS:
            agent = child(c, "agent")
            if agent is not None:
                return child(agent, "pobj")
    return None


# Nominal acts whose "from X" names their author, not a place left.
FROM_AUTHOR = EN.words("from_author")


# Participles that name the doer of the act they follow, with their preposition.
ATTRIBUTING = EN.mapping("attributing")


def blamed_on(token: Token) -> Token | None:
    """'an attack near the border blamed on ELN rebels': who the act is put down to (the
    participle may hang on a noun inside the act's phrase)."""
    for t in token.subtree:
        prep = ATTRIBUTING.get(t.lemma_.lower())
        if prep is not None and t.dep_ == "acl" and t.tag_ == "VBN":
            obj = prep_object(t, prep)
            if obj is not None:
                return obj
    return None


def noun_subjects(token: Token) -> list[Token | None]:
    """Who did a named act: 'by X', X's act, the X act, the one it is blamed on, the one
    who held or launched it."""
    comps = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and
             c.pos_ in ("PROPN", "ADJ", "NOUN")]
    out = [prep_object(token, "by") or between_object(token), blamed_on(token),
           child(token, "poss"), *comps]
    if token.lemma_.lower() in FROM_AUTHOR:
        out.append(prep_object(token, "from"))  # "demands from X", "an offer from X"
    if token.dep_ in ("dobj", "attr") and token.head.lemma_.lower() in LIGHT_VERBS:
        out += verb_subjects(token.head)
    measure = _measure_of(token)  # "launched ten days of war games", "a wave of strikes"
    if measure is not None and measure.head.lemma_.lower() in LIGHT_VERBS:
        out += verb_subjects(measure.head)
    gov = _governing_verb(token)
    if gov is not None and gov.lemma_.lower() not in OTHERS_ACTS:
        out += verb_subjects(gov, control=False)  # "held a meeting", "arrived on a visit"
    return out + [_claimant(token)]


def _measure_of(token: Token) -> Token | None:
    """The object noun an act is counted or timed by: 'days' in 'ten days of war games'."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "of":
        return None
    noun = prep.head
    return noun if noun.pos_ == "NOUN" and noun.dep_ in ("dobj", "attr") else None


def _self_named(token: Token, mentions: list[ActorMention]) -> ActorMention | None:
    """'demonstrations', 'a bombing': an act whose own word names its actor (protesters, an
    unidentified group), unless it points back to an act already told ('the protest')."""
    det = child(token, "det")
    if det is not None and det.lower_ in ANAPHORIC:
        return None
    return next((m for m in mentions if m.token_start <= token.i < m.token_end), None)


ANAPHORIC = {"the", "this", "that", "these", "those"}


def _outer_subject(token: Token) -> Token | None:
    """'X announced that it has called off the strike': 'it' is X; 'X said that lifting
    the sanctions is out of the question': X would lift them."""
    t = token
    for _ in range(4):
        if t.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "acomp", "csubj") or t.head is t:
            return None
        t = t.head
        subj = child(t, "nsubj")
        if subj is not None and subj.pos_ != "PRON":
            return subj
    return None


OTHER_PARTY = EN.words("other_party")


def _own_thing(head: Token) -> bool:
    """'offered its troops', 'withdraw their forces': the actor's own, not a target
    ('met his Russian counterpart' is another party)."""
    if head.lower_ in OTHER_PARTY:
        return False
    own = child(head, "poss")
    return own is not None and own.lower_ in ("its", "their", "his", "her", "our")


RECIPIENT_PREPS = PARTNER_PREPS + ("for", "from", "into")
# Verbs whose "for X" is the side they act for, not whom they act on.
ON_BEHALF = EN.words("on_behalf")


def verb_objects(token: Token, skip: tuple[int, ...] = ()) -> list[Token | None]:
    """To whom: the patient, then recipients, partners, the one told to act and the one a
    threat is conditional on ("unless X withdraws")."""
    primary = verb_object(token, skip)
    between = prep_object(token, "between", "among")  # "mediate between X and Y"
    out = [primary, child(token, "dative"), prep_object(token, *PARTNER_PREPS),
           prep_object(token, *TARGET_PREPS), between, child(between, "conj")
           if between is not None else None]
    dobj = child(token, "dobj")
    if dobj is not None:
        for thing in [dobj, *dobj.conjuncts]:  # "rocket fire against X", "calls by X"
            out.append(prep_object(thing, *TARGET_PREPS, *RECIPIENT_PREPS, "by"))
    behalf = token.lemma_.lower() in ON_BEHALF  # "fight for Egypt": Egypt is a side
    purpose = prep_object(token, *(("from",) if behalf else ("for", "from")))
    out += [purpose, _act_target(purpose), _clause_subject(token), _condition_subject(token),
            _act_target(prep_object(token, "after", "following"))]  # "after fighting with X"
    out += [prep_object(c, *TARGET_PREPS, *PARTNER_PREPS) for c in token.children
            if c.dep_ == "prt"]  # "kidnapped up to 16 advisers"
    xcomp = child(token, "xcomp")
    if xcomp is not None and xcomp.i != token.i:
        out += verb_objects(xcomp)  # "promised to continue aid to X", "offered to meet X"
    return out


def _act_target(head: Token | None) -> Token | None:
    """X in '[a war] against X' / '[air links] with X': the target of a nested act."""
    return prep_object(head, "against", "on", "with") if head is not None else None


def _condition_subject(token: Token) -> Token | None:
    """X in 'threatened to ... unless X withdraws' / '... if X goes ahead'."""
    for c in token.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                     for m in c.children):
            return child(c, "nsubj")
    return None


def _clause_subject(token: Token) -> Token | None:
    """Y in 'X demanded that Y withdraw', 'X said Y must return': who is told to act."""
    clause = child(token, "ccomp")
    return child(clause, "nsubj") if clause is not None else None


def noun_objects(token: Token) -> list[Token | None]:
    """To whom a named act was done: 'attack on X', 'talks with X', 'aid for X', 'mediation
    between X and Y', 'gave X aid', 'a demand that X ...'."""
    out: list[Token | None] = []
    for t in _phrase_heads(token):  # "aid" in "a military aid program for X", "$5m of aid"
        between = prep_object(t, "between")
        first = noun_object(t)
        out += [first, between, child(between, "conj") if between is not None else None,
                prep_object(t, *RECIPIENT_PREPS), _act_target(first)]
        gov = _governing_verb(t)
        if gov is not None and t.dep_ == "dobj":
            out += [child(gov, "dative"), prep_object(gov, *PARTNER_PREPS),
                    prep_object(gov, "against", "on", "into"), _clause_subject(gov)]
        out += [_clause_subject(t), _acl_subject(t)]
    return out


def _phrase_heads(token: Token) -> list[Token]:
    """The act noun and the nouns it names: 'mediation [effort]', '[5 million dollars] of aid'."""
    out = [token]
    t = token
    for _ in range(2):
        if t.dep_ == "compound" and t.head.pos_ in ("NOUN", "PROPN"):
            t = t.head
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN":
            t = t.head.head
        else:
            break
        out.append(t)
    return out


NESTED_PREPS = EN.sequence("nested_preps")


def _nested(head: Token | None) -> list[Token | None]:
    """Actors named one or two phrases inside an object: 'demands from X', 'a commitment to
    X', 'crimes committed by X', 'the removal of forces from X'."""
    if head is None or head.pos_ == "VERB":  # "arrested for collaborating with X": no
        return []
    out: list[Token | None] = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in NESTED_PREPS:
            obj = child(c, "pobj")
            out += [obj, *_nested_once(obj)]
        elif c.dep_ == "acl":
            out.append(prep_object(c, "by"))
    return out


def _nested_once(head: Token | None) -> list[Token | None]:
    if head is None:
        return []
    return [child(c, "pobj") for c in head.children
            if c.dep_ in ("prep", "agent") and c.lower_ in NESTED_PREPS]


def _purpose_targets(token: Token) -> list[Token | None]:
    """Whom an act is aimed at through its purpose: 'opened fire to disperse X', 'staged a
    hunger strike to demand the resignation of X', 'rallied in protest against X'."""
    heads = [token] + ([_governing_verb(token)] if token.pos_ == "NOUN" else [])
    out: list[Token | None] = []
    for h in heads:
        if h is None:
            continue
        for c in h.children:
            if c.dep_ in ("advcl", "xcomp", "acl") and c.pos_ == "VERB" and \
                    c.tag_ in ("VB", "VBG"):
                out += [*verb_objects(c), prep_object(c, "from", "against", "for", "on")]
            elif c.dep_ == "prep" and c.lower_ in ("in", "of"):
                out.append(_protested(child(c, "pobj")))
    return out


def _protested(head: Token | None) -> Token | None:
    """X in '[in] protest against X', '[in] defiance of X'."""
    if head is None or head.lower_ not in ("protest", "defiance", "opposition"):
        return None
    return prep_object(head, "against", "of", "at", "to")


def _outer_object(token: Token) -> Token | None:
    """X in 'summoned X to complain': whom a purpose clause's act is addressed to."""
    if token.dep_ in ("advcl", "xcomp") and token.head.pos_ == "VERB":
        return child(token.head, "dobj")
    return None


def _acl_subject(token: Token) -> Token | None:
    """'its demands that the government grant ...' (a clause attached to the noun)."""
    clause = child(token, "acl", "relcl")
    if clause is None or clause.dep_ == "relcl" and not any(
            c.dep_ == "mark" for c in clause.children):
        return None
    return child(clause, "nsubj")


def _claimant(token: Token) -> Token | None:
    """The group that claimed responsibility for an act ('claimed the attack', 'the attack
    was claimed by X', 'claimed responsibility for the bombing')."""
    head = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "for" else token.head
    if head.lower_ == "responsibility":
        head = head.head
    if head.lemma_.lower() != "claim" or token.dep_ not in ("dobj", "nsubjpass", "pobj"):
        return None
    agent = next((c for c in head.children if c.dep_ == "agent"), None)
    return child(agent, "pobj") if agent is not None else child(head, "nsubj")


def framed(frame: Token, inner: Participants, mentions: list[ActorMention], *,
           speech: bool) -> Participants:
    """Participants of a verbal event read from the act it reports: "X said Y must return
    the helicopter" is X's demand to Y; "X lifted the curfew" is X's act on the curfew's
    target.  The act's own actor is the target of a demand or an offer (`speech`)."""
    outer = participants(frame, mentions)
    speaker = _speaker(frame) if speech else None
    if speaker is not None:  # "X said Y must be ready to ...": X asks, Y is asked
        head, actor, assoc = pick([speaker], mentions)
        if actor is not None:
            asked = Participants(actor=outer.actor, assoc=outer.assoc, actor_head=outer.actor_head)
            outer = replace(outer, actor=actor, actor_head=head,
                            assoc=[replace(a, side="actor") for a in assoc])
            inner = asked if asked.actor is not None else inner
    by_outer = outer.actor is not None
    actor = outer.actor if by_outer else inner.actor
    assoc = _side(outer if by_outer else inner, "actor", "actor")
    mine = {a.id for a in [actor, *assoc] if a is not None}
    if speech and inner.actor is not None and inner.actor.id not in mine:
        target, head = inner.actor, inner.actor_head  # "X urged that Y ...": Y
        assoc += _side(inner, "actor", "target")
    elif outer.target is not None and outer.target.id not in mine:
        target, head = outer.target, outer.target_head
        assoc += _side(outer, "target", "target")
    elif inner.target is not None and inner.target.id not in mine:
        target, head = inner.target, inner.target_head
        assoc += _side(inner, "target", "target")
    else:
        target, head = None, outer.target_head or inner.target_head
    return Participants(actor=actor, target=target, assoc=assoc,
                        actor_head=outer.actor_head if by_outer else inner.actor_head,
                        target_head=head, place=inner.place or outer.place)


SPEAKING = EN.words("speaking")


def _speaker(frame: Token) -> Token | None:
    """The subject of the speech verb a frame word is reported under: X in 'X said that Y
    must be ready to ...' (frame: 'ready')."""
    t = frame
    for _ in range(3):
        if t.lemma_.lower() in SPEAKING:
            return None if t is frame else child(t, *SUBJECT_DEPS)
        if t.dep_ not in ("ccomp", "xcomp", "conj", "acomp") or t.head is t:
            return None
        t = t.head
    return None


def _side(parts: Participants, side: str, new: str) -> list[Actor]:
    return [replace(a, side=new) for a in parts.assoc if a.side == side]
