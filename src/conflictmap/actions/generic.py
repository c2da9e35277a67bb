"""Act words that do not report an act: opinion, analysis and background talk.

Machine-coded feeds turn commentary into events.  A trigger word is not an event when:

- it names a kind of act, not an act: a modifier or complement of an abstract noun
  ("the kidnapping industry", "a strategy of bombing towns", "restrictions on deploying
  troops"), the object of a verb about rules or ideas ("bypassing restrictions"), a gerund
  used as a subject ("defeating the jihadists will require ..."), a sentence about anyone
  ("one cannot win a war with airstrikes");
- it is a metaphor: the act is aimed at an abstraction ("the battle for hearts and minds",
  "will not defeat terrorism", "a war on drugs");
- it is the content of an accusation with no place of its own ("accuses the regime of
  fighting the wrong enemy"): the accusation is the event;
- it is what somebody is protected from ("failed to protect civilians from attacks"), or
  what a cause generally produces ("brutality fuels protests").

A goal ("launched a campaign to defeat the group") or a trade deal stays a PLOVER event but
is not an ACLED event: `no_acled_type`.
"""

from __future__ import annotations

from ..lang import EN
from .triggers import Candidate, Token

# Nouns about kinds of acts, rules and ideas: an act word under them is not an act.
ABSTRACT_HEADS = EN.words("abstract_heads")
# Adjectives saying how common a kind of act is: "torture is widespread".
PREVALENCE = EN.words("prevalence")
COPULAS = {"be", "become", "remain", "seem", "appear"}
# What an act is a precondition of: "the concessions needed for a lasting truce".
NEEDING = EN.words("needing")
# Verbs about rules, ideas and discourse: their nominal object is not an act.
ABSTRACT_VERBS = EN.words("abstract_verbs")
# What a metaphorical act is aimed at ("battle for hearts and minds", "war on drugs").
ABSTRACT_TARGETS = EN.words("abstract_targets")
ACCUSING = EN.words("accusing")
PROTECTING = EN.words("protecting")
CAUSING = EN.words("causing")
GENERIC_SUBJECTS = EN.words("generic_subjects")
# A topic of talk, not an act: "the ceasefire talks", "a ceasefire proposal".
TOPIC_HEADS = EN.words("topic_heads")
# "describes the election as a coup": a characterization.
CHARACTERIZING = EN.words("characterizing")
GENERIC_DETS = {"each", "every", "any", "such"}
VICTORIES = EN.words("victories")  # "each new massacre deepens the distrust"
PREVENTING = EN.words("preventing")
GOAL_NOUNS = EN.words("goal_nouns")


def not_an_event(cand: Candidate) -> bool:
    """True when the trigger talks about an act without reporting one."""
    token = cand.token
    violent = cand.entry.plover in ("ASSAULT", "COERCE")  # "rallied against corruption"
    return (_kind_of_act(token) or violent and _metaphor(token) or _accused_of(token) or
            _protected_from(token) or _generic(token))


def _kind_of_act(token: Token) -> bool:
    """'kidnapping industry', 'strategy of bombing', 'bypassing restrictions'."""
    head = token.head
    if token.dep_ == "compound" and _lemma(head) in ABSTRACT_HEADS | TOPIC_HEADS:
        return True
    if token.dep_ == "pobj" and head.lower_ == "as" and _lemma(head.head) in CHARACTERIZING:
        return True
    if token.dep_ == "oprd" and _lemma(head) in CHARACTERIZING:
        return True  # "critics call the operation a massacre"
    gov = _governor(token)
    if gov is not None and gov.pos_ in ("NOUN", "PROPN") and (
            _lemma(gov) in ABSTRACT_HEADS or gov.lower_ == "talk"):  # "talk of an offensive"
        return True
    if token.dep_ == "relcl" and any(c.dep_ == "det" and c.lower_ in GENERIC_DETS
                                     for c in head.children):
        return True  # "any agreement they sign"
    if token.dep_ in ("dobj", "nsubjpass") and _lemma(head) in ABSTRACT_VERBS:
        return True
    if token.dep_ in ("acl", "relcl") and _lemma(head) in ABSTRACT_HEADS:
        return True  # "the only way to end it", "the way this war is fought"
    if token.dep_ in ("pobj", "pcomp") and head.lower_ == "than":
        return True  # "easier than fighting jihadists"
    if token.dep_ == "nsubj" and _lemma(head) in COPULAS and any(
            c.dep_ == "attr" and _lemma(c) in ABSTRACT_HEADS for c in head.children):
        return True  # "a ceasefire is the only way to ..."
    return bool(token.dep_ == "csubj" and token.tag_ == "VBG")  # "Bombing towns is a crime"


