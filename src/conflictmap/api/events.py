"""`GET /events` (filters, paging, json|geojson|csv) and `GET /events/{id}`.

No `from __future__ import annotations` here: FastAPI reads the route's annotations at
definition time, and the `limit` description names the configured maximum.
"""

import datetime as dt
import io
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from ..formats import as_record, geojson_feature, write_csv
from ..model import Event
from ..storage.base import EventFilter, Store
from ..storage.base import parse_bbox as storage_parse_bbox
from .errors import ApiError

Format = Literal["json", "geojson", "csv"]
DEFAULT_LIMIT = 100
MAX_OFFSET = 2**63 - 1  # SQLite's and PostgreSQL's largest integer


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """`min_lon,min_lat,max_lon,max_lat` -> a tuple; anything else is a 400."""
    try:
        return storage_parse_bbox(value)
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None


def check_page(limit: int, offset: int, max_limit: int) -> None:
    if limit < 1 or limit > max_limit:
        raise ApiError(400, f"limit must be between 1 and {max_limit} (got {limit}); "
                            "use offset to page through more events")
    if offset < 0 or offset > MAX_OFFSET:
        raise ApiError(400, f"offset must be between 0 and {MAX_OFFSET} (got {offset})")


def event_record(event: Event) -> dict[str, Any]:
    """The native record, with `sources` always listing every piece of evidence."""
    record = as_record(event)
    record.setdefault("sources", [record["evidence"]])
    return record


def _next_url(request: Request, total: int, limit: int, offset: int) -> str | None:
    if offset + limit >= total:
        return None
    return str(request.url.include_query_params(offset=offset + limit, limit=limit))


def _page_headers(total: int, limit: int, offset: int) -> dict[str, str]:
    return {"X-Total-Count": str(total), "X-Limit": str(limit), "X-Offset": str(offset)}


def render(events: list[Event], fmt: Format, *, total: int, limit: int, offset: int,
           next_url: str | None) -> Response:
    records = [event_record(e) for e in events]
    headers = _page_headers(total, limit, offset)
    if fmt == "csv":
        out = io.StringIO()
        write_csv(records, out)
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    if fmt == "geojson":
        features = [f for f in (geojson_feature(r) for r in records) if f is not None]
        body: dict[str, Any] = {"type": "FeatureCollection", "features": features,
                                "total": total, "limit": limit, "offset": offset,
                                "next": next_url}
        return Response(json.dumps(body, ensure_ascii=False), headers=headers,
                        media_type="application/geo+json")
    body = {"total": total, "limit": limit, "offset": offset, "next": next_url,
            "events": records}
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/json",
                    headers=headers)


def events_router(store: Store, *, max_limit: int) -> APIRouter:
    router = APIRouter(tags=["events"])
    default_limit = min(DEFAULT_LIMIT, max_limit)

    @router.get("/events", summary="Search events", response_class=Response, responses={
        200: {"description": "A page of events (JSON object, GeoJSON FeatureCollection or CSV); "
                             "X-Total-Count gives the number of matching events."}})
    def list_events(
        request: Request,
        bbox: Annotated[str | None, Query(
            description="min_lon,min_lat,max_lon,max_lat (WGS84)")] = None,
        start: Annotated[dt.date | None, Query(description="Events on or after this date")] = None,
        end: Annotated[dt.date | None, Query(description="Events on or before this date")] = None,
        actor: Annotated[str | None, Query(
            description="Actor id or part of an actor's name")] = None,
        event_type: Annotated[str | None, Query(description="ACLED event type")] = None,
        sub_event_type: Annotated[str | None, Query(description="ACLED sub-event type")] = None,
        plover: Annotated[str | None, Query(description="PLOVER event type")] = None,
        status: Annotated[str | None, Query(
            description="asserted, claimed, future, hypothetical or negated")] = None,
        country: Annotated[str | None, Query(
            description="ISO 3166 alpha-3 of the location")] = None,
        place: Annotated[str | None, Query(description="Location name or GeoNames id")] = None,
        q: Annotated[str | None, Query(description="Words in the evidence sentence")] = None,
        include_background: Annotated[bool, Query(
            description="Also acts the articles tell only as history")] = False,
        format: Annotated[Format, Query(description="json, geojson or csv")] = "json",
        limit: Annotated[int, Query(description=f"Page size, 1 to {max_limit} "
                                                "(setting api.max_limit)", json_schema_extra={
                                        "minimum": 1, "maximum": max_limit})] = default_limit,
        offset: Annotated[int, Query(description="Events to skip", json_schema_extra={
            "minimum": 0, "maximum": MAX_OFFSET})] = 0,
    ) -> Response:
        check_page(limit, offset, max_limit)
        if start and end and start > end:
            raise ApiError(400, f"start {start} is after end {end}")
        filters = EventFilter(start=start, end=end, bbox=parse_bbox(bbox), actor=actor or None,
                              event_type=event_type or None,
                              sub_event_type=sub_event_type or None, plover=plover or None,
                              status=status or None, country=(country or "").upper() or None,
                              place=place or None, text=q or None,
                              include_background=include_background, limit=limit,
                              offset=offset)
        total = store.count_events(filters)
        events = store.query_events(filters)
        return render(events, format, total=total, limit=limit, offset=offset,
                      next_url=_next_url(request, total, limit, offset))

    @router.get("/events/{event_id}", summary="One event with every piece of evidence")
    def get_event(event_id: str) -> dict[str, Any]:
        event = store.get_event(event_id)
        if event is None:
            raise ApiError(404, f"no event with id {event_id!r}")
        return event_record(event)

    return router
