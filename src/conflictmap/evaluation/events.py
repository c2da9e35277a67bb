"""Kind `events`: the project's own sentence cases (tests/data/cases/events.jsonl).

Each record: `{"text", "published", "expect": {"sub_event_type", "status", "fatalities"?,
"actor_country"?, "actor1"?, "actor2"?, "assoc_actor"?, "claimed_by"?, "country"?,
"date"?}}`.  The main event of a sentence is its first event with an ACLED sub-event type
(or its first event, when none has one).  Reported: per-class precision and recall for
ACLED sub-event types and for statuses, fatalities and actor-country accuracy; with ACLED
actor names in the cases (the actor blind set), actor1, actor2, both sides, associated
actor, claimant, event country and date accuracy.  Actor names compare as the articles
kind does (a state force's tenure without its end year); a claimant matches when its word
is in the predicted `claimed_by`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Article, Event
from . import EvalReport, read_jsonl
from .articles import normalise_actor

NONE = "(none)"


@dataclass(frozen=True)
class Outcome:
    """What the pipeline said about one case."""

    sub_event_type: str
    status: str
    fatalities: int | None
    countries: frozenset[str]
    actor1: str = ""
    actor2: str = ""
    assoc: frozenset[str] = frozenset()
    claimed_by: str = ""
    country: str = ""
    date: str = ""


def main_event(events: list[Event]) -> Event | None:
    return next((e for e in events if e.acled.sub_event_type), events[0] if events else None)


def outcome(events: list[Event]) -> Outcome:
    event = main_event(events)
    if event is None:
        return Outcome(NONE, NONE, None, frozenset())
    actors = [event.actor] + [a for a in event.assoc_actors if a.side == "actor"]
    return Outcome(event.acled.sub_event_type or NONE, event.status, event.fatalities,
                   frozenset(a.country for a in actors if a is not None and a.country),
                   actor1=normalise_actor(event.acled.actor1),
                   actor2=normalise_actor(event.acled.actor2),
                   assoc=frozenset(normalise_actor(a.acled_name or a.name)
                                   for a in event.assoc_actors),
                   claimed_by=(event.claimed_by or "").casefold(),
                   country=(event.location.country if event.location else None) or "",
                   date=event.date or "")


def run_cases(rows: list[dict[str, Any]], pipeline: Any) -> list[Outcome]:
    def article(n: int, row: dict[str, Any]) -> Article:
        published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
        return Article.from_text(row["text"], published=published, id=f"case-{n}")

    articles = (article(n, r) for n, r in enumerate(rows))
    return [outcome(a.events) for a in pipeline.pipe(articles)]


def per_class(gold: list[str], pred: list[str]) -> dict[str, tuple[int, int, int]]:
    """{class: (gold count, predicted count, correct)}."""
    g, p = Counter(gold), Counter(pred)
    ok = Counter(a for a, b in zip(gold, pred) if a == b)
    return {c: (g[c], p[c], ok[c]) for c in sorted(set(g) | set(p))}


def _rows(label: str, table: dict[str, tuple[int, int, int]]) -> list[list[Any]]:
    out = []
    for name, (gold, pred, ok) in table.items():
        out.append([label, name, gold, pred, ok, ok / pred if pred else 0.0,
                    ok / gold if gold else 0.0])
    return out


def score(rows: list[dict[str, Any]], outcomes: list[Outcome], source: str) -> EvalReport:
    expects = [r["expect"] for r in rows]
    gold_sub = [e.get("sub_event_type") or NONE for e in expects]
    gold_status = [e["status"] for e in expects if "status" in e]
    pred_status = [o.status for e, o in zip(expects, outcomes) if "status" in e]
    subs = per_class(gold_sub, [o.sub_event_type for o in outcomes])
    statuses = per_class(gold_status, pred_status)
    fat = [(e["fatalities"], o.fatalities) for e, o in zip(expects, outcomes)
           if "fatalities" in e]
    cty = [(e["actor_country"], o.countries) for e, o in zip(expects, outcomes)
           if e.get("actor_country")]
    recalls = [ok / g for name, (g, _, ok) in subs.items() if g and name != NONE]
    report = EvalReport("events", source)
    report.metrics = {
        "cases": len(rows),
        "sub_event_accuracy": _rate(sum(a == b for a, b in
                                        zip(gold_sub, [o.sub_event_type for o in outcomes])),
                                    len(rows)),
        "sub_event_macro_recall": sum(recalls) / len(recalls) if recalls else 0.0,
        "sub_event_min_recall": min(recalls) if recalls else 0.0,
        "status_accuracy": _rate(sum(a == b for a, b in zip(gold_status, pred_status)),
                                 len(gold_status)),
        "fatalities_accuracy": _rate(sum(a == b for a, b in fat), len(fat)),
        "fatalities_n": len(fat),
        "actor_country_accuracy": _rate(sum(a in b for a, b in cty), len(cty)),
        "actor_country_n": len(cty),
    }
    if any("actor1" in e for e in expects):
        report.metrics.update(actor_figures(expects, outcomes))
        report.notes.append("word rows: gold = predicted = cases with that word, correct = "
                            "actor1 right, precision = actor1 accuracy, recall = both sides")
    report.table_header = ["kind", "class", "gold", "predicted", "correct", "precision",
                           "recall"]
    report.table = _rows("sub-event", subs) + _rows("status", statuses) + \
        _word_rows(rows, outcomes)
    return report


def _word_rows(rows: list[dict[str, Any]], outcomes: list[Outcome]) -> list[list[Any]]:
    """Per generic word (cases with a `word`): cases, actor1 right, both sides right."""
    out: dict[str, list[int]] = {}
    for row, o in zip(rows, outcomes):
        e = row["expect"]
        if "word" not in row or "actor1" not in e:
            continue
        a1 = normalise_actor(e["actor1"]) == o.actor1
        both = a1 and normalise_actor(e.get("actor2")) == o.actor2
        n = out.setdefault(row["word"], [0, 0, 0])
        n[0], n[1], n[2] = n[0] + 1, n[1] + a1, n[2] + both
    return [["word", w, n, n, a1, a1 / n, both / n] for w, (n, a1, both) in sorted(out.items())]


def actor_figures(expects: list[dict[str, Any]], outcomes: list[Outcome]
                  ) -> dict[str, float]:
    """Actor1, actor2, both sides, associated actor, claimant, country and date accuracy."""
    pairs = [(e, o) for e, o in zip(expects, outcomes) if "actor1" in e]
    a1 = [normalise_actor(e["actor1"]) == o.actor1 for e, o in pairs]
    a2 = [normalise_actor(e.get("actor2")) == o.actor2 for e, o in pairs]
    assoc = [normalise_actor(e["assoc_actor"]) in o.assoc for e, o in pairs
             if e.get("assoc_actor")]
    claims = [e["claimed_by"].casefold() in o.claimed_by for e, o in pairs
              if e.get("claimed_by")]
    return {
        "actor1_accuracy": _rate(sum(a1), len(pairs)),
        "actor2_accuracy": _rate(sum(a2), len(pairs)),
        "both_sides_accuracy": _rate(sum(x and y for x, y in zip(a1, a2)), len(pairs)),
        "assoc_actor_accuracy": _rate(sum(assoc), len(assoc)), "assoc_actor_n": len(assoc),
        "claimed_by_accuracy": _rate(sum(claims), len(claims)), "claimed_by_n": len(claims),
        "country_accuracy": _rate(sum(e.get("country") == o.country for e, o in pairs),
                                  len(pairs)),
        "date_accuracy": _rate(sum(e.get("date") == o.date for e, o in pairs), len(pairs)),
    }


def _rate(right: int, total: int) -> float:
    return right / total if total else 0.0


def evaluate(path: str | Path, *, pipeline: Any = None, limit: int | None = None) -> EvalReport:
    from ..pipeline import Pipeline

    pipeline = pipeline or Pipeline.from_config()
    rows = read_jsonl(path)[:limit]
    return score(rows, run_cases(rows, pipeline), str(path))
