"""Files as streams of bytes: gzip and Zstandard decompressed on the fly, never read whole."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import zstandard

from dateline.sources.base import ReadError
from dateline.sources.encoding import clean, decode

COMPRESSED = {".gz", ".zst"}
_BUFFER = 1 << 20


def base_suffix(path: Path) -> str:
    """The extension that names the format: `.jsonl` for `a.jsonl.zst`, `.warc` for
    `a.warc.gz`, lower case ('' for none)."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] in COMPRESSED:
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def open_binary(path: Path) -> BinaryIO:
    """The decompressed bytes of `path` as a buffered stream (by its last extension)."""
    raw = open(path, "rb")  # noqa: SIM115 - closed with the stream returned
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if suffix == ".zst":
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.BufferedReader(reader, _BUFFER)  # type: ignore[arg-type, return-value]
    return raw


def lines(path: Path) -> Iterator[tuple[int, bytes] | ReadError]:
    """Numbered lines of a (compressed) file; a stream that breaks off is one ReadError at
    the end, after every line read before it."""
    name = str(path)
    lineno = 0
    try:
        with open_binary(path) as stream:
            for lineno, line in enumerate(stream, 1):
                yield lineno, line
    except (OSError, EOFError, zstandard.ZstdError) as exc:
        reason = describe_stream_error(path, exc)
        yield ReadError(name, f"{reason} after line {lineno}" if lineno else reason)


def describe_stream_error(path: Path, exc: BaseException) -> str:
    """One line for a file that cannot be read or decompressed."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    suffix = path.suffix.lower()
    if isinstance(exc, gzip.BadGzipFile) or (suffix == ".gz" and isinstance(exc, EOFError)):
        return "not a valid gzip file"
    if isinstance(exc, zstandard.ZstdError):
        return "not a valid Zstandard file"
    if isinstance(exc, EOFError):
        return "truncated file"
    reason = getattr(exc, "strerror", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    return f"cannot read ({reason})"


def decode_line(data: bytes, name: str) -> str:
    """One line of a file that should be UTF-8; a line that is not is decoded as `decode`
    decodes a whole file (damaged UTF-8 repaired, else the encoding detected)."""
    try:
        return clean(data.decode("utf-8"))
    except UnicodeDecodeError:
        try:
            return decode(data, name)
        except ReadError:
            return clean(data.decode("utf-8", errors="replace"))
