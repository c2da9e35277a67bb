"""Throughput and peak memory of `extract` against bare spaCy `nlp.pipe` on the same text.

    python benchmarks/bench_extract.py [--articles N] [--input FILE_OR_DIR ...]

Each side runs in its own subprocess so peak memory (max RSS) is its own. Prints words/s,
articles/s, peak MiB of each, and the ratio extract / bare spaCy (goal: >= 0.7).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [REPO / "src" / "conflictmap" / "data" / "samples", REPO / "tests" / "data"]


def load_texts(inputs: list[str], n: int) -> list[str]:
    from conflictmap.ingest import read_inputs
    from conflictmap.model import Article

    texts = [a.text for a in read_inputs(inputs) if isinstance(a, Article)]
    if not texts:
        sys.exit("no readable articles in the inputs")
    return [texts[i % len(texts)] + f"\n\n(copy {i})" for i in range(n)]


def run_side(side: str, inputs: list[str], n: int) -> dict[str, float]:
    texts = load_texts(inputs, n)
    if side == "spacy":
        from conflictmap.nlp import load_model

        nlp = load_model()
        nlp("warm up")
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
    else:
        from conflictmap import Article, Pipeline

        pipe = Pipeline.from_config()
        list(pipe.pipe([Article.from_text("Rebels attacked the town on Monday.")]))  # warm up
        start = time.perf_counter()
        events = sum(len(a.events) for a in pipe.pipe(Article.from_text(t) for t in texts))
    elapsed = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"words_per_s": words / elapsed, "articles_per_s": n / elapsed, "peak_mib": peak,
           "seconds": elapsed, "words": words}
    if side == "extract":
        out["events"] = events
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--input", action="append", default=None)
    parser.add_argument("--side", choices=["spacy", "extract"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    inputs = args.input or [str(p) for p in DEFAULT_INPUTS if p.exists()]
    if args.side:
        print(json.dumps(run_side(args.side, inputs, args.articles)))
        return
    results = {}
    for side in ("spacy", "extract"):
        cmd = [sys.executable, __file__, "--side", side, "--articles", str(args.articles)]
        for i in inputs:
            cmd += ["--input", i]
        results[side] = json.loads(subprocess.run(cmd, check=True, capture_output=True,
                                                  text=True).stdout)
    print(f"{'':10} {'words/s':>10} {'articles/s':>11} {'peak MiB':>9}")
    for side, r in results.items():
        print(f"{side:10} {r['words_per_s']:10.0f} {r['articles_per_s']:11.2f} {r['peak_mib']:9.0f}")
    ratio = results["extract"]["words_per_s"] / results["spacy"]["words_per_s"]
    print(f"extract / bare spaCy throughput: {ratio:.2f} (goal >= 0.70); "
          f"{results['extract']['events']} events from {args.articles} articles, "
          f"{results['spacy']['words']} words")


if __name__ == "__main__":
    main()
