"""The gazetteer: name normalisation, the SQLite index, GeoNames imports, the default index."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from testpaths import DATA

from conflictmap.errors import GazetteerError
from conflictmap.gazetteer import (
    MemoryGazetteer,
    SqliteGazetteer,
    import_geonames,
    name_key,
    open_gazetteer,
)
from conflictmap.gazetteer.resolve import haversine_km
from conflictmap.model import Place

SAMPLE = DATA / "gazetteer" / "SY-sample.txt"
ALTERNATE = DATA / "gazetteer" / "alternateNames-sample.txt"


@pytest.mark.parametrize("spellings", [
    ("Al-Bab", "al Bab", "Al Bāb", "AL-BAB"),
    ("Raqqa", "Ar-Raqqa", "Ar Raqqah", "ar-Raqqah"),
    ("Deir ez-Zor", "Deir Ezzor", "Deir ez Zor"),
    ("Tadmur", "TADMUR"),
    ("Puławy", "Pulawy"),
])
def test_gazetteer_spellings_share_one_key(spellings: tuple[str, ...]) -> None:
    assert len({name_key(s) for s in spellings}) == 1


@pytest.mark.parametrize("a, b", [("Raqqa", "Aleppo"), ("Al-Bab", "Bab al-Hawa"),
                                  ("Homs", "Hama")])
def test_gazetteer_different_names_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.fixture
def imported(tmp_path: Path) -> SqliteGazetteer:
    path = tmp_path / "gaz.sqlite"
    import_geonames(path, SAMPLE)
    return SqliteGazetteer(path)


@pytest.mark.parametrize("query, name, admin1", [
    ("Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr"),
    ("Mayadin", "Al Mayadin", "Dayr az Zawr"),
    ("Kafr Testa", "Kafr Testa", "Dayr az Zawr"),
    ("al-Bab", "Al Bāb", "Halab"),
    ("Raqqa", "Ar Raqqah", None),
])
def test_gazetteer_import_resolves_villages_with_admin_names(
        imported: SqliteGazetteer, query: str, name: str, admin1: str | None) -> None:
    places = [c.place for c in imported.candidates(query)]
    assert name in [p.name for p in places]
    place = next(p for p in places if p.name == name)
    assert place.country == "SYR"
    assert place.admin1 == admin1


def test_gazetteer_import_skips_feature_classes_not_asked_for(imported: SqliteGazetteer) -> None:
    assert imported.candidates("Nahr Testa") == []
    assert imported.get(9000003) is not None


def test_gazetteer_import_reads_zip_dumps(tmp_path: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(SAMPLE, "SY.txt")
        zf.writestr("readme.txt", "not a table")
    count = import_geonames(tmp_path / "gaz.sqlite", archive)
    assert count == 10  # the river is left out
    assert SqliteGazetteer(tmp_path / "gaz.sqlite").candidates("Tadmor")[0].place.name == "Tadmur"


def test_gazetteer_alternate_names_add_spellings(imported: SqliteGazetteer) -> None:
    path = imported.path
    imported.close()
    added = import_geonames(path, ALTERNATE)
    gaz = SqliteGazetteer(path)
    assert added == 1  # the link and the historic name are left out
    assert [c.place.name for c in gaz.candidates("Kfar Testa")] == ["Kafr Testa"]
    assert gaz.candidates("Meyadin") == []


@pytest.mark.parametrize("content, problem", [
    ("9000001\tSyria\t35.0\n", "expected 19 tab-separated"),
    ("9000001\tSyria\tSyria\t\tnorth\t38.0\tA\tPCLI\tSY\t\t00\t\t\t\t0\t\t\t\t\n", "bad number"),
])
def test_gazetteer_import_names_the_bad_line(tmp_path: Path, content: str, problem: str) -> None:
    dump = tmp_path / "XX.txt"
    dump.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=problem) as info:
        import_geonames(tmp_path / "gaz.sqlite", dump)
    assert "XX.txt:1" in str(info.value)


def test_gazetteer_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="gazetteer build"):
        open_gazetteer(tmp_path / "nothing.sqlite")


def test_gazetteer_memory_and_sqlite_answer_alike(imported: SqliteGazetteer) -> None:
    palmyra_us = Place(9000011, "Palmyra", "USA", 40.31, -76.59, None, None, "P", "PPL", 7500)
    tadmur = Place(9000009, "Tadmur", "SYR", 34.56, 38.28, None, None, "P", "PPL", 51000)
    memory = MemoryGazetteer([(palmyra_us, []), (tadmur, ["Palmyra", "Tadmor"])])
    for gaz in (memory, imported):
        found = {c.place.geonames_id: c.matched for c in gaz.candidates("Palmyra")}
        assert found == {9000011: "palmyra", 9000009: "palmyra"}


@pytest.mark.slow
@pytest.mark.parametrize("query, country, feature, lat, lon", [
    ("Palmyra", "SYR", "PPL", 34.56, 38.27),
    ("Syria", "SYR", "PCLI", 35.0, 38.0),
    ("Louisiana", "USA", "ADM1", 31.0, -92.0),
    ("Rapides Parish", "USA", "ADM2", 31.2, -92.5),
    ("Deir Ezzor", "SYR", None, 35.3, 40.1),
    ("Anhui", "CHN", "ADM1", 31.8, 117.2),  # indexed as 'Anhui Sheng'
    ("NSW", "AUS", "ADM1", -32.5, 148.5),
])
def test_gazetteer_default_index_has_towns_regions_countries(
        default_gazetteer: SqliteGazetteer, query: str, country: str, feature: str | None,
        lat: float, lon: float) -> None:
    places = [c.place for c in default_gazetteer.candidates(query)]
    match = [p for p in places if p.country == country and
             (feature is None or p.feature_code == feature)]
    assert match, f"{query}: {[(p.name, p.country, p.feature_code) for p in places]}"
    assert min(haversine_km(p.lat, p.lon, lat, lon) for p in match) < 150


def _town(gid: int, name: str, admin1: str, lat: float, lon: float, population: int) -> Place:
    return Place(gid, name, "USA", lat, lon, admin1, None, "P", "PPL", population)


# Invented-for-tests namesakes: two Watertowns, one Delano, one Springfield pair.
TOWNS = MemoryGazetteer([
    (_town(101, "Watertown", "Wisconsin", 43.19, -88.72, 23_000), []),
    (_town(102, "Watertown", "Minnesota", 44.96, -93.85, 4_000), []),
    (_town(103, "Delano", "Minnesota", 45.04, -93.79, 5_500), []),
    (_town(104, "Springfield", "Illinois", 39.80, -89.64, 115_000), []),
    (_town(105, "Springfield", "Missouri", 37.21, -93.29, 160_000), []),
    (_town(106, "Chatham", "Illinois", 39.67, -89.70, 12_000), []),
])


def _mentions(*names: str) -> list:
    from conflictmap.gazetteer.recognize import Mention

    return [Mention(2 * i, 2 * i + 1, n, "GPE", tuple(TOWNS.candidates(n)))
            for i, n in enumerate(names)]


@pytest.mark.parametrize("names, wanted", [
    (("Watertown",), "Wisconsin"),  # alone: the bigger town
    (("Watertown", "Delano"), "Minnesota"),  # next to the only Delano
    (("Springfield",), "Missouri"),
    (("Springfield", "Chatham"), "Illinois"),
])
def test_gazetteer_namesakes_resolve_near_the_other_places(names: tuple[str, ...],
                                                           wanted: str) -> None:
    from conflictmap.gazetteer.resolve import resolve

    first = resolve(_mentions(*names))[0]
    assert first.place is not None and first.place.admin1 == wanted, first.reason


def _region(gid: int, name: str, lat: float, lon: float) -> Place:
    return Place(gid, name, "USA", lat, lon, name, None, "A", "ADM1", 5_000_000)


# Invented for tests: a county name two states share, the bigger one in Kentucky.
COUNTIES = MemoryGazetteer([
    (Place(201, "Boone County", "USA", 38.97, -84.73, "Kentucky", "Boone County", "A",
           "ADM2", 130_000), []),
    (Place(202, "Boone County", "USA", 40.05, -86.47, "Indiana", "Boone County", "A",
           "ADM2", 60_000), []),
    (_region(203, "Indiana", 39.9, -86.3), []),
    (_region(204, "Kentucky", 37.5, -85.3), []),
])


def test_gazetteer_the_region_named_most_places_its_namesakes() -> None:
    """'Indiana' said four times, 'Kentucky' once: Boone County is Indiana's."""
    from conflictmap.gazetteer.recognize import Mention
    from conflictmap.gazetteer.resolve import resolve

    names = ["Boone County", "Indiana", "Indiana", "Indiana", "Indiana", "Kentucky"]
    mentions = [Mention(2 * i, 2 * i + 1, n, "GPE", tuple(COUNTIES.candidates(n)))
                for i, n in enumerate(names)]
    first = resolve(mentions)[0]
    assert first.place is not None and first.place.admin1 == "Indiana", first.reason


