r"""Hand-built spaCy `Doc`s for rule tests whose point is the rule, not the model's parse.

A parse is a table, one token a line (spaCy's own tests build `Doc`s the same way):

    WORD  LEMMA  POS  TAG  HEAD  DEP  ENT

HEAD is the index of the token's head (the root points at itself); ENT is `O` or an
IOB tag with its label (`B-GPE`, `I-GPE`).  The words must spell the text (the spaces
between them are taken from it); a line break inside a word is written `\n` and a space
`\s` (whitespace tokens between paragraphs).  In a file of parses, each table follows
a line `# "TEXT"` (the text as a JSON string).  `HandParsed` serves such Docs in place of
the model, so a stage runs on them without loading it; a text it has no parse for is an
error that names the file to add it to.  `CONFLICTMAP_RECORD_PARSES=1` writes the
model's parse of each missing text into the file instead (then read the table: it is what
the test checks).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

COLUMNS = ("word", "lemma", "pos", "tag", "head", "dep", "ent")
RECORD_ENV = "CONFLICTMAP_RECORD_PARSES"


@lru_cache(maxsize=1)
def vocab() -> Any:
    """The vocabulary of a blank English pipeline (language data only, no model)."""
    import spacy

    return spacy.blank("en").vocab


def hand_doc(text: str, table: str) -> Any:
    """The `Doc` a parse table describes, over `text`."""
    from spacy.tokens import Doc
    from spacy.util import get_words_and_spaces

    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    rows = [[_unescape(r[0]), _unescape(r[1]), *r[2:]] for r in rows]
    bad = [r for r in rows if len(r) != len(COLUMNS)]
    if bad:
        raise ValueError(f"parse of {text!r}: rows need {len(COLUMNS)} columns "
                         f"({' '.join(COLUMNS)}), not {bad[0]}")
    words = [r[0] for r in rows]
    found, spaces = get_words_and_spaces(words, text)
    if found != words:
        raise ValueError(f"parse of {text!r}: the words do not spell the text")
    return Doc(vocab(), words=words, spaces=spaces, lemmas=[r[1] for r in rows],
               pos=[r[2] for r in rows], tags=[r[3] for r in rows],
               heads=[int(r[4]) for r in rows], deps=[r[5] for r in rows],
               ents=[r[6] for r in rows])


def _escape(word: str) -> str:
    return word.replace("\n", "\\n").replace(" ", "\\s")


def _unescape(word: str) -> str:
    return word.replace("\\s", " ").replace("\\n", "\n")


def parse_table(doc: Any) -> str:
    """The table of a parsed `Doc` (what `hand_doc` reads back)."""
    return "\n".join(
        f"{_escape(t.text)} {_escape(t.lemma_ or t.text)} {t.pos_ or '_'} {t.tag_ or '_'} "
        f"{t.head.i} {t.dep_ or 'dep'} "
        f"{'O' if t.ent_iob_ in ('O', '') else t.ent_iob_ + '-' + t.ent_type_}"
        for t in doc)


def read_parses(path: Path) -> dict[str, str]:
    """Text -> table, from a file of `# TEXT` lines each followed by its table."""
    parses: dict[str, str] = {}
    if not path.exists():
        return parses
    text = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            text = json.loads(line[2:])
            parses[text] = ""
        elif text is not None and line.strip():
            parses[text] += line + "\n"
    return parses


class HandParsed:
    """Serves hand-built Docs by text, like `nlp(text)` and `nlp.pipe` (no model is
    loaded), so it can stand in for the model in `Resources(nlp=...)`."""

    max_length = 10**9

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parses = read_parses(path)
        self._model: Any = None

    def pipe(self, texts: Iterable[Any], *, as_tuples: bool = False, **_options: Any
             ) -> Iterator[Any]:
        for item in texts:
            if as_tuples:
                text, context = item
                yield self(text), context
            else:
                yield self(item)

    def __call__(self, text: str) -> Any:
        table = self.parses.get(text)
        if table is None:
            table = self._record(text)
        return hand_doc(text, table)

    def _record(self, text: str) -> str:
        if not os.environ.get(RECORD_ENV):
            raise KeyError(f"no hand-built parse of {text!r} in {self.path}; add its table "
                           f"(or run once with {RECORD_ENV}=1 to write the model's)")
        if self._model is None:
            from conflictmap.nlp import load_model

            self._model = load_model()
        table = parse_table(self._model(text))
        with self.path.open("a", encoding="utf-8") as out:
            out.write(f"# {json.dumps(text, ensure_ascii=False)}\n{table}\n\n")
        self.parses[text] = table
        return table
