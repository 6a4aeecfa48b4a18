"""Ingest on a Dask cluster: a local one (`local`, `local:N`) or a running scheduler
(`tcp://HOST:PORT`, e.g. started on SLURM through dask-jobqueue).

The parent reads the sources, skips what is stored and sends partitions (chunks of articles)
to the workers; a worker plugin loads the spaCy model once per worker process, and results
come back in input order to the same writer as a local run, so the database is the same.
A partition whose worker dies is computed again elsewhere by Dask, and its result still
reaches the writer once. With `--out-parquet` each partition writes its own shard instead.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import dask
from distributed import Client, Future, KilledWorker, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from dateline.corpus.extract import Failed, Job, Outcome, setup
from dateline.corpus.shards import Sharded, extract_partition
from dateline.pipeline import extraction_failed

_SPEC = re.compile(r"^(?:local(?::(?P<n>\d+))?|(?P<address>(?:tcp|tls)://[^\s:/]+:\d+))$")
CONNECT_TIMEOUT = "30s"
# Dask's defaults serve a long-lived cluster watched from its dashboard. A local ingest has no
# dashboard, and on a few cores these cost its workers extraction CPU (bench/scale.py: ~25%
# more CPU per article than the local pool with them): the workers' statistical profiler
# (a stack sample every 10 ms), event-loop health ticks every 20 ms in every server, and a
# glibc trim threshold that turns off malloc's adaptive mmap threshold, so every large numpy
# buffer in the model is a fresh mmap and page faults. The workers then run like the pool's.
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


@dataclass(frozen=True)
class ClusterSpec:
    """`local` with a number of worker processes, or the address of a running scheduler."""

    workers: int | None = None
    address: str | None = None


def parse_cluster(value: str) -> ClusterSpec:
    """`local`, `local:N` or `tcp://HOST:PORT`; a ValueError says what was expected."""
    match = _SPEC.match(value.strip())
    if match is None:
        raise ValueError(f"expected local, local:N or tcp://HOST:PORT, got {value!r}")
    if match["address"]:
        return ClusterSpec(address=match["address"])
    workers = int(match["n"]) if match["n"] else (os.cpu_count() or 1)
    if workers < 1:
        raise ValueError(f"a local cluster needs at least one worker, got {value!r}")
    return ClusterSpec(workers=workers)


class ModelPlugin(WorkerPlugin):
    """Worker plugin: user lexicons, then the spaCy model, once per worker process (and again
    in a worker that replaces a lost one). Lexicons travel as text: a remote worker has no
    access to the client's files."""

    name = "dateline-model"

    def __init__(self, model: str, lexicons: dict[str, str]) -> None:
        self.model = model
        self.lexicons = lexicons

    def setup(self, worker: object = None) -> None:
        folder = Path(tempfile.mkdtemp(prefix="dateline-lexicons-"))
        files = []
        for n, (name, text) in enumerate(sorted(self.lexicons.items())):
            path = folder / f"{n}-{Path(name).name}"
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
        setup(self.model, files)


@contextmanager
def connect(spec: ClusterSpec, model: str, lexicon_files: list[str]) -> Iterator[Client]:
    """A Dask client on the cluster `spec` names, with the model plugin registered."""
    lexicons = {f: Path(f).read_text(encoding="utf-8") for f in lexicon_files}
    cluster = None
    if spec.address is None:
        with dask.config.set(LOCAL_CONFIG):  # nannies pass it on to the workers they start
            cluster = LocalCluster(
                n_workers=spec.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
    else:
        client = Client(spec.address, timeout=CONNECT_TIMEOUT)
    try:
        client.register_plugin(ModelPlugin(model, lexicons))
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def cluster_results(
    client: Client,
    chunks: Iterator[list[Job]],
    out_dir: str | None,
    progress: Callable[[int], None],
) -> Iterator[list[Outcome] | Sharded]:
    """Partitions extracted on the cluster, in input order, with a bounded window in flight.

    The progress callback runs as each partition finishes on the cluster (not when it is
    written), so the bar shows the cluster's progress.
    """
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window: deque[tuple[Future, list[Job]]] = deque()
    for n, chunk in enumerate(chunks):
        future = client.submit(
            extract_partition, chunk, out_dir, key=f"dateline-partition-{n}-{chunk[0].id[:12]}"
        )
        future.add_done_callback(partial(_finished, progress, len(chunk)))
        window.append((future, chunk))
        if len(window) >= 2 * workers + 1:
            yield _result(*window.popleft())
    while window:
        yield _result(*window.popleft())


def _finished(progress: Callable[[int], None], size: int, _future: Future) -> None:
    progress(size)


def _result(future: Future, chunk: list[Job]) -> list[Outcome] | Sharded:
    """A partition's result; one that killed worker after worker fails as a whole."""
    try:
        return future.result()
    except KilledWorker:
        reason = "extraction failed (its worker died each time it was tried)"
        return [Failed(job.name, reason) for job in chunk]
    except Exception as exc:  # raised on the worker: reported per article, the run goes on
        return [Failed(job.name, extraction_failed(exc)) for job in chunk]
    finally:
        future.release()
