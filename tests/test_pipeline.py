"""Registry and pipeline: order checked at build time, stage failures named, streaming."""

from __future__ import annotations

from typing import Any

import pytest

from conflictmap import Article, Pipeline, PipelineError, Resources, StageError
from conflictmap.registry import registered_stages, stage

BUILTIN = ["nlp", "actors", "actions", "coder", "places", "dates", "finalize", "article"]


def test_registry_has_every_builtin_stage_with_declared_fields() -> None:
    stages = registered_stages()
    for name in BUILTIN:
        assert name in stages
        assert stages[name].assigns, f"stage {name} declares nothing it writes"


@stage("test_needs_events", requires=["events"], assigns=["test_flag"])
def _needs_events(*, resources: Any) -> Any:
    return lambda article: article


@stage("test_returns_wrong_type", requires=["text"], assigns=["nothing"])
def _wrong_type(*, resources: Any) -> Any:
    return lambda article: {"not": "an article"}


@stage("test_upper", requires=["text"], assigns=["title"])
def _upper(*, resources: Any, suffix: str = "") -> Any:
    def run(article: Article) -> Article:
        article.title = article.text.upper() + suffix
        return article
    return run


def test_pipeline_rejects_a_stage_whose_inputs_no_earlier_stage_writes() -> None:
    with pytest.raises(PipelineError, match="test_needs_events.*requires .events."):
        Pipeline(["test_needs_events", "nlp"], resources=Resources(nlp=object()))


def test_pipeline_rejects_unknown_stage_names() -> None:
    with pytest.raises(PipelineError, match="unknown stage 'nope'"):
        Pipeline(["nope"], resources=Resources())


def test_pipeline_names_the_stage_that_returned_the_wrong_type() -> None:
    pipe = Pipeline(["test_returns_wrong_type"], resources=Resources())
    with pytest.raises(StageError, match="test_returns_wrong_type.*dict"):
        pipe(Article.from_text("x"))


def test_pipeline_passes_stage_settings_and_rejects_unknown_ones() -> None:
    pipe = Pipeline(["test_upper"], resources=Resources(),
                    stage_settings={"test_upper": {"suffix": "!"}})
    assert pipe(Article.from_text("abc")).title == "ABC!"
    with pytest.raises(StageError, match="bad settings"):
        Pipeline(["test_upper"], resources=Resources(),
                 stage_settings={"test_upper": {"sufix": "!"}})


def test_pipeline_streams_in_batches_and_keeps_order() -> None:
    pipe = Pipeline(["test_upper"], resources=Resources(), batch_size=3)
    out = list(pipe.pipe(Article.from_text(f"t{i}") for i in range(7)))
    assert [a.title for a in out] == [f"T{i}" for i in range(7)]


def test_pipeline_analyze_lists_reads_and_writes_in_order() -> None:
    pipe = Pipeline.from_config(resources=Resources(nlp=object(), actor_kb=object(),
                                                    gazetteer=object()))
    names = [s["name"] for s in pipe.analyze()]
    assert names == BUILTIN


@pytest.mark.slow
def test_pipeline_marks_captions_and_link_lines_as_skipped(pipeline: Pipeline) -> None:
    text = ("Fighters shelled the village on Monday.\n\n"
            "Smoke rises over the village after the attack. Photo: Reuters\n\n"
            "Also read: \"Army retakes town after week of clashes\"\n\n"
            "The army said it retook the village on Tuesday.")
    article = pipeline(Article.from_text(text))
    sents = [s.text.strip() for s in article.doc.sents]
    skipped = {sents[i] for i in article.skip_sentences}
    assert any("Also read" in s for s in skipped)
    assert any("Smoke rises" in s for s in skipped)
    assert not any("retook" in s or "shelled" in s for s in skipped)


@pytest.mark.slow
def test_spacy_called_on_small_groups_parses_a_batch_as_one_call_does(
        nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from conflictmap.stages import nlp as nlp_stage

    long_text = " ".join(f"Gunmen attacked the village of Ariha on day {i}, officials said."
                         for i in range(40))  # over max_chars: parsed in pieces, joined
    texts = ["Rebels shelled Homs on Monday.", long_text, "Police arrested 12 protesters.",
             "The army said it retook the town.\n\nResidents fled."]

    def parse() -> list[list[tuple[str, str, str, int, str, str]]]:
        stage = nlp_stage.NlpStage(nlp, max_chars=1000)
        return [[(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in a.doc]
                for a in stage.pipe([Article.from_text(x) for x in texts])]

    whole = parse()
    monkeypatch.setattr(nlp_stage, "PARSE_BATCH_CHARS", 200)
    grouped = parse()
    assert grouped == whole
    assert [" ".join(t[0] for t in doc[:3]) for doc in grouped] == [
        "Rebels shelled Homs", "Gunmen attacked the", "Police arrested 12", "The army said"]
