"""The HTTP API in-process (FastAPI TestClient) over a real SQLite store holding the
project's sample articles with hand-coded events."""

from __future__ import annotations

import csv
import io
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # starlette 1.x suggests `httpx2`; httpx still works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from conflictmap.api import create_app
from conflictmap.config import load_config

TOKEN = "correct horse battery staple"
MAX_LIMIT = 5
WAD_MEDANI = "364103"


def client_for(store: Any, **overrides: Any) -> TestClient:
    config = load_config(overrides={"api.max_limit": MAX_LIMIT, **overrides})
    return TestClient(create_app(store, config=config))


@pytest.fixture
def store(make_sample_store: Any, tmp_path: Path) -> Any:
    return make_sample_store(tmp_path / "api.db")


@pytest.fixture
def client(store: Any) -> Iterator[TestClient]:
    with client_for(store, **{"api.write_token": TOKEN}) as c:
        yield c


def assert_error(response: Any, status: int, *words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "detail"}
    for word in words:
        assert word in str(body["detail"])


def test_api_events_pages_with_total_and_next_link(client: TestClient) -> None:
    first = client.get("/events", params={"limit": 3}).json()
    assert first["total"] == 7 and first["total_exact"] and len(first["events"]) == 3
    assert "cursor=" in first["next"] and "offset" not in first["next"]
    last = client.get("/events", params={"limit": 3, "offset": 6})
    assert last.headers["X-Total-Count"] == "7"
    assert len(last.json()["events"]) == 1 and last.json()["next"] is None
    pages = [client.get("/events", params={"limit": 3, "offset": o}).json()["events"]
             for o in (0, 3, 6)]
    assert len({e["id"] for page in pages for e in page}) == 7
    followed, url = [], "/events?limit=3"  # keyset pages: the same events, same order
    while url:
        page = client.get(url).json()
        assert page["total"] == 7
        followed += page["events"]
        url = page["next"]
    assert [e["id"] for e in followed] == [e["id"] for page in pages for e in page]


def test_api_events_counts_only_up_to_max_count(store: Any) -> None:
    with client_for(store, **{"api.max_count": 4}) as c:
        page = c.get("/events", params={"limit": 2})
    assert page.json()["total"] == 4 and page.json()["total_exact"] is False
    assert page.headers["X-Total-Exact"] == "false" and page.json()["next"]


def test_api_events_refuses_a_cursor_it_did_not_give(client: TestClient) -> None:
    assert_error(client.get("/events", params={"cursor": "bm90IGpzb24"}), 400, "cursor",
                 "next")


