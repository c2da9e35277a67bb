"""Cost of one long article: seconds per 10,000 characters and peak memory, by length.

    python benchmarks/bench_long.py [--lengths 10000 100000 1000000] [--input FILE_OR_DIR ...]

Each length runs in its own subprocess (so peak memory, max RSS, is its own): the text is
the sample articles repeated, paragraph after paragraph, up to the length, and goes
through the whole default pipeline as one article after a short warm-up.  Prints seconds,
seconds per 10 k characters, events and peak MiB per length, and the ratio of the largest
to the smallest seconds per 10 k characters (goal: <= 1.5, i.e. cost linear in length).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [REPO / "src" / "conflictmap" / "data" / "samples", REPO / "tests" / "data" / "inputs"]


def long_text(inputs: list[str], length: int) -> str:
    """Sample articles, one after another (blank line between), cut at a paragraph."""
    from conflictmap.ingest import read_inputs
    from conflictmap.model import Article

    texts = [a.text.strip() for a in read_inputs(inputs) if isinstance(a, Article)]
    if not texts:
        sys.exit("no readable articles in the inputs")
    parts: list[str] = []
    size, i = 0, 0
    while size < length:
        parts.append(texts[i % len(texts)])
        size += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:length]


def run_length(length: int, inputs: list[str]) -> dict[str, float]:
    from conflictmap import Article, Pipeline

    text = long_text(inputs, length)
    pipe = Pipeline.from_config()
    pipe(Article.from_text(long_text(inputs, 3000), published=dt.date(2016, 12, 14)))
    start = time.perf_counter()
    article = pipe(Article.from_text(text, published=dt.date(2016, 12, 14)))
    elapsed = time.perf_counter() - start
    return {"chars": len(text), "seconds": elapsed,
            "s_per_10k": elapsed / len(text) * 10_000, "events": len(article.events),
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--input", action="append", default=None)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    inputs = args.input or [str(p) for p in DEFAULT_INPUTS if p.exists()]
    if args.one:
        print(json.dumps(run_length(args.one, inputs)))
        return
    rates = []
    for length in args.lengths:
        cmd = [sys.executable, __file__, "--one", str(length)]
        for i in inputs:
            cmd += ["--input", i]
        run = json.loads(subprocess.run(cmd, check=True, capture_output=True,
                                        text=True).stdout.splitlines()[-1])
        rates.append(run["s_per_10k"])
        print(f"{run['chars']:>9,} chars  {run['seconds']:8.1f} s  "
              f"{run['s_per_10k']:6.2f} s per 10k chars  {run['events']:>6} events  "
              f"peak {run['peak_mib']:7.0f} MiB", flush=True)
    print(f"ratio slowest / fastest s per 10k chars: {max(rates) / min(rates):.2f} "
          f"(goal <= 1.5)")


if __name__ == "__main__":
    main()
