"""The web map in headless Chromium over a real SQLite store holding the sample articles.

Screenshots go to test-artifacts/ (kept by CI as artifacts)."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from conflictmap.api import create_app
from conflictmap.config import load_config
from conflictmap.model import AcledCoding, Actor, Article, Event, Evidence, Location
from conflictmap.dedup import add_article

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
STATIC_VENDOR = (Path(__file__).resolve().parents[1] / "src" / "conflictmap" / "api" / "static"
                 / "vendor" / "leaflet" / "leaflet.js")

XSS_TEXT = ('Gunmen <script>window.__xss = "script"</script> attacked a checkpoint near '
            'Kadugli <img src=x onerror="window.__xss = \'img\'"> on Tuesday, residents said.')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """uvicorn serving the app in a background thread on a free localhost port."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}/"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def hostile_article() -> Article:
    """An article whose text, actor names and URL carry script payloads."""
    start = XSS_TEXT.index("Gunmen")
    actor = Actor(id="<b>gunmen</b>", name='Gunmen <img src=x onerror="window.__xss=\'actor\'">',
                  country="SDN", type="militia")
    event = Event(article_id="hostile", plover="ATTACK", cameo="190",
                  acled=AcledCoding("Battles", "Armed clash"),
                  evidence=Evidence(XSS_TEXT, start, len(XSS_TEXT), 0, "hostile",
                                    "javascript:window.__xss='link'"),
                  actor=actor, date="2024-05-07", date_precision="day",
                  location=Location(name="Kadugli <script>window.__xss=1</script>", lat=11.01,
                                    lon=29.72, geonames_id=373141, country="SDN"),
                  trigger="attacked", trigger_start=XSS_TEXT.index("attacked"))
    event.assign_id(XSS_TEXT)
    return Article(id="hostile", text=XSS_TEXT, published=dt.date(2024, 5, 8),
                   url="javascript:window.__xss='url'", title="<script>alert(1)</script>",
                   events=[event])


@pytest.fixture(scope="module")
def base_url(make_sample_store: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not STATIC_VENDOR.exists():
        pytest.fail("web assets missing: run `npm ci && npm run build` in web/ (scripts/setup.sh)")
    store = make_sample_store(tmp_path_factory.mktemp("web") / "web.db")
    add_article(store, hostile_article())
    with LiveServer(create_app(store, config=load_config())) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test.sh does)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 860})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog {dialog.message}"),
                                      dialog.dismiss()))
    page.goto(base_url)
    page.wait_for_selector("body[data-ready=true]", timeout=20000)
    yield page
    context.close()
    assert errors == [], f"the page raised errors: {errors}"


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"))


def list_dates(page: Any) -> list[str]:
    return [d.strip() for d in page.locator("#event-list li .date").all_inner_texts()]


def test_web_map_shows_events_and_date_range_filters_them(page: Any) -> None:
    assert len(list_dates(page)) == 8
    assert page.locator("#map .leaflet-overlay-pane path").count() > 100  # country outlines
    shot(page, "overview")
    page.fill("#d-start", "2023-06-01")
    page.dispatch_event("#d-start", "change")
    page.fill("#d-end", "2024-12-31")
    page.dispatch_event("#d-end", "change")
    assert list_dates(page) == ["2023-12-18", "2024-02-04", "2024-05-07"]
    assert page.inner_text("#range-count") == "3 of 8 events"
    shot(page, "date-range")


def test_web_range_slider_moves_the_start_date(page: Any) -> None:
    day = (dt.date(2024, 1, 1) - dt.date(1970, 1, 1)).days
    page.fill("#t-start", str(day))
    assert page.input_value("#d-start") == "2024-01-01"
    assert list_dates(page)[0] == "2024-02-04"
    assert page.locator("#histogram rect.bar.in").count() < page.locator(
        "#histogram rect.bar").count()


def test_web_type_filter_reloads_events(page: Any) -> None:
    page.select_option("#f-type", "Explosions/Remote violence")
    expect(page.locator("#event-list li")).to_have_count(2)
    assert list_dates(page) == ["2020-02-02", "2024-02-04"]


def test_web_clicking_an_event_marker_shows_its_evidence_and_source(page: Any,
                                                                   base_url: str) -> None:
    event_id = page.request.get(f"{base_url}events?q=Saraqib").json()["events"][0]["id"]
    page.click(f'#map path.event-marker[data-event-id="{event_id}"]')
    page.wait_for_selector("#evidence blockquote")
    assert "Russian warplanes struck a residential area of Saraqib" in page.inner_text("#evidence")
    link = page.locator("#evidence a")
    assert link.get_attribute("href") == (
        "https://news.example.org/syria/2020/02/03/saraqib-airstrike")
    assert "Syrian Observatory for Human Rights" in page.inner_text("#panel")
    shot(page, "event-evidence")


def test_web_actor_page_lists_the_actor_events(page: Any) -> None:
    page.locator("#event-list li", has_text="Wad Medani").first.click()
    page.locator("#panel a.actor", has_text="Rapid Support Forces").first.click()
    page.wait_for_selector("#actor-name")
    assert page.inner_text("#actor-name") == "Rapid Support Forces"
    assert page.locator("#panel ul.list li").count() == 4
    shot(page, "actor")


def test_web_control_slider_shows_who_holds_the_town(page: Any) -> None:
    page.click("#tab-control")
    page.fill("#c-date", "2024-06-01")
    page.dispatch_event("#c-date", "change")
    page.wait_for_selector("#control-title:has-text('2024-06-01')")
    assert "Rapid Support Forces" in page.inner_text("#control-list")
    day = (dt.date(2025, 3, 1) - dt.date(1970, 1, 1)).days
    page.fill("#c-slider", str(day))
    page.wait_for_selector("#control-title:has-text('2025-03-01')")
    assert "Military Forces of Sudan" in page.inner_text("#control-list")
    shot(page, "control")
    page.locator("#control-list li", has_text="Wad Medani").click()
    page.wait_for_selector("#place-name")
    history = page.inner_text("#panel ul.history")
    assert history.index("Rapid Support Forces") < history.index("Military Forces of Sudan")
    assert "recaptured Wad Madani" in history
    shot(page, "place-history")


def test_web_untrusted_article_text_never_runs(page: Any) -> None:
    page.locator("#event-list li", has_text="Kadugli").click()
    page.wait_for_selector("#evidence blockquote")
    evidence = page.inner_text("#evidence blockquote")
    assert '<script>window.__xss = "script"</script>' in evidence
    assert "<img src=x onerror=" in evidence
    assert page.locator("#panel img, #panel script").count() == 0
    assert page.locator("#evidence a").count() == 0  # the javascript: URL is not a link
    page.locator("#panel a.actor").click()
    page.wait_for_selector("#actor-name")
    assert page.inner_text("#actor-name").startswith("Gunmen <img src=x onerror=")
    shot(page, "xss")
    assert page.evaluate("window.__xss") is None


def test_web_event_links_to_its_place_history_and_can_be_shared(page: Any,
                                                                base_url: str) -> None:
    page.locator("#event-list li", has_text="Government regains territory").click()
    page.wait_for_selector("#event-title")
    shared = page.url
    assert "#event/" in shared
    page.click("#place-history")
    page.wait_for_selector("#place-name")
    assert page.inner_text("#place-name") == "Wad Medani"
    assert page.get_attribute("#tab-control", "aria-selected") == "true"
    page.goto(shared)
    page.reload()
    page.wait_for_selector("#evidence blockquote")
    assert "The Sudanese army recaptured Wad Madani" in page.inner_text("#evidence")
