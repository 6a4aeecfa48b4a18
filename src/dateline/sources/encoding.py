"""Bytes to str: detect the encoding, replace what cannot be decoded, never fail on bytes."""

from __future__ import annotations

import re
import unicodedata

from charset_normalizer import from_bytes

from dateline.sources.base import ReadError

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def decode(data: bytes, name: str) -> str:
    """Decode `data`; reject binary files (NUL bytes) with a clear reason."""
    if not data.strip():
        raise ReadError(name, "empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(name, "binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _damaged_utf8(data)
        if text is None:
            best = from_bytes(data).best()
            encoding = best.encoding if best is not None else "utf-8"
            text = data.decode(encoding, errors="replace")
    return clean(text)


def clean(text: str) -> str:
    """NFC, and no lone surrogates: a str made with `surrogateescape` holds some, and UTF-8
    (article ids, JSON output, the database) cannot encode them. Each becomes U+FFFD."""
    return unicodedata.normalize("NFC", _LONE_SURROGATE.sub("\ufffd", text))


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes, when the valid multi-byte characters outnumber the bad ones.

    Guessing a legacy code page for such a file turns every correct "—" or "é" into mojibake
    to save one broken byte; replacing the broken bytes keeps the rest of the text intact.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return text if good > bad else None
