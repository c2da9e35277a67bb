"""`create_app`: the FastAPI application over a `Store` (thin: parse, call, format)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .. import config as config_mod
from ..pipeline import Pipeline
from ..storage.base import Store
from .errors import document_errors, install_error_handlers
from .memory import thread_limit
from .middleware import SecureResponses
from .page_cache import PageCache
from .events import Bounds, events_router
from .lookup import KbLoader, actors_router, control_router, default_kb
from .write import PipelineFactory, RateLimiter, write_router

# Defence in depth for the page: scripts only from this server (article text is also
# escaped by the page itself). Leaflet sets inline styles, hence 'unsafe-inline' for styles.
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'")
# zlib level 5 compresses a page of events in half the time of Starlette's default 9,
# about 10% larger.
GZIP_LEVEL = 5
STATIC = Path(str(files("conflictmap").joinpath("api", "static")))
VENDOR_CHECK = STATIC / "vendor" / "leaflet" / "leaflet.js"


def web_assets_installed() -> bool:
    """Whether `npm run build` in web/ has copied the map's assets into the package."""
    return VENDOR_CHECK.exists()

DESCRIPTION = """Events coded from conflict news (PLOVER, CAMEO, ACLED), each with the sentence
that says so; actors; and control of places over time. Reading is open. `POST /articles`
needs `Authorization: Bearer <api.write_token>` and is closed when no token is configured.
Its body may be at most api.max_body_bytes (413 beyond), and each client may write
api.writes_per_minute times a minute (429 with Retry-After beyond). `GET /events` pages with `limit`
(1 to api.max_limit) and the `next` link (a keyset cursor), or `offset` (up to
api.max_offset); the total count, counted up to api.max_count, is in the body and in
`X-Total-Count`.
Errors, 4xx and 5xx alike, are JSON: `{"error": ..., "detail": ...}`."""


def create_app(store: Store, *, config: dict[str, Any] | None = None,
               pipeline_factory: PipelineFactory | None = None,
               kb_loader: KbLoader = default_kb) -> FastAPI:
    """The API and web page over `store`; `pipeline_factory` builds the ingest pipeline."""
    cfg = config if config is not None else config_mod.load_config()
    threads = int(config_mod.get(cfg, "api.threads", 8))
    app = FastAPI(title="conflictmap", version=_version(), description=DESCRIPTION,
                  docs_url=None, redoc_url=None,  # Swagger UI would load from a CDN
                  lifespan=thread_limit(threads))
    install_error_handlers(app)
    app.state.store = store
    factory = pipeline_factory or (lambda: Pipeline.from_config(cfg))
    app.include_router(events_router(store, bounds=Bounds(
        max_limit=int(config_mod.get(cfg, "api.max_limit", 1000)),
        max_offset=int(config_mod.get(cfg, "api.max_offset", 100_000)),
        max_count=int(config_mod.get(cfg, "api.max_count", 1_000))), cache=PageCache(
        int(float(config_mod.get(cfg, "api.page_cache_mb", 32)) * 1_000_000))))
    app.include_router(actors_router(store, kb_loader=kb_loader))
    app.include_router(control_router(store, fade_days=int(
        config_mod.get(cfg, "control.fade_days", 0))))
    app.include_router(write_router(store, token=str(config_mod.get(
        cfg, "api.write_token", "") or ""), pipeline_factory=factory, max_body=int(
        config_mod.get(cfg, "api.max_body_bytes", 5_000_000)), limiter=RateLimiter(
        float(config_mod.get(cfg, "api.writes_per_minute", 60)))))
    _add_page(app)
    _document_errors(app)
    app.add_middleware(GZipMiddleware, minimum_size=1000,  # pages of events shrink ~10x
                       compresslevel=GZIP_LEVEL)
    app.add_middleware(SecureResponses, headers={"Content-Security-Policy": CSP, **HEADERS})
    return app


def _document_errors(app: FastAPI) -> None:
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_errors(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("conflictmap")
    except PackageNotFoundError:
        return "0"


def _add_page(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")


SERVE_CONFIG_ENV = "CONFLICTMAP_SERVE_CONFIG"  # set by `conflictmap serve --workers N`


def app_from_environment() -> FastAPI:
    """The app one of `serve --workers N`'s processes runs: the settings the command
    resolved (JSON in $CONFLICTMAP_SERVE_CONFIG), over its own connection to the store."""
    import json
    import os

    from ..storage import open_store

    cfg = json.loads(os.environ[SERVE_CONFIG_ENV])
    store = open_store(str(config_mod.get(cfg, "store.url")))
    return create_app(store, config=cfg)
