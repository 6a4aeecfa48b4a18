"""A news site on 127.0.0.1 for the fetching tests: a robots.txt, a feed whose entries only
link to their articles, the article pages, pages that answer too slowly, and a log of every
request."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests import source_fixtures as fx

SLOW_SECONDS = 3.0
ROBOTS = "User-agent: *\nDisallow: /private/\n"


@dataclass
class Site:
    base: str
    robots: str | int = ROBOTS  # the robots.txt, or the HTTP status it answers with
    requests: list[tuple[str, float, str]] = field(default_factory=list)  # path, time, agent


@contextmanager
def news_site(robots: str | int = ROBOTS) -> Iterator[Site]:
    site = Site(base="", robots=robots)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, time.monotonic(), self.headers.get("User-Agent", "")))
            if self.path == "/robots.txt":
                if isinstance(site.robots, int):
                    self._send(b"no", "text/plain", site.robots)
                else:
                    self._send(site.robots.encode(), "text/plain")
            elif self.path == "/feed.rss":
                self._send(
                    fx.rss(fx.STORIES, site.base, with_content=False).encode(),
                    "application/rss+xml",
                )
            elif self.path.startswith("/story/"):
                n = int(self.path.rsplit("/", 1)[1])
                if not 1 <= n <= len(fx.STORIES):
                    self._send(b"not found", "text/plain", 404)
                    return
                title, _day, text = fx.STORIES[n - 1]
                self._send(fx.page(title, text), "text/html; charset=utf-8")
            elif self.path == "/slow":
                time.sleep(SLOW_SECONDS)
                self._send(b"<html><body>late</body></html>", "text/html")
            elif self.path == "/trickle":  # each byte in time, the whole page far too late
                self._trickle()
            else:
                self._send(b"not found", "text/plain", 404)

        def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client gave up (the timeout test)
                self.wfile.write(body)

        def _trickle(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(int(SLOW_SECONDS / 0.1)):
                    self.wfile.write(b"<p>" + b"x" * 20000 + b"</p>")
                    self.wfile.flush()
                    time.sleep(0.1)

        def log_message(self, *args: object) -> None:
            return None

    return Handler
