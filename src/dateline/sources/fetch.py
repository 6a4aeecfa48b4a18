"""Polite HTTP fetching for feeds and their articles: opt-in, obeying each host's robots.txt
(its rules and Crawl-delay), waiting between requests to one host, with a timeout for the
whole response, a User-Agent that says who is asking, and a size cap."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

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
ROBOTS_MAX_BYTES = 512 << 10


@dataclass(frozen=True)
class FetchResult:
    url: str  # after redirects
    data: bytes
    charset: str | None


@dataclass(eq=False)
class Fetcher:
    """Fetches URLs one at a time per host: `delay` seconds (or the host's robots.txt
    Crawl-delay, if longer) pass between the end of one request and the start of the next."""

    timeout: float = 20.0
    delay: float = 1.0
    user_agent: str = USER_AGENT
    max_bytes: int = MAX_BYTES
    robots: bool = True
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _rules: dict[str, RobotFileParser | ReadError] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _session: requests.Session = field(default_factory=requests.Session, repr=False)

    def fetch(self, url: str) -> FetchResult:
        """The body of `url`; a ReadError naming the URL when it cannot be had (or may not)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ReadError(url, "not an http(s) URL")
        host = f"{parts.scheme}://{parts.netloc.lower()}"
        delay = self.delay
        if self.robots:
            rules = self._robots(host, url)
            if not rules.can_fetch(self.user_agent, url):
                raise ReadError(url, "robots.txt of its host disallows fetching it")
            delay = max(delay, float(rules.crawl_delay(self.user_agent) or 0))
        return self._get(host, url, delay)

    def _robots(self, host: str, url: str) -> RobotFileParser:
        """The host's rules, fetched once. Missing (4xx) allows everything; a server error
        forbids everything (RFC 9309); an unreachable host fails each of its URLs."""
        if host not in self._rules:
            self._rules[host] = self._read_robots(host)
        found = self._rules[host]
        if isinstance(found, ReadError):
            raise ReadError(url, f"{found.reason}, asking its host for robots.txt")
        return found

    def _read_robots(self, host: str) -> RobotFileParser | ReadError:
        rules = RobotFileParser(f"{host}/robots.txt")
        try:
            got = self._get(host, rules.url, self.delay, ROBOTS_MAX_BYTES)
        except _HTTPStatus as status:
            rules.disallow_all = status.code >= 500
            rules.allow_all = status.code < 500
            return rules
        except ReadError as err:
            return err
        rules.parse(got.data.decode("utf-8", "replace").splitlines())
        return rules

    def _get(self, host: str, url: str, delay: float, max_bytes: int | None = None) -> FetchResult:
        self._wait(host, delay)
        deadline = time.monotonic() + self.timeout
        try:
            with self._session.get(
                url,
                timeout=self.timeout,
                headers={"User-Agent": self.user_agent},
                stream=True,
            ) as response:
                if response.status_code != 200:
                    raise _HTTPStatus(url, response.status_code)
                data = self._body(response, url, deadline, max_bytes or self.max_bytes)
                declared = _CHARSET.search(response.headers.get("Content-Type", ""))
                return FetchResult(response.url, data, declared.group(1) if declared else None)
        except requests.Timeout:
            raise self._timed_out(url) from None
        except requests.RequestException as exc:
            reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            raise ReadError(url, f"fetch failed ({reason})") from None
        finally:
            with self._lock:
                self._last[host] = time.monotonic()

    def _body(
        self, response: requests.Response, url: str, deadline: float, max_bytes: int
    ) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_content(1 << 14):
            size += len(chunk)
            if size > max_bytes:
                raise ReadError(url, f"fetch stopped: larger than {max_bytes:,} bytes")
            if time.monotonic() > deadline:  # a server that trickles bytes
                raise self._timed_out(url)
            chunks.append(chunk)
        return b"".join(chunks)

    def _timed_out(self, url: str) -> ReadError:
        return ReadError(url, f"fetch timed out after {self.timeout:g} s")

    def _wait(self, host: str, delay: float) -> None:
        """Sleep until `delay` has passed since the last request to `host` ended."""
        with self._lock:
            now = time.monotonic()
            last = self._last.get(host)
            due = now if last is None else max(now, last + delay)
            self._last[host] = due
        if due > now:
            time.sleep(due - now)


class _HTTPStatus(ReadError):
    """A response other than 200 OK (robots.txt tells 4xx from 5xx)."""

    def __init__(self, url: str, code: int) -> None:
        super().__init__(url, f"fetch failed (HTTP {code})")
        self.code = code
