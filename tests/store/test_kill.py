"""Killing an ingest with SIGKILL and rerunning it loses nothing and duplicates nothing."""

from __future__ import annotations

import os
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


def _snapshot(url: str) -> tuple[dict[str, int], list[tuple]]:
    store = open_store(url)
    with store.engine.connect() as conn:
        links = sorted(conn.execute(select(articles.c.id, articles.c.duplicate_of)).all())
    counts = store.counts()
    store.close()
    return counts, [tuple(r) for r in links]


@pytest.mark.slow
def test_a_run_killed_midway_and_rerun_equals_an_uninterrupted_run(db_url, tmp_path):
    kill_and_rerun(db_url, tmp_path, "1")


@pytest.mark.slow
def test_the_same_holds_with_two_workers_whose_processes_die_with_the_run(tmp_path):
    # SQLite only: one model load per worker process is slow, and the backend is covered above.
    kill_and_rerun(f"sqlite:///{tmp_path / 'killed.db'}", tmp_path, "2")


def kill_and_rerun(db_url: str, tmp_path: Path, workers: str) -> None:
    source = tmp_path / "part.jsonl"
    with open(WIKINEWS) as handle:
        source.write_text("".join(islice(handle, N)))

    killed = subprocess.Popen(
        _ingest_cmd(source, db_url, "--workers", workers),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 240
    while _stored(db_url) < 8:
        assert killed.poll() is None, "the run finished before it could be killed"
        assert time.monotonic() < deadline, "nothing was committed in time"
        time.sleep(0.2)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    partial = _stored(db_url)
    assert 8 <= partial < N

    rerun = subprocess.run(
        _ingest_cmd(source, db_url), env=_env(), capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"skipped {partial:>8}" in rerun.stdout

    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    whole = subprocess.run(
        _ingest_cmd(source, reference), env=_env(), capture_output=True, text=True, timeout=600
    )
    assert whole.returncode == 0, whole.stdout + whole.stderr
    assert _snapshot(db_url) == _snapshot(reference)
    assert _snapshot(db_url)[0]["articles"] == N
    if workers == "2":  # the workers died with their parent
        time.sleep(1)
        leftover = subprocess.run(["pgrep", "-s", str(killed.pid)], capture_output=True)
        assert leftover.stdout.strip() == b""
