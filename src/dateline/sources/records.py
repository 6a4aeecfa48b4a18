"""JSON and JSON Lines records: `text` plus optional `title`, `date`, `url`, `source`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
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


def _string(value: Any) -> str | None:
    """A metadata value as text; lists, numbers and objects are not titles or URLs."""
    return (value.strip() or None) if isinstance(value, str) else None


def _date(value: Any) -> str | None:
    """An ISO date string as given (its YYYY-MM-DD prefix), or an RSS-style date made ISO.

    Anything else is kept as is: the header stage only trusts what parses, so an odd date
    string yields no published date rather than a guessed one.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if value[:4].isdigit():
        return value[:10]
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def record_document(record: Any, name: str) -> Document:
    """One record to a Document; a record without text is an error naming the record."""
    if not isinstance(record, dict):
        raise ReadError(name, "JSON record is not an object")
    text = _first(record, TEXT_KEYS)
    if not isinstance(text, str) or not text.strip():
        raise ReadError(name, "JSON record has no 'text'")
    blocks = markdown_blocks(text) if looks_like_markdown(text) else text_blocks(text)
    return Document(
        name=name,
        format="json",
        blocks=blocks,
        title=_string(_first(record, TITLE_KEYS)),
        date=_date(_first(record, DATE_KEYS)),
        url=_string(record.get("url")),
        publisher=_string(_first(record, SOURCE_KEYS)),
        author=_string(record.get("author") or record.get("byline")),
    )


def iter_records(text: str, name: str) -> Iterator[Document | ReadError]:
    """Yield a Document per record (or a ReadError for a bad one, so a batch carries on)."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            whole = json.loads(text)
        except json.JSONDecodeError as exc:
            whole = None
            if not _first_line_parses(text):
                # One pretty-printed document with an error: one error, not one per line.
                yield ReadError(name, f"invalid JSON ({exc.msg}, line {exc.lineno})")
                return
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


def _first_line_parses(text: str) -> bool:
    """True when the first non-empty line is a JSON value on its own, as in JSON Lines."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _safe(record: Any, name: str) -> Document | ReadError:
    try:
        doc = record_document(record, name)
    except ReadError as err:
        return err
    if isinstance(record, dict) and record.get("id"):
        doc.name = f"{name} ({record['id']})"
    return doc
