"""Pick the reader for a path or a string, from the extension first and the content second."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

from dateline.sources.base import Document, ReadError
from dateline.sources.encoding import clean, decode
from dateline.sources.html import read_html
from dateline.sources.markdown import looks_like_markdown, markdown_blocks
from dateline.sources.records import iter_records
from dateline.sources.text import text_blocks

HTML_EXT = {".html", ".htm", ".xhtml"}
JSON_EXT = {".json", ".jsonl", ".ndjson"}
MD_EXT = {".md", ".markdown"}
TEXT_EXT = {".txt", ".text", ""}
SUPPORTED = HTML_EXT | JSON_EXT | MD_EXT | TEXT_EXT
_HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article)", re.I)
_MIN_WORDS = 5


def load_text(
    text: str, name: str = "<text>", fmt: str | None = None
) -> Iterator[Document | ReadError]:
    """Documents from a string: `fmt` (html, json, markdown, text) or sniffed from content."""
    text = clean(text)
    fmt = fmt or sniff(text)
    if fmt == "html":
        yield _guard(lambda: read_html(text, name), name)
    elif fmt == "json":
        yield from iter_records(text, name)
    else:
        md = fmt == "markdown" or (fmt is None and looks_like_markdown(text))
        blocks = markdown_blocks(text) if md else text_blocks(text)
        yield _checked(Document(name=name, format="markdown" if md else "text", blocks=blocks))


def sniff(text: str) -> str | None:
    """Guess a format from content: HTML markup, JSON objects, else None (text or Markdown).

    A leading brace or bracket is not enough for JSON: "[UPDATED] Storm closes schools" is a
    text article. JSON it is when the whole text or its first line (JSON Lines) parses.
    """
    if _HTML_SNIFF.match(text):
        return "html"
    stripped = text.lstrip()
    if stripped[:1] in ("{", "[") and (_parses(stripped) or _parses(stripped.split("\n", 1)[0])):
        return "json"
    return None


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def format_of(path: Path) -> str | None:
    """Format from the extension (`.jsonl.gz` counts as `.jsonl`); None means sniff."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    ext = (
        suffixes[-2]
        if suffixes and suffixes[-1] == ".gz" and len(suffixes) == 2
        else (suffixes[-1] if suffixes else "")
    )
    if ext in HTML_EXT:
        return "html"
    if ext in JSON_EXT:
        return "json"
    if ext in MD_EXT:
        return "markdown"
    return None


def iter_documents(path: str | Path) -> Iterator[Document | ReadError]:
    """Documents of one file; errors are yielded, not raised, so batches carry on."""
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        yield ReadError(name, "is a directory")
        return
    except FileNotFoundError:
        yield ReadError(name, "no such file")
        return
    except OSError as exc:
        yield ReadError(name, f"cannot read ({exc.strerror or exc.__class__.__name__})")
        return
    yield from load_bytes(data, name)


def load_bytes(data: bytes, name: str) -> Iterator[Document | ReadError]:
    """Documents from the bytes of a file called `name` (a path or an uploaded file's name):
    gunzipped, decoded and read by the format its name or content tells."""
    if name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            yield ReadError(name, "not a valid gzip file")
            return
    try:
        text = decode(data, name)
    except ReadError as err:
        yield err
        return
    yield from load_text(text, name, format_of(Path(name)))


def _guard(make, name: str) -> Document | ReadError:  # type: ignore[no-untyped-def]
    try:
        return _checked(make())
    except ReadError as err:
        return err


def _checked(doc: Document) -> Document | ReadError:
    words = sum(len(b.text.split()) for b in doc.blocks if b.kind in ("para", "heading"))
    if words < _MIN_WORDS:
        return ReadError(doc.name, f"not an article (only {words} words of text)")
    return doc