@pytest.mark.parametrize("a, b", [("Mt. Pleasant", "Mount Pleasant"), ("Ft. Worth", "Fort Worth"),
                                  ("St. Louis", "Saint Louis"),
                                  ("Jackson Twp.", "Jackson Township")])
def test_gazetteer_abbreviated_names_share_the_written_out_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def _geoparse(nlp: object, text: str) -> dict[str, Place | None]:
    from conflictmap import Resources
    from conflictmap.model import Article
    from conflictmap.stages.places import geoparse

    article = next(iter(geoparse([Article.from_text(text, id="t")], Resources(nlp=nlp))))
    return {t.text: t.place for t in article.toponyms}


@pytest.mark.slow
@pytest.mark.parametrize("text, name, admin1", [
    # 'Springfield City Schools': the Ohio town, not the Massachusetts alias 'Springfield City'
    ("Springfield, Ohio — The Springfield City Schools board met on Monday.",
     "Springfield", "Ohio"),
    ("Two trucks collided in Mt. Pleasant, Iowa, on Friday.", "Mt. Pleasant", "Iowa"),
])
def test_gazetteer_text_resolves_local_names(nlp: object, text: str, name: str,
                                             admin1: str) -> None:
    places = _geoparse(nlp, text)
    assert all(p is not None and p.admin1 == admin1 for t, p in places.items()
               if name in t), places


