"""API soak benchmark: many concurrent requests against `conflictmap serve`, with the
server's memory (RSS) printed as it goes.

    .venv/bin/python benchmarks/bench_api.py --soak            # 20,000 requests, 64 at a time
    .venv/bin/python benchmarks/bench_api.py --requests 2000   # a quick run
    .venv/bin/python benchmarks/bench_api.py --load            # 1,000,000 events, see
                                                               # bench_api_load.py

The store is a fresh SQLite file filled through the real CLI (`conflictmap import-acled`
of a synthetic ACLED CSV: no spaCy). The server is the real CLI, `conflictmap serve`, on
127.0.0.1, in its own process; the clients are asyncio keep-alive connections issuing a
mix of `GET /events` (json, geojson, csv, filtered), `/events/{id}`, `/actors` and
`/control`. Printed: RSS after warm-up, every few seconds, and after the run (with the
ratio to after warm-up; goal 1.5x at most), requests/s and latency p50/p99.

Measured (`--soak --page 100`, 5,000 events, 64 connections, 2 CPU cores shared with
other jobs, so req/s and latency are low and noisy; RSS is the figure):
before, 40 threads and glibc's default arenas (`--config` with api.threads = 40,
api.malloc_arenas = 0): RSS 492.5 MB after warm-up, 575.3 MB some 2,000 requests later
(stopped there); after (the defaults, 8 threads, 2 arenas): 270.5 MB after warm-up,
309.5 MB after 20,000 requests = 1.14x; 17 req/s, p50 3.0 s, p99 13.7 s, 0 failed.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUB_TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
             ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
             ("Battles", "Non-state actor overtakes territory")]
COLUMNS = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
           "actor1", "actor2", "inter1", "inter2", "iso", "country", "location", "latitude",
           "longitude", "geo_precision", "notes", "fatalities"]
WARMUP = 1000


def write_acled_csv(path: Path, events: int, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        for i in range(events):
            kind, sub = rng.choice(SUB_TYPES)
            day = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            place = rng.randrange(400)
            out.writerow([f"B{i}", day, "1", kind, sub, f"Armed Group {rng.randrange(60)}",
                          f"Civilians ({rng.randrange(20)})", "3", "7", "729", "Sudan",
                          f"Place {place}", f"{8 + place % 20 * 0.5:.2f}",
                          f"{22 + place // 20 * 0.6:.2f}", "1",
                          f"Report {i}: " + f"Armed Group clashed near Place {place}. " * 3,
                          str(rng.randrange(10))])


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "conflictmap", *args]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def request_paths(rng: random.Random, n: int, page: int) -> list[str]:
    mix = 4 * [f"/events?limit={page}&offset={{o}}", "/events?format=geojson&limit=50",
               "/events?format=csv&limit=50", "/events?q=clashed&limit=20&offset={o}",
               "/events?bbox=20,5,40,20&start=2018-01-01&end=2020-12-31&limit=20",
               "/events/acled-B{i}", "/events?actor=Armed%20Group%20{a}&limit=20"]
    mix += ["/actors?limit=20", "/control?date={y}-06-01"]  # the heavier ones, rarer
    return [rng.choice(mix).format(o=rng.randrange(300), i=rng.randrange(5000),
                                   y=rng.randint(2015, 2024), a=rng.randrange(60))
            for _ in range(n)]


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n"
                 .encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    await reader.readexactly(length)
    return status


async def client(port: int, paths: list[str], latencies: list[float],
                 failures: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for path in paths:
        began = time.perf_counter()
        status = await fetch(reader, writer, path)
        latencies.append(time.perf_counter() - began)
        if status != 200 and not (status == 404 and path.startswith("/events/")):
            failures.append(f"{status} {path}")
    writer.close()


async def sample_rss(pid: int, every: float, began: float) -> None:
    while True:
        await asyncio.sleep(every)
        print(f"  {time.perf_counter() - began:6.1f} s  RSS {rss_mb(pid):7.1f} MB", flush=True)


async def load(port: int, pid: int, paths: list[str], concurrency: int,
               every: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    failures: list[str] = []
    began = time.perf_counter()
    sampler = asyncio.create_task(sample_rss(pid, every, began))
    await asyncio.gather(*(client(port, paths[i::concurrency], latencies, failures)
                           for i in range(concurrency)))
    sampler.cancel()
    return latencies, failures, time.perf_counter() - began


def wait_ready(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"conflictmap serve exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("conflictmap serve did not start in 60 s")


def report(label: str, latencies: list[float], failures: list[str], secs: float) -> None:
    q = statistics.quantiles(latencies, n=100)
    print(f"{label}: {len(latencies):,} requests in {secs:.1f} s = {len(latencies) / secs:,.0f}"
          f" req/s; p50 {q[49] * 1000:.1f} ms, p99 {q[98] * 1000:.1f} ms; "
          f"{len(failures)} failed{' (' + failures[0] + ')' if failures else ''}")


def main() -> None:
    if "--load" in sys.argv:
        from bench_api_load import main as load_main

        load_main()
        return
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--load", action="store_true",
                   help="the 1,000,000-event load run (benchmarks/bench_api_load.py)")
    p.add_argument("--soak", action="store_true", help="20,000 requests (the soak run)")
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--concurrency", type=int, default=64)
    p.add_argument("--events", type=int, default=5000, help="events in the store")
    p.add_argument("--every", type=float, default=5.0, help="seconds between RSS lines")
    p.add_argument("--page", type=int, default=20, help="limit of the plain /events pages")
    p.add_argument("--config", help="TOML settings for the server (e.g. api.threads)")
    args = p.parse_args()
    total = 20_000 if args.soak else args.requests
    rng = random.Random(18)
    with tempfile.TemporaryDirectory() as tmp:
        source, db = Path(tmp) / "bench.csv", str(Path(tmp) / "bench.db")
        write_acled_csv(source, args.events, rng)
        subprocess.run(cli("--db", db, "import-acled", str(source)), check=True,
                       stdout=subprocess.DEVNULL)
        port = free_port()
        settings = ["--config", args.config] if args.config else []
        proc = subprocess.Popen(cli("--db", db, *settings, "serve", "--port", str(port)),
                                stdout=subprocess.DEVNULL, env=os.environ.copy())
        try:
            wait_ready(port, proc)
            print(f"server pid {proc.pid}: RSS at start {rss_mb(proc.pid):.1f} MB; "
                  f"{args.events:,} events; {args.concurrency} concurrent connections")
            warm = asyncio.run(load(port, proc.pid, request_paths(rng, WARMUP, args.page),
                                    args.concurrency, 1e9))
            after_warmup = rss_mb(proc.pid)
            report("warm-up", *warm)
            print(f"RSS after warm-up {after_warmup:.1f} MB")
            soak = asyncio.run(load(port, proc.pid, request_paths(rng, total, args.page),
                                    args.concurrency, args.every))
            after = rss_mb(proc.pid)
            report("soak" if args.soak else "run", *soak)
            print(f"RSS after the run {after:.1f} MB = {after / after_warmup:.2f}x after "
                  "warm-up (goal: 1.5x at most)")
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
