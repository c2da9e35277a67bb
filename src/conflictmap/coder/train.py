"""Rebuild every model of the learned coder from the training corpus, deterministically.

    conflictmap train [--extra FILE ...] [--out DIR]
    python -m conflictmap.coder.train

Reads every `training/*.jsonl` (plus the user's extra files), encodes the texts with the
packaged sentence encoder, fits the shared features and one linear head per decision,
and writes `features.npz`, `acled.npz`, `plover.npz`, `status.npz` and `manifest.json`.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..encoder import DEFAULT_ENCODER, load_encoder
from .corpus import Example, corpus_files, files_digest, load_corpus
from .features import fit_featurizer
from .linear import LinearHead, fit
from .model import MANIFEST, packaged_models

log = logging.getLogger(__name__)
DEFAULT_TRAINING = Path(__file__).resolve().parents[3] / "training"


@dataclass(frozen=True)
class Settings:
    """Hyperparameters, chosen on the development set (case2021_dev), never on the blind set."""

    encoder: str = DEFAULT_ENCODER
    min_df: int = 3  # an n-gram must occur in this many texts to enter the vocabulary
    emb_weight: float = 0.5  # the embedding's share beside the unit-norm n-gram vector
    l2: float = 1e-5
    balance: float = 0.5  # 0 uniform class weights, 1 inverse frequency


def labels(examples: Sequence[Example], head: str) -> list[str]:
    if head == "acled":
        return [e.acled_label for e in examples]
    if head == "plover":
        return [e.plover_label for e in examples]
    return [e.status for e in examples]


# The steps of `train`, in order, as its `progress` callback is told about them.
TRAIN_STEPS = ("encode", "features", "acled", "plover", "status")


def train(files: Sequence[Path], out: Path, settings: Settings = Settings(), *,
          progress: Callable[[str], object] | None = None) -> dict[str, Any]:
    """Fit the coder on `files`, write it to `out`, and return its manifest.  `progress`
    hears the name of each of TRAIN_STEPS as it is done."""
    done = progress or (lambda step: None)
    examples = load_corpus(files)
    texts = [e.text for e in examples]
    started = time.perf_counter()
    embeddings = load_encoder(settings.encoder).encode(texts)
    log.info("encoded %d examples in %.0f s", len(texts), time.perf_counter() - started)
    done("encode")
    featurizer = fit_featurizer(texts, embeddings, min_df=settings.min_df,
                                emb_weight=settings.emb_weight)
    features = featurizer.transform(texts, embeddings)
    done("features")
    out.mkdir(parents=True, exist_ok=True)
    featurizer.save(out / "features.npz")
    counts: dict[str, dict[str, int]] = {}
    for head in ("acled", "plover", "status"):
        y = labels(examples, head)
        model: LinearHead = fit(features, y, l2=settings.l2, balance=settings.balance)
        model.save(out / f"{head}.npz")
        counts[head] = dict(sorted(Counter(y).items()))
        log.info("head %s: %d classes", head, len(model.classes))
        done(head)
    manifest = {"encoder": settings.encoder, "settings": asdict(settings),
                "examples": len(examples), "files": [p.name for p in files],
                "training_sha256": files_digest(files), "vocabulary": len(featurizer.vocab),
                "label_counts": counts}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


def training_files(training: Path, extra: Sequence[Path] = ()) -> list[Path]:
    return corpus_files(training) + list(extra)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m conflictmap.coder.train",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--training", type=Path, default=DEFAULT_TRAINING)
    parser.add_argument("--extra", type=Path, action="append", default=[])
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    manifest = train(training_files(args.training, args.extra), args.out or packaged_models())
    print(f"trained on {manifest['examples']} examples -> {args.out or packaged_models()}")


if __name__ == "__main__":
    main()
