"""Kind `event_location`: is the event's own place the one the gold marks for its verb?

Gold records (the event_location format): a sentence, the `verb` span of one event, and
the `locations` spans that belong to it (empty when the sentence gives none).  We run
the pipeline on the sentence, take the event whose trigger overlaps the verb, and find
the toponym that produced its location.  Reported: how often such an event is found;
location precision (our place is a gold span) and recall (gold has a place and ours is
one of its spans); and how often we stay silent when the gold has no place.  A sentence
whose gold spans are all empty or cut a word (offsets that name no place: 'w' of
'was') can be neither right nor wrong: it is left out, and counted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Article, Event, Toponym
from . import EvalReport, read_jsonl


def _event_at(article: Article, verb: dict[str, Any]) -> Event | None:
    """Our event for the gold verb: the one it triggered, else the one that took it in
    (a "killed" merged into the attack it reports, the "launched" of "launched an
    assault")."""
    for event in article.events:
        start = event.trigger_start
        if start < verb["end"] and verb["start"] < start + max(len(event.trigger), 1):
            return event
    span = article.doc.char_span(verb["start"], verb["end"], alignment_mode="expand") \
        if article.doc is not None else None
    words = {t.i for t in span} if span is not None else set()
    return next((e for e in article.events if words & set(e.act_tokens)), None)


def _toponym_of(article: Article, event: Event) -> Toponym | None:
    loc = event.location
    if loc is None:
        return None
    # A demonym ('Palestinian') never gives an event its place: skip it, or 'in the Gaza
    # Strip' would be credited to the 'Palestinian' before it.
    same = [t for t in article.toponyms if t.place is not None and (
        (loc.geonames_id is not None and t.place.geonames_id == loc.geonames_id)
        or t.place.name == loc.name) and not t.reason.startswith("demonym")]
    # Prefer the mention in the event's own sentence.
    same.sort(key=lambda t: t.sentence_index != event.evidence.sentence_index)
    return same[0] if same else None


def _overlaps(top: Toponym, spans: list[dict[str, Any]]) -> bool:
    return any(top.start < s["end"] and s["start"] < top.end for s in spans)


def unusable(text: str, span: dict[str, Any]) -> bool:
    """A gold span that names no place: empty, or cutting a word ('w' of 'was')."""
    start, end = span["start"], span["end"]
    piece = text[start:end]
    if not piece.strip():
        return True
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return start > 0 and text[start - 1].isalnum() and text[start].isalnum() or \
        end < len(text) and text[end].isalnum() and text[end - 1].isalnum()


def evaluate(path: str | Path, *, pipeline: Any, limit: int | None = None) -> EvalReport:
    rows = read_jsonl(path)[:limit] if limit else read_jsonl(path)
    articles = pipeline.pipe(Article.from_text(r["text"], id=str(r.get("id"))) for r in rows)
    n = found = located = correct = gold_with = recalled = silent_ok = gold_without = 0
    left_out = 0
    for row, article in zip(rows, articles):
        gold = row.get("locations") or []
        if gold and all(unusable(row["text"], s) for s in gold):
            left_out += 1  # a place is marked, but at offsets that name none: not scored
            continue
        n += 1
        gold_with += bool(gold)
        gold_without += not gold
        event = _event_at(article, row["verb"])
        if event is None:
            continue
        found += 1
        top = _toponym_of(article, event)
        if event.location is None or top is None:
            silent_ok += not gold
            continue
        located += 1
        hit = _overlaps(top, gold)
        correct += hit
        recalled += hit and bool(gold)
    return EvalReport(kind="event_location", source=str(path), metrics={
        "sentences": n, "event_found": found / n if n else 0.0,
        "location_precision": correct / located if located else 0.0,
        "location_recall": recalled / gold_with if gold_with else 0.0,
        "silent_when_gold_has_none": silent_ok / gold_without if gold_without else 0.0,
        "left_out_unusable_gold": left_out,
    }, notes=["recall counts every gold sentence with a place, found event or not",
              f"{left_out} sentences left out: every gold span is empty or cuts a word"])
