"""The package's front door: exactly the documented names, and records that round-trip."""

from __future__ import annotations

import json

import conflictmap
from conflictmap import AcledCoding, Actor, Event, Evidence, Location

PUBLIC = {
    "AcledCoding", "Actor", "ActorMention", "Article", "ConfigError", "ConflictmapError",
    "Event", "Evidence", "GazetteerError", "InputError", "Location", "Pipeline",
    "PipelineError", "Place", "Resources", "StageError", "StoreError", "Timex", "Toponym",
    "extract", "stage", "open_store", "Store", "EventFilter",
}


def test_public_api_all_lists_exactly_the_public_names() -> None:
    assert set(conflictmap.__all__) == PUBLIC
    for name in PUBLIC:
        assert hasattr(conflictmap, name)


NATIVE_FIELDS = {"id", "article_id", "date", "date_precision", "status", "claimed_by", "actor",
                 "target", "assoc_actors", "plover", "plover_mode", "cameo", "acled",
                 "location", "fatalities", "evidence", "confidence"}


def _event() -> Event:
    isis = Actor("islamic_state", "Islamic State", None, "jihadist", sector="REB",
                 acled_name="Islamic State (Syria)", inter=2)
    army = Actor("SYR_MIL", "Military Forces of Syria", "SYR", "military", side="target")
    event = Event(article_id="a1", plover="ASSAULT", cameo="192",
                  acled=AcledCoding("Battles", "Non-state actor overtakes territory",
                                    "Islamic State (Syria)", "Military Forces of Syria (2000-)",
                                    2, 1),
                  evidence=Evidence("IS retook Palmyra.", 10, 28, 2), actor=isis,
                  assoc_actors=[army], location=Location("Palmyra", 34.56, 38.27, 1, 170889,
                                                         "SYR", "Homs"),
                  date="2016-12-11", date_precision="day", fatalities=None, confidence=0.8,
                  trigger="retook", trigger_start=13)
    event.assign_id("article text")
    return event


def test_native_record_has_every_design_field_and_round_trips_through_json() -> None:
    event = _event()
    record = json.loads(json.dumps(event.as_dict()))
    assert NATIVE_FIELDS <= set(record)
    assert record["location"]["precision"] == 1 and record["acled"]["inter1"] == 2
    again = Event.from_dict(record)
    assert again.as_dict() == event.as_dict()


def test_event_ids_are_stable_for_the_same_text_and_differ_for_another() -> None:
    a, b = _event(), _event()
    assert a.id == b.id
    assert b.assign_id("other text") != a.id
