"""Records of the actor knowledge base, as read from the data files."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lang import EN

# ACLED naming and codes of a country's state organs, by PLOVER sector.
SECTORS: dict[str, tuple[str, str, str]] = {
    # sector: (name pattern, actor type, ACLED name pattern)
    "MIL": ("Military Forces of {c}", "military", "Military Forces of {c}{r}"),
    "COP": ("Police Forces of {c}", "police", "Police Forces of {c}{r}"),
    "GOV": ("Government of {c}", "government", "Government of {c}{r}"),
    "SPY": ("Intelligence Services of {c}", "intelligence",
            "Military Forces of {c}{r} Intelligence Services"),
    "LEG": ("Legislature of {c}", "government", "Government of {c}{r}"),
    "JUD": ("Judiciary of {c}", "government", "Government of {c}{r}"),
}

# Generic actors by country: kind -> (ACLED name pattern, type, PLOVER sector, inter).
GENERICS: dict[str, tuple[str, str, str, int]] = {
    "unidentified": ("Unidentified Armed Group ({c})", "unidentified", "UAF", 3),
    "civilians": ("Civilians ({c})", "civilians", "CVL", 7),
    "protesters": ("Protesters ({c})", "protesters", "CVL", 6),
    "rioters": ("Rioters ({c})", "rioters", "CVL", 5),
    "rebels": ("Rebel Group ({c})", "rebel", "REB", 2),
    "opposition": ("Political Opposition ({c})", "opposition", "OPP", 6),
    "militia": ("Militia (Pro-Government) ({c})", "militia", "REB", 3),
}

NON_STATE_TYPES = frozenset(("rebel", "jihadist", "militia", "identity militia", "pmc", "party"))


# Country names that take "the" after "of" in ACLED's naming ("Military Forces of the ...").
WITH_ARTICLE = EN.words("with_article")


def of_name(name: str) -> str:
    """A country name as it follows "of": "the United States", "Syria"."""
    return f"the {name}" if name in WITH_ARTICLE else name


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[tuple[str, str | None], ...] = ()  # (name, sector or None for a capital)
    # start dates of successive governments, "2000" or "2022-07-14" (ACLED "(2000-)")
    regimes: tuple[str, ...] = ()
    rebels: str | None = None  # ACLED's name for the armed opposition ("Opposition Rebels (Syria)")

    def regime_label(self, date: str | int | None) -> str:
        """ACLED's " (2000-)" / " (2000-2024)" suffix on `date` (a year or an ISO date;
        the latest when None).  A start with a day ("2022-07-14") splits its year: the
        earlier government's tenure still holds on the days before it."""
        if not self.regimes:
            return ""
        starts = list(self.regimes)
        i = len(starts) - 1
        if date is not None:
            on = str(date)
            i = max((k for k, s in enumerate(starts) if _on_or_after(on, s)), default=0)
        end = starts[i + 1][:4] if i + 1 < len(starts) else None
        return f" ({starts[i][:4]}-{end or ''})"


def _on_or_after(date: str, start: str) -> bool:
    """Whether `date` falls on or after `start`, each cut to the precision both have."""
    n = min(len(date), len(start))
    return start[:n] <= date[:n]


@dataclass(frozen=True)
class Entry:
    """A named actor: an armed group, an organisation, a state organ or a leader."""

    id: str
    name: str
    type: str
    kind: str = "group"  # group, igo, leader, state
    country: str | None = None
    sector: str | None = None
    inter: int | None = None
    acled_name: str | None = None
    cameo: str | None = None
    aliases: tuple[str, ...] = ()
    acts_in: tuple[str, ...] = ()
    branch_name: str | None = None  # "Islamic State ({country})": ACLED name by where it acts
    affiliations: tuple[str, ...] = ()
    valid_from: str | None = None  # ISO date or year
    valid_to: str | None = None
    predecessor: str | None = None
    successor: str | None = None
    becomes_state: str | None = None  # date from which it is the state (Taliban 2021)
    state_country: str | None = None
    source: str = "shipped"  # or the user file it came from
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def valid_on(self, date: str | None) -> bool:
        """Whether the name was in use on `date` (ISO string; None = always)."""
        if date is None:
            return True
        if self.valid_from and date < self.valid_from:
            return False
        return not (self.valid_to and date >= self.valid_to)
