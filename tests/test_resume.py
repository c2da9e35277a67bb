"""Resumable ingest: the manifest of inputs done, one transaction per batch, and runs
killed with SIGKILL part-way that the same command then completes, with the same stored
articles and events as a clean run (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from conftest import SAMPLE_ARTICLES, make_article, make_event, store_url_for

from conflictmap.pipeline import Pipeline
from conflictmap.runner import IngestTally, LocalEngine, ingest
from conflictmap.storage import input_key, open_store
from conflictmap.dedup import add_articles

BATCH = 4


def _noop(_error: Any) -> None:
    raise AssertionError("no input should be skipped")


def _hand_coded(n: int) -> list[Any]:
    """N articles with hand-built events; reports 2k and 2k+1 tell the same event."""
    return [make_article(f"h{i}", [make_event(f"h{i}", date=f"2016-12-{10 + i // 2:02d}")],
                         text=f"Report number {i}.") for i in range(n)]


def test_resume_manifest_skips_inputs_stored_before(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'm.db'}")
    engine = LocalEngine(Pipeline([]))  # no stages: the hand-built events pass through
    first = IngestTally()
    list(ingest(store, _hand_coded(6), engine, batch_size=BATCH, on_error=_noop, tally=first))
    again = IngestTally()
    results = list(ingest(store, _hand_coded(7), engine, batch_size=BATCH, on_error=_noop,
                          tally=again))
    assert (first.statuses["new"], first.events_added, first.events_merged) == (6, 6, 3)
    assert again.done_before == 6 and [r.article_id for r in results] == ["h6"]
    assert store.count_events(store_filter()) == 4  # 7 reports of 4 events
    store.close()


def store_filter() -> Any:
    from conflictmap.storage import EventFilter

    return EventFilter()


def test_resume_manifest_forgets_a_replaced_version(tmp_path: Path) -> None:
    """Going back to an article's first text after a correction is not skipped: the
    manifest only vouches for what is stored now."""
    store = open_store(f"sqlite:///{tmp_path / 'v.db'}")
    v1 = make_article("a", [make_event("a")], text="First version.")
    v2 = make_article("a", [make_event("a", sub="Air/drone strike")], text="Corrected.")
    add_articles(store, [v1])
    assert store.done_inputs([input_key(v1)]) == {input_key(v1)}
    add_articles(store, [v2])
    assert store.done_inputs([input_key(v1), input_key(v2)]) == {input_key(v2)}
    assert add_articles(store, [v1])[0].status == "replaced"
    store.close()


# --- Killed runs -----------------------------------------------------------------------

def _inputs(tmp_path: Path, copies: int = 8) -> Path:
    """The shipped samples, each told by COPIES outlets (cross-article duplicates)."""
    rows = [json.loads(line) for line in SAMPLE_ARTICLES.read_text("utf-8").splitlines()]
    path = tmp_path / "wire.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for n in range(copies):
            for row in rows:
                copy = {k: v for k, v in row.items() if k != "url"}
                copy.update(id=f"{row['id']}-{n}", text=f"{row['text']} Desk {n}.")
                fh.write(json.dumps(copy) + "\n")
    return path


def _command(url: str, inputs: Path, config: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "conflictmap", "--config", str(config), "--db", url,
            "ingest", str(inputs), *extra]


def _stored(url: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Articles (id, content hash) and events (id, merged into, record) in the store."""
    engine = _engine(url)
    with engine.connect() as conn:
        arts = conn.execute(sa.text("SELECT id, content_hash FROM articles ORDER BY id")).all()
        evs = conn.execute(sa.text(
            "SELECT id, canonical_id, record FROM events ORDER BY id")).all()
    engine.dispose()
    return [tuple(r) for r in arts], [tuple(r) for r in evs]


def _engine(url: str) -> sa.Engine:
    if url.startswith("postgresql"):
        from conflictmap.storage.postgres import postgres_engine

        return postgres_engine(url)
    return sa.create_engine(url)


def _article_count(url: str) -> int:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM articles")).scalar_one())
    except sa.exc.SQLAlchemyError:  # not created yet
        return 0
    finally:
        engine.dispose()


def _kill_when(proc: subprocess.Popen[str], url: str, ready: Callable[[int], bool],
               seen: list[int]) -> None:
    """SIGKILL the run as soon as `ready(articles stored)`; every count seen is noted."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        count = _article_count(url)
        seen.append(count)
        if ready(count):
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
            return
        if proc.poll() is not None:
            pytest.fail(f"the ingest ended (status {proc.returncode}) before it was killed")
        time.sleep(0.05)
    proc.kill()
    pytest.fail("the ingest stored too few articles in 300 s")


@pytest.fixture()
def urls(request: Any, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty stores of one backend: one for the clean run, one for the killed run."""
    with store_url_for(request.param, tmp_path / "a") as clean, \
            store_url_for(request.param, tmp_path / "b") as killed:
        yield clean, killed


@pytest.mark.slow
@pytest.mark.parametrize("urls", ["sqlite", "postgres"], indirect=True)
def test_resume_kill_9_then_rerun_equals_a_clean_run(urls: tuple[str, str],
                                                     tmp_path: Path) -> None:
    clean_url, url = urls
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir(exist_ok=True)
    inputs = _inputs(tmp_path)
    total = len(inputs.read_text().splitlines())
    config = tmp_path / "batch.toml"
    config.write_text(f"[pipeline]\nbatch_size = {BATCH}\n", encoding="utf-8")
    clean = subprocess.run(_command(clean_url, inputs, config), capture_output=True,
                           text=True, timeout=600)
    assert clean.returncode == 0, clean.stderr
    seen: list[int] = []
    for at_least in (2 * BATCH, total // 2):  # killed twice, at different points
        proc = subprocess.Popen(_command(url, inputs, config), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        _kill_when(proc, url, lambda n, k=at_least: n >= k, seen)
        assert proc.returncode == -signal.SIGKILL
    stored_when_killed = _article_count(url)
    assert 2 * BATCH <= stored_when_killed < total, "killed part-way, not before or after"
    # a batch is stored whole or not at all: never a count between two batches
    assert all(n % BATCH == 0 or n == total for n in seen), sorted(set(seen))
    rerun = subprocess.run(_command(url, inputs, config), capture_output=True, text=True,
                           timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - stored_when_killed} new" in rerun.stderr
    assert f"({stored_when_killed} stored by an earlier run, not extracted again)" \
        in rerun.stderr
    arts, evs = _stored(url)
    assert (arts, evs) == _stored(clean_url)
    assert len(arts) == total and len(evs) >= total
    assert any(canonical for _, canonical, _ in evs), "cross-article duplicates merged"
