"""The HTTP API and the web map: `create_app(store, config=...)` returns a FastAPI app.

Routes (all JSON unless noted; errors are `{"error": ..., "detail": ...}`):

    GET  /events               filters, paging, format=json|geojson|csv
    GET  /events/{id}          one event with every piece of evidence
    GET  /actors, /actors/{id} actor search and an actor's page
    GET  /places/{id}/control  a place's control history
    GET  /control?date=        who holds which place on a date
    POST /articles             ingest an article (Bearer token from api.write_token)
    GET  /openapi.json         the OpenAPI document
    GET  /                     the web map (static page)
"""

from .app import create_app

__all__ = ["create_app"]
