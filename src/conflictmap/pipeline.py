"""The pipeline: registered stages, checked at build time, streaming batches of articles."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from . import config as config_mod
from .errors import InputError, PipelineError, StageError
from .model import Article, Event, article_name
from .registry import StageSpec, check_order, describe, get_stage
from .resources import Resources

log = logging.getLogger(__name__)
OnError = Callable[[Article, InputError], None]


class Pipeline:
    """Runs the configured stages over articles.

    >>> pipe = Pipeline.from_config()
    >>> events = pipe(Article.from_text("...", published=dt.date(2016, 12, 14))).events
    """

    def __init__(self, stage_names: Iterable[str], *, resources: Resources | None = None,
                 stage_settings: dict[str, dict[str, Any]] | None = None,
                 batch_size: int = 16) -> None:
        self.resources = resources or Resources()
        self.batch_size = batch_size
        # without settings of their own, the stages take those of the resources' config
        settings = stage_settings if stage_settings is not None else \
            config_mod.get(self.resources.config, "stages", {})
        self.specs: list[StageSpec] = [get_stage(n) for n in stage_names]
        check_order(self.specs)
        self.stages = [self._build(spec, settings.get(spec.name, {})) for spec in self.specs]
        self.stage_seconds: dict[str, float] = {}  # time spent in each stage so far

    @classmethod
    def from_config(cls, cfg: dict[str, Any] | None = None, *,
                    resources: Resources | None = None) -> Pipeline:
        cfg = cfg if cfg is not None else config_mod.load_config()
        resources = resources or Resources(config=cfg)
        return cls(config_mod.get(cfg, "pipeline.stages"), resources=resources,
                   stage_settings=config_mod.get(cfg, "stages", {}),
                   batch_size=int(config_mod.get(cfg, "pipeline.batch_size", 16)))

    def _build(self, spec: StageSpec, settings: dict[str, Any]) -> Any:
        try:
            return spec.factory(resources=self.resources, **settings)
        except TypeError as exc:
            raise StageError(spec.name, f"bad settings {sorted(settings)}: {exc}") from exc

    def analyze(self) -> list[dict[str, Any]]:
        """What each stage reads and writes, in order."""
        return [describe(s) for s in self.specs]

    def __call__(self, article: Article) -> Article:
        return next(iter(self.pipe([article])))

    def pipe(self, articles: Iterable[Article], *, batch_size: int | None = None,
             on_error: OnError | None = None) -> Iterator[Article]:
        """Stream articles through every stage; batched stages see whole batches.

        With `on_error`, an article that a stage fails on is handed to it with the
        error (naming the article and the problem) and left out; every other article
        of its batch is still processed.  Without it the error is raised."""
        size = batch_size or self.batch_size
        it = iter(articles)
        while batch := list(itertools.islice(it, size)):
            if on_error is None:
                yield from self._run_batch(batch)
                continue
            fresh = [_input_of(a) for a in batch]  # a retry starts from the input alone
            try:
                yield from self._run_batch(batch)
            except Exception:  # find the culprit: one article at a time  # noqa: BLE001
                yield from self._one_by_one(fresh, on_error)

    def _run_batch(self, batch: list[Article]) -> list[Article]:
        stream: list[Article] = batch
        for spec, stage in zip(self.specs, self.stages):
            stream = self._run_stage(spec, stage, stream)
        return stream

    def _one_by_one(self, batch: list[Article], on_error: OnError) -> Iterator[Article]:
        for article in batch:
            try:
                done = self._run_batch([article])
            except InputError as exc:
                on_error(article, exc)
                continue
            except Exception as exc:  # a stage failed on this article only  # noqa: BLE001
                on_error(article, InputError(article_name(article),
                                             f"cannot be processed ({type(exc).__name__}: "
                                             f"{exc})"))
                continue
            yield from done

    def _run_stage(self, spec: StageSpec, stage: Any, articles: Iterable[Article]
                   ) -> list[Article]:
        started = time.perf_counter()
        if hasattr(stage, "pipe"):
            out = list(stage.pipe(articles))
        else:
            out = [stage(a) for a in articles]
        elapsed = time.perf_counter() - started
        self.stage_seconds[spec.name] = self.stage_seconds.get(spec.name, 0.0) + elapsed
        log.debug("stage %s: %d articles in %.3f s", spec.name, len(out), elapsed)
        for item in out:
            if not isinstance(item, Article):
                raise StageError(spec.name, f"returned {type(item).__name__}, not Article")
        return out


def _input_of(article: Article) -> Article:
    """A copy of the article as read, before any stage filled it."""
    return Article(id=article.id, text=article.text, published=article.published,
                   title=article.title, url=article.url, source=article.source,
                   language=article.language)


@functools.lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline.from_config()


def extract(text: str, *, published: dt.date | str | None = None,
            article_id: str | None = None, title: str | None = None) -> list[Event]:
    """Extract events from one text with the default pipeline."""
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published)
        except ValueError:
            raise PipelineError(f"published: {published!r} is not a YYYY-MM-DD date") from None
    article = Article.from_text(text, published=published, id=article_id, title=title)
    return [event.record() for event in default_pipeline()(article).events]
