"""Status of an event: asserted, claimed (with claimant), future, hypothetical or negated.

Read from the trigger's chain of governing words: a modal or "if" anywhere above it makes
it hypothetical, "will" makes it future, a speech verb or "according to" makes it claimed.
Nominal events take the status of the clause they sit in, so nothing in a speculative
sentence is coded as asserted.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..lang import EN
from ..model import Actor, ActorMention
from .participants import child, mentions_in
from .triggers import Token

HYPOTHETICAL_AUX = EN.words("hypothetical_aux")
FUTURE_AUX = {"will", "wo", "'ll", "ll"}
HEDGE_ADVERBS = EN.words("hedge_adverbs")
OPINION_VERBS = EN.words("opinion_verbs")
FUTURE_VERBS = EN.words("future_verbs")
SPEECH_VERBS = EN.words("speech_verbs")
NEGATING_VERBS = EN.words("negating_verbs")
CLAIM_NOUNS = EN.words("claim_nouns")
CLAIM_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "apparently"}
CONDITION_MARKS = {"if", "unless", "whether", "lest"}


# Words that make a report a claim whoever makes it ("the ministry claimed ...").
CLAIM_VERBS = {"claim", "allege"}


@dataclass(frozen=True, slots=True)
class Status:
    value: str = "asserted"
    claimed_by: str | None = None
    claimant: Actor | None = None  # the known actor the report is attributed to
    co_sources: tuple[Actor, ...] = ()  # others it is attributed to with it ("X and Y said")
    claim_verb: bool = False  # "claimed", "alleged", "reportedly": a claim by its word


def chain(token: Token) -> list[Token]:
    """The trigger and every word above it, up to the root."""
    out = [token]
    while out[-1].head.i != out[-1].i and len(out) < 40:
        out.append(out[-1].head)
    return out


def _negated(token: Token, links: list[Token]) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    subj = child(token, "nsubj")  # "neither Syrians nor their allies will fight"
    if subj is not None and any(c.dep_ in ("preconj", "det") and c.lower_ == "neither"
                                for c in subj.children):
        return True
    det = child(token, "det")
    if token.pos_ == "NOUN" and det is not None and det.lower_ == "no":
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "without":  # "without a fight"
        return True
    subj = child(token, "nsubjpass", "nsubj")  # "nobody was arrested"
    no_one = subj is not None and (subj.lower_ in ("nobody", "no-one") or subj.lower_ == "one"
                                   and any(c.lower_ == "no" for c in subj.children))
    if no_one and token.lemma_ not in (
            "kill", "die", "injure", "wound", "hurt"):
        return True
    # "failed to capture", "did not try to attack": governing verbs through xcomp only
    below = token
    for above in links[1:4]:
        if below.dep_ != "xcomp":
            break
        if above.lemma_.lower() in NEGATING_VERBS or any(c.dep_ == "neg" for c in above.children):
            return True
        below = above
    return False


INTENT_ADJECTIVES = EN.words("intent_adjectives")
# Adjectives that make the act in their infinitive a possibility ("difficult to intercept").
ABILITY_ADJECTIVES = EN.words("ability_adjectives")
IMPLICATIVE = EN.words("implicative")


MEANS_VERBS = {"use", "employ"}


def _purpose(token: Token) -> bool:
    """An infinitive of purpose or intent ('launched an offensive to retake the city')."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    head = token.head
    if head.lower_ in INTENT_ADJECTIVES:  # "is willing to send", "ready to host"
        return False
    if head.lemma_.lower() in MEANS_VERBS:  # "used tear gas to disperse": a means, done
        return False
    if head.dep_ == "dobj" and head.head.lemma_.lower() in MEANS_VERBS:
        return False  # "used live ammunition to disperse": the infinitive hangs off the means
    if any(c.dep_ == "dobj" for c in head.children):  # "started a campaign to defeat"
        return True
    return head.lemma_.lower() not in IMPLICATIVE


def _modality(links: list[Token]) -> str | None:
    """'future' or 'hypothetical' from auxiliaries, 'if' clauses, hedges and opinion verbs."""
    root = links[-1]
    if root.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in root.children):
        # a misparsed participle root ("soldiers, taken prisoner, will become victims")
        links = links + [c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for t in links:
        if t.pos_ == "VERB" and links[0].pos_ == "VERB" and _purpose(t) and \
                t.head.lemma_.lower() not in FUTURE_VERBS:
            return "hypothetical"
        kids = list(t.children)
        lemmas = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
        if _reported_future(t, links):
            return "future"
        if lemmas & HYPOTHETICAL_AUX:
            return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in kids):
            return "hypothetical"
        if any(c.lower_ in HEDGE_ADVERBS for c in kids if c.dep_ == "advmod"):
            return "future" if lemmas & FUTURE_AUX else "hypothetical"
        if lemmas & FUTURE_AUX or _going_to(t):
            return "future"
        if t is not links[0] and t.lower_ in INTENT_ADJECTIVES and \
                _is_complement_path(links, t):
            return "future"  # "is willing to withdraw", "ready to host"
        if t is not links[0] and t.lower_ in ABILITY_ADJECTIVES and \
                _is_complement_path(links, t):
            return "hypothetical"  # "are difficult to intercept", "is likely to attack"
        if t is not links[0] and t.pos_ == "VERB":
            lemma = t.lemma_.lower()
            if lemma in OPINION_VERBS:
                return "hypothetical"
            if lemma in FUTURE_VERBS and _is_complement_path(links, t):
                return "future"
    return None


