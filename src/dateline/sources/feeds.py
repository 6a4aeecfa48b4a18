"""RSS and Atom feeds through feedparser: each entry's link, published date and title, and
its body from the entry's content; an entry without content is fetched only when fetching
was asked for (`--fetch`). A feed list names feed URLs, one a line, to fetch and read."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from dateline.sources.base import Document, ReadError
from dateline.sources.encoding import decode
from dateline.sources.fetch import Fetcher
from dateline.sources.html import read_html
from dateline.sources.records import text_value

HTML_CONTENT = {"text/html", "application/xhtml+xml", ""}


def iter_feed_file(path: Path, fetcher: Fetcher | None) -> Iterator[Document | ReadError]:
    """Entries of a feed saved as a file."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(name, f"cannot read ({exc.strerror or exc.__class__.__name__})")
        return
    yield from iter_feed(data, name, fetcher)


def iter_feed_list(path: Path, fetcher: Fetcher) -> Iterator[Document | ReadError]:
    """Every entry of every feed a list names (one URL a line; `#` starts a comment)."""
    try:
        text = decode(path.read_bytes(), str(path))
    except OSError as exc:
        yield ReadError(str(path), f"cannot read ({exc.strerror or exc.__class__.__name__})")
        return
    except ReadError as err:
        yield err
        return
    for line in text.splitlines():
        url = line.split("#", 1)[0].strip()
        if not url:
            continue
        try:
            got = fetcher.fetch(url)
        except ReadError as err:
            yield err
            continue
        yield from iter_feed(got.data, url, fetcher)


def iter_feed(data: bytes, name: str, fetcher: Fetcher | None) -> Iterator[Document | ReadError]:
    """Documents of one feed's entries; a broken entry is a ReadError naming it."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a feed ({problem})" if problem else "a feed without entries"
        yield ReadError(name, reason)
        return
    publisher = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, 1):
        label = f"{name}#{n}"
        try:
            yield _entry_document(entry, label, publisher, fetcher)
        except ReadError as err:
            yield err


def _entry_document(
    entry: Any, label: str, publisher: str | None, fetcher: Fetcher | None
) -> Document:
    link = entry.get("link") or None
    if link:
        label = f"{label} ({link})"
    body = _content(entry)
    if body is not None:
        doc = read_html(f"<html><body><article>{body}</article></body></html>", label, link)
    elif link is None:
        raise ReadError(label, "feed entry with neither content nor a link")
    elif fetcher is None:
        raise ReadError(label, "feed entry without content (--fetch fetches its link)")
    else:
        got = fetcher.fetch(link)
        doc = read_html(decode(got.data, label, got.charset), label, got.url)
    doc.format = "feed"
    doc.title = text_value(entry.get("title")) or doc.title
    doc.date = _day(entry) or doc.date
    doc.url = link or doc.url
    doc.publisher = publisher or doc.publisher
    doc.author = text_value(entry.get("author")) or doc.author
    return doc


def _content(entry: Any) -> str | None:
    """The entry's full content (Atom <content>, RSS content:encoded), HTML or text."""
    for content in entry.get("content") or []:
        value = (content.get("value") or "").strip()
        if value and (content.get("type") or "").split(";")[0] in HTML_CONTENT | {"text/plain"}:
            return value if content.get("type") != "text/plain" else _paragraphs(value)
    return None


def _paragraphs(text: str) -> str:
    from html import escape

    return "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def _day(entry: Any) -> str | None:
    """The entry's published (else updated) day, as feedparser normalized it to UTC."""
    for key in ("published_parsed", "updated_parsed"):
        stamp = entry.get(key)
        if isinstance(stamp, time.struct_time):
            return time.strftime("%Y-%m-%d", stamp)
    return None
