"""Choose the coder stage's thresholds on examples held out of the training corpus.

Neither the development data (`../shared/eval/`) nor the blind set takes part: 1,500
examples of `training/*.jsonl` (seeded shuffle) are held out, the heads are trained on the
rest, and the whole pipeline is scored on the held-out texts for each setting of the grid.

    python scripts/choose_thresholds.py [--work /tmp/thresholds]

Prints weighted and macro F1 per setting, best last. Measured on 2026-12-04: see
docs/model-card.md, "Thresholds".
"""

from __future__ import annotations

import argparse
import glob
import itertools
import random
from pathlib import Path

from conflictmap.coder.train import train
from conflictmap.config import load_config
from conflictmap.evaluation.subevent import evaluate
from conflictmap.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
GRID = {"retype": (0.25, 0.35, 0.5), "drop": (0.3, 0.4, 0.5), "add": (0.5, 0.7),
        "status": (0.7, 0.9)}


def split(work: Path, held: int = 1500, seed: int = 7) -> tuple[Path, Path]:
    rows = [line for f in sorted(glob.glob(str(REPO / "training/*.jsonl")))
            for line in open(f, encoding="utf-8") if line.strip()]
    random.Random(seed).shuffle(rows)
    work.mkdir(parents=True, exist_ok=True)
    (work / "holdout.jsonl").write_text("".join(rows[:held]), encoding="utf-8")
    (work / "rest.jsonl").write_text("".join(rows[held:]), encoding="utf-8")
    return work / "holdout.jsonl", work / "rest.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/conflictmap-thresholds"))
    args = parser.parse_args()
    holdout, rest = split(args.work)
    models = args.work / "models"
    train([rest], models)
    results = []
    for values in itertools.product(*GRID.values()):
        setting = dict(zip(GRID, values))
        cfg = load_config(overrides={"stages.coder.models": str(models)} |
                          {f"stages.coder.{k}": v for k, v in setting.items()})
        m = evaluate(holdout, pipeline=Pipeline.from_config(cfg)).metrics
        results.append((m["weighted_f1"], m["macro_f1"], setting))
        print(f"{setting}  weighted {m['weighted_f1']:.3f}  macro {m['macro_f1']:.3f}", flush=True)
    best = max(results, key=lambda r: r[:2])
    print(f"best: {best[2]}  weighted {best[0]:.3f}  macro {best[1]:.3f}")


if __name__ == "__main__":
    main()
