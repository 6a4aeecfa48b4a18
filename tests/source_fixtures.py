"""Small inputs of every streamed format, written by the tests from our own example stories:
WARC records (HTML responses, requests, images, a redirect, a corrupt record), feeds,
Parquet and CSV tables, JSON Lines with a bad line."""

from __future__ import annotations

import gzip
import json
import uuid
from datetime import date
from html import escape
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

STORIES = [
    (
        "Port strike halts container traffic",
        "2024-03-04",
        "Dock workers in the port city walked off the job on Monday after talks over pay "
        "broke down, leaving dozens of container ships waiting offshore. The union said the "
        "strike would last until the operator returned to the table with a better offer.",
    ),
    (
        "Council passes the city budget",
        "2024-03-07",
        "The city council approved a budget on Thursday that raises spending on schools and "
        "buses, after a debate that lasted late into the night. Two members voted against "
        "it, saying it relied on optimistic tax forecasts for the coming year.",
    ),
    (
        "Floods force hundreds from their homes",
        "2024-03-09",
        "Heavy rain flooded low-lying districts of the capital overnight, and the emergency "
        "service said it had evacuated more than 300 residents by morning. Forecasters "
        "expect more rain through the weekend and warned people to stay away from rivers.",
    ),
    (
        "Ministers sign a trade accord",
        "2024-03-11",
        "Ministers from both countries signed a trade accord on Friday that cuts tariffs on "
        "farm goods and machinery. The agreement still needs the approval of both "
        "parliaments, which are expected to vote on it before the summer recess.",
    ),
]


def page(title: str, text: str, day: str | None = None) -> bytes:
    """An HTML page holding one story (with its date in a meta tag when given)."""
    meta = f'<meta property="article:published_time" content="{day}">' if day else ""
    paragraphs = "".join(f"<p>{escape(s.strip())}.</p>" for s in text.split(". ") if s.strip())
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{paragraphs}"
        f"</article><footer>Example Wire</footer></body></html>"
    ).encode()


def warc_record(kind: str, uri: str, block: bytes, content_type: str) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-03-12T08:30:00Z\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str, status: str = "200 OK") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


def response(uri: str, body: bytes, content_type: str, status: str = "200 OK") -> bytes:
    block = http_response(body, content_type, status)
    return warc_record("response", uri, block, "application/http; msgtype=response")


def warc_records(stories: list[tuple[str, str, str]] = STORIES) -> list[bytes]:
    """A crawl: warcinfo, then per story its request and HTML response, plus an image, a
    redirect and a page without an article in between."""
    records = [
        warc_record("warcinfo", "", b"software: dateline tests\r\n", "application/warc-fields")
    ]
    for n, (title, _day, text) in enumerate(stories, 1):
        uri = f"http://news.test/story/{n}"
        request = f"GET /story/{n} HTTP/1.1\r\nHost: news.test\r\n\r\n".encode()
        records.append(warc_record("request", uri, request, "application/http; msgtype=request"))
        records.append(response(uri, page(title, text), "text/html; charset=utf-8"))
        if n == 1:
            records.append(response("http://news.test/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"))
            records.append(response("http://news.test/old", b"", "text/html", "301 Moved"))
    return records


CORRUPT_RECORD = b"WARC/1.0\r\nthis line is no header\r\n\r\nbroken\r\n\r\n"


def write_warc(path: Path, records: list[bytes]) -> Path:
    """Plain, or one gzip member per record when the name ends in .gz (as crawlers write)."""
    if path.suffix == ".gz":
        path.write_bytes(b"".join(gzip.compress(r) for r in records))
    else:
        path.write_bytes(b"".join(records))
    return path


def broken_gzip_member(record: bytes) -> bytes:
    """A gzip member whose deflate data is damaged half-way."""
    member = bytearray(gzip.compress(record))
    middle = len(member) // 2
    member[middle : middle + 12] = b"\xff" * 12
    return bytes(member)


def rss(stories: list[tuple[str, str, str]], base: str, with_content: bool = True) -> str:
    items = []
    for n, (title, day, text) in enumerate(stories, 1):
        body = "".join(f"<p>{s.strip()}.</p>" for s in text.split(". ") if s.strip())
        content = f"<content:encoded><![CDATA[{body}]]></content:encoded>" if with_content else ""
        items.append(
            f"<item><title>{escape(title)}</title><link>{base}/story/{n}</link>"
            f"<pubDate>{_rfc822(day)}</pubDate><description>{escape(title)}</description>"
            f"{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Example Wire</title><link>{base}/</link>{''.join(items)}</channel></rss>\n"
    )


def atom(stories: list[tuple[str, str, str]], base: str) -> str:
    entries = "".join(
        f"<entry><title>{escape(title)}</title><link href='{base}/story/{n}'/>"
        f"<id>{base}/story/{n}</id><published>{day}T09:00:00Z</published>"
        f"<content type='html'>{escape(''.join(f'<p>{s}.</p>' for s in text.split('. ')))}"
        "</content></entry>"
        for n, (title, day, text) in enumerate(stories, 1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Example Atom Desk</title><id>{base}/</id>{entries}</feed>\n"
    )


def _rfc822(day: str) -> str:
    return date.fromisoformat(day).strftime("%a, %d %b %Y 09:00:00 GMT")


def write_parquet(path: Path, stories: list[tuple[str, str, str]] = STORIES) -> Path:
    table = pa.table(
        {
            "doc": [f"doc-{n}" for n in range(1, len(stories) + 1)],
            "headline": [t for t, _, _ in stories],
            "story": [x for _, _, x in stories],
            "day": [date.fromisoformat(d) for _, d, _ in stories],
            "url": [f"http://news.test/story/{n}" for n in range(1, len(stories) + 1)],
        }
    )
    pq.write_table(table, path)
    return path


def write_jsonl(
    path: Path, stories: list[tuple[str, str, str]] = STORIES, bad_line: int | None = 2
) -> Path:
    """JSON Lines (gzip or zstd by extension) with one broken line at `bad_line`."""
    lines = [
        json.dumps({"id": f"s{n}", "title": t, "date": d, "text": x})
        for n, (t, d, x) in enumerate(stories, 1)
    ]
    if bad_line is not None:
        lines.insert(bad_line - 1, '{"title": "cut off in the middle", "text": "Dock')
    data = ("\n".join(lines) + "\n").encode()
    if path.suffix == ".gz":
        data = gzip.compress(data)
    elif path.suffix == ".zst":
        import zstandard

        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path
