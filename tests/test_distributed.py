"""Scale-out: the same records from a Dask cluster as from the local pipeline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from testpaths import DATA

pytestmark = pytest.mark.slow


def _extract(*extra: str) -> list[dict[str, object]]:
    proc = subprocess.run([sys.executable, "-m", "conflictmap", "extract",
                           str(DATA / "inputs"), *extra], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_distributed_dask_engine_gives_the_same_records_as_local() -> None:
    local = _extract()
    assert len(local) >= 5, "the sample inputs hold several events"
    on_cluster = _extract("--engine", "dask", "--workers", "1")
    assert on_cluster == local


def test_dask_engine_skips_only_the_article_a_stage_fails_on(tmp_path: Path) -> None:
    """One article over the hard length limit costs only itself on the cluster too: the
    same skip line and the same records as the one-process run, exit 1."""
    config = tmp_path / "hard.toml"
    config.write_text("[stages.nlp]\nhard_limit_chars = 400\n", encoding="utf-8")
    text = "Rebel fighters attacked an army checkpoint near Saraqib on Monday, the army said."
    rows = [{"id": "short-1", "text": text, "published": "2020-03-02"},
            {"id": "huge", "text": "\n\n".join([text] * 10), "published": "2020-03-02"},
            {"id": "short-2", "text": text + " Residents fled.", "published": "2020-03-02"}]
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "conflictmap", "--config", str(config),
                               "extract", str(path), *extra], capture_output=True, text=True,
                              timeout=600)

    local, on_cluster = run(), run("--engine", "dask", "--workers", "1")
    for proc in (local, on_cluster):
        assert proc.returncode == 1, proc.stderr
        skipped = [line for line in proc.stderr.splitlines() if line.startswith("skipped ")]
        assert skipped == [f"skipped {path}:2 (id huge): text has 828 characters, more than "
                           "the hard limit of 400 (stages.nlp.hard_limit_chars)"]
    assert on_cluster.stdout == local.stdout
    assert {json.loads(line)["article_id"] for line in on_cluster.stdout.splitlines()} == \
        {"short-1", "short-2"}


def test_local_workers_pool_gives_the_same_records_as_one_worker() -> None:
    assert _extract("--workers", "2") == _extract()


def _ingest_store(url: str, inputs: Path, *extra: str) -> list[tuple[object, ...]]:
    """Ingest INPUTS into the store at URL; its events as (id, merged into, record)."""
    import sqlalchemy as sa

    from conflictmap.storage.postgres import postgres_engine

    proc = subprocess.run([sys.executable, "-m", "conflictmap", "--db", url, "ingest",
                           str(inputs), *extra], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    engine = postgres_engine(url) if url.startswith("postgresql") else sa.create_engine(url)
    with engine.connect() as conn:
        found = conn.execute(sa.text("SELECT id, canonical_id, record FROM events "
                                     "ORDER BY id")).all()
    engine.dispose()
    return [tuple(r) for r in found]


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_ingest_on_dask_and_on_a_pool_stores_the_same_events_as_one_process(
        kind: str, tmp_path: Path) -> None:
    """Samples told by several outlets: cross-article merges come out the same whichever
    engine codes them, since the client stores the batches in input order."""
    from conftest import SAMPLE_ARTICLES, store_url_for

    rows = [json.loads(line) for line in SAMPLE_ARTICLES.read_text("utf-8").splitlines()]
    inputs = tmp_path / "wire.jsonl"
    inputs.write_text("".join(json.dumps(r | {"id": f"{r['id']}-{n}", "url": None,
                                              "text": r["text"] + f" Desk {n}."}) + "\n"
                              for n in range(3) for r in rows), encoding="utf-8")
    stored = {}
    for engine in ("local", "dask", "pool"):
        (tmp_path / engine).mkdir()
        extra = {"local": (), "dask": ("--engine", "dask", "--workers", "2"),
                 "pool": ("--workers", "2")}[engine]
        with store_url_for(kind, tmp_path / engine) as url:
            stored[engine] = _ingest_store(url, inputs, *extra)
    assert len(stored["local"]) >= 3 * len(rows)
    assert any(canonical for _, canonical, _ in stored["local"]), "duplicates were merged"
    assert stored["dask"] == stored["local"] and stored["pool"] == stored["local"]
