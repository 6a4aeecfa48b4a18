"""An ingest run: documents in, articles stored; safe to kill and to run again.

The parent process reads documents, runs the cheap header stage to learn each article's id,
skips ids already stored, sends the rest to the extractor (in-process, a pool of worker
processes, or a Dask cluster, whose workers each load the model once) and is the only
writer, committing a batch at a time. Results come back in input order, so a run is
deterministic whatever the runner and worker count. With `out_dir` there is no writer:
each partition is written as a Parquet shard where it was extracted (corpus/shards.py).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING

from dateline.corpus.extract import Failed, Job, Outcome, init_worker, setup
from dateline.corpus.shards import Sharded, extract_partition
from dateline.corpus.stories import after_write
from dateline.pipeline import (
    DEFAULT_MODEL,
    EXTRACTOR_VERSION,
    ReadOptions,
    annotated,
    article_id,
    prepare,
)
from dateline.sources.base import Document, ReadError, Skipped, SourceItem
from dateline.store import Store
from dateline.store.writer import Extracted

if TYPE_CHECKING:
    from distributed import Client


@dataclass
class Summary:
    """What a run did: the numbers the CLI prints and the tests compare."""

    documents: int = 0
    stored: int = 0
    reprocessed: int = 0
    skipped: int = 0
    duplicates: int = 0
    other_language: int = 0  # stored with their metadata, not annotated
    not_articles: Counter[str] = field(default_factory=Counter)  # container records passed over
    shards: int = 0  # Parquet shards written (--out-parquet)
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failures: list[Failed] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def events(self) -> int:
        return self.rows.get("events", 0)

    @property
    def quotes(self) -> int:
        return self.rows.get("quotes", 0)

    @property
    def extracted(self) -> int:
        return self.stored + self.reprocessed

    @property
    def rate(self) -> float:
        return self.extracted / self.seconds if self.seconds else 0.0


Progress = Callable[[int], None]


class Ingest:
    """One configured run over one store. `run()` may be called for several inputs."""

    def __init__(
        self,
        store: Store | None,
        *,
        workers: int = 1,
        model: str = DEFAULT_MODEL,
        lexicon_files: Iterable[str] = (),
        reprocess: bool = False,
        commit_every: int = 32,
        commit_seconds: float = 5.0,
        chunk_size: int = 8,
        lookup_size: int = 64,
        progress: Progress | None = None,
        options: ReadOptions | None = None,
        limit: int | None = None,
        cluster: Client | None = None,
        out_dir: str | None = None,
    ) -> None:
        """`store` is None only with `out_dir` (shards, no database); `cluster` is a Dask
        client (see corpus/cluster.py); `limit` stops after that many articles read."""
        self.store = store
        self.workers = max(1, workers)
        self.model = model
        self.lexicon_files = [str(f) for f in lexicon_files]
        self.reprocess = reprocess
        self.commit_every = commit_every
        self.commit_seconds = commit_seconds
        self.chunk_size = chunk_size
        self.lookup_size = lookup_size
        self.progress = progress or (lambda n: None)
        self.options = options or ReadOptions()
        self.limit = limit
        self.cluster = cluster
        self.out_dir = out_dir
        if store is None and out_dir is None:
            raise ValueError("an ingest needs a store or an output folder")

    def run(self, items: Iterable[SourceItem], published: date | None = None) -> Summary:
        summary = Summary()
        started = time.perf_counter()
        pending: list[Extracted] = []
        last_commit = time.monotonic()
        # On a cluster the bar follows partitions as they finish there (cluster.py).
        counted = self.progress if self.cluster is None else (lambda n: None)
        try:
            jobs = self._jobs(self._limited(items, summary), published, summary)
            for result in self._extract(_chunks(jobs, self.chunk_size)):
                if isinstance(result, Sharded):
                    self._count_shard(result, summary, counted)
                    continue
                for outcome in result:
                    if isinstance(outcome, Failed):
                        summary.failures.append(outcome)
                        counted(1)
                    else:
                        pending.append(outcome)
                due = time.monotonic() - last_commit >= self.commit_seconds
                if len(pending) >= self.commit_every or (pending and due):
                    self._commit(pending, summary, counted)
                    pending, last_commit = [], time.monotonic()
        finally:
            # Also on Ctrl-C or a dead worker: what was extracted is kept.
            self._commit(pending, summary, counted)
            summary.seconds = time.perf_counter() - started
        return summary

    def _limited(self, items: Iterable[SourceItem], summary: Summary) -> Iterator[SourceItem]:
        """The items up to the `limit`-th document; containers' skipped records counted."""
        documents = 0
        for item in items:
            if isinstance(item, Skipped):
                summary.not_articles.update(item.reasons)
                continue
            if isinstance(item, Document):
                if self.limit is not None and documents >= self.limit:
                    return
                documents += 1
            yield item

    # -- stages of a run -----------------------------------------------------------------

    def _jobs(
        self, items: Iterable[SourceItem], published: date | None, summary: Summary
    ) -> Iterator[Job]:
        """Jobs for the articles that need extracting; read errors and skips are counted."""
        seen: set[bytes] = set()  # ids met in this run (16 bytes each, not 64 characters)
        iterator = iter(items)
        while group := list(islice(iterator, self.lookup_size)):
            candidates: list[Job] = []
            for item in group:
                summary.documents += 1
                header = (
                    item if isinstance(item, ReadError) else prepare(item, published, self.options)
                )
                if isinstance(header, ReadError):
                    summary.failures.append(Failed(header.name, header.reason))
                    self.progress(1)
                    continue
                aid = article_id(header.text)
                key = bytes.fromhex(aid)[:16]
                if key in seen:
                    summary.skipped += 1
                    self.progress(1)
                    continue
                seen.add(key)
                candidates.append(Job(item.name, header, aid))
            stored = self._stored_versions(candidates)
            for job in candidates:
                version = stored.get(job.id)
                if version is None or (self.reprocess and version != EXTRACTOR_VERSION):
                    summary.other_language += not annotated(job.header)
                    yield job
                else:
                    summary.skipped += 1
                    self.progress(1)

    def _stored_versions(self, jobs: list[Job]) -> dict[str, str]:
        """What is stored already; with shards and no database, nothing is."""
        return {} if self.store is None else self.store.stored_versions(j.id for j in jobs)

    def _extract(self, chunks: Iterator[list[Job]]) -> Iterator[list[Outcome] | Sharded]:
        if self.cluster is not None:
            from dateline.corpus.cluster import cluster_results

            yield from cluster_results(self.cluster, chunks, self.out_dir, self.progress)
            return
        if self.workers == 1:
            setup(self.model, self.lexicon_files)
            for chunk in chunks:
                yield extract_partition(chunk, self.out_dir)
            return
        context = multiprocessing.get_context("spawn")  # no forked threads or DB handles
        with ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=init_worker,
            initargs=(self.model, self.lexicon_files, os.getpid()),
        ) as pool:
            # A bounded window of chunks in flight: memory stays flat and the parent keeps
            # reading (and skipping) only as fast as the workers extract.
            window: deque[Future[list[Outcome] | Sharded]] = deque()
            for chunk in chunks:
                window.append(pool.submit(extract_partition, chunk, self.out_dir))
                if len(window) >= 2 * self.workers:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()

    def _count_shard(self, result: Sharded, summary: Summary, counted: Progress) -> None:
        summary.stored += result.articles
        summary.shards += result.shard is not None
        for name, n in result.rows.items():
            summary.rows[name] += n
        summary.failures.extend(result.failures)
        counted(result.articles + len(result.failures))

    def _commit(self, pending: list[Extracted], summary: Summary, counted: Progress) -> None:
        if not pending or self.store is None:
            return
        result, refused = self.store.write(pending, EXTRACTOR_VERSION, after=after_write)
        summary.stored += result.stored
        summary.reprocessed += result.replaced
        summary.duplicates += result.duplicates
        for name, n in result.rows.items():
            summary.rows[name] += n
        summary.failures.extend(Failed(f.name, f.reason) for f in refused)
        counted(len(pending))


def _chunks(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    while chunk := list(islice(jobs, size)):
        yield chunk
