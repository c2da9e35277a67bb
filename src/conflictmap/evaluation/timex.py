"""Kind `timex`: temporal expressions (TimeML gold), value F1 of DATE expressions.

Each document is parsed with its document date as the publication date.  A predicted
expression matches a gold DATE expression when the spans overlap; it is correct when
the values are equal.  Predictions overlapping gold expressions of other types
(DURATION, TIME, SET) are left out of precision: those types are not dates.
Recall counts every gold DATE expression.  conflictmap resolves "now" to the
publication date, which counts as TimeML's PRESENT_REF; it gives the other vague
references their TimeML values (PAST_REF "recently", FUTURE_REF "the future", PRESENT_REF
"these days"), which are scored like any value.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from ..config import get as config_get
from ..model import Article, Timex
from ..resources import Resources
from ..stages.dates import date_articles
from . import EvalReport, read_jsonl


def _overlaps(a: Timex, gold: dict[str, Any]) -> bool:
    return bool(a.start < gold["end"] and gold["start"] < a.end)


def _published(row: dict[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(row.get("dct", ""))[:10])
    except ValueError:
        return None


def _same_value(t: Timex, gold: dict[str, Any], dct: str) -> bool:
    """Equal values; 'now' resolved to the document date matches TimeML's PRESENT_REF."""
    value = gold.get("value")
    if value == "PRESENT_REF" and t.value == dct and t.precision == "day":
        return True
    return t.value == value


def _score_doc(row: dict[str, Any], predicted: list[Timex], counts: Counter[str]) -> None:
    dct = str(row.get("dct", ""))[:10]
    golds = row.get("timexes") or []
    dates = [g for g in golds if g.get("type") == "DATE"]
    others = [g for g in golds if g.get("type") != "DATE"]
    counts["gold"] += len(dates)
    counts["gold_vague"] += sum(1 for g in dates if str(g.get("value", "")) in
                                ("PAST_REF", "FUTURE_REF"))
    matched: set[int] = set()
    for t in predicted:
        hit = next((i for i, g in enumerate(dates) if i not in matched and _overlaps(t, g)),
                   None)
        if hit is None:
            if not any(_overlaps(t, g) for g in others):
                counts["predicted"] += 1
            continue
        matched.add(hit)
        counts["predicted"] += 1
        counts["span_match"] += 1
        counts["correct"] += int(_same_value(t, dates[hit], dct))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(path: str | Path, *, pipeline: Any = None, limit: int | None = None
             ) -> EvalReport:
    rows = read_jsonl(path)[:limit] if limit else read_jsonl(path)
    resources: Resources = pipeline.resources if pipeline is not None else Resources()
    articles = (Article.from_text(r["text"], id=str(r.get("id", i)), published=_published(r))
                for i, r in enumerate(rows))
    counts: Counter[str] = Counter()
    prefer_past = bool(config_get(resources.config, "stages.dates.prefer_past", True))
    for row, article in zip(rows, date_articles(articles, resources, prefer_past=prefer_past)):
        _score_doc(row, article.timexes, counts)
    p = counts["correct"] / (counts["predicted"] or 1)
    r = counts["correct"] / (counts["gold"] or 1)
    sp = counts["span_match"] / (counts["predicted"] or 1)
    sr = counts["span_match"] / (counts["gold"] or 1)
    report = EvalReport("timex", str(path), {
        "gold_dates": float(counts["gold"]), "predicted": float(counts["predicted"]),
        "value_precision": p, "value_recall": r, "value_f1": _f1(p, r),
        "span_f1": _f1(sp, sr)})
    report.notes.append(f"{counts['gold_vague']} gold DATE values are vague references "
                        "(PAST_REF, FUTURE_REF)")
    report.notes.append("'now' resolved to the document date counts as PRESENT_REF")
    return report
