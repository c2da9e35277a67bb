"""The trained coder: shared features, one head each for the ACLED sub-event type, the
PLOVER type and the status; loaded from `data/models/` (or a folder `train` wrote).

>>> coder = load_coder()
>>> [p.acled for p in coder.predict(["Troops recaptured the town from the rebels."])]
['Government regains territory']
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..encoder import Encoder, load_encoder
from ..errors import ConflictmapError
from ..model import HAPPENED
from .corpus import NO_EVENT
from .features import Featurizer
from .linear import LinearHead

HEADS = ("acled", "plover", "status")
MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the coder reads in one text: each head's best label and its probability."""

    acled: str  # a sub-event type or "none"
    acled_p: float
    none_p: float  # probability of "no ACLED act"
    plover: str
    plover_p: float
    status: str
    status_p: float

    @property
    def coded(self) -> str:
        """The sub-event type an analyst codes: only for acts that happened."""
        return self.acled if self.status in HAPPENED else NO_EVENT


class Coder:
    def __init__(self, featurizer: Featurizer, heads: dict[str, LinearHead],
                 encoder: Encoder, manifest: dict[str, Any]) -> None:
        self.featurizer = featurizer
        self.heads = heads
        self.encoder = encoder
        self.manifest = manifest

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        if not texts:
            return []
        features = self.featurizer.transform(texts, self.encoder.encode(texts))
        probs = {name: head.proba(features) for name, head in self.heads.items()}
        none_col = self.heads["acled"].classes.index(NO_EVENT)
        out = []
        for i in range(len(texts)):
            best = {name: int(np.argmax(p[i])) for name, p in probs.items()}
            out.append(Prediction(
                self.heads["acled"].classes[best["acled"]], float(probs["acled"][i, best["acled"]]),
                float(probs["acled"][i, none_col]),
                self.heads["plover"].classes[best["plover"]],
                float(probs["plover"][i, best["plover"]]),
                self.heads["status"].classes[best["status"]],
                float(probs["status"][i, best["status"]])))
        return out


def packaged_models() -> Path:
    return Path(str(resources.files("conflictmap").joinpath("data/models")))


def read_coder(folder: Path, encoder: Encoder | None = None, threads: int = 1) -> Coder:
    """The coder saved in `folder`; its manifest names the encoder it was trained on."""
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise ConflictmapError(f"{folder}: no trained coder here ({MANIFEST} is missing); "
                               "run `conflictmap train`")
    manifest = json.loads(manifest_path.read_text())
    featurizer = Featurizer.load(folder / "features.npz")
    heads = {name: LinearHead.load(folder / f"{name}.npz") for name in HEADS}
    return Coder(featurizer, heads, encoder or load_encoder(manifest["encoder"], threads),
                 manifest)


@functools.lru_cache(maxsize=4)
def load_coder(folder: str = "", threads: int = 1) -> Coder:
    """The coder in `folder` (default: the one shipped with the package), loaded once;
    its encoder runs on `threads` threads."""
    return read_coder(Path(folder) if folder else packaged_models(), threads=threads)
