"""Stage `actions`: triggers coded in ACLED/PLOVER/CAMEO, territory by actor type, status,
several events per sentence, one event per act, fatalities."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from handparse import HandParsed
from testpaths import DATA

from conflictmap.actions import SUB_EVENTS, fatalities_in, load_lexicon
from conflictmap.actions.lexicon import PLOVER_TYPES, RULES, parse_lexicon
from conflictmap.errors import ConfigError
from conflictmap.model import Article, Event


@pytest.fixture(scope="module")
def parses() -> HandParsed:
    """The texts of these tests, parsed by hand (tests/data/parses/actions.txt)."""
    return HandParsed(DATA / "parses" / "actions.txt")


@pytest.fixture(scope="module")
def hand_rules(parses: HandParsed) -> Any:
    """The trigger rules' pipeline (no learned coder) over the hand-built parses: the
    rules run without the spaCy model."""
    from conflictmap import Pipeline, Resources
    from eval.gate import rules_config

    cfg = rules_config()
    return Pipeline.from_config(cfg, resources=Resources(config=cfg, nlp=parses))


def events_of(pipeline: Any, text: str) -> list[Event]:
    article = Article.from_text(text, published=dt.date(2023, 6, 15))
    return pipeline(article).events


def main(events: list[Event]) -> Event:
    return next(e for e in events if e.acled.sub_event_type)


# --- lexicon coverage (no model needed) ------------------------------------------------


def test_lexicon_covers_every_acled_sub_event_type() -> None:
    lexicon = load_lexicon()
    entries = [e for table in (lexicon.verbs, lexicon.nouns, lexicon.instruments)
               for group in table.values() for e in group]
    used = {e.acled for e in entries}
    # Rules resolve to the territory, violence, protest and base sub-events.
    direct = {k for k in SUB_EVENTS if k in used}
    via_rules = {"gov_territory", "nsa_territory", "attack", "clash", "excessive",
                 "peaceful", "intervention", "hq"}
    assert set(SUB_EVENTS) == direct | via_rules
    assert len(SUB_EVENTS) == 25
    assert set(RULES) >= {r for r in used if r and r.startswith("@")}


def test_lexicon_covers_plover_types_and_cameo_roots() -> None:
    lexicon = load_lexicon()
    entries = [e for table in (lexicon.verbs, lexicon.nouns)
               for group in table.values() for e in group]
    assert {e.plover for e in entries} == set(PLOVER_TYPES)
    # Root 01 (statements) marks claims instead of being an event of its own.
    assert {e.cameo[:2] for e in entries} >= {f"{n:02d}" for n in range(2, 21)}
    assert len({e.cameo for e in entries}) >= 50  # common three- and four-digit codes


@pytest.mark.parametrize("line, problem", [
    ("V  attack  FIGHTING  -  190  clash", "unknown PLOVER type"),
    ("V  attack  ASSAULT  -  190  battle", "unknown ACLED key"),
    ("X  attack  ASSAULT  -  190  clash", "expected"),
])
def test_lexicon_bad_line_names_the_problem(line: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        parse_lexicon(line, source="user.txt")


# --- fatalities (no model needed) ------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Clashes near the town killed 12 fighters.", 12),
    ("At least five civilians were killed in the strike.", 5),
    ("Twenty-three soldiers died in the ambush.", 23),
    ("The death toll rose to 41 on Monday.", 41),
    ("Militants killed 4 police officers and 2 civilians.", 6),
    ("The bomb killed three soldiers and wounded 20.", 3),
    ("A soldier was killed at the checkpoint.", 1),
    ("No fatalities were reported after the shelling.", 0),
    ("Nobody was hurt in the explosion.", 0),
    ("No civilians were killed in the raid.", 0),
    ("Dozens of people were killed.", None),
    ("Casualties are unknown.", None),
    ("The army shelled the town in 2016.", None),
    ("A police officer was shot dead at the roadblock.", 1),
    ("Suspected herders hacked to death six farmers in Agatu.", 6),
    ("The death toll from Saturday's car bombing in the capital has risen to 120.", 120),
    ("The toll of the war on the economy is heavy.", None),
])
def test_actions_fatalities_from_numbers_and_words(text: str, expected: int | None) -> None:
    assert fatalities_in(text) == expected


# --- coding sentences (loads the model) ------------------------------------------------

CASES = [
    # text, ACLED sub-event, status, actor name contains (or None)
    ("Syrian government forces recaptured the town of Deir Hafer from the rebels.",
     "Government regains territory", "asserted", "Syria"),
    ("The army cleared the militants out of the village of Kandala on Sunday.",
     "Government regains territory", "asserted", None),
    ("Al-Shabaab fighters captured the town of Bulo Burte.",
     "Non-state actor overtakes territory", "asserted", "Shabaab"),
    ("The Islamic State's retaking of Sirte shocked the region.",
     "Non-state actor overtakes territory", "asserted", "Islamic State"),
    ("The rebels entered the town after the garrison abandoned it.",
     "Non-violent transfer of territory", "asserted", None),
    ("Clashes between the army and rebels continued near Kidal.",
     "Armed clash", "asserted", None),
    ("A drone strike hit a car on the road to Jilib.", "Air/drone strike", "asserted", None),
    ("Gunmen killed eight villagers in the village of Kuka.", "Attack", "asserted", None),
    ("Police fired tear gas at protesters outside parliament.",
     "Protest with intervention", "asserted", None),
    ("Rebels attacked an army base near Beni, the army said.", "Armed clash", "claimed", None),
    # officials reporting what happened: asserted (a party's own account stays claimed)
    ("According to local officials, bandits kidnapped 12 farmers.",
     "Abduction/forced disappearance", "asserted", None),
    ("The rebels will attack the town next week.", "Armed clash", "future", None),
    ("If talks fail, the militants could seize the airport.",
     "Non-state actor overtakes territory", "hypothetical", None),
    ("The army did not shell the market.", "Shelling/artillery/missile attack", "negated",
     None),
    ("Did the rebels attack the town of Kidal?", "Armed clash", "hypothetical", None),
]


@pytest.mark.parametrize("text, sub_event, status, actor", CASES)
def test_actions_codes_sub_event_status_and_actor(hand_rules: Any, text: str, sub_event: str,
                                                  status: str, actor: str | None) -> None:
    event = main(events_of(hand_rules, text))
    assert (event.acled.sub_event_type, event.status) == (sub_event, status)
    if actor is not None:
        assert event.actor is not None and actor in event.actor.name
    assert text[event.evidence.start:event.evidence.end] == event.evidence.text
    assert event.trigger_token >= 0 and event.plover and event.cameo


def test_actions_claimed_event_names_its_claimant(hand_rules: Any) -> None:
    event = main(events_of(hand_rules, "Militants seized the town of Gao, the army said."))
    assert event.status == "claimed" and event.claimed_by is not None
    assert "army" in event.claimed_by.lower() or "military" in event.claimed_by.lower()


def test_actions_several_events_in_one_sentence_main_first(hand_rules: Any) -> None:
    text = ("Clashes took place between the army and rebels near Idlib, "
            "while warplanes bombed the town of Ariha.")
    subs = [e.acled.sub_event_type for e in events_of(hand_rules, text)
            if e.acled.sub_event_type]
    assert subs[:2] == ["Armed clash", "Air/drone strike"]


def test_actions_one_event_when_sentences_repeat_the_act(hand_rules: Any) -> None:
    text = ("Islamic State fighters captured the town of Hit on Friday.\n"
            "The capture of Hit by the Islamic State alarmed Baghdad.")
    captures = [e for e in events_of(hand_rules, text)
                if e.acled.sub_event_type == "Non-state actor overtakes territory"]
    assert len(captures) == 1


def test_actions_place_token_points_at_the_named_place(hand_rules: Any) -> None:
    article = hand_rules(Article.from_text("The army retook the ancient city of Palmyra."))
    event = main(article.events)
    assert article.doc[event.place_token].text == "Palmyra"


def test_actions_fatalities_go_to_the_violent_event(hand_rules: Any) -> None:
    event = main(events_of(hand_rules, "A roadside bomb killed three soldiers near Kandahar."))
    assert (event.acled.sub_event_type, event.fatalities) == (
        "Remote explosive/landmine/IED", 3)


@pytest.mark.parametrize("text, plover", [
    ("The foreign minister condemned the shelling of the city.", "ACCUSE"),
    ("The president said the country will send food aid to the region.", "AGREE"),
    ("The government said it will not accept any more refugees.", "REJECT"),
    ("The minister said the rebels must hand over their weapons.", "REQUEST"),
    ("The United States suspended military aid to the country.", "SANCTION"),
    ("Officials from both countries met in Geneva.", "CONSULT"),
])
def test_actions_verbal_events_in_plover(hand_rules: Any, text: str, plover: str) -> None:
    events = events_of(hand_rules, text)
    assert events and events[0].plover == plover
    assert events[0].acled.sub_event_type is None


TERRITORY = [
    # same verbs, the side decides: state forces regain, non-state groups overtake
    ("Nigerian troops liberated the town of Bama.", "Government regains territory"),
    ("Nigerian troops retook the town of Bama.", "Government regains territory"),
    ("Nigerian troops captured the town of Bama.", "Government regains territory"),
    ("Nigerian troops imposed control over Bama after clashes.", "Government regains territory"),
    ("Boko Haram fighters captured the town of Bama.", "Non-state actor overtakes territory"),
    ("Boko Haram fighters retook the town of Bama.", "Non-state actor overtakes territory"),
    ("Boko Haram fighters took over Bama after the army abandoned it.",
     "Non-violent transfer of territory"),
    ("Nigerian troops withdrew from Bama without a fight.", "Non-violent transfer of territory"),
]


@pytest.mark.parametrize("text, sub_event", TERRITORY)
def test_actions_territory_by_side_not_by_verb(hand_rules: Any, text: str, sub_event: str
                                              ) -> None:
    assert main(events_of(hand_rules, text)).acled.sub_event_type == sub_event


def test_actions_coordinated_subjects_are_assoc_actors_with_side(hand_rules: Any) -> None:
    text = "The Syrian army and Hezbollah fighters attacked rebels and the Free Syrian Army."
    event = main(events_of(hand_rules, text))
    assert event.actor is not None and event.actor.country == "SYR"
    sides = {a.name: a.side for a in event.assoc_actors}
    assert sides.get("Hezbollah") == "actor"
    assert "target" in sides.values()
    assert event.acled.actor1 and event.acled.inter1 == 1


def test_actions_claim_of_responsibility_names_the_author_and_merges(hand_rules: Any) -> None:
    text = ("Islamist militants attacked a military base in the town of Mora on Tuesday, "
            "killing seven soldiers, the army said.\n"
            "The attack on the Mora base was claimed by Boko Haram.")
    clashes = [e for e in events_of(hand_rules, text)
               if e.acled.sub_event_type == "Armed clash"]
    assert len(clashes) == 1
    assert clashes[0].actor is not None and clashes[0].actor.name == "Boko Haram"
    assert clashes[0].fatalities == 7 and clashes[0].status == "claimed"


@pytest.mark.parametrize("text, sub_event, fatalities, count", [
    ("On 5 March 2023, militants attacked an army position near Boni. 3 soldiers were killed.",
     "Armed clash", 3, 1),
    ("A roadside bomb exploded near a patrol in Diban. No fatalities were reported.",
     "Remote explosive/landmine/IED", 0, 1),
    ("About 200 people demonstrated in Kinshasa against insecurity. The protest was peaceful.",
     "Peaceful protest", None, 1),
    (("On 2 May 2023, militants attacked a gendarmerie post in Kaya. Gendarmes repelled the "
      "attack, killing 14 assailants."), "Armed clash", 14, 1),
    ("Police arrested 30 people and fired tear gas at opposition marchers in Conakry.",
     "Protest with intervention", None, 1),
])
def test_actions_follow_up_sentences_add_to_the_event(hand_rules: Any, text: str,
                                                     sub_event: str,
                                                      fatalities: int | None, count: int
                                                      ) -> None:
    coded = [e for e in events_of(hand_rules, text) if e.acled.sub_event_type]
    assert len(coded) == count
    assert (coded[0].acled.sub_event_type, coded[0].fatalities) == (sub_event, fatalities)


def test_actions_killings_and_abductions_are_separate_events(hand_rules: Any) -> None:
    text = "Gunmen killed four farmers and abducted six others in Zamfara."
    coded = [(e.acled.sub_event_type, e.fatalities) for e in events_of(hand_rules, text)
             if e.acled.sub_event_type]
    assert coded[:2] == [("Attack", 4), ("Abduction/forced disappearance", None)]


@pytest.mark.parametrize("text", [
    "Clashes took place between the army and rebels near Monguno on Friday.",
    "The operation took three days.",
])
def test_actions_take_needs_a_place_as_object(hand_rules: Any, text: str) -> None:
    subs = {e.acled.sub_event_type for e in events_of(hand_rules, text)}
    assert not subs & {"Government regains territory", "Non-state actor overtakes territory"}


@pytest.mark.parametrize("text, sub_event", [
    ("Houthis seize town of Hazm after heavy fighting", "Non-state actor overtakes territory"),
    ("Militants torch school in Waziristan", "Looting/property destruction"),
    ("Police detain opposition leader ahead of vote", "Arrests"),
])
def test_actions_headlines_the_parser_misreads(hand_rules: Any, text: str, sub_event: str
                                               ) -> None:
    assert main(events_of(hand_rules, text)).acled.sub_event_type == sub_event


# --- talk about acts is not an act: opinion, analysis, background -------------------------

NOT_EVENTS = [
    # a kind of act, not an act
    "Critics say the kidnapping industry thrives on unpaid ransoms.",
    "The junta's strategy of shelling rebel villages has clearly failed.",
    "The senator is quietly getting around legal limits on deploying troops abroad.",
    "Defeating the insurgents will take more than soldiers, the study concludes.",
    # metaphors: the act is aimed at an abstraction
    "The ministry is losing the battle for hearts and minds in the east.",
    "Tougher laws alone will not defeat extremism in the region.",
    # the content of an accusation, with no place of its own
    "The opposition accuses the cabinet of fighting the wrong enemy.",
    # protected from, and sentences about anyone
    "The failure to protect villagers from raids has hurt the mission's standing.",
    "You cannot win a war with drones alone.",
    "Whoever holds the bridge holds the valley.",
    "Shelling alone will not bring the militia to the negotiating table.",
    "Mediators say a truce is the only way to end the suffering.",
    "Observers see the police's record of detaining critics as a warning.",
    "The opposition describes the referendum as a coup in slow motion.",
    "Each new ambush deepens the mistrust between soldiers and villagers.",
    "Airstrikes are cheap, but holding ground is not.",
    "Torture is widespread in the region's detention centres, rights groups say.",
    "Cattle raids have become a weekly reality for herders in Jonglei.",
    "For the governor, jailing critics is easier than fighting bandits.",
    "Villagers say they have learned to sleep through the sound of shelling.",
    "Both sides refuse the compromises needed for a lasting ceasefire.",
    "The colonels believe they can shell their way to victory.",
    "Villagers suffer whenever the two militias fight.",
    "Such raids are meant to terrorize the population.",
    "Talk of a spring offensive has unsettled traders in the market.",
    "The gang's appetite for looting has cost it local support.",
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_actions_opinion_and_analysis_yield_no_acled_event(hand_rules: Any, text: str) -> None:
    coded = [(e.trigger, e.acled.sub_event_type, e.status) for e in events_of(hand_rules, text)
             if e.acled.sub_event_type]
    assert coded == []


@pytest.mark.parametrize("text, plover", [
    ("The ministry launched a campaign to defeat the rebels in the south.", "ASSAULT"),
    ("Some analysts believe the governor profits from oil trade deals with the militia.",
     "AGREE"),
])
def test_actions_goals_and_trade_deals_have_no_acled_type(hand_rules: Any, text: str,
                                                         plover: str) -> None:
    events = events_of(hand_rules, text)
    assert any(e.plover == plover for e in events)
    assert all(e.acled.sub_event_type is None for e in events)


def test_actions_neither_nor_negates_and_a_people_is_not_civilians(hand_rules: Any) -> None:
    text = "Neither Libyans nor their Sudanese allies will fight for Egypt in Kufra."
    fights = [e for e in events_of(hand_rules, text) if e.acled.sub_event_type == "Armed clash"]
    assert fights and all(e.status == "negated" for e in fights)
    assert all(e.actor is None or e.actor.type != "civilians" for e in fights)
    assert all(e.target is None or e.target.country != "EGY" for e in fights)


def test_actions_retreat_of_x_names_x_as_actor(hand_rules: Any) -> None:
    text = "The retreat of the Malian army from Kidal surprised observers."
    retreat = next(e for e in events_of(hand_rules, text) if e.plover == "RETREAT")
    assert retreat.actor is not None and retreat.actor.country == "MLI"
    assert retreat.target is None


@pytest.mark.parametrize("text, sub_event", [
    ("Mortar rounds fired by the militants landed near the governor's office in Baidoa.",
     "Shelling/artillery/missile attack"),
    ("An unmanned aerial vehicle targeted a pickup truck near Jilib.", "Air/drone strike"),
    ("Witnesses said a toxic gas attack struck the town of Latamneh.", "Chemical weapon"),
    ("Hundreds of nurses held a sit-in outside the health ministry in Accra.",
     "Peaceful protest"),
    ("Troops killed three people when they fired on a crowd protesting in Labe.",
     "Excessive force against protesters"),
    ("Villagers stoned two suspected thieves to death in Kananga.", "Mob violence"),
    ("A crowd of traders beat to death a man suspected of theft in Onitsha.", "Mob violence"),
    ("A bomber blew himself up at the gate of a police academy in Herat.", "Suicide bomb"),
    ("Police in Lusaka arrested dozens of protesters who had gathered outside parliament.",
     "Protest with intervention"),
    ("On 3 May 2021, police opened fire on protesters in Cali, killing four people.",
     "Excessive force against protesters"),
    (("On 2 May 2022, the militants took control of Tin-Akoff after the army withdrew under "
      "attack."), "Non-state actor overtakes territory"),
    ("Nobody was arrested during the peaceful march in Mzuzu.", "Peaceful protest"),
    ("Engineers recovered an IED buried under a bridge near Mandera and destroyed it.",
     "Disrupted weapons use"),
    ("Students clashed with police in Sylhet and set fire to a bus.", "Violent demonstration"),
    ("The massacre in Yelwata shocked the nation and sparked protests in Makurdi.", "Attack"),
    (("Angry vendors set fire to the council office in Onitsha after a tax official shot a "
      "trader."), "Mob violence"),
])
def test_actions_weapons_and_crowds_in_wire_phrasing(hand_rules: Any, text: str,
                                                     sub_event: str) -> None:
    assert main(events_of(hand_rules, text)).acled.sub_event_type == sub_event


def test_actions_warned_they_would_is_future(hand_rules: Any) -> None:
    text = "Farmers warned they would block the highway to Nakuru if prices kept rising."
    event = main(events_of(hand_rules, text))
    assert event.status == "future"


# --- the ACLED-note and opinion cases (tests/data/cases/events_notes.jsonl) --------------

NOTES = Path(__file__).resolve().parents[1] / "data" / "cases" / "events_notes.jsonl"


def _notes() -> list[dict[str, Any]]:
    return [json.loads(line) for line in NOTES.read_text(encoding="utf-8").splitlines() if line]


def test_actions_notes_cover_every_sub_event_type_status_and_opinion() -> None:
    rows = _notes()
    subs = [r["expect"]["sub_event_type"] for r in rows]
    assert {name for _, name in SUB_EVENTS.values()} <= set(subs)
    statuses = {r["expect"].get("status") for r in rows}
    assert statuses >= {"asserted", "claimed", "future", "hypothetical", "negated"}
    assert subs.count(None) >= 20


def test_actions_notes_opinion_rarely_becomes_an_event(hand_rules: Any) -> None:
    from conflictmap.evaluation import evaluate

    report = evaluate(NOTES, pipeline=hand_rules)
    table = {row[1]: row for row in report.table if row[0] == "sub-event"}
    assert table["(none)"][6] >= 0.8  # opinion and analysis yield no ACLED event
    assert report.metrics["sub_event_accuracy"] >= 0.9
    assert report.metrics["sub_event_min_recall"] >= 0.8


@pytest.mark.parametrize("text, status", [
    ("Guided bombs are difficult for air defences to intercept.", "hypothetical"),
    ("The militants are likely to attack the town of Bama.", "hypothetical"),
    ("Air defences intercepted twenty drones over Kyiv overnight.", "asserted"),
])
def test_an_act_an_adjective_makes_possible_did_not_happen(hand_rules: Any, text: str,
                                                          status: str) -> None:
    coded = [e for e in events_of(hand_rules, text) if e.acled.sub_event_type]
    assert [e.status for e in coded] == [status]
