"""Hostile strings in headless Chromium: an ACLED CSV imported through the real CLI and an
article posted to the real API (real pipeline, real SQLite) carry markup and script in the
actor, place, sub-type, notes, title and URL. Shown everywhere the page shows them (list,
tooltips, control labels, event, actor and place pages), they must stay text: no element
and no request is created from them, and no link points to `undefined`."""

from __future__ import annotations

import csv
import json
import urllib.request
from urllib.parse import urlsplit
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_web import ARGS, CHROMIUM, STATIC_VENDOR, LiveServer

from conflictmap.api import create_app
from conflictmap.cli import main
from conflictmap.config import load_config
from conflictmap.storage import open_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "hostile-token"


def payload(name: str) -> str:
    """Markup that, if parsed, makes elements and fetches /evil-<name>…"""
    return (f'{name} <img class="injected" src="/evil-{name}.png" '
            f'onerror="window.__xss=\'{name}\'"><b class="injected">bold</b>'
            f'<script src="/evil-{name}.js"></script><iframe src="/evil-{name}-frame">')


ACLED_COLUMNS = ["event_id_cnty", "event_date", "time_precision", "event_type",
                 "sub_event_type", "actor1", "actor2", "inter1", "inter2", "iso", "country",
                 "location", "latitude", "longitude", "geo_precision", "notes", "fatalities"]
ACLED_ROWS = [
    ["HOS1", "2024-03-02", "1", "Battles", "Non-state actor overtakes territory",
     payload("actor"), payload("target"), "3", "1", "729", "Sudan", payload("place"),
     "13.18", "30.22", "1", payload("notes"), "4"],
    ["HOS2", "2024-03-09", "1", "Violence against civilians", payload("subtype"),
     "Unidentified Armed Group (Chad)", "", "3", "", "148", "Chad", "Abeche", "13.83",
     "20.83", "1", "Gunmen attacked villagers.", "2"],
]
ARTICLE = {"id": "hostile-post", "published": "2024-05-08", "title": payload("title"),
           "url": "https://news.example.org/" + payload("url"),
           "text": "Gunmen attacked a checkpoint near Kadugli on Tuesday, residents said."}


def post_article(base_url: str) -> Any:
    request = urllib.request.Request(f"{base_url}articles", data=json.dumps(ARTICLE).encode(),
                                     headers={"Authorization": f"Bearer {TOKEN}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 201
        return json.load(response)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, rules_pipeline: Any) -> Iterator[str]:
    if not STATIC_VENDOR.exists():
        pytest.fail("web assets missing: run `npm ci && npm run build` in web/ (scripts/setup.sh)")
    folder = tmp_path_factory.mktemp("hostile")
    with (folder / "hostile.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([ACLED_COLUMNS, *ACLED_ROWS])
    db = str(folder / "hostile.db")
    result = CliRunner().invoke(main, ["--db", db, "import-acled", str(folder / "hostile.csv")])
    assert result.exit_code == 0, result.output
    store = open_store(db)
    config = load_config(overrides={"api.write_token": TOKEN})
    with LiveServer(create_app(store, config=config,
                               pipeline_factory=lambda: rules_pipeline)) as url:
        assert post_article(url)["events_added"] >= 1
        yield url
    store.close()


@pytest.fixture
def page(base_url: str) -> Iterator[tuple[Any, list[str]]]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test.sh does)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 860})
        requests: list[str] = []
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base_url)
        page.wait_for_selector("body[data-ready=true]", timeout=20000)
        yield page, requests
        browser.close()


def assert_nothing_injected(page: Any, requests: list[str]) -> None:
    made = page.evaluate("""() => document.querySelectorAll(
        '.injected, iframe, img[src*="evil"], script[src*="evil"]').length""")
    assert made == 0
    paths = [urlsplit(u).path for u in requests]  # the API's own requests may quote names
    assert [p for p in paths if p.startswith("/evil-") or p.endswith("/undefined")] == []
    assert page.locator('a[href*="undefined"]').count() == 0
    assert page.evaluate("window.__xss") is None


def hover_every_marker(page: Any) -> list[str]:
    """Hover each event marker; return the tooltip texts Leaflet showed."""
    shown = []
    for marker in page.locator("#map path.event-marker").all():
        marker.hover(force=True)
        shown.append(page.locator(".leaflet-tooltip").last.inner_text())
    return shown


def test_web_hostile_strings_stay_text_everywhere(page: tuple[Any, list[str]]) -> None:
    page_, requests = page
    tooltips = hover_every_marker(page_)
    assert any('<b class="injected">' in t for t in tooltips), tooltips
    for row in page_.locator("#event-list li").all():
        row.click()
        page_.wait_for_selector("#evidence")
        assert_nothing_injected(page_, requests)
        page_.locator("button.link", has_text="all events").click()
    listed = page_.inner_text("#event-list")
    assert "place <img" in listed and "subtype <img" in listed
    page_.locator("#event-list li", has_text="overtakes").click()
    page_.locator("#panel a.actor").first.click()
    page_.wait_for_selector("#actor-name")
    assert page_.inner_text("#actor-name").startswith('actor <img class="injected"')
    page_.click("#tab-control")
    page_.fill("#c-date", "2024-04-01")
    page_.dispatch_event("#c-date", "change")
    page_.wait_for_selector("#control-title:has-text('2024-04-01')")
    assert "place <img" in page_.inner_text(".control-label")
    page_.locator("#control-list li").first.click()
    page_.wait_for_selector("#place-name")
    assert page_.inner_text("#place-name").startswith("place <img")
    assert_nothing_injected(page_, requests)


def test_web_posted_article_title_and_url_stay_text(page: tuple[Any, list[str]]) -> None:
    page_, requests = page
    page_.locator("#event-list li", has_text="Kadugli").first.click()
    page_.wait_for_selector("#evidence blockquote")
    link = page_.locator("#evidence a")
    assert link.count() == 1 and link.get_attribute("href").startswith(
        "https://news.example.org/")
    assert "<script" in link.inner_text()
    assert_nothing_injected(page_, requests)
