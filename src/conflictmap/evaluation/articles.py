"""Kind `articles`: whole articles coded by hand with ACLED events (one article per line).

Each record: `{"id", "published", "title", "kind", "text", "events": [...],
"not_events": [{"text", "reason"}]}`; each gold event has `sub_event_type`,
`alt_sub_event_types`, `actor1`, `actor2`, `location {lat, lon, admin1, precision}`,
`date`, `date_precision` (day, week, month), `fatalities`, `status`.

Within an article, predicted ACLED-typed events told as news (what `events` shows; acts
the article tells as background are left out, as in the default views) are matched one to one to gold events
(maximum bipartite matching). A pair matches when the sub-type is equal (lenient: or one
of the gold's alternatives), the points are within 25 km (or, for a gold region-level
event, the admin1 is the same) and the date agrees (day: within one day; week: within 7
days; month: the same month).  Every unmatched prediction is a false positive: a second
record of a matched gold event is a restatement, one whose evidence lies in a `not_event`
span is a trap.  On matched pairs: actor1, both sides, status and fatalities.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..dedup import date_range
from ..gazetteer.resolve import haversine_km
from ..model import Article, CodedEvent, Event
from . import EvalReport, read_jsonl

PLACE_KM = 25.0
_TENURE = re.compile(r"\((\d{4})-\d{0,4}\)")


@dataclass
class ArticleResult:
    """Matching of one article's predictions to its gold events."""

    kind: str
    gold: list[dict[str, Any]]
    predicted: list[CodedEvent]
    pairs: list[tuple[int, int]]  # (gold index, predicted index)
    restatements: int
    traps: int
    traps_hit: int  # not_events with at least one prediction in them
    not_events: int


def normalise_actor(name: str | None) -> str:
    """ACLED names compared without the end year of a state force's tenure."""
    return _TENURE.sub(r"(\1-)", (name or "").strip()).casefold()


def _first_day(value: str | None) -> dt.date | None:
    """The first day an ISO date of any precision can mean (None when it is not one)."""
    try:
        span = date_range(value)
    except ValueError:
        return None
    return span[0] if span else None


def date_matches(gold: dict[str, Any], event: Event) -> bool:
    g, p = _first_day(gold.get("date")), _first_day(event.date)
    if g is None or p is None or event.date_precision == "year":
        return False
    precision = gold.get("date_precision") or "day"
    if precision == "month":
        return (g.year, g.month) == (p.year, p.month)
    if event.date_precision in ("month", "year"):
        return False
    return abs((g - p).days) <= (7 if precision == "week" else 1)


def place_matches(gold: dict[str, Any], event: Event) -> bool:
    where, loc = gold.get("location") or {}, event.location
    if loc is None or where.get("lat") is None:
        return False
    if haversine_km(where["lat"], where["lon"], loc.lat, loc.lon) <= PLACE_KM:
        return True
    admin1 = (where.get("admin1") or "").casefold()
    return bool(where.get("precision") == 3 and admin1
                and admin1 == (loc.admin1 or "").casefold())


def type_matches(gold: dict[str, Any], event: Event, lenient: bool) -> bool:
    allowed = {gold["sub_event_type"]}
    if lenient:
        allowed.update(gold.get("alt_sub_event_types") or [])
    return event.acled.sub_event_type in allowed


def pair_matches(gold: dict[str, Any], event: Event, lenient: bool) -> bool:
    return (type_matches(gold, event, lenient) and place_matches(gold, event)
            and date_matches(gold, event))


def max_matching(edges: list[list[int]], n_right: int) -> list[tuple[int, int]]:
    """Maximum bipartite matching (augmenting paths): left i may take any right in edges[i]."""
    owner = [-1] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if owner[j] < 0 or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(edges)):
        augment(i, set())
    return sorted((i, j) for j, i in enumerate(owner) if i >= 0)


