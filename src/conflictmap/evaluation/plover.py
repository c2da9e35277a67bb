"""Kind `plover`: PLOVER gold records (event type, source/target country and sector).

Each record's text is run through the pipeline with `published` = the record's date; the
main event (the first one) is compared with the gold label.  Older labels are mapped to
current PLOVER (DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT; INVESTIGATE is
a mode of ACCUSE).  Countries are compared only where the gold code names a country: ISO
3166 alpha-3, or a CAMEO country code that differs from ISO (JAP, ITL, VTN; former ISO codes
such as ZAR), which is read as the ISO code of the same country.  Codes that name no country
(IGO, NGO, IMG, ISM) are counted apart and not scored.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from ..model import Actor, Article, Event
from . import EvalReport, read_jsonl

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
              "INVESTIGATE": "ACCUSE"}


def gold_type(label: str) -> str:
    return OLD_LABELS.get(label, label)


# CAMEO country codes that are not the ISO code of the same country
CAMEO_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD",
                   "TMP": "TLS", "BUR": "MMR"}


def iso3(code: str | None) -> bool:
    if not code or len(code) != 3 or not code.isalpha() or not code.isupper():
        return False
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


def gold_country(code: str | None) -> str | None:
    """The ISO alpha-3 code a gold country code stands for; None for IGO, NGO and the like."""
    code = CAMEO_COUNTRIES.get(code or "", code)
    return code if iso3(code) else None


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def side_actors(event: Event | None, side: str) -> list[Actor]:
    if event is None:
        return []
    main = event.actor if side == "actor" else event.target
    return ([main] if main else []) + [a for a in event.assoc_actors if a.side == side]


def _run(rows: list[dict[str, Any]], pipeline: Any) -> list[Event | None]:
    articles = (Article.from_text(r["text"], published=_date(r.get("date")),
                                  id=str(r.get("id", n))) for n, r in enumerate(rows))
    return [a.events[0] if a.events else None for a in pipeline.pipe(articles)]


class Tally:
    """Right/total counters for one measure."""

    def __init__(self) -> None:
        self.right = 0
        self.total = 0
        self.misses: Counter[str] = Counter()  # why the wrong ones were wrong

    def add(self, ok: bool, why: str = "") -> None:
        self.right += ok
        self.total += 1
        if not ok and why:
            self.misses[why] += 1

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


def _miss(event: Event | None, pred: list[Actor]) -> str:
    if event is None:
        return "no event"
    return "no actor" if not pred else "another country"


def _score_side(gold: list[dict[str, Any]], event: Event | None, side: str, countries: Tally,
                sectors: Tally, non_iso: Counter[str]) -> None:
    pred = side_actors(event, side)
    gold = [g for g in gold if isinstance(g, dict)]  # a few records hold stray strings
    codes = [str(g["code"]) for g in gold if g.get("code")]
    iso = [c for c in map(gold_country, codes) if c]
    non_iso.update(c for c in codes if not gold_country(c))
    if iso:
        countries.add(bool(set(iso) & {a.country for a in pred}), _miss(event, pred))
    wanted = {str(g["sector"])[:3] for g in gold if g.get("sector") and g["sector"] != "***"}
    have = {(a.sector or "")[:3] for a in pred}
    if wanted:
        sectors.add(bool(wanted & have))


def evaluate(path: str | Path, *, pipeline: Any = None, limit: int | None = None) -> EvalReport:
    from ..pipeline import Pipeline

    pipeline = pipeline or Pipeline.from_config()
    rows = read_jsonl(path)[:limit]
    mains = _run(rows, pipeline)
    types, src, tgt, sectors = Tally(), Tally(), Tally(), Tally()
    per_type: dict[str, list[int]] = {}
    confusion: Counter[tuple[str, str]] = Counter()
    non_iso: Counter[str] = Counter()
    for row, event in zip(rows, mains):
        gold = gold_type(row["event"])
        pred = event.plover if event else "-"
        types.add(pred == gold)
        per_type.setdefault(gold, [0, 0, 0])
        per_type[gold][0] += 1
        per_type[gold][1] += pred == gold
        per_type.setdefault(pred, [0, 0, 0])[2] += 1
        if pred != gold:
            confusion[(gold, pred)] += 1
        _score_side(row.get("source") or [], event, "actor", src, sectors, non_iso)
        _score_side(row.get("target") or [], event, "target", tgt, Tally(), non_iso)
    return _report(path, types, src, tgt, sectors, per_type, confusion, non_iso, mains)


def _report(path: str | Path, types: Tally, src: Tally, tgt: Tally, sectors: Tally,
            per_type: dict[str, list[int]], confusion: Counter[tuple[str, str]],
            non_iso: Counter[str], mains: list[Event | None]) -> EvalReport:
    report = EvalReport("plover", str(path))
    report.metrics = {"records": types.total, "event_type_accuracy": types.rate,
                      "no_event": sum(e is None for e in mains),
                      "source_country_accuracy": src.rate, "source_country_n": src.total,
                      "target_country_accuracy": tgt.rate, "target_country_n": tgt.total,
                      "source_sector_accuracy": sectors.rate, "source_sector_n": sectors.total}
    report.table_header = ["type", "gold", "correct", "predicted", "recall", "precision"]
    for name, (gold, right, predicted) in sorted(per_type.items()):
        if name == "-" and not gold:
            report.notes.append(f"{predicted} records gave no event")
            continue
        report.table.append([name, gold, right, predicted, right / gold if gold else 0.0,
                             right / predicted if predicted else 0.0])
    for name, tally in (("source", src), ("target", tgt)):
        report.notes.append(f"{name} country misses: " + ", ".join(
            f"{why} {n}" for why, n in tally.misses.most_common()))
    worst = ", ".join(f"{g}->{p} {n}" for (g, p), n in confusion.most_common(8))
    report.notes.append(f"most frequent confusions (gold->predicted): {worst}")
    if non_iso:
        report.notes.append("non-ISO gold codes not scored: " + ", ".join(
            f"{c} {n}" for c, n in non_iso.most_common(8)))
    return report
