"""Cached views: computed once per corpus version, never served after the corpus changed."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from dateline.store import open_store
from dateline.web import create_app
from dateline.web.cache import ViewCache
from tests.store.samples import sample_article, variant
from tests.store.test_store import extracted


class FakeStore:
    """Just what the cache asks of a store: its version."""

    def __init__(self) -> None:
        self.current: int | None = 1

    def version(self) -> int | None:
        return self.current


def counting(results: list[int]):  # type: ignore[no-untyped-def]
    def compute() -> int:
        results.append(len(results) + 1)
        return results[-1]

    return compute


def test_a_key_is_computed_once_per_corpus_version():
    store, calls = FakeStore(), []
    cache = ViewCache(store, size=10)  # type: ignore[arg-type]
    assert cache.get("k", counting(calls)) == cache.get("k", counting(calls)) == 1
    store.current = 2
    assert cache.get("k", counting(calls)) == 2 and len(calls) == 2
    store.current = None  # a database without a version: nothing is kept
    assert cache.get("k", counting(calls)) == 3 and cache.get("k", counting(calls)) == 4


def test_size_bounds_the_cache_and_zero_turns_it_off():
    store, calls = FakeStore(), []
    cache = ViewCache(store, size=2)  # type: ignore[arg-type]
    for key in ("a", "b", "c"):
        cache.get(key, counting(calls))
    cache.get("a", counting(calls))  # evicted, the oldest: computed again
    assert len(calls) == 4
    off = ViewCache(store, size=0)  # type: ignore[arg-type]
    off.get("a", counting(calls))
    off.get("a", counting(calls))
    assert len(calls) == 6


def test_concurrent_misses_wait_for_one_computation_and_a_failure_is_not_kept():
    cache = ViewCache(FakeStore(), size=10)  # type: ignore[arg-type]
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get("slow", slow))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 8 and len(calls) == 1

    def failing() -> int:
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        cache.get("bad", failing)
    assert cache.get("bad", lambda: 7) == 7


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
