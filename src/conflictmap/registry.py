"""Stage registry: definitions only; instances live on a `Pipeline`.

A stage is a factory registered by name that returns a callable `Article -> Article`
(optionally with a `pipe(articles) -> Iterator[Article]` method for batched work).
Each declares the article fields it `requires` and `assigns`, so the pipeline can check
the order when it is built.  Third-party stages register the same way, from modules
listed in the `conflictmap.stages` entry-point group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

from .errors import PipelineError
from .model import Article

# Fields an Article has before any stage ran (filled by ingest).
INPUT_FIELDS = frozenset({"id", "text", "published", "title", "url", "source", "language"})


@runtime_checkable
class Stage(Protocol):
    def __call__(self, article: Article) -> Article: ...


@runtime_checkable
class BatchStage(Stage, Protocol):
    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]: ...


Factory = Callable[..., Stage]


@dataclass(frozen=True)
class StageSpec:
    name: str
    factory: Factory
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


_STAGES: dict[str, StageSpec] = {}


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
          ) -> Callable[[Factory], Factory]:
    """Register a stage factory under `name`."""

    def register(factory: Factory) -> Factory:
        _STAGES[name] = StageSpec(name, factory, tuple(requires), tuple(assigns))
        return factory

    return register


def get_stage(name: str) -> StageSpec:
    load_builtin_stages()
    try:
        return _STAGES[name]
    except KeyError:
        known = ", ".join(sorted(_STAGES)) or "none"
        raise PipelineError(f"unknown stage {name!r} (registered: {known})") from None


def registered_stages() -> dict[str, StageSpec]:
    load_builtin_stages()
    return dict(_STAGES)


_loaded = False


def load_builtin_stages() -> None:
    """Import the built-in stage modules and any `conflictmap.stages` entry points once."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    from . import stages  # noqa: F401  (registers the built-ins)

    for ep in entry_points(group="conflictmap.stages"):
        ep.load()


def check_order(specs: list[StageSpec], *, available: Iterable[str] = INPUT_FIELDS) -> None:
    """Raise PipelineError if a stage reads a field no earlier stage wrote."""
    have = set(available)
    for spec in specs:
        missing = [f for f in spec.requires if f not in have]
        if missing:
            raise PipelineError(
                f"stage {spec.name!r} requires {', '.join(missing)}, "
                f"which no earlier stage assigns (have: {', '.join(sorted(have))})")
        have.update(spec.assigns)


def describe(spec: StageSpec) -> dict[str, Any]:
    return {"name": spec.name, "requires": list(spec.requires), "assigns": list(spec.assigns),
            "doc": (spec.factory.__doc__ or "").strip().splitlines()[0:1]}
