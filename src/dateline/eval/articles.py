"""What the JSONL gold scorers share: reading gold lines, finding the articles they name in a
corpus, running those through the pipeline, and folding names for comparison.

Gold files name articles by the `id` of a record in a JSONL corpus; the record's `date` is the
publication date that relative times resolve against, so records go through the same reader
(`record_document`) as `dateline read` and `ingest` do.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.schema import Article
from dateline.sources import ReadError
from dateline.sources.records import record_document

if TYPE_CHECKING:
    from dateline.pipeline import Pipeline

_PUNCT = re.compile(r"[^\w\s]")


def jsonl_rows(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed row) for every non-blank line; a bad line is a ValueError naming
    the file and line, so the command can print one line instead of a traceback."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read ({exc.__class__.__name__})") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: invalid JSON ({exc.msg})") from exc


def default_corpus(gold: Path) -> Path:
    """Where the corpus of a gold file lives: ../shared/eval/quotes/dev.jsonl ->
    ../shared/corpus/wikinews/articles.jsonl."""
    return gold.resolve().parent.parent.parent / "corpus" / "wikinews" / "articles.jsonl"


def corpus_records(path: Path, ids: set[str]) -> list[dict[str, Any]]:
    """The records of a JSONL corpus whose `id` is in `ids`, in corpus order."""
    return [row for _, row in jsonl_rows(path) if isinstance(row, dict) and row.get("id") in ids]


def read_articles(
    corpus: Path, ids: set[str], pipeline: Pipeline
) -> dict[str, Article | ReadError]:
    """The named records of the corpus as Articles (or the ReadError of a record that cannot
    be read), by record id; ids the corpus lacks are absent."""
    records = corpus_records(corpus, ids)
    docs = []
    for r in records:
        try:
            docs.append(record_document(r, r["id"]))
        except ReadError as exc:
            docs.append(exc)
    return {r["id"]: a for r, a in zip(records, pipeline.run(docs), strict=True)}


def name_words(name: str | None) -> list[str]:
    """Words of a name, lowercased, without accents, punctuation or a possessive 's:
    "Erdoğan's" -> ["erdogan"]."""
    if not name:
        return []
    folded = unicodedata.normalize("NFKD", name.lower().replace("’", "'").replace("'s ", " "))
    folded = "".join(c for c in folded if not unicodedata.combining(c))  # Erdoğan = Erdogan
    return _PUNCT.sub(" ", folded).split()
