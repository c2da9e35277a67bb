"""Stage `article`: what a whole article tells as one act, as many acts, or as part of a
graver act (rules over hand-built parses, no model)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from handparse import HandParsed
from testpaths import DATA

from conflictmap.discourse.coref import (fold_part_acts, merge_mentions, no_self_target, same_act,
                                        statuses_fit, uncode_actorless)
from conflictmap.discourse.namesakes import named_countries, unplace_namesakes
from conflictmap.discourse.tolls import breakdowns
from conflictmap.model import (AcledCoding, Actor, ActorMention, Article, CodedEvent, Event,
                               Evidence, Location, Place, Toponym)


@pytest.fixture(scope="module")
def hand_rules() -> Any:
    """The rules' pipeline (no learned coder) over tests/data/parses/article.txt."""
    from conflictmap import Pipeline, Resources
    from eval.gate import rules_config

    cfg = rules_config()
    parses = HandParsed(DATA / "parses" / "article.txt")
    return Pipeline.from_config(cfg, resources=Resources(config=cfg, nlp=parses))


def coded(pipeline: Any, text: str) -> list[Event]:
    """The ACLED-typed events of one article published on Thursday 15 June 2023."""
    article = pipeline(Article.from_text(text, published=dt.date(2023, 6, 15)))
    return [e for e in article.events if e.acled.sub_event_type]


# --- acts told as many, or as a practice, are not one act ---------------------------

@pytest.mark.parametrize("text", [
    "Residents said the insurgents had mounted several raids on farming villages in "
    "recent weeks.",
    "The militia has been exchanging fire with the army near-daily along the river.",
    "Since the talks collapsed, the rebels have carried out bomb attacks on pipelines, "
    "killing nine guards.",
    "Gunmen have attacked convoys on the highway since January.",
    "Thousands of teachers marched across Kenya on Monday to demand higher pay.",
    "Militiamen went on a rampage in villages near Bunia, killing at least eleven people.",
    "The separatists handed over several towns to the army under the deal.",
])
def test_many_acts_or_a_practice_beside_one_act_get_no_acled_type(hand_rules: Any,
                                                                   text: str) -> None:
    one_act = "Gunmen attacked a convoy on the highway near Maiduguri on Tuesday."
    events = coded(hand_rules, f"{one_act}\n\n{text}")
    assert [e.evidence.text.strip() for e in events] == [one_act]
    assert len(events[0].mentions) == 1  # a trend is not a mention of the one act
    # told alone, the trend is the article's news
    assert coded(hand_rules, text)


@pytest.mark.parametrize("text", [
    "The insurgents raided a farming village near Maiduguri on Tuesday, killing five "
    "people.",
    "Gunmen attacked a convoy on the highway near Maiduguri on Tuesday.",
    "Thousands of teachers marched through Nairobi on Monday to demand higher pay.",
])
def test_one_act_keeps_its_acled_type(hand_rules: Any, text: str) -> None:
    assert len(coded(hand_rules, text)) == 1


# --- looting and arson in a graver act are that act ---------------------------------

RAID = ("Gunmen attacked the village of Dogon Dawa on Tuesday, killing seven farmers.\n\n"
        "The attackers torched dozens of houses in Dogon Dawa before fleeing.")
ARSON_ONLY = "Soldiers torched dozens of houses in the village of Dogon Dawa on Tuesday."


def test_arson_during_a_raid_is_a_mention_of_the_raid(hand_rules: Any) -> None:
    events = coded(hand_rules, RAID)
    assert [e.acled.sub_event_type for e in events] == ["Attack"]
    assert [m.text.split()[1] for m in events[0].mentions] == ["attacked", "attackers"]


def test_arson_alone_stays_property_destruction(hand_rules: Any) -> None:
    events = coded(hand_rules, ARSON_ONLY)
    assert [e.acled.sub_event_type for e in events] == ["Looting/property destruction"]


# --- one demonstration per place and day, whoever a sentence names first --------------

PROTEST = ("Thousands of students marched through Dhaka on Monday to demand the minister's "
           "resignation.\n\nPolice fired tear gas and rubber bullets to disperse the "
           "students in Dhaka.")


def test_a_protest_and_its_dispersal_are_one_event(hand_rules: Any) -> None:
    events = coded(hand_rules, PROTEST)
    assert len(events) == 1
    assert len(events[0].mentions) == 2
    assert events[0].acled.sub_event_type == "Protest with intervention"


# --- the coreference rules themselves ------------------------------------------------

GAO = Location("Gao", 16.27, -0.04, precision=1, geonames_id=2457163, country="MLI")
MENAKA = Location("Menaka", 15.92, 2.40, precision=1, geonames_id=2454533, country="MLI")
GAO_REGION = Location("Gao Region", 16.5, 0.5, precision=3, country="MLI")


