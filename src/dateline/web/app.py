"""The FastAPI application: pages, the JSON API, static assets, and the guards around them.

Guards: a Content Security Policy that allows scripts, styles and requests from this server
only (no inline script, no foreign host); a cap on request bodies (413); and errors as one
clear message, HTML for pages and JSON under /api, never a traceback.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dateline import __version__
from dateline.store import Store
from dateline.web.cache import DEFAULT_MEGABYTES, ViewCache
from dateline.web.reader import Reader

HERE = Path(__file__).parent
# Worker threads per process that compute pages missing from the cache. Computing is Python
# work, one thread at a time under the interpreter lock: more threads would not compute more,
# only take the lock more often from the event loop that answers the cached pages.
COMPUTING_THREADS = 4
MAX_BODY_BYTES = 1_000_000  # a news article is some kilobytes; a megabyte is generous
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
log = logging.getLogger("dateline.web")
templates = Jinja2Templates(directory=str(HERE / "templates"))


class SecurityHeaders:
    """Adds the CSP and its companions to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Refuses request bodies over `limit` bytes with a 413, whether or not the client said
    their length: the body is read up to the limit before the route sees it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send, int(declared))
            return
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                await self._refuse(scope, send, len(body))
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send, size: int) -> None:
        message = (
            f"request body too large: {size:,} bytes or more, the limit is {self.limit:,} bytes"
        )
        if scope["path"].startswith("/api/"):
            body = json.dumps({"detail": message}).encode()
            kind = b"application/json"
        else:
            body = templates.get_template("error.html").render(status=413, message=message)
            body, kind = body.encode(), b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _validation_message(exc: RequestValidationError) -> str:
    """Pydantic's errors as one line: `size: Input should be less than or equal to 200`."""
    parts = []
    for error in exc.errors():
        where = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
        parts.append(f"{'.'.join(where) or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def _error(request: Request, status: int, message: str) -> Any:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"detail": message}, status_code=status)
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = COMPUTING_THREADS
    yield


def create_app(
    store: Store,
    reader: Reader | None = None,
    max_body: int = MAX_BODY_BYTES,
    cache_megabytes: float = DEFAULT_MEGABYTES,
) -> FastAPI:
    """The web reader over `store` (read-only: pages and API only select), keeping up to
    `cache_megabytes` of finished pages and answers per corpus version (0: none)."""
    from dateline.web import api, pages

    app = FastAPI(
        title="dateline",
        version=__version__,
        description="News reports as structured, verifiable event data: the corpus as JSON. "
        "Every page of the web reader has its twin here, with the same filters.",
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.store = store
    app.state.reader = reader or Reader()
    app.state.max_body = max_body
    app.state.cache = ViewCache(store, cache_megabytes)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return _error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Any:
        return _error(request, 422, _validation_message(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Any:
        log.exception("error serving %s", request.url.path)
        return _error(request, 500, "internal error: the server log has the details")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> Any:
        return templates.TemplateResponse(request, "docs.html", {})

    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)
    return app


SERVE_ENV = "DATELINE_SERVE_OPTIONS"


def app_from_environment() -> FastAPI:
    """The app of one `dateline serve` process. uvicorn starts each of its workers from an
    import string, so `dateline serve` passes its options in the environment (JSON: db,
    model, cache); the database was migrated by `dateline serve` before the workers start."""
    options = json.loads(os.environ[SERVE_ENV])
    store = Store(options["db"], migrate_schema=False, read_only=True)
    cache = options.get("cache", DEFAULT_MEGABYTES)
    return create_app(store, Reader(options.get("model")), cache_megabytes=cache)


def _snippet(value: str) -> Markup:
    """A search snippet with its [matched words] in <mark>, everything else escaped."""
    parts = re.split(r"\[([^\[\]]*)\]", value)
    return Markup("").join(
        Markup("<mark>{}</mark>").format(part) if i % 2 else escape(part)
        for i, part in enumerate(parts)
    )


templates.env.filters["snippet"] = _snippet
