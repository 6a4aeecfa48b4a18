"""Killing an ingest with SIGKILL and rerunning it loses nothing and duplicates nothing.

CI kills a 40-article run at three points; bench/killtest.py kills a 500-article run at 20.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from dateline.store import open_store
from dateline.store.tables import articles
from tests.conftest import WIKINEWS

ROOT = Path(__file__).resolve().parents[2]
N = 40


def _ingest_cmd(source: Path, url: str, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "dateline.cli",
        "ingest",
        str(source),
        "--db",
        url,
        "--commit-every",
        "4",
        *extra,
    ]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    # Runs in different processes must extract the same annotations; some stages iterate
    # over sets of strings, whose order depends on the per-process hash seed.
    env["PYTHONHASHSEED"] = "0"
    return env


def _stored(url: str) -> int:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            return len(conn.execute(select(articles.c.id)).all())
    except Exception:  # the schema may not exist yet
        return 0
    finally:
        engine.dispose()


def snapshot(url: str) -> tuple[dict[str, int], list[tuple], dict[str, dict]]:
    """Everything a rerun must reproduce: rows per table, near-duplicate links, and each
    stored article's record."""
    store = open_store(url)
    with store.engine.connect() as conn:
        links = sorted(conn.execute(select(articles.c.id, articles.c.duplicate_of)).all())
    counts = store.counts()
    records = {a.id: a.model_dump() for a in store.articles()}
    store.close()
    return counts, [tuple(r) for r in links], records


def kill_when_stored(cmd: list[str], url: str, at_least: int, timeout: float = 240) -> int:
    """Start an ingest, SIGKILL it (and so its workers) once `at_least` articles are
    stored, and return how many are stored then."""
    run = subprocess.Popen(
        cmd,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    while _stored(url) < at_least:
        assert run.poll() is None, "the run finished before it could be killed"
        assert time.monotonic() < deadline, "nothing was committed in time"
        time.sleep(0.1)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    # The workers die with their parent (PR_SET_PDEATHSIG), the resource tracker when its
    # pipe closes: give them a moment on a busy machine.
    deadline = time.monotonic() + 20
    while _session_alive(run.pid):
        assert time.monotonic() < deadline, "worker processes outlived the killed run"
        time.sleep(0.2)
    return _stored(url)


def _session_alive(session: int) -> bool:
    found = subprocess.run(["pgrep", "-s", str(session)], capture_output=True)
    return bool(found.stdout.strip())


@pytest.mark.slow
def test_a_run_killed_three_times_and_rerun_equals_an_uninterrupted_run(db_url, tmp_path):
    kill_and_rerun(db_url, tmp_path, "1")


@pytest.mark.slow
def test_the_same_holds_with_two_workers_whose_processes_die_with_the_run(tmp_path):
    # SQLite only: one model load per worker process is slow, and the backend is covered above.
    kill_and_rerun(f"sqlite:///{tmp_path / 'killed.db'}", tmp_path, "2")


def kill_and_rerun(db_url: str, tmp_path: Path, workers: str) -> None:
    source = tmp_path / "part.jsonl"
    with open(WIKINEWS) as handle:
        source.write_text("".join(islice(handle, N)))
    # Three points of the run, drawn once (a fixed seed: the same points on every CI run).
    points = sorted(random.Random(15).sample(range(4, N - 8), 3))
    stored = 0
    for point in points:
        cmd = _ingest_cmd(source, db_url, "--workers", workers)
        stored = kill_when_stored(cmd, db_url, max(point, stored + 1))
        assert stored < N

    rerun = subprocess.run(
        _ingest_cmd(source, db_url), env=_env(), capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"skipped {stored:>8}" in rerun.stdout

    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    whole = subprocess.run(
        _ingest_cmd(source, reference), env=_env(), capture_output=True, text=True, timeout=600
    )
    assert whole.returncode == 0, whole.stdout + whole.stderr
    killed, uninterrupted = snapshot(db_url), snapshot(reference)
    assert killed == uninterrupted
    assert killed[0]["articles"] == N


@pytest.mark.slow
def test_workers_of_a_run_killed_while_they_start_do_not_outlive_it(tmp_path):
    """Found by bench/killtest.py: a parent killed before its workers had asked the kernel to
    end them with it (they were still importing spaCy) left them waiting forever."""
    url = f"sqlite:///{tmp_path / 'early.db'}"
    run = subprocess.Popen(
        _ingest_cmd(ROOT / "examples", url, "--workers", "2"),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while len(_session(run.pid)) < 3:  # the parent and its first workers are up
        assert run.poll() is None and time.monotonic() < deadline, "no workers started"
        time.sleep(0.05)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 90  # long enough for a worker to finish starting
    while _session_alive(run.pid):
        assert time.monotonic() < deadline, f"workers outlived the run: {_session(run.pid)}"
        time.sleep(0.5)


def _session(session: int) -> list[str]:
    found = subprocess.run(["pgrep", "-s", str(session)], capture_output=True, text=True)
    return found.stdout.split()
