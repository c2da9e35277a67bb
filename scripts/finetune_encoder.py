"""Fine-tune the top layer of the packaged MiniLM-L3 on the training corpus (experiment).

Needs torch and transformers, which the default install leaves out, e.g. in a separate
virtualenv: `pip install torch==2.13.0 transformers numpy onnx onnxruntime tokenizers`.

    python scripts/finetune_encoder.py --epochs 3 --out weights.npz

The packaged ONNX model's weights are loaded into a torch BERT (checked to give the same
embeddings), layers 0-1 are frozen (their outputs computed once), and layer 2 is trained
with three linear heads (ACLED act, status, PLOVER) on `training/*.jsonl`. The output
holds only the changed weights, as float16, keyed by the ONNX initializer names: name it
in an `encoders.json` entry (`weights_file`, `weights_sha256`) and retrain the heads with
`conflictmap train`. Measured on 2026-12-03 (3 epochs, 31 min on 2 loaded cores): see
docs/model-card.md, "Fine-tuning the encoder".
"""

from __future__ import annotations

import argparse
import glob
import json
import random
from importlib.metadata import distribution
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
PREFIX = "model.0.auto_model."
MATMULS = ("attention.self.query", "attention.self.key", "attention.self.value",
           "attention.output.dense", "intermediate.dense", "output.dense")


def onnx_arrays() -> dict[str, np.ndarray]:
    import onnx
    from onnx import numpy_helper

    spec = json.loads((REPO / "src/conflictmap/data/encoder/encoders.json").read_text())[0]
    path = distribution(spec["distribution"]).locate_file(spec["model_file"])
    return {i.name: numpy_helper.to_array(i) for i in onnx.load(str(path)).graph.initializer}


def torch_bert(named: dict[str, np.ndarray]) -> tuple[Any, dict[str, str]]:
    """A transformers BertModel holding the ONNX weights; and torch name -> ONNX name for
    the MatMul weights the export renamed (stored transposed, in layer order)."""
    import torch
    from transformers import BertConfig, BertModel

    config = BertConfig(vocab_size=30522, hidden_size=384, num_hidden_layers=3,
                        num_attention_heads=12, intermediate_size=1536)
    model = BertModel(config, add_pooling_layer=False)
    state = {k[len(PREFIX):]: torch.tensor(v) for k, v in named.items() if k.startswith(PREFIX)}
    matmuls = sorted((k for k in named if k.startswith("onnx::MatMul_")),
                     key=lambda k: int(k.rsplit("_", 1)[1]))
    renamed = {}
    for n, key in enumerate(matmuls):
        layer, part = divmod(n, len(MATMULS))
        name = f"encoder.layer.{layer}.{MATMULS[part]}.weight"
        state[name] = torch.tensor(named[key].T.copy())
        renamed[name] = key
    model.load_state_dict(state, strict=False)
    return model.eval(), renamed


def load_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for f in sorted(glob.glob(str(REPO / "training/*.jsonl")))
            for line in open(f, encoding="utf-8") if line.strip()]


def cache_layer_inputs(model: Any, texts: list[str]) -> list[Any]:
    """The hidden states entering the top layer, one unpadded matrix per text."""
    import torch
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(REPO / "src/conflictmap/data/encoder/tokenizer.json"))
    tok.enable_truncation(128)
    tok.enable_padding()
    out: list[Any] = [None] * len(texts)
    with torch.no_grad():
        for start in range(0, len(texts), 64):
            enc = tok.encode_batch(texts[start:start + 64])
            ids = torch.tensor([e.ids for e in enc])
            mask = torch.tensor([e.attention_mask for e in enc])
            hidden = model(input_ids=ids, attention_mask=mask,
                           output_hidden_states=True).hidden_states[2]
            for k in range(len(enc)):
                out[start + k] = hidden[k, :int(mask[k].sum())].clone()
    return out


def train_top(model: Any, cached: list[Any], rows: list[dict[str, Any]], epochs: float,
              lr: float, batch: int = 32) -> None:
    import torch

    fields = {"acled": 1.0, "status": 0.5, "plover": 0.3}
    classes = {f: sorted({r[f] or "none" for r in rows}) for f in fields}
    top = model.encoder.layer[2]
    for p in model.parameters():
        p.requires_grad = False
    for p in top.parameters():
        p.requires_grad = True
    heads = torch.nn.ModuleDict({f: torch.nn.Linear(384, len(c)) for f, c in classes.items()})
    opt = torch.optim.AdamW([{"params": top.parameters(), "lr": lr},
                             {"params": heads.parameters(), "lr": 2e-3}], weight_decay=0.01)
    steps = int(epochs * len(rows) / batch)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, 1 - s / steps))
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    by_len = sorted(range(len(rows)), key=lambda i: cached[i].shape[0])
    top.train()
    step = 0
    while step < steps:
        chunks = [by_len[s:s + batch] for s in range(0, len(by_len) - batch + 1, batch)]
        random.shuffle(chunks)
        for idx in chunks[:steps - step]:
            width = max(cached[i].shape[0] for i in idx)
            hidden, mask = torch.zeros(len(idx), width, 384), torch.zeros(len(idx), width)
            for k, i in enumerate(idx):
                hidden[k, :cached[i].shape[0]] = cached[i]
                mask[k, :cached[i].shape[0]] = 1
            ext = (1.0 - mask[:, None, None, :]) * torch.finfo(torch.float32).min
            z = top(hidden, attention_mask=ext)
            z = z[0] if isinstance(z, tuple) else z
            z = (z * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
            loss = sum(w * loss_fn(heads[f](z), torch.tensor(
                [classes[f].index(rows[i][f] or "none") for i in idx])) for f, w in fields.items())
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(top.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 50 == 0:
                print(f"step {step}/{steps} loss {float(loss):.3f}", flush=True)
    model.eval()


def changed_weights(model: Any, renamed: dict[str, str],
                    named: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    out = {}
    for key, value in model.state_dict().items():
        onnx_name = renamed.get(key, PREFIX + key)
        array = value.numpy().T if key in renamed else value.numpy()
        if onnx_name in named and not np.array_equal(array, named[onnx_name]):
            out[onnx_name] = array.astype(np.float16)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    import torch

    torch.manual_seed(0)
    random.seed(0)
    named = onnx_arrays()
    model, renamed = torch_bert(named)
    rows = load_rows()
    cached = cache_layer_inputs(model, [r["text"] for r in rows])
    train_top(model, cached, rows, args.epochs, args.lr)
    weights = changed_weights(model, renamed, named)
    np.savez_compressed(args.out, **weights)
    print(f"{len(weights)} arrays, {sum(v.size for v in weights.values())} values -> {args.out}")


if __name__ == "__main__":
    main()
