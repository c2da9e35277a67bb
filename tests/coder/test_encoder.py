"""The packaged sentence encoder: loaded offline, pinned by hash, fine-tuned weights applied."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from conflictmap.coder.model import MANIFEST, packaged_models
from conflictmap.encoder import DEFAULT_ENCODER, OnnxEncoder, encoder_specs, load_encoder
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


def test_the_coder_ships_on_the_int8_encoder_made_from_the_packaged_one() -> None:
    manifest = json.loads((packaged_models() / MANIFEST).read_text())
    assert manifest["encoder"] == DEFAULT_ENCODER == "paraphrase-MiniLM-L3-v2-int8"
    small = load_encoder(DEFAULT_ENCODER).encode(TEXTS)
    base = load_encoder(BASE).encode(TEXTS)
    for a, b in zip(small, base):  # the same meaning, up to int8 rounding
        assert float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)) > 0.93
    cos = float(small[0] @ small[1] / np.linalg.norm(small[0]) / np.linalg.norm(small[1]))
    assert cos < 0.9


def test_the_int8_model_is_pinned_by_hash() -> None:
    spec = dataclasses.replace(encoder_specs()[DEFAULT_ENCODER], model_sha256="1" * 64)
    with pytest.raises(ConflictmapError, match="int8.onnx has sha256"):
        OnnxEncoder(spec)
