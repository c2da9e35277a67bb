"""Exceptions raised by conflictmap. The CLI and the API map them to exit codes / HTTP statuses.

    ConflictmapError
    ├── InputError            an input (file, line, option) cannot be read; names the input
    ├── ConfigError           a setting or user data file is invalid; names file, line, problem
    ├── PipelineError         the stages do not fit together (checked when the pipeline is built)
    │   └── StageError        a stage failed or returned the wrong type; names the stage
    ├── StoreError            the database cannot be opened, migrated or written
    └── GazetteerError        the gazetteer index is missing or a dump cannot be imported
"""

from __future__ import annotations


class ConflictmapError(Exception):
    """Base class of every error conflictmap raises on purpose."""


class InputError(ConflictmapError):
    """An input cannot be used. `source` names it (a path, `path:line`, `<stdin>`, an option)."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ConfigError(ConflictmapError):
    """A configuration value or a user-supplied data file is invalid."""


class PipelineError(ConflictmapError):
    """The pipeline cannot be built as configured."""


class StageError(PipelineError):
    def __init__(self, stage: str, problem: str) -> None:
        self.stage = stage
        super().__init__(f"stage {stage!r}: {problem}")


class StoreError(ConflictmapError):
    """The store cannot be opened or used."""


class GazetteerError(ConflictmapError):
    """The gazetteer cannot be built, imported or read."""