def event(sub: str, sentence: int, status: str = "asserted", kind: str = "Battles",
          where: Location = GAO) -> CodedEvent:
    return CodedEvent(article_id="a", plover="ASSAULT", cameo="190",
                      acled=AcledCoding(kind, sub), status=status, location=where,
                      date="2023-06-13", date_precision="day",
                      evidence=Evidence("...", sentence * 10, sentence * 10 + 5, sentence))


def test_a_hedged_mention_is_the_act_told_as_fact() -> None:
    fact, hedged = event("Armed clash", 0), event("Armed clash", 1, "hypothetical")
    assert statuses_fit(fact, hedged) and same_act(fact, hedged)


@pytest.mark.parametrize("status", ["future", "negated"])
def test_a_planned_or_denied_act_is_not_the_act_that_happened(status: str) -> None:
    assert not same_act(event("Armed clash", 0), event("Armed clash", 1, status))


def test_violence_in_one_town_on_one_day_is_one_act_told_two_ways() -> None:
    strike = event("Air/drone strike", 0, kind="Explosions/Remote violence")
    attack = event("Attack", 2, kind="Violence against civilians")
    assert same_act(strike, attack)
    assert not same_act(strike, event("Attack", 2, kind="Violence against civilians",
                                      where=MENAKA))
    # a region is too coarse to say that two kinds of violence are one act
    assert not same_act(event("Air/drone strike", 0, kind="Explosions/Remote violence",
                              where=GAO_REGION), attack)


def side(kind: str, name: str) -> Actor:
    return Actor(id=name.lower(), name=name, country="MLI", type=kind, acled_name=name)


def acted_by(done: CodedEvent, actor: Actor) -> CodedEvent:
    done.actor, done.acled = actor, replace(done.acled, actor1=actor.acled_name)
    return done


def test_an_unnamed_doer_does_not_contradict_a_named_one() -> None:
    headline = event("Attack", 0, kind="Violence against civilians")
    headline.actor = side("unidentified", "Unidentified Armed Group (Mali)")
    body = event("Air/drone strike", 2, kind="Explosions/Remote violence")
    body.actor = side("military", "Military Forces of Mali")
    witness = event("Air/drone strike", 3, kind="Explosions/Remote violence")
    witness.actor = side("civilians", "Civilians (Mali)")  # a witness's account
    merged = merge_mentions([headline, body, witness])
    assert len(merged) == 1 and len(merged[0].mentions) == 3
    # the body names the doer and the means: an air strike by the army
    assert merged[0].acled.sub_event_type == "Air/drone strike"
    assert merged[0].actor is not None and merged[0].actor.name == "Military Forces of Mali"


def test_two_named_doers_are_two_acts() -> None:
    one = event("Attack", 0, kind="Violence against civilians")
    two = event("Attack", 2, kind="Violence against civilians")
    one.actor = side("jihadist", "JNIM")
    two.actor = side("militia", "Dan Na Ambassagou")
    assert len(merge_mentions([one, two])) == 2


def mention(actor: Actor) -> ActorMention:
    return ActorMention(start=0, end=4, text=actor.name, sentence_index=0, actor=actor)


def test_a_town_in_a_country_the_article_never_names_is_a_namesake() -> None:
    laos = Location("Bani", 18.0, 102.6, precision=2, geonames_id=1, country="LAO")
    mali = event("Attack", 0, kind="Violence against civilians")
    misread = event("Attack", 2, kind="Violence against civilians", where=laos)
    named = named_countries([mention(side("military", "Military Forces of Mali"))], "MLI")
    unplace_namesakes([mali, misread], named)
    assert mali.location == GAO and misread.location is None
    # once the article names Laos, a town there is a town there
    misread.location = laos
    unplace_namesakes([misread], named | {"LAO"})
    assert misread.location == laos


# Invented for tests: the country Ruritania (RUR) and its capital Strelsau.
RURITANIA = Place(9001, "Ruritania", "RUR", 50.0, 15.0, feature_class="A",
                  feature_code="PCLI", population=4_000_000)
STRELSAU = Place(9002, "Strelsau", "RUR", 50.1, 14.4, feature_class="P",
                 feature_code="PPLC", population=900_000)


def placed_at(place: Place) -> CodedEvent:
    return event("Attack", 2, kind="Violence against civilians", where=Location(
        place.name, place.lat, place.lon, precision=1, geonames_id=place.geonames_id,
        country=place.country))


def test_a_country_the_text_names_as_a_place_is_named() -> None:
    """'US forces captured him in Ruritania': Ruritania is named, though no actor is."""
    named = named_countries([mention(side("military", "Military Forces of Mali"))], "MLI",
                            [Toponym(40, 49, "Ruritania", RURITANIA, 0.95, "name; country")])
    there = placed_at(RURITANIA)
    unplace_namesakes([there], named)
    assert there.location is not None and there.location.country == "RUR"


