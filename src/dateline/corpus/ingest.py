"""An ingest run: documents in, articles stored; safe to kill and to run again.

The parent process reads documents, runs the cheap header stage to learn each article's id,
skips ids already stored, sends the rest to the extractor (in-process, or a pool of worker
processes that each load the model once) and is the only writer, committing a batch at a
time. Results come back in input order, so a run is deterministic whatever the worker count.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from dateline.corpus.extract import (
    Failed,
    Job,
    Outcome,
    extract,
    extract_chunk,
    init_worker,
    setup,
)
from dateline.pipeline import (
    DEFAULT_MODEL,
    EXTRACTOR_VERSION,
    ReadOptions,
    annotated,
    article_id,
    load_model,
    prepare,
)
from dateline.sources.base import Document, ReadError
from dateline.store import Store
from dateline.store.writer import Extracted


@dataclass
class Summary:
    """What a run did: the numbers the CLI prints and the tests compare."""

    documents: int = 0
    stored: int = 0
    reprocessed: int = 0
    skipped: int = 0
    duplicates: int = 0
    other_language: int = 0  # stored with their metadata, not annotated
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
        store: Store,
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
    ) -> None:
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

    def run(self, items: Iterable[Document | ReadError], published: date | None = None) -> Summary:
        summary = Summary()
        started = time.perf_counter()
        pending: list[Extracted] = []
        last_commit = time.monotonic()
        try:
            jobs = self._jobs(items, published, summary)
            for outcomes in self._extract(_chunks(jobs, self.chunk_size)):
                for outcome in outcomes:
                    if isinstance(outcome, Failed):
                        summary.failures.append(outcome)
                        self.progress(1)
                    else:
                        pending.append(outcome)
                due = time.monotonic() - last_commit >= self.commit_seconds
                if len(pending) >= self.commit_every or (pending and due):
                    self._commit(pending, summary)
                    pending, last_commit = [], time.monotonic()
        finally:
            # Also on Ctrl-C or a dead worker: what was extracted is kept.
            self._commit(pending, summary)
            summary.seconds = time.perf_counter() - started
        return summary

    # -- stages of a run -----------------------------------------------------------------

    def _jobs(
        self, items: Iterable[Document | ReadError], published: date | None, summary: Summary
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
            stored = self.store.stored_versions(job.id for job in candidates)
            for job in candidates:
                version = stored.get(job.id)
                if version is None or (self.reprocess and version != EXTRACTOR_VERSION):
                    summary.other_language += not annotated(job.header)
                    yield job
                else:
                    summary.skipped += 1
                    self.progress(1)

    def _extract(self, chunks: Iterator[list[Job]]) -> Iterator[list[Outcome]]:
        if self.workers == 1:
            setup(self.model, self.lexicon_files)
            nlp = load_model(self.model)
            for chunk in chunks:
                yield extract(nlp, chunk)
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
            window: deque[Future[list[Outcome]]] = deque()
            for chunk in chunks:
                window.append(pool.submit(extract_chunk, chunk))
                if len(window) >= 2 * self.workers:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()

    def _commit(self, pending: list[Extracted], summary: Summary) -> None:
        if not pending:
            return
        result, refused = self.store.write(pending, EXTRACTOR_VERSION)
        summary.stored += result.stored
        summary.reprocessed += result.replaced
        summary.duplicates += result.duplicates
        for name, n in result.rows.items():
            summary.rows[name] += n
        summary.failures.extend(Failed(f.name, f.reason) for f in refused)
        self.progress(len(pending))


def _chunks(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    while chunk := list(islice(jobs, size)):
        yield chunk
