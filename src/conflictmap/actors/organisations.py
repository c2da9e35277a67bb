"""Named organisations the knowledge base does not know: parties, unions, associations.

"The Homeland Union", "the Serbian Workers' Union", "the Umma party" are actors even when
no list names them. A named-entity span headed by an organisation noun becomes an actor
of its own (id `org:<name>`), with the country its name carries ("Serbian", "Montenegro"),
else the place it is based in ("a party based in Beirut"), else the one country its
sentence is about, else the article's. Known actors (aliases of groups and state organs)
always win; a country word inside the name gives way to the organisation.
"""

from __future__ import annotations

from typing import Any

from ..lang import EN
from ..model import Actor
from .normalize import key
from .resolve import Context, Resolved

# Head noun -> (type, PLOVER/CAMEO sector, ACLED inter code: 6 protesters-like civil groups)
ORG_HEADS: dict[str, tuple[str, str, int]] = {
    head: (kind, sector, int(inter)) for head, kind, sector, inter in EN.rows("org_heads", 4)}
# Words in a name that make it a state organ or a union of states, not a civil group.
STATE_WORDS = EN.words("state_organisation_phrases")


def _extended(doc: Any, start: int, end: int) -> int:
    """The end of an entity span that the tagger cut short: "Umma (Nation) party"."""
    for _ in range(3):
        if end < len(doc) and (doc[end].text == ")" or doc[end].lower_ in ORG_HEADS and
                               doc[end].pos_ in ("NOUN", "PROPN")):
            end += 1
        else:
            break
    return end


def _head(doc: Any, start: int, end: int) -> str | None:
    """The organisation noun that heads the name, or None."""
    words: list[str] = [str(t.lower_) for t in doc[start:end] if t.is_alpha]
    last = str(doc[end - 1].lower_)
    if last in ORG_HEADS:
        return last
    before_of = words[:words.index("of")] if "of" in words else words
    for w in reversed(before_of):  # "the Democratic Party of Kurdistan"
        if w in ORG_HEADS:
            return w
    return None


def _country(doc: Any, start: int, end: int, ctx: Context) -> str | None:
    for i in range(start, end):  # "the Serbian Workers' Union", "Montenegro ... Association"
        if i in ctx.demonyms:
            return ctx.demonyms[i]
        if i in ctx.places:
            return ctx.places[i]
    root = doc[start:end].root
    for c in root.children:  # "a party based in Beirut"
        if c.lemma_.lower() == "base":
            found = ctx.phrase_place(c)
            if found:
                return found
    return ctx.sentence_country(root) or ctx.focus


def _actor(name: str, head: str, iso3: str | None) -> Actor:
    typ, sector, inter = ORG_HEADS[head]
    return Actor(id=f"org:{key(name)}", name=name, country=iso3, type=typ, sector=sector,
                 acled_name=name, inter=inter, cameo=f"{iso3 or ''}{sector}")


def _name(doc: Any, start: int, end: int) -> tuple[int, str]:
    if doc[start].lower_ == "the":
        start += 1
    return start, doc[start:end].text


def organisations(doc: Any, ctx: Context, protected: set[int]) -> list[Resolved]:
    """Organisations named in the text and unknown to the knowledge base; `protected`
    holds the tokens of known actors."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        end = _extended(doc, ent.start, ent.end)
        head = _head(doc, ent.start, end)
        if head is None or protected & set(range(ent.start, end)):
            continue
        start, name = _name(doc, ent.start, end)
        if any(w in key(name) for w in STATE_WORDS):
            continue
        iso3 = _country(doc, start, end, ctx)
        out.append(Resolved(start, end, _actor(name, head, iso3), f"organisation:{head}"))
    return out
