"""Speed of `read` beside raw `nlp.pipe` on the same texts (issue 2's speed target).

    python bench/read.py [--corpus PATH] [--repeat N]

Prints articles/s and tokens/s for spaCy alone and for the full dateline pipeline, and the
share of time that dateline's own work adds. Target: <= 25% over spaCy.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dateline.pipeline import Pipeline
from dateline.sources import ReadError, iter_documents
from dateline.stages.header import parse_header

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs")
    args = parser.parse_args()

    docs = [d for d in iter_documents(args.corpus) if not isinstance(d, ReadError)]
    texts = [parse_header(d).text for d in docs]
    pipeline = Pipeline()
    nlp = pipeline.nlp
    list(nlp.pipe(texts[:5]))  # warm up
    tokens = 0
    spacy_best = read_best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=pipeline.batch_size))
        spacy_best = min(spacy_best, time.perf_counter() - t0)
        t0 = time.perf_counter()
        articles = list(pipeline.run(docs))
        read_best = min(read_best, time.perf_counter() - t0)
    n = len(articles)
    print(f"corpus: {args.corpus} ({n} articles, {tokens} tokens)")
    print(f"{'':12}{'seconds':>10}{'articles/s':>14}{'tokens/s':>12}")
    for label, secs in (("nlp.pipe", spacy_best), ("read", read_best)):
        print(f"{label:12}{secs:10.2f}{n / secs:14.1f}{tokens / secs:12.0f}")
    print(
        f"dateline adds {100 * (read_best - spacy_best) / spacy_best:.1f}% to spaCy's time "
        f"(target <= 25%)"
    )


if __name__ == "__main__":
    main()
