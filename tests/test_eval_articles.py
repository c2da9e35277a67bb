"""Scoring of whole articles against hand-coded events (`conflictmap eval`, kind `articles`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from testpaths import shared_file

from conflictmap.evaluation import detect_kind
from conflictmap.evaluation.articles import match_article, normalise_actor, score
from conflictmap.model import AcledCoding, Actor, Article, Event, Evidence, Location

TEXT = ("Rebels seized the town of Kafr Nabl on Monday. The capture of Kafr Nabl followed "
        "weeks of shelling. In 2015 the army had shelled the town.")
GOLD = {
    "id": "t1", "kind": "wire", "published": "2024-03-06", "text": TEXT,
    "events": [{
        "sub_event_type": "Non-state actor overtakes territory",
        "alt_sub_event_types": ["Armed clash"],
        "actor1": "Opposition Rebels (Syria)", "actor2": "Military Forces of Syria (2000-2024)",
        "location": {"name": "Kafr Nabl", "lat": 35.61, "lon": 36.56, "admin1": "Idlib",
                     "precision": 1},
        "date": "2024-03-04", "date_precision": "day", "fatalities": None,
        "status": "asserted"}],
    "not_events": [{"text": "In 2015 the army had shelled the town.", "reason": "background"}],
}


def _event(sub: str, sentence: str, *, lat: float = 35.6, date: str = "2024-03-04",
           actor: str = "Opposition Rebels (Syria)") -> Event:
    start = TEXT.index(sentence)
    acled = AcledCoding("Battles", sub, actor, "Military Forces of Syria (2000-)")
    return Event(article_id="t1", plover="SEIZE", cameo="", acled=acled,
                 evidence=Evidence(sentence, start, start + len(sentence), 0),
                 actor=Actor(id="x", name=actor, acled_name=actor),
                 target=Actor(id="y", name="army",
                              acled_name="Military Forces of Syria (2000-)"),
                 location=Location("Kafr Nabl", lat, 36.56), date=date, date_precision="day")


def _article(*events: Event) -> Article:
    article = Article.from_text(TEXT, id="t1")
    article.events = list(events)
    return article


def test_a_restated_event_counts_once_and_the_restatement_is_a_false_positive() -> None:
    lead = _event("Non-state actor overtakes territory", "Rebels seized the town of Kafr Nabl on Monday.")
    again = _event("Non-state actor overtakes territory", "The capture of Kafr Nabl followed weeks of shelling.")
    result = match_article(GOLD, _article(lead, again), lenient=False)
    assert len(result.pairs) == 1 and result.restatements == 1 and result.traps == 0
    report = score([GOLD], [result], [result], "t")
    assert report.metrics["precision"] == 0.5 and report.metrics["recall"] == 1.0
    assert report.metrics["both_sides_matched"] == 1.0  # tenure end year is normalised


def test_background_is_a_trap_and_far_or_late_predictions_do_not_match() -> None:
    background = _event("Shelling/artillery/missile attack", "In 2015 the army had shelled the town.")
    far = _event("Non-state actor overtakes territory", "Rebels seized the town of Kafr Nabl on Monday.",
                 lat=36.2)  # about 65 km north
    late = _event("Non-state actor overtakes territory", "Rebels seized the town of Kafr Nabl on Monday.",
                  date="2024-03-06")
    result = match_article(GOLD, _article(background, far, late), lenient=False)
    assert result.pairs == [] and result.traps == 1 and result.traps_hit == 1


def test_lenient_score_accepts_the_gold_alternatives() -> None:
    clash = _event("Armed clash", "Rebels seized the town of Kafr Nabl on Monday.")
    assert match_article(GOLD, _article(clash), lenient=False).pairs == []
    assert match_article(GOLD, _article(clash), lenient=True).pairs == [(0, 0)]


def test_state_force_names_compare_without_the_tenure_end() -> None:
    assert normalise_actor("Military Forces of Syria (2000-2024)") == \
        normalise_actor("Military Forces of Syria (2000-)")
    assert normalise_actor("Rebel Group (Syria)") != normalise_actor("Opposition Rebels (Syria)")


def test_cli_scores_a_project_article_file(tmp_path: Path) -> None:
    gold = tmp_path / "articles.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    assert detect_kind(gold) == "articles"
    out = subprocess.run([sys.executable, "-m", "conflictmap", "eval", str(gold), "--json"],
                         capture_output=True, text=True, check=True).stdout
    metrics = json.loads(out)["metrics"]
    assert metrics["articles"] == 1 and metrics["gold_events"] == 1
    assert 0.0 <= metrics["precision"] <= 1.0 and metrics["predicted"] >= 0


def test_articles_dev_is_scored() -> None:
    path = shared_file("eval/articles_dev.jsonl")
    out = subprocess.run([sys.executable, "-m", "conflictmap", "eval", str(path), "--json"],
                         capture_output=True, text=True, check=True).stdout
    metrics = json.loads(out)["metrics"]
    assert metrics["articles"] == 30 and metrics["gold_events"] == 64
    assert metrics["matched"] > 0  # the pipeline finds some of the hand-coded events
