"""Evaluation against gold files: one module per kind, each with `evaluate(paths, pipeline)`.

Kinds: `plover` (PLOVER gold records: event type, source/target country and sector),
`geoparse` (toponym resolution), `timex` (date values), `ucdp` (UCDP GED place names),
`events` (the project's own event cases: ACLED sub-event types, statuses), `actors`
(the project's own actor-resolution cases), `subevent` (ACLED sub-event types of short
texts: news snippets or the coder's blind set), `articles` (whole articles coded by hand:
one record per real event, precision and recall of ACLED-typed records), `event_place`
(the admin1 and point of each text's event).  `detect_kind` guesses from the first record.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

KINDS = ("plover", "geoparse", "timex", "ucdp", "events", "actors", "event_location",
         "subevent", "articles", "event_place")


@dataclass
class EvalReport:
    """Figures of one evaluation: headline metrics plus an optional per-class table."""

    kind: str
    source: str
    metrics: dict[str, float] = field(default_factory=dict)
    table_header: list[str] = field(default_factory=list)
    table: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "source": self.source, "metrics": self.metrics,
                "table_header": self.table_header, "table": self.table, "notes": self.notes}


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{n}", f"not JSON ({exc.msg})") from None
    return rows


def detect_kind(path: str | Path) -> str:
    """Guess the gold format from the fields of the first record."""
    with open(path, encoding="utf-8") as fh:
        first = json.loads(fh.readline() or "{}")
    if "not_events" in first and "events" in first:
        return "articles"
    if "toponyms" in first:
        return "geoparse"
    if "timexes" in first:
        return "timex"
    if "verb" in first and "locations" in first:
        return "event_location"
    if "admin1" in first and "lat" in first and "text" in first:
        return "event_place"
    if "where_coordinates" in first:
        return "ucdp"
    if "event" in first and "source" in first:
        return "plover"
    if "expect" in first and "actor" in (first.get("expect") or {}) and "sentence" not in first:
        return "actors"
    if "expect" in first:
        return "events"
    if "sub_event_type" in first or ("acled" in first and "status" in first):
        return "subevent"
    raise InputError(str(path), "cannot tell the gold format; pass --kind")


def evaluate(path: str | Path, *, kind: str | None = None, pipeline: Any = None,
             limit: int | None = None) -> EvalReport:
    kind = kind or detect_kind(path)
    if kind not in KINDS:
        raise InputError(str(path), f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    module = importlib.import_module(f".{kind}", __name__)
    report: EvalReport = module.evaluate(path, pipeline=pipeline, limit=limit)
    return report
