"""Views kept per corpus version, so a busy reader computes each page's data once.

Every lookup first reads the corpus version (one small query, see store/version.py); a
result is stored under the version read *before* it was computed, so after any write to the
corpus nothing older is served. Requests that miss the same key at once wait for the first
one's result instead of all computing it (the actor roll-up of the corpus page takes a
good part of a second). `size=0` turns caching off: every request computes afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from starlette.requests import Request

    from dateline.store import Store

T = TypeVar("T")
DEFAULT_SIZE = 512  # views, most of a few kilobytes; article records and pages the largest
WAIT_SECONDS = 30.0  # how long a request waits for another's computation before doing its own


class ViewCache:
    def __init__(self, store: Store, size: int = DEFAULT_SIZE) -> None:
        self.store, self.size = store, size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, threading.Event] = {}
        self._version: int | None = None
        self._lock = threading.Lock()

    def version(self) -> int | None:
        """The corpus version now (None: unknown, nothing is cached)."""
        return self.store.version() if self.size else None

    def get(self, key: Hashable, compute: Callable[[], T], version: int | None = None) -> T:
        """The value of `key` at the current corpus version (or at `version`, read by the
        caller), computed by `compute` when missing."""
        version = self.version() if version is None else version
        if version is None:
            return compute()
        full = (version, key)
        with self._lock:
            if self._version is None or version > self._version:
                self._items.clear()  # the corpus moved on: everything kept is stale
                self._version = version
            if full in self._items:
                self._items.move_to_end(full)
                return self._items[full]  # type: ignore[no-any-return]
            running = self._computing.get(full)
            first = running is None
            if running is None:
                running = self._computing[full] = threading.Event()
        if not first:
            running.wait(WAIT_SECONDS)
            with self._lock:
                if full in self._items:
                    return self._items[full]  # type: ignore[no-any-return]
            return compute()  # the first request failed, or is stuck: compute it here
        try:
            value = compute()
            with self._lock:
                if version == self._version:
                    self._items[full] = value
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                self._computing.pop(full, None)
            running.set()


def cached(request: Request, view: Callable[..., T], *args: Any) -> T:
    """`view(store, *args)` through the app's cache (args must have a stable repr)."""
    app = request.app
    key = (view.__module__, view.__qualname__, repr(args))
    return app.state.cache.get(key, lambda: view(app.state.store, *args))  # type: ignore[no-any-return]
