"""Pick the reader for a path or a string, from the extension first and the content second."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

from dateline.sources.base import Document, ReadError, SourceItem, SourceOptions
from dateline.sources.encoding import clean, decode
from dateline.sources.feeds import iter_feed_file
from dateline.sources.html import read_html
from dateline.sources.markdown import looks_like_markdown, markdown_blocks
from dateline.sources.records import iter_jsonl, iter_records, parses
from dateline.sources.streams import base_suffix
from dateline.sources.tables import iter_table
from dateline.sources.text import text_blocks
from dateline.sources.warc import iter_warc

HTML_EXT = {".html", ".htm", ".xhtml"}
JSON_EXT = {".json", ".jsonl", ".ndjson"}
MD_EXT = {".md", ".markdown"}
TEXT_EXT = {".txt", ".text", ""}
# Read as streams, a record at a time (compressed with .gz or .zst): memory stays flat.
LINES_EXT = {".jsonl", ".ndjson"}
WARC_EXT = {".warc"}
FEED_EXT = {".rss", ".atom", ".xml"}
TABLE_EXT = {".parquet", ".csv", ".tsv"}
SUPPORTED = HTML_EXT | JSON_EXT | MD_EXT | TEXT_EXT | WARC_EXT | FEED_EXT | TABLE_EXT
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
    if stripped[:1] in ("{", "[") and (parses(stripped) or parses(stripped.split("\n", 1)[0])):
        return "json"
    return None


def format_of(path: Path) -> str | None:
    """Format from the extension (`.jsonl.gz` counts as `.jsonl`); None means sniff."""
    ext = base_suffix(path)
    if ext in HTML_EXT:
        return "html"
    if ext in JSON_EXT:
        return "json"
    if ext in MD_EXT:
        return "markdown"
    return None


def iter_documents(path: str | Path, options: SourceOptions | None = None) -> Iterator[SourceItem]:
    """Documents of one file; errors are yielded, not raised, so batches carry on.

    JSON Lines, WARC, feeds and tables are streamed a record at a time; other files are
    one article each (a .json file may hold a list), read whole.
    """
    path = Path(path)
    options = options or SourceOptions()
    ext = base_suffix(path)
    if ext in LINES_EXT:
        yield from iter_jsonl(path)
    elif ext in WARC_EXT:
        yield from iter_warc(path)
    elif ext in FEED_EXT:
        yield from iter_feed_file(path, options.fetcher)
    elif ext in TABLE_EXT:
        yield from iter_table(path, options)
    else:
        yield from _whole_file(path)


def _whole_file(path: Path) -> Iterator[Document | ReadError]:
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
