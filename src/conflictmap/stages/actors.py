"""Stage `actors`: actor mentions resolved to knowledge-base identities.

Fills `article.mentions` (document order) and `article.country_focus`. Each mention
carries its character and token span, its sentence, the resolved `Actor` and a reason
("alias", "demonym+force", "metonym", "coreference:<antecedent>", "generic:<ISO3>"...).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Any

from ..actors.detect import (
    Match,
    country_focus,
    find_matches,
    longest_at,
    place_tokens,
    token_words,
)
from ..actors.generics import GenericReader
from ..actors.kb import ActorKB
from ..actors.organisations import organisations
from ..actors.resolve import Context, Resolved, resolve_match
from ..errors import StageError
from ..model import Actor, ActorMention, Article
from ..nlp import sentence_starts
from ..discourse.dateline import dateline_tokens
from ..registry import stage


class ActorStage:
    def __init__(self, kb: ActorKB) -> None:
        self.kb = kb

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        if doc is None:
            raise StageError("actors", f"article {article.id!r} has no parsed doc; "
                                       "run the nlp stage first")
        date = article.published.isoformat() if article.published else None
        toks = token_words(doc)
        filed = dateline_tokens(doc)  # where the report was filed: never an actor
        matches = [m for m in find_matches(doc, self.kb, toks) if m.start not in filed]
        focus = country_focus(doc, self.kb, matches, toks, article.title)
        ctx = Context(self.kb, focus, date, place_tokens(doc, self.kb, matches, toks),
                      place_tokens(doc, self.kb, matches, toks, ("demonym",)))
        found: list[tuple[Match, Resolved]] = []
        for m in matches:
            if _parenthetical_place(doc, m):
                continue
            r = resolve_match(doc, m, ctx)
            if r is not None:
                found.append((m, r))
            elif all(h.kind == "entry" for h in m.hits):  # "Iran-backed Houthis" -> "Houthis"
                found.extend(self._inside(doc, m, ctx, toks))
        named = _with_organisations(doc, ctx, found, _without_overlaps(found))
        consumed = {i for m in matches if m.best("country", "metonym", "seat", "demonym")
                    for i in range(m.start, m.end)}
        consumed |= {i for r in named for i in range(r.start, r.end)}
        generic = GenericReader(doc, ctx, named, consumed).read()
        article.mentions = _mentions(doc, sorted(named + generic, key=lambda r: r.start))
        article.country_focus = focus
        return article

    def _inside(self, doc: Any, m: Match, ctx: Context, toks: list[list[str]]
                ) -> list[tuple[Match, Resolved]]:
        found = [(inner, resolve_match(doc, inner, ctx))
                 for inner in _inside_matches(doc, self.kb, m, toks)]
        return [(inner, r) for inner, r in found if r is not None]


def _parenthetical_place(doc: Any, m: Match) -> bool:
    """"Lalibela town (Amhara)", "Kidal region (Mali)": a region or country in brackets
    after a place name says where it is, not who acted."""
    if m.hits[0].kind not in ("ethnic", "demonym", "country", "metonym", "seat"):
        return False
    if m.end >= len(doc) or doc[m.end].text not in (")", ","):
        return False
    for i in range(m.start - 1, max(m.start - 8, 0), -1):  # "(Lalibela, North Wollo, Amhara)"
        word = doc[i]
        if word.text == "(":
            return i >= 1 and doc[i - 1].pos_ in ("PROPN", "NOUN")
        if word.text == ")" or word.pos_ in ("VERB", "AUX"):
            return False
    return False


def _inside_matches(doc: Any, kb: ActorKB, m: Match, toks: list[list[str]]) -> list[Match]:
    """Shorter aliases inside a rejected longer one."""
    for i in range(m.start + 1, m.end):
        inner = longest_at(doc, kb, toks, i) if toks[i] and toks[i][0] in kb.first_words \
            else None
        if inner is not None and inner.end <= m.end:
            return [inner]
    return []


def _without_overlaps(found: list[tuple[Match, Resolved]]) -> list[Resolved]:
    """Named groups first: "Angolan UNITA rebels" is UNITA, not Angolan rebels. A reading
    that overlaps a kept one shrinks to its own words, or goes."""
    def named(item: tuple[Match, Resolved]) -> bool:
        return item[0].hits[0].kind in ("entry", "state")

    taken: set[int] = set()
    kept: list[Resolved] = []
    for m, r in sorted(found, key=lambda item: (not named(item), item[1].start)):
        span = set(range(r.start, r.end))
        if span & taken:
            own = set(range(m.start, m.end))
            if own & taken or named((m, r)) or m.end in taken:
                continue  # "Angolan" in "Angolan UNITA rebels" only describes UNITA
            r, span = Resolved(m.start, m.end, r.actor, r.reason), own
        kept.append(r)
        taken |= span
    return sorted(kept, key=lambda r: r.start)


def _with_organisations(doc: Any, ctx: Context, found: list[tuple[Match, Resolved]],
                        named: list[Resolved]) -> list[Resolved]:
    """Add organisations the knowledge base does not know; a country word inside such a
    name ("the Serbian Workers' Union") gives way to the organisation."""
    protected = {i for m, r in found if m.hits[0].kind in ("entry", "state")
                 for i in range(r.start, r.end)}
    orgs = organisations(doc, ctx, protected)
    taken = {i for r in orgs for i in range(r.start, r.end)}
    kept = [r for r in named if not taken & set(range(r.start, r.end))]
    return sorted(kept + orgs, key=lambda r: r.start)


def _mentions(doc: Any, found: list[Resolved]) -> list[ActorMention]:
    starts = [t for t, _ in sentence_starts(doc)]
    out = []
    for r in found:
        span = doc[r.start:r.end]
        out.append(ActorMention(start=span.start_char, end=span.end_char, text=span.text,
                                sentence_index=bisect_right(starts, r.start) - 1,
                                actor=_placed(r, span.text), token_start=r.start,
                                token_end=r.end,
                                reason=r.reason))
    return out


@stage("actors", requires=["doc", "published", "title"], assigns=["mentions", "country_focus"])
def make_actors(*, resources: Any, user_file: str = "") -> ActorStage:
    """Find actor mentions and resolve them to knowledge-base identities."""
    return ActorStage(resources.actor_kb_for(user_file))


def _placed(r: Resolved, words: str) -> Actor:
    """A generic word's actor, marked as placed by context rather than by the text."""
    generic = r.reason.startswith("generic:")
    return replace(r.actor, placed=words.lower() or "-") if generic else r.actor
