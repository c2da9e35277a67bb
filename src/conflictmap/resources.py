"""Shared, lazily loaded resources: the spaCy model, the actor knowledge base, the gazetteer.

Each is behind a small interface and can be passed in (an in-memory fake in tests);
otherwise it is loaded on first use from installed packages or local files, never
downloaded.  Stages ask for one by their own setting (`nlp_for(model)`,
`actor_kb_for(user_file)`, `gazetteer_at(path)`), loaded once per setting; the
properties give the one the configuration names (for the CLI and the evaluations).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import config as config_mod


class Resources:
    def __init__(self, *, config: dict[str, Any] | None = None, nlp: Any = None,
                 actor_kb: Any = None, gazetteer: Any = None) -> None:
        self.config = config if config is not None else config_mod.load_config()
        self._given = {"nlp": nlp, "actor_kb": actor_kb, "gazetteer": gazetteer}
        self._loaded: dict[tuple[str, str], Any] = {}

    def _get(self, kind: str, setting: str, load: Callable[[], Any]) -> Any:
        """The instance passed in for `kind`, else the one loaded for `setting`."""
        if self._given[kind] is not None:
            return self._given[kind]
        key = (kind, setting)
        if key not in self._loaded:
            self._loaded[key] = load()
        return self._loaded[key]

    def nlp_for(self, model: str) -> Any:
        from .nlp import load_model

        return self._get("nlp", model, lambda: load_model(model))

    def actor_kb_for(self, user_file: str) -> Any:
        from .actors import load_kb

        return self._get("actor_kb", user_file, lambda: load_kb(user_file=user_file or None))

    def gazetteer_at(self, path: str) -> Any:
        from .gazetteer import open_gazetteer

        return self._get("gazetteer", path, lambda: open_gazetteer(path or None))

    @property
    def nlp(self) -> Any:
        return self.nlp_for(config_mod.get(self.config, "stages.nlp.model"))

    @property
    def actor_kb(self) -> Any:
        return self.actor_kb_for(config_mod.get(self.config, "stages.actors.user_file") or "")

    @property
    def gazetteer(self) -> Any:
        return self.gazetteer_at(config_mod.get(self.config, "stages.places.gazetteer") or "")
