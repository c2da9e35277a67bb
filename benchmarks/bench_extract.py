"""Throughput and peak memory of `extract` against bare spaCy `nlp.pipe` on the same text.

    python benchmarks/bench_extract.py [--articles N] [--input FILE_OR_DIR ...] [--generated]

Each side runs in its own subprocess so peak memory (max RSS) is its own; the sides
alternate `--repeat` times and the best run of each is kept, so background load on a
shared machine does not decide the ratio. Prints words/s, articles/s, peak MiB of each,
and the ratio extract / bare spaCy (goal: >= 0.6 with the learned coder).

The default inputs are 11 short articles (about 55 words) repeated; `--generated` uses
distinct generated articles of 150-1,200 words instead (gen_articles.py), where spaCy's
working memory per batch, not the models, decides the peak.  Measured figures are in
docs/model-card.md (Cost).
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
DEFAULT_INPUTS = [REPO / "src" / "conflictmap" / "data" / "samples", REPO / "tests" / "data" / "inputs"]


def load_texts(inputs: list[str], n: int, generated: bool = False) -> list[str]:
    if generated:  # n distinct articles of 150-1,200 words
        sys.path.insert(0, str(Path(__file__).parent))
        from gen_articles import make_articles

        return list(make_articles(n))
    from conflictmap.ingest import read_inputs
    from conflictmap.model import Article

    texts = [a.text for a in read_inputs(inputs) if isinstance(a, Article)]
    if not texts:
        sys.exit("no readable articles in the inputs")
    return [texts[i % len(texts)] + f"\n\n(copy {i})" for i in range(n)]


def run_side(side: str, inputs: list[str], n: int, generated: bool) -> dict[str, float]:
    texts = load_texts(inputs, n, generated)
    if side == "spacy":
        from conflictmap.nlp import load_model

        nlp = load_model()
        list(nlp.pipe(texts[:4]))  # warm up on real text, as the other side does
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
    else:
        from conflictmap import Article, Pipeline

        pipe = Pipeline.from_config()
        list(pipe.pipe(Article.from_text(t) for t in texts[:4]))  # warm up: loads lazy indexes
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
    parser.add_argument("--repeat", type=int, default=3,
                        help="Alternate runs per side; the best of each is reported.")
    parser.add_argument("--input", action="append", default=None)
    parser.add_argument("--generated", action="store_true",
                        help="Distinct generated articles (gen_articles.py, 150-1,200 words) "
                             "instead of the inputs.")
    parser.add_argument("--side", choices=["spacy", "extract"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    inputs = args.input or [str(p) for p in DEFAULT_INPUTS if p.exists()]
    if args.side:
        print(json.dumps(run_side(args.side, inputs, args.articles, args.generated)))
        return
    results: dict[str, dict[str, float]] = {}
    for _ in range(args.repeat):  # alternate sides so background load hits both alike
        for side in ("spacy", "extract"):
            cmd = [sys.executable, __file__, "--side", side, "--articles", str(args.articles)]
            cmd += ["--generated"] if args.generated else []
            for i in inputs:
                cmd += ["--input", i]
            run = json.loads(subprocess.run(cmd, check=True, capture_output=True,
                                            text=True).stdout)
            if run["words_per_s"] > results.get(side, {}).get("words_per_s", 0):
                results[side] = run
    print(f"{'':10} {'words/s':>10} {'articles/s':>11} {'peak MiB':>9}")
    for side, r in results.items():
        print(f"{side:10} {r['words_per_s']:10.0f} {r['articles_per_s']:11.2f} {r['peak_mib']:9.0f}")
    ratio = results["extract"]["words_per_s"] / results["spacy"]["words_per_s"]
    print(f"extract / bare spaCy throughput: {ratio:.2f} (goal >= 0.6); "
          f"{results['extract']['events']} events from {args.articles} articles, "
          f"{results['spacy']['words']} words")


if __name__ == "__main__":
    main()
