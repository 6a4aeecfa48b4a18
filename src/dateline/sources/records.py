"""JSON and JSON Lines records: `text` plus optional `title`, `date`, `url`, `source`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from itertools import chain
from pathlib import Path
from typing import Any

from dateline.sources.base import Document, ReadError
from dateline.sources.encoding import decode
from dateline.sources.markdown import looks_like_markdown, markdown_blocks
from dateline.sources.streams import decode_line, lines
from dateline.sources.text import text_blocks

# A .jsonl file whose first line is not a JSON value may be one pretty-printed document: up
# to this size it is read whole, and if it parses it is read as a .json file is; anything
# else is read line by line, each bad line an error of its own.
WHOLE_DOCUMENT_BYTES = 16 << 20

TEXT_KEYS = ("text", "body", "content", "article")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("date", "published", "publish_date", "pubdate")
SOURCE_KEYS = ("source", "publisher", "site", "sitename")


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((record[k] for k in keys if record.get(k)), None)


def text_value(value: Any) -> str | None:
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
        title=text_value(_first(record, TITLE_KEYS)),
        date=_date(_first(record, DATE_KEYS)),
        url=text_value(record.get("url")),
        publisher=text_value(_first(record, SOURCE_KEYS)),
        author=text_value(record.get("author") or record.get("byline")),
    )


def iter_jsonl(path: Path) -> Iterator[Document | ReadError]:
    """Records of a JSON Lines file (plain, .gz or .zst) read a line at a time, so memory
    stays flat however large the file; a bad line is a ReadError naming it, the rest go on."""
    name = str(path)
    stream = lines(path)
    buffered: list[tuple[int, bytes] | ReadError] = []
    for item in stream:
        buffered.append(item)
        if isinstance(item, ReadError) or item[1].strip():
            break
    first = buffered[-1] if buffered else None
    if first is None or (not isinstance(first, ReadError) and not first[1].strip()):
        yield ReadError(name, "empty file")
        return
    if not isinstance(first, ReadError) and not parses(decode_line(first[1], name)):
        whole = _small_document(buffered, stream)
        text = _decoded(whole, name) if whole is not None else None
        if text is not None and parses(text):
            yield from iter_records(text, name)
            return
    for item in chain(buffered, stream):
        if isinstance(item, ReadError):
            yield item
            continue
        lineno, data = item
        if data.strip():
            yield _line_record(data, f"{name}:{lineno}")


def _decoded(data: bytes, name: str) -> str | None:
    try:
        return decode(data, name)
    except ReadError:
        return None


def parses(text: str) -> bool:
    """Whether `text` is one JSON value."""
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _small_document(
    buffered: list[tuple[int, bytes] | ReadError], stream: Iterator[tuple[int, bytes] | ReadError]
) -> bytes | None:
    """The whole file when it ends within WHOLE_DOCUMENT_BYTES (read lines stay buffered)."""
    size = sum(len(item[1]) for item in buffered if not isinstance(item, ReadError))
    for item in stream:
        buffered.append(item)
        if isinstance(item, ReadError):
            return None
        size += len(item[1])
        if size > WHOLE_DOCUMENT_BYTES:
            return None
    return b"".join(item[1] for item in buffered if not isinstance(item, ReadError))


def _line_record(data: bytes, label: str) -> Document | ReadError:
    try:
        record = json.loads(decode_line(data, label))
    except json.JSONDecodeError as exc:
        return ReadError(label, f"invalid JSON ({exc.msg})")
    return record_item(record, label)


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
            yield record_item(whole, name)
            return
        if isinstance(whole, list):
            for i, record in enumerate(whole, 1):
                yield record_item(record, f"{name}[{i}]")
            return
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield _line_record(line.encode("utf-8"), f"{name}:{lineno}")


def _first_line_parses(text: str) -> bool:
    """True when the first non-empty line is a JSON value on its own, as in JSON Lines."""
    return parses(next((line for line in text.splitlines() if line.strip()), ""))


def record_item(record: Any, name: str) -> Document | ReadError:
    """A record's Document, named after its `id` when it has one, or its ReadError."""
    try:
        doc = record_document(record, name)
    except ReadError as err:
        return err
    if isinstance(record, dict) and record.get("id"):
        doc.name = f"{name} ({record['id']})"
    return doc
