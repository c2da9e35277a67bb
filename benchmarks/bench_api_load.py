"""API load benchmark: `GET /events` on a store of 1,000,000 events, while an ingest runs.

    .venv/bin/python benchmarks/bench_api.py --load                     # 1,000,000 events
    .venv/bin/python benchmarks/bench_api.py --load --events 200000 --requests 500
    .venv/bin/python benchmarks/bench_api.py --load --no-ingest          # the API alone

The store is a SQLite file built once by bulk insert of generated events (the rows
`add_articles` would write, through the real schema and migrations, without spaCy or
deduplication) and cached (`--cache`, default ~/.cache/conflictmap-bench/); later runs
reuse it.  The server is the real CLI, `conflictmap serve`, on 127.0.0.1; meanwhile
`conflictmap ingest` writes generated articles into the same store (unless --no-ingest).
The load generator is bounded: `--concurrency` keep-alive connections (default 8), each
sending its next request when the last one is answered, with `Accept-Encoding: gzip`.
For each query kind it prints requests/s, p50 and p99 latency and the failures
(anything but 200).  Goal on a 2-core machine: 200 requests/s with p99 under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

from bench_api import cli, client, free_port, report, rss_mb, wait_ready
from bench_store import ACTORS, DAYS, START, articles

KINDS = {
    "default": lambda rng: "/events",
    "bbox+dates": lambda rng: _bbox(rng),
    "actor": lambda rng: f"/events?actor=actor-{rng.randrange(ACTORS)}",
    "text": lambda rng: f"/events?q={rng.choice(['drone', 'clash', 'protest', 'shelling'])}",
}


def _bbox(rng: random.Random) -> str:
    lon, lat = rng.uniform(-10, 55), rng.uniform(-10, 35)
    start = START + dt.timedelta(days=rng.randrange(DAYS - 90))
    return (f"/events?bbox={lon:.2f},{lat:.2f},{lon + 5:.2f},{lat + 5:.2f}"
            f"&start={start}&end={start + dt.timedelta(days=90)}")


def build_store(path: Path, n_events: int, seed: int = 7) -> None:
    """A SQLite store of N generated events (cached: kept when it already has them)."""
    from conflictmap.storage import open_store
    from conflictmap.storage.rows import article_row, event_row

    if path.exists() and _count(path) >= n_events:
        began = time.perf_counter()
        open_store(str(path)).close()  # pending migrations (new indexes) before the server
        print(f"store {path}: {_count(path):,} events (cached; opened and migrated in "
              f"{time.perf_counter() - began:.0f} s)")
        return
    path.unlink(missing_ok=True)
    open_store(str(path)).close()  # the real schema and migrations
    began, now = time.perf_counter(), dt.datetime(2024, 1, 1)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    batch_a: list[dict[str, object]] = []
    batch_e: list[dict[str, object]] = []
    for article in articles(n_events, seed):
        batch_a.append(article_row(article, version=1, now=now))
        batch_e += [event_row(e, article_id=article.id, now=now) for e in article.events]
        if len(batch_e) >= 50_000:
            _insert(conn, batch_a, batch_e)
            batch_a, batch_e = [], []
    _insert(conn, batch_a, batch_e)
    conn.execute("ANALYZE")
    conn.close()
    print(f"store {path}: {n_events:,} events built in {time.perf_counter() - began:.0f} s")


def _insert(conn: sqlite3.Connection, arts: list[dict[str, object]],
            evs: list[dict[str, object]]) -> None:
    for table, rows in (("articles", arts), ("events", evs)):
        if rows:
            cols = list(rows[0])
            conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                             f"({', '.join(':' + c for c in cols)})", rows)
    conn.commit()


def _count(path: Path) -> int:
    try:
        with sqlite3.connect(path) as conn:
            return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    except sqlite3.Error:
        return 0


def ingest_inputs(folder: Path, n: int) -> Path:
    """N short news articles for the concurrent ingest."""
    from gen_articles import make_articles  # realistic generated texts

    path = folder / "live.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(make_articles(n)):
            fh.write(json.dumps({"id": f"live-{i}", "text": text,
                                 "published": "2019-06-01"}) + "\n")
    return path


async def run_kind(port: int, paths: list[str], concurrency: int
                   ) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    failures: list[str] = []
    began = time.perf_counter()
    await asyncio.gather(*(client(port, paths[i::concurrency], latencies, failures)
                           for i in range(concurrency)))
    return latencies, failures, time.perf_counter() - began


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--load", action="store_true")
    p.add_argument("--events", type=int, default=1_000_000)
    p.add_argument("--requests", type=int, default=1000, help="per query kind")
    p.add_argument("--concurrency", type=int, default=8)
    p.add_argument("--cache", default=str(Path.home() / ".cache" / "conflictmap-bench"))
    p.add_argument("--no-ingest", action="store_true", help="no ingest during the run")
    p.add_argument("--config", help="TOML settings for the server")
    p.add_argument("--server-workers", type=int, default=1, help="serve --workers N")
    args = p.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    db = cache / f"api-{args.events}.db"
    build_store(db, args.events)
    port, rng = free_port(), random.Random(17)
    settings = ["--config", args.config] if args.config else []
    server = subprocess.Popen(cli("--db", str(db), *settings, "serve", "--port", str(port),
                                  "--workers", str(args.server_workers)),
                              stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        ingest = None
        try:
            wait_ready(port, server)
            time.sleep(5 if args.server_workers > 1 else 0)  # every process listening
            if not args.no_ingest:
                ingest = subprocess.Popen(cli("--db", str(db), "-q", "ingest",
                                              str(ingest_inputs(Path(tmp), 2000))),
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            warm = [KINDS[k](rng) for k in KINDS for _ in range(25)]
            asyncio.run(run_kind(port, warm, args.concurrency))
            print(f"{_count(db):,} events; {args.concurrency} connections; "
                  f"{args.server_workers} server process(es); ingest "
                  f"{'off' if ingest is None else 'running'}; server RSS "
                  f"{rss_mb(server.pid):.0f} MB")
            for kind, make in KINDS.items():
                paths = [make(rng) for _ in range(args.requests)]
                report(f"{kind:>10}", *asyncio.run(run_kind(port, paths, args.concurrency)))
            if ingest is not None:
                print(f"ingest still running: {ingest.poll() is None}; events now "
                      f"{_count(db):,}")
        finally:
            for proc in (ingest, server):
                if proc is not None:
                    proc.terminate()
                    proc.wait(timeout=30)
