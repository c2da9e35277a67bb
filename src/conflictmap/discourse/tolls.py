"""Tolls of a whole war, country or campaign: never one act's fatalities.

"More than 500,000 people have been killed since the war began", "at least 40 people
were killed across Syria on Sunday", "the nationwide toll" count the dead of many acts;
the count belongs to no single event."""

from __future__ import annotations

import re
from typing import Any

from ..lang import EN
from ..model import CodedEvent

_WIDE = re.compile(EN.pattern("wide_tolls"))


def wide_toll(text: str) -> bool:
    """Whether a sentence counts the dead of a whole country, war or campaign."""
    return _WIDE.search(text) is not None


def drop_wide_tolls(events: list[CodedEvent], doc: Any) -> None:
    """Clear the fatalities an event took from a sentence that counts a wider toll."""
    for event in events:
        if event.fatalities is None:
            continue
        texts = [m.text for m in event.mentions or [event.evidence]]
        if all(wide_toll(t) for t in texts if _counts(t)):
            if any(_counts(t) for t in texts):
                event.fatalities = None


def _counts(text: str) -> bool:
    from ..actions.fatalities import fatalities_in

    return fatalities_in(text) is not None
