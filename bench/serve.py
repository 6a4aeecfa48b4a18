"""`dateline serve` under load: requests/s and latency over the API and the article pages.

    python bench/serve.py [--articles 2000] [--clients 50] [--seconds 20] [--db PATH]
                          [--workers N] [--cache N] [--all-articles] [--warmup SECONDS]
                          [--prime ROUNDS]

Builds (once, then reused with --db) a corpus of --articles articles: the wikinews corpus
is read with the pipeline once, and each record is stored again as a copy whose text ends
with a numbered line, so ids differ and every offset stays valid. Then `dateline serve`
runs in its own process on a free loopback port while --clients concurrent clients (asyncio
+ h11, in this process) request, for --seconds: an article page, an article record, a
page of events, a filtered page of events, and an actor page, in turn, with articles and
pages drawn at random (articles among the 200 latest, or among all with --all-articles).
--workers and --cache are passed to `dateline serve` (its defaults when not given; --cache 0
measures every request computed afresh). --warmup runs the same load for that long first,
unmeasured; --prime requests every address the load draws from, that many times over
(8 at a time, unmeasured): the figures of a server that has been up a while (its caches
filled; each server process has its own, and a request goes to any of them) rather than of
one just started. Prints requests/s, latency percentiles and errors
(any non-200 answer or failed connection), and the load average before the run: client and
server share the machine's cores, and so do other programs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import h11

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30  # seconds a request may take before it counts as an error
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews" / "articles.jsonl"


def build_corpus(source: Path, n: int, db: Path) -> None:
    """Store n articles: the corpus read once, then copied with distinct texts."""
    sys.path.insert(0, str(ROOT / "src"))
    from dateline.pipeline import Pipeline
    from dateline.pipeline import article_id as text_id
    from dateline.sources import ReadError, iter_documents
    from dateline.store import Extracted, open_store

    read = [a for a in Pipeline().run(iter_documents(source)) if not isinstance(a, ReadError)]
    store = open_store(f"sqlite:///{db}")
    batch: list[Extracted] = []
    for i in range(n):
        record = read[i % len(read)].model_dump()
        record["text"] = f"{record['text']}\n\nBenchmark copy {i}."
        record["id"] = text_id(record["text"])
        batch.append(Extracted(record, f"copy-{i}"))
        if len(batch) == 100:
            store.write(batch, "bench")
            batch = []
    if batch:
        store.write(batch, "bench")
    print(f"built {db}: {store.counts()}", file=sys.stderr)
    store.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_serve(db: Path, options: list[str]) -> tuple[subprocess.Popen, str, dict, list[str]]:  # type: ignore[type-arg]
    """`dateline serve` on the database on a free loopback port, once it answers: the
    process, its base URL, the first page of /api/articles?size=200 and the 30 most active
    actors (code, else name). The caller stops the process."""
    import httpx

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "dateline.cli", "serve", "--db", str(db)]
    server = subprocess.Popen([*command, "--port", str(port), *options], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180  # a loaded machine starts Python slowly
    while True:
        try:
            listing = httpx.get(f"{base}/api/articles?size=200", timeout=60).json()
            break
        except httpx.HTTPError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                raise SystemExit("dateline serve did not start") from None
            time.sleep(0.3)
    top = httpx.get(f"{base}/api/actors?size=30&order=events_as_actor", timeout=60).json()
    return server, base, listing, [a["actor_code"] or a["name"] for a in top["items"]]


class Connection:
    """One keep-alive HTTP/1.1 connection driven by h11: a load generator that leaves the
    shared cores to the server. httpx's layers cost several times the CPU of a cached answer
    per request, so with it the client, not the server, set the pace."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.http = h11.Connection(h11.CLIENT)

    async def get(self, path: str) -> int:
        """The status of GET `path` (its body read and dropped)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            self.http = h11.Connection(h11.CLIENT)
        assert self.reader is not None
        request = h11.Request(
            method="GET", target=quote(path, safe="/?=&"), headers=[("Host", self.host)]
        )
        self.writer.write(self.http.send(request) + self.http.send(h11.EndOfMessage()))
        status = 0
        while True:
            event = self.http.next_event()
            if event is h11.NEED_DATA:
                self.http.receive_data(await self.reader.read(65536))  # b"" at the end
            elif isinstance(event, h11.ConnectionClosed):
                raise ConnectionError("the server closed the connection")
            elif isinstance(event, h11.Response):
                status = event.status_code
            elif isinstance(event, h11.EndOfMessage):
                break
        if self.http.our_state is h11.MUST_CLOSE or self.http.their_state is h11.MUST_CLOSE:
            self.close()
        else:
            self.http.start_next_cycle()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def hot_paths(ids: list[str], actors: list[str]) -> list[str]:
    """Every address `load` may request."""
    paths = [f"/articles/{i}" for i in ids] + [f"/api/articles/{i}" for i in ids]
    paths += [f"/api/events?page={page}&size=50" for page in range(1, 21)]
    return paths + [f"/api/events?actor={a}" for a in actors] + [f"/actors/{a}" for a in actors]


async def prime(base: str, paths: list[str], rounds: int) -> None:
    """Request every path `rounds` times over, 8 at a time, answers unchecked."""
    host, port = urlsplit(base).hostname or "127.0.0.1", urlsplit(base).port or 80
    todo = [path for _ in range(rounds) for path in paths]

    async def worker() -> None:
        connection = Connection(host, port)
        while todo:
            try:
                await asyncio.wait_for(connection.get(todo.pop()), TIMEOUT * 10)
            except (OSError, TimeoutError, h11.ProtocolError):
                connection.close()
        connection.close()

    await asyncio.gather(*(worker() for _ in range(8)))


async def load(base: str, ids: list[str], actors: list[str], clients: int, seconds: float):  # type: ignore[no-untyped-def]
    latencies: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    kinds = [
        ("article page", lambda: f"/articles/{random.choice(ids)}"),
        ("article record", lambda: f"/api/articles/{random.choice(ids)}"),
        ("events page (API)", lambda: f"/api/events?page={random.randint(1, 20)}&size=50"),
        ("events filtered (API)", lambda: f"/api/events?actor={random.choice(actors)}"),
        ("actor page", lambda: f"/actors/{random.choice(actors)}"),
    ]
    stop = time.monotonic() + seconds
    host, port = urlsplit(base).hostname or "127.0.0.1", urlsplit(base).port or 80

    async def client(n: int) -> None:
        i, connection = n, Connection(host, port)
        while time.monotonic() < stop:
            name, path = kinds[i % len(kinds)]
            i += 1
            start = time.perf_counter()
            try:
                ok = await asyncio.wait_for(connection.get(path()), TIMEOUT) == 200
            except (OSError, TimeoutError, h11.ProtocolError):
                connection.close()
                ok = False
            took = time.perf_counter() - start
            latencies.setdefault(name, []).append(took)
            if not ok:
                errors[name] = errors.get(name, 0) + 1
        connection.close()

    began = time.monotonic()
    await asyncio.gather(*(client(n) for n in range(clients)))
    return latencies, errors, time.monotonic() - began


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--db", type=Path, help="reuse (or build into) this SQLite file")
    parser.add_argument("--workers", type=int, help="dateline serve --workers")
    parser.add_argument("--cache", type=int, help="dateline serve --cache")
    parser.add_argument(
        "--all-articles", action="store_true", help="draw articles among all, not the latest 200"
    )
    parser.add_argument("--warmup", type=float, default=0, help="unmeasured load first (s)")
    parser.add_argument("--prime", type=int, default=0, help="request every address N times")
    args = parser.parse_args()

    db = args.db or Path(tempfile.mkdtemp()) / "serve-bench.db"
    if not db.exists():
        build_corpus(args.corpus, args.articles, db)
    options = []
    for option in ("workers", "cache"):
        if getattr(args, option) is not None:
            options += [f"--{option}", str(getattr(args, option))]
    server, base, listing, actors = start_serve(db, options)
    try:
        import httpx

        ids = [a["id"] for a in listing["items"]]
        pages = -(-listing["total"] // 200) if args.all_articles else 1
        for page in range(2, pages + 1):
            more = httpx.get(f"{base}/api/articles?size=200&page={page}", timeout=30).json()
            ids += [a["id"] for a in more["items"]]
        if args.prime:
            asyncio.run(prime(base, hot_paths(ids, actors), args.prime))
        if args.warmup:
            asyncio.run(load(base, ids, actors, args.clients, args.warmup))
        load_before = os.getloadavg()[0]
        latencies, errors, elapsed = asyncio.run(
            load(base, ids, actors, args.clients, args.seconds)
        )
    finally:
        server.terminate()
        server.wait(timeout=20)

    every = [t for values in latencies.values() for t in values]
    print(
        f"{len(every)} requests from {args.clients} clients in {elapsed:.1f} s on a "
        f"{listing['total']}-article database ({len(ids)} articles drawn; serve options: "
        f"{' '.join(options) or 'defaults'}; "
        f"{args.warmup:.0f} s warm-up, primed {args.prime}x; load average "
        f"{load_before:.2f} on {os.cpu_count()} cores before): "
        f"{len(every) / elapsed:.1f} requests/s, {sum(errors.values())} errors"
    )
    print(f"{'requests':24} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, values in [*latencies.items(), ("all", every)]:
        errs = sum(errors.values()) if name == "all" else errors.get(name, 0)
        print(
            f"{name:24} {len(values):6d} {percentile(values, 50):8.1f} "
            f"{percentile(values, 95):8.1f} {percentile(values, 99):8.1f} {errs:7d}"
        )
    print(json.dumps({"mean_ms": round(statistics.mean(every) * 1000, 1)}))


if __name__ == "__main__":
    main()
