"""Labelled examples for the learned coder: read, checked, and the labels each head learns.

Format (docs/training-data.md): one JSON object per line with `text`, `acled` (one of
ACLED's 25 sub-event types or null), `plover` (a PLOVER type or null), `status` and
`style`. The training corpus is every `*.jsonl` under `training/`; users add their own
files with `conflictmap train --extra FILE`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..actions.lexicon import PLOVER_TYPES, SUB_EVENTS
from ..errors import InputError
from ..model import HAPPENED, STATUSES

ACLED_TYPES: tuple[str, ...] = tuple(sub for _, sub in SUB_EVENTS.values())
EVENT_TYPE_OF: dict[str, str] = {sub: etype for etype, sub in SUB_EVENTS.values()}
# The PLOVER types, plus INVESTIGATE (a mode of ACCUSE in the lexicon) as a label of its own.
PLOVER_LABELS: tuple[str, ...] = (*PLOVER_TYPES, "INVESTIGATE")
NO_EVENT = "none"  # the class of texts with no ACLED event (or no PLOVER act)
FIELDS = frozenset({"text", "acled", "plover", "status", "style"})


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    acled: str | None
    plover: str | None
    status: str
    style: str = ""

    @property
    def acled_label(self) -> str:
        """What the ACLED head learns: the act's sub-event type, whether or not it
        happened (the status head says that), or "none"."""
        return self.acled or NO_EVENT

    @property
    def coded_label(self) -> str:
        """What an analyst codes: the sub-event type only when the act happened."""
        return self.acled if self.acled and self.status in HAPPENED else NO_EVENT

    @property
    def plover_label(self) -> str:
        return self.plover or NO_EVENT


def parse_example(row: object, where: str) -> Example:
    """One checked example; `where` ("file:line") names it in errors."""
    if not isinstance(row, dict):
        raise InputError(where, "an example must be a JSON object")
    missing = {"text", "acled", "plover", "status"} - set(row)
    if missing:
        raise InputError(where, f"missing field(s) {', '.join(sorted(missing))}")
    text, acled, plover, status = row["text"], row["acled"], row["plover"], row["status"]
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "`text` must be a non-empty string")
    if acled is not None and acled not in EVENT_TYPE_OF:
        raise InputError(where, f"`acled` {acled!r} is not an ACLED sub-event type or null")
    if plover is not None and plover not in PLOVER_LABELS:
        raise InputError(where, f"`plover` {plover!r} is not a PLOVER type or null")
    if status not in STATUSES:
        raise InputError(where, f"`status` {status!r} is not one of {', '.join(STATUSES)}")
    return Example(text.strip(), acled, plover, status, str(row.get("style") or ""))


def read_examples(path: Path) -> list[Example]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}", f"not JSON ({exc.msg})") from None
            out.append(parse_example(row, f"{path}:{n}"))
    return out


def corpus_files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise InputError(str(folder), "no *.jsonl training files here")
    return files


def load_corpus(files: Iterable[Path]) -> list[Example]:
    """Every example of `files`, in file order; a text written twice is kept once (the
    first label wins), so adding a file never double-weights an example."""
    seen: set[str] = set()
    out = []
    for path in files:
        for ex in read_examples(path):
            if ex.text not in seen:
                seen.add(ex.text)
                out.append(ex)
    return out


def files_digest(files: Iterable[Path]) -> str:
    """One sha256 over the names and bytes of `files`, to tie a model to its data."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
