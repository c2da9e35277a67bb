"""Kind `actors`: the project's own actor-resolution cases, and mention-level country
accuracy on PLOVER gold records.

A case is one JSON line: `{"text", "published"?, "category"?, "expect": {"mention",
"actor", "acled_name"?, "country"?, "focus"?}}`. The case passes when the mention whose
span covers `mention` resolves to `actor` (an id; null = no actor mention may cover it)
and to the optional ACLED name / country / article country focus.

`plover_mentions()` runs only the nlp and actors stages over PLOVER gold records and
checks, for every gold source (or target) actor with an ISO 3166 alpha-3 code, whether a
mention overlapping its `actorText` carries that country. Codes that are not ISO
countries (IGO, NGO, IMG, CAMEO-only codes such as JAP or VTN) are counted apart.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import ActorMention, Article
from . import EvalReport, read_jsonl

NON_COUNTRY = ("IGO", "NGO", "IMG", "ISM", "MNC")


def _pipeline(pipeline: Any) -> Any:
    from ..pipeline import Pipeline

    resources = getattr(pipeline, "resources", None)
    return Pipeline(["nlp", "actors"], resources=resources)


def _date(value: Any, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(where, f"\"published\" is not a date: {value!r}") from None


def _articles(rows: list[dict[str, Any]], path: str) -> list[Article]:
    out = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row.get("text"), str):
            raise InputError(f"{path}:{n}", "missing \"text\"")
        out.append(Article.from_text(row["text"], id=str(n),
                                     published=_date(row.get("published") or row.get("date"),
                                                     f"{path}:{n}")))
    return out


def covering(mentions: list[ActorMention], start: int, end: int) -> list[ActorMention]:
    """Mentions whose span overlaps the characters [start, end)."""
    return [m for m in mentions if m.start < end and start < m.end]


def check_case(article: Article, expect: dict[str, Any]) -> str | None:
    """None when the case passes, else what went wrong."""
    surface = expect.get("mention")
    if "focus" in expect and article.country_focus != expect["focus"]:
        return f"focus {article.country_focus} != {expect['focus']}"
    if not surface:
        return None
    at = article.text.find(surface)
    if at < 0:
        return f"mention {surface!r} is not in the text"
    found = covering(article.mentions, at, at + len(surface))
    if expect.get("actor") is None:
        return f"unexpected {found[0].actor.id}" if found else None
    if not found:
        return f"no mention over {surface!r}"
    actor = found[0].actor
    for key, value in (("id", expect["actor"]), ("acled_name", expect.get("acled_name")),
                       ("country", expect.get("country"))):
        if value is not None and getattr(actor, key) != value:
            return f"{key} {getattr(actor, key)!r} != {value!r} ({found[0].reason})"
    return None


def evaluate(path: str | Path, *, pipeline: Any = None, limit: int | None = None
             ) -> EvalReport:
    """Score the project's actor cases: accuracy overall and by category."""
    rows = read_jsonl(path)[:limit]
    articles = list(_pipeline(pipeline).pipe(_articles(rows, str(path))))
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    report = EvalReport(kind="actors", source=str(path))
    for n, (row, article) in enumerate(zip(rows, articles), start=1):
        problem = check_case(article, row.get("expect") or {})
        for cat in ("all", row.get("category", "other")):
            right[cat][0] += problem is None
            right[cat][1] += 1
        if problem and len(report.notes) < 25:
            report.notes.append(f"line {n}: {problem}")
    report.metrics = {"cases": right["all"][1],
                      "accuracy": right["all"][0] / max(right["all"][1], 1)}
    report.table_header = ["category", "cases", "accuracy"]
    report.table = [[c, t, r / t] for c, (r, t) in sorted(right.items()) if c != "all"]
    return report


def _span(text: str, actor_text: str) -> tuple[int, int] | None:
    """Where a gold actorText sits in the text (its first part when it has "...")."""
    first = actor_text.replace("..", "...").split("...")[0].strip(" .")
    word = first.split()[0] if first.split() else ""
    for probe in (actor_text.strip(), first, word):
        at = text.find(probe) if probe else -1
        if at < 0 and probe:
            at = text.lower().find(probe.lower())
        if at >= 0:
            return at, at + len(probe)
    return None


def _is_iso(code: str, countries: set[str]) -> bool:
    return code in countries


def plover_mentions(path: str | Path, *, pipeline: Any = None, limit: int | None = None,
                    side: str = "source") -> EvalReport:
    """Mention-level country (and sector) accuracy for gold `source` or `target` actors."""
    from ..actors import load_kb

    countries = set(load_kb().countries)
    rows = read_jsonl(path)[:limit]
    articles = list(_pipeline(pipeline).pipe(_articles(rows, str(path))))
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    report = EvalReport(kind="actors-plover", source=str(path))
    for row, article in zip(rows, articles):
        for gold in row.get(side) or []:
            if isinstance(gold, dict):
                _score_gold(article, gold, countries, tally, report)
    c, s = tally["country"], tally["sector"]
    report.metrics = {f"{side}_actors": c[1], f"{side}_country_accuracy": c[0] / max(c[1], 1),
                      f"{side}_sector_accuracy": s[0] / max(s[1], 1),
                      "non_country_codes_skipped": tally["skipped"][1],
                      "span_not_found": tally["nospan"][1]}
    report.notes.insert(0, "non-ISO gold codes (IGO, NGO, IMG, JAP, VTN, ...) are skipped; "
                           "sector compared where the gold gives one of GOV MIL COP REB CVL "
                           "SPY LEG JUD OPP")
    return report


def _score_gold(article: Article, gold: dict[str, Any], countries: set[str],
                tally: dict[str, list[int]], report: EvalReport) -> None:
    code, text = gold.get("code") or "", gold.get("actorText") or ""
    if not _is_iso(code, countries) or not text.strip():
        tally["skipped"][1] += 1
        return
    span = _span(article.text, text)
    found = covering(article.mentions, *span) if span else []
    tally["nospan"][1] += span is None
    ok = any(m.actor.country == code for m in found)
    tally["country"][0] += ok
    tally["country"][1] += 1
    sector = (gold.get("sector") or "")[:3]
    if sector in ("GOV", "MIL", "COP", "REB", "CVL", "SPY", "LEG", "JUD", "OPP"):
        tally["sector"][0] += any(m.actor.sector == sector for m in found if
                                  m.actor.country == code)
        tally["sector"][1] += 1
    if not ok and len(report.notes) < 40:
        got = ", ".join(f"{m.text}={m.actor.country}/{m.actor.sector}" for m in found) or "-"
        report.notes.append(f"{text!r} gold {code}: got {got}")