@pytest.mark.slow
def test_gazetteer_eu_is_a_place_in_europe(nlp: object) -> None:
    place = _geoparse(nlp, "The EU agreed on new sanctions against Russia.").get("EU")
    assert place is not None and 40 < place.lat < 60 and -10 < place.lon < 30


@pytest.mark.slow
@pytest.mark.parametrize("text, name", [
    ("Budget talks stall.\nNEW MIAMI — The village council met on Monday.", "NEW MIAMI"),
    ("Rep. Jane Doe, D-Braxton, sponsored the bill.", "Braxton"),
    ("Sen. Jane Doe, D-N.D., sponsored the bill.", "N.D."),
    ("She was stopped in Newton County, Ga. Officers found the car.", "Ga."),
    ("At noon Walker County dispatchers received a call.", "Walker County"),
    ("The fire spread fast. Torrington firefighters called in help.", "Torrington"),
])
def test_gazetteer_local_news_names_are_found(nlp: object, text: str, name: str) -> None:
    places = _geoparse(nlp, text)
    assert places.get(name) is not None and places[name].country == "USA", places


@pytest.mark.slow
@pytest.mark.parametrize("text", ["Rep. Jane Doe spoke.", "THE SKY IS FALLING, he said.",
                                  "Angry voters met. Local officials listened.",
                                  "U.S. Sen. Jane Doe spoke."])
def test_gazetteer_titles_and_shouted_words_are_no_places(nlp: object, text: str) -> None:
    assert all(p is not None and p.feature_code == "PCLI"
               for p in _geoparse(nlp, text).values())


@pytest.mark.slow
def test_gazetteer_names_in_a_list_of_counties_are_counties(nlp: object) -> None:
    places = _geoparse(nlp, "Storms hit Becker, Clay and Otter Tail counties in Minnesota.")
    for name in ("Becker", "Clay", "Otter Tail"):
        place = places.get(name)
        assert place is not None and place.feature_code == "ADM2", places
        assert place.admin1 == "Minnesota", places


@pytest.mark.slow
def test_gazetteer_a_state_before_counties_stays_the_state(nlp: object) -> None:
    place = _geoparse(nlp, "Boone County is in the middle of Indiana counties.").get("Indiana")
    assert place is not None and place.feature_code == "ADM1"


