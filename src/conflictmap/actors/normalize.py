"""Text normalisation shared by the alias index and the matcher.

Case, accents, hyphens, slashes, dots and apostrophes are ignored, so "al-Qaida",
"Al Qaida" and "AL-QAIDA" give the same key; a leading "the" is dropped.
"""

from __future__ import annotations

import re
import unicodedata

from ..lang import EN

_SPLIT = re.compile(r"[\s\-‐‑–—/_]+")
_STRIP = re.compile(r"[.'’‘`\"(),:;!?\[\]]")


def fold(text: str) -> str:
    """Lower-case `text` and strip accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """The normalised words of `text` (possibly none for punctuation)."""
    out = []
    for piece in _SPLIT.split(fold(text)):
        piece = _STRIP.sub("", piece)
        if piece:
            out.append(piece)
    return out


def key(text: str) -> str:
    """The lookup key of an alias or a span of text."""
    ws = words(text)
    if len(ws) > 1 and ws[0] == "the":
        ws = ws[1:]
    return " ".join(ws)


def needs_case(alias: str) -> str | None:
    """How the surface form must be cased to count: "upper" for short acronyms
    ("IS", "US", "WHO"), "title" for capitalised names that are also common words
    ("Amnesty"), None when any case will do."""
    letters = [c for c in alias if c.isalpha()]
    if not letters:
        return None
    if all(c.isupper() for c in letters) and len(letters) <= 4:
        return "upper"
    if letters[0].isupper():
        return "title"
    return None


def case_ok(surface: str, rule: str | None) -> bool:
    """Whether `surface` satisfies the casing rule of the alias it matched."""
    letters = [c for c in surface if c.isalpha()]
    if rule is None or not letters:
        return True
    if rule == "upper":
        return all(c.isupper() for c in letters)
    first = next((w for w in re.split(r"[\s\-]+", surface) if w[:1].isalpha()
                  and w.lower() not in EN.sequence("name_particles")), "")
    return first[:1].isupper()
