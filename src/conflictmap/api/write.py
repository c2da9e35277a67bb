"""`POST /articles`: extract events from an article and store them (token required)."""

from __future__ import annotations

import datetime as dt
import hmac
import math
import threading
import time
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from ..dedup import add_article
from ..ingest import make_article, parse_html
from ..model import Article
from ..pipeline import Pipeline
from ..storage.base import Store
from .errors import ApiError
from .events import event_record

PipelineFactory = Callable[[], Pipeline]
MAX_CHARS = 1_000_000


class ArticleIn(BaseModel):
    """An article to ingest: `text` or `html` is required."""

    text: str | None = Field(None, max_length=MAX_CHARS, description="Plain text")
    html: str | None = Field(None, max_length=MAX_CHARS, description="An HTML page")
    id: str | None = Field(None, max_length=500, description="Your id (default: content hash)")
    published: dt.date | None = Field(None, description="Publication date, YYYY-MM-DD")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=500)


def check_token(configured: str, authorization: str | None) -> None:
    """Writing is closed unless a token is configured; then the Bearer token must match."""
    if not configured:
        raise ApiError(403, "writing is closed: no write token is configured "
                            "(set api.write_token or CONFLICTMAP_WRITE_TOKEN)")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "send the write token as 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), configured.encode()):
        raise ApiError(401, "the write token is wrong", headers={"WWW-Authenticate": "Bearer"})


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with a 413 as soon as it exceeds `limit` bytes (a declared
    Content-Length over the limit is refused before any of the body is read)."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise _too_large(int(declared), limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(size, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int) -> ApiError:
    return ApiError(413, f"the body is {'over ' if size > limit else ''}{size:,} bytes; "
                         f"at most {limit:,} are accepted (setting api.max_body_bytes)")


def parse_article(raw: bytes) -> ArticleIn:
    """The JSON body as an `ArticleIn`; a malformed or mistyped body is a 400."""
    try:
        return ArticleIn.model_validate_json(raw)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        raise RequestValidationError(errors) from None


def to_article(body: ArticleIn) -> Article:
    if not (body.text or body.html):
        raise ApiError(400, "the article needs 'text' or 'html'")
    if body.text:
        return make_article(body.text, source="POST /articles", published=body.published,
                            id=body.id, title=body.title, url=body.url, origin=body.source)
    article = parse_html(body.html or "", source="POST /articles", published=body.published,
                         id=body.id, url=body.url)
    article.title = body.title or article.title
    return article


class RateLimiter:
    """Per-client token buckets: `per_minute` writes a minute, as a burst or spread out;
    0 turns the limit off."""

    def __init__(self, per_minute: float, *, clock: Callable[[], float] = time.monotonic
                 ) -> None:
        self.rate = per_minute / 60.0
        self.burst = max(1.0, per_minute)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, when)
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        """Take one token for `client`, or answer 429 saying when to retry."""
        if self.rate <= 0:
            return
        now = self._clock()
        with self._lock:
            tokens, when = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - when) * self.rate)
            if tokens < 1:
                wait = math.ceil((1 - tokens) / self.rate)
                raise ApiError(429, f"too many writes from {client}: at most "
                                    f"{self.burst:g} a minute (setting api.writes_per_minute);"
                                    f" retry in {wait} s", headers={"Retry-After": str(wait)})
            self._buckets[client] = (tokens - 1, now)
            if len(self._buckets) > 100_000:  # forget idle clients (bounded memory)
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 60}


class LazyPipeline:
    """Builds the pipeline on first use (loading spaCy takes seconds), once."""

    def __init__(self, factory: PipelineFactory) -> None:
        self._factory = factory
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def __call__(self, article: Article) -> Article:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            return self._pipeline(article)


# The body is read by hand (token first, then at most max_body bytes), so its schema is
# given to OpenAPI here rather than taken from the signature.
BODY_SCHEMA = {"required": True, "content": {"application/json": {
    "schema": ArticleIn.model_json_schema()}}}


def write_router(store: Store, *, token: str, pipeline_factory: PipelineFactory,
                 max_body: int, limiter: RateLimiter | None = None) -> APIRouter:
    router = APIRouter(tags=["ingest"])
    run = LazyPipeline(pipeline_factory)

    def ingest(body: ArticleIn) -> dict[str, Any]:
        article = run(to_article(body))
        result = add_article(store, article)
        return {"article_id": result.article_id, "status": result.status,
                "events_added": result.events_added, "events_merged": result.events_merged,
                "events": [event_record(e) for e in article.events]}

    @router.post("/articles", status_code=201, summary="Ingest an article (write token)",
                 openapi_extra={"requestBody": BODY_SCHEMA})
    async def post_article(request: Request, authorization: Annotated[
            str | None, Header()] = None) -> dict[str, Any]:
        if limiter is not None:
            limiter.check(request.client.host if request.client else "unknown")
        check_token(token, authorization)
        body = parse_article(await read_body(request, max_body))
        return await run_in_threadpool(ingest, body)

    return router