@pytest.mark.slow
def test_gazetteer_a_nations_adjective_names_its_country(nlp: object) -> None:
    places = _geoparse(nlp, "The Lebanese Army closed the road.")
    assert places.get("Lebanese") is not None and places["Lebanese"].country == "LBN"


def test_gazetteer_a_small_region_yields_to_a_bigger_town_of_its_name() -> None:
    from conflictmap.gazetteer.recognize import Mention
    from conflictmap.gazetteer.resolve import resolve

    parish = Place(None, "Portland", "JAM", 18.1, -76.5, "Portland", None, "A", "ADM1", 80_000)
    city = Place(None, "Portland", "USA", 45.5, -122.7, "Oregon", None, "P", "PPL", 650_000)
    gaz = MemoryGazetteer([(parish, []), (city, [])])
    chosen = resolve([Mention(0, 1, "Portland", "GPE", tuple(gaz.candidates("Portland")))])[0]
    assert chosen.place is not None and chosen.place.country == "USA", chosen.reason


@pytest.mark.slow
@pytest.mark.parametrize("text, name, region", [
    ("Many Ohioans lost their jobs last year.", "Ohioans", "Ohio"),
    ("Minnesotans voted on Tuesday.", "Minnesotans", "Minnesota"),
])
def test_gazetteer_a_states_people_name_the_state(nlp: object, text: str, name: str,
                                                   region: str) -> None:
    place = _geoparse(nlp, text).get(name)
    assert place is not None and place.feature_code == "ADM1" and place.name == region


def test_gazetteer_a_nations_people_word_is_no_states() -> None:
    from conflictmap.gazetteer.default import state_demonyms

    assert state_demonyms("Georgia") == [] and "Texans" in state_demonyms("Texas")