def test_api_pages_are_gzipped_for_clients_that_ask(client: TestClient) -> None:
    plain = client.get("/events", headers={"Accept-Encoding": "identity"})
    packed = client.get("/events", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip" and packed.json() == plain.json()
    assert int(packed.headers["Content-Length"]) < len(plain.content) / 3
    assert packed.headers["X-Content-Type-Options"] == "nosniff"


def test_api_limits_writes_per_client_with_429_and_retry_after(store: Any) -> None:
    with client_for(store, **{"api.write_token": TOKEN, "api.writes_per_minute": 2}) as c:
        answers = [c.post("/articles", json={"text": ""},
                          headers={"Authorization": f"Bearer {TOKEN}"}) for _ in range(3)]
    assert [a.status_code for a in answers] == [400, 400, 429]
    assert_error(answers[2], 429, "api.writes_per_minute", "retry in")
    assert 1 <= int(answers[2].headers["Retry-After"]) <= 30


@pytest.mark.parametrize(("params", "expected"), [
    ({"start": "2023-01-01", "end": "2024-12-31"}, {"2023-12-18", "2024-02-04"}),
    ({"actor": "SDN.MIL"}, {"2023-12-18", "2025-01-11", "2025-01-12"}),
    ({"actor": "rapid support"}, {"2023-12-18", "2024-02-04", "2025-01-11", "2025-01-12"}),
    ({"event_type": "Explosions/Remote violence"}, {"2020-02-02", "2024-02-04"}),
    ({"sub_event_type": "Air/drone strike"}, {"2020-02-02"}),
    ({"status": "claimed"}, {"2020-02-02", "2024-02-04"}),
    ({"status": "hypothetical"}, {"2025-01-12"}),
    ({"country": "irq"}, {"2021-09-13", "2022-07-31"}),
    ({"q": "shepherds"}, {"2021-09-13"}),
    ({"bbox": "32,13,35,16"}, {"2023-12-18", "2024-02-04", "2025-01-11", "2025-01-12"}),
    ({"bbox": "32,13,35,16", "status": "asserted"}, {"2023-12-18", "2025-01-11"}),
])
def test_api_events_filters(client: TestClient, params: dict[str, str],
                            expected: set[str]) -> None:
    body = client.get("/events", params=params).json()
    assert {e["date"] for e in body["events"]} == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize(("params", "words"), [
    ({"limit": MAX_LIMIT + 1}, ["limit", f"between 1 and {MAX_LIMIT}"]),
    ({"limit": 0}, ["limit"]),
    ({"offset": -1}, ["offset"]),
    ({"start": "2024-13-01"}, ["start"]),
    ({"start": "2025-01-01", "end": "2024-01-01"}, ["after"]),
    ({"bbox": "1,2,3"}, ["bbox", "four numbers"]),
    ({"bbox": "40,10,30,20"}, ["bbox", "minimum"]),
    ({"format": "xml"}, ["format"]),
])
def test_api_events_rejects_bad_parameters_with_json_errors(client: TestClient,
                                                           params: dict[str, Any],
                                                           words: list[str]) -> None:
    assert_error(client.get("/events", params=params), 400, *words)


def test_api_events_as_geojson_points_in_lon_lat_order(client: TestClient) -> None:
    response = client.get("/events", params={"format": "geojson", "q": "Saraqib"})
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["total"] == 1
    feature = body["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.8006, 35.8644]}
    assert feature["properties"]["fatalities"] == 9
    assert "Russian warplanes" in feature["properties"]["evidence"]["text"]


def test_api_events_as_csv(client: TestClient) -> None:
    response = client.get("/events", params={"format": "csv", "country": "SDN", "limit": 5})
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["X-Total-Count"] == "4"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 4
    assert {r["location_name"] for r in rows} == {"Wad Medani", "Omdurman"}


def test_api_event_by_id_has_every_piece_of_evidence(client: TestClient) -> None:
    listed = client.get("/events", params={"q": "Omdurman"}).json()["events"][0]
    event = client.get(f"/events/{listed['id']}").json()
    assert event["status"] == "claimed"
    assert event["claimed_by"] == "Sudanese health ministry"
    assert event["fatalities"] == 7
    assert [s["text"] for s in event["sources"]] == [event["evidence"]["text"]]
    assert event["sources"][0]["url"].startswith("https://news.example.org/sudan/")


def test_api_unknown_event_and_route_are_json_404s(client: TestClient) -> None:
    assert_error(client.get("/events/no-such-event"), 404, "no-such-event")
    assert_error(client.get("/no/such/page"), 404, "/no/such/page")


def test_api_actors_lists_actors_in_store_with_counts(client: TestClient) -> None:
    actors = client.get("/actors").json()["actors"]
    assert actors[0]["id"] == "rsf" and actors[0]["event_count"] == 4
    assert {a["id"] for a in actors} >= {"SDN.MIL", "RUS.MIL", "civilians:SDN"}


@pytest.mark.parametrize("text", ["islamic", "Daesh", "ISIS"])
def test_api_actors_search_finds_aliases_with_their_event_counts(client: TestClient,
                                                                 text: str) -> None:
    found = {a["id"]: a for a in client.get("/actors", params={"q": text}).json()["actors"]}
    assert found["islamic-state"]["event_count"] == 1


def test_api_actor_page_joins_knowledge_base_and_events(client: TestClient) -> None:
    actor = client.get("/actors/SDN.MIL").json()
    assert actor["name"] == "Military Forces of Sudan"
    assert actor["acled_name"].startswith("Military Forces of Sudan")
    assert [e["date"] for e in actor["events"]] == ["2023-12-18", "2025-01-11", "2025-01-12"]
    civilians = client.get("/actors/civilians:SDN").json()
    assert civilians["event_count"] == 1
    assert_error(client.get("/actors/NOBODY"), 404, "NOBODY")


def test_api_actor_known_only_to_the_knowledge_base_has_no_events(client: TestClient) -> None:
    actor = client.get("/actors/RUS.MIL").json()
    assert actor["event_count"] == 1
    hits = client.get("/actors", params={"q": "Islamic State Sahel"}).json()["actors"]
    sahel = next(a for a in hits if a["id"] != "islamic-state")
    page = client.get(f"/actors/{sahel['id']}").json()
    assert page["event_count"] == 0 and page["events"] == []


@pytest.mark.parametrize("place", [WAD_MEDANI, "Wad Medani"])
def test_api_place_control_history(client: TestClient, place: str) -> None:
    body = client.get(f"/places/{place}/control").json()
    assert body["place"]["name"] == "Wad Medani"
    holders = [(h["controller"] or {}).get("id") for h in body["history"]]
    assert holders[:2] == ["rsf", "SDN.MIL"]
    assert body["history"][0]["valid_from"] == "2023-12-18"
    assert body["history"][1]["valid_from"] == "2025-01-11"
    assert "recaptured Wad Madani" in body["history"][1]["evidence"][0]["text"]


@pytest.mark.parametrize(("date", "holder"), [("2024-06-01", "rsf"), ("2025-02-01", "SDN.MIL")])
def test_api_control_on_a_date(client: TestClient, date: str, holder: str) -> None:
    body = client.get("/control", params={"date": date}).json()
    assert body["date"] == date
    assert [(p["place"]["name"], p["controller"]["id"]) for p in body["places"]] == [
        ("Wad Medani", holder)]


def test_api_control_errors(client: TestClient) -> None:
    assert client.get("/control", params={"date": "2019-01-01"}).json()["places"] == []
    assert_error(client.get("/control", params={"date": "yesterday"}), 400, "date")
    assert_error(client.get("/places/Atlantis/control"), 404, "Atlantis")


ARTICLE = {"id": "api-post-1", "published": "2024-03-10", "title": "Clashes near Kadugli",
           "url": "https://news.example.org/sudan/2024/03/10/kadugli",
           "text": "Fighters of the SPLM-North clashed with the Sudanese army near Kadugli on "
                   "Saturday, killing at least five soldiers, a local official said."}


def test_api_writing_is_closed_without_a_configured_token(store: Any) -> None:
    with client_for(store) as closed:
        response = closed.post("/articles", json=ARTICLE,
                               headers={"Authorization": "Bearer anything"})
    assert_error(response, 403, "no write token is configured")


@pytest.mark.parametrize(("headers", "words"), [
    ({}, ["Bearer"]),
    ({"Authorization": "Bearer wrong"}, ["wrong"]),
    ({"Authorization": f"Basic {TOKEN}"}, ["Bearer"]),
])
def test_api_writing_needs_the_right_bearer_token(client: TestClient, headers: dict[str, str],
                                                  words: list[str]) -> None:
    response = client.post("/articles", json=ARTICLE, headers=headers)
    assert_error(response, 401, *words)
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert client.get("/events").json()["total"] == 7


def test_api_post_article_rejects_bodies_without_text(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert_error(client.post("/articles", json={"id": "x"}, headers=auth), 400, "text")
    assert_error(client.post("/articles", content=b"not json", headers=auth), 400)


@pytest.mark.slow
def test_api_post_article_extracts_and_stores_it_once(store: Any, pipeline: Any) -> None:
    config = load_config(overrides={"api.write_token": TOKEN})
    app = create_app(store, config=config, pipeline_factory=lambda: pipeline)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(app) as c:
        first = c.post("/articles", json=ARTICLE, headers=auth)
        assert first.status_code == 201, first.text
        assert first.json()["article_id"] == "api-post-1"
        assert first.json()["status"] == "new"
        again = c.post("/articles", json=ARTICLE, headers=auth).json()
        assert again["status"] == "unchanged"
        for event in first.json()["events"]:
            stored = c.get(f"/events/{event['id']}").json()
            assert stored["evidence"]["url"] == ARTICLE["url"]
        total = c.get("/events").json()["total"]
        assert total == 7 + len(first.json()["events"])


def test_api_openapi_document_lists_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/events", "/events/{event_id}", "/actors", "/actors/{actor_id}",
                 "/places/{place_id}/control", "/control", "/articles"):
        assert path in paths
    limit = next(p for p in paths["/events"]["get"]["parameters"] if p["name"] == "limit")
    assert str(MAX_LIMIT) in limit["description"]


def test_api_serves_the_page_with_a_strict_content_security_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.headers["content-type"].startswith("text/html")
    assert '<div id="map"' in page.text
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert client.get("/static/app.js").status_code == 200



def test_api_a_broken_database_answers_json_not_a_traceback(make_sample_store: Any,
                                                            tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    store = make_sample_store(db)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE events")
    app = create_app(store, config=load_config())
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/events")
    assert response.status_code in (500, 503)  # 503 once the store reports StoreError
    assert set(response.json()) == {"error", "detail"}
    assert "Traceback" not in response.text


@pytest.mark.slow  # stores through the real pipeline (loads the spaCy model)
def test_api_never_fetches_a_url_it_is_given(client: TestClient) -> None:
    """A url (alone, or in the page's links, images and scripts) is stored as text: the
    server opens no connection to it."""
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        listener.settimeout(0.5)
        there = f"http://127.0.0.1:{listener.getsockname()[1]}/page"
        auth = {"Authorization": f"Bearer {TOKEN}"}
        alone = client.post("/articles", json={"url": there}, headers=auth)
        page = (f'<html><head><link rel="stylesheet" href="{there}.css"><script src="{there}'
                f'.js"></script></head><body><p>Rebel fighters attacked an army checkpoint '
                f'near Saraqib on Monday, the army said.</p><img src="{there}.png"></body>'
                "</html>")
        with_page = client.post("/articles", json={"html": page, "url": there}, headers=auth)
        assert_error(alone, 400, "'text' or 'html'")
        assert with_page.status_code == 201, with_page.text
        with pytest.raises(TimeoutError):
            listener.accept()
