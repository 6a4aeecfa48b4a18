"""Polite HTTP fetching for feeds and their articles: opt-in, with a timeout, a delay between
requests to the same host, a User-Agent that says who is asking, and a size cap."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

import requests

from dateline.sources.base import ReadError


def _version() -> str:
    try:
        return version("dateline")
    except PackageNotFoundError:
        return "dev"


USER_AGENT = f"dateline/{_version()} (news event extraction)"
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)
MAX_BYTES = 20 << 20


@dataclass(frozen=True)
class FetchResult:
    url: str  # after redirects
    data: bytes
    charset: str | None


@dataclass(eq=False)
class Fetcher:
    """Fetches URLs one at a time; `delay` seconds pass between two requests to one host."""

    timeout: float = 20.0
    delay: float = 1.0
    user_agent: str = USER_AGENT
    max_bytes: int = MAX_BYTES
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _session: requests.Session = field(default_factory=requests.Session, repr=False)

    def fetch(self, url: str) -> FetchResult:
        """The body of `url`; a ReadError naming the URL when it cannot be had."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ReadError(url, "not an http(s) URL")
        self._wait(parts.netloc.lower())
        try:
            with self._session.get(
                url,
                timeout=self.timeout,
                headers={"User-Agent": self.user_agent},
                stream=True,
            ) as response:
                if response.status_code != 200:
                    raise ReadError(url, f"fetch failed (HTTP {response.status_code})")
                data = self._body(response, url)
                declared = _CHARSET.search(response.headers.get("Content-Type", ""))
                return FetchResult(response.url, data, declared.group(1) if declared else None)
        except requests.Timeout:
            raise ReadError(url, f"fetch timed out after {self.timeout:g} s") from None
        except requests.RequestException as exc:
            reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            raise ReadError(url, f"fetch failed ({reason})") from None

    def _body(self, response: requests.Response, url: str) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_content(1 << 16):
            size += len(chunk)
            if size > self.max_bytes:
                raise ReadError(url, f"fetch stopped: larger than {self.max_bytes:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait(self, host: str) -> None:
        """Sleep until `delay` has passed since the last request to `host`."""
        with self._lock:
            now = time.monotonic()
            due = self._last.get(host, now - self.delay) + self.delay
            self._last[host] = max(now, due)
        if due > now:
            time.sleep(due - now)
