"""Coding conventions analysts rely on: implied actors and targets (stage `finalize`),
ACLED's sides for protests and clashes, claims of responsibility, words that look like
acts but are not, and which date an act takes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from handparse import HandParsed
from testpaths import DATA

from conflictmap import Pipeline, Resources
from conflictmap.config import load_config
from conflictmap.model import Article, Event


@pytest.fixture(scope="module")
def parses() -> HandParsed:
    """The texts of these tests, parsed by hand (tests/data/parses/conventions.txt)."""
    return HandParsed(DATA / "parses" / "conventions.txt")


@pytest.fixture(scope="module")
def hand_rules(parses: HandParsed) -> Any:
    """The trigger rules' pipeline (no learned coder) over the hand-built parses: the
    rules run without the spaCy model."""
    from eval.gate import rules_config

    cfg = rules_config()
    return Pipeline.from_config(cfg, resources=Resources(config=cfg, nlp=parses))


def events_of(pipeline: Any, text: str) -> list[Event]:
    return pipeline(Article.from_text(text, published=dt.date(2023, 6, 15))).events


def first(events: list[Event], plover: str) -> Event:
    return next(e for e in events if e.plover == plover)


@pytest.mark.parametrize("text, name, country", [
    ("A Canadian missionary was arrested in Lebanon on Tuesday.",
     "Police Forces of Lebanon", "LBN"),
    ("Two journalists were detained in Kampala on Friday.",
     "Police Forces of Uganda", "UGA"),
])
def test_unnamed_arrest_is_the_police_of_the_country(hand_rules: Any, text: str, name: str,
                                                    country: str) -> None:
    event = first(events_of(hand_rules, text), "COERCE")
    assert event.actor is not None
    assert (event.actor.country, event.actor.sector) == (country, "COP")
    assert (event.acled.actor1 or "").startswith(name)  # + ACLED's regime years
    assert event.acled.inter1 == 1
    assert event.confidence < 0.7  # inferred, not read


def test_unnamed_investigation_is_the_judiciary(hand_rules: Any) -> None:
    event = first(events_of(hand_rules, "A businessman has been put under investigation in "
                                      "Italy for fraud."), "ACCUSE")
    assert event.actor is not None and event.actor.country == "ITA"
    assert event.actor.sector == "JUD"


def test_named_arresting_force_is_kept(hand_rules: Any) -> None:
    event = first(events_of(hand_rules, "Hezbollah fighters detained a man in Lebanon."),
                  "COERCE")
    assert event.actor is not None and event.actor.id != "LBN.COP"


def test_unnamed_strike_is_by_the_protesters_of_the_country(hand_rules: Any) -> None:
    event = first(events_of(hand_rules, "Thousands of workers went on strike in Belgrade on "
                                      "Monday."), "PROTEST")
    assert event.acled.actor1 == "Protesters (Serbia)"
    assert event.acled.inter1 == 6


def test_implied_actors_can_be_turned_off(parses: Any) -> None:
    cfg = load_config()
    cfg["stages"]["finalize"]["implied_actors"] = False
    pipeline = Pipeline.from_config(cfg, resources=Resources(config=cfg, nlp=parses))
    event = first(events_of(pipeline, "A Canadian missionary was arrested in Lebanon."),
                  "COERCE")
    assert event.actor is None


@pytest.mark.parametrize("text, absent", [
    ("Newly appointed Prime Minister Ali Hassan rejected the proposal.", "COOPERATE"),
    ("The army shelled the village, according to a press release by the rebels.", "RETREAT"),
    ("Doctors from two British aid groups donated medicine to a hospital in Mosul.", None),
])
def test_words_that_name_things_are_not_acts(hand_rules: Any, text: str,
                                             absent: str | None) -> None:
    events = events_of(hand_rules, text)
    if absent:
        assert absent not in {e.plover for e in events}
    else:  # the act is the donation, not the "aid" of "aid groups"
        assert [e.trigger for e in events if e.plover == "AID"] == ["donated"]


@pytest.mark.parametrize("text, plover, country", [
    ("President Jacques Chirac gave a warm welcome to the Kenyan president on Friday.",
     "CONSULT", "FRA"),
    ("Turkish and Greek warships began naval exercises in the Aegean on Monday.",
     "MOBILIZE", "TUR"),
    ("Teachers in Nairobi began an indefinite strike over unpaid wages.", "PROTEST", "KEN"),
    ("The Ugandan government paid compensation to families of the victims.",
     "CONCEDE", "UGA"),
])
def test_acts_with_their_actor(hand_rules: Any, text: str, plover: str, country: str) -> None:
    events = events_of(hand_rules, text)
    assert events and events[0].plover == plover
    actors = [events[0].actor] + [a for a in events[0].assoc_actors if a.side == "actor"]
    assert country in {a.country for a in actors if a is not None}


def test_act_counted_by_a_measure_has_the_launcher_as_actor(hand_rules: Any) -> None:
    event = first(events_of(hand_rules, "Kenyan warships on Monday launched ten days of naval "
                                      "exercises off Mombasa."), "MOBILIZE")
    assert event.actor is not None and event.actor.country == "KEN"


def test_target_less_act_is_aimed_at_the_country_it_happens_in(hand_rules: Any) -> None:
    event = first(events_of(hand_rules, "Ethiopia said it would withdraw its troops from "
                                      "Somalia."), "RETREAT")
    assert event.target is not None
    assert (event.target.id, event.target.type) == ("country:SOM", "country")
    assert event.acled.actor2 is None  # ACLED never names a country as a side


def test_named_target_is_kept(hand_rules: Any) -> None:
    event = first(events_of(hand_rules, "Police arrested five protesters in Nairobi."),
                  "COERCE")
    assert event.target is not None and event.target.type != "country"


def test_residents_who_riot_are_rioters_of_the_country(hand_rules: Any) -> None:
    event = events_of(hand_rules, "Residents rioted and burned the police station in Kasese "
                                "on Sunday.")[0]
    assert event.acled.sub_event_type == "Violent demonstration"
    assert (event.acled.actor1, event.acled.inter1) == ("Rioters (Uganda)", 5)


def test_generic_actor_takes_the_country_of_the_event(hand_rules: Any) -> None:
    event = events_of(hand_rules, "Villagers clashed with herders in Benue State on "
                                "Sunday, killing seven people.")[0]
    assert event.actor is not None and event.actor.country == "NGA"
    assert (event.acled.actor1 or "").endswith("(Nigeria)")
    assert event.target is not None and event.target.country == "NGA"
    assert event.acled.actor2 == "Fulani Ethnic Militia (Nigeria)"


@pytest.mark.parametrize("text, sub, actor1, actor2", [
    ("Police arrested 40 people who were protesting against fuel prices in Nairobi on "
     "Sunday.", "Protest with intervention", "Protesters (Kenya)", "Police Forces of Kenya"),
    ("Protesters marched in Khartoum on Thursday and security forces shot dead three of "
     "them.", "Excessive force against protesters", "Police Forces of Sudan",
     "Protesters (Sudan)"),
    ("Police arrested three journalists in Nairobi for covering a protest.", "Arrests",
     "Police Forces of Kenya", "Civilians (Kenya)"),
])
def test_protest_sides_follow_acled(hand_rules: Any, text: str, sub: str, actor1: str,
                                    actor2: str) -> None:
    event = events_of(hand_rules, text)[0]
    assert event.acled.sub_event_type == sub
    assert (event.acled.actor1 or "").startswith(actor1)
    assert (event.acled.actor2 or "").startswith(actor2)


def test_opening_date_dates_acts_in_relative_clauses(hand_rules: Any) -> None:
    events = events_of(hand_rules, "On 5 June 2023, police arrested 40 people who were "
                                 "protesting against fuel prices in Nairobi.")
    assert (events[0].date, events[0].date_precision) == ("2023-06-05", "day")


def test_opening_date_does_not_date_reported_acts(hand_rules: Any) -> None:
    events = events_of(hand_rules, "On 5 June 2023, officials said that the army had captured "
                                 "the town of Beni.")
    assert events[0].date_precision == "article"


@pytest.mark.parametrize("text", [
    "RSF and SAF clashed in Omdurman on Monday, with heavy shelling reported.",
    "Fighting between the RSF and the army using heavy artillery killed 12 people in "
    "Omdurman.",
])
def test_two_sides_fighting_each_other_is_one_armed_clash(hand_rules: Any, text: str) -> None:
    events = [e for e in events_of(hand_rules, text) if e.acled.sub_event_type]
    assert len(events) == 1  # the artillery is the clash's means, not another event
    event = events[0]
    assert event.acled.sub_event_type == "Armed clash"
    assert (event.acled.actor1 or "").startswith("RSF")
    assert (event.acled.actor2 or "").startswith("Military Forces of Sudan")


def test_toll_note_is_not_a_claim(hand_rules: Any) -> None:
    event = events_of(hand_rules, "HTS fighters shelled army positions in Kafr Nabl on "
                                "Monday, no casualties reported.")[0]
    assert event.status == "asserted" and event.fatalities == 0


def test_who_planted_the_device_set_it_off(hand_rules: Any) -> None:
    events = [e for e in events_of(hand_rules,
                                   "A bomb planted by Al Shabaab militants went off "
                                             "in a market in Mogadishu, killing five "
                                             "civilians.") if e.acled.sub_event_type]
    assert len(events) == 1
    assert events[0].acled.actor1 == "Al Shabaab"
    assert events[0].acled.sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize("text, actor2", [
    ("Gunmen shot dead two police officers in Celaya on Friday.", "Police Forces of Mexico"),
    ("Gunmen killed a soldier near Gao on Friday.", "Military Forces of Mali"),
])
def test_a_single_soldier_or_police_officer_is_the_state(hand_rules: Any, text: str,
                                                        actor2: str) -> None:
    assert (events_of(hand_rules, text)[0].acled.actor2 or "").startswith(actor2)


def test_unclaimed_bombing_is_by_an_unidentified_armed_group(hand_rules: Any) -> None:
    event = events_of(hand_rules,
                      "A policeman was wounded in a grenade attack in Bujumbura.")[0]
    assert event.acled.sub_event_type == "Grenade"
    assert event.acled.actor1 == "Unidentified Armed Group (Burundi)"
    assert (event.acled.actor2 or "").startswith("Police Forces of Burundi")


@pytest.mark.parametrize("text, actor1", [
    ("A suicide bomber killed 59 people at a mosque in Peshawar on Monday. TTP claimed "
     "responsibility.", "TTP"),
    ("A roadside bomb killed three soldiers in Kidal. JNIM claimed responsibility for the "
     "attack in a statement.", "JNIM"),
    ("A car bomb killed four soldiers in Mogadishu on Monday. No group has claimed "
     "responsibility.", "Unidentified Armed Group (Somalia)"),
])
def test_claim_of_responsibility_names_the_attacker(hand_rules: Any, text: str,
                                                    actor1: str) -> None:
    events = [e for e in events_of(hand_rules, text) if e.acled.sub_event_type]
    assert len(events) == 1  # "the attack" of the claim is the same act
    assert (events[0].acled.actor1 or "").startswith(actor1)
    assert events[0].status == "asserted"


@pytest.mark.parametrize("text, sub, plover", [
    ("A suspect was captured by police in Bogota on Monday.", "Arrests", "COERCE"),
    ("Rebels captured two soldiers near Goma on Monday.", "Abduction/forced disappearance",
     "ASSAULT"),
    ("IS fighters captured Palmyra on Sunday.", "Non-state actor overtakes territory",
     "ASSAULT"),
])
def test_capturing_people_is_not_taking_ground(hand_rules: Any, text: str, sub: str,
                                              plover: str) -> None:
    event = events_of(hand_rules, text)[0]
    assert (event.acled.sub_event_type, event.plover) == (sub, plover)


def test_police_arresting_protesters_is_a_protest_with_intervention(hand_rules: Any) -> None:
    event = events_of(hand_rules, "Police arrested 20 protesters in Nairobi on Sunday.")[0]
    assert event.acled.sub_event_type == "Protest with intervention"
    assert event.acled.actor1 == "Protesters (Kenya)"
    assert (event.acled.actor2 or "").startswith("Police Forces of Kenya")


def test_what_a_crowd_protests_is_not_what_was_done_to_it(hand_rules: Any) -> None:
    event = events_of(hand_rules, "Residents blocked the highway near Kisumu on Sunday to "
                                "protest the killing of a boy.")[0]
    assert event.acled.sub_event_type == "Peaceful protest"
    assert event.acled.actor1 == "Protesters (Kenya)"


def test_crowd_blocking_protests_and_police_blocking_coerce(hand_rules: Any) -> None:
    crowd = events_of(hand_rules, "Striking workers blocked the port of Marseille on Monday.")
    assert crowd[0].plover == "PROTEST"
    assert crowd[0].acled.sub_event_type == "Peaceful protest"
    police = events_of(hand_rules, "Police blocked the road to the airport in Nairobi.")
    assert police[0].plover == "COERCE" and police[0].acled.sub_event_type is None


def test_live_fire_on_protesters_is_one_excessive_force_event(hand_rules: Any) -> None:
    events = [e for e in events_of(hand_rules, "On 10 June 2023, police used live ammunition "
                                             "to disperse protesters in Conakry, killing 2.")
              if e.acled.sub_event_type]
    assert len(events) == 1
    event = events[0]
    assert event.acled.sub_event_type == "Excessive force against protesters"
    assert (event.fatalities, event.date) == (2, "2023-06-10")


def test_a_junta_is_the_military_of_the_country_in_question(hand_rules: Any) -> None:
    event = events_of(hand_rules, "The military junta suspended the activities of political "
                                "parties in Mali.")[0]
    assert event.acled.sub_event_type == "Other"
    assert event.actor is not None and event.actor.country == "MLI"


def test_threat_with_a_date_between_is_still_a_threat(hand_rules: Any) -> None:
    events = events_of(hand_rules, "Rebels threatened on Monday to attack the town of Beni.")
    attack = next(e for e in events if e.plover == "ASSAULT")
    assert attack.status == "future"


@pytest.mark.parametrize("text, kept", [
    ("Five years after the fall of Mosul, reconstruction remains slow.", False),
    ("Since the capture of Palmyra in March 2016, the army has held the town.", True),
    ("Hundreds of people fled their homes in Bunia after fighting broke out on Monday.",
     True),
])
def test_acts_named_in_passing_are_kept_only_when_dated(hand_rules: Any, text: str,
                                                       kept: bool) -> None:
    events = [e for e in events_of(hand_rules, text) if e.plover == "ASSAULT"]
    assert bool(events) is kept
    assert all(e.date_precision != "article" or not e.in_passing for e in events)


@pytest.mark.parametrize("text, plover, target", [
    ("Pakistan has refused to deploy peacekeepers in Iraq.", "REJECT", "IRQ"),
    ("Iran threatened to cut off electricity to Armenia.", "THREATEN", "ARM"),
])
def test_framing_act_aims_at_the_target_of_the_act_it_frames(hand_rules: Any, text: str,
                                                           plover: str, target: str) -> None:
    event = first(events_of(hand_rules, text), plover)
    assert event.target is not None and event.target.country == target


@pytest.mark.parametrize("text, plover, actor, target", [
    ("The Colombian government and ELN rebels resumed peace talks in Mexico City.",
     "CONSULT", "COL", "COL"),
    ("The French foreign ministry summoned the Algerian ambassador over the remarks.",
     "ACCUSE", "FRA", "DZA"),
])
def test_sides_of_talks_deals_and_protests(hand_rules: Any, text: str, plover: str, actor: str,
                                         target: str) -> None:
    event = first(events_of(hand_rules, text), plover)
    assert event.actor is not None and event.target is not None
    assert (event.actor.country, event.target.country) == (actor, target)
    assert event.target.type != "country"  # the other party, not the venue


def test_opposition_leader_is_the_opposition(hand_rules: Any) -> None:
    event = first(events_of(hand_rules, "Kenyan opposition leader Raila Odinga called for mass "
                                      "protests against the tax bill."), "REQUEST")
    assert event.actor is not None and event.actor.sector == "OPP"


@pytest.mark.parametrize("text, plover, actor", [
    ("The UN urged Russia to withdraw its troops from Ukraine.", "RETREAT", "RUS"),
    ("The Arab League called on Israel to halt its offensive in Gaza.", "RETREAT", "ISR"),
])
def test_the_one_asked_to_act_is_the_actor_of_the_act(hand_rules: Any, text: str, plover: str,
                                                     actor: str) -> None:
    event = first(events_of(hand_rules, text), plover)
    assert event.actor is not None and event.actor.country == actor
    assert event.status == "hypothetical"


def test_a_former_president_is_not_the_government(hand_rules: Any) -> None:
    article = hand_rules(Article.from_text("Former president Ali Hassan met rebels in Goma."))
    assert all(m.actor.sector != "GOV" for m in article.mentions if "Hassan" in m.text)


@pytest.mark.parametrize("text, plover", [
    ("The government ordered the newspaper to suspend publication.", "COERCE"),
    ("Eighty peacekeepers were shipped out of the enclave on Friday.", "RETREAT"),
    ("The court allowed the opposition leader to run in the election.", "CONCEDE"),
])
def test_more_acts(hand_rules: Any, text: str, plover: str) -> None:
    assert plover in {e.plover for e in events_of(hand_rules, text)}


def test_an_attacked_patrol_is_the_target_not_an_act(hand_rules: Any) -> None:
    events = events_of(hand_rules, "Cartel gunmen attacked a police patrol in Culiacan on "
                                 "Monday, killing three officers.")
    assert [e.plover for e in events] == ["ASSAULT"]
    assert (events[0].acled.actor2 or "").startswith("Police Forces of Mexico")


def test_partisans_torching_a_house_is_a_violent_demonstration(hand_rules: Any) -> None:
    event = events_of(hand_rules, "Hundreds of supporters of the former prime minister torched "
                                "a general's house in Lahore on Tuesday.")[0]
    assert event.acled.sub_event_type == "Violent demonstration"
    assert event.acled.actor1 == "Rioters (Pakistan)"


def test_fighting_with_no_side_named_gets_no_invented_attacker(hand_rules: Any) -> None:
    event = first(events_of(hand_rules, "Fighting raged in Wad Madani on Monday."), "ASSAULT")
    assert event.actor is None


def test_groups_and_forces_take_their_name_on_the_events_date(hand_rules: Any) -> None:
    article = hand_rules(Article.from_text(
        "By June 2012, Islamist fighters of Ansar Dine had pushed the MNLA out of Kidal.",
        published=dt.date(2024, 1, 10)))
    event = next(e for e in article.events if e.acled.sub_event_type)
    assert event.date == "2012-06"
    assert event.acled.actor1 == "Ansar Dine"  # merged into JNIM in 2017
    assert (event.acled.actor2 or "").startswith("MNLA")


def test_a_month_opening_a_sentence_dates_what_happened_just_before(hand_rules: Any) -> None:
    events = events_of(hand_rules, "In March 2012, rebels seized Kidal after government "
                                 "troops withdrew.")
    assert {e.date for e in events} == {"2012-03"}


def test_a_town_seized_as_the_army_leaves_changes_hands(hand_rules: Any) -> None:
    event = next(e for e in events_of(hand_rules, "In March 2012, MNLA rebels seized Kidal "
                                                "after government troops withdrew.")
                 if e.trigger == "seized")
    assert event.acled.sub_event_type == "Non-violent transfer of territory"
    assert event.plover == "ASSAULT"  # the taker's act, not a retreat


def test_the_rebels_are_the_nearest_rebels_before_any_jihadists(hand_rules: Any) -> None:
    article = hand_rules(Article.from_text(
        "Ansar Dine fighters entered Kidal in 2012. The MNLA returned to the town in 2013. "
        "Soldiers attacked the town in 2014 but were repelled by the rebels."))
    rebels = next(m for m in article.mentions if m.text == "rebels")
    assert rebels.actor.id == "mnla"


def test_supporters_of_an_armed_group_are_no_crowd(hand_rules: Any) -> None:
    event = first(events_of(hand_rules, "Supporters of the Islamic State executed two men in "
                                      "Raqqa on Monday."), "ASSAULT")
    assert event.acled.sub_event_type != "Violent demonstration"


@pytest.mark.parametrize("text, sub, actor2", [
    ("Ukrainian air defences destroyed 15 Russian drones over Kyiv overnight.",
     "Disrupted weapons use", "Military Forces of Russia"),
    ("Al Shabaab militants abducted 3 aid workers near Baidoa on Monday.",
     "Abduction/forced disappearance", "Civilians (Somalia)"),
])
def test_interceptions_and_counted_workers(hand_rules: Any, text: str, sub: str,
                                           actor2: str) -> None:
    event = events_of(hand_rules, text)[0]
    assert event.acled.sub_event_type == sub
    assert (event.acled.actor2 or "").startswith(actor2)


def test_a_court_sentencing_is_the_judiciary_coercing(hand_rules: Any) -> None:
    event = first(events_of(hand_rules, "A military court in Kinshasa sentenced three "
                                      "militiamen to death on Monday."), "COERCE")
    assert event.actor is not None and (event.actor.country, event.actor.sector) == \
        ("COD", "JUD")
    assert event.acled.sub_event_type is None  # ACLED records arrests, not sentences


@pytest.mark.parametrize("text, plover, actor, target", [
    ("Chinese Foreign Minister Wang Yi met his Russian counterpart in Beijing.", "CONSULT",
     "CHN", "RUS"),
    ("Armenia accused Azerbaijan of blocking the Lachin corridor.", "COERCE", "AZE", None),
])
def test_counterparts_and_the_accused(hand_rules: Any, text: str, plover: str, actor: str,
                                      target: str | None) -> None:
    event = first(events_of(hand_rules, text), plover)
    assert event.actor is not None and event.actor.country == actor
    if target:
        assert event.target is not None and event.target.country == target
