"""Action coding: trigger lexicon, participants, ACLED rules, status and fatalities.

The `actions` stage (stages/actions.py) calls `article_events`; the pieces are usable alone:
`load_lexicon()`, `fatalities_in(text)`, `status_of(token, sent, mentions)`.
"""

from .events import article_events
from .fatalities import fatalities_in
from .lexicon import SUB_EVENTS, Lexicon, load_lexicon
from .status import status_of

__all__ = ["SUB_EVENTS", "Lexicon", "article_events", "fatalities_in", "load_lexicon",
           "status_of"]
