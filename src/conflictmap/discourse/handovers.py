"""Places handed over: in an article that tells a handover ("the SDF have handed over
several cities"), a force that enters a place with no fight told in its sentence ("units
of the army have entered Manbij") takes it without violence, and ACLED codes a
`Non-violent transfer of territory`, not a capture."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..actions.lexicon import SUB_EVENTS
from ..lang import EN
from ..model import CodedEvent

HANDOVERS = EN.words("handover_words")
ENTERING = EN.words("entering_verbs")
CAPTURES = frozenset(SUB_EVENTS[key][1] for key in ("gov_territory", "nsa_territory"))
UNDER_FIRE = re.compile(EN.pattern("under_fire"), re.IGNORECASE)
TRANSFER = SUB_EVENTS["nv_territory"]


def type_handovers(events: list[CodedEvent], doc: Any) -> None:
    """Captures told by entering, in an article that tells a handover, become transfers."""
    if doc is None or not any(_hands_over(doc, e) for e in events):
        return
    for event in events:
        if event.acled.sub_event_type in CAPTURES and _entered(doc, event) \
                and not UNDER_FIRE.search(event.evidence.text):
            event.acled = replace(event.acled, event_type=TRANSFER[0],
                                  sub_event_type=TRANSFER[1])


def _word(doc: Any, event: CodedEvent) -> str:
    """The trigger's lemma, with its particle ("hand over")."""
    if event.trigger_token < 0:
        return ""
    token = doc[event.trigger_token]
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), "")
    return f"{str(token.lemma_).lower()} {particle}".strip()


def _hands_over(doc: Any, event: CodedEvent) -> bool:
    return _word(doc, event) in HANDOVERS


def _entered(doc: Any, event: CodedEvent) -> bool:
    return _word(doc, event).split(" ")[0] in ENTERING
