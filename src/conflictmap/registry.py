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


def event_fields(*names: str) -> tuple[str, ...]:
    """Declared names of event fields: `event_fields("date")` -> `("events.date",)`."""
    return tuple(f"events.{name}" for name in names)


def check_order(specs: list[StageSpec], *, available: Iterable[str] = INPUT_FIELDS) -> None:
    """Raise PipelineError if a stage reads a field no earlier stage wrote, naming the
    stage, the field and the stage that would provide it."""
    have = set(available)
    for n, spec in enumerate(specs):
        missing = [f for f in spec.requires if f not in have]
        if missing:
            raise PipelineError(_missing_message(spec, missing[0], specs[n + 1:]))
        have.update(spec.assigns)


def _provides(spec: StageSpec, field: str) -> bool:
    """Whether the stage first provides the field (not only rewrites what it reads)."""
    return field in spec.assigns and field not in spec.requires


def _missing_message(spec: StageSpec, field: str, later: list[StageSpec]) -> str:
    head = f"stage {spec.name!r} requires {field!r}, which no earlier stage assigns"
    after = [s.name for s in later if _provides(s, field)]
    if after:
        return f"{head}: stage {after[0]!r} assigns it but runs after {spec.name!r}; " \
               f"move it earlier in pipeline.stages"
    providers = sorted(s.name for s in registered_stages().values() if _provides(s, field))
    if providers:
        names = " or ".join(repr(p) for p in providers)
        return f"{head}: add stage {names} (which assigns it) before {spec.name!r} " \
               f"in pipeline.stages"
    return f"{head}, and no registered stage assigns it"


def describe(spec: StageSpec) -> dict[str, Any]:
    return {"name": spec.name, "requires": list(spec.requires), "assigns": list(spec.assigns),
            "doc": (spec.factory.__doc__ or "").strip().splitlines()[0:1]}
