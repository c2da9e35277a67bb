"""Issue 17: `GET /events` by text, actor name, actor id and box + dates, through the
indexes of migrations 10 and 11, on SQLite and PostgreSQL: the right events, their
count, and every event once when following the `next` links to the last page."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import make_article, make_event, store_url_for

with warnings.catch_warnings():  # starlette 1.x suggests `httpx2`; httpx still works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from conflictmap.api import create_app
from conflictmap.config import load_config
from conflictmap.dedup import add_article
from conflictmap.storage import open_store

ARMY = ("syr-mil", "Military Forces of Syria", "SYR", "military")
REBELS = ("rebels", "Free Syrian Army", "SYR", "rebel")
DAYS = 12  # events on 2016-12-01 .. 2016-12-12, one a day, along a line of longitudes


@pytest.fixture(params=["sqlite", "postgres"])
def client(request: Any, tmp_path: Path) -> Iterator[TestClient]:
    with store_url_for(request.param, tmp_path) as url:
        store = open_store(url)
        for day in range(1, DAYS + 1):
            actor, target = (ARMY, REBELS) if day % 3 else (REBELS, None)
            text = f"Shelling of district {day} reported." if day != 7 else \
                "A rare zeppelin sighting over Homs."
            add_article(store, make_article(f"a{day}", [make_event(
                f"a{day}", date=f"2016-12-{day:02d}", actor=actor, target=target,
                text=text, place=(f"P{day}", day, 34.0, 36.0 + day / 10),
                event_id=f"e{day:02d}")]))
        config = load_config(overrides={"api.max_count": 5, "api.page_cache_mb": 0})
        with TestClient(create_app(store, config=config)) as c:
            yield c
        store.close()


def _all_pages(client: TestClient, params: dict[str, Any]) -> tuple[list[str], list[int]]:
    """Event ids of every page (following `next`) and each page's total."""
    ids, totals = [], []
    body = client.get("/events", params=params).json()
    while True:
        ids += [e["id"] for e in body["events"]]
        totals.append(body["total"])
        if body["next"] is None:
            return ids, totals
        body = client.get(body["next"]).json()


@pytest.mark.parametrize("params,expected", [
    ({"q": "zeppelin"}, ["e07"]),
    ({"q": "PPELIN homs"}, ["e07"]),
    ({"q": "district 1"}, ["e12", "e11", "e10", "e01"]),
    ({"actor": "free syrian"}, [f"e{d:02d}" for d in range(DAYS, 0, -1)]),
    ({"actor": "Nobody We Know"}, []),
    ({"actor": "rebels", "q": "zeppelin"}, ["e07"]),
])
def test_api_search_by_text_and_actor(client: TestClient, params: dict[str, str],
                                      expected: list[str]) -> None:
    body = client.get("/events", params={**params, "limit": 50}).json()
    assert [e["id"] for e in body["events"]] == expected
    assert body["total"] == min(len(expected), 5)
    assert body["total_exact"] == (len(expected) <= 5)


def test_api_unknown_actor_name_is_an_empty_page(client: TestClient) -> None:
    response = client.get("/events", params={"actor": "Nobody We Know"})
    assert response.status_code == 200
    assert response.json()["events"] == [] and response.json()["next"] is None
    assert response.headers["X-Total-Count"] == "0"


@pytest.mark.parametrize("params,expected", [
    ({"bbox": "36.25,33,37.05,35", "start": "2016-12-03", "end": "2016-12-10"},
     [f"e{d:02d}" for d in range(10, 2, -1)]),
    ({"bbox": "36.25,33,37.25,35"}, [f"e{d:02d}" for d in range(DAYS, 2, -1)]),
    ({"actor": "rebels"}, [f"e{d:02d}" for d in range(DAYS, 0, -1)]),
    ({"actor": "syr-mil", "start": "2016-12-05"},
     [f"e{d:02d}" for d in range(DAYS, 4, -1) if d % 3]),
])
def test_api_deep_pages_list_every_event_once(client: TestClient, params: dict[str, str],
                                              expected: list[str]) -> None:
    """Pages of 2 followed by their `next` cursors give the events newest first, each
    once, and every page gives the same bounded total."""
    ids, totals = _all_pages(client, {**params, "limit": 2})
    assert ids == expected
    assert set(totals) == {min(len(expected), 5)}
    offset = client.get("/events", params={**params, "limit": 2, "offset": 4}).json()
    assert [e["id"] for e in offset["events"]] == expected[4:6]