def _own_modal(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX - {"would"}
               for c in token.children)


def _reported_future(t: Token, links: list[Token]) -> bool:
    """'said it would retake': "would" is the future of a reported statement."""
    if not any(c.dep_ == "aux" and c.lower_ == "would" for c in t.children):
        return False
    return any(x.lemma_.lower() in SPEECH_VERBS | PROMISING and x.tag_ == "VBD"
               for x in links[1:])


PROMISING = EN.words("promising")


def _going_to(t: Token) -> bool:
    head = t.head
    return t.dep_ == "xcomp" and head.lower_ == "going" and \
        any(c.lower_ in EN.sequence("be_forms") for c in head.children)


def _is_complement_path(links: list[Token], verb: Token) -> bool:
    """The act is the planned one ('plans to attack'), not a reported past act
    ('announced that it has called off the strike')."""
    below = links[links.index(verb) - 1]
    if below.dep_ == "ccomp" and (below.tag_ in ("VBD", "VBN") or any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in below.children)):
        return False
    infinitive = below.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                               for c in below.children)
    return below.dep_ in ("xcomp", "ccomp") or infinitive  # "threatened on Monday to attack"


def _claim(sent: Token, links: list[Token], mentions: list[ActorMention]) -> Status | None:
    for below, t in itertools.pairwise(links):
        if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS:
            if below.dep_ == "dobj" and t.lemma_.lower() == "announce":
                continue  # "announced their merger": their own act, not a claim
            if t.lemma_.lower() == "deny":  # "the rebels denied that they had attacked"
                return Status("negated")
            subj = child(t, "nsubj", "nsubjpass")
            if subj is not None and subj.lemma_.lower() in TOLLS:
                continue  # "..., no casualties reported"
            return _claimed(_subject(t), mentions, t.lemma_.lower() in CLAIM_VERBS)
    for t in links[1:]:  # "Putin's announcement about Russia's withdrawal"
        if t.pos_ == "NOUN" and t.lemma_.lower() in CLAIM_NOUNS:
            owner = child(t, "poss") or next((c for c in t.children if c.dep_ == "prep" and
                                              c.lower_ in ("by", "from")), None)
            if owner is not None and owner.dep_ == "prep":
                owner = child(owner, "pobj")
            return _claimed(owner, mentions, t.lemma_.lower() in ("claim", "allegation"))
    root = links[-1]
    for c in root.children:  # "..., the army said" (a participle "saying" is the actor's own)
        subj = child(c, "nsubj", "nsubjpass")
        if c.dep_ in ("parataxis", "advcl", "ccomp") and c.lemma_.lower() in SPEECH_VERBS \
                and c not in links and subj is not None and subj.lemma_.lower() not in TOLLS:
            return _claimed(_subject(c), mentions, c.lemma_.lower() in CLAIM_VERBS)
    for t in sent:
        if t.lower_ == "according":
            to = next((c for c in t.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            return _claimed(obj, mentions, False)
    if any(t.lower_ in CLAIM_ADVERBS for t in sent):
        return Status("claimed", None, claim_verb=True)
    return None


# "no casualties reported": a note on the toll, not someone's claim about the act.
TOLLS = EN.words("tolls")


def _claimed(head: Token | None, mentions: list[ActorMention], verb: bool) -> Status:
    """A claimed status with its claimant: the known actor in `head`'s phrase, if any."""
    if head is None:
        return Status("claimed", None, claim_verb=verb)
    found = mentions_in({t.i for t in head.subtree}, mentions)
    actor = found[0].actor if found else None
    others = tuple(m.actor for m in found[1:])
    words = str(head.doc[head.left_edge.i:head.right_edge.i + 1].text)
    name = words if "state" in words.lower().split() else _phrase_name(head, mentions)
    return Status("claimed", name, actor, others, verb)  # state media keep their words


def _subject(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    by = child(agent, "pobj") if agent is not None else None  # "was claimed by Boko Haram"
    subj = by if by is not None else child(verb, "nsubj")
    if subj is None or subj.pos_ == "PRON" and subj.lower_ not in ("it", "they"):
        return None
    return subj


def _phrase_name(head: Token, mentions: list[ActorMention]) -> str:
    """The actor's name when the phrase is a known actor, else the phrase itself."""
    tokens = {t.i for t in head.subtree}
    found = mentions_in(tokens, mentions)
    if found:
        return found[0].actor.name
    words = [t for t in head.subtree if t.dep_ not in ("det", "punct", "relcl")]
    left = min((t.i for t in words), default=head.i)
    right = max((t.i for t in words if t.i <= head.i + 8), default=head.i)
    return str(head.doc[left:right + 1].text)


def status_of(token: Token, sent: Token, mentions: list[ActorMention]) -> Status:
    """The status of the event triggered by `token` in sentence `sent`."""
    links = chain(token)
    if sent.text.rstrip().rstrip('"\u201d\'').endswith("?"):
        return Status("hypothetical")  # "Will the army retake the town?"
    if _negated(token, links):
        # "should not fire on protesters" stays irrealis; "did not attack" is negated
        irrealis = _modality(links) == "hypothetical" and _own_modal(token)
        return Status("hypothetical" if irrealis else "negated")
    # A definite nominal event ("the retaking of Palmyra") is presupposed, but inside a
    # speculative sentence it still takes the sentence's status: never coded as asserted
    # from speculation; the asserted report elsewhere in the article wins when merging.
    modality = _modality(links)
    if modality is not None:
        return Status(modality)
    return _claim(sent, links, mentions) or Status()