@pytest.mark.slow
@pytest.mark.parametrize("text, word", [
    ("A Christian missionary was kidnapped near Kaduna on Sunday.", "Christian"),
    ("The Taliban seized Kunduz after heavy fighting.", "Taliban"),
    ("Migrants drowned in the Mediterranean Sea off Libya.", "Sea"),
    ("Artillery hit the town of Kidal.", "Artillery"),
])
def test_gazetteer_common_words_and_groups_are_no_towns(nlp: object, text: str,
                                                        word: str) -> None:
    assert word not in _geoparse(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize("text, name, country", [
    # ACLED notes place a town by its region in brackets; unknown there, the region stands
    ("JNIM militants attacked a military post in Moura (Mopti), killing 3 soldiers.",
     "Moura", "MLI"),
    ("Myanmar military forces shelled Kani (Sagaing), killing two civilians.", "Kani", "MMR"),
    ("Gunmen killed 12 villagers in Guma, Benue State, police said.", "Guma", "NGA"),
    ("Al Shabaab attacked a base in Dhusamareb (Galgaduud).", "Galgaduud", "SOM"),
    ("Attacks by CODECO militia in Ituri left 20 dead.", "Ituri", "COD"),
    ("Sectarian clashes in Kurram district killed 30.", "Kurram", "PAK"),
    ("Iraqi forces clashed with IS remnants in Nineveh.", "Nineveh", "IRQ"),
])
def test_gazetteer_conflict_regions_and_bracketed_hints(nlp: object, text: str, name: str,
                                                        country: str) -> None:
    place = _geoparse(nlp, text).get(name)
    assert place is not None and place.country == country, place


@pytest.mark.slow
def test_gazetteer_a_state_written_out_is_the_region(nlp: object) -> None:
    place = _geoparse(nlp, "Clashes erupted in Borno State and Kidal Region.").get("Kidal Region")
    assert place is not None and place.feature_code == "ADM1" and place.country == "MLI"


@pytest.mark.slow
def test_gazetteer_gaza_is_the_town_not_the_country(nlp: object) -> None:
    place = _geoparse(nlp, "An Israeli airstrike hit a house in Gaza, killing five.").get("Gaza")
    assert place is not None and place.feature_class == "P" and place.country == "PSE"


def test_gazetteer_the_articles_country_wins_over_namesakes() -> None:
    from conflictmap.gazetteer.base import Candidate
    from conflictmap.gazetteer.recognize import Mention
    from conflictmap.gazetteer.resolve import resolve

    towns = [Place(1, "Marka", "SOM", 1.71, 44.77, "Lower Shabeelle", None, "P", "PPL", 230_000),
             Place(2, "Marka", "JOR", 31.98, 35.99, "Amman", None, "P", "PPL", 400_000)]
    m = Mention(0, 1, "Marka", "GPE", tuple(Candidate(p, "marka") for p in towns))
    place = resolve([m], focus="SOM")[0].place
    assert place is not None and place.country == "SOM"


def test_a_town_the_tagger_calls_a_people_is_still_the_events_place(pipeline: Any) -> None:
    from conflictmap.model import Article

    article = pipeline(Article.from_text("In March 2012, Tuareg rebels seized Kidal after "
                                         "government troops withdrew."))
    seized = next(e for e in article.events if e.trigger == "seized")
    assert seized.location is not None and seized.location.name == "Kidal"


@pytest.mark.parametrize("name, bare", [
    ("Anhui Sheng", ["Anhui"]), ("Guangxi Zhuangzu Zizhiqu", ["Guangxi"]),
    ("Chongqing Shi", ["Chongqing"]), ("Changwat Chiang Mai", ["Chiang Mai"]),
    ("Basra Governorate", ["Basra"]), ("Ohio", []),
])
def test_gazetteer_a_region_is_known_without_its_level_word(name: str, bare: list[str]) -> None:
    from conflictmap.gazetteer.default import bare_region_name

    assert bare_region_name(name) == bare


# Invented-for-tests entries: a town spelling an acronym, the union known by it, a state
# abbreviated like a city's nickname.
ACRONYMS = MemoryGazetteer([
    (Place(201, "Eu", "FRA", 50.05, 1.42, "Normandy", None, "P", "PPL", 7_000), []),
    (Place(None, "European Union", None, 50.85, 4.35, None, None, "L", "RGN", 0), ["EU"]),
    (Place(202, "Los Angeles", "USA", 34.05, -118.24, "California", None, "P", "PPL",
           3_900_000), ["L.A."]),
    (Place(203, "Louisiana", "USA", 31.0, -92.0, "Louisiana", None, "A", "ADM1", 4_600_000),
     ["La."]),
])


@pytest.mark.parametrize("text, name", [
    ("EU", "European Union"),  # capitals: the union, not the town they spell
    ("Eu", "Eu"),  # written as a name: the town
])
def test_gazetteer_an_acronym_names_the_region_known_by_it(text: str, name: str) -> None:
    from conflictmap.gazetteer.recognize import Mention
    from conflictmap.gazetteer.resolve import resolve

    chosen = resolve([Mention(0, 1, text, "GPE", tuple(ACRONYMS.candidates(text)))])[0]
    assert chosen.place is not None and chosen.place.name == name, chosen.reason


def test_gazetteer_a_town_known_by_an_acronym_keeps_it() -> None:
    from conflictmap.gazetteer.resolve import prior

    cands = ACRONYMS.candidates("L.A.")
    town = next(c for c in cands if c.place.name == "Los Angeles")
    assert "an acronym of a country or region" not in prior(town, "L.A.", cands)[1]


def _state(gid: int, name: str, lat: float, lon: float, population: int) -> Place:
    return Place(gid, name, "USA", lat, lon, name, None, "A", "ADM1", population)


# Invented-for-tests figures: a capital town bigger than the state of its name.
STATES = MemoryGazetteer([
    (_state(301, "Utah", 39.3, -111.7, 3_000_000), []),
    (_state(302, "Oregon", 44.0, -120.5, 4_000_000), []),
    (_state(303, "Washington", 47.4, -120.5, 500_000), []),
    (Place(304, "Washington", "USA", 38.9, -77.0, "District of Columbia", None, "P", "PPLC",
           700_000), []),
])


def _listed(*names: str) -> list:
    from conflictmap.gazetteer.recognize import Mention

    return [Mention(2 * i, 2 * i + 1, n, "GPE", tuple(STATES.candidates(n)))
            for i, n in enumerate(names)]


def test_gazetteer_a_name_listed_among_states_is_a_state() -> None:
    from conflictmap.gazetteer.resolve import resolve

    alone = resolve(_listed("Utah", "Oregon", "Washington"))[2]
    assert alone.place is not None and alone.place.feature_code == "PPLC", alone.reason
    listed = resolve(_listed("Utah", "Oregon", "Washington"), lists=[[0, 1, 2]])[2]
    assert listed.place is not None and listed.place.feature_code == "ADM1", listed.reason
    assert "listed among places of its kind" in listed.reason


def test_gazetteer_two_names_are_no_list() -> None:
    from conflictmap.gazetteer.resolve import resolve

    chosen = resolve(_listed("Oregon", "Washington"), lists=[[0, 1]])[1]
    assert chosen.place is not None and chosen.place.feature_code == "PPLC", chosen.reason


@pytest.mark.slow
@pytest.mark.parametrize("text, code", [
    ("Cases were reported in Utah, Oregon, Washington and Ohio.", "ADM1"),
    ("Officials met in Washington on Monday.", "PPLC"),
])
def test_gazetteer_a_list_of_states_makes_washington_the_state(nlp: object, text: str,
                                                               code: str) -> None:
    place = _geoparse(nlp, text)["Washington"]
    assert place is not None and place.feature_code == code


@pytest.mark.slow
@pytest.mark.parametrize("text, name, country", [
    ("Refugees fled the Democratic Republic of Congo last year.",
     "Democratic Republic of Congo", "COD"),  # not 'Congo' alone, the other republic
    ("Troops left Bosnia and Herzegovina in May.", "Bosnia and Herzegovina", "BIH"),
])
def test_gazetteer_a_name_joined_by_of_or_and_is_one_place(nlp: object, text: str, name: str,
                                                            country: str) -> None:
    place = _geoparse(nlp, text).get(name)
    assert place is not None and place.country == country


@pytest.mark.slow
@pytest.mark.parametrize("text, name, country", [
    ("Rebels killed 14 villagers near Beni in eastern Congo.", "Congo", "COD"),
    ("Troops were sent to the Republic of Congo in May.", "Republic of Congo", "COG"),
])
def test_gazetteer_congo_alone_is_either_republic(nlp: object, text: str, name: str,
                                                  country: str) -> None:
    """News writes the Democratic Republic as 'Congo' alone: the context decides."""
    place = _geoparse(nlp, text).get(name)
    assert place is not None and place.country == country


@pytest.mark.slow
@pytest.mark.parametrize("text, name, place", [
    ("Talks between Georgian and South Ossetian officials failed.", "South Ossetian",
     "South Ossetia"),
    ("Hundreds of Europeans were stranded.", "Europeans", "Europe"),
    ("The minister said Ontarians would pay more for heating fuel.", "Ontarians", "Ontario"),
])
def test_gazetteer_a_regions_people_names_the_region(nlp: object, text: str, name: str,
                                                     place: str) -> None:
    found = _geoparse(nlp, text).get(name)
    assert found is not None and found.name == place


@pytest.mark.slow
@pytest.mark.parametrize("text, name", [
    ("The scheme is run by Lancashire County Council and the city.", "Lancashire County"),
    ("Officials of the Benue State Government met on Monday.", "Benue State"),
])
def test_gazetteer_a_region_named_with_its_level_word_inside_a_body(nlp: object, text: str,
                                                                    name: str) -> None:
    assert _geoparse(nlp, text).get(name) is not None


@pytest.mark.slow
def test_gazetteer_a_town_named_with_the_word_town(nlp: object) -> None:
    """'Bama Town' (tagged a person): the word after the name makes it the town."""
    found = _geoparse(nlp, "Gunmen suspected to be members of the sect attacked Bama Town "
                           "early on Wednesday morning.")
    assert found.get("Bama") is not None and found["Bama"].country == "NGA"


@pytest.mark.slow
def test_gazetteer_a_name_before_a_lower_case_level_word_is_the_region(nlp: object) -> None:
    """'a Washington state farm': the state, not the capital."""
    found = _geoparse(nlp, "The cow came from a Washington state farm and was born in Canada.")
    place = found.get("Washington")
    assert place is not None and (place.feature_code or "").startswith("ADM1")


@pytest.mark.slow
def test_gazetteer_a_citys_formal_name_stays_the_city(nlp: object) -> None:
    found = _geoparse(nlp, "The City of Richmond raised taxes.")
    assert "City of Richmond" not in found and found["Richmond"] is not None
