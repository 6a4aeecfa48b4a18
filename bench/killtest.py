"""Kill test at scale: `python bench/killtest.py [--articles 500] [--kills 20] [--workers 1,2]`.

A corpus of --articles articles (the Wikinews articles, repeated with a numbered last line as
in bench/ingest.py) is ingested into a fresh SQLite database (or --db, a PostgreSQL URL). The
kill points are --kills random article counts: each run is killed with SIGKILL once that many
articles are stored plus a random 0-3 s (so that most kills land inside a batch), then the
ingest is started again; a last run completes it. The final rows (per-table counts,
near-duplicate links and every stored record) must equal those of one uninterrupted run.
Prints, per worker count, where each kill fell and whether the result is equal; exit status 1
if it is not. --workdir reuses a corpus and its uninterrupted run from an earlier call.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from tests.store.test_kill import _env, _ingest_cmd, _stored, snapshot  # noqa: E402

from ingest import DEFAULT_CORPUS, make_corpus  # noqa: E402


def ingest(source: Path, url: str, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        _ingest_cmd(source, url, "--workers", str(workers)),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def killed_run(
    source: Path, url: str, workers: int, articles: int, kills: int, rng: random.Random
) -> list:
    """Kill a run at each of `kills` random points, then finish; the stored count at each."""
    points = []
    for target in sorted(rng.sample(range(1, articles), kills)):
        run = ingest(source, url, workers)
        while _stored(url) < target and run.poll() is None:
            time.sleep(0.2)
        time.sleep(rng.uniform(0.0, 3.0))
        if run.poll() is not None:
            points.append(("finished", _stored(url)))
            break
        os.kill(run.pid, signal.SIGKILL)  # the workers die with it (PR_SET_PDEATHSIG)
        run.wait()
        points.append(("killed", _stored(url)))
    final = ingest(source, url, workers)
    if final.wait() != 0:
        raise SystemExit(f"the completing run failed with status {final.returncode}")
    return points


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--db", help="PostgreSQL URL of an empty database (default: SQLite)")
    parser.add_argument(
        "--workdir", type=Path, help="Folder to work in; its corpus and reference run are reused"
    )
    args = parser.parse_args()

    folder = args.workdir or Path(tempfile.mkdtemp(prefix="dateline-kill-"))
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "corpus.jsonl"
    reference = f"sqlite:///{folder / 'reference.db'}"
    started = time.perf_counter()
    reused = (folder / "reference.db").exists()
    if not reused:
        make_corpus(args.corpus, args.articles, source)
        done = ingest(source, reference, 1).wait()
        if done != 0:
            raise SystemExit(f"the uninterrupted run failed with status {done}")
    expected = snapshot(reference)
    print(
        f"uninterrupted run: {expected[0]['articles']} articles, {expected[0]['events']} events "
        + ("(reused)" if reused else f"in {time.perf_counter() - started:.0f} s")
    )
    failed = False
    for workers in [int(w) for w in args.workers.split(",")]:
        killed_db = folder / f"killed-{workers}.db"
        for old in folder.glob(f"{killed_db.name}*"):  # a fresh database for every run
            old.unlink()
        url = args.db or f"sqlite:///{killed_db}"
        rng = random.Random(args.seed + workers)
        started = time.perf_counter()
        points = killed_run(source, url, workers, args.articles, args.kills, rng)
        got = snapshot(url)
        equal = got == expected
        failed |= not equal
        kills = sum(1 for kind, _ in points if kind == "killed")
        print(
            f"{workers} worker(s): {kills} kills at stored counts "
            f"{[n for _, n in points]}, then a completing run; "
            f"{time.perf_counter() - started:.0f} s; final rows "
            f"{'EQUAL' if equal else 'DIFFERENT'} to the uninterrupted run "
            f"({got[0]['articles']} articles, {got[0]['events']} events)"
        )
        if args.db:
            break  # one PostgreSQL database given: one configuration
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
