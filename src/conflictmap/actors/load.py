"""Building the knowledge base from the shipped files plus an optional user file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .kb import ActorKB, first_words
from .loader import (
    read_cities,
    read_countries,
    read_entries,
    read_ethnic,
    read_leaders,
    read_state_aliases,
    read_user_file,
)


@lru_cache(maxsize=1)
def _shipped() -> ActorKB:
    return ActorKB(read_countries(),
                   [*read_entries("groups.jsonl", "group"), *read_entries("igos.jsonl", "igo"),
                    *read_leaders()],
                   ethnic=read_ethnic(), state_aliases=read_state_aliases(),
                   cities=read_cities())


def load_kb(user_file: str | Path | None = None) -> ActorKB:
    """The shipped knowledge base, plus the actors of `user_file` (JSON Lines) when given.

    A user line with a known `id` replaces that actor (or, with only `id` and `aliases`,
    adds aliases to it). Raises ConfigError naming file, line and problem."""
    if not user_file:
        return _shipped()
    kb = ActorKB(read_countries(), [], ethnic=read_ethnic(),
                 state_aliases=read_state_aliases(), cities=read_cities())
    for entry in _shipped().entries.values():
        kb.add(entry)
    known = set(kb.entries)
    for entry, only_aliases in read_user_file(user_file, known, set(kb.countries)):
        kb.add(entry, only_aliases=only_aliases)
    kb.first_words = first_words(kb.index)
    return kb