@pytest.mark.parametrize("reason, kept", [("name; capital; population", True),
                                          ("spelling variant; population", False)])
def test_a_big_town_named_as_written_is_no_namesake(reason: str, kept: bool) -> None:
    """'protesters marched in Strelsau' keeps its place in an article whose actors are
    all from elsewhere; a loose spelling that happened to match it does not."""
    named = named_countries([mention(side("military", "Military Forces of Mali"))], "MLI")
    there = placed_at(STRELSAU)
    unplace_namesakes([there], named, [Toponym(0, 8, "Strelsau", STRELSAU, 0.9, reason)])
    assert (there.location is not None) is kept


def test_two_places_of_one_country_name_it() -> None:
    """'killed in Strelsau, Strelsau Region': two of the text's places lie
    in Ruritania, so a place there is no namesake's, though no actor is from there."""
    region = Place(9003, "Strelsau Region", "RUR", 50.0, 14.5, feature_class="A",
                   feature_code="ADM1", population=1_500_000)
    small = replace(STRELSAU, population=5_000)
    toponyms = [Toponym(0, 8, "Strelsau", small, 0.9, "name"),
                Toponym(20, 35, "Strelsau Region", region, 0.9, "name; region")]
    named = named_countries([mention(side("military", "Military Forces of Mali"))], "MLI",
                            toponyms)
    there = placed_at(small)
    unplace_namesakes([there], named, toponyms)
    assert there.location is not None and "RUR" in named


def test_a_side_named_twice_is_not_its_own_target(hand_rules: Any) -> None:
    text = ("Tuesday morning the rebels of the Lord's Resistance Army (LRA) attacked the "
            "nearby village of Obo, he said, noting that a rebel was killed as soldiers "
            "repelled the assault.")
    events = coded(hand_rules, text)
    assert events and all(e.acled.actor1 != e.acled.actor2 for e in events)
    assert events[0].acled.actor1 == "LRA: Lord's Resistance Army"


def test_a_month_in_the_acts_own_clause_dates_it_as_history(hand_rules: Any) -> None:
    # the parse (tests/data/parses/article.txt) hangs "in May" on "neighbouring", read
    # as a verb coordinated with "declared", as the model does on such sentences
    text = ("The army declared a siege of Kidal and neighbouring Anefis in May to stop the "
            "raids of armed groups.")
    article = hand_rules(Article.from_text(text, published=dt.date(2023, 6, 15)))
    told = [(e.acled.sub_event_type, e.date, e.date_precision, e.reported_as)
            for e in article.events if e.acled.sub_event_type]
    assert [t[1:] for t in told] == [("2023-05", "month", "background")]


def test_the_gravest_demonstration_told_names_its_crowd() -> None:
    march = acted_by(event("Peaceful protest", 0, kind="Protests"),
                     side("protesters", "Protesters (Mali)"))
    riot = acted_by(event("Violent demonstration", 3, kind="Riots"),
                    side("rioters", "Rioters (Mali)"))
    merged = merge_mentions([march, riot])
    assert len(merged) == 1
    assert (merged[0].acled.sub_event_type, merged[0].acled.actor1) == \
        ("Violent demonstration", "Rioters (Mali)")


def test_shelling_by_no_named_side_is_an_unidentified_groups(hand_rules: Any) -> None:
    events = coded(hand_rules, "Shells hit a market in the town of Kidal on Tuesday, "
                               "killing three people, witnesses said.")
    assert [(e.acled.sub_event_type, e.acled.actor1) for e in events] == \
        [("Shelling/artillery/missile attack", "Unidentified Armed Group (Mali)")]


# --- one act told in several places at once -------------------------------------------

def test_an_act_told_in_a_list_of_towns_is_one_event_per_town(hand_rules: Any) -> None:
    text = ("At least 20,000 teachers marched in Nairobi on Monday, 8,000 in Mombasa and "
            "5,000 in Nakuru to demand higher pay.")
    events = coded(hand_rules, text)
    assert [(e.acled.sub_event_type, e.location and e.location.name) for e in events] == \
        [("Peaceful protest", "Nairobi"), ("Peaceful protest", "Mombasa"),
         ("Peaceful protest", "Nakuru")]
    assert len({e.trigger_start for e in events}) == 3  # three records, three ids


def test_a_town_and_its_region_are_one_place_not_a_list(hand_rules: Any) -> None:
    text = "Gunmen attacked a convoy near Maiduguri, Borno, on Tuesday, killing five."
    events = coded(hand_rules, text)
    assert [e.location and e.location.name for e in events] == ["Maiduguri"]


