"""Conversions between `Article`/`Event` objects and rows of the schema."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from ..dedup import date_range
from ..model import Article, Event, Evidence


def content_hash(article: Article) -> str:
    """What makes two versions of an article the same: its text and title."""
    key = (article.title or "") + "\x00" + article.text
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def input_key(article: Article) -> str:
    """What the ingest manifest knows an input by: its id and its content hash."""
    key = article.id + "\x00" + content_hash(article)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def article_row(article: Article, *, version: int, now: dt.datetime) -> dict[str, Any]:
    return {"id": article.id, "url": article.url, "title": article.title,
            "published": article.published, "source": article.source, "text": article.text,
            "content_hash": content_hash(article), "version": version, "added_at": now}


def ensure_event_id(event: Event, article: Article, index: int) -> str:
    """Events from the pipeline carry a stable id; hand-built ones may not."""
    if not event.id:
        key = f"{content_hash(article)}|{index}|{event.plover}|{event.trigger}"
        event.id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
    return event.id


def event_row(event: Event, *, article_id: str, now: dt.datetime) -> dict[str, Any]:
    """Indexed columns plus the native record of one event."""
    record = event.as_dict()
    record["article_id"] = article_id
    record.pop("sources", None)
    rng = date_range(event.date, event.date_precision)
    loc, actor, target = event.location, event.actor, event.target
    return {
        "id": event.id, "article_id": article_id, "canonical_id": None,
        "date": rng[0] if rng else None, "date_lo": rng[0] if rng else None,
        "date_hi": rng[1] if rng else None, "date_precision": event.date_precision,
        "status": event.status, "plover": event.plover, "cameo": event.cameo,
        "event_type": event.acled.event_type, "sub_event_type": event.acled.sub_event_type,
        "actor_id": actor.id if actor else None, "actor_name": actor.name if actor else None,
        "target_id": target.id if target else None,
        "target_name": target.name if target else None,
        "location_name": loc.name if loc else None,
        "place_key": loc.name.lower() if loc and loc.name else None,
        "geonames_id": loc.geonames_id if loc else None,
        "country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "fatalities": event.fatalities, "confidence": event.confidence,
        "evidence_text": event.evidence.text, "reported_as": event.reported_as,
        "record": json.dumps(record, ensure_ascii=False), "added_at": now,
    }


def event_from_row(record: str, url: str | None = None) -> Event:
    """The `Event` behind a stored native record (its evidence knows article and url)."""
    event = Event.from_dict(json.loads(record))
    ev = event.evidence
    event.evidence = Evidence(text=ev.text, start=ev.start, end=ev.end,
                              sentence_index=ev.sentence_index,
                              article_id=ev.article_id or event.article_id,
                              url=ev.url or url)
    return event


def record_from_row(record: str, url: str | None = None) -> dict[str, Any]:
    """The stored native record as a dict, its evidence naming article and url: what
    `event_from_row(record, url).as_dict()` gives, without building the `Event`."""
    rec: dict[str, Any] = json.loads(record)
    ev = rec["evidence"]
    ev["article_id"] = ev.get("article_id") or rec["article_id"]
    if not ev.get("url"):
        ev.pop("url", None)
        if url is not None:
            ev["url"] = url
    return rec
