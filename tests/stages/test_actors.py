"""Stage `actors`: mentions resolved in context (runs the real spaCy model)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from handparse import HandParsed
from testpaths import DATA

from conflictmap.actors import load_kb
from conflictmap.errors import StageError
from conflictmap.evaluation.actors import check_case
from conflictmap.model import Article
from conflictmap.stages.actors import ActorStage


@pytest.fixture(scope="module")
def parses() -> HandParsed:
    """The texts of these tests, parsed by hand (tests/data/parses/actors.txt): the rules
    run without the spaCy model."""
    return HandParsed(DATA / "parses" / "actors.txt")

CASES = Path(__file__).resolve().parents[1] / "data" / "cases" / "actors.jsonl"
ROWS = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line]



@pytest.fixture(scope="module")
def read(parses: Any):
    stage = ActorStage(load_kb())

    def run(text: str, published: str | None = "2016-12-14") -> Article:
        date = dt.date.fromisoformat(published) if published else None
        article = Article.from_text(text, published=date)
        article.doc = parses(text)
        return stage(article)

    return run


def _by_text(article: Article) -> dict[str, str]:
    return {m.text: m.actor.id for m in article.mentions}


@pytest.mark.parametrize("case", ROWS, ids=[f"{n}-{r['category']}" for n, r in
                                             enumerate(ROWS, start=1)])
def test_actors_project_cases(read, case: dict[str, Any]) -> None:
    article = read(case["text"], case.get("published"))
    assert check_case(article, case["expect"]) is None


def test_actors_mentions_are_consistent_spans(read) -> None:
    text = ("Islamic State fighters stormed Palmyra. Russian and Syrian jets struck back. "
            "The jihadists held the citadel.\nGunmen killed villagers in Borno.")
    article = read(text)
    sents = list(article.doc.sents)
    starts = [m.start for m in article.mentions]
    assert starts == sorted(starts) and len(article.mentions) >= 6
    for m in article.mentions:
        span = article.doc[m.token_start:m.token_end]
        assert (span.start_char, span.end_char, span.text) == (m.start, m.end, m.text)
        assert article.text[m.start:m.end] == m.text
        assert sents[m.sentence_index].start <= m.token_start < sents[m.sentence_index].end
        assert m.actor.id and m.actor.name and m.reason


@pytest.mark.parametrize("text, phrase, expected", [
    ("American, Iraqi and Kurdish forces advanced on Mosul.", "American, Iraqi and Kurdish forces",
     ["USA.MIL", "IRQ.MIL", "peshmerga"]),
    ("Russian and Syrian troops entered the town of Palmyra.", "Russian and Syrian troops",
     ["RUS.MIL", "SYR.MIL"]),
])
def test_actors_coordinated_demonyms_give_one_mention_each(read, text, phrase, expected) -> None:
    article = read(text)
    lo = text.index(phrase)
    inside = [m for m in article.mentions if lo <= m.start and m.end <= lo + len(phrase)]
    assert [m.actor.id for m in inside] == expected
    assert all(m.reason == "demonym+force" or m.reason.startswith("ethnic") for m in inside)


@pytest.mark.parametrize("text, place", [
    ("Fighting continued in Syria on Monday.", "Syria"),
    ("Two soldiers were killed near Mosul.", "Mosul"),
    ("The convoy drove from Damascus to Homs.", "Damascus"),
])
def test_actors_places_after_prepositions_are_not_actors(read, text, place) -> None:
    article = read(text)
    assert place not in _by_text(article)


def test_actors_country_as_subject_is_its_government(read) -> None:
    assert _by_text(read("Syria accused Turkey of violating its airspace."))["Syria"] == "SYR.GOV"


@pytest.mark.parametrize("text, focus", [
    ("Government troops shelled Aleppo and Idlib while rebels held Douma.", "SYR"),
    ("Boko Haram attacked Maiduguri overnight.", "NGA"),
    ("Protesters blocked roads in Nairobi and Mombasa.", "KEN"),
])
def test_actors_country_focus(read, text, focus) -> None:
    assert read(text).country_focus == focus


def test_actors_generic_forces_follow_the_focus(read) -> None:
    article = read("Fighting raged in Aleppo and Homs. Regime forces shelled rebel districts.")
    mention = next(m for m in article.mentions if m.text == "Regime forces")
    assert (mention.actor.id, mention.reason) == ("SYR.MIL", "generic:SYR")


def test_actors_coreference_names_its_antecedent(read) -> None:
    article = read("Boko Haram raided a village in Borno. The militants burned homes.")
    mention = next(m for m in article.mentions if m.text == "militants")
    assert mention.actor.id == "boko-haram"
    assert mention.reason == "coreference:Boko Haram"


def test_actors_publication_date_picks_the_name_in_use(read) -> None:
    early = read("The Nusra Front shelled the town.", "2014-05-01").mentions[0].actor
    late = read("The Nusra Front shelled the town.", "2018-05-01").mentions[0].actor
    assert (early.id, late.id) == ("nusra", "hts")


def test_actors_stage_needs_a_parsed_doc() -> None:
    with pytest.raises(StageError, match="no parsed doc"):
        ActorStage(load_kb())(Article.from_text("Text without a parse."))


def test_actors_stage_in_the_pipeline(pipeline: Any) -> None:
    article = pipeline(Article.from_text("Daesh fighters attacked Syrian troops near Palmyra.",
                                         published=dt.date(2016, 12, 11)))
    assert {m.actor.id for m in article.mentions} >= {"islamic-state", "SYR.MIL"}
    assert article.country_focus == "SYR"


def test_actors_headline_counts_for_the_country_focus(parses: Any) -> None:
    text = "Gunmen killed four farmers near the village on Monday, residents said."
    article = Article.from_text(text, title="Attack in Zamfara leaves four dead")
    article.doc = parses(text)
    ActorStage(load_kb())(article)
    assert article.country_focus == "NGA"
    assert article.mentions[0].actor.acled_name == "Unidentified Armed Group (Nigeria)"


@pytest.mark.parametrize("fragment", [
    "Thursday 3 January 2013; the militants near Raqqa",
    "ISIS fighters and the jihadists",
    "Syria: the army and its allies",
    "Kurdish-led and Russian-backed",
])
def test_actors_verbless_fragments_are_read(read, fragment: str) -> None:
    article = read(fragment)
    assert all(article.text[m.start:m.end] == m.text for m in article.mentions)
