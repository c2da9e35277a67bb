"""conflictmap: turn conflict news into structured, traceable event data.

    >>> import conflictmap
    >>> events = conflictmap.extract(text, published="2016-12-14")

Events are coded in PLOVER, CAMEO and ACLED at once, with actors resolved to one
identity, places resolved to gazetteer entries, dates with their precision, a status
(asserted, claimed, future, hypothetical, negated) and the sentence as evidence.
"""

from .errors import (ConfigError, ConflictmapError, GazetteerError, InputError, PipelineError,
                     StageError, StoreError)
from .model import (AcledCoding, Actor, ActorMention, Article, Event, Evidence, Location, Place,
                    Timex, Toponym)
from .pipeline import Pipeline, extract
from .registry import stage
from .resources import Resources
from .storage import EventFilter, Store, open_store

__all__ = [
    "AcledCoding",
    "Actor",
    "ActorMention",
    "Article",
    "ConfigError",
    "ConflictmapError",
    "Event",
    "EventFilter",
    "Evidence",
    "GazetteerError",
    "InputError",
    "Location",
    "Pipeline",
    "PipelineError",
    "Place",
    "Resources",
    "StageError",
    "Store",
    "StoreError",
    "Timex",
    "Toponym",
    "extract",
    "open_store",
    "stage",
]
