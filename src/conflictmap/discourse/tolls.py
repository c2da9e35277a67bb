"""Tolls of a whole war, country or campaign: never one act's fatalities.

"More than 500,000 people have been killed since the war began", "at least 40 people
were killed across Syria on Sunday", "the nationwide toll" count the dead of many acts;
the count belongs to no single event.  A sentence that breaks down the toll of an act
told before ("Of those killed, 24 were civilians") tells no new act."""

from __future__ import annotations

import re
from typing import Any

from ..lang import EN
from ..model import CodedEvent

_WIDE = re.compile(EN.pattern("wide_tolls"))
# "Of those killed, 24 were civilians", "Among the dead were two children"
_BREAKDOWN = re.compile(EN.pattern("toll_breakdown"), re.IGNORECASE)


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


def breakdowns(events: list[CodedEvent]) -> list[CodedEvent]:
    """ACLED-typed events read from a sentence that breaks down the toll of an act told
    before it ("Of those killed, 24 were civilians"): the sentence tells who died, not a
    new act.  Where no act is told before, the sentence's act stays."""
    out = []
    for event in events:
        told_before = any(e.acled.sub_event_type and e is not event and
                          e.evidence.sentence_index < event.evidence.sentence_index
                          for e in events)
        if event.acled.sub_event_type and told_before and \
                _BREAKDOWN.search(event.evidence.text):
            out.append(event)
    return out


def _counts(text: str) -> bool:
    from ..actions.fatalities import fatalities_in

    return fatalities_in(text) is not None
