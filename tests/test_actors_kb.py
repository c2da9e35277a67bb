"""The actor knowledge base: aliases, codes, dates, search, user files (no spaCy needed)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conflictmap.actors import load_kb
from conflictmap.errors import ConfigError


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_actors_kb_loads_fast() -> None:
    from conflictmap.actors import load as load_mod

    load_mod._shipped.cache_clear()
    started = time.perf_counter()
    load_kb()
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("alias", [
    "IS", "ISIS", "ISIL", "Daesh", "Islamic State", "the Islamic State",
    "Islamic State of Iraq and the Levant", "Islamic State of Iraq and the Greater Syria",
    "the Islamic State of Iraq and Syria", "islamic-state", "ISLAMIC STATE", "Da'esh"])
def test_actors_kb_islamic_state_is_one_identity(kb, alias: str) -> None:
    actor = kb.match(alias, country="SYR")
    assert actor is not None and actor.id == "islamic-state"
    assert actor.acled_name == "Islamic State (Syria)"


@pytest.mark.parametrize("country, acled", [
    ("SYR", "Islamic State (Syria)"), ("IRQ", "Islamic State (Iraq)"),
    ("AFG", "Islamic State (Afghanistan)"), (None, "Islamic State")])
def test_actors_kb_islamic_state_named_by_where_it_acts(kb, country, acled) -> None:
    assert kb.match("ISIL", country=country).acled_name == acled


@pytest.mark.parametrize("alias", ["Syrian Democratic Forces", "Democratic Syrian Forces",
                                   "SDF", "QSD", "syrian democratic forces"])
def test_actors_kb_sdf_aliases(kb, alias: str) -> None:
    actor = kb.match(alias)
    assert (actor.id, actor.acled_name, actor.country) == (
        "sdf", "QSD: Syrian Democratic Forces", "SYR")


@pytest.mark.parametrize("text", ["is", "us", "who", "Is"])
def test_actors_kb_short_acronyms_need_capitals(kb, text: str) -> None:
    assert kb.match(text) is None


@pytest.mark.parametrize("alias, date, expected", [
    ("Nusra Front", "2014-01-01", "nusra"),
    ("Nusra Front", "2016-09-01", "jfs"),
    ("Nusra Front", "2018-01-01", "hts"),
    ("Jabhat Fateh al-Sham", "2019-01-01", "hts"),
    ("HTS", "2015-01-01", "nusra"),
    ("HTS", None, "hts"),
    ("Islamic State of Iraq", "2009-01-01", "isi"),
    ("Wagner", "2024-05-01", "africa-corps"),
])
def test_actors_kb_names_change_over_time(kb, alias, date, expected) -> None:
    assert kb.match(alias, date=date).id == expected


def test_actors_kb_taliban_become_the_state(kb) -> None:
    assert kb.match("Taliban", date="2020-01-01").id == "taliban"
    state = kb.match("Taliban", date="2022-01-01")
    assert (state.id, state.type, state.inter) == ("AFG.MIL", "military", 1)


@pytest.mark.parametrize("iso3, sector, date, name, acled, cameo", [
    ("SYR", "MIL", "2016-12-11", "Military Forces of Syria", "Military Forces of Syria (2000-2024)",
     "SYRMIL"),
    ("SYR", "MIL", "2025-03-01", "Military Forces of Syria", "Military Forces of Syria (2024-)",
     "SYRMIL"),
    ("KEN", "COP", "2016-01-01", "Police Forces of Kenya", "Police Forces of Kenya (2013-2022)",
     "KENCOP"),
    ("RUS", "GOV", None, "Government of Russia", "Government of Russia (2000-)", "RUSGOV"),
    ("USA", "MIL", "2019-05-05", "Military Forces of the United States",
     "Military Forces of the United States (2017-2021)", "USAMIL"),
])
def test_actors_kb_state_organs(kb, iso3, sector, date, name, acled, cameo) -> None:
    actor = kb.state_actor(iso3, sector, date=date)
    assert (actor.name, actor.acled_name, actor.cameo, actor.country, actor.inter) == (
        name, acled, cameo, iso3, 1)


@pytest.mark.parametrize("kind, iso3, name, inter", [
    ("unidentified", "SYR", "Unidentified Armed Group (Syria)", 3),
    ("civilians", "SYR", "Civilians (Syria)", 7),
    ("protesters", "KEN", "Protesters (Kenya)", 6),
    ("rioters", "KEN", "Rioters (Kenya)", 5),
])
def test_actors_kb_generic_actors_follow_acled(kb, kind, iso3, name, inter) -> None:
    actor = kb.generic(kind, iso3)
    assert (actor.name, actor.acled_name, actor.inter, actor.country) == (name, name, inter, iso3)


@pytest.mark.parametrize("text, country, expected", [
    ("Turkish troops", None, "TUR.MIL"), ("Russian aviation", None, "RUS.MIL"),
    ("Egyptian police", None, "EGY.COP"), ("the Kremlin", None, "RUS.GOV"),
    ("Moscow", None, "RUS.GOV"), ("the Pentagon", None, "USA.MIL"),
    ("Damascus", None, "SYR.GOV"), ("Washington", None, "USA.GOV"),
    ("regime forces", "SYR", "SYR.MIL"), ("government troops", "NGA", "NGA.MIL"),
    ("gunmen", "NGA", "unidentified:NGA"), ("civilians", "SYR", "civilians:SYR"),
    ("Kurdish forces", "SYR", "ypg"), ("Kurdish forces", "IRQ", "peshmerga"),
])
def test_actors_kb_match_phrases(kb, text, country, expected) -> None:
    assert kb.match(text, country=country).id == expected


@pytest.mark.parametrize("actor_id, name", [
    ("hts", "Hayat Tahrir al-Sham"), ("SYR.MIL", "Military Forces of Syria"),
    ("civilians:SYR", "Civilians (Syria)"), ("un", "United Nations")])
def test_actors_kb_get_by_id(kb, actor_id, name) -> None:
    assert kb.get(actor_id).name == name


@pytest.mark.parametrize("actor_id", ["nope", "XXX.MIL", "SYR.XYZ", "martians:SYR"])
def test_actors_kb_get_unknown_id(kb, actor_id) -> None:
    assert kb.get(actor_id) is None


@pytest.mark.parametrize("query, first", [("Daesh", "islamic-state"),
                                          ("Syrian Democratic", "sdf"),
                                          ("nusra", "nusra"), ("Boko", "boko-haram")])
def test_actors_kb_search_ranks_best_match_first(kb, query, first) -> None:
    assert kb.search(query)[0].id == first


def test_actors_kb_search_limit(kb) -> None:
    assert len(kb.search("army", limit=3)) == 3


@pytest.mark.parametrize("conflict_country", [
    "SYR", "IRQ", "YEM", "LBY", "MLI", "BFA", "NER", "SOM", "NGA", "TCD", "AFG", "PAK",
    "UKR", "RUS", "SDN", "COD", "MMR", "COL", "MEX"])
def test_actors_kb_covers_the_listed_conflicts(kb, conflict_country) -> None:
    armed = [e for e in kb.entries.values() if e.kind == "group"
             and conflict_country in (e.country, *e.acts_in)]
    assert len(armed) >= 2


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "actors.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_actors_kb_user_file_adds_and_extends(tmp_path) -> None:
    path = _write(tmp_path,
                  json.dumps({"id": "lions-of-test", "name": "Lions of Test", "type": "militia",
                              "country": "SYR", "aliases": ["Test Lions"]}),
                  json.dumps({"id": "hts", "aliases": ["Tahrir Testers"]}))
    kb = load_kb(user_file=str(path))
    assert kb.match("Test Lions").id == "lions-of-test"
    assert kb.match("Tahrir Testers").id == "hts"
    assert kb.match("HTS").id == "hts"


def test_actors_kb_user_file_overrides(tmp_path) -> None:
    path = _write(tmp_path, json.dumps({"id": "sdf", "name": "SDF (renamed)", "type": "rebel",
                                        "country": "SYR", "aliases": ["New SDF Name"]}))
    kb = load_kb(user_file=str(path))
    assert kb.match("New SDF Name").name == "SDF (renamed)"
    assert kb.match("QSD") is None


@pytest.mark.parametrize("line, problem", [
    ("{not json", "not valid JSON"),
    ('["a list"]', "expected a JSON object"),
    ('{"id": "x", "name": "X", "type": "militia", "colour": "red"}', "unknown field(s) colour"),
    ('{"name": "X", "type": "militia"}', "missing or empty \"id\""),
    ('{"id": "x", "type": "militia"}', "missing \"name\""),
    ('{"id": "x", "name": "X", "type": "dragons"}', "unknown type 'dragons'"),
    ('{"id": "x", "name": "X", "type": "militia", "country": "Syria"}', "unknown country code"),
    ('{"id": "x", "name": "X", "type": "militia", "inter": 9}', "ACLED inter code 1-8"),
    ('{"id": "x", "name": "X", "type": "militia", "valid_from": "last year"}', "valid_from"),
    ('{"id": "x", "name": "X", "type": "militia", "aliases": "X"}', "list of non-empty strings"),
])
def test_actors_kb_user_file_errors_name_file_line_problem(tmp_path, line, problem) -> None:
    good = json.dumps({"id": "ok", "name": "OK", "type": "militia"})
    path = _write(tmp_path, good, line)
    with pytest.raises(ConfigError) as info:
        load_kb(user_file=str(path))
    assert f"{path}:2:" in str(info.value) and problem in str(info.value)


def test_actors_kb_user_file_missing(tmp_path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_kb(user_file=str(tmp_path / "nowhere.jsonl"))


def test_actors_kb_links_point_to_known_actors(kb) -> None:
    for e in kb.entries.values():
        for ref in (e.predecessor, e.successor, *e.affiliations):
            assert ref is None or ref in kb.entries, (e.id, ref)
        if e.kind != "leader":
            for code in (e.country, *e.acts_in, e.state_country):
                assert code is None or code in kb.countries, (e.id, code)
    for word, table in kb.ethnic.items():
        assert all(ref in kb.entries for ref in table.values()), word


@pytest.mark.parametrize("iso3", ["SYR", "IRQ", "KEN", "USA", "RUS", "COD", "PSE"])
def test_actors_kb_every_country_has_state_organs(kb, iso3) -> None:
    for sector in ("MIL", "COP", "GOV", "SPY", "LEG", "JUD"):
        actor = kb.state_actor(iso3, sector)
        assert actor.country == iso3 and actor.cameo == f"{iso3}{sector}" and actor.inter == 1


def test_actors_kb_every_actor_has_acled_codes(kb) -> None:
    for entry_id in kb.entries:
        actor = kb.get(entry_id)
        assert actor.acled_name and "{" not in actor.acled_name, entry_id
        assert actor.inter in range(1, 9), entry_id
        assert actor.type and actor.sector and actor.cameo, entry_id
