"""Scaling out: runners, the one writer's ceiling, and streaming a large file.

    python bench/scale.py [--articles 2000] [--parts runners,writer,stream]
                          [--writer-base 40] [--pg-url URL] [--stream-gb 1.0]
                          [--stream-limit 500]

runners: articles/s and worker RSS for one process, the local pool with 2 workers and a Dask
  LocalCluster with 2 workers (bench/ingest.py's measurement, each in a fresh process on a
  fresh SQLite database; the cluster's start and model loading are inside its time, as the
  pool's are).
writer: articles/s the parent alone stores, extraction results precomputed (copies of the
  wikinews articles under new ids and fresh near-duplicate signatures), into SQLite and, with
  --pg-url (or DATELINE_TEST_PG_URL), into PostgreSQL; and the rate one process writes
  Parquet shards, which --out-parquet spreads over the workers. Divided by one worker's
  extraction rate it says at how many workers one writer saturates.
stream: a generated .jsonl.gz of --stream-gb GB (wikinews records, each carrying a random
  `crawl` field so the file does not compress to nothing) read through the source layer
  alone with its RSS sampled, then `dateline ingest --limit N` on it: when the first article
  is in the database, and when the run ends.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import DEFAULT_CORPUS, ROOT, make_corpus, rss_mb, run_one

RUNNERS = {
    "one process": (1, False),
    "local pool, 2 workers": (2, False),
    "Dask, 2 workers": (2, True),
}


def runners(articles: int, corpus: Path, tmp: Path) -> None:
    source = tmp / "corpus.jsonl"
    make_corpus(corpus, articles, source)
    rates = {}
    for label, (workers, dask) in RUNNERS.items():
        args = ["--run", str(workers), "--input", str(source)] + (["--dask"] if dask else [])
        result = _child(args)
        rates[label] = result["articles_per_s"]
        growth = (
            result["rss_last_half_max_mb"] / max(result["rss_first_half_max_mb"], 1) - 1
        ) * 100
        print(
            f"{label}: {result['articles']} articles in {result['seconds']} s "
            f"(cluster start {result['startup_seconds']} s) = {result['articles_per_s']} "
            f"articles/s; spaCy process RSS max {result['rss_first_half_max_mb']} MB (first half)"
            f" -> {result['rss_last_half_max_mb']} MB (second half), growth {growth:+.1f}%; "
            f"cores used {result['cores_used']} of {os.cpu_count()}; CPU ms/article "
            f"{result['cpu_ms_per_article_parent'] + result['cpu_ms_per_article_workers']:.0f} "
            f"(parent {result['cpu_ms_per_article_parent']}); failures "
            f"{result['failures']}; rows {json.dumps(result['counts'], sort_keys=True)}",
            flush=True,
        )
    ratio = rates["Dask, 2 workers"] / rates["local pool, 2 workers"]
    print(f"Dask / local pool: {ratio:.2f}x (target >= 0.9x)", flush=True)


def writer(articles: int, corpus: Path, base_size: int, pg_url: str | None, tmp: Path) -> None:
    """Store precomputed extraction results (`base_size` articles extracted, then copied);
    the parent's time only."""
    sys.path.insert(0, str(ROOT / "src"))
    from dateline.cli.common import documents
    from dateline.corpus.extract import Failed, Job, extract
    from dateline.corpus.shards import write_shard
    from dateline.pipeline import EXTRACTOR_VERSION, article_id, load_model, prepare
    from dateline.store import open_store
    from dateline.store.dedup import NUM_PERM

    jobs = []
    for doc in islice(documents([corpus]), base_size):
        header = prepare(doc)
        jobs.append(Job(doc.name, header, article_id(header.text)))
    started = time.perf_counter()
    base = [o for o in extract(load_model(), jobs) if not isinstance(o, Failed)]
    per_article = (time.perf_counter() - started) / len(base)
    print(
        f"one process extracts {1 / per_article:.2f} articles/s ({len(base)} articles, "
        "in this process)",
        flush=True,
    )
    copies = []
    for n in range(articles):
        item = base[n % len(base)]
        record = dict(
            item.article, id=hashlib.sha256(f"{n}:{item.article['id']}".encode()).hexdigest()
        )
        signature = os.urandom(4 * NUM_PERM)  # a different story to the near-duplicate index
        copies.append(type(item)(record, f"copy-{n}", signature))
    targets = {"SQLite": f"sqlite:///{tmp / 'writer.db'}"}
    if pg_url:
        targets["PostgreSQL"] = _fresh_pg_database(pg_url)
    for label, url in targets.items():
        store = open_store(url)
        started = time.perf_counter()
        for at in range(0, len(copies), 32):  # the ingest's default transaction size
            store.write(copies[at : at + 32], EXTRACTOR_VERSION)
        rate = len(copies) / (time.perf_counter() - started)
        store.close()
        print(
            f"writer ceiling, {label}: {rate:.1f} articles/s stored by one process; it "
            f"saturates at about {rate * per_article:.0f} workers extracting "
            f"{1 / per_article:.2f} articles/s each",
            flush=True,
        )
    started = time.perf_counter()
    for at in range(0, len(copies), 8):  # the ingest's default partition size
        write_shard(tmp / "shards", copies[at : at + 8])
    rate = len(copies) / (time.perf_counter() - started)
    print(
        f"Parquet shards: {rate:.1f} articles/s written by one process; with --out-parquet "
        "each worker writes its own partitions, so this adds per worker instead of capping "
        "the run",
        flush=True,
    )


