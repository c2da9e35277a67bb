"""API load benchmark: `GET /events` on a store of 1,000,000 events, while an ingest runs.

    .venv/bin/python benchmarks/bench_api.py --load                     # 1,000,000 events
    .venv/bin/python benchmarks/bench_api.py --load --events 200000 --requests 500
    .venv/bin/python benchmarks/bench_api.py --load --no-ingest          # the API alone
    .venv/bin/python benchmarks/bench_api.py --load --kinds all          # + rare words, unknown names
    .venv/bin/python benchmarks/bench_api.py --load --cpu 200            # CPU ms per request, in-process

The store is a SQLite file built once by bulk insert of generated events (the rows
`add_articles` would write, through the real schema and migrations, without spaCy or
deduplication) and cached (`--cache`, default ~/.cache/conflictmap-bench/); later runs
reuse it.  The server is the real CLI, `conflictmap serve`, on 127.0.0.1; meanwhile
`conflictmap ingest` writes generated articles into the same store (unless --no-ingest),
in batches of --ingest-batch articles (one transaction each, so the server's page cache
is invalidated at every batch); the timed runs start once its first batch is written,
and the events it wrote during them are printed.
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
import os
import random
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_api import cli, client, free_port, report, rss_mb, wait_ready
from bench_store import ACTORS, DAYS, START, articles

KINDS = {
    "default": lambda rng: "/events",
    "bbox+dates": lambda rng: _bbox(rng),
    "actor": lambda rng: f"/events?actor=actor-{rng.randrange(ACTORS)}",
    "text": lambda rng: f"/events?q={rng.choice(['drone', 'clash', 'protest', 'shelling'])}",
}
RARE_KINDS = {  # --kinds all: each request new, few or no matches
    "text-rare": lambda rng: f"/events?q={rng.randrange(10_000, 100_000)}",  # ~10 events
    "actor-unknown": lambda rng: f"/events?actor=Unknown%20Group%20{rng.randrange(10**6)}",
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


def wait_for_write(db: Path, since: int, timeout: float) -> float | None:
    """Seconds until an event with a rowid above `since` is stored; None at the timeout."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if _last_rowid(db) > since:
            return time.monotonic() - began
        time.sleep(0.5)
    return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _last_rowid(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0])


def cpu_per_request(db: Path, kinds: dict[str, Any], n: int) -> None:
    """In-process: CPU ms per `GET /events` of each kind through the ASGI app, page
    cache off (steadier than wall-clock figures on a shared machine)."""
    from conflictmap.api import create_app
    from conflictmap.config import load_config
    from conflictmap.storage import open_store

    store = open_store(str(db))
    app = create_app(store, config=load_config(overrides={"api.page_cache_mb": 0}))
    rng = random.Random(17)
    for kind, make in kinds.items():
        paths = [make(rng) for _ in range(n)]
        asyncio.run(_asgi_gets(app, paths[:5]))  # warm-up
        began = time.process_time()
        statuses = asyncio.run(_asgi_gets(app, paths))
        ms = (time.process_time() - began) * 1000 / n
        print(f"{kind:>13}: {ms:.2f} ms CPU per request ({n} requests, "
              f"{sum(s != 200 for s in statuses)} failed)")
    store.close()


async def _asgi_gets(app: Any, paths: list[str]) -> list[int]:
    return [await _asgi_get(app, path) for path in paths]


async def _asgi_get(app: Any, path: str) -> int:
    route, _, query = path.partition("?")
    scope = {"type": "http", "method": "GET", "path": route, "raw_path": route.encode(),
             "query_string": query.encode(), "scheme": "http", "http_version": "1.1",
             "headers": [(b"host", b"127.0.0.1"), (b"accept-encoding", b"gzip")],
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "root_path": ""}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return int(sent[0]["status"])


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
    p.add_argument("--ingest-batch", type=int, default=4,
                   help="articles per ingest transaction (pipeline.batch_size)")
    p.add_argument("--kinds", choices=["four", "all"], default="four",
                   help="all: also rare words and unknown actor names")
    p.add_argument("--cpu", type=int, default=0, metavar="N",
                   help="only print CPU ms per request, N in-process requests per kind")
    args = p.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    db = cache / f"api-{args.events}.db"
    build_store(db, args.events)
    kinds = KINDS | (RARE_KINDS if args.kinds == "all" else {})
    if args.cpu:
        cpu_per_request(db, kinds, args.cpu)
        return
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
                ingest = start_ingest(db, Path(tmp), args.ingest_batch)
            warm = [kinds[k](rng) for k in kinds for _ in range(25)]
            asyncio.run(run_kind(port, warm, args.concurrency))
            print(f"{_count(db):,} events; {args.concurrency} connections; "
                  f"{args.server_workers} server process(es); ingest "
                  f"{'off' if ingest is None else 'writing'}; server RSS "
                  f"{rss_mb(server.pid):.0f} MB")
            before = _last_rowid(db)
            for kind, make in kinds.items():
                paths = [make(rng) for _ in range(args.requests)]
                cpu = cpu_seconds(server.pid)
                report(f"{kind:>13}", *asyncio.run(run_kind(port, paths, args.concurrency)))
                print(f"{'':>15}server CPU {(cpu_seconds(server.pid) - cpu) * 1000 / len(paths):.2f}"
                      " ms per request")
            if ingest is not None:
                print(f"ingest still running: {ingest.poll() is None}; events it stored "
                      f"during the timed runs: {_last_rowid(db) - before:,}")
        finally:
            for proc in (ingest, server):
                if proc is not None:
                    proc.terminate()
                    proc.wait(timeout=30)


def start_ingest(db: Path, tmp: Path, batch: int) -> subprocess.Popen[bytes]:
    """`conflictmap ingest` of generated articles, `batch` per transaction, once it has
    written its first batch (so that the timed runs see writes)."""
    settings = tmp / "ingest.toml"
    settings.write_text(f"[pipeline]\nbatch_size = {batch}\n", encoding="utf-8")
    since = _last_rowid(db)
    proc = subprocess.Popen(cli("--db", str(db), "--config", str(settings), "-q", "ingest",
                                str(ingest_inputs(tmp, 2000))),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    waited = wait_for_write(db, since, timeout=600)
    print("ingest: no batch written in 600 s" if waited is None
          else f"ingest: first batch written after {waited:.0f} s")
    return proc
