"""`GET /events` (filters, paging, json|geojson|csv) and `GET /events/{id}`.

No `from __future__ import annotations` here: FastAPI reads the route's annotations at
definition time, and the `limit` description names the configured maximum.
"""

import base64
import binascii
import datetime as dt
import io
import json
import os
import threading
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from .. import formats
from ..formats import as_record, geojson_feature
from ..model import Event
from ..storage.base import EventFilter, Store, page_key
from ..storage.base import parse_bbox as storage_parse_bbox
from .errors import ApiError
from .page_cache import CachedPage, PageCache

Format = str  # a format the registry offers in the "api" view
DEFAULT_LIMIT = 20
# Pages built at once, one per core: more threads running queries and rendering at the
# same time share the interpreter's lock and cost more CPU per page (on 2 cores, 8 at
# once: 2.8 ms per box page against 1.6 ms with 2), while the others wait for a turn.
# Pages answered from the page cache do not wait.
PAGE_BUILDERS = os.cpu_count() or 2


@dataclass(frozen=True)
class Bounds:
    """The most work one `GET /events` may ask for (settings api.max_limit,
    api.max_offset, api.max_count)."""

    max_limit: int = 1000
    max_offset: int = 100_000
    max_count: int = 1_000


def encode_cursor(key: tuple[str | None, str]) -> str:
    """An opaque `cursor` for the page after the event at `key` (`page_key`)."""
    raw = json.dumps(list(key), separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str]:
    """The position a cursor stands for; anything else is a 400."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, last_id = json.loads(raw)
        if day is not None:
            dt.date.fromisoformat(day)
        if not isinstance(last_id, str) or not (day is None or isinstance(day, str)):
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ApiError(400, f"cursor {cursor[:80]!r} is not one this API gave out; "
                            "use the `next` link of the previous page") from None
    return day, last_id


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """`min_lon,min_lat,max_lon,max_lat` -> a tuple; anything else is a 400."""
    try:
        return storage_parse_bbox(value)
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None


def check_page(limit: int, offset: int, bounds: Bounds) -> None:
    if limit < 1 or limit > bounds.max_limit:
        raise ApiError(400, f"limit must be between 1 and {bounds.max_limit} (got {limit}); "
                            "follow the `next` link to page through more events")
    if offset < 0 or offset > bounds.max_offset:
        raise ApiError(400, f"offset must be between 0 and {bounds.max_offset} (got "
                            f"{offset}); follow the `next` link (a cursor) to go further")


def event_record(event: Event | dict[str, Any]) -> dict[str, Any]:
    """The native record, with `sources` always listing every piece of evidence."""
    record = as_record(event)
    record.setdefault("sources", [record["evidence"]])
    return record


def _next_url(request: Request, last: dict[str, Any] | None, limit: int) -> str | None:
    """The next page, by keyset (a cursor after the page's last event); None at the end."""
    if last is None:
        return None
    url = request.url.remove_query_params("offset")
    return str(url.include_query_params(cursor=encode_cursor(page_key(last)), limit=limit))


@dataclass(frozen=True)
class Page:
    total: int
    exact: bool  # False: there are more than `total` (counting stopped at api.max_count)
    limit: int
    offset: int
    next_url: str | None


def _page_headers(page: Page) -> dict[str, str]:
    return {"X-Total-Count": str(page.total), "X-Total-Exact": str(page.exact).lower(),
            "X-Limit": str(page.limit), "X-Offset": str(page.offset)}


def _paging(page: Page) -> dict[str, Any]:
    return {"total": page.total, "total_exact": page.exact, "limit": page.limit,
            "offset": page.offset, "next": page.next_url}


def render(events: list[Event] | list[dict[str, Any]], fmt: Format, page: Page) -> Response:
    """A page in a registered format: JSON and GeoJSON as objects that carry the paging,
    any other format by its writer (paging in the X-* headers only)."""
    records = [event_record(e) for e in events]
    headers = _page_headers(page)
    media_type = formats.renderer(fmt).media_type
    if fmt == "geojson":
        features = [f for f in (geojson_feature(r) for r in records) if f is not None]
        body: dict[str, Any] = {"type": "FeatureCollection", "features": features,
                                **_paging(page)}
    elif fmt == "json":
        body = _paging(page) | {"events": records}
    else:
        out = io.StringIO()
        formats.write_events(records, fmt, out)
        return Response(out.getvalue(), media_type=media_type, headers=headers)
    return Response(json.dumps(body, ensure_ascii=False), media_type=media_type,
                    headers=headers)


def cached_page_of(request: Request, store: Store, filters: EventFilter, fmt: Format,
                   bounds: Bounds, cache: PageCache, builders: threading.Semaphore
                   ) -> Response:
    """`page_of`, answered from `cache` while the store's data version is unchanged;
    a page is built only while one of `builders` is free."""
    version = store.data_version() if cache.max_bytes else None
    if version is None:
        with builders:
            return page_of(request, store, filters, fmt, bounds)
    key = f"{request.base_url}|{request.url.path}?{request.url.query}"
    hit = cache.get(version, key)
    if hit is None:
        with builders:
            response = page_of(request, store, filters, fmt, bounds)
        hit = CachedPage(bytes(response.body), response.media_type or "",
                         {k: v for k, v in response.headers.items()
                          if k.lower().startswith("x-")})
        cache.put(version, key, hit)
    return Response(hit.body, media_type=hit.media_type, headers=hit.headers)


def page_of(request: Request, store: Store, filters: EventFilter, fmt: Format,
            bounds: Bounds) -> Response:
    """One page (`filters.limit` is one more than asked, to know whether more follow)."""
    limit = filters.limit - 1
    found, total = store.query_page(filters, at_most=bounds.max_count + 1)
    events, more = found[:limit], len(found) > limit
    page = Page(total=min(total, bounds.max_count), exact=total <= bounds.max_count,
                limit=limit, offset=filters.offset,
                next_url=_next_url(request, events[-1], limit) if more else None)
    return render(events, fmt, page)


def events_router(store: Store, *, bounds: Bounds, cache: PageCache | None = None
                  ) -> APIRouter:
    router = APIRouter(tags=["events"])
    pages = cache if cache is not None else PageCache(0)
    builders = threading.BoundedSemaphore(PAGE_BUILDERS)
    max_limit = bounds.max_limit
    default_limit = min(DEFAULT_LIMIT, max_limit)
    offered = formats.names("api")
    Offered = Literal[tuple(offered)]  # type: ignore[valid-type]  # read when the app is built
    shown = ", ".join(offered[:-1]) + f" or {offered[-1]}" if len(offered) > 1 else offered[0]

    @router.get("/events", summary="Search events", response_class=Response, responses={
        200: {"description": "A page of events (JSON object, GeoJSON FeatureCollection or CSV); "
                             "X-Total-Count gives the number of matching events, counted "
                             "up to api.max_count (X-Total-Exact: false beyond)."}})
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
        format: Annotated[Offered, Query(description=shown)] = "json",  # type: ignore[valid-type]
        limit: Annotated[int, Query(description=f"Page size, 1 to {max_limit} "
                                                "(setting api.max_limit)", json_schema_extra={
                                        "minimum": 1, "maximum": max_limit})] = default_limit,
        offset: Annotated[int, Query(description=f"Events to skip, 0 to {bounds.max_offset} "
                                                 "(setting api.max_offset)",
                                     json_schema_extra={"minimum": 0,
                                                        "maximum": bounds.max_offset})] = 0,
        cursor: Annotated[str | None, Query(
            description="Start after this position (from the `next` link of a page)",
            max_length=400)] = None,
    ) -> Response:
        check_page(limit, offset, bounds)
        if start and end and start > end:
            raise ApiError(400, f"start {start} is after end {end}")
        filters = EventFilter(start=start, end=end, bbox=parse_bbox(bbox), actor=actor or None,
                              event_type=event_type or None,
                              sub_event_type=sub_event_type or None, plover=plover or None,
                              status=status or None, country=(country or "").upper() or None,
                              place=place or None, text=q or None,
                              include_background=include_background, limit=limit + 1,
                              offset=offset, after=decode_cursor(cursor) if cursor else None)
        return cached_page_of(request, store, filters, format, bounds, pages, builders)

    @router.get("/events/{event_id}", summary="One event with every piece of evidence")
    def get_event(event_id: str) -> dict[str, Any]:
        event = store.get_event(event_id)
        if event is None:
            raise ApiError(404, f"no event with id {event_id!r}")
        return event_record(event)

    return router
