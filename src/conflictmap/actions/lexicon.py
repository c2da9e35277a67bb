"""The action lexicon: trigger words coded in PLOVER, CAMEO and ACLED at once.

Entries are read from `lang/en/triggers.txt` (format described in its header).  A
word can carry dependents ("take+control" = the verb "take" with a dependent "control"),
and ACLED codings can be rules (`@territory`, `@violence`, ...) resolved in `coding.py`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..lang import EN

# ACLED's 25 sub-event types, keyed by the short names the lexicon uses.
SUB_EVENTS: dict[str, tuple[str, str]] = {
    "clash": ("Battles", "Armed clash"),
    "gov_territory": ("Battles", "Government regains territory"),
    "nsa_territory": ("Battles", "Non-state actor overtakes territory"),
    "air": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "ied": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "suicide": ("Explosions/Remote violence", "Suicide bomb"),
    "grenade": ("Explosions/Remote violence", "Grenade"),
    "chemical": ("Explosions/Remote violence", "Chemical weapon"),
    "attack": ("Violence against civilians", "Attack"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "sexual": ("Violence against civilians", "Sexual violence"),
    "peaceful": ("Protests", "Peaceful protest"),
    "intervention": ("Protests", "Protest with intervention"),
    "excessive": ("Protests", "Excessive force against protesters"),
    "violent_demo": ("Riots", "Violent demonstration"),
    "mob": ("Riots", "Mob violence"),
    "agreement": ("Strategic developments", "Agreement"),
    "arrests": ("Strategic developments", "Arrests"),
    "change": ("Strategic developments", "Change to group/activity"),
    "disrupted": ("Strategic developments", "Disrupted weapons use"),
    "hq": ("Strategic developments", "Headquarters or base established"),
    "looting": ("Strategic developments", "Looting/property destruction"),
    "nv_territory": ("Strategic developments", "Non-violent transfer of territory"),
    "other": ("Strategic developments", "Other"),
}
RULES = ("@territory", "@violence", "@seize", "@protest", "@base")
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")
SUB_KEY = {sub: key for key, (_, sub) in SUB_EVENTS.items()}


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger: a head word, the dependents it needs, and its codings."""

    pos: str  # V, N or I (instrument)
    head: str
    needs: tuple[str, ...]
    plover: str
    mode: str | None
    cameo: str
    acled: str | None  # key of SUB_EVENTS, a rule from RULES, or None

    @property
    def words(self) -> tuple[str, ...]:
        return (self.head, *self.needs)

    @property
    def weak(self) -> bool:
        """Consequence words ("killed", "died") that yield to a stronger trigger."""
        return self.acled == "@violence" and self.cameo in ("1823", "182")


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    instruments: dict[str, tuple[Entry, ...]]

    def lookup(self, pos: str, word: str) -> tuple[Entry, ...]:
        table = {"V": self.verbs, "N": self.nouns, "I": self.instruments}[pos]
        return table.get(word, ())


def _parse_line(line: str, where: str) -> list[Entry]:
    parts = line.split()
    if len(parts) != 6 or parts[0] not in ("V", "N", "I"):
        raise ConfigError(f"{where}: expected 'POS WORDS PLOVER MODE CAMEO ACLED'")
    pos, words, plover, mode, cameo, acled = parts
    if plover not in PLOVER_TYPES:
        raise ConfigError(f"{where}: unknown PLOVER type {plover!r}")
    if acled != "-" and acled not in SUB_EVENTS and acled not in RULES:
        raise ConfigError(f"{where}: unknown ACLED key {acled!r}")
    out = []
    for word in words.split(","):
        head, *needs = word.split("+")
        out.append(Entry(pos, head, tuple(needs), plover, None if mode == "-" else mode,
                         cameo, None if acled == "-" else acled))
    return out


def parse_lexicon(text: str, *, source: str = "lexicon") -> Lexicon:
    tables: dict[str, dict[str, list[Entry]]] = {"V": {}, "N": {}, "I": {}}
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        for entry in _parse_line(line, f"{source}:{n}"):
            for word in set(entry.words):  # a phrase matches on whichever word heads it
                tables[entry.pos].setdefault(word, []).append(entry)

    def freeze(table: dict[str, list[Entry]]) -> dict[str, tuple[Entry, ...]]:
        # Entries needing more dependents are tried first.
        return {k: tuple(sorted(v, key=lambda e: -len(e.needs))) for k, v in table.items()}

    return Lexicon(freeze(tables["V"]), freeze(tables["N"]), freeze(tables["I"]))


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The shipped lexicon, or the one at `path`."""
    if path:
        return parse_lexicon(Path(path).read_text(encoding="utf-8"), source=path)
    text = EN.folder.joinpath("triggers.txt").read_text(encoding="utf-8")
    return parse_lexicon(text, source="triggers.txt")


def base_forms(word: str) -> list[str]:
    """Candidate dictionary forms of an inflected word (the parser's lemmas are not enough)."""
    w = word.lower()
    forms = [w]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""),
                         ("ed", "e"), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: len(w) - len(suffix)] + repl
            forms.append(stem)
            if repl == "" and len(stem) > 3 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # shelled -> shell is above; stopped -> stop
    return forms


IRREGULAR = EN.mapping("irregular")
