"""Reading the article, not the sentence (issue 12), as a user sees it in `events`,
`control` and the export: one record per act with every sentence that tells it, history
kept apart, the dateline never the place, weekdays resolved against publication."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import store_url_for

from conflictmap.cli import main

pytestmark = pytest.mark.slow  # ingests through the real pipeline (loads the spaCy model)

CAPTURE = """DAMASCUS (Reuters) - Islamic State fighters captured the town of Sukhnah in \
central Syria on Tuesday after a day of fighting with government troops, a monitoring \
group said.

The militants overran army positions on the edge of the town before dawn and took \
control of its centre by the afternoon, the Syrian Observatory for Human Rights said.

"Daesh has seized Sukhnah," a military source told Reuters.

The army had recaptured Sukhnah from the group in August 2017.

Across the country, more than 500,000 people have been killed since the war began in 2011.
"""

TWO_STRIKES = """KYIV (Reuters) - A Russian drone struck an apartment block in the \
southern city of Kherson on Monday, killing four people, regional officials said.

In a separate attack on Wednesday, Russian artillery shelled the town of Nikopol, \
wounding two men, the local administration said.
"""


def run(url: str, *args: str) -> Any:
    result = CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def records(url: str, *args: str) -> list[dict[str, Any]]:
    out = run(url, "events", "--format", "jsonl", *args).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(params=["sqlite", "postgres"])
def stored(request: Any, tmp_path: Path) -> Iterator[str]:
    """A store with the Sukhnah capture article (published Thursday 14 March 2019)."""
    with store_url_for(request.param, tmp_path) as url:
        rows = [{"id": "sukhnah", "text": CAPTURE, "published": "2019-03-14"},
                {"id": "kherson", "text": TWO_STRIKES, "published": "2025-03-13"}]
        path = tmp_path / "articles.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        run(url, "ingest", str(path))
        yield url


def _capture(events: list[dict[str, Any]]) -> dict[str, Any]:
    found = [e for e in events if e["acled"]["sub_event_type"] ==
             "Non-state actor overtakes territory"]
    assert len(found) == 1, [e["evidence"]["text"] for e in found]
    return found[0]


def test_lead_body_and_quote_are_one_event_with_every_mention(stored: str) -> None:
    capture = _capture(records(stored, "--place", "Sukhnah"))
    texts = [m["text"] for m in capture["mentions"]]
    assert capture["evidence"]["text"] == texts[0]
    assert texts[0].startswith("DAMASCUS (Reuters) - Islamic State fighters captured")
    assert any(t.startswith("The militants overran army positions") for t in texts)
    for m in capture["mentions"]:
        assert CAPTURE[m["start"]:m["end"]] == m["text"]
        assert m["article_id"] == "sukhnah"


def test_weekday_dateline_and_toll(stored: str) -> None:
    capture = _capture(records(stored, "--place", "Sukhnah"))
    assert (capture["date"], capture["date_precision"]) == ("2019-03-12", "day")  # Tuesday
    assert capture["location"]["name"] != "Damascus"
    assert abs(capture["location"]["lat"] - 34.89) < 0.1
    assert capture["acled"]["actor1"] == "Islamic State (Syria)"
    every = records(stored, "--include-background", "--limit", "100")
    assert not [e for e in every if (e["location"] or {}).get("name") == "Damascus"]
    assert 500000 not in [e["fatalities"] for e in every]


def test_background_is_kept_apart_with_its_own_date(stored: str) -> None:
    default = records(stored, "--limit", "100")
    assert all(e["reported_as"] == "new" for e in default)
    assert not [e for e in default if "had recaptured" in e["evidence"]["text"]]
    every = records(stored, "--include-background", "--limit", "100")
    history = [e for e in every if "had recaptured" in e["evidence"]["text"]]
    assert [(e["reported_as"], e["date"], e["date_precision"]) for e in history] == [
        ("background", "2017-08", "month")]
    table = run(stored, "events", "--limit", "100")
    assert f"{len(default)} of {len(default)} events" in table.stderr


def test_export_leaves_background_out_unless_asked(stored: str, tmp_path: Path) -> None:
    def exported(*args: str) -> list[dict[str, Any]]:
        out = tmp_path / "out.jsonl"
        run(stored, "export", "--format", "jsonl", "-o", str(out), *args)
        return [json.loads(line) for line in out.read_text().splitlines()]

    plain, every = exported(), exported("--include-background")
    assert {e["reported_as"] for e in plain} == {"new"}
    assert len(every) == len(plain) + 1
    _capture(plain)


def test_two_strikes_on_two_towns_stay_two(stored: str) -> None:
    kherson = records(stored, "--place", "Kherson")
    nikopol = records(stored, "--place", "Nikopol")
    assert [(e["date"], e["fatalities"]) for e in kherson] == [("2025-03-10", 4)]
    assert [e["date"] for e in nikopol] == ["2025-03-12"]
    assert kherson[0]["acled"]["actor1"].startswith("Military Forces of Russia")


def test_control_keeps_an_uncontested_holder(stored: str) -> None:
    out = run(stored, "control", "Sukhnah", "--format", "jsonl").stdout
    intervals = [json.loads(line) for line in out.splitlines() if line.strip()]
    last = intervals[-1]
    assert last["status"] == "controlled" and last["valid_to"] is None
    assert last["controller"]["name"].startswith("Islamic State")
    assert last["valid_from"] == "2019-03-12"
    assert "unknown" not in [i["status"] for i in intervals]


RETAKEN = """BEIRUT (AFP) - Syrian government forces retook the desert town of Sukhnah from \
the Islamic State group on Sunday after two days of fighting, a war monitor said.