def test_an_undated_act_is_not_one_dated_after_the_publication() -> None:
    told = replace(event("Peaceful protest", 0, kind="Protests"), date="2023-06-15",
                   date_precision="article")
    called = replace(event("Peaceful protest", 2, kind="Protests"), date="2023-06-20")
    assert not same_act(told, called) and not same_act(called, told)
    earlier = replace(called, date="2023-06-12")  # an earlier day can be the undated act
    assert same_act(told, earlier)


# --- places handed over ----------------------------------------------------------------

HANDOVER = "The separatists handed over several towns to the army under the deal."


@pytest.mark.parametrize("entry, sub", [
    ("Malian troops entered the town of Kidal on Tuesday.",
     "Non-violent transfer of territory"),
    # a fight told with the entry: a capture
    ("Malian troops entered the town of Kidal on Tuesday after fierce fighting.",
     "Government regains territory"),
])
def test_an_army_entering_a_town_after_a_handover_takes_it_without_a_fight(
        hand_rules: Any, entry: str, sub: str) -> None:
    told = {(e.location and e.location.name, e.acled.sub_event_type)
            for e in coded(hand_rules, f"{HANDOVER}\n\n{entry}")}
    assert ("Kidal", sub) in told
    # with no handover told, the entry is a capture
    assert [e.acled.sub_event_type for e in coded(hand_rules, entry)] == \
        ["Government regains territory"]


# --- a toll broken down is no new act -------------------------------------------------

def told(sub: str, sentence: int, text: str) -> CodedEvent:
    return replace(event(sub, sentence, kind="Violence against civilians"),
                   evidence=Evidence(text, sentence * 100, sentence * 100 + len(text), sentence))


@pytest.mark.parametrize("text", ["Of those killed, 24 were civilians and six were fighters.",
                                  "Among the dead were two children, a medic said."])
def test_a_toll_broken_down_after_its_act_is_no_new_act(text: str) -> None:
    raid = told("Attack", 0, "Gunmen raided the village of Gao on Sunday, killing 30.")
    breakdown = told("Attack", 1, text)
    assert breakdowns([raid, breakdown]) == [breakdown]
    # told alone, the sentence is the only telling of its act, and keeps it
    assert breakdowns([breakdown]) == []
    # a sentence that only mentions the dead tells its own act
    assert breakdowns([raid, told("Attack", 1, "Of course the militia killed two.")]) == []


def test_jets_and_guns_on_one_district_are_two_acts() -> None:
    strike = event("Air/drone strike", 0, kind="Explosions/Remote violence")
    shelling = event("Shelling/artillery/missile attack", 3, kind="Explosions/Remote violence")
    assert not same_act(strike, shelling)
    # the same means told twice, or an echo ("the attack"), is one act
    assert same_act(strike, event("Air/drone strike", 3, kind="Explosions/Remote violence"))
    assert same_act(strike, shelling, echo=True)


def test_an_act_that_names_no_side_beside_one_that_does_is_no_acled_event() -> None:
    named = event("Armed clash", 0)
    named.acled = replace(named.acled, actor1="Al Shabaab")
    scenery = event("Change to group/activity", 2, kind="Strategic developments")
    uncode_actorless([named, scenery])
    assert named.acled.sub_event_type == "Armed clash"
    assert scenery.acled.sub_event_type is None and scenery.plover == "ASSAULT"


def test_where_no_act_names_a_side_every_act_keeps_its_type() -> None:
    alone = event("Remote explosive/landmine/IED", 0, kind="Explosions/Remote violence")
    uncode_actorless([alone])
    assert alone.acled.sub_event_type == "Remote explosive/landmine/IED"


def test_troops_sent_to_the_battle_they_fight_are_part_of_it() -> None:
    army = side("military", "Military Forces of Mali (2021-)")
    clash = acted_by(event("Armed clash", 0), army)
    sent = acted_by(event("Change to group/activity", 2, kind="Strategic developments"), army)
    (whole,) = fold_part_acts(merge_mentions([clash, sent]))
    assert whole is clash and len(whole.mentions) == 2
    elsewhere = acted_by(event("Change to group/activity", 2, kind="Strategic developments",
                               where=MENAKA), army)
    assert len(fold_part_acts(merge_mentions([clash, elsewhere]))) == 2


def test_a_side_is_never_its_own_opponent() -> None:
    crowd = side("protesters", "Protesters (Mali)")
    march = acted_by(event("Peaceful protest", 0, kind="Protests"), crowd)
    march.target, march.acled = crowd, replace(march.acled, actor2=crowd.acled_name)
    no_self_target(march)
    assert (march.acled.actor1, march.acled.actor2) == ("Protesters (Mali)", None)
