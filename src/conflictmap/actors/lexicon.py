"""Word lists used to read actor noun phrases: which noun names which state organ,
which words are generic references, coreferent descriptions or locative prepositions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..model import Actor

# Head nouns (lemmas, lower case) -> PLOVER sector of a country's state organ.
SECTOR_NOUNS: dict[str, str] = {
    **dict.fromkeys((
        "army", "military", "troop", "troops", "force", "forces", "soldier", "soldiers",
        "navy", "aviation", "aircraft", "warplane", "warplanes", "jet", "jets", "bomber",
        "bombers", "helicopter", "helicopters", "gunship", "gunships", "drone", "drones",
        "tank", "tanks", "artillery", "warship", "warships", "submarine", "marine",
        "marines", "paratrooper", "paratroopers", "commando", "commandos", "officer",
        "officers", "general", "generals", "commander", "commanders", "unit", "units",
        "battalion", "brigade", "division", "regiment", "infantry", "garrison",
        "serviceman", "servicemen", "predator", "gunboat", "gunboats", "fighter-bomber",
        "sniper", "snipers", "peacekeeper", "peacekeepers", "airstrike", "airstrikes",
        "strike", "strikes", "air", "missile", "missiles", "rocket", "rockets", "shelling",
        "militia", "militias", "militiaman", "militiamen", "paramilitary", "paramilitaries",
        "coalition", "convoy",
        "patrol", "sailor", "sailors", "pilot", "pilots", "personnel", "defense", "defence",
        "defences", "defenses", "vessels", "boats", "bombardment", "barrage", "raid", "raids"),
        "MIL"),
    **dict.fromkeys((
        "police", "policeman", "policemen", "policewoman", "cop", "cops", "gendarme",
        "gendarmes", "gendarmerie", "guard", "guards", "security", "coastguard"), "COP"),
    **dict.fromkeys(("intelligence", "spy", "spies", "agent", "agents", "mukhabarat"), "SPY"),
    **dict.fromkeys((
        "government", "governments", "authority", "authorities", "official", "officials",
        "administration", "regime", "cabinet", "president", "premier", "minister", "ministers",
        "ministry", "spokesman", "spokeswoman", "spokesperson", "diplomat", "diplomats",
        "envoy", "envoys", "ambassador", "embassy", "negotiator", "negotiators", "delegation",
        "mediator", "mediators",
        "leader", "leaders", "leadership", "king", "emir", "prince", "sultan", "monarch",
        "junta", "chancellor", "secretary", "governor", "media", "newspaper",
        "television", "agency", "office", "counterpart", "counterparts", "foreign", "prosecutors",
        "vice", "department", "statement", "mayor", "side", "sides", "camp", "ruler", "rulers",
        # acts only a government makes: "an Indian proposal", "Turkey's efforts"
        "proposal", "proposals", "ultimatum", "mediation", "request", "offer", "plan", "demand",
        "demands", "effort", "efforts", "initiative", "decision", "veto", "stance", "position",
        "policy", "policies", "changes", "warning", "appeal", "ban", "crackdown", "recognition",
        "announcement", "invitation", "refusal", "pledge", "administrators", "authorities"),
        "GOV"),
    **dict.fromkeys((
        "parliament", "lawmaker", "lawmakers", "legislator", "legislators", "mp", "mps",
        "congress", "senate", "senator", "senators", "assembly", "legislature",
        "parliamentarian", "parliamentarians", "deputies", "congressman", "knesset", "duma"),
        "LEG"),
    **dict.fromkeys(("court", "courts", "judge", "judges", "judiciary", "tribunal",
                     "prosecutor", "justice"), "JUD"),
    **dict.fromkeys(("rebel", "rebels", "insurgent", "insurgents", "guerrilla", "guerrillas",
                     "guerilla", "guerillas", "separatist", "separatists", "militant",
                     "militants", "jihadist", "jihadists", "fighter", "fighters",
                     "mujahideen", "terrorist", "terrorists", "extremist", "extremists"),
                    "REB"),
    **dict.fromkeys(("opposition", "dissident", "dissidents", "supporters", "party"), "OPP"),
}

# Nouns naming people as a population (-> civilians of a country).
CIVILIAN_NOUNS = frozenset((
    "civilian", "civilians", "villager", "villagers", "resident", "residents", "citizen",
    "citizens", "farmer", "farmers", "worker", "workers", "student", "students", "doctor",
    "doctors", "journalist", "journalists", "refugee", "refugees", "national", "nationals",
    "businessman", "businessmen", "tourist", "tourists", "pilgrim", "pilgrims", "prisoner",
    "prisoners", "detainee", "detainees", "hostage", "hostages", "child", "children", "woman",
    "women", "inhabitant", "inhabitants", "elder", "elders", "trader", "traders", "family",
    "families", "migrant", "migrants", "worshipper", "worshippers", "worshiper", "worshipers",
    "passenger", "passengers", "shepherd", "shepherds", "fisherman",
    "fishermen", "displaced", "teacher", "teachers", "patient", "patients", "nurse", "nurses",
    "peasant", "peasants", "man", "men", "boy", "boys", "girl", "girls", "landowner",
    "landowners", "union", "people", "population", "community", "communities", "tribe",
    "tribesmen", "clan", "aid", "volunteer", "volunteers", "christian", "christians",
    "muslim", "muslims", "settler", "settlers", "minority", "victim", "victims", "youths",
    "youth", "activist", "activists", "locals", "mourners", "voters", "bystanders", "immigrants",
    "immigrant", "advisers", "advisors", "expatriates", "foreigners", "employees", "staff",
    "engineers", "contractors", "monks", "priests", "clerics", "chief", "chiefs", "imam",
    "imams", "priest", "pastor", "pastors", "cleric", "monk", "nun", "nuns", "student",
    "herder", "pupil", "pupils", "schoolchildren", "councillor", "councilor", "councillors",
    "councilors", "vendor", "vendors", "driver", "drivers", "motorist", "motorists",
    "miner", "miners", "humanitarian", "humanitarians", "reporter",
    "reporters", "lawyer", "lawyers", "baby", "infant", "infants",
    "person", "persons", "individual", "individuals", "couple", "wife", "husband",
    "mother", "father", "son", "daughter", "brother", "sister", "relative", "relatives"))
PROTESTER_NOUNS = frozenset(("protester", "protesters", "protestor", "protestors",
                             "demonstrator", "demonstrators", "marcher", "marchers",
                             "strikers", "crowd", "crowds", "protest", "protests",
                             "demonstration", "demonstrations", "rally", "rallies", "march"))
RIOTER_NOUNS = frozenset(("rioter", "rioters", "mob", "mobs", "looter", "looters", "riot",
                          "riots", "unrest", "uprising", "intifada"))
UNIDENTIFIED_NOUNS = frozenset(("gunman", "gunmen", "assailant", "assailants", "attacker",
                                "attackers", "kidnapper", "kidnappers", "abductor",
                                "abductors", "bomber", "bombers", "raiders", "shooter",
                                "shooters", "perpetrators"))
# Explosive devices that stand for whoever set them off when no one is named ("a roadside
# bomb killed", "killed by an IED", "killed in a car bomb explosion").
DEVICE_NOUNS = frozenset(("bomb", "bombs", "bombing", "bombings", "explosion", "explosions",
                          "blast", "blasts", "ied", "ieds", "landmine", "landmines",
                          "minefield", "device", "devices"))
UNIDENTIFIED_PHRASES = ("armed men", "unidentified armed men", "unknown armed men",
                        "masked men", "armed group", "unidentified armed group",
                        "unidentified men", "unknown men", "armed assailants")

# Descriptions that refer back to a named armed group ("the group", "the militants").
COREF_NOUNS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("terrorist", "terrorists", "jihadist", "jihadists", "extremist",
                     "extremists", "islamist", "islamists", "caliphate", "fundamentalists"),
                    ("jihadist", "rebel", "militia")),
    **dict.fromkeys(("militant", "militants", "fighter", "fighters", "gunmen", "group",
                     "organization", "organisation", "movement", "outfit", "faction"),
                    ("jihadist", "rebel", "militia", "identity militia", "pmc")),
    # "the rebels" are rebels before they are jihadists
    **dict.fromkeys(("insurgent", "insurgents", "rebel", "rebels", "guerrilla", "guerrillas",
                     "separatist", "separatists"),
                    ("rebel", "jihadist", "militia", "identity militia", "pmc")),
    **dict.fromkeys(("militia", "militias", "militiamen", "paramilitaries"),
                    ("militia", "identity militia", "rebel", "pmc")),
}
COREF_DETERMINERS = frozenset(("the", "these", "those", "this", "that", "its", "their"))

# Modifiers that make a force noun refer to the state of the country in focus.
STATE_MODIFIERS = frozenset((
    "regime", "government", "pro-government", "loyalist", "pro-regime", "state", "security",
    "national", "federal", "army", "military", "syrian", "armed", "pro-assad", "regular",
    "junta", "government-backed", "pro-junta", "police", "official", "interim"))
STATE_NOUNS = frozenset(("army", "military", "troops", "soldiers", "forces", "police",
                         "policemen", "government", "regime", "authorities", "junta",
                         "gendarmes", "gendarmerie", "militias", "militiamen", "navy",
                         "warplanes", "jets", "aircraft", "helicopters", "aviation",
                         "air force", "artillery", "officials", "tanks", "drones", "defences",
                         "defenses", "soldier", "policeman", "policewoman", "gendarme",
                         "officer", "officers", "servicemen", "serviceman", "patrol",
                         "patrols", "convoy", "convoys", "court", "courts", "tribunal",
                         "judge", "judges", "prosecutor", "prosecutors"))
# Nouns that mean the state's forces even without a modifier ("soldiers were killed",
# "a soldier was wounded").
BARE_STATE_NOUNS = frozenset(("soldiers", "troops", "policemen", "gendarmes", "police",
                              "soldier", "policeman", "policewoman", "gendarme", "servicemen",
                              "serviceman"))

# Prepositions after which a place name is a location, not an actor.
LOCATIVE_PREPS = frozenset((
    "in", "near", "at", "around", "inside", "outside", "across", "throughout", "within",
    "from", "into", "onto", "through", "toward", "towards", "via", "beyond", "along",
    "over", "under", "north", "south", "east", "west", "off", "of", "outside", "until",
    "among", "amid"))
# Verbs after which "to X" is a destination.
# Verbs of handing over: the country after "to" receives, it is a party ("sent aid to X").
GIVING_VERBS = frozenset(("send", "deliver", "export", "ship", "transfer", "extradite",
                          "hand", "supply", "sell", "donate", "provide", "contribute", "give",
                          "grant", "lend", "offer", "pledge"))
MOTION_VERBS = frozenset((
    "send", "deploy", "travel", "go", "return", "fly", "move", "flee", "come", "arrive",
    "deliver", "export", "head", "transfer", "deport", "extradite", "take", "bring",
    "ship", "march", "advance", "push", "retreat", "withdraw", "escape", "migrate", "visit",
    "trip", "journey", "route", "access", "way", "road", "refer", "belong", "close",
    "next", "due", "near", "relate", "up", "down", "back", "spread", "extend", "lead",
    "contribute", "according", "turn", "expand", "enter", "reach", "invade"))
# Dependency labels of a token acting as the doer or a party.
AGENT_DEPS = frozenset(("nsubj", "nsubjpass", "agent", "poss", "appos", "ROOT", "csubj",
                        "compound", "dobj", "conj"))
# Titles that make a person's name a state organ of the country in focus.
TITLE_SECTORS = {"president": "GOV", "minister": "GOV", "premier": "GOV", "king": "GOV",
                 "emir": "GOV", "chancellor": "GOV", "governor": "GOV", "judge": "JUD",
                 "sultan": "GOV", "ambassador": "GOV", "envoy": "GOV"}
OPPOSITION_HEADS = frozenset(("group", "groups", "party", "parties", "leader", "leaders",
                              "activists", "figures", "supporters", "coalition", "alliance",
                              "politicians", "lawmakers", "movement", "bloc"))
TITLE_WORDS = frozenset(("president", "prime", "minister", "king", "emir", "general", "gen",
                         "lt", "col", "colonel", "mr", "mrs", "ms", "dr", "sheikh", "ayatollah",
                         "chancellor", "premier", "secretary", "leader", "commander",
                         "marshal", "field", "sultan", "prince", "vice", "foreign", "defense",
                         "defence", "interior", "chief", "spokesman", "ambassador", "envoy"))
# Verbs whose object is a government, not a place ("Moscow warned Washington").
ADDRESS_VERBS = frozenset((
    "warn", "accuse", "urge", "criticize", "criticise", "condemn", "thank", "blame", "tell",
    "ask", "pressure", "sanction", "support", "back", "recognize", "recognise", "invite",
    "meet", "join", "threaten", "call", "praise", "reject", "defy", "court", "lobby", "reassure",
    "assure", "notify", "inform", "brief", "petition", "fault", "rebuke", "denounce", "help",
    "arm", "fund", "supply", "persuade", "convince", "trust", "oppose", "engage", "contact"))

# The PLOVER/CAMEO sector a group of people belongs to by what they do ("striking
# workers" LAB, "students" EDU); plain civilians stay CVL.
PEOPLE_SECTORS: dict[str, str] = {
    **dict.fromkeys(("worker", "workers", "employees", "miners", "strikers", "unionists"),
                    "LAB"),
    **dict.fromkeys(("student", "students", "teacher", "teachers", "pupils", "academics"),
                    "EDU"),
    **dict.fromkeys(("farmer", "farmers", "peasant", "peasants", "herder", "herders",
                     "shepherd", "shepherds", "fisherman", "fishermen"), "AGR"),
    **dict.fromkeys(("businessman", "businessmen", "trader", "traders", "merchant",
                     "merchants", "vendor", "vendors", "shopkeepers"), "BUS"),
    **dict.fromkeys(("refugee", "refugees", "displaced", "migrant", "migrants"), "REF"),
    **dict.fromkeys(("journalist", "journalists", "reporter", "reporters"), "MED"),
    **dict.fromkeys(("doctor", "doctors", "nurse", "nurses", "medics"), "HLH"),
    **dict.fromkeys(("cleric", "clerics", "priest", "priests", "imam", "imams", "monk",
                     "monks", "pastor", "pastors", "worshippers", "pilgrims"), "REL"),
    **dict.fromkeys(("supporters", "activist", "activists", "dissidents", "opposition"),
                    "OPP"),
    **dict.fromkeys(("lawyer", "lawyers"), "JUD"),
}


def with_people_sector(actor: Actor, head: Any) -> Actor:
    """Civilians, protesters or rioters with the sector of what they do ("workers": LAB)."""
    sector = PEOPLE_SECTORS.get(head.lower_)
    mods = [c.lower_ for c in head.children if c.dep_ in ("amod", "compound")]
    sector = sector or next((PEOPLE_SECTORS[m] for m in mods
                             if m in PEOPLE_SECTORS), None)
    if sector is None:
        return actor
    return replace(actor, sector=sector, cameo=f"{actor.country or ''}{sector}")