def _spans(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    out = []
    for piece in pieces:
        at = text.find(piece)
        if at >= 0:
            out.append((at, at + len(piece)))
    return out


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> int:
    return next((n for n, (s, e) in enumerate(spans) if s < span[1] and span[0] < e), -1)


def match_article(row: dict[str, Any], article: Article, lenient: bool) -> ArticleResult:
    gold = row.get("events") or []
    # What a user sees by default: ACLED-typed acts told as news (background left out).
    predicted = [e for e in article.events
                 if e.acled.sub_event_type and e.reported_as != "background"]
    edges = [[j for j, e in enumerate(predicted) if pair_matches(g, e, lenient)]
             for g in gold]
    pairs = max_matching(edges, len(predicted))
    matched_gold = {i for i, _ in pairs}
    matched_pred = {j for _, j in pairs}
    traps = _spans(row["text"], [n["text"] for n in row.get("not_events") or []])
    restatements = trapped = 0
    hit: set[int] = set()
    for j, event in enumerate(predicted):
        where = _overlaps((event.evidence.start, event.evidence.end), traps)
        if where >= 0:
            hit.add(where)
        if j in matched_pred:
            continue
        if any(j in edges[i] for i in matched_gold):
            restatements += 1
        elif where >= 0:
            trapped += 1
    return ArticleResult(row.get("kind") or "?", gold, predicted, pairs, restatements,
                         trapped, len(hit), len(traps))


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p, r = tp / (n_pred or 1), tp / (n_gold or 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _actor_name(event: Event, side: str) -> str:
    """The ACLED side as the record codes it (a country stand-in target is no side)."""
    return normalise_actor(event.acled.actor1 if side == "actor1" else event.acled.actor2)


def pair_checks(results: list[ArticleResult]) -> Counter[str]:
    c: Counter[str] = Counter()
    for res in results:
        for i, j in res.pairs:
            g, e = res.gold[i], res.predicted[j]
            a1 = _actor_name(e, "actor1") == normalise_actor(g.get("actor1"))
            a2 = _actor_name(e, "actor2") == normalise_actor(g.get("actor2"))
            c["actor1"] += a1
            c["both_sides"] += a1 and a2
            c["status"] += e.status == g.get("status")
            c["fatalities"] += e.fatalities == g.get("fatalities")
    return c


def score(rows: list[dict[str, Any]], results: list[ArticleResult],
          lenient_results: list[ArticleResult], source: str) -> EvalReport:
    report = EvalReport("articles", source)
    n_gold = sum(len(r.gold) for r in results)
    n_pred = sum(len(r.predicted) for r in results)
    for label, res in (("", results), ("lenient_", lenient_results)):
        tp = sum(len(r.pairs) for r in res)
        p, r, f = _prf(tp, n_pred, n_gold)
        checks = pair_checks(res)
        report.metrics.update({
            f"{label}precision": p, f"{label}recall": r, f"{label}f1": f,
            f"{label}all_right": checks["actor1"] / (n_gold or 1),
            f"{label}actor1_matched": checks["actor1"] / (tp or 1),
            f"{label}both_sides_matched": checks["both_sides"] / (tp or 1)})
        if not label:
            report.metrics.update({
                "articles": len(rows), "gold_events": n_gold, "predicted": n_pred,
                "matched": tp, "restatement_fp": sum(x.restatements for x in res),
                "not_event_fp": sum(x.traps for x in res),
                "trap_rate": sum(x.traps_hit for x in res) / (sum(x.not_events for x in res) or 1),
                "status_matched": checks["status"] / (tp or 1),
                "fatalities_matched": checks["fatalities"] / (tp or 1)})
    report.table_header = ["by", "class", "gold", "predicted", "matched", "precision",
                           "recall"]
    report.table = _breakdown(results)
    report.notes.append("strict = sub-type equal; lenient = or in alt_sub_event_types; "
                        f"place within {PLACE_KM:.0f} km (or same admin1 for a region-level "
                        "gold event); all_right = matched with actor1 right, over gold events")
    return report


def _breakdown(results: list[ArticleResult]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for by in ("kind", "sub-type"):
        gold: Counter[str] = Counter()
        pred: Counter[str] = Counter()
        hit: Counter[str] = Counter()
        for r in results:
            if by == "kind":
                gold[r.kind] += len(r.gold)
                pred[r.kind] += len(r.predicted)
                hit[r.kind] += len(r.pairs)
                continue
            gold.update(g["sub_event_type"] for g in r.gold)
            pred.update(e.acled.sub_event_type or "" for e in r.predicted)
            hit.update(r.gold[i]["sub_event_type"] for i, _ in r.pairs)
        for name in sorted(set(gold) | set(pred)):
            rows.append([by, name, gold[name], pred[name], hit[name],
                         hit[name] / (pred[name] or 1), hit[name] / (gold[name] or 1)])
    return rows


def to_article(row: dict[str, Any]) -> Article:
    published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
    return Article.from_text(row["text"], published=published, id=str(row.get("id") or ""),
                             title=row.get("title"), url=row.get("url"),
                             source=row.get("source"))


def evaluate(path: str | Path, *, pipeline: Any = None, limit: int | None = None
             ) -> EvalReport:
    from ..pipeline import Pipeline

    pipeline = pipeline or Pipeline.from_config()
    rows = read_jsonl(path)[:limit]
    articles = list(pipeline.pipe(to_article(r) for r in rows))
    strict = [match_article(r, a, lenient=False) for r, a in zip(rows, articles)]
    lenient = [match_article(r, a, lenient=True) for r, a in zip(rows, articles)]
    return score(rows, strict, lenient, str(path))
