"""The long fuzzing campaign: `python bench/fuzz.py --examples 10000`.

Reads fuzzed and generated files (tests/fuzzing.py) the way `dateline read` does and prints
how many inputs gave articles or read errors, and how many broke a promise: a traceback, a
span whose text is not text[start:end], a record invalid against the schema, an error that is
not one line naming the file. Exit status 1 when any promise broke. CI runs a few hundred of
the same examples (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, seed, settings
from tests.fuzzing import check, inputs, write_input

KINDS = ["tracebacks", "broken_spans", "invalid", "bad_errors"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed (same seed, same run)")
    parser.add_argument("--show", type=int, default=3, help="problems to print in full per kind")
    args = parser.parse_args()

    from dateline.pipeline import load_model

    load_model()
    counts: Counter[str] = Counter()
    shown: dict[str, list[str]] = {kind: [] for kind in KINDS}
    folder = Path(tempfile.mkdtemp(prefix="dateline-fuzz-"))
    started = time.perf_counter()

    @seed(args.seed)
    @settings(
        max_examples=args.examples,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=inputs)
    def campaign(case: tuple[str, bytes]) -> None:
        suffix, data = case
        outcome = check(write_input(folder, suffix, data))
        counts["inputs"] += 1
        counts["articles"] += outcome.articles
        counts["read errors"] += outcome.errors
        for kind in KINDS:
            found = getattr(outcome, kind)
            counts[kind] += len(found)
            if found and len(shown[kind]) < args.show:
                shown[kind].append(f"{suffix} {data[:120]!r}\n{found[0]}")
        if counts["inputs"] % 500 == 0:
            print(f"  {counts['inputs']} inputs ...", file=sys.stderr, flush=True)

    campaign()
    seconds = time.perf_counter() - started
    print(f"{counts['inputs']} fuzzed inputs in {seconds:.0f} s (seed {args.seed})")
    print(f"  articles read    {counts['articles']:>7}")
    print(f"  read errors      {counts['read errors']:>7}  (one line each, naming the file)")
    for kind in KINDS:
        print(f"  {kind.replace('_', ' '):<16} {counts[kind]:>7}")
    for kind in KINDS:
        for problem in shown[kind]:
            print(f"\n--- {kind}: {problem}")
    return 1 if any(counts[kind] for kind in KINDS) else 0


if __name__ == "__main__":
    sys.exit(main())
