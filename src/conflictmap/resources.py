"""Shared, lazily loaded resources: the spaCy model, the actor knowledge base, the gazetteer.

Each is behind a small interface and can be passed in (an in-memory fake in tests);
otherwise it is loaded on first use from installed packages or local files, never
downloaded.
"""

from __future__ import annotations

from typing import Any

from . import config as config_mod


class Resources:
    def __init__(self, *, config: dict[str, Any] | None = None, nlp: Any = None,
                 actor_kb: Any = None, gazetteer: Any = None) -> None:
        self.config = config if config is not None else config_mod.load_config()
        self._nlp = nlp
        self._actor_kb = actor_kb
        self._gazetteer = gazetteer

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from .nlp import load_model

            self._nlp = load_model(config_mod.get(self.config, "stages.nlp.model"))
        return self._nlp

    @property
    def actor_kb(self) -> Any:
        if self._actor_kb is None:
            from .actors import load_kb

            user_file = config_mod.get(self.config, "stages.actors.user_file") or None
            self._actor_kb = load_kb(user_file=user_file)
        return self._actor_kb

    @property
    def gazetteer(self) -> Any:
        if self._gazetteer is None:
            from .gazetteer import open_gazetteer

            path = config_mod.get(self.config, "stages.places.gazetteer") or None
            self._gazetteer = open_gazetteer(path)
        return self._gazetteer
