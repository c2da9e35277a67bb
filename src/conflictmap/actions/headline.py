"""Headline-style sentences ("Houthis seize town of Hazm", "Militants torch school").

The small parser often reads a headline verb as a noun modifier.  When a sentence yields no
trigger from the parse, verbs of the lexicon are looked up by their word alone, and the
participants are read from word order: the noun before the verb acts on the noun after it.
"""

from __future__ import annotations

from collections.abc import Iterator

from .lexicon import Lexicon
from .participants import Participants
from .triggers import Candidate, Span, Token, match_token

MISREAD_DEPS = ("compound", "amod", "ROOT", "nmod", "npadvmod", "dobj", "nsubj", "appos")


def headline_candidates(sent: Span, lexicon: Lexicon) -> Iterator[Candidate]:
    """Lexicon verbs the parser took for nouns or adjectives, with a noun on each side."""
    for token in sent:
        if token.pos_ not in ("NOUN", "ADJ", "VERB", "PROPN") or token.dep_ not in MISREAD_DEPS:
            continue
        if token.i == sent.start or token.i >= sent.end - 1 or not token.is_lower:
            continue
        cand = match_token(token, lexicon, "V")
        if cand is not None and lexicon.lookup("N", token.lower_) == ():
            yield cand


def _nominal(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN", "PRON", "NUM")


def headline_heads(token: Token) -> tuple[Token | None, Token | None]:
    """(actor head, object head) by word order around a misread verb."""
    sent = token.sent
    left = [t for t in sent if t.i < token.i and _nominal(t)]
    right = [t for t in sent if t.i > token.i and _nominal(t)]
    subj = left[-1] if left else None
    obj = right[0] if right else None
    if obj is not None:  # the head of the object phrase: "town" in "town of Hazm"
        while obj.dep_ == "compound" and obj.head.i > obj.i:
            obj = obj.head
    return subj, obj


def with_heads(parts: Participants, subj: Token | None, obj: Token | None) -> Participants:
    parts.actor_head = parts.actor_head or subj
    parts.target_head = parts.target_head or obj
    return parts
