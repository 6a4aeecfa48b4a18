"""Long texts: `python bench/longtext.py [--chars 1100000]`.

Builds one article of about --chars characters from our own examples (their bodies repeated,
paragraph by paragraph), reads it with `dateline.read` and prints the time, the peak RSS of
the process, how many pieces spaCy parsed, and whether every span is exact. Over one million
characters spaCy alone would refuse the text (E088).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import spans_are_exact  # noqa: E402
from tests.test_long_text import _example_bodies  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_100_000)
    args = parser.parse_args()

    import dateline
    from dateline.parsing import PIECE_CHARS, split_text
    from dateline.pipeline import load_model

    bodies = "\n\n".join(_example_bodies())
    text = "\n\n".join([bodies] * (args.chars // (len(bodies) + 2) + 1))[: args.chars]
    text = text[: text.rfind("\n\n")]  # end on a whole paragraph
    load_model()
    started = time.perf_counter()
    article = dateline.read(text)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    broken = spans_are_exact(article)
    people = sorted((len(e.mentions), e.name) for e in article.entities if e.type == "PERSON")
    print(
        f"{len(text):,} characters in {len(split_text(text, PIECE_CHARS))} pieces: "
        f"{seconds:.0f} s, peak RSS {peak:,.0f} MB"
    )
    print(
        f"  {len(article.entities)} entities, {len(article.events)} events, "
        f"{len(article.quotes)} quotes; broken spans: {len(broken)}"
    )
    print(f"  most mentioned person: {people[-1][1]} ({people[-1][0]} mentions, one entity)")
    return 1 if broken or article.text != text else 0


if __name__ == "__main__":
    sys.exit(main())