ISIL jihadists had captured Sukhnah in March.
"""

OTHER_OUTLET = """Jihadists of the Islamic State group seized the town of Sukhnah in Homs \
province on Tuesday, a monitor said."""


@pytest.fixture(params=["sqlite", "postgres"])
def three_outlets(request: Any, tmp_path: Path) -> Iterator[str]:
    """The capture told by two outlets, and told again as history six months later."""
    with store_url_for(request.param, tmp_path) as url:
        rows = [{"id": "reuters", "text": CAPTURE, "published": "2019-03-14"},
                {"id": "afp", "text": RETAKEN, "published": "2019-09-10"},
                {"id": "local", "text": OTHER_OUTLET, "published": "2019-03-13"}]
        path = tmp_path / "articles.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        run(url, "ingest", str(path))
        yield url


def test_one_capture_with_every_report_and_its_control(three_outlets: str) -> None:
    capture = _capture(records(three_outlets, "--place", "Sukhnah"))
    assert capture["date"] == "2019-03-12"
    assert {s["article_id"] for s in capture["sources"]} == {"reuters", "afp", "local"}
    merges = run(three_outlets, "merges", capture["id"]).stdout.splitlines()
    assert len(merges) == 2 and all("[active]" in m and "same place" in m for m in merges)
    out = run(three_outlets, "control", "Sukhnah", "--format", "jsonl").stdout
    intervals = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert [(i["controller"]["name"][:13], i["valid_from"], i["valid_to"])
            for i in intervals] == [("Islamic State", "2019-03-12", "2019-09-08"),
                                    ("Military Forc", "2019-09-08", None)]
    told = {e["article_id"] for e in intervals[0]["evidence"]}
    assert told == {"reuters", "afp", "local"}


def extracted(tmp_path: Path, text: str, published: str) -> list[dict[str, Any]]:
    """The records `conflictmap extract` prints for `text`, published on `published`."""
    path = tmp_path / "a.txt"
    path.write_text(text)
    out = CliRunner().invoke(main, ["extract", str(path), "--published", published,
                                    "--format", "jsonl"], catch_exceptions=False).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize(("text", "date"), [
    ("Gunmen attacked a police post in Kano on Monday night, killing two officers.",
     "2024-05-13"),
    ("Overnight, a bomb exploded at a market in Kano, wounding four people.", "2024-05-15"),
    ("Troops shelled rebel positions near Kano last night, residents said.", "2024-05-15"),
    ("Gunmen attacked a police post in Kano on Monday. Two days later, soldiers clashed "
     "with the gunmen near Kano.", "2024-05-15"),
    ("An armed group said Saturday it had captured the town of Lashio.", "2024-05-11"),
    # an infinitive of purpose under a past verb is no plan
    ("Police used live rounds to disperse protesters in Kano on Monday, killing two.",
     "2024-05-13"),
])
def test_relative_dates_resolve_against_publication(tmp_path: Path, text: str,
                                                    date: str) -> None:
    coded = [e for e in extracted(tmp_path, text, "2024-05-16")
             if e["acled"]["sub_event_type"]]
    assert (coded[-1]["date"], coded[-1]["date_precision"]) == (date, "day")


def test_a_merge_of_reports_can_be_undone(three_outlets: str) -> None:
    capture = _capture(records(three_outlets, "--place", "Sukhnah"))
    merged_id = run(three_outlets, "merges", capture["id"]).stdout.split()[0]
    run(three_outlets, "merges", merged_id, "--undo")
    every = records(three_outlets, "--place", "Sukhnah", "--include-background")
    captures = [e for e in every
                if e["acled"]["sub_event_type"] == "Non-state actor overtakes territory"]
    assert len(captures) == 2
    assert sorted(len(e.get("sources") or [e["evidence"]]) for e in captures) == [1, 2]


def test_csv_export_counts_the_mentions(stored: str, tmp_path: Path) -> None:
    import csv

    out = tmp_path / "out.csv"
    run(stored, "export", "--format", "csv", "-o", str(out), "--include-background")
    rows = list(csv.DictReader(out.open()))
    capture = next(r for r in rows
                   if r["acled_sub_event_type"] == "Non-state actor overtakes territory")
    assert int(capture["mentions"]) >= 2 and capture["reported_as"] == "new"
    assert [r["reported_as"] for r in rows].count("background") == 1


@pytest.mark.parametrize(("text", "actor1", "place"), [
    ("Sidon (Lebanon): An Israeli drone strike hit a car near Naqoura on Saturday, killing "
     "two Hezbollah members, officials said.", "Military Forces of Israel (2022-)", "Sidon"),
    ("Bogota (AFP) – Soldiers clashed with ELN rebels near Tibu on Monday, the army said.",
     "Military Forces of Colombia (2022-)", "Bogotá"),
])
def test_a_title_case_dateline_is_neither_actor_nor_place(tmp_path: Path, text: str,
                                                         actor1: str, place: str) -> None:
    coded = [e for e in extracted(tmp_path, text, "2024-03-02")
             if e["acled"]["sub_event_type"]]
    assert [e["acled"]["actor1"] for e in coded] == [actor1]
    assert coded[0]["location"]["name"] != place


def test_an_act_dated_after_publication_has_not_happened(tmp_path: Path) -> None:
    (march,) = extracted(tmp_path, "Teachers march in Lyon on February 7, the unions "
                                   "announced.", "2023-01-19")
    assert (march["date"], march["status"]) == ("2023-02-07", "future")
