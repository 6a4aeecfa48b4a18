"""Cached views: computed once per corpus version, never served after the corpus changed."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from dateline.store import open_store
from dateline.web import create_app
from dateline.web.cache import MISSING, ViewCache, kept
from tests.store.samples import sample_article, variant
from tests.store.test_store import extracted


class FakeStore:
    """Just what the cache asks of a store: its version."""

    def __init__(self) -> None:
        self.current: int | None = 1

    def version(self) -> int | None:
        return self.current


def run(coroutine):  # type: ignore[no-untyped-def]
    """`coroutine` run on a loop of its own, in a thread of its own: the browser tests'
    Playwright keeps a loop running in the main thread for the session."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def ask(cache: ViewCache, key: str, compute) -> str:  # type: ignore[no-untyped-def]
    """`kept` as an endpoint calls it, outside a server."""
    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(cache=cache)))
    return run(kept(request, key, compute))  # type: ignore[arg-type,no-any-return]


def counting(results: list[str], size: int = 10):  # type: ignore[no-untyped-def]
    """A computation that records its calls and answers its number, padded to `size`."""

    def compute() -> str:
        results.append(str(len(results) + 1).rjust(size))
        return results[-1]

    return compute


def test_a_key_is_computed_once_per_corpus_version():
    store, calls = FakeStore(), []
    cache = ViewCache(store)  # type: ignore[arg-type]
    assert ask(cache, "k", counting(calls)) == ask(cache, "k", counting(calls)) == calls[0]
    assert cache.lookup("k", 1) == calls[0] and cache.lookup("k", 2) is MISSING
    store.current = 2
    assert ask(cache, "k", counting(calls)) == calls[1] and len(calls) == 2
    assert cache.lookup("k", 1) is MISSING, "a newer version drops the older bodies"
    store.current = None  # a database without a version: nothing is kept
    ask(cache, "k", counting(calls))
    ask(cache, "k", counting(calls))
    assert len(calls) == 4


def test_megabytes_bound_the_cache_and_zero_turns_it_off():
    store, calls = FakeStore(), []
    cache = ViewCache(store, megabytes=0.002)  # type: ignore[arg-type]
    for key in ("a", "b", "c"):  # 800 bytes each with the entry's own: two fit in 2,000
        ask(cache, key, counting(calls, size=600))
    ask(cache, "c", counting(calls, size=600))
    assert len(calls) == 3
    ask(cache, "a", counting(calls, size=600))  # evicted, the least recently used
    assert len(calls) == 4
    ask(cache, "big", counting(calls, size=5000))  # larger than the whole cache: not kept
    ask(cache, "big", counting(calls, size=5000))
    assert len(calls) == 6
    off = ViewCache(store, megabytes=0)  # type: ignore[arg-type]
    ask(off, "a", counting(calls))
    ask(off, "a", counting(calls))
    assert len(calls) == 8


def test_concurrent_misses_wait_for_one_computation_and_a_failure_is_not_kept():
    cache = ViewCache(FakeStore())  # type: ignore[arg-type]
    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(cache=cache)))
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.2)
        return "42"

    def failing() -> str:
        calls.append(1)
        time.sleep(0.2)
        raise RuntimeError("database gone")

    async def together(compute, n: int) -> list:  # type: ignore[no-untyped-def]
        asks = (kept(request, compute.__name__, compute) for _ in range(n))  # type: ignore[arg-type]
        return await asyncio.gather(*asks, return_exceptions=True)

    assert run(together(slow, 8)) == ["42"] * 8 and len(calls) == 1
    calls.clear()
    failed = run(together(failing, 3))
    assert all(isinstance(f, RuntimeError) for f in failed)
    assert len(calls) == 3, "the others try themselves when the first fails"
    assert cache.lookup("failing", 1) is MISSING and not cache.pending


@pytest.fixture
def served(tmp_path):  # type: ignore[no-untyped-def]
    """A writable store and a client of the web reader over the same database."""
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    writer = open_store(url)
    writer.write([extracted(sample_article())], "1")
    reader = open_store(url, read_only=True)
    with TestClient(create_app(reader)) as client:
        yield writer, client
    reader.close()
    writer.close()


def test_pages_and_api_show_what_was_written_after_they_were_cached(served):
    writer, client = served
    before = client.get("/api/corpus").json()["counts"]["articles"]
    events_before = client.get("/api/events").json()["total"]
    page_before = client.get("/").text
    writer.write([extracted(variant(3))], "1")
    assert client.get("/api/corpus").json()["counts"]["articles"] == before + 1
    assert client.get("/api/events").json()["total"] > events_before
    assert client.get("/").text != page_before


def test_article_records_carry_an_etag_that_changes_with_the_corpus(served):
    writer, client = served
    path = f"/api/articles/{sample_article().id}"
    first = client.get(path)
    tag = first.headers["etag"]
    assert first.status_code == 200 and first.json()["id"] == sample_article().id
    again = client.get(path, headers={"if-none-match": tag})
    assert again.status_code == 304 and not again.content and again.headers["etag"] == tag
    assert client.get(path, headers={"if-none-match": '"other", W/' + tag}).status_code == 304
    writer.write([extracted(variant(4))], "1")
    changed = client.get(path, headers={"if-none-match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag
    assert changed.json() == first.json()
    assert client.get("/api/articles/nothing-here").status_code == 404
