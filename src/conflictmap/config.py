"""Settings: shipped defaults (defaults.toml), then a user file, then explicit overrides."""

from __future__ import annotations

import copy
import os
import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

from .errors import ConfigError

# Global settings: (dotted name, environment variable, help). Defaults live in defaults.toml.
SETTINGS: tuple[tuple[str, str | None, str], ...] = (
    ("store.url", "CONFLICTMAP_DB", "Database URL (SQLite path or postgresql://...)."),
    ("pipeline.batch_size", None, "Articles per spaCy batch."),
    ("pipeline.n_process", None, "spaCy worker processes."),
    ("stages.nlp.max_chars", None, "Longest text piece parsed at once (longer: split)."),
    ("stages.nlp.hard_limit_chars", None, "Skip texts longer than this (0: no limit)."),
    ("stages.actors.user_file", "CONFLICTMAP_ACTORS", "Extra actors file (JSON Lines)."),
    ("stages.places.gazetteer", "CONFLICTMAP_GAZETTEER", "Gazetteer index file."),
    ("control.fade_days", None, "Days without news before control fades to unknown "
                                 "(0: never)."),
    ("api.write_token", "CONFLICTMAP_WRITE_TOKEN", "Token that allows POST /articles."),
    ("api.max_limit", None, "Largest page size of GET /events."),
    ("api.max_offset", None, "Largest offset of GET /events (beyond: the next cursor)."),
    ("api.max_count", None, "GET /events counts matching events up to this many."),
    ("api.writes_per_minute", None, "Writes one client may make per minute (429 beyond)."),
)


def _merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _set_dotted(cfg: dict[str, Any], name: str, value: Any) -> None:
    *parents, last = name.split(".")
    node = cfg
    for p in parents:
        node = node.setdefault(p, {})
    node[last] = value


def get(cfg: dict[str, Any], name: str, default: Any = None) -> Any:
    node: Any = cfg
    for part in name.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def defaults() -> dict[str, Any]:
    text = files("conflictmap").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_config(path: str | os.PathLike[str] | None = None,
                overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then the user file (or $CONFLICTMAP_CONFIG), then env vars, then overrides."""
    cfg = defaults()
    path = path or os.environ.get("CONFLICTMAP_CONFIG")
    if path:
        try:
            user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML ({exc})") from exc
        cfg = _merge(cfg, user)
    for name, env, _help in SETTINGS:
        if env and os.environ.get(env):
            _set_dotted(cfg, name, os.environ[env])
    for name, value in (overrides or {}).items():
        if value is not None:
            _set_dotted(cfg, name, value)
    return cfg
