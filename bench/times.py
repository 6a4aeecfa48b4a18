"""Speed of the times stage alone beside spaCy on the same texts.

    python bench/times.py [--corpus PATH] [--repeat N] [--profile]

Parses the corpus once with spaCy (timed), then runs `extract_times` over every parsed
article N times and prints the best time and its share of spaCy's. With `--profile`, prints
the top of a cProfile of one more run.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

from dateline.pipeline import Pipeline
from dateline.sources import ReadError, iter_documents
from dateline.stages import text_of
from dateline.stages.header import parse_header, parse_iso
from dateline.stages.times import extract_times

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    parser.add_argument("--profile", action="store_true", help="cProfile one more run")
    args = parser.parse_args()

    headers = [parse_header(d) for d in iter_documents(args.corpus) if not isinstance(d, ReadError)]
    anchors = [parse_iso(h.meta.published) for h in headers]
    pipeline = Pipeline()
    nlp = pipeline.nlp
    list(nlp.pipe([h.text for h in headers[:5]]))  # warm up
    t0 = time.perf_counter()
    docs = list(nlp.pipe([h.text for h in headers], batch_size=pipeline.batch_size))
    spacy_secs = time.perf_counter() - t0
    for doc in docs:
        text_of(doc)  # the pipeline's earlier stages have built it by the time times run

    def run() -> int:
        pairs = zip(docs, anchors, strict=True)
        return sum(len(extract_times(doc, anchor)) for doc, anchor in pairs)

    run()  # warm up: grammar compiled, lexicons loaded
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        found = run()
        best = min(best, time.perf_counter() - t0)
    print(f"corpus: {args.corpus} ({len(docs)} articles, {found} times)")
    print(f"spaCy (nlp.pipe, one run)   {spacy_secs:8.2f} s")
    share = 100 * best / spacy_secs
    print(f"extract_times (best of {args.repeat})  {best:8.3f} s  = {share:.1f}% of spaCy")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
