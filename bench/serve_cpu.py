"""Server CPU time per request of `dateline serve`, by kind of request: what each costs.

    python bench/serve_cpu.py --db PATH [--requests 40] [--cache N]

Starts `dateline serve --workers 1` on the database (build one with bench/serve.py --db),
then for each kind of request of bench/serve.py sends --requests of them one after another
and reads the CPU time the server process used (user + system, from /proc): unlike wall
time, this hardly depends on what else the machine runs. The same requests are sent once
before measuring, so with the cache on (the default) the figures are those of a warm server;
--cache 0 gives the cost of computing every request afresh. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import start_serve


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=40, help="of each kind")
    parser.add_argument("--cache", type=int, help="dateline serve --cache")
    parser.add_argument(
        "--single-process",
        action="store_true",
        help="for a dateline serve without --workers (one process always): older versions",
    )
    args = parser.parse_args()
    import httpx

    options = [] if args.single_process else ["--workers", "1"]
    if args.cache is not None:
        options += ["--cache", str(args.cache)]
    server, base, listing, actors = start_serve(args.db, options)
    try:
        with httpx.Client(base_url=base, timeout=120) as http:
            ids = [a["id"] for a in listing["items"]]
            rng = random.Random(0)
            kinds = {
                "article page": [f"/articles/{rng.choice(ids)}" for _ in range(args.requests)],
                "article record": [
                    f"/api/articles/{rng.choice(ids)}" for _ in range(args.requests)
                ],
                "events page (API)": [
                    f"/api/events?page={rng.randint(1, 20)}&size=50" for _ in range(args.requests)
                ],
                "events filtered (API)": [
                    f"/api/events?actor={rng.choice(actors)}" for _ in range(args.requests)
                ],
                "actor page": [f"/actors/{rng.choice(actors)}" for _ in range(args.requests)],
                "corpus page": ["/"] * max(3, args.requests // 10),
            }
            print(f"{'requests':24} {'n':>5} {'server CPU ms/request':>22}")
            for name, paths in kinds.items():
                for path in paths:  # once before measuring: warm caches (when on)
                    http.get(path).raise_for_status()
                before = cpu_seconds(server.pid)
                for path in paths:
                    http.get(path).raise_for_status()
                spent = cpu_seconds(server.pid) - before
                print(f"{name:24} {len(paths):5d} {spent / len(paths) * 1000:22.1f}")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
