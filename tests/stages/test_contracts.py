"""Stage contracts: every stage touches only the fields it declares, and a pipeline that
lacks what a stage needs fails to build, naming the stage, the field and its provider."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conflictmap import Article, Pipeline, PipelineError, Resources
from conflictmap.model import CodedEvent
from conflictmap.registry import StageSpec, registered_stages, stage
from contract_recorder import run_recorded
from testpaths import DATA, REPO

DEFAULT = ["nlp", "actors", "actions", "coder", "places", "dates", "finalize", "article"]
FAKES = {"nlp": object(), "actor_kb": object(), "gazetteer": object()}


def _without(name: str) -> list[str]:
    return [s for s in DEFAULT if s != name]


@pytest.mark.parametrize(("stages", "message"), [
    (_without("places"), "stage 'finalize' requires 'events.location', which no earlier "
                         "stage assigns: add stage 'places'"),
    (_without("dates"), "stage 'finalize' requires 'events.date', which no earlier stage "
                        "assigns: add stage 'dates'"),
    (_without("actors"), "stage 'actions' requires 'mentions', which no earlier stage "
                         "assigns: add stage 'actors'"),
    (_without("actions"), "stage 'coder' requires 'events', which no earlier stage "
                          "assigns: add stage 'actions'"),
    (_without("finalize"), "stage 'article' requires 'events.id', which no earlier stage "
                           "assigns: add stage 'finalize'"),
    (["nlp", "actors", "actions", "places", "finalize", "dates", "article"],
     "stage 'finalize' requires 'events.date', which no earlier stage assigns: stage "
     "'dates' assigns it but runs after 'finalize'; move it earlier"),
])
def test_contracts_pipeline_lacking_a_provider_fails_at_build(stages: list[str],
                                                              message: str) -> None:
    with pytest.raises(PipelineError) as err:
        Pipeline(stages, resources=Resources(**FAKES))
    assert str(err.value).startswith(message)


def test_contracts_default_pipeline_builds_in_order() -> None:
    pipe = Pipeline.from_config(resources=Resources(**FAKES))
    assert [s["name"] for s in pipe.analyze()] == DEFAULT


@stage("test_under_declared", requires=["doc"], assigns=["toponyms"])
def _under_declared(*, resources: Any) -> Any:
    def run(article: Article) -> Article:
        article.toponyms = []
        for event in article.events:  # reads events and writes their dates: undeclared
            event.date = article.published.isoformat() if article.published else None
        return article
    return run


def test_contracts_recorder_catches_an_undeclared_read_and_write() -> None:
    from conftest import make_event

    spec = registered_stages()["test_under_declared"]
    article = Article.from_text("x", published=dt.date(2020, 1, 2))
    article.events = [CodedEvent.of(make_event("a1"))]
    _, touched = run_recorded(spec.factory(resources=None), article)
    assert _outside(spec, touched.reads, touched.writes) == (
        {"events", "published"}, {"events.date"})


def _outside(spec: StageSpec, reads: set[str], writes: set[str]) -> tuple[set[str], set[str]]:
    """What a stage read and wrote beyond its declaration."""
    declared = set(spec.requires) | set(spec.assigns)
    return reads - declared, writes - set(spec.assigns)


def contract_articles() -> list[Article]:
    """The shipped sample articles and the rule cases, one small article each."""
    out = []
    for line in (REPO / "src/conflictmap/data/samples/articles.jsonl").read_text().splitlines():
        r = json.loads(line)
        out.append(Article(id=r["id"], text=r["text"], title=r.get("title"), url=r.get("url"),
                           published=dt.date.fromisoformat(r["published"])))
    cases = (DATA / "cases/events.jsonl").read_text().splitlines()
    for n, line in enumerate(cases):
        r = json.loads(line)
        out.append(Article(id=f"case-{n}", text=r["text"],
                           published=dt.date.fromisoformat(r.get("published") or "2023-06-15")))
    return out


@pytest.mark.slow
def test_contracts_every_stage_touches_only_what_it_declares(pipeline: Pipeline) -> None:
    extra: dict[str, tuple[set[str], set[str]]] = {}
    touched_by: dict[str, set[str]] = {spec.name: set() for spec in pipeline.specs}
    finals = []
    for article in contract_articles():
        for spec, stage_ in zip(pipeline.specs, pipeline.stages):
            article, touched = run_recorded(stage_, article)
            reads, writes = _outside(spec, touched.reads, touched.writes)
            had = extra.setdefault(spec.name, (set(), set()))
            had[0].update(reads)
            had[1].update(writes)
            touched_by[spec.name] |= touched.reads | touched.writes
        finals.append(article)
    assert {name: e for name, e in extra.items() if e != (set(), set())} == {}
    # the run read something of every stage's declared inputs (the recorder saw them)
    for spec in pipeline.specs:
        assert set(spec.requires) & touched_by[spec.name], spec.name
    # recording changed nothing: the same events as the pipeline's own run
    again = [pipeline(a) for a in contract_articles()[:6]]
    assert [[e.as_dict() for e in a.events] for a in finals[:6]] == \
        [[e.as_dict() for e in a.events] for a in again]


STAGES_DIR = REPO / "src/conflictmap/stages"


def _config_reads(path: Path) -> list[str]:
    """Where a stage module imports the config module or reads a `.config` attribute."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (
                node.module in ("config", "conflictmap.config") or
                any(a.name == "config" for a in node.names)):
            found.append(f"{path.name}:{node.lineno} imports config")
        if isinstance(node, ast.Attribute) and node.attr == "config":
            found.append(f"{path.name}:{node.lineno} reads .config")
    return found


def test_contracts_no_stage_reads_the_global_config() -> None:
    """Stage settings arrive only as factory arguments."""
    found = [hit for path in sorted(STAGES_DIR.glob("*.py")) for hit in _config_reads(path)]
    assert found == []


def _user_actors(tmp_path: Path) -> str:
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({"id": "valley-guard", "name": "Valley Guard", "type": "militia",
                                "country": "SYR", "aliases": ["Guardians of the Valley"]}) + "\n",
                    encoding="utf-8")
    return str(path)


def test_contracts_stage_settings_arrive_as_factory_arguments(tmp_path: Path) -> None:
    """The actors stage loads the file its own setting names, whatever the resources'
    configuration says; without settings, a pipeline takes its config's."""
    mine = _user_actors(tmp_path)
    resources = Resources(nlp=object())
    given = Pipeline(["nlp", "actors"], resources=resources,
                     stage_settings={"actors": {"user_file": mine}})
    assert given.stages[1].kb.match("Guardians of the Valley").id == "valley-guard"
    assert resources.actor_kb.match("Guardians of the Valley") is None  # config: no file
    configured = Resources(nlp=object(), config={"stages": {"actors": {"user_file": mine}}})
    from_config = Pipeline(["nlp", "actors"], resources=configured)
    assert from_config.stages[1].kb is configured.actor_kb  # loaded once, shared
