"""JSON and JSON Lines records: `text` plus optional `title`, `date`, `url`, `source`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from dateline.sources.base import Document, ReadError
from dateline.sources.markdown import looks_like_markdown, markdown_blocks
from dateline.sources.text import text_blocks

TEXT_KEYS = ("text", "body", "content", "article")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("date", "published", "publish_date", "pubdate")
SOURCE_KEYS = ("source", "publisher", "site", "sitename")


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((record[k] for k in keys if record.get(k)), None)


def record_document(record: Any, name: str) -> Document:
    """One record to a Document; a record without text is an error naming the record."""
    if not isinstance(record, dict):
        raise ReadError(name, "JSON record is not an object")
    text = _first(record, TEXT_KEYS)
    if not isinstance(text, str) or not text.strip():
        raise ReadError(name, "JSON record has no 'text'")
    blocks = markdown_blocks(text) if looks_like_markdown(text) else text_blocks(text)
    date = _first(record, DATE_KEYS)
    return Document(
        name=name,
        format="json",
        blocks=blocks,
        title=_first(record, TITLE_KEYS),
        date=str(date)[:10] if date else None,
        url=record.get("url"),
        publisher=_first(record, SOURCE_KEYS),
        author=record.get("author") or record.get("byline"),
    )


def iter_records(text: str, name: str) -> Iterator[Document | ReadError]:
    """Yield a Document per record (or a ReadError for a bad one, so a batch carries on)."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None
        if isinstance(whole, dict):
            yield _safe(whole, name)
            return
        if isinstance(whole, list):
            for i, record in enumerate(whole, 1):
                yield _safe(record, f"{name}[{i}]")
            return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(label, f"invalid JSON ({exc.msg})")
            continue
        yield _safe(record, label)


def _safe(record: Any, name: str) -> Document | ReadError:
    try:
        doc = record_document(record, name)
    except ReadError as err:
        return err
    if isinstance(record, dict) and record.get("id"):
        doc.name = f"{name} ({record['id']})"
    return doc
