"""`dateline ingest` end to end: re-runs, bad files, reprocessing, stdin and gzip input."""

from __future__ import annotations

import gzip
import json

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from dateline.cli import app
from dateline.pipeline import EXTRACTOR_VERSION
from dateline.store import open_store
from dateline.store.tables import articles
from tests.conftest import WIKINEWS

STORIES = {
    "harbour.txt": "Dock workers in the port city walked off the job on Monday after talks over "
    "pay broke down, leaving dozens of container ships waiting offshore. The union said the "
    "strike would last until the operator returned to the table.",
    "budget.md": "# Council passes budget\n\nThe city council approved a budget on Thursday that "
    "raises spending on schools and buses, after a debate that lasted late into the night. "
    "Two members voted against it, saying it relied on optimistic tax forecasts.",
    "nested/flood.txt": "Heavy rain flooded low-lying districts of the capital overnight, and the "
    "emergency service said it had evacuated more than 300 residents by morning. Forecasters "
    "expect more rain through the weekend.",
}

runner = CliRunner()


def ingest(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["ingest", *args], catch_exceptions=False)


@pytest.fixture
def folder(tmp_path):  # type: ignore[no-untyped-def]
    root = tmp_path / "inbox"
    for name, text in STORIES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


@pytest.mark.slow
def test_ingesting_wikinews_twice_gives_the_same_counts(db_url, nlp):
    first = ingest(str(WIKINEWS), "--db", db_url)
    assert first.exit_code == 0, first.output
    counts = open_store(db_url).counts()
    assert counts["articles"] == 150 and counts["mentions"] > 1000
    second = ingest(str(WIKINEWS), "--db", db_url)
    assert second.exit_code == 0
    assert "skipped      150" in second.output
    assert open_store(db_url).counts() == counts


def test_bad_files_are_reported_with_reasons_and_the_rest_is_ingested(db_url, folder, nlp):
    (folder / "empty.txt").write_text("")
    (folder / "broken.jsonl").write_text('{"text": "unterminated\n')
    (folder / "tiny.txt").write_text("Two words.")
    result = ingest(str(folder), str(folder / "missing.txt"), "--db", db_url)
    assert result.exit_code == 1
    assert "articles stored        3" in result.output
    assert "failures        4" in result.output
    for name in ("empty.txt", "broken.jsonl", "tiny.txt", "missing.txt"):
        assert name in result.output
    assert "no such file or folder" in result.output
    assert open_store(db_url).counts()["articles"] == 3


def test_reprocess_re_extracts_articles_from_an_older_extractor(db_url, folder, nlp):
    assert ingest(str(folder), "--db", db_url).exit_code == 0
    store = open_store(db_url)
    counts = store.counts()
    assert "skipped        3" in ingest(str(folder), "--db", db_url, "--reprocess").output
    with store.engine.begin() as conn:
        conn.execute(update(articles).values(extractor_version="0"))
    result = ingest(str(folder), "--db", db_url, "--reprocess")
    assert "reprocessed        3" in result.output
    assert store.counts() == counts
    versions = set(store.stored_versions(a.id for a in store.articles()).values())
    assert versions == {EXTRACTOR_VERSION}


def test_jsonl_gz_and_stdin_are_read(db_url, tmp_path, nlp):
    gz = tmp_path / "stories.jsonl.gz"
    with gzip.open(gz, "wt") as handle:
        for name, text in STORIES.items():
            handle.write(json.dumps({"id": name, "title": name, "text": text}) + "\n")
    assert ingest(str(gz), "--db", db_url).exit_code == 0
    pasted = "Ministers from both countries signed a trade accord on Friday, cutting tariffs."
    result = runner.invoke(app, ["ingest", "-", "--db", db_url], input=pasted)
    assert result.exit_code == 0, result.output
    assert open_store(db_url).counts()["articles"] == 4


def test_a_rewritten_wire_story_is_linked_not_counted_again(db_url, folder, nlp):
    original = STORIES["harbour.txt"]
    (folder / "rewrite.txt").write_text(
        original.replace("on Monday", "early on Monday") + " Talks are to resume on Friday."
    )
    result = ingest(str(folder), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert "articles stored        4" in result.output
    assert "near-duplicates        1" in result.output
    actors = runner.invoke(app, ["actors", "--db", db_url, "-f", "json"]).output
    assert all(json.loads(line)["stories"] <= 3 for line in actors.splitlines() if line)
