"""`conflictmap serve` and `conflictmap demo`, run as a user runs them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from conflictmap.cli import main


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(url: str, proc: subprocess.Popen[str], seconds: float = 60) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def start(args: list[str], db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "CONFLICTMAP_DB": str(db)}
    return subprocess.Popen([sys.executable, "-m", "conflictmap", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture
def stop() -> Iterator[list[subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_cli_serves_the_store_it_is_given(make_sample_store: Any, tmp_path: Path,
                                                stop: list[Any]) -> None:
    db = tmp_path / "served.db"
    make_sample_store(db).close()
    port = free_port()
    stop.append(proc := start(["serve", "--port", str(port)], db))
    body = wait_for(f"http://127.0.0.1:{port}/events?country=SDN", proc).json()
    assert body["total"] == 4
    page = httpx.get(f"http://127.0.0.1:{port}/")
    assert page.status_code == 200 and "conflictmap" in page.text


def test_serve_cli_rejects_a_bad_port() -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "70000" in result.output


@pytest.mark.slow
def test_serve_cli_demo_ingests_the_samples_and_prints_their_events(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["--db", str(db), "demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "Wad Medani" in result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["date", "status", "type"]
    assert lines[-1] == f"{len(lines) - 2} events"
    assert "new  sample-wad-madani-falls" in result.stderr
    again = CliRunner().invoke(main, ["--db", str(db), "demo", "--no-serve"])
    assert "unchanged  sample-wad-madani-falls" in again.stderr  # re-running never duplicates
    assert again.stdout.splitlines()[-1] == lines[-1]


@pytest.mark.slow
def test_serve_cli_demo_serves_the_map_and_prints_its_address(tmp_path: Path,
                                                              stop: list[Any]) -> None:
    port = free_port()
    stop.append(proc := start(["demo", "--port", str(port)], tmp_path / "demo.db"))
    page = wait_for(f"http://127.0.0.1:{port}/", proc, seconds=120)
    assert '<div id="map"' in page.text
    assert httpx.get(f"http://127.0.0.1:{port}/events").json()["total"] > 0
    proc.terminate()
    output, _ = proc.communicate(timeout=10)
    assert f"http://localhost:{port}/" in output


def test_serve_cli_workers_serve_the_store_from_several_processes(
        make_sample_store: Any, tmp_path: Path, stop: list[Any]) -> None:
    import psutil

    db = tmp_path / "multi.db"
    make_sample_store(db).close()
    port = free_port()
    stop.append(proc := start(["serve", "--port", str(port), "--workers", "2"], db))
    page = wait_for(f"http://127.0.0.1:{port}/events?limit=3", proc, seconds=120)
    assert page.status_code == 200 and page.json()["total"] == 7
    answers = [httpx.get(f"http://127.0.0.1:{port}/events?actor=SDN.MIL") for _ in range(6)]
    assert {len(a.json()["events"]) for a in answers} == {3}
    servers = [p for p in psutil.Process(proc.pid).children(recursive=True)
               if "resource_tracker" not in " ".join(p.cmdline())]
    assert len(servers) == 2
