"""Fuzzed input for the readers and `dateline.read`: strategies and the one property checked.

Inputs are our own fixtures and examples, mutated (truncated, bytes flipped, invalid UTF-8,
NULs, BOMs, very long lines, deep HTML nesting, unbalanced quote marks, RTL and zero-width
characters, emoji), and text generated from scratch. `check` reads one input the way a user's
file is read and lists what went wrong: an exception escaping, a span whose text is not
`text[start:end]`, a record that does not validate against the schema, an error that is not
one line. tests/test_fuzz.py runs a fixed budget in CI; bench/fuzz.py runs long campaigns.
"""

from __future__ import annotations

import gzip
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from tests.conftest import FIXTURES, ROOT, spans_are_exact

SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".jsonl.gz", ""]
SEEDS: list[tuple[str, bytes]] = [
    (path.name, path.read_bytes())
    for folder in (FIXTURES, ROOT / "examples")
    for path in sorted(folder.iterdir())
    if path.is_file()
]
_TEXT_SEEDS = [data for name, data in SEEDS if name.endswith((".txt", ".md"))]
# Characters that have broken text tools before: BOMs, NUL, bidi controls, zero-width
# joiners, quote marks without partners, emoji sequences, combining marks, odd line ends.
ODD = [
    "\ufeff",
    "\x00",
    "\u202e",
    "\u202b",
    "\u200f",
    "\u200e",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "“",
    "”",
    "‘",
    "’",
    '"',
    "'",
    "«",
    "»",
    "„",
    "「",
    "」",
    "👩\u200d👩\u200d👧",
    "🇺🇦",
    "🏳️\u200d🌈",
    "e\u0301",
    "\u0301",
    "ﷺ",
    "𝕏",
    "\r",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x0b",
    "\x0c",
    "\t",
    "\u00a0",
    "\u3000",
    "مرحبا بالعالم",
    "שלום עולם",
    "नमस्ते",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    "&amp;",
    "--",
    "—",
]
WORDS = [
    "President",
    "Obama",
    "said",
    "on",
    "Monday",
    "the",
    "talks",
    "in",
    "Geneva",
    "will",
    "resume",
    "“We",
    "reject",
    "this,”",
    "Reuters",
    "-",
    "KYIV,",
    "June",
    "11",
    "(AP)",
    "killed",
    "more",
    "than",
    "37,000",
    "people",
    "accused",
    "Israel",
    "of",
    "attacks",
    ".",
]
BAD_BYTES = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf0\x28\x8c\x28", b"\x80"]


def _insert(data: bytes, at: int, piece: bytes) -> bytes:
    return data[:at] + piece + data[at:]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture or example with one to four mutations, under some file name suffix."""
    name, data = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(
            st.sampled_from(
                ["truncate", "flip", "odd", "bad", "long_line", "nest", "bom", "repeat", "cut"]
            )
        )
        if kind == "truncate":
            data = data[:at]
        elif kind == "flip" and data:
            i = min(at, len(data) - 1)
            data = data[:i] + bytes([data[i] ^ (1 << draw(st.integers(0, 7)))]) + data[i + 1 :]
        elif kind == "odd":
            data = _insert(data, at, draw(st.sampled_from(ODD)).encode("utf-8"))
        elif kind == "bad":
            data = _insert(data, at, draw(st.sampled_from(BAD_BYTES)))
        elif kind == "long_line":
            word = draw(st.sampled_from([b"x", b"word ", b"\xe2\x80\x9c", b"\xd8\xa7 "]))
            data = _insert(data, at, word * draw(st.integers(1000, 30000)))
        elif kind == "nest":
            depth = draw(st.integers(50, 3000))
            data = (
                b"<html><body>" + b"<div>" * depth + data + b"</div>" * draw(st.integers(0, depth))
            )
        elif kind == "bom":
            bom = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]))
            data = bom + data
        elif kind == "repeat":
            data = data[:at] * draw(st.integers(2, 20))
        elif kind == "cut" and data:
            end = draw(st.integers(at, len(data)))
            data = data[:at] + data[end:]
    suffix = draw(st.sampled_from([*SUFFIXES, Path(name).suffix]))
    return suffix, data


@st.composite
def generated(draw: st.DrawFn) -> tuple[str, bytes]:
    """Text made from scratch: news-like words, odd characters and arbitrary Unicode."""
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(WORDS),
                st.sampled_from(ODD),
                st.text(st.characters(exclude_categories=["Cs"]), max_size=20),
                st.sampled_from(["\n", "\n\n", " ", ". "]),
            ),
            max_size=400,
        )
    )
    sep = draw(st.sampled_from([" ", "", "\n"]))
    text = sep.join(pieces)
    suffix = draw(st.sampled_from(SUFFIXES))
    return suffix, text.encode("utf-8")


@st.composite
def spliced(draw: st.DrawFn) -> tuple[str, bytes]:
    """Two texts spliced, or a text inside a JSON record or HTML page with odd fields."""
    a = draw(st.sampled_from(_TEXT_SEEDS)).decode("utf-8", "replace")
    b = draw(st.sampled_from(_TEXT_SEEDS)).decode("utf-8", "replace")
    cut = draw(st.integers(0, len(a)))
    text = a[:cut] + draw(st.sampled_from(ODD)) + b[draw(st.integers(0, len(b))) :]
    wrap = draw(st.sampled_from(["plain", "json", "html"]))
    if wrap == "json":
        import json

        record = {
            "text": text,
            "title": draw(st.one_of(st.none(), st.text(max_size=30), st.integers())),
            "date": draw(st.sampled_from([None, "2024-02-30", "yesterday", 20240101, ""])),
            "url": draw(st.sampled_from([None, "not a url", "https://example.org/2024/13/45/x"])),
        }
        return ".jsonl", json.dumps(record, ensure_ascii=draw(st.booleans())).encode()
    if wrap == "html":
        body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        return ".html", f"<html><head><title>{text[:40]}</title></head><body>{body}".encode()
    return ".txt", text.encode("utf-8")


inputs = st.one_of(mutated(), generated(), spliced())


@dataclass
class Outcome:
    """What reading one input gave: counts of articles and errors, and every problem."""

    articles: int = 0
    errors: int = 0
    tracebacks: list[str] = field(default_factory=list)
    broken_spans: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    bad_errors: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return self.tracebacks + self.broken_spans + self.invalid + self.bad_errors


def write_input(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"fuzzed{suffix}"
    if suffix.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)
    return path


def check(path: Path) -> Outcome:
    """Read `path` as `dateline read` does and list every broken promise."""
    import dateline
    from dateline.schema import Article

    outcome = Outcome()
    try:
        for item in dateline.read_all(path):
            if isinstance(item, dateline.ReadError):
                if item.reason.startswith("extraction failed"):  # a stage raised: a bug
                    outcome.tracebacks.append(str(item))
                    continue
                outcome.errors += 1
                if "\n" in str(item) or not str(item).startswith(str(path)):
                    outcome.bad_errors.append(f"error not one line naming the file: {item!r}")
                continue
            outcome.articles += 1
            outcome.broken_spans += spans_are_exact(item)
            try:
                Article.model_validate_json(item.model_dump_json())
            except Exception as exc:
                outcome.invalid.append(f"{exc.__class__.__name__}: {exc}"[:500])
    except Exception:
        outcome.tracebacks.append(traceback.format_exc())
    return outcome
