"""Fetching is opt-in and polite (robots.txt, a delay per host, a User-Agent, timeouts), and
each URL that cannot be had is one line: tested against a news site on 127.0.0.1 only."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from dateline.sources import Document, ReadError, SourceOptions, iter_documents
from dateline.sources.feeds import iter_feed_list
from dateline.sources.fetch import Fetcher
from tests import source_fixtures as fx
from tests.local_http import news_site


def test_a_feed_list_is_fetched_with_the_agent_and_a_delay_per_host(tmp_path: Path) -> None:
    with news_site() as site:
        listing = tmp_path / "feeds.txt"
        listing.write_text(f"# our wire\n{site.base}/feed.rss\n\n")
        fetcher = Fetcher(timeout=10, delay=0.25, user_agent="dateline-tests/1 (ops@example.org)")
        found = list(iter_feed_list(listing, fetcher))
    docs = [d for d in found if isinstance(d, Document)]
    assert [d.title for d in docs] == [t for t, _, _ in fx.STORIES]
    assert [d.date for d in docs] == [d for _, d, _ in fx.STORIES]  # the feed's, not the page's
    assert docs[0].url == f"{site.base}/story/1" and docs[0].publisher == "Example Wire"
    assert "walked off the job" in " ".join(b.text for b in docs[0].blocks)
    paths = [p for p, _, _ in site.requests]
    assert paths == ["/robots.txt", "/feed.rss"] + [f"/story/{n}" for n in range(1, 5)]
    assert {agent for _, _, agent in site.requests} == {"dateline-tests/1 (ops@example.org)"}
    times = [t for _, t, _ in site.requests]
    assert all(b - a >= 0.25 for a, b in pairwise(times))


def test_a_feed_file_fetches_linked_articles_only_when_asked(tmp_path: Path) -> None:
    with news_site() as site:
        feed = tmp_path / "wire.rss"
        feed.write_text(fx.rss(fx.STORIES[:2], site.base, with_content=False))
        without = list(iter_documents(feed))
        assert site.requests == []  # nothing fetched without a fetcher
        fetched = list(iter_documents(feed, SourceOptions(fetcher=Fetcher(timeout=10, delay=0))))
    assert all(isinstance(i, ReadError) for i in without)
    assert [d.title for d in fetched] == [t for t, _, _ in fx.STORIES[:2]]


def test_timeouts_missing_pages_and_bad_urls_are_one_line_each(tmp_path: Path) -> None:
    fetcher = Fetcher(timeout=0.5, delay=0)
    with news_site() as site:
        with pytest.raises(ReadError, match=r"timed out after 0\.5 s"):
            fetcher.fetch(f"{site.base}/slow")
        with pytest.raises(ReadError, match=r"HTTP 404"):
            fetcher.fetch(f"{site.base}/story/99")
        listing = tmp_path / "feeds.txt"
        listing.write_text(
            f"ftp://files.example/feed\n{site.base}/missing.rss\n{site.base}/feed.rss\n"
        )
        found = list(iter_feed_list(listing, Fetcher(timeout=10, delay=0)))
    problems = [i for i in found if isinstance(i, ReadError)]
    assert [p.reason for p in problems] == ["not an http(s) URL", "fetch failed (HTTP 404)"]
    assert len([i for i in found if isinstance(i, Document)]) == len(fx.STORIES)


def test_a_refused_connection_is_one_line() -> None:
    # Port 9 (discard) on the loopback: nothing listens there.
    with pytest.raises(ReadError, match="fetch failed") as caught:
        Fetcher(timeout=2, delay=0).fetch("http://127.0.0.1:9/feed.rss")
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("http://127.0.0.1:9/feed.rss: fetch failed (")


def test_a_page_that_trickles_in_times_out_as_a_whole() -> None:
    with news_site() as site, pytest.raises(ReadError, match=r"timed out after 0\.5 s"):
        Fetcher(timeout=0.5, delay=0).fetch(f"{site.base}/trickle")


def test_robots_txt_is_obeyed_with_its_crawl_delay() -> None:
    rules = (
        "User-agent: dateline\nDisallow: /story/2\nCrawl-delay: 1\n\nUser-agent: *\nDisallow: /\n"
    )
    with news_site(robots=rules) as site:
        ours = Fetcher(timeout=10, delay=0, user_agent="dateline/1 (tests)")
        ours.fetch(f"{site.base}/story/1")
        with pytest.raises(ReadError, match=r"robots\.txt of its host disallows"):
            ours.fetch(f"{site.base}/story/2")
        ours.fetch(f"{site.base}/story/3")
        with pytest.raises(ReadError, match="disallows"):
            Fetcher(timeout=10, delay=0, user_agent="otherbot/2").fetch(f"{site.base}/story/1")
    ours_paths = [(p, t) for p, t, agent in site.requests if agent.startswith("dateline")]
    assert [p for p, _ in ours_paths] == ["/robots.txt", "/story/1", "/story/3"]
    assert ours_paths[2][1] - ours_paths[1][1] >= 1.0  # the Crawl-delay, not our delay of 0
    assert [p for p, _, agent in site.requests if agent == "otherbot/2"] == ["/robots.txt"]


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (503, False)])
def test_a_missing_robots_txt_allows_and_a_failing_one_forbids(status: int, allowed: bool) -> None:
    with news_site(robots=status) as site:
        fetcher = Fetcher(timeout=10, delay=0)
        if allowed:
            assert b"walked off the job" in fetcher.fetch(f"{site.base}/story/1").data
        else:
            with pytest.raises(ReadError, match="disallows"):
                fetcher.fetch(f"{site.base}/story/1")
    assert [p for p, _, _ in site.requests] == ["/robots.txt"] + ["/story/1"] * allowed


def test_fetching_from_the_command_line_reports_each_bad_url_on_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dateline.cli import app

    db = tmp_path / "c.db"
    with news_site() as site:
        listing = tmp_path / "feeds.txt"
        listing.write_text(f"{site.base}/feed.rss\n{site.base}/private/feed.rss\n")
        result = CliRunner().invoke(
            app,
            ["ingest", "--feeds", str(listing), "--fetch", "--fetch-delay", "0", "--db", str(db)],
        )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if "/private/feed.rss" in line]
    assert len(lines) == 1 and "robots.txt" in lines[0], result.output
    stored = re.search(r"articles stored\s+(\d+)", result.output)
    assert stored is not None and int(stored[1]) == len(fx.STORIES), result.output
