"""Place-name normalisation: one lookup key for the spellings of one name.

`normalize("Al Bāb")` folds accents, case, hyphens and apostrophes ("al bab");
`name_key` goes further so transliteration variants meet: Arabic article prefixes
(al-, ar-, as-, ez-, ...) dropped, assimilated articles ("Ezzor" -> "zor") undone,
a final "h" after a vowel dropped and doubled letters collapsed, spaces removed:
Raqqa, Ar-Raqqa and Ar Raqqah -> "raqa"; Deir ez-Zor and Deir Ezzor -> "deirzor".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from ..lang import EN

ARTICLES = EN.words("place_name_articles")
_ASSIMILATED = re.compile(r"^[ae](z(?=z)|r(?=r)|s(?=s)|d(?=d)|n(?=n)|t(?=t))(?=[a-z]{2})")
_APOSTROPHES = "'’‘`ʿʾ´"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLES = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


# Letters that carry no combining accent to strip: 'Puławy', 'Đakovo', 'Færder'.
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "ł": "l", "đ": "d", "ħ": "h",
                          "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"})


def fold(text: str) -> str:
    """Strip accents and apostrophes, lower-case: 'Al Bāb' -> 'al bab'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    for mark in _APOSTROPHES:
        stripped = stripped.replace(mark, "")
    return stripped.lower().translate(_LETTERS)


# Abbreviations in place names, written out: 'Mt. Pleasant', 'Ft. Worth', 'Jackson Twp.'
# (not 'Co.': more often a company's than a county's).
_LEADING = {"mt": "mount", "ft": "fort", "st": "saint", "ste": "sainte"}
_TRAILING = {"twp": "township"}


@functools.lru_cache(maxsize=65536)  # the same names recur across a batch of articles
def normalize(text: str) -> str:
    """Folded words separated by single spaces, common abbreviations written out:
    'Ar-Raqqah' -> 'ar raqqah', 'Mt. Pleasant' -> 'mount pleasant'."""
    words = _NON_ALNUM.split(fold(text))
    words = [w for w in words if w]
    if len(words) > 1:
        words = [_LEADING.get(w, w) for w in words[:-1]] + \
            [_TRAILING.get(words[-1], words[-1])]
    return " ".join(words)


def _strip_articles(words: list[str]) -> list[str]:
    kept = [w for w in words if w not in ARTICLES]
    kept = [_ASSIMILATED.sub("", w) if len(w) >= 5 else w for w in kept]
    return kept or words


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The loose lookup key shared by the spelling variants of a name ('' if none)."""
    words = normalize(text).split()
    if not words:
        return ""
    squashed = "".join(_strip_articles(words))
    squashed = _FINAL_H.sub("", squashed)
    return _DOUBLES.sub(r"\1", squashed)


def is_latin(text: str) -> bool:
    """True if the name is written in Latin letters (other scripts are not indexed)."""
    folded = fold(text)
    return bool(folded) and all(c.isascii() for c in folded)
