"""Web archives (WARC, WARC.gz, WARC.zst) through FastWARC, one record at a time.

HTML responses go through the HTML reader with the record's target URI and date as metadata;
every other record (requests, metadata, images, redirects) is skipped and counted. A corrupt
record is one ReadError, and reading resumes at the next record boundary (the next gzip
member in a compressed WARC, the next `WARC/1.` line in a plain one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from dateline.sources.base import Document, ReadError, Skipped
from dateline.sources.encoding import decode
from dateline.sources.html import read_html

HTML_TYPES = {"text/html", "application/xhtml+xml"}
_ARTICLE_RECORDS = WarcRecordType.response | WarcRecordType.resource
_GZIP_MEMBER = b"\x1f\x8b\x08"
_ZSTD_FRAME = b"\x28\xb5\x2f\xfd"
_WARC_LINE = b"WARC/1."
_SCAN_CHUNK = 1 << 20
# A page larger than this is no article (and trafilatura would take minutes on it).
MAX_PAGE_BYTES = 20 << 20  # said as "20 MB" where such a record is counted


def iter_warc(path: Path) -> Iterator[Document | ReadError | Skipped]:
    """Articles of a WARC file; one `Skipped` at the end counts the records passed over."""
    name = str(path)
    skipped: Counter[str] = Counter()
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield ReadError(name, f"cannot read ({exc.strerror or exc.__class__.__name__})")
        return
    with handle:
        marker = _boundary(path)
        start, last = 0, -1  # where the current iterator began; the last record read
        reported = False  # one error per corrupt stretch, however many restarts it takes
        while True:
            handle.seek(start)
            try:
                for record in ArchiveIterator(handle, parse_http=False):
                    last, reported = start + record.stream_pos, False
                    item = _record_item(record, name, last, skipped)
                    if item is not None:
                        yield item
                break
            except OSError as exc:
                after = max(last, start)
                resume = _next_boundary(handle, after + 1, marker)
                if not reported:
                    then = f"resumed at byte {resume}" if resume is not None else "nothing after it"
                    yield ReadError(name, f"corrupt WARC record after byte {after} ({exc}); {then}")
                    reported = True
                if resume is None:
                    break
                start = resume
    if skipped:
        yield Skipped(name, dict(skipped))


def _record_item(
    record: WarcRecord, name: str, offset: int, skipped: Counter[str]
) -> Document | ReadError | None:
    """The article of an HTML response, an error for a broken record or a page without an
    article, else None (and the record counted by why it was skipped)."""
    kind = record.record_type
    if not kind & _ARTICLE_RECORDS:
        skipped[f"{kind} record"] += 1
        return None
    uri = record.headers.get("WARC-Target-URI") or None
    label = f"{name}@{offset}" + (f" ({uri})" if uri else "")
    declared = record.headers.get("Content-Length") or ""
    if not declared.isdigit():
        return ReadError(label, "corrupt WARC record (no valid Content-Length)")
    if int(declared) > MAX_PAGE_BYTES:
        skipped["larger than 20 MB"] += 1
        return None
    record.freeze()  # the block in memory: a record cut short shows as fewer bytes
    if record.content_length < int(declared):
        return ReadError(
            label, f"truncated WARC record ({record.content_length:,} of {int(declared):,} bytes)"
        )
    http = record.headers.get("Content-Type", "").startswith("application/http")
    if http:
        try:
            record.parse_http(auto_decode="all")
        except OSError as exc:
            return ReadError(label, f"corrupt HTTP response in WARC record ({exc})")
        status = record.http_headers.status_code or 0
        if not 200 <= status < 300:
            skipped[f"HTTP {status}"] += 1
            return None
        content_type = record.http_content_type or ""
    else:
        content_type = record.headers.get("Content-Type", "").split(";")[0].strip()
    if content_type.lower() not in HTML_TYPES:
        skipped[content_type.lower() or "no content type"] += 1
        return None
    try:
        charset = record.http_charset if http else None
        doc = read_html(decode(record.reader.read(), label, charset), label, url=uri)
    except ReadError as err:
        return err
    doc.url = uri or doc.url
    doc.date = doc.date or _record_day(record)
    return doc


def _record_day(record: WarcRecord) -> str | None:
    """The WARC-Date's day (when the page was captured), if the record has a valid one."""
    try:
        return record.record_date.date().isoformat()
    except (AttributeError, ValueError, OSError):
        return None


def _boundary(path: Path) -> bytes:
    suffix = path.suffix.lower()
    return {".gz": _GZIP_MEMBER, ".zst": _ZSTD_FRAME}.get(suffix, _WARC_LINE)


def _next_boundary(handle: BinaryIO, offset: int, marker: bytes) -> int | None:
    """The file offset of the next `marker` at or after `offset`, or None at the end."""
    handle.seek(offset)
    position, tail = offset, b""
    while chunk := handle.read(_SCAN_CHUNK):
        data = tail + chunk
        found = data.find(marker)
        if found >= 0:
            return position - len(tail) + found
        tail = data[-(len(marker) - 1) :]
        position += len(chunk)
    return None
