"""Shared fixtures: the spaCy model and the default pipeline (loaded once per session),
paths to the project's own test data and to the gold data beside the repository."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from testpaths import DATA, REPO, SHARED, shared_file  # noqa: F401  (re-exported for tests)


@pytest.fixture(scope="session")
def nlp() -> Any:
    from conflictmap.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def pipeline(nlp: Any) -> Any:
    from conflictmap import Pipeline, Resources
    from conflictmap.config import load_config

    cfg = load_config()
    return Pipeline.from_config(cfg, resources=Resources(config=cfg, nlp=nlp))


@pytest.fixture(scope="session")
def rules_pipeline(nlp: Any) -> Any:
    """The pipeline without the learned coder: the trigger rules alone, as the project's
    rule cases (tests/stages, tests/data/cases) were written for them."""
    from conflictmap import Pipeline, Resources
    from eval.gate import rules_config

    cfg = rules_config()
    return Pipeline.from_config(cfg, resources=Resources(config=cfg, nlp=nlp))


# --- storage fixtures (issue 6) --------------------------------------------------------

STORE_KINDS = ("memory", "sqlite", "postgres")


def postgres_url_or_skip() -> str:
    """The test PostgreSQL URL, or skip with a clear message when none is configured."""
    import os

    url = os.environ.get("CONFLICTMAP_TEST_PG")
    if not url:
        pytest.skip("CONFLICTMAP_TEST_PG is not set: no PostgreSQL/PostGIS server for this "
                    "test (scripts/test.sh and CI start one)")
    return url


@contextlib.contextmanager
def store_url_for(kind: str, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty store of a kind: memory, sqlite (a file) or postgres (a schema)."""
    if kind == "memory":
        yield "memory://"
    elif kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'events.db'}"
    else:
        from conflictmap.storage.postgres import create_scratch_schema, drop_schema

        base = postgres_url_or_skip()
        url, name = create_scratch_schema(base, prefix="t_")
        try:
            yield url
        finally:
            drop_schema(base, name)


@pytest.fixture(params=STORE_KINDS)
def store(request: Any, tmp_path: Path) -> Any:
    """An empty store, once per backend: memory, SQLite and PostgreSQL/PostGIS."""
    from conflictmap.storage import open_store

    with store_url_for(request.param, tmp_path) as url:
        st = open_store(url)
        yield st
        st.close()


def make_event(article_id: str, *, sub: str = "Armed clash", event_type: str = "Battles",
               date: str = "2016-12-11", precision: str = "day",
               actor: tuple[str, str, str | None, str | None] | None = ("isis", "Islamic State",
                                                                        None, "rebel"),
               target: tuple[str, str, str | None, str | None] | None = None,
               place: tuple[str, int | None, float, float] = ("Palmyra", 170183, 34.5604,
                                                             38.2672),
               country: str = "SYR", status: str = "asserted", text: str = "",
               confidence: float = 0.8, event_id: str = "", trigger: str = "") -> Any:
    """A hand-built event (no spaCy): actor/target as (id, name, country, type)."""
    from conflictmap.model import AcledCoding, Actor, Event, Evidence, Location

    def actor_of(t: tuple[str, str, str | None, str | None] | None) -> Actor | None:
        return Actor(id=t[0], name=t[1], country=t[2], type=t[3]) if t else None

    name, gid, lat, lon = place
    sentence = text or f"{name}: {sub} on {date}."
    return Event(article_id=article_id, plover="ASSAULT", cameo="190",
                 acled=AcledCoding(event_type=event_type, sub_event_type=sub),
                 evidence=Evidence(text=sentence, start=0, end=len(sentence), sentence_index=0),
                 status=status, actor=actor_of(actor), target=actor_of(target),
                 location=Location(name=name, lat=lat, lon=lon, precision=1, geonames_id=gid,
                                   country=country),
                 date=date, date_precision=precision, confidence=confidence, id=event_id,
                 trigger=trigger or sub.split()[0].lower())


def make_article(article_id: str, events: list[Any], *, text: str | None = None,
                 url: str | None = None, published: str = "2016-12-14") -> Any:
    """An article carrying hand-built events."""
    import datetime as dt

    from conflictmap.model import Article

    return Article(id=article_id, text=text or f"Report {article_id}.", url=url,
                   published=dt.date.fromisoformat(published), events=events)


# --- The project's sample articles with hand-coded events (API and web map tests) ---

SAMPLE_ARTICLES = REPO / "src" / "conflictmap" / "data" / "samples" / "articles.jsonl"
CODED_SAMPLES = DATA / "api_coded_samples.jsonl"


def coded_sample_articles() -> list[Any]:
    """The shipped sample articles, each carrying the events a coder would read from it
    (tests/data/api_coded_samples.jsonl: the evidence sentence is found in the text)."""
    import json

    from conflictmap.ingest import read_inputs
    from conflictmap.model import Article, Event

    articles = {a.id: a for a in read_inputs([str(SAMPLE_ARTICLES)]) if isinstance(a, Article)}
    for line in CODED_SAMPLES.read_text(encoding="utf-8").splitlines():
        spec = json.loads(line)
        article = articles[spec["article_id"]]
        start = article.text.index(spec.pop("sentence"))
        end = article.text.find(". ", start) + 1 or len(article.text)
        spec["evidence"] = {"text": article.text[start:end], "start": start, "end": end,
                            "sentence_index": article.text[:start].count(". "),
                            "article_id": article.id, "url": article.url}
        event = Event.from_dict(spec)
        event.trigger_start = article.text.index(event.trigger, start)
        event.assign_id(article.text)
        article.events.append(event)
    return list(articles.values())


@pytest.fixture(scope="session")
def make_sample_store() -> Any:
    """A factory: open a SQLite store at a path and add the coded sample articles."""
    from conflictmap.dedup import add_article
    from conflictmap.storage import open_store

    opened: list[Any] = []

    def make(path: Path) -> Any:
        store = open_store(str(path))
        for article in coded_sample_articles():
            add_article(store, article)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture(scope="session")
def default_gazetteer() -> Any:
    """The default gazetteer index (built from packaged data on first use)."""
    from conflictmap.gazetteer import open_gazetteer

    return open_gazetteer()


# Fixtures that load the spaCy model: a test using one (directly or through another
# fixture) is slow, whether or not it says so.
MODEL_FIXTURES = frozenset({"nlp", "pipeline", "rules_pipeline"})


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _model_only_in_slow_tests(request: Any, monkeypatch: Any) -> None:
    """A test not marked slow that loads the model in this process fails, saying so."""
    import os

    from handparse import RECORD_ENV

    if request.node.get_closest_marker("slow") is not None or os.environ.get(RECORD_ENV):
        return
    import spacy

    def refuse(name: Any, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"{request.node.nodeid} loads the spaCy model {name!r}: mark "
                             "it @pytest.mark.slow, or build its Docs by hand "
                             "(tests/handparse.py)")

    monkeypatch.setattr(spacy, "load", refuse)
