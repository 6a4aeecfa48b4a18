"""dateline: news reports to structured, verifiable event data.

>>> import dateline
>>> article = dateline.read("story.txt", published="2024-06-11")
>>> article.model_dump()["entities"][0]["name"]
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from dateline.schema import SCHEMA_ID, Article
from dateline.sources import ReadError, iter_documents, load_text

__all__ = ["SCHEMA_ID", "Article", "ReadError", "read", "read_all"]
__version__ = "0.1.0"
_MAX_PATH = 4096


def _as_date(published: str | date | None) -> date | None:
    if published is None or isinstance(published, date):
        return published
    try:
        return date.fromisoformat(published)
    except ValueError as exc:
        raise ValueError(f"published must be YYYY-MM-DD, got {published!r}") from exc


def _is_path(source: str | Path) -> bool:
    """A Path, or a short one-line string naming an existing file (else it is the text)."""
    if isinstance(source, Path):
        return True
    if "\n" in source or len(source) > _MAX_PATH:
        return False
    try:
        return Path(source).is_file()
    except OSError:  # a sentence is not a file name, however it looks
        return False


def _documents(source: str | Path, fmt: str | None = None):  # type: ignore[no-untyped-def]
    if _is_path(source):
        return iter_documents(source)
    return load_text(str(source), fmt=fmt)


def read_all(
    source: str | Path, published: str | date | None = None, model: str | None = None
) -> Iterator[Article | ReadError]:
    """Every article in a file (a JSONL file holds many) or in a pasted text."""
    from dateline.pipeline import DEFAULT_MODEL, Pipeline

    pipeline = Pipeline(model or DEFAULT_MODEL)
    yield from pipeline.run(_documents(source), _as_date(published))


def read(
    source: str | Path, published: str | date | None = None, model: str | None = None
) -> Article:
    """Read one article from a path or from the text itself; raise ReadError if it has none."""
    for item in read_all(source, published, model):
        if isinstance(item, ReadError):
            raise item
        return item
    raise ReadError(str(source)[:60], "no article found")
