"""Ingest throughput and memory: articles/s with 1 and 2 workers, peak and growing RSS.

    python bench/ingest.py [--articles 2000] [--workers 1,2] [--corpus PATH]

The wikinews corpus (150 articles) is repeated to --articles; each copy gets a numbered
last line so that its id differs and it is extracted again rather than skipped. Every
worker count runs in a fresh process on a fresh SQLite database, through the same `Ingest`
the CLI uses. RSS is sampled (from /proc) every 100 articles for the process(es) running
spaCy: the parent with one worker, the worker processes with more. Linux only.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews" / "articles.jsonl"


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def make_corpus(source: Path, n: int, out: Path) -> None:
    records = [json.loads(line) for line in source.read_text().splitlines() if line.strip()]
    with open(out, "w") as handle:
        for i in range(n):
            record = dict(records[i % len(records)])
            record["id"] = f"{record.get('id', i)}#{i}"
            record["text"] = f"{record['text']}\n\nBenchmark copy {i}."
            handle.write(json.dumps(record) + "\n")


def run_one(corpus: Path, workers: int, db: Path, dask: bool = False) -> dict:
    """One configuration, in this process; returns its measurements. With `dask`, the
    workers are a Dask LocalCluster's, started (and their model loaded) inside the timing."""
    sys.path.insert(0, str(ROOT / "src"))
    from contextlib import nullcontext

    from dateline.cli.common import documents
    from dateline.corpus.ingest import Ingest
    from dateline.store import open_store

    samples: list[tuple[int, float]] = []
    done = 0
    me = os.getpid()
    spacy_pids: list[int] = []  # a cluster's worker processes (a pool's are our children)

    def spacy_rss() -> float:
        if workers == 1 and not dask:
            return rss_mb(me)
        pids = spacy_pids or children(me)
        return max((rss_mb(pid) for pid in pids), default=0.0)

    def progress(n: int) -> None:
        nonlocal done
        before, done = done, done + n
        if before // 100 != done // 100:
            samples.append((done, spacy_rss()))

    store = open_store(f"sqlite:///{db}")
    started = time.perf_counter()
    with _cluster(workers) if dask else nullcontext() as client:
        ready = time.perf_counter() - started
        if client is not None:
            spacy_pids.extend(client.run(os.getpid).values())
        run = Ingest(store, workers=1 if dask else workers, progress=progress, cluster=client)
        summary = run.run(documents([corpus]))
        wall = time.perf_counter() - started
    samples_tail = samples[-3:]
    store.close()
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool's workers, after shutdown
    parent_cpu = own.ru_utime + own.ru_stime
    worker_cpu = kids.ru_utime + kids.ru_stime
    middle = len(samples) // 2  # samples are evenly spaced: split them in halves
    first = [rss for _, rss in samples[:middle]]
    last = [rss for _, rss in samples[middle:]]
    return {
        "workers": workers,
        "articles": summary.extracted,
        "failures": len(summary.failures),
        "seconds": round(wall, 1),
        "startup_seconds": round(ready, 1),  # the cluster's start (0 for the others)
        "articles_per_s": round(summary.extracted / wall, 2),
        "rss_first_half_max_mb": round(max(first, default=0), 1),
        "rss_last_half_max_mb": round(max(last, default=0), 1),
        "rss_at_half_mb": round(first[-1] if first else 0, 1),
        "rss_at_end_mb": round(last[-1] if last else 0, 1),
        "parent_peak_mb": round(own.ru_maxrss / 1024, 1),
        # CPU time over wall time: the cores the run actually got (others may be busy).
        "cores_used": round((parent_cpu + worker_cpu) / wall, 2),
        "cpu_ms_per_article_parent": round(1000 * parent_cpu / max(summary.extracted, 1), 1),
        "cpu_ms_per_article_workers": round(1000 * worker_cpu / max(summary.extracted, 1), 1),
        "rss_samples_tail": samples_tail,
        "counts": open_store(f"sqlite:///{db}").counts(),
    }


def _cluster(workers: int):  # type: ignore[no-untyped-def]
    from dateline.corpus.cluster import ClusterSpec, connect
    from dateline.pipeline import DEFAULT_MODEL

    return connect(ClusterSpec(workers=workers), DEFAULT_MODEL, [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)  # one configuration
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.run:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(run_one(args.input, args.run, Path(tmp) / "bench.db")))
        return

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_corpus(args.corpus, args.articles, corpus)
        for workers in (int(w) for w in args.workers.split(",")):
            done = subprocess.run(
                [sys.executable, __file__, "--run", str(workers), "--input", str(corpus)],
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(done.stdout.strip().splitlines()[-1])
            results.append(result)
            growth = (result["rss_last_half_max_mb"] / result["rss_first_half_max_mb"] - 1) * 100
            print(
                f"workers={workers}: {result['articles']} articles in {result['seconds']} s = "
                f"{result['articles_per_s']} articles/s; spaCy process RSS max "
                f"{result['rss_first_half_max_mb']} MB (first half) -> "
                f"{result['rss_last_half_max_mb']} MB (second half), growth {growth:+.1f}%; "
                f"parent peak {result['parent_peak_mb']} MB; CPU ms/article: parent "
                f"{result['cpu_ms_per_article_parent']}, workers "
                f"{result['cpu_ms_per_article_workers']}; cores used {result['cores_used']} "
                f"of {os.cpu_count()}",
                flush=True,
            )
    single = next((r for r in results if r["workers"] == 1), None)
    if single and len(results) > 1:
        base = single["articles_per_s"]
        for r in results:
            if r is not single:
                speedup = r["articles_per_s"] / base
                print(f"speed-up with {r['workers']} workers: {speedup:.2f}x")
    counts = {json.dumps(r["counts"], sort_keys=True) for r in results}
    print("same row counts for every worker count:", len(counts) == 1)


if __name__ == "__main__":
    main()
