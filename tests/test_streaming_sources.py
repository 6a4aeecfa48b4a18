"""Streamed sources on small inputs we write: JSON Lines (.gz, .zst), WARC, feeds, Parquet and
CSV. Each bad record is one error naming it, and the records after it are still read."""

from __future__ import annotations

import gzip
import resource
from pathlib import Path

import pytest

from dateline.sources import Document, ReadError, Skipped, SourceOptions, iter_documents
from tests import source_fixtures as fx


def items(path: Path, **options) -> list:  # type: ignore[no-untyped-def]
    return list(iter_documents(path, SourceOptions(**options)))


def documents(found: list) -> list[Document]:
    return [i for i in found if isinstance(i, Document)]


def errors(found: list) -> list[ReadError]:
    return [i for i in found if isinstance(i, ReadError)]


# --- JSON Lines --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["s.jsonl", "s.jsonl.gz", "s.jsonl.zst", "s.ndjson"])
def test_jsonl_streams_and_a_bad_line_is_one_error(tmp_path: Path, name: str) -> None:
    path = fx.write_jsonl(tmp_path / name, bad_line=2)
    found = items(path)
    docs, errs = documents(found), errors(found)
    assert [d.title for d in docs] == [t for t, _, _ in fx.STORIES]
    assert [d.date for d in docs] == [d for _, d, _ in fx.STORIES]
    assert docs[0].name == f"{path}:1 (s1)" and docs[1].name == f"{path}:3 (s2)"
    assert len(errs) == 1 and errs[0].name == f"{path}:2" and "invalid JSON" in errs[0].reason


def test_a_bad_first_line_does_not_sink_the_file(tmp_path: Path) -> None:
    path = fx.write_jsonl(tmp_path / "first.jsonl", bad_line=1)
    found = items(path)
    assert len(documents(found)) == len(fx.STORIES)
    assert [e.name for e in errors(found)] == [f"{path}:1"]


def test_a_pretty_printed_document_in_a_jsonl_file_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "pretty.jsonl"
    title, day, text = fx.STORIES[0]
    path.write_text(f'{{\n  "title": "{title}",\n  "date": "{day}",\n  "text": "{text}"\n}}\n')
    (doc,) = items(path)
    assert isinstance(doc, Document) and doc.title == title


def test_a_truncated_gzip_stream_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    whole = gzip.compress(fx.write_jsonl(tmp_path / "x.jsonl", bad_line=None).read_bytes() * 50)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) * 3 // 4])
    found = items(path)
    assert len(documents(found)) > 0
    # The last line read may be cut in the middle; the stream's end is the last error.
    assert errors(found)[-1].name == str(path) and "after line" in errors(found)[-1].reason


@pytest.mark.parametrize(("name", "data"), [("e.jsonl", b""), ("e.jsonl.gz", b"no gzip")])
def test_empty_and_broken_jsonl_files_are_one_error(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (err,) = items(path)
    assert isinstance(err, ReadError) and err.name == str(path)
    assert err.reason in ("empty file", "not a valid gzip file")


def test_jsonl_memory_stays_flat_on_a_long_file(tmp_path: Path) -> None:
    """Twenty thousand records stream through without the file being held: the peak RSS
    grows by far less than the file's decompressed size (bench/scale.py does 1 GB)."""
    path = tmp_path / "long.jsonl.gz"
    title, day, text = fx.STORIES[0]
    record = f'{{"title": "{title}", "date": "{day}", "text": "{text} ' + "x" * 2000 + '"}\n'
    with gzip.open(path, "wt") as handle:
        for n in range(20_000):
            handle.write(record.replace("Monday", f"Monday {n}"))
    size = 20_000 * len(record)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    count = sum(1 for item in iter_documents(path) if isinstance(item, Document))
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    assert count == 20_000
    assert grown < size / 4, f"peak RSS grew {grown:,} bytes for a {size:,}-byte file"


# --- WARC ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_are_articles_and_other_records_are_counted(
    tmp_path: Path, name: str
) -> None:
    path = fx.write_warc(tmp_path / name, fx.warc_records())
    found = items(path)
    docs = documents(found)
    assert [d.url for d in docs] == [f"http://news.test/story/{n}" for n in range(1, 5)]
    assert [d.title for d in docs] == [t for t, _, _ in fx.STORIES]
    assert all(d.format == "html" and d.date == "2024-03-12" for d in docs)  # the WARC-Date
    assert "walked off the job" in " ".join(b.text for b in docs[0].blocks)
    assert not errors(found)
    (skipped,) = [i for i in found if isinstance(i, Skipped)]
    assert skipped.reasons == {
        "warcinfo record": 1,
        "request record": 4,
        "image/png": 1,
        "HTTP 301": 1,
    }


def test_a_page_date_beats_the_capture_date(tmp_path: Path) -> None:
    title, day, text = fx.STORIES[0]
    record = fx.response("http://news.test/dated", fx.page(title, text, day), "text/html")
    (doc, *_) = items(fx.write_warc(tmp_path / "dated.warc", [record]))
    assert isinstance(doc, Document) and doc.date == day


def test_a_corrupt_plain_warc_record_is_reported_and_the_next_ones_read(tmp_path: Path) -> None:
    records = fx.warc_records()
    records.insert(3, fx.CORRUPT_RECORD)  # after the first story's response
    path = fx.write_warc(tmp_path / "corrupt.warc", records)
    found = items(path)
    assert len(documents(found)) == 4
    (err,) = errors(found)
    assert err.name == str(path) and "corrupt WARC record" in err.reason
    assert "resumed at byte" in err.reason


