"""Finding trigger words (verbs and nouns) and the instruments attached to them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..lang import EN
from .lexicon import IRREGULAR, SUB_KEY, Entry, Lexicon, base_forms

Token = Any  # spacy.tokens.Token
Span = Any

VERB_POS = ("VERB",)
NOUN_POS = ("NOUN", "PROPN")
# Strongest instrument first: it decides the sub-event of a violent act.
INSTRUMENT_ORDER = ("suicide", "chemical", "grenade", "ied", "air", "shelling", "violent_demo",
                    "intervention")
# Dependents that open another clause: their words belong to another event.
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "parataxis", "xcomp", "conj"}
INSTRUMENT_DEPS = {"dobj", "nsubj", "nsubjpass", "agent", "prep", "pobj", "compound", "amod",
                   "acl", "nmod", "npadvmod", "advmod", "appos", "attr", "pcomp"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A token that matched a lexicon entry."""

    token: Token
    entry: Entry
    parts: tuple[int, ...]  # token indices of the whole phrase


def word_forms(token: Token) -> list[str]:
    """Spellings to look a token up under: irregular past, parser lemma, stripped suffixes."""
    lower = token.lower_
    forms = [IRREGULAR[lower]] if lower in IRREGULAR else []
    forms.append(token.lemma_.lower())
    forms.extend(base_forms(lower))
    if "-" in lower:  # re-capturing -> capturing
        forms.extend(base_forms(lower.rsplit("-", 1)[-1]))
    return list(dict.fromkeys(forms))


def descendants(token: Token, depth: int = 2) -> list[Token]:
    """Dependents down to `depth`, leaving out the subject (a phrase is verb + complements)."""
    out: list[Token] = []
    frontier = [token]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children
                    if c.dep_ not in ("nsubj", "csubj")]
        out.extend(frontier)
    return out


def _match_needs(token: Token, entry: Entry, form: str) -> tuple[int, ...] | None:
    """Token indices of the other words of a phrase (dependents of `token`), or None."""
    others = list(entry.words)
    others.remove(form)
    if not others:
        return (token.i,)
    near = descendants(token, 2)
    parts = [token.i]
    for need in others:
        hit = next((t for t in near if need in word_forms(t)), None)
        if hit is None:
            return None
        parts.append(hit.i)
    return tuple(parts)


def match_token(token: Token, lexicon: Lexicon, pos: str) -> Candidate | None:
    """The best entry for a token as a verb, noun or instrument (phrases first)."""
    best: Candidate | None = None
    for form in word_forms(token):
        for entry in lexicon.lookup(pos, form):
            if pos == "V" and entry.head != form:
                continue  # verb phrases are headed by their verb ("meet+demand": meet)
            parts = _match_needs(token, entry, form)
            if parts is not None and (best is None or len(parts) > len(best.parts)):
                best = Candidate(token, entry, parts)
        if best is not None:
            return best
    return best


def find_candidates(sent: Span, lexicon: Lexicon) -> Iterator[Candidate]:
    """Every trigger in a sentence, verbs and nouns, in text order."""
    used: set[int] = set()
    for token in sent:
        if token.i in used or token.dep_ in ("amod", "compound") and token.pos_ == "VERB":
            continue  # "the long-threatened invasion", "the besieged town"
        if _adjectival(token) or _not_an_act(token):
            continue  # "the newly appointed minister", "a press release"
        cand = None
        if token.pos_ in VERB_POS or token.pos_ == "ADJ" and any(
                c.dep_ == "dobj" for c in token.children):  # "police open fire on ..."
            cand = match_token(token, lexicon, "V")
        elif token.pos_ == "NOUN" or token.pos_ == "PROPN" and not token.is_title:
            if _modifier(token, lexicon):
                continue  # "bomb disposal teams", "air raid sirens", "protest leaders"
            cand = match_token(token, lexicon, "N")
            if cand is None and token.tag_ == "VBG":
                cand = match_token(token, lexicon, "V")
        if cand is not None:
            used.update(cand.parts)
            yield cand


# Nouns an act word can qualify without naming an act: "bomb disposal teams", "air raid
# sirens", "protest leaders", "attack helicopters", "shelling victims".
QUALIFIED = EN.words("qualified")  # "aid groups"
# Compounds that name a thing, not an act: "press release", "news conference".
NOT_ACTS = {"release": {"press", "news"}, "conference": {"press", "news"},
            "briefing": {"press", "news"}}
# Adverbs that make a participle an adjective: "the newly appointed prime minister".
ADJECTIVAL_ADVERBS = {"newly", "recently", "freshly", "democratically", "popularly"}


def _adjectival(token: Token) -> bool:
    """A participle used as an adjective ("newly appointed X"), even where the parser
    made it a verb."""
    return token.tag_ == "VBN" and any(
        c.dep_ == "advmod" and c.lower_ in ADJECTIVAL_ADVERBS and c.i < token.i
        for c in token.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)


def _not_an_act(token: Token) -> bool:
    kinds = NOT_ACTS.get(token.lemma_.lower())
    return kinds is not None and any(c.dep_ == "compound" and c.lower_ in kinds
                                     for c in token.children)


def _modifier(token: Token, lexicon: Lexicon) -> bool:
    """A noun that only qualifies another, non-event noun."""
    head = token.head
    return token.dep_ == "compound" and head.i != token.i and \
        head.lemma_.lower() in QUALIFIED and match_token(head, lexicon, "N") is None


def _instrument_scope(token: Token) -> list[Token]:
    """Words that can name the means of an act: the trigger's own arguments, not other clauses."""
    scope: list[Token] = []
    frontier = [token]
    for _ in range(4):
        frontier = [c for t in frontier for c in t.children if c.dep_ in INSTRUMENT_DEPS]
        scope.extend(frontier)
    for c in token.children:  # "an attacker wearing a suicide vest detonated it"
        if c.dep_ in ("nsubj", "nsubjpass"):
            scope.extend(c.subtree)
    if token.dep_ == "acl":  # "mortar rounds fired by X": the thing fired
        scope.extend([token.head, *(c for c in token.head.children
                                    if c.dep_ in ("compound", "amod"))])
    verb = token.head.head if token.dep_ == "pobj" else token.head
    if token.dep_ == "pobj" and verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "nsubj"):
        verb = verb.head  # "carried out a series of strikes"
    if token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and verb.pos_ == "VERB":
        for c in verb.children:  # "chlorine was used in an attack", "killed by a bomb"
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "prep") and c is not token:
                scope.extend(c.subtree)
    return scope


def instrument_of(token: Token, lexicon: Lexicon, skip: tuple[int, ...] = ()
                  ) -> tuple[str, Candidate] | None:
    """The strongest weapon named around a violent trigger, as (ACLED key, match)."""
    found: dict[str, Candidate] = {}
    for t in _instrument_scope(token):
        if t.i in skip or t.pos_ not in NOUN_POS + ("ADJ", "VERB", "ADV"):
            continue
        cand = match_token(t, lexicon, "I")
        if cand is not None and cand.entry.acled and cand.entry.acled not in found:
            found[cand.entry.acled] = cand
    for key in INSTRUMENT_ORDER:
        if key in found:
            return key, found[key]
    return None


def depth(token: Token) -> int:
    """Distance to the sentence root: the main event is the one highest in the tree."""
    n = 0
    while token.head.i != token.i and n < 50:
        token = token.head
        n += 1
    return n


__all__ = ["SUB_KEY", "Candidate", "depth", "find_candidates", "instrument_of", "word_forms"]
