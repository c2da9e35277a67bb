"""The page cache of `GET /events` (setting api.page_cache_mb): a repeated request is
answered without touching the database, and any committed write, by this process or by
another one (a real `conflictmap import-acled` subprocess), shows on the next request."""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

with warnings.catch_warnings():  # starlette 1.x suggests `httpx2`; httpx still works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from conftest import coded_sample_articles, make_article, make_event, store_url_for

from conflictmap.api import create_app
from conflictmap.api.page_cache import CachedPage, PageCache
from conflictmap.config import load_config
from conflictmap.dedup import add_article
from conflictmap.storage import open_store

ACLED_HEADER = ("event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,"
                "actor2,inter1,inter2,iso,country,location,latitude,longitude,geo_precision,"
                "notes,fatalities\n")
NEW_ROWS = ("LIVE1,2016-12-30,1,Battles,Armed clash,Rebels,Military Forces of Syria (2000-),"
            "2,1,760,Syria,Homs,34.73,36.71,1,Rebels clashed with the army near Homs.,3\n"
            "LIVE2,2016-12-31,1,Battles,Armed clash,Rebels,Military Forces of Syria (2000-),"
            "2,1,760,Syria,Hama,35.13,36.75,1,Rebels clashed with the army near Hama.,0\n")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: Any, tmp_path: Path) -> Iterator[str]:
    with store_url_for(request.param, tmp_path) as url:
        store = open_store(url)
        for article in coded_sample_articles():
            add_article(store, article)
        store.close()
        yield url


class Selects:
    """Counts the queries of events an engine runs (the page cache should spare them; the
    data version it reads is no such query)."""

    def __init__(self, engine: Any) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.count += "FROM events" in statement


def served(client: TestClient, selects: Selects, url: str) -> tuple[dict[str, Any], int]:
    """The JSON page at `url` and the number of SELECTs run to answer it."""
    before = selects.count
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json(), selects.count - before


def test_api_cache_answers_a_repeat_without_the_database_until_another_process_writes(
        store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    selects = Selects(store.engine)
    with TestClient(create_app(store, config=load_config())) as client:
        first, queried = served(client, selects, "/events?limit=50")
        assert queried >= 2 and first["total"] == 7
        # PostgreSQL's version is the whole server's: a background write (autovacuum's
        # ANALYZE) may change it once, so one of three repeats must be served from memory
        repeats = [served(client, selects, "/events?limit=50") for _ in range(3)]
        assert all(page == first for page, _ in repeats)
        assert min(queried for _, queried in repeats) == 0
        csv_path = tmp_path / "live.csv"
        csv_path.write_text(ACLED_HEADER + NEW_ROWS, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "conflictmap", "--db", store_url,
                               "import-acled", str(csv_path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        after, queried = served(client, selects, "/events?limit=50")
        assert queried >= 2 and after["total"] == 9
        assert {"Homs", "Hama"} <= {e["location"]["name"] for e in after["events"]}
    store.close()


def test_api_cache_shows_a_write_of_this_process_on_the_next_request(
        store_url: str) -> None:
    store = open_store(store_url)
    with TestClient(create_app(store, config=load_config())) as client:
        assert client.get("/events", params={"q": "pounded"}).json()["total"] == 0
        text = "Artillery pounded Kafr Nabl on Sunday."
        add_article(store, make_article("live", [make_event("live", text=text,
                                                           event_id="live-1")]))
        page = client.get("/events", params={"q": "pounded"}).json()
        assert page["total"] == 1 and page["events"][0]["id"] == "live-1"
    store.close()


def test_api_cache_off_queries_every_time(store_url: str) -> None:
    store = open_store(store_url)
    selects = Selects(store.engine)
    config = load_config(overrides={"api.page_cache_mb": 0})
    with TestClient(create_app(store, config=config)) as client:
        served(client, selects, "/events")
        assert served(client, selects, "/events")[1] >= 2
    store.close()


def test_api_cache_keeps_each_format_and_its_headers_apart(store_url: str) -> None:
    store = open_store(store_url)
    with TestClient(create_app(store, config=load_config())) as client:
        for _ in range(2):
            as_csv = client.get("/events", params={"format": "csv", "limit": 2})
            as_geojson = client.get("/events", params={"format": "geojson", "limit": 2})
            plain = client.get("/events", params={"limit": 2}, headers={"Accept-Encoding": ""})
            assert as_csv.headers["content-type"].startswith("text/csv")
            assert as_geojson.json()["type"] == "FeatureCollection"
            assert "content-encoding" not in plain.headers
            assert plain.headers["X-Total-Count"] == "7"
            assert plain.headers["Content-Security-Policy"].startswith("default-src 'self'")
    store.close()


def test_page_cache_keeps_at_most_its_bytes_dropping_the_least_recently_used() -> None:
    cache = PageCache(400)
    page = CachedPage(b"x" * 100, "application/json", {})
    for key in "abcd":
        cache.put("v1", key, page)
    assert cache.get("v1", "a") is not None  # now the most recently used
    cache.put("v1", "e", page)
    assert cache.get("v1", "b") is None and cache.get("v1", "a") is not None
    assert cache.get("v2", "a") is None  # another data version: a miss
    cache.put("v1", "huge", CachedPage(b"x" * 101, "application/json", {}))
    assert cache.get("v1", "huge") is None and len(cache) == 4
