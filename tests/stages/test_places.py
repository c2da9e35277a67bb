"""Stage `places`: toponyms on every proper-noun span; each event's own location."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from handparse import HandParsed
from testpaths import DATA, shared_file

from conflictmap import Resources
from conflictmap.gazetteer import MemoryGazetteer
from conflictmap.gazetteer.resolve import haversine_km
from conflictmap.model import (AcledCoding, Actor, ActorMention, Article, CodedEvent, Evidence,
                               Place)
from conflictmap.stages.places import PlaceStage


def _place(gid: int, name: str, country: str, lat: float, lon: float, code: str = "PPL",
           population: int = 10_000, admin1: str | None = None) -> Place:
    cls = "A" if code.startswith(("ADM", "PCL")) else "P"
    return Place(gid, name, country, lat, lon, admin1, None, cls, code, population)


# A small invented-for-tests gazetteer: real towns, our own coordinates and spellings.
ENTRIES = [
    (_place(1, "Syria", "SYR", 35.0, 38.0, "PCLI", 17_000_000), ["Syrian"]),
    (_place(2, "Deir ez-Zor", "SYR", 35.34, 40.14, "PPLA", 300_000, "Deir ez-Zor"),
     ["Dayr az Zawr"]),
    (_place(3, "Deir ez-Zor", "SYR", 35.0, 40.5, "ADM1", 1_200_000, "Deir ez-Zor"), []),
    (_place(4, "Al Mayadin", "SYR", 35.02, 40.45, admin1="Deir ez-Zor"), ["Mayadin"]),
    (_place(5, "Tadmur", "SYR", 34.56, 38.28, population=51_000, admin1="Homs"), ["Palmyra"]),
    (_place(6, "Palmyra", "USA", 40.31, -76.59, population=7_500, admin1="Pennsylvania"), []),
    (_place(7, "Al Bāb", "SYR", 36.37, 37.52, population=130_000, admin1="Aleppo"), []),
    (_place(8, "Manbij", "SYR", 36.53, 37.95, population=100_000, admin1="Aleppo"), []),
    (_place(9, "Mosul", "IRQ", 36.34, 43.12, population=1_700_000, admin1="Nineveh"), []),
    (_place(10, "Moscow", "RUS", 55.75, 37.62, "PPLC", 10_000_000, "Moscow"), []),
    (_place(11, "Rapid City", "USA", 44.08, -103.23, population=75_000,
            admin1="South Dakota"), ["Rapid"]),
    (_place(12, "Zone", "ITA", 45.76, 10.12, population=1_100, admin1="Lombardy"), []),
    (_place(13, "Omdurman", "SDN", 15.64, 32.48, population=2_400_000), []),
    (_place(14, "Baghdad", "IRQ", 33.34, 44.40, "PPLC", 7_000_000, "Baghdad"), []),
    (_place(15, "Ar Raqqah", "SYR", 35.95, 39.01, "PPLA", 220_000, "Raqqa"), ["Raqqa"]),
    (_place(16, "Iraq", "IRQ", 33.0, 44.0, "PCLI", 40_000_000), ["Iraqi"]),
    (_place(17, "Lalibela", "ETH", 12.03, 39.04, population=17_000, admin1="Amhara"), []),
    (_place(18, "Amhara", "ETH", 11.5, 38.5, "ADM1", 20_000_000, "Amhara"), []),
    (_place(19, "Wolo", "ETH", 11.9, 39.6, population=3_000, admin1="Amhara"), ["Wollo"]),
]


@pytest.fixture(scope="module")
def parses() -> HandParsed:
    """The sentences of these tests, parsed by hand (tests/data/parses/places.txt)."""
    return HandParsed(DATA / "parses" / "places.txt")


@pytest.fixture(scope="module")
def stage() -> PlaceStage:
    return PlaceStage(Resources(gazetteer=MemoryGazetteer(ENTRIES)))


def _place_of(stage: PlaceStage, parses: Any, text: str, trigger: str, plover: str
              ) -> tuple[str | None, int | None]:
    """(name, precision) of the place the stage gives the one event triggered by `trigger`."""
    location = stage(_article(parses, text, trigger, plover=plover)).events[0].location
    return (location.name, location.precision) if location else (None, None)


def _article(parses: Any, text: str, trigger: str | None, place_word: str | None = None,
             plover: str = "ASSAULT") -> Article:
    article = Article.from_text(text, published=dt.date(2016, 12, 14))
    article.doc = parses(text)
    if trigger is None:
        return article
    tok = next(t for t in article.doc if t.text == trigger)
    place_token = next((t.i for t in article.doc if t.text == place_word), -1)
    sent = tok.sent
    article.events = [CodedEvent(article_id=article.id, plover=plover, cameo="190",
                            acled=AcledCoding(None, None), trigger=trigger,
                            trigger_token=tok.i, place_token=place_token,
                            evidence=Evidence(sent.text, sent.start_char, sent.end_char, 0))]
    return article


@pytest.mark.parametrize("text, trigger, place_word, name, precision", [
    ("Gunmen attacked an army checkpoint near Mayadin on Monday.", "attacked", None,
     "Al Mayadin", 2),
    # the countryside of a town is its province (issue 14): the region, precision 3
    ("Warplanes struck villages in the eastern countryside of Deir ez-Zor.", "struck", None,
     "Deir ez-Zor", 3),
    ("Rebels shelled positions south of the city of Mayadin.", "shelled", None,
     "Al Mayadin", 2),
    ("Fighters seized Manbij after a week of clashes.", "seized", "Manbij", "Manbij", 1),
    ("Troops clashed with militants in Al-Bab, officials in Mosul said.", "clashed", None,
     "Al Bāb", 1),
    ("Militants retook Palmyra, the ancient city in Syria.", "retook", "Palmyra", "Tadmur", 1),
    ("Protesters gathered across Syria.", "gathered", None, "Syria", 3),
])
def test_places_event_gets_its_own_place(stage: PlaceStage, parses: Any, text: str, trigger: str,
                                         place_word: str | None, name: str,
                                         precision: int) -> None:
    article = stage(_article(parses, text, trigger, place_word))
    location = article.events[0].location
    assert location is not None
    assert (location.name, location.precision) == (name, precision)


def test_places_event_without_place_falls_back_to_main_place(stage: PlaceStage,
                                                             parses: Any) -> None:
    text = ("Fighting went on in Manbij for a third day. Aid workers said the hospital "
            "was full. Gunmen later attacked a convoy.")
    article = stage(_article(parses, text, "attacked"))
    location = article.events[0].location
    assert location is not None and location.name == "Manbij" and location.precision == 2


def test_places_place_acting_as_government_is_not_the_setting(stage: PlaceStage,
                                                             parses: Any) -> None:
    text = ("Fighting went on in Manbij for a third day. Moscow launched a campaign to "
            "crush the militants.")
    article = stage(_article(parses, text, "crush"))
    location = article.events[0].location
    assert location is not None and location.name == "Manbij"


@pytest.mark.parametrize("text, expected", [
    ("Palmyra fell again to the militants, Syrian officials said.", {"Palmyra": "Tadmur",
                                                                     "Syrian": "Syria"}),
    ("Valery Mosul, a singer, performed in Manbij.", {"Manbij": "Manbij"}),
    ("President Manbij spoke to reporters.", {}),
])
def test_places_toponyms_found_on_proper_nouns_not_person_names(
        stage: PlaceStage, parses: Any, text: str, expected: dict[str, str]) -> None:
    article = stage(_article(parses, text, None))
    found = {t.text: t.place.name for t in article.toponyms if t.place is not None}
    assert found == expected
    assert all(0 <= t.score <= 1 and t.reason for t in article.toponyms)


def test_places_country_context_picks_the_syrian_palmyra(stage: PlaceStage, parses: Any) -> None:
    text = "Government troops entered Palmyra on Sunday after fierce fighting in Syria."
    article = stage(_article(parses, text, "entered", "Palmyra"))
    palmyra = next(t for t in article.toponyms if t.text == "Palmyra")
    assert palmyra.place is not None and palmyra.place.country == "SYR"


@pytest.mark.slow
def test_places_palmyra_sample_capture_located_and_dated(pipeline: Any) -> None:
    """Issue 2 item 8: the IS capture of Palmyra in the sample article."""
    text = shared_file("samples/palmyra.txt").read_text(encoding="utf-8")
    article = pipeline(Article.from_text(text, published=dt.date(2016, 12, 14)))
    capture = [e for e in article.events if e.trigger.lower().startswith("retook")
               and e.date == "2016-12-11"]
    assert capture, [(e.trigger, e.date) for e in article.events]
    loc = capture[0].location
    assert loc is not None and loc.country == "SYR"
    assert haversine_km(loc.lat, loc.lon, 34.56, 38.27) < 25
    assert capture[0].date_precision == "day"
    recapture = [e for e in article.events if e.trigger.lower().startswith("liberated")]
    assert recapture and recapture[0].date == "2016-03"
    assert recapture[0].date_precision == "month"


@pytest.mark.parametrize("text, expected", [
    ("The Rapid Support Forces shelled Omdurman on Monday.", {"Omdurman": "Omdurman"}),
    ("Protesters stormed the Green Zone in Baghdad.", {"Baghdad": "Baghdad"}),
    ("The City and the Zone were quiet.", {}),
])
def test_places_actor_names_and_generic_words_are_no_toponyms(
        stage: PlaceStage, parses: Any, text: str, expected: dict[str, str]) -> None:
    article = stage(_article(parses, text, None))
    assert {t.text: t.place.name for t in article.toponyms if t.place} == expected


def test_places_part_of_an_actor_mention_is_no_toponym(stage: PlaceStage, parses: Any) -> None:
    text = "The Manbij Military Council said its fighters held the line."
    article = _article(parses, text, None)
    start = next(t.i for t in article.doc if t.text == "Manbij")
    council = Actor("mmc", "Manbij Military Council", "SYR", "rebel")
    end_tok = article.doc[start + 2]
    article.mentions = [ActorMention(article.doc[start].idx, end_tok.idx + len(end_tok),
                                     "Manbij Military Council", 0, council, start, start + 3)]
    assert [t.text for t in stage(article).toponyms] == []


@pytest.mark.parametrize("text, trigger, plover, name, precision", [
    # said far away: no place rather than the place it is about
    ("The government accused Moscow of arming militants in Manbij.", "accused", "ACCUSE",
     None, None),
    # where the protesters come from is not where they protested
    ("Refugees from Manbij protested on Monday.", "protested", "PROTEST", None, None),
    # the clause's verb carries the place of its subject
    ("Clashes erupted in Manbij on Monday.", "Clashes", "FIGHT", "Manbij", 1),
    # a place elsewhere in the sentence is a fallback: approximate
    ("Gunmen attacked a convoy, officials said on Monday in Manbij.", "attacked",
     "ASSAULT", "Manbij", 2),
])
def test_places_event_place_only_where_it_happened(
        stage: PlaceStage, parses: Any, text: str, trigger: str, plover: str,
        name: str | None, precision: int | None) -> None:
    assert _place_of(stage, parses, text, trigger, plover) == (name, precision)


@pytest.mark.parametrize("text, trigger, plover, name, precision", [
    # where the attackers come from is not where they attacked
    ("Militants from Raqqa attacked a checkpoint near Mosul on Monday.", "attacked",
     "ASSAULT", "Mosul", 2),
    ("A Raqqa-based group attacked a checkpoint in Mosul.", "attacked", "ASSAULT",
     "Mosul", 1),
    ("A Raqqa-based group attacked a checkpoint on Monday.", "attacked", "ASSAULT",
     None, None),
    # the place of a coordinated verb is the place of both
    ("Police shot and killed two gunmen in Manbij on Monday.", "shot", "ASSAULT",
     "Manbij", 1),
    # a town beats the region or frame it is written in
    ("In Syria, rebels shelled positions in the town of Al-Bab.", "shelled", "ASSAULT",
     "Al Bāb", 1),
    # a name written as a province is only known to its region
    ("Gunmen ambushed a convoy in the Raqqa province.", "ambushed", "ASSAULT",
     "Ar Raqqah", 3),
    # the outcome clause shares the place of its event
    ("A car bomb exploded at a market in Mosul, killing five people.", "killing",
     "ASSAULT", "Mosul", 1),
    # a distance names a reference point: approximate, and a named region wins over it
    ("Soldiers were killed in a village 30 kilometers south of Mosul.", "killed",
     "ASSAULT", "Mosul", 2),
    # what a protest is about is not where it was
    ("Hundreds protested in Moscow against the siege of Manbij.", "protested", "PROTEST",
     "Moscow", 1),
    # a clause about others set against the event is not its setting
    ("Warplanes bombed a hospital while diplomats met in Moscow.", "bombed", "ASSAULT",
     None, None),
    # a possessor of a place noun is a setting
    ("Mosul's old bridges were destroyed on Monday.", "destroyed", "ASSAULT", "Mosul", 1),
    # a town where the victim was walking is finer than the country of the frame ('near'
    # his home, which is in the town)
    ("Across Iraq, gunmen shot a policeman walking near his home in Mosul.", "shot",
     "ASSAULT", "Mosul", 1),
    # a place that undergoes the action is its place, even one that may stand for a
    # government
    ("Moscow was shelled overnight.", "shelled", "ASSAULT", "Moscow", 1),
    # a direction from a town in a subordinate clause: near it
    ("Two soldiers were shot as they drove on a road north of Mosul.", "shot", "ASSAULT",
     "Mosul", 2),
    # a subordinate clause about the same people is
    ("A doctor was shot as he left his home in Mosul.", "shot", "ASSAULT", "Mosul", 2),
])
def test_places_attachment_over_the_parse(
        stage: PlaceStage, parses: Any, text: str, trigger: str, plover: str,
        name: str | None, precision: int | None) -> None:
    assert _place_of(stage, parses, text, trigger, plover) == (name, precision)


@pytest.mark.parametrize("text, place_word, name, precision", [
    # the finer place written with the one the action names
    ("Troops stormed the Syrian city of Manbij at dawn.", "Manbij", "Manbij", 1),
    ("In Syria, soldiers seized Manbij from the militants.", "Manbij", "Manbij", 1),
])
def test_places_named_place_and_its_finer_part(
        stage: PlaceStage, parses: Any, text: str, place_word: str, name: str,
        precision: int) -> None:
    trigger = next(w for w in ("stormed", "seized") if w in text.split())
    location = stage(_article(parses, text, trigger, place_word)).events[0].location
    assert location is not None and (location.name, location.precision) == (name, precision)


def _act_article(parses: Any, text: str, trigger: str, acts: tuple[str, ...],
                 place_word: str | None = None) -> Article:
    """An event whose act also holds other words of the sentence (a merged 'killed')."""
    article = _article(parses, text, trigger, place_word)
    event = article.events[0]
    words = {trigger, *acts}
    event.act_tokens = tuple(t.i for t in article.doc if t.text in words)
    return article


@pytest.mark.parametrize("text, trigger, acts, name, precision", [
    # the place of a verb merged into the event is the event's place
    ("Heavy clashes broke out on Monday and killed nine fighters in Manbij.", "clashes",
     ("killed",), "Manbij", 1),
    ("Nine fighters were killed in Mosul during clashes with the army.", "clashes",
     ("killed",), "Mosul", 1),
    ("Warplanes struck a market in Al-Bab, and the raids killed two men in Manbij.",
     "raids", ("killed",), "Manbij", 1),
    # the light verb of 'launched an offensive' carries its place
    ("Militants launched an offensive on Tuesday inside Al-Bab.", "offensive",
     ("launched",), "Al Bāb", 1),
    # a country written after the province is where the province is
    ("Two soldiers were killed in an explosion in Deir ez-Zor province, eastern Syria.",
     "explosion", ("killed",), "Deir ez-Zor", 3),
    # what the offensive was launched to take is where it was fought
    ("Rebels launched an offensive on Friday to capture the town of Manbij.", "offensive",
     ("launched",), "Manbij", 1),
    # the place fought over is where the fighting is
    ("Dozens of militants were killed in the battle for Manbij.", "battle", ("killed",),
     "Manbij", 1),
])
def test_places_merged_words_of_the_act_anchor_its_place(
        stage: PlaceStage, parses: Any, text: str, trigger: str, acts: tuple[str, ...],
        name: str, precision: int) -> None:
    location = stage(_act_article(parses, text, trigger, acts)).events[0].location
    assert location is not None and (location.name, location.precision) == (name, precision)


@pytest.mark.parametrize("text, trigger, place_word, name, precision", [
    # a region in brackets after a town is where the town is, not a finer place
    ("Fano militia took control of Lalibela town (Amhara).", "took", "Lalibela",
     "Lalibela", 1),
    ("Fano fighters clashed with soldiers in Lalibela town (Amhara) on Friday.", "clashed",
     None, "Lalibela", 1),
    ("Fano fighters captured the town of Lalibela (Amhara region).", "captured",
     "Lalibela", "Lalibela", 1),
    # ACLED-style notes: the town, then where it is
    ("Fano fighters clashed with soldiers in Lalibela town (Lalibela, North Wollo, "
     "Amhara).", "clashed", None, "Lalibela", 1),
])
def test_places_region_in_brackets_is_no_better_place(
        stage: PlaceStage, parses: Any, text: str, trigger: str, place_word: str | None,
        name: str, precision: int) -> None:
    location = stage(_article(parses, text, trigger, place_word)).events[0].location
    assert location is not None and (location.name, location.precision) == (name, precision)


@pytest.mark.parametrize("text, place_word, name", [
    # the place a common noun the action takes is written with
    ("The rebels captured several strongholds, including Manbij.", "strongholds",
     "Manbij"),
    ("Rebels seized the villages of Al-Bab and Manbij on Sunday.", "villages", "Al Bāb"),
    # a person is no site: where he comes from is not where he was captured
    ("Troops captured Omar of Mosul in Manbij.", "Omar", "Manbij"),
])
def test_places_place_written_with_the_object(stage: PlaceStage, parses: Any, text: str,
                                              place_word: str, name: str) -> None:
    location = stage(_article(parses, text, "captured" if "captured" in text else "seized",
                              place_word)).events[0].location
    assert location is not None and location.name == name


@pytest.mark.parametrize("text, trigger, name, precision", [
    # a direction from a town written after the place names a reference point
    ("Two men were shot dead in a cafe in Al-Bab, northeast of Manbij, on Friday.", "shot",
     "Al Bāb", 1),
    # where the victims were standing is where the act found them
    ("A bomber killed ten people when he blew himself up among recruits queueing outside "
     "a police station in Mosul, in western Iraq.", "blew", "Mosul", 1),
])
def test_places_reference_points_and_where_victims_were(
        stage: PlaceStage, parses: Any, text: str, trigger: str, name: str,
        precision: int) -> None:
    location = stage(_article(parses, text, trigger)).events[0].location
    assert location is not None and (location.name, location.precision) == (name, precision)


@pytest.mark.parametrize("text, trigger, plover, place_word, name, precision", [
    # a place the act takes as its object, though the action did not name it
    ("Warplanes bombed Iraq overnight.", "bombed", "ASSAULT", None, "Iraq", 3),
    ("Soldiers patrolled Mosul on Friday.", "patrolled", "MOBILIZE", None, "Mosul", 1),
    # the name written with the common noun the action names
    ("The capital, Baghdad, is patrolled by soldiers.", "patrolled", "MOBILIZE", "capital",
     "Baghdad", 1),
    # not for what is said
    ("The minister accused Iraq of lying.", "accused", "ACCUSE", None, None, None),
    # a parser that hangs the object on the weekday after it
    ("Soldiers patrolled Mosul Saturday.", "patrolled", "MOBILIZE", None, "Mosul", 1),
    # a town the tagger calls a people is still what was captured
    ("Mosul was captured last month.", "captured", "ASSAULT", "Mosul", "Mosul", 1),
    # a known town listed with one the gazetteer lacks, as the act's object
    ("The towns of Kafr Nabl and Mayadin were shelled.", "shelled", "ASSAULT", "Nabl",
     "Al Mayadin", 1),
    # the towns of a place, written with a possessive
    ("Many of Syria's towns were destroyed.", "destroyed", "COERCE", "towns", "Syria", 3),
    # a town written as the apposition of 'the capital'
    ("A reporter was shot while waiting for officials in the capital, Baghdad.", "shot",
     "ASSAULT", None, "Baghdad", 2),
])
def test_places_object_of_the_act_is_its_place(
        stage: PlaceStage, parses: Any, text: str, trigger: str, plover: str,
        place_word: str | None, name: str | None, precision: int | None) -> None:
    location = stage(_article(parses, text, trigger, place_word, plover)).events[0].location
    got = (location.name, location.precision) if location else (None, None)
    assert got == (name, precision)


@pytest.mark.parametrize("text, trigger, place_word, name", [
    # 'Y countryside' is a region: the town named at the act is finer
    ("Rebels were killed in an ambush at Manbij town in Mayadin countryside.", "ambush",
     "Mayadin", "Manbij"),
    # 'the town of X' is a place, whatever the tagger calls it
    ("Gunmen attacked a camp in the town of Kafr Nabl west of Lalibela in Amhara region.",
     "attacked", "Amhara", "Kafr Nabl"),
])
def test_places_the_town_beats_the_region_the_action_names(
        stage: PlaceStage, parses: Any, text: str, trigger: str, place_word: str,
        name: str) -> None:
    location = stage(_article(parses, text, trigger, place_word)).events[0].location
    assert location is not None and location.name == name


def test_places_object_read_as_an_actor_is_still_the_place(stage: PlaceStage,
                                                           parses: Any) -> None:
    """'bombed Iraq': the actors stage may take the country for its government."""
    article = _article(parses, "Warplanes bombed Iraq overnight.", "bombed")
    tok = next(t for t in article.doc if t.text == "Iraq")
    iraq = Actor("irq", "Iraq", "IRQ", "state")
    article.mentions = [ActorMention(tok.idx, tok.idx + 4, "Iraq", 0, iraq, tok.i, tok.i + 1)]
    location = stage(article).events[0].location
    assert location is not None and (location.name, location.precision) == ("Iraq", 3)


@pytest.mark.parametrize("text, trigger, name, precision", [
    # a place given only as a distance from another yields to the town near which it was
    ("A bomb exploded as a convoy drove north of the city of Mayadin, 40 km east of "
     "Deir ez-Zor, killing two soldiers.", "exploded", "Al Mayadin", 2),
])
def test_places_distance_reference_yields_to_the_town(
        stage: PlaceStage, parses: Any, text: str, trigger: str, name: str,
        precision: int) -> None:
    location = stage(_article(parses, text, trigger)).events[0].location
    assert location is not None and (location.name, location.precision) == (name, precision)


def test_the_town_points_back_to_the_town_the_text_keeps_naming(pipeline: Any) -> None:
    from conflictmap.model import Article

    article = pipeline(Article.from_text(
        "Rebels seized Kidal in March. A coup followed in Bamako. Government troops returned "
        "to Kidal in May. By June, jihadists had pushed the rebels out of the town."))
    pushed = next(e for e in article.events if e.trigger.startswith("pushed"))
    assert pushed.location is not None
    assert (pushed.location.name, pushed.location.precision) == ("Kidal", 1)
