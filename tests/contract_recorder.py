"""Record which fields a stage really reads and writes.

`run_recorded(stage, article)` runs one stage on a copy of `article` whose class (and
whose events' class) notes every field read or written; the names are those of the stage
declarations: `doc`, `mentions`, ... for the article, `events.location`, ... for its
events.  Events the stage creates itself are plain `CodedEvent`s and go unrecorded (they are
its own)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from conflictmap.model import Article, CodedEvent

ARTICLE_FIELDS = frozenset(f.name for f in dataclasses.fields(Article))
EVENT_FIELDS = frozenset(f.name for f in dataclasses.fields(CodedEvent))


@dataclass
class Touched:
    reads: set[str] = field(default_factory=set)
    writes: set[str] = field(default_factory=set)


_current = Touched()


class RecordingArticle(Article):
    def __getattribute__(self, name: str) -> Any:
        if name in ARTICLE_FIELDS:
            _current.reads.add(name)
        return object.__getattribute__(self, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ARTICLE_FIELDS:
            _current.writes.add(name)
        object.__setattr__(self, name, value)


class RecordingEvent(CodedEvent):
    def __getattribute__(self, name: str) -> Any:
        if name in EVENT_FIELDS:
            _current.reads.add(f"events.{name}")
        return object.__getattribute__(self, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in EVENT_FIELDS:
            _current.writes.add(f"events.{name}")
        object.__setattr__(self, name, value)


def _fields(obj: Any, names: frozenset[str]) -> dict[str, Any]:
    return {n: object.__getattribute__(obj, n) for n in names}


def recording(article: Article) -> RecordingArticle:
    """A recording copy of `article` (its lists copied, its events recording too)."""
    values = _fields(article, ARTICLE_FIELDS)
    values["events"] = [RecordingEvent(**_fields(e, EVENT_FIELDS)) for e in values["events"]]
    values["mentions"] = list(values["mentions"])
    values["skip_sentences"] = set(values["skip_sentences"])
    values["toponyms"] = list(values["toponyms"])
    values["timexes"] = list(values["timexes"])
    return RecordingArticle(**values)


def plain(article: Article) -> Article:
    """The article and its events as plain model objects again."""
    values = _fields(article, ARTICLE_FIELDS)
    values["events"] = [CodedEvent(**_fields(e, EVENT_FIELDS)) for e in values["events"]]
    return Article(**values)


def run_recorded(stage: Any, article: Article) -> tuple[Article, Touched]:
    """Run `stage` on a recording copy of `article`: its output, and what it touched."""
    global _current
    copy = recording(article)
    _current = Touched()
    try:
        out = stage(copy)
    finally:
        touched, _current = _current, Touched()
    if "events" in touched.writes or "events" in touched.reads:
        touched.reads.add("events")
    return plain(out), touched
