"""Answers kept per corpus version, so a busy reader renders each page and answer once.

What is kept is the finished body (HTML, JSON, CSV), so the cache holds what it costs in
memory and is bounded in bytes. Every lookup first reads the corpus version (one small
query, see store/version.py); a body is stored under the version read *before* it was
computed, so after any write to the corpus nothing older is served. Requests that miss the
same key at once wait for the first one's result instead of all computing it (the actor
roll-up of the corpus page takes a good part of a second). A size of 0 turns caching off:
every request computes afresh.

Endpoints ask through `kept`: a body already kept is answered on the event loop, and only a
miss goes to a worker thread. Answering hits in threads would queue them behind the misses
being computed, and every extra thread computing takes the interpreter lock from the loop.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starlette.requests import Request

    from dateline.store import Store

Body = bytes | str | None  # None: nothing there (a 404)
MISSING: Any = object()
DEFAULT_MEGABYTES = 256  # per process: the pages and records of some thousands of articles
ENTRY_BYTES = 200  # what a kept entry costs beyond its body (key, bookkeeping), roughly


class ViewCache:
    def __init__(self, store: Store, megabytes: float = DEFAULT_MEGABYTES) -> None:
        self.store = store
        self.limit = int(megabytes * 1_000_000)
        self._items: OrderedDict[Hashable, Body] = OrderedDict()
        self._bytes = 0
        self._version: int | None = None
        self._lock = threading.Lock()
        # Computations under way, by (version, key): later requests await them. Futures of
        # the process's one event loop.
        self.pending: dict[Hashable, asyncio.Future[Body]] = {}

    def version(self) -> int | None:
        """The corpus version now (None: unknown, or caching off: nothing is kept)."""
        return self.store.version() if self.limit else None

    def lookup(self, key: Hashable, version: int | None) -> Body:
        """The body kept for `key` at `version`, or MISSING."""
        if version is None:
            return MISSING  # type: ignore[no-any-return]
        with self._lock:
            found = self._items.get((version, key), MISSING)
            if found is not MISSING:
                self._items.move_to_end((version, key))
            return found

    def keep(self, key: Hashable, value: Body, version: int) -> None:
        """Keep `value` for `key` at `version`, dropping the least recently used bodies
        beyond the limit, and everything of older versions."""
        size = len(value or "") + ENTRY_BYTES
        with self._lock:
            if self._version is None or version > self._version:
                self._items.clear()  # the corpus moved on: everything kept is stale
                self._bytes = 0
                self._version = version
            if version != self._version or size > self.limit:
                return
            full = (version, key)
            if full in self._items:
                self._bytes -= len(self._items[full] or "") + ENTRY_BYTES
            self._items[full] = value
            self._bytes += size
            while self._bytes > self.limit:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped or "") + ENTRY_BYTES


def view_key(view: Callable[..., Any], args: tuple[Any, ...], kind: str) -> Hashable:
    """The key of a body made from `view(store, *args)` (args must have a stable repr)."""
    return (kind, view.__module__, view.__qualname__, repr(args))


async def kept(
    request: Request, key: Hashable, compute: Callable[[], Body], version: int | None = None
) -> Body:
    """The body of `key`: from the cache on the event loop when kept, else made by `compute`
    in a worker thread, once for all the requests that want it meanwhile (they wait on the
    loop, not in a thread). `version`: the corpus version, when the caller has read it."""
    from starlette.concurrency import run_in_threadpool

    cache: ViewCache = request.app.state.cache
    version = cache.version() if version is None else version
    found = cache.lookup(key, version)
    if found is not MISSING:
        return found
    if version is None:
        return await run_in_threadpool(compute)
    full = (version, key)
    running = cache.pending.get(full)
    if running is not None:
        value = await asyncio.shield(running)
        if value is not MISSING:
            return value
        return await run_in_threadpool(compute)  # the first request failed: try here
    running = cache.pending[full] = asyncio.get_running_loop().create_future()
    value = MISSING
    try:
        value = await run_in_threadpool(compute)
        cache.keep(key, value, version)
        return value
    finally:
        running.set_result(value)  # MISSING when it failed or was cancelled
        del cache.pending[full]