def _governor(token: Token) -> Token | None:
    """The word a prepositional act phrase hangs on: 'strategy' in 'strategy of bombing'."""
    if token.dep_ in ("acl", "compound") and token.head.dep_ == "pobj":
        token = token.head  # "history of cattle raiding" read as "cattle [raiding]"
    if token.dep_ in ("pobj", "pcomp") and token.head.dep_ == "prep":
        return token.head.head
    return None


def _metaphor(token: Token) -> bool:
    """An act aimed at an abstraction: 'defeat terrorism', 'battle for hearts and minds'."""
    for c in token.children:
        if c.dep_ == "dobj" and _lemma(c) in ABSTRACT_TARGETS:
            return True
        if c.dep_ == "dobj" and c.lower_ == "way" and any(
                g.lower_ == "to" and any(v.lower_ in VICTORIES for v in g.children)
                for g in [*c.children, *token.children]):
            return True  # "bomb their way to victory"
        if c.dep_ == "prep" and c.lower_ in ("for", "on", "against"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lower_ in ABSTRACT_TARGETS:
                return True
    return False


def _accused_of(token: Token) -> bool:
    """'accuses the regime of fighting ...' with no place named: the content of a charge."""
    gov = _governor(token)
    if gov is None or token.head.lower_ not in ("of", "for") or token.tag_ != "VBG":
        return False
    accuser = gov.head if gov.dep_ == "dobj" else gov
    if _lemma(accuser) not in ACCUSING and _lemma(gov) not in ACCUSING:
        return False
    return not any(t.pos_ == "PROPN" or t.like_num for t in token.subtree if t is not token)


def _protected_from(token: Token) -> bool:
    """'protect civilians from attacks': what did not happen to them."""
    gov = _governor(token)
    return gov is not None and token.head.lower_ in ("from", "against") and \
        _lemma(gov) in PROTECTING


def _generic(token: Token) -> bool:
    """A sentence about anyone ('one cannot win a war with airstrikes'), or what a cause
    generally produces ('police brutality fuels protests')."""
    if any(c.lower_ == "alone" for c in token.children):
        return True  # "bombing alone will not bring them to the table"
    if any(c.dep_ in ("det", "amod") and c.lower_ in GENERIC_DETS for c in token.children):
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "without":
        return True  # "moved in without a fight": how, not what happened
    if any(c.dep_ in ("mark", "advmod") and c.lower_ == "whenever" for c in token.children):
        return True  # "whenever the two sides fight"
    verb = token
    for _ in range(4):
        if any(c.dep_ == "nsubj" and c.lower_ in GENERIC_SUBJECTS and not list(c.children)
               for c in verb.children):
            return True
        if verb.head.i == verb.i:
            break
        verb = verb.head
    head = token.head
    bare = token.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod", "poss")
                                           for c in token.children)
    if token.dep_ == "nsubj" and _lemma(head) in COPULAS and any(
            c.dep_ == "acomp" and c.lower_ in PREVALENCE for c in head.children):
        return True  # "torture is widespread"
    if not bare:
        return False
    if token.dep_ == "nsubj" and _lemma(head) in COPULAS:
        return True  # "airstrikes are cheap", "bandit attacks have become a daily reality"
    if token.dep_ == "dobj" and _lemma(head) in PREVENTING:
        return True  # "to prevent attacks on civilians"
    return token.dep_ == "dobj" and _lemma(head) in CAUSING and \
        head.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in head.children)


# Deals about goods and money are not the agreements between armed parties ACLED codes.
COMMERCE = EN.words("commerce")


def no_acled_type(token: Token) -> bool:
    """An act ACLED does not code: only a goal ('a campaign to defeat IS'), or a commercial
    deal ('oil trade deals')."""
    gov = _governor(token)
    if gov is not None and token.head.lower_ == "for" and \
            (gov.lower_ in NEEDING or _lemma(gov) in NEEDING):
        return True  # "the concessions needed for a lasting truce"
    return goal_only(token) or token.pos_ == "NOUN" and _lemma(token) in ("deal", "agreement") \
        and any(c.dep_ in ("compound", "amod") and _lemma(c) in COMMERCE
                for c in token.children)


def goal_only(token: Token) -> bool:
    """An act that is only the goal of an effort: 'started a campaign to defeat IS'."""
    if token.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ == "to"
                                       for c in token.children):
        return False
    head = token.head
    if token.dep_ == "acl" and _lemma(head) in GOAL_NOUNS:
        return True
    if token.dep_ in ("advcl", "xcomp") and head.pos_ == "VERB":
        return any(c.dep_ == "dobj" and _lemma(c) in GOAL_NOUNS for c in head.children)
    return False


def _lemma(token: Token) -> str:
    return str(token.lemma_).lower()
