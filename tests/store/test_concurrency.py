"""Several processes on one database: opening and migrating it at once, reading while writing."""

from __future__ import annotations

import multiprocessing
import subprocess
import time
from itertools import islice

import pytest
from sqlalchemy import create_engine, inspect

from dateline.store import open_store
from dateline.store.migrate import current, head
from tests.conftest import ROOT, WIKINEWS
from tests.store.test_kill import _env, _ingest_cmd

WORKERS = 4


def _open(url: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    """One process: wait for the others, then open (and so migrate) the store."""
    try:
        barrier.wait(timeout=60)
        store = open_store(url)
        results.put(("ok", store.counts()["articles"]))
        store.close()
    except Exception as exc:  # reported to the test, which shows it
        results.put(("error", f"{exc.__class__.__name__}: {str(exc).splitlines()[0]}"))


def open_at_once(url: str) -> list[tuple[str, object]]:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    processes = [
        context.Process(target=_open, args=(url, barrier, results)) for _ in range(WORKERS)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    return outcomes


def test_four_processes_open_and_migrate_a_new_database_at_once(db_url):
    assert open_at_once(db_url) == [("ok", 0)] * WORKERS
    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        assert current(engine) == head()
        assert "articles" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


@pytest.mark.slow
def test_two_ingests_started_together_on_a_new_file_both_succeed(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    examples = ROOT / "examples"
    runs = [
        subprocess.Popen(
            _ingest_cmd(examples, url),
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, out + err
    with open_store(url) as store:
        assert store.counts()["articles"] == len(list(examples.iterdir()))


@pytest.mark.slow
def test_readers_never_see_a_half_written_article(db_url, tmp_path):
    """Query the store in a loop while an ingest commits batches: every article read is
    already whole, that is identical to what the store holds once the ingest is done."""
    source = tmp_path / "part.jsonl"
    with open(WIKINEWS) as handle:
        source.write_text("".join(islice(handle, 24)))
    open_store(db_url).close()  # the schema first, so that readers can start at once
    ingest = subprocess.Popen(
        _ingest_cmd(source, db_url),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: dict[str, dict] = {}
    reads = 0
    store = open_store(db_url)
    deadline = time.monotonic() + 600
    while ingest.poll() is None and time.monotonic() < deadline:
        for record in store.records():
            seen.setdefault(record.article.id, record.article.model_dump())
        reads += 1
    assert ingest.wait(timeout=60) == 0, ingest.stderr.read() if ingest.stderr else ""
    final = {a.id: a.model_dump() for a in store.articles()}
    store.close()
    assert reads > 1 and seen, "the loop never overlapped the ingest"
    assert len(final) == 24
    for article_id, record in seen.items():
        assert record == final[article_id], f"{article_id} was read half-written"
