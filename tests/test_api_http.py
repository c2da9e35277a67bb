"""The API over real HTTP (uvicorn on localhost, real SQLite): the write token is checked
before the body is read, bodies over api.max_body_bytes get a 413 unread, and errors,
500s included, are JSON with the security headers on a connection that stays open."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conflictmap.api import create_app
from conflictmap.config import load_config

TOKEN = "http-token"
MAX_BODY = 2000
AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


class BrokenPipeline:
    """A pipeline that fails unexpectedly: the server must answer a JSON 500."""

    def __call__(self, article: Any) -> Any:
        raise RuntimeError("the extraction failed")


@pytest.fixture(scope="module")
def port(make_sample_store: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    import uvicorn

    store = make_sample_store(tmp_path_factory.mktemp("http") / "http.db")
    config = load_config(overrides={"api.write_token": TOKEN, "api.max_body_bytes": MAX_BODY})
    app = create_app(store, config=config, pipeline_factory=BrokenPipeline)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        free: int = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free,
                                           log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield free
    server.should_exit = True
    thread.join(timeout=10)


def assert_json_error(response: http.client.HTTPResponse, status: int, word: str) -> None:
    body = json.loads(response.read())
    assert response.status == status, body
    assert set(body) == {"error", "detail"} and word in body["detail"]
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def start_post(conn: http.client.HTTPConnection, headers: dict[str, str]) -> None:
    """Send only the request line and headers of a POST /articles: no body yet."""
    conn.putrequest("POST", "/articles")
    for name, value in headers.items():
        conn.putheader(name, value)
    conn.endheaders()


def test_api_refuses_an_unauthenticated_body_before_reading_it(port: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    start_post(conn, {"Content-Type": "application/json", "Content-Length": "300000000"})
    assert_json_error(conn.getresponse(), 401, "Authorization: Bearer")
    conn.close()


def test_api_refuses_a_declared_oversized_body_with_413_before_reading_it(port: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    start_post(conn, {**AUTH, "Content-Length": "300000000"})
    assert_json_error(conn.getresponse(), 413, "api.max_body_bytes")
    conn.close()


def test_api_stops_reading_a_chunked_body_past_the_limit(port: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    chunks = (b'{"text": "' + b"x" * 1000 for _ in range(50))
    conn.request("POST", "/articles", body=chunks, headers=AUTH, encode_chunked=True)
    assert_json_error(conn.getresponse(), 413, "api.max_body_bytes")
    conn.close()


def test_api_a_server_error_is_json_with_headers_and_keeps_the_connection(port: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", "/articles", body=json.dumps({"text": "Gunmen attacked a village."}),
                 headers=AUTH)
    sock = conn.sock
    failed = conn.getresponse()
    assert not failed.will_close  # the server keeps the connection open
    assert_json_error(failed, 500, "RuntimeError")
    conn.request("GET", "/events?offset=99999999999999999999999")
    assert_json_error(conn.getresponse(), 400, "offset")
    assert conn.sock is sock  # the same connection served all three
    conn.request("GET", "/events?limit=2")
    response = conn.getresponse()
    assert response.status == 200 and len(json.loads(response.read())["events"]) == 2
    conn.close()


def test_api_openapi_documents_the_answered_statuses_and_limits(port: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/openapi.json")
    doc = json.loads(conn.getresponse().read())
    post = doc["paths"]["/articles"]["post"]
    assert {"201", "400", "401", "403", "413", "500"} <= set(post["responses"])
    assert "422" not in json.dumps(doc["paths"])
    assert "text" in post["requestBody"]["content"]["application/json"]["schema"]["properties"]
    limit = next(p for p in doc["paths"]["/events"]["get"]["parameters"]
                 if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 1000)


@pytest.mark.parametrize("place", ["³", "99999999999999999999999"])
def test_api_odd_place_ids_are_unknown_places_not_errors(port: int, place: str) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", f"/places/{urllib.parse.quote(place)}/control")
    response = conn.getresponse()
    assert response.status in (200, 404), response.read()
    conn.close()


def test_api_events_from_year_one_is_an_answer_not_an_error(port: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/events?start=0001-01-01&limit=1")
    response = conn.getresponse()
    assert response.status == 200 and json.loads(response.read())["total"] == 7
    conn.close()