def test_a_broken_gzip_member_is_reported_and_the_next_members_read(tmp_path: Path) -> None:
    records = fx.warc_records()
    members = [gzip.compress(r) for r in records]
    second_story = 4  # warcinfo, request 1, response 1, image, redirect, request 2, response 2
    assert b"story/2" in records[second_story + 2]
    members[second_story + 2] = fx.broken_gzip_member(records[second_story + 2])
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"".join(members))
    found = items(path)
    urls = [d.url for d in documents(found)]
    assert urls == [
        "http://news.test/story/1",
        "http://news.test/story/3",
        "http://news.test/story/4",
    ]
    (err,) = errors(found)
    assert "corrupt WARC record" in err.reason


@pytest.mark.parametrize(
    ("name", "cut", "read"),
    [("cut.warc.gz", 100, 3), ("cut.warc", 300, 3), ("half.warc.gz", 0.5, 1)],
)
def test_a_warc_cut_short_keeps_what_came_before(
    tmp_path: Path, name: str, cut: float, read: int
) -> None:
    records = fx.warc_records()
    data = fx.write_warc(tmp_path / name, records).read_bytes()
    end = int(len(data) * cut) if cut < 1 else len(data) - int(cut)
    (tmp_path / name).write_bytes(data[:end])
    found = items(tmp_path / name)
    assert len(documents(found)) == read
    (err,) = errors(found)
    assert "truncated WARC record" in err.reason or "corrupt WARC record" in err.reason


# --- feeds ---------------------------------------------------------------------------------


def test_rss_entries_with_content_are_articles(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(fx.rss(fx.STORIES, "http://news.test"))
    docs = items(path)
    assert [d.title for d in docs] == [t for t, _, _ in fx.STORIES]
    assert [d.date for d in docs] == [d for _, d, _ in fx.STORIES]
    assert docs[2].url == "http://news.test/story/3" and docs[2].publisher == "Example Wire"
    assert "evacuated more than 300 residents" in " ".join(b.text for b in docs[2].blocks)


def test_atom_entries_are_articles(tmp_path: Path) -> None:
    path = tmp_path / "desk.atom"
    path.write_text(fx.atom(fx.STORIES[:2], "http://news.test"))
    docs = items(path)
    assert [d.date for d in docs] == ["2024-03-04", "2024-03-07"]
    assert docs[1].publisher == "Example Atom Desk"


def test_a_broken_feed_entry_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    feed = fx.rss(fx.STORIES, "http://news.test")
    second = feed.index("<item>", feed.index("<item>") + 1)
    end = feed.index("</item>", second) + len("</item>")
    feed = feed[:second] + "<item><title>Garbled &broken; entry</title></item>" + feed[end:]
    path = tmp_path / "broken.xml"
    path.write_text(feed)
    found = items(path)
    assert [d.title for d in documents(found)] == [
        fx.STORIES[0][0],
        *[t for t, _, _ in fx.STORIES[2:]],
    ]
    (err,) = errors(found)
    assert err.name == f"{path}#2" and "neither content nor a link" in err.reason


def test_entries_without_content_need_fetching(tmp_path: Path) -> None:
    path = tmp_path / "teasers.rss"
    path.write_text(fx.rss(fx.STORIES[:2], "http://news.test", with_content=False))
    found = items(path)
    assert len(errors(found)) == 2
    assert all("--fetch fetches its link" in e.reason for e in errors(found))


def test_a_file_that_is_no_feed_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>http://a.test/</loc></url></urlset>')
    (err,) = items(path)
    assert isinstance(err, ReadError) and err.name == str(path)


# --- Parquet and CSV -----------------------------------------------------------------------


def test_parquet_rows_with_named_columns(tmp_path: Path) -> None:
    path = fx.write_parquet(tmp_path / "stories.parquet")
    found = items(path, text_column="story", id_column="doc", date_column="day")
    docs = documents(found)
    assert [d.title for d in docs] == [t for t, _, _ in fx.STORIES]
    assert [d.date for d in docs] == [d for _, d, _ in fx.STORIES]
    assert docs[0].name == f"{path}:1 (doc-1)" and docs[3].url == "http://news.test/story/4"


def test_parquet_without_a_text_column_says_which_columns_it_has(tmp_path: Path) -> None:
    path = fx.write_parquet(tmp_path / "stories.parquet")
    (err,) = items(path)
    assert (
        "no text column" in err.reason and "story" in err.reason and "--text-column" in err.reason
    )
    (err,) = items(path, text_column="article_text")
    assert "no column 'article_text' for --text-column" in err.reason


def test_csv_rows_and_a_row_without_text(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "stories.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "published", "text"])
        for n, (title, day, text) in enumerate(fx.STORIES, 1):
            writer.writerow([f"c{n}", title, day, text])
            if n == 1:
                writer.writerow(["c-empty", "No body", "2024-03-05", ""])
    found = items(path)
    assert [d.date for d in documents(found)] == [d for _, d, _ in fx.STORIES]
    (err,) = errors(found)
    assert err.name == f"{path}:2 (c-empty)" or err.name == f"{path}:2"
    assert "no 'text'" in err.reason


def test_tsv_and_a_missing_named_column(tmp_path: Path) -> None:
    path = tmp_path / "stories.tsv"
    title, _day, text = fx.STORIES[1]
    path.write_text(f"headline\tstory\n{title}\t{text}\n")
    (doc,) = items(path, text_column="story")
    assert isinstance(doc, Document) and doc.title == title
    (err,) = items(path, text_column="story", date_column="when")
    assert "no column 'when' for --date-column" in err.reason


def test_a_file_that_is_no_parquet_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_text("not parquet at all")
    (err,) = items(path)
    assert isinstance(err, ReadError) and "not a valid Parquet file" in err.reason
