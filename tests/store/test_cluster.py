"""Ingest on a Dask LocalCluster stores what one process and the local pool store, row for row,
on SQLite and PostgreSQL; a worker killed mid-run loses and duplicates nothing; Parquet shards
written on the workers hold what a database would.

One two-worker cluster serves the module (each worker loads the model once, by the plugin).
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.cli.common import documents
from dateline.corpus.cluster import ClusterSpec, connect
from dateline.corpus.ingest import Ingest, Summary
from dateline.pipeline import DEFAULT_MODEL
from dateline.store import open_store
from tests import source_fixtures as fx
from tests.conftest import WIKINEWS
from tests.store.conftest import _postgres_database
from tests.store.test_kill import snapshot

Snapshot = tuple[dict[str, int], list[tuple], dict[str, dict]]

WIKINEWS_ARTICLES = 2
ARTICLES = WIKINEWS_ARTICLES + len(fx.STORIES)


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with connect(ClusterSpec(workers=2), DEFAULT_MODEL, []) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first wikinews articles (read from ../shared) and our short stories, as JSON Lines."""
    lines = WIKINEWS.read_text(encoding="utf-8").splitlines()[:WIKINEWS_ARTICLES]
    lines += [json.dumps({"title": t, "date": d, "text": x}) for t, d, x in fx.STORIES]
    path = tmp_path_factory.mktemp("cluster") / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(source: Path, tmp_path_factory: pytest.TempPathFactory, nlp) -> Snapshot:
    """What one process stores from the source, in SQLite."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'corpus.db'}"
    run(url, source)
    found = snapshot(url)
    assert found[0]["events"] > 0 and found[0]["quotes"] > 0
    return found


@contextmanager
def databases(backend: str, tmp_path: Path, n: int) -> Iterator[list[str]]:
    """`n` empty databases of one backend."""
    if backend == "sqlite":
        yield [f"sqlite:///{tmp_path / f'corpus-{i}.db'}" for i in range(n)]
        return
    with ExitStack() as stack:
        yield [stack.enter_context(contextmanager(_postgres_database)()) for _ in range(n)]


def run(url: str, source: Path, **options: object) -> Summary:
    store = open_store(url)
    try:
        return Ingest(store, chunk_size=2, **options).run(documents([source]))  # type: ignore[arg-type]
    finally:
        store.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_one_process_the_pool_and_a_cluster_store_identical_rows(
    backend: str, client, source: Path, reference: Snapshot, tmp_path: Path
) -> None:
    with databases(backend, tmp_path, 3) as (single, pool, dask):
        counted: list[int] = []
        run(single, source)
        run(pool, source, workers=2)
        summary = run(dask, source, cluster=client, progress=counted.append)
        assert summary.stored == ARTICLES and not summary.failures
        assert sum(counted) == ARTICLES  # the bar follows the cluster's partitions
        assert snapshot(single) == reference
        assert snapshot(pool) == reference
        assert snapshot(dask) == reference
        again = run(dask, source, cluster=client)  # a rerun finds everything stored
        assert (again.stored, again.skipped) == (0, ARTICLES)
        assert snapshot(dask) == reference


def test_shards_written_on_the_workers_hold_the_rows_a_database_would(
    client, source: Path, reference: Snapshot, tmp_path: Path
) -> None:
    counts = reference[0]
    out = tmp_path / "shards"
    first = Ingest(None, chunk_size=2, cluster=client, out_dir=str(out)).run(documents([source]))
    assert (first.stored, first.shards, first.failures) == (ARTICLES, ARTICLES // 2, [])
    names = sorted(p.relative_to(out) for p in out.rglob("*.parquet"))
    # Run again (as a retry would): the same shards are rewritten, never a second copy.
    Ingest(None, chunk_size=2, cluster=client, out_dir=str(out)).run(documents([source]))
    assert sorted(p.relative_to(out) for p in out.rglob("*.parquet")) == names
    for table in ("articles", "events", "quotes", "amounts"):
        rows = sum(pq.read_metadata(f).num_rows for f in (out / table).glob("*.parquet"))
        assert rows == counts[table] == first.rows[table], table


def test_the_command_line_runs_on_a_cluster_by_its_address_with_a_limit(
    client, source: Path, tmp_path: Path
) -> None:
    address = client.scheduler.address  # type: ignore[attr-defined]
    db = tmp_path / "corpus.db"
    result = CliRunner().invoke(
        app, ["ingest", str(source), "--db", str(db), "--cluster", address, "--limit", "5"]
    )
    assert result.exit_code == 0, result.output
    stored = {a.meta.headline for a in open_store(f"sqlite:///{db}").articles()}
    first_five = {json.loads(line)["title"] for line in source.read_text().splitlines()[:5]}
    assert stored == first_five


def _worker_overheads(dask_worker) -> tuple[bool, str | None]:  # type: ignore[no-untyped-def]
    return "profile" in dask_worker.periodic_callbacks, os.environ.get("MALLOC_TRIM_THRESHOLD_")


def test_local_workers_run_without_dasks_profiler_or_malloc_trimming(client) -> None:
    """What made Dask's workers cost more CPU per article than the pool's (corpus/cluster.py)."""
    found = client.run(_worker_overheads)  # type: ignore[attr-defined]
    assert len(found) == 2 and set(found.values()) == {(False, None)}


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    client, source: Path, reference: Snapshot, tmp_path: Path
) -> None:
    """Last in the module: the cluster has one worker until its nanny restarts the other."""
    dask = f"sqlite:///{tmp_path / 'corpus.db'}"
    pids = client.run(os.getpid)  # type: ignore[attr-defined]
    victim = sorted(pids.values())[0]
    killed = threading.Event()

    def kill_after_the_first_partition(n: int) -> None:
        if not killed.is_set():
            killed.set()
            os.kill(victim, signal.SIGKILL)  # its partitions in flight go to the other worker

    summary = run(dask, source, cluster=client, progress=kill_after_the_first_partition)
    assert killed.is_set() and victim not in client.run(os.getpid).values()  # type: ignore[attr-defined]
    assert summary.stored == ARTICLES and not summary.failures
    assert snapshot(dask) == reference
