"""The packaged sentence encoder: loaded offline, pinned by hash, fine-tuned weights applied."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import numpy as np
import pytest

from conflictmap.encoder import OnnxEncoder, encoder_specs, load_encoder
from conflictmap.errors import ConflictmapError

BASE = "paraphrase-MiniLM-L3-v2"
TEXTS = ["Rebels seized the town of Kafr Nabl on Monday.",
         "The ministry announced a new budget for schools."]


def test_the_packaged_encoder_gives_one_row_per_text_in_any_order() -> None:
    enc = load_encoder(BASE)
    both = enc.encode(TEXTS)
    assert both.shape == (2, 384)
    assert np.allclose(enc.encode(TEXTS[::-1])[::-1], both, atol=1e-5)
    cos = float(both[0] @ both[1] / np.linalg.norm(both[0]) / np.linalg.norm(both[1]))
    assert cos < 0.9  # different sentences, different vectors


def test_a_model_file_with_the_wrong_hash_is_refused() -> None:
    spec = dataclasses.replace(encoder_specs()[BASE], model_sha256="0" * 64)
    with pytest.raises(ConflictmapError, match="sha256"):
        OnnxEncoder(spec)


def _weights(tmp_path: Path, scale: float) -> tuple[Path, str]:
    path = tmp_path / "weights.npz"
    name = "model.0.auto_model.encoder.layer.2.output.LayerNorm.weight"
    np.savez(path, **{name: np.full(384, scale, dtype=np.float16)})
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


def test_fine_tuned_weights_replace_the_packaged_ones(tmp_path: Path) -> None:
    path, digest = _weights(tmp_path, 2.0)
    spec = dataclasses.replace(encoder_specs()[BASE], name="tuned", weights_file=str(path),
                               weights_sha256=digest)
    tuned = OnnxEncoder(spec).encode(TEXTS)
    base = load_encoder(BASE).encode(TEXTS)
    assert not np.allclose(tuned, base, atol=1e-3)


def test_a_weights_file_with_the_wrong_hash_is_refused(tmp_path: Path) -> None:
    path, _ = _weights(tmp_path, 2.0)
    spec = dataclasses.replace(encoder_specs()[BASE], weights_file=str(path),
                               weights_sha256="f" * 64)
    with pytest.raises(ConflictmapError, match="weights.npz has sha256"):
        OnnxEncoder(spec)
