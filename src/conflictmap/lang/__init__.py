"""Language data: the words and patterns the rules read, one folder per language.

The layout follows spaCy's `spacy/lang/en/`: `lang/<code>/` holds one plain-text file
per lexical class (`lang/en/locative_preps.txt`, ...), and `lang/<code>/patterns/` one
file per regular expression.  A class file has one entry a line (`#` starts a comment
line); a mapping file has two tab-separated columns, word and value, and a table file
as many as its rows need.  A pattern file
holds the expression as written, without its final newline.  The trigger lexicon
(`lang/en/triggers.txt`) has a format of its own, described in its header and read by
`conflictmap.actions.lexicon`.

    >>> from conflictmap import lang
    >>> "near" in lang.load("en").words("locative_preps")
    True

`load(code)` is cached, and so is every file it reads; an unknown code raises
`InputError` naming the language.  `for_article(article)` picks the data for an
article's `language`; languages without a folder read as English, as every article
did before language data existed.  docs/rules.md shows how to add a class.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from ..model import Article

DEFAULT = "en"


@dataclass(frozen=True)
class Language:
    """The data files of one language; each accessor reads its file once."""

    code: str

    @property
    def folder(self) -> Traversable:
        return files(__name__).joinpath(self.code)

    def words(self, name: str) -> frozenset[str]:
        """A lexical class as a set (membership tests)."""
        return _words(self.code, name)

    def sequence(self, name: str) -> tuple[str, ...]:
        """A lexical class in file order (where the order matters)."""
        return _rows(self.code, name)

    def mapping(self, name: str) -> Mapping[str, str]:
        """A two-column class: word -> value."""
        return _mapping(self.code, name)

    def rows(self, name: str, width: int) -> tuple[tuple[str, ...], ...]:
        """A class of `width` tab-separated columns, one row per entry, in file order."""
        return _table(self.code, name, width)

    def numbers(self, name: str) -> Mapping[str, int]:
        """A two-column class whose values are whole numbers."""
        return _numbers(self.code, name)

    def pattern(self, name: str) -> str:
        """The text of a regular expression, to compile with the flags the rule needs."""
        return _pattern(self.code, name)


@functools.lru_cache(maxsize=None)
def load(code: str = DEFAULT) -> Language:
    """The language data for `code`; InputError when no folder exists for it."""
    if code not in available():
        raise InputError(f"language {code!r}", "no language data for this language "
                         f"(available: {', '.join(available())})")
    return Language(code)


@functools.lru_cache(maxsize=1)
def available() -> tuple[str, ...]:
    """The language codes that have a data folder."""
    return tuple(sorted(p.name for p in files(__name__).iterdir()
                        if p.is_dir() and p.name.isalnum()))


def for_article(article: Article) -> Language:
    """The language data for an article: its own language, English where none is shipped."""
    code = article.language if article.language in available() else DEFAULT
    return load(code)


def _read(code: str, name: str) -> str:
    path = files(__name__).joinpath(code, name)
    if not path.is_file():
        raise InputError(f"lang/{code}/{name}", "no such language data file")
    return path.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def _rows(code: str, name: str) -> tuple[str, ...]:
    lines = _read(code, f"{name}.txt").split("\n")
    return tuple(line for line in lines if line and not line.startswith("#"))


@functools.lru_cache(maxsize=None)
def _words(code: str, name: str) -> frozenset[str]:
    return frozenset(_rows(code, name))


@functools.lru_cache(maxsize=None)
def _numbers(code: str, name: str) -> Mapping[str, int]:
    return MappingProxyType({k: int(v) for k, v in _mapping(code, name).items()})


@functools.lru_cache(maxsize=None)
def _mapping(code: str, name: str) -> Mapping[str, str]:
    pairs = {}
    for row in _rows(code, name):
        key, sep, value = row.partition("\t")
        if not sep:
            raise InputError(f"lang/{code}/{name}.txt", f"row {row!r} has no tab-separated value")
        pairs[key] = value
    return MappingProxyType(pairs)


@functools.lru_cache(maxsize=None)
def _table(code: str, name: str, width: int) -> tuple[tuple[str, ...], ...]:
    rows = tuple(tuple(row.split("\t")) for row in _rows(code, name))
    bad = next((row for row in rows if len(row) != width), None)
    if bad is not None:
        raise InputError(f"lang/{code}/{name}.txt", f"row {bad!r} has {len(bad)} columns, "
                         f"not {width}")
    return rows


@functools.lru_cache(maxsize=None)
def _pattern(code: str, name: str) -> str:
    return _read(code, f"patterns/{name}.txt").removesuffix("\n")


EN = load(DEFAULT)

__all__ = ["DEFAULT", "EN", "Language", "available", "for_article", "load"]
