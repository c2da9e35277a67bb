"""The actor knowledge base: who is who, with aliases, dates and ACLED/PLOVER/CAMEO codes.

    >>> kb = load_kb()
    >>> kb.match("Daesh", country="SYR").acled_name
    'Islamic State (Syria)'
"""

from __future__ import annotations

from .kb import ActorKB, Hit
from .load import load_kb
from .normalize import key as normalize

__all__ = ["ActorKB", "Hit", "load_kb", "normalize"]
