"""Scale benchmark: articles/s and words/s of extraction with 1 and 2 workers, in a local
process pool and on a Dask LocalCluster, against bare spaCy, with peak RSS per worker.

    .venv/bin/python benchmarks/bench_scale.py                      # 200 articles (minutes)
    .venv/bin/python benchmarks/bench_scale.py --articles 10000     # the long runs
    .venv/bin/python benchmarks/bench_scale.py --articles 100000 --runs dask:2

Articles come from `gen_articles.py` (150-1,200 words, about 60 % with events).  Each
run is its own subprocess; the workers load the model and are warmed up before the clock
starts, so the figures are steady-state throughput.  Runs: `spacy` (bare `nlp.pipe` in
one process, the reference), `local:N` (N=1: the pipeline in-process; N>1: the process
pool of `--workers N`), `dask:N` (a LocalCluster of N single-threaded workers).  Peak RSS
is the largest process's: the run's own for spacy and local:1, else the largest worker's
(sampled every 0.2 s with psutil).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

from gen_articles import make_articles

DEFAULT_RUNS = "spacy,local:1,local:2,dask:1,dask:2"


def _texts(n: int, offset: int = 0) -> list[str]:
    return list(make_articles(n + offset))[offset:]


def _articles(texts: list[str], offset: int = 0) -> Iterator[Any]:
    """Fresh articles, made as they are read: the pipeline parses them in place, so a list
    held here would keep every parse alive, which no real run does."""
    from conflictmap.model import Article

    return (Article(id=f"gen-{offset + i}", text=t) for i, t in enumerate(texts))


def _engine(kind: str, workers: int, stack: Any) -> Any:
    from conflictmap.pipeline import Pipeline
    from conflictmap.runner import ClusterEngine, LocalEngine, PoolEngine

    if kind == "local" and workers == 1:
        return LocalEngine(Pipeline.from_config())
    if kind == "local":
        return stack.enter_context(PoolEngine(workers))
    from conflictmap.distributed import connect

    return ClusterEngine(stack.enter_context(connect(None, n_workers=workers)))


def _code(engine: Any, articles: Iterable[Any], batch: int) -> int:
    from conflictmap.runner import coded_articles

    done = coded_articles(engine, articles, batch_size=batch, on_error=lambda e: None)
    return sum(len(a.events) for a in done)


class PeakRss:
    """Samples the RSS of every process below this one; the largest seen, in MiB."""

    def __init__(self, every: float = 0.2) -> None:
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    def _run(self, every: float) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.wait(every):
            for child in me.children(recursive=True):
                try:
                    self.peak = max(self.peak, child.memory_info().rss / 2**20)
                except psutil.Error:
                    continue

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_pipeline(kind: str, workers: int, n: int, batch: int) -> dict[str, float]:
    import contextlib

    texts = _texts(n)
    sampler = PeakRss()
    with contextlib.ExitStack() as stack:
        engine = _engine(kind, workers, stack)
        _code(engine, _articles(_texts(4 * workers, offset=n), offset=n), 2)  # model loads
        began = time.perf_counter()
        events = _code(engine, _articles(texts), batch)
        elapsed = time.perf_counter() - began
    workers_peak = sampler.stop()
    out = _figures(texts, elapsed) | {"events": events}
    if workers_peak:  # the workers are child processes
        out["peak_rss_mib"] = workers_peak
    return out


def run_spacy(n: int, batch: int) -> dict[str, float]:
    from conflictmap.nlp import load_model

    texts = _texts(n)
    nlp = load_model()
    list(nlp.pipe(_texts(4, offset=n)))
    began = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch):
        pass
    return _figures(texts, time.perf_counter() - began)


def _figures(texts: list[str], elapsed: float) -> dict[str, float]:
    words = sum(len(t.split()) for t in texts)
    return {"seconds": elapsed, "articles_per_s": len(texts) / elapsed,
            "words_per_s": words / elapsed, "words": words,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def side(run: str, n: int, batch: int) -> dict[str, float]:
    if run == "spacy":
        return run_spacy(n, batch)
    kind, _, workers = run.partition(":")
    return run_pipeline(kind, int(workers or 1), n, batch)


def runs(spec: str) -> Iterator[str]:
    for run in spec.split(","):
        kind, _, workers = run.strip().partition(":")
        if kind not in ("spacy", "local", "dask") or (workers and not workers.isdigit()):
            sys.exit(f"--runs: {run!r} is not spacy, local:N or dask:N")
        yield run.strip()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=200)
    p.add_argument("--batch", type=int, default=16, help="articles per batch")
    p.add_argument("--runs", default=DEFAULT_RUNS, help=f"default {DEFAULT_RUNS}")
    p.add_argument("--side", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.side:
        print(json.dumps(side(args.side, args.articles, args.batch)))
        return
    results: dict[str, dict[str, float]] = {}
    for run in runs(args.runs):
        out = subprocess.run([sys.executable, __file__, "--side", run, "--articles",
                              str(args.articles), "--batch", str(args.batch)],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"{run} failed:\n{out.stderr[-2000:]}")
        results[run] = json.loads(out.stdout.splitlines()[-1])
        print_row(run, results)
    print_summary(results)


def print_row(run: str, results: dict[str, dict[str, float]]) -> None:
    if len(results) == 1:
        print(f"{'run':8} {'articles/s':>10} {'words/s':>9} {'vs spaCy':>8} "
              f"{'vs 1 worker':>11} {'peak RSS/worker MiB':>20}")
    r = results[run]
    bare = results.get("spacy", {}).get("words_per_s")
    one = results.get(run.split(":")[0] + ":1", {}).get("words_per_s")
    print(f"{run:8} {r['articles_per_s']:10.2f} {r['words_per_s']:9.0f} "
          f"{r['words_per_s'] / bare if bare else float('nan'):8.2f} "
          f"{r['words_per_s'] / one if one else float('nan'):11.2f} "
          f"{r['peak_rss_mib']:20.0f}", flush=True)


def print_summary(results: dict[str, dict[str, float]]) -> None:
    first = next(iter(results.values()))
    events = {run: int(r["events"]) for run, r in results.items() if "events" in r}
    print(f"{int(first['words']):,} words per run; events found: "
          + ", ".join(f"{run} {n}" for run, n in events.items()))


if __name__ == "__main__":
    main()
