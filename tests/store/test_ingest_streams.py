"""`dateline ingest` on streamed containers: a corrupt WARC record, a broken feed entry and a
bad JSON Lines line are each one failure line, and every other article is stored."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.corpus.ingest import Ingest
from dateline.sources import iter_documents
from dateline.store import open_store
from tests import source_fixtures as fx


def _warc(folder: Path) -> Path:
    records = fx.warc_records()
    records.insert(3, fx.CORRUPT_RECORD)
    return fx.write_warc(folder / "crawl.warc.gz", records)


def _feed(folder: Path) -> Path:
    feed = fx.rss(fx.STORIES, "http://news.test")
    second = feed.index("<item>", feed.index("<item>") + 1)
    end = feed.index("</item>", second) + len("</item>")
    path = folder / "wire.rss"
    path.write_text(feed[:second] + "<item><title>No body, no link</title></item>" + feed[end:])
    return path


def _jsonl(folder: Path) -> Path:
    return fx.write_jsonl(folder / "wire.jsonl.zst", bad_line=2)


def _parquet(folder: Path) -> Path:
    return fx.write_parquet(folder / "wire.parquet")


@pytest.mark.parametrize(
    ("make", "stored", "problem", "options"),
    [
        (_warc, 4, "corrupt WARC record", []),
        (_feed, 3, "neither content nor a link", []),
        (_jsonl, 4, "invalid JSON", []),
        (
            _parquet,
            4,
            None,
            ["--text-column", "story", "--id-column", "doc", "--date-column", "day"],
        ),
    ],
)
def test_a_bad_record_is_one_line_and_the_rest_is_stored(
    make: Callable[[Path], Path],
    stored: int,
    problem: str | None,
    options: list[str],
    tmp_path: Path,
    nlp,
) -> None:
    source = make(tmp_path)
    db = tmp_path / "corpus.db"
    result = CliRunner().invoke(app, ["ingest", str(source), "--db", str(db), *options])
    assert "Traceback" not in result.output
    assert result.exit_code == (0 if problem is None else 1), result.output
    found = re.search(r"articles stored\s+(\d+)", result.output)
    assert found is not None and int(found[1]) == stored, result.output
    failures = [line for line in result.output.splitlines() if line.strip().startswith("✗")]
    assert len(failures) == (problem is not None)
    if problem:
        assert str(source) in failures[0] and problem in failures[0]
    stored_meta = [
        (a.meta.headline, a.meta.published) for a in open_store(f"sqlite:///{db}").articles()
    ]
    days = dict(stored_meta)
    assert len(days) == stored and set(days) <= {t for t, _, _ in fx.STORIES}
    if "warc" not in source.name:  # a WARC's pages carry no date: the capture date stands
        assert all(days[t] == d for t, d, _ in fx.STORIES if t in days)


def test_a_shard_that_cannot_be_written_fails_its_articles_in_one_line_each(
    tmp_path: Path, nlp
) -> None:
    out = tmp_path / "shards"
    out.mkdir()
    (out / "events").write_text("a file where the events folder should be")
    summary = Ingest(None, out_dir=str(out)).run(iter_documents(_jsonl(tmp_path)))
    assert summary.stored == 0 and summary.shards == 0
    reasons = [f.reason for f in summary.failures]
    assert len(reasons) == 1 + len(fx.STORIES)  # the bad line, then every article
    assert all("cannot write its Parquet shard" in r for r in reasons[1:])
