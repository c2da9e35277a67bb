"""Kind `subevent`: the ACLED sub-event type of short texts, scored as a classifier.

Two gold formats: news snippets with `sub_event_type` (null: the text reports no ACLED
event, so any ACLED type there is a false positive), and the coder's own example format
(`acled` + `status`; the gold is the type only when the act happened).  A text's
prediction is the sub-event type of its most confident ACLED event that happened
(asserted or claimed), or "none".  Reported: weighted and macro F1 over the classes
(none included), accuracy, a per-class precision/recall/F1 table and the worst confusions.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import HAPPENED, Article, Event
from . import EvalReport, read_jsonl
from .events import per_class

NONE = "none"


def gold_label(row: dict[str, Any], where: str) -> str:
    if "sub_event_type" in row:
        return row["sub_event_type"] or NONE
    if "acled" in row and "status" in row:
        return row["acled"] if row["acled"] and row["status"] in HAPPENED else NONE
    raise InputError(where, "a record needs `sub_event_type`, or `acled` and `status`")


def predicted(events: list[Event]) -> str:
    coded = [e for e in events if e.acled.sub_event_type and e.status in HAPPENED]
    best = max(coded, key=lambda e: e.confidence, default=None)
    return (best.acled.sub_event_type or NONE) if best else NONE


def f1_table(gold: list[str], pred: list[str]) -> dict[str, tuple[int, float, float, float]]:
    """{class: (support, precision, recall, F1)} over every class in gold or prediction."""
    out = {}
    for name, (g, p, ok) in per_class(gold, pred).items():
        prec, rec = ok / p if p else 0.0, ok / g if g else 0.0
        out[name] = (g, prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return out


def score(gold: list[str], pred: list[str], source: str, worst: int = 8) -> EvalReport:
    table = f1_table(gold, pred)
    support = sum(s for s, *_ in table.values())
    scored = [f1 for s, _, _, f1 in table.values() if s]
    report = EvalReport("subevent", source)
    report.metrics = {
        "texts": len(gold),
        "weighted_f1": sum(s * f1 for s, _, _, f1 in table.values()) / support if support else 0.0,
        "macro_f1": sum(scored) / len(scored) if scored else 0.0,
        "accuracy": sum(a == b for a, b in zip(gold, pred)) / len(gold) if gold else 0.0,
    }
    report.table_header = ["class", "gold", "precision", "recall", "f1"]
    report.table = [[name, s, p, r, f] for name, (s, p, r, f) in table.items()]
    confusions = Counter((g, p) for g, p in zip(gold, pred) if g != p)
    report.notes = [f"confused {n}x: {g} -> {p}" for (g, p), n in confusions.most_common(worst)]
    return report


def evaluate(path: str | Path, *, pipeline: Any = None, limit: int | None = None) -> EvalReport:
    from ..pipeline import Pipeline

    pipeline = pipeline or Pipeline.from_config()
    rows = read_jsonl(path)[:limit]
    gold = [gold_label(r, f"{path}:{n}") for n, r in enumerate(rows, start=1)]
    articles = (Article.from_text(r["text"], id=str(r.get("id", n))) for n, r in enumerate(rows))
    pred = [predicted(a.events) for a in pipeline.pipe(articles)]
    return score(gold, pred, str(path))