def _fresh_pg_database(admin_url: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from dateline.store.engine import database_url

    admin_url = database_url(admin_url)
    name = f"dateline_bench_{os.getpid()}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def stream(gigabytes: float, limit: int, corpus: Path, tmp: Path) -> None:
    path = tmp / "big.jsonl.gz"
    started = time.perf_counter()
    records = [json.loads(line) for line in corpus.read_text().splitlines() if line.strip()]
    written = n = 0
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) as out:
        while raw.tell() < gigabytes * 1e9:
            record = dict(records[n % len(records)], id=f"big-{n}")
            record["text"] = f"{record['text']}\n\nGenerated copy {n}."
            record["crawl"] = base64.b64encode(os.urandom(6000)).decode()
            line = (json.dumps(record) + "\n").encode()
            out.write(line)
            written += len(line)
            n += 1
    size = path.stat().st_size
    print(
        f"generated {path.name}: {n} records, {size / 1e9:.2f} GB compressed, "
        f"{written / 1e9:.2f} GB of JSON, in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    result = _child(["--read", str(path)])
    print(
        f"source layer alone: {result['documents']} documents in {result['seconds']} s "
        f"({result['documents'] / result['seconds']:.0f}/s); RSS {result['rss_first_mb']} MB "
        f"after the first 1,000, max {result['rss_max_mb']} MB, at the end "
        f"{result['rss_end_mb']} MB",
        flush=True,
    )
    db = tmp / "stream.db"
    url = f"sqlite:///{db}"
    command = [sys.executable, "-m", "dateline.cli", "ingest", str(path), "--db", url]
    started = time.perf_counter()
    run = subprocess.Popen(
        [*command, "--limit", str(limit)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    first = None
    while run.poll() is None:
        if first is None and _stored(url):
            first = time.perf_counter() - started
        time.sleep(0.2)
    total = time.perf_counter() - started
    print(
        f"dateline ingest --limit {limit}: first article stored after {first or total:.1f} s, "
        f"{_stored(url)} articles stored in {total:.1f} s (exit status {run.returncode})",
        flush=True,
    )


def _stored(url: str) -> int:
    from sqlalchemy import create_engine, text

    if not Path(url.removeprefix("sqlite:///")).exists():
        return 0
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
    except Exception:  # the schema is still being created
        return 0
    finally:
        engine.dispose()


def read_only(path: Path) -> dict:
    """Iterate the source layer over `path`, sampling this process's RSS."""
    sys.path.insert(0, str(ROOT / "src"))
    from dateline.sources import Document, iter_documents

    me = os.getpid()
    started = time.perf_counter()
    documents = 0
    samples = []
    for item in iter_documents(path):
        documents += isinstance(item, Document)
        if documents % 1000 == 0:
            samples.append(rss_mb(me))
    return {
        "documents": documents,
        "seconds": round(time.perf_counter() - started, 1),
        "rss_first_mb": round(samples[1] if len(samples) > 1 else rss_mb(me), 1),
        "rss_max_mb": round(max(samples, default=0), 1),
        "rss_end_mb": round(rss_mb(me), 1),
    }


def _child(args: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--parts", default="runners,writer,stream")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--writer-base", type=int, default=40)
    parser.add_argument("--pg-url", default=os.environ.get("DATELINE_TEST_PG_URL"))
    parser.add_argument("--stream-gb", type=float, default=1.0)
    parser.add_argument("--stream-limit", type=int, default=500)
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)  # one runner, in a child
    parser.add_argument("--dask", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--read", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if args.run:
            print(json.dumps(run_one(args.input, args.run, tmp / "bench.db", args.dask)))
            return
        if args.read:
            print(json.dumps(read_only(args.read)))
            return
        parts = args.parts.split(",")
        print(f"{os.cpu_count()} cores; load average {os.getloadavg()}", flush=True)
        if "runners" in parts:
            runners(args.articles, args.corpus, tmp)
        if "writer" in parts:
            writer(args.articles, args.corpus, args.writer_base, args.pg_url, tmp)
        if "stream" in parts:
            stream(args.stream_gb, args.stream_limit, args.corpus, tmp)


if __name__ == "__main__":
    main()
