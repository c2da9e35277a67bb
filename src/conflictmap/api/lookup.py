"""Actors (`GET /actors`, `GET /actors/{id}`) and control of places over time."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query

from .. import control
from ..model import Actor, Event
from ..storage.base import EventFilter, Store
from .errors import ApiError
from .events import event_record

KB_FIELDS = ("id", "name", "type", "kind", "country", "sector", "inter", "acled_name", "cameo",
             "aliases", "valid_from", "valid_to", "affiliations")
ACTOR_SCAN_LIMIT = 20000  # events read to list the actors present in the store
PAGE = 1000

KbLoader = Callable[[], Any]


def default_kb() -> Any:
    """The actor knowledge base (`conflictmap.actors.load_kb()`), or None without one."""
    try:
        module = importlib.import_module("conflictmap.actors")
    except ImportError:
        return None
    load_kb = getattr(module, "load_kb", None)
    return load_kb() if load_kb is not None else None


def actor_dict(value: Any) -> dict[str, Any]:
    """An actor (model Actor, knowledge-base entry or dict) as JSON-ready fields."""
    if isinstance(value, dict):
        return value
    if hasattr(value, "as_dict"):
        out: dict[str, Any] = value.as_dict()
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {k: v for k, v in dataclasses.asdict(value).items() if k in KB_FIELDS}
    else:
        return {"id": str(value), "name": str(value)}
    aliases = getattr(value, "aliases", None)
    if aliases and "aliases" not in out:
        out["aliases"] = list(aliases)
    return out


def _participants(event: Event) -> Iterator[Actor]:
    for actor in (event.actor, event.target, *event.assoc_actors):
        if actor is not None and actor.id:
            yield actor


def scan_events(store: Store, filters: EventFilter, cap: int = ACTOR_SCAN_LIMIT
                ) -> Iterator[Event]:
    """Every event matching `filters`, read page by page, at most `cap`."""
    offset = 0
    while offset < cap:
        page = store.query_events(EventFilter(**{**filters.__dict__, "limit": PAGE,
                                                 "offset": offset}))
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE


def actors_in_store(store: Store) -> list[dict[str, Any]]:
    """Actors taking part in stored events, most active first, with event counts."""
    counts: Counter[str] = Counter()
    seen: dict[str, Actor] = {}
    for event in scan_events(store, EventFilter()):
        for actor in {a.id: a for a in _participants(event)}.values():
            counts[actor.id] += 1
            seen.setdefault(actor.id, actor)
    return [{**actor_dict(seen[aid]), "event_count": n} for aid, n in counts.most_common()]


def _matches(actor: dict[str, Any], needle: str) -> bool:
    return needle in str(actor.get("name", "")).casefold() or needle in actor["id"].casefold()


def find_actors(store: Store, kb: Any, text: str | None) -> list[dict[str, Any]]:
    """Actors in the store whose name or id holds `text`, then knowledge-base matches
    (aliases too: "Daesh"), each with its number of stored events."""
    in_store = actors_in_store(store)
    if not text:
        return in_store
    counts = {a["id"]: a["event_count"] for a in in_store}
    found = [a for a in in_store if _matches(a, text.casefold())]
    known = {a["id"] for a in found}
    for hit in kb.search(text) if kb is not None else []:
        entry = actor_dict(hit)
        if entry["id"] not in known:
            known.add(entry["id"])
            found.append(entry | {"event_count": counts.get(entry["id"], 0)})
    return found


def actors_router(store: Store, *, kb_loader: KbLoader = default_kb) -> APIRouter:
    router = APIRouter(tags=["actors"])
    cache: dict[str, Any] = {}

    def kb() -> Any:
        if "kb" not in cache:
            cache["kb"] = kb_loader()
        return cache["kb"]

    @router.get("/actors", summary="Actors in the store, or matching q (with the knowledge base)")
    def list_actors(q: Annotated[str | None, Query(description="Name or alias to find")] = None,
                    limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
        found = find_actors(store, kb(), q)
        return {"total": len(found), "actors": found[:limit]}

    @router.get("/actors/{actor_id:path}", summary="An actor, with its events")
    def get_actor(actor_id: str, limit: Annotated[int, Query(ge=1, le=1000)] = 100
                  ) -> dict[str, Any]:
        events = [e for e in scan_events(store, EventFilter(actor=actor_id))
                  if any(a.id == actor_id for a in _participants(e))]
        entry = kb().get(actor_id) if kb() is not None else None
        if entry is None and not events:
            raise ApiError(404, f"no actor with id {actor_id!r}")
        if entry is None:
            entry = next(a for e in events for a in _participants(e) if a.id == actor_id)
        events.sort(key=lambda e: e.date or "")
        return actor_dict(entry) | {"event_count": len(events),
                                    "events": [event_record(e) for e in events[:limit]]}

    return router


def control_router(store: Store, *, fade_days: int = 0) -> APIRouter:
    router = APIRouter(tags=["control"])

    @router.get("/places/{place_id:path}/control", summary="A place's control history")
    def place_control(place_id: str) -> dict[str, Any]:
        history = control.place_history(store, place_id, fade_days=fade_days)
        if not history:
            raise ApiError(404, f"no control history for place {place_id!r} "
                                "(a GeoNames id or a place name)")
        return {"place": history[0].place.as_dict(),
                "history": [c.as_dict() for c in history]}

    @router.get("/control", summary="Who holds which place on a date")
    def control_on(date: Annotated[dt.date | None, Query(
            description="YYYY-MM-DD (default: today)")] = None) -> dict[str, Any]:
        day = date or dt.date.today()
        return {"date": day.isoformat(), "places": [
            c.as_dict() for c in control.places_at(store, day, fade_days=fade_days)]}

    return router
