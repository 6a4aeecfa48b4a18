"""The worker side of a corpus run: headers in, plain article data out.

Each worker process loads the spaCy model once (`init_worker`) and returns `Extracted`
records (dicts and bytes), never Docs. Every chunk runs inside `nlp.memory_zone()`, which
frees the strings and vocabulary entries the chunk added, so memory stays flat over
millions of articles.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from dateline import lexicons
from dateline.pipeline import DEFAULT_MODEL, annotate, extraction_failed, load_model, parse_jobs
from dateline.stages.header import Header
from dateline.store import dedup
from dateline.store.writer import Extracted


@dataclass
class Job:
    """One article to extract: where it came from, its header-stage output and its id."""

    name: str
    header: Header
    id: str


@dataclass
class Failed:
    name: str
    reason: str


Outcome = Extracted | Failed
_model_name = DEFAULT_MODEL


def init_worker(model: str, lexicon_files: list[str], parent: int | None = None) -> None:
    """Pool initializer: tie the worker's life to the parent's, then set up as below."""
    _die_with_parent(parent)
    setup(model, lexicon_files)


def setup(model: str, lexicon_files: list[str]) -> None:
    """User lexicons first, then the model, once per process."""
    global _model_name
    for file in lexicon_files:
        lexicons.add_user_lexicon(Path(file))
    _model_name = model
    load_model(model)


def _die_with_parent(parent: int | None) -> None:
    """On Linux, ask the kernel to end this worker when the ingesting parent dies, even by
    SIGKILL; otherwise orphaned workers would wait on their task queue forever. A parent
    killed while the worker was still starting (before this call) is gone already: then the
    worker ends here."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def extract_chunk(jobs: list[Job]) -> list[Outcome]:
    """Entry point in worker processes (uses the model `init_worker` loaded)."""
    return extract(load_model(_model_name), jobs)


def extract(nlp: Language, jobs: list[Job], batch_size: int = 16) -> list[Outcome]:
    """Outcomes in job order; an article whose stages raise becomes a `Failed`, not a crash."""
    try:
        with nlp.memory_zone():
            return _extract(nlp, jobs, batch_size)
    except Exception as exc:
        if len(jobs) == 1:
            return [Failed(jobs[0].name, extraction_failed(exc))]
        return [outcome for job in jobs for outcome in extract(nlp, [job], batch_size)]


def _extract(nlp: Language, jobs: list[Job], batch_size: int) -> list[Outcome]:
    out: list[Outcome] = []
    pairs = ((job.header, job) for job in jobs)
    for doc, job in parse_jobs(nlp, pairs, batch_size):
        try:
            article = annotate(doc, job.header)
        except Exception as exc:
            out.append(Failed(job.name, extraction_failed(exc)))
            continue
        out.append(Extracted(article.model_dump(), job.name, dedup.signature(article.text)))
    return out
