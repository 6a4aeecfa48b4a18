"""Bad arguments: one line naming the problem, exit status 2, nothing created."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

import pytest


@dataclass
class Done:
    code: int
    out: str
    err: str


def dateline_cli(*args: str) -> Done:
    """Run the `dateline` command in this process, as `main()` does, and capture it."""
    from dateline.cli import run

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = run(list(args))
    return Done(code, out.getvalue(), err.getvalue())


def _one_line_usage_error(done: Done, *words: str) -> None:
    assert done.code == 2, done
    assert done.out == ""
    lines = done.err.splitlines()
    assert len(lines) == 1, done.err
    assert lines[0].startswith("dateline: ")
    assert "Traceback" not in done.err
    for word in words:
        assert word in lines[0]


@pytest.fixture
def corpus(tmp_path):
    """An existing, empty corpus database (migrated), so only the option is wrong."""
    from dateline.store import open_store

    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    open_store(url).close()
    return url


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["events", "--since", "notadate"], ["--since", "'notadate'", "YYYY-MM-DD"]),
        (["events", "--since", "2024-02-30"], ["--since"]),
        (["events", "--until", "2024-13"], ["--until", "YYYY-MM"]),
        (["events", "--until", "soon"], ["--until"]),
        (["events", "--type", "INVADE"], ["--type", "PLOVER"]),
        (["events", "--type", "19x"], ["--type"]),
        (["events", "--country", "XYZ"], ["--country", "alpha-3"]),
        (["events", "--country", "France"], ["--country"]),
        (["events", "--actor", " "], ["--actor", "empty"]),
        (["events", "--limit", "0"], ["--limit"]),
        (["events", "--format", "xml"], ["--format", "'xml'"]),
        (["quotes", "--speaker", ""], ["--speaker"]),
        (["quotes", "--limit", "-3"], ["--limit"]),
        (["actors", "--top", "0"], ["--top"]),
        (["search", " "], ["query", "empty"]),
        (["export", "--format", "xlsx", "--out", "x.xlsx"], ["--format"]),
        (["export", "--format", "csv", "--out", "x.csv", "--table", "people"], ["--table"]),
        (["events", "--nonsense"], ["--nonsense"]),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) and v and v[0][0] != "-" else None,
)
def test_bad_query_options_are_one_line_and_status_2(corpus, args, words):
    _one_line_usage_error(dateline_cli(*args, "--db", corpus), *words)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["read", "x.txt", "--date", "yesterday"], ["--date", "'yesterday'"]),
        (["read", "x.txt", "--format", "yaml"], ["--format"]),
        (["read", "x.txt", "--model", "no_such_model"], ["--model", "not installed"]),
        (["read", "x.txt", "--language-check", "maybe"], ["--language-check"]),
        (["read", "x.txt", "--max-chars", "0"], ["--max-chars"]),
        (["read"], ["paths"]),
        (["ingest", "x.txt", "--workers", "0"], ["--workers"]),
        (["ingest", "x.txt", "--commit-every", "0"], ["--commit-every"]),
        (["ingest", "x.txt", "--date", "2024-1-5"], ["--date"]),
        (["ingest", "x.txt", "--db", "mysql://somewhere/news"], ["mysql", "SQLite"]),
        (["ingest", "x.txt", "--db", "http://example.org/corpus"], ["http"]),
        (["ingest", "x.txt", "--db", "postgresql://host:port/db"], ["database URL"]),
        (["events", "--db", "oracle://scott@db/news"], ["oracle"]),
    ],
)
def test_bad_read_and_ingest_options_are_one_line_and_status_2(tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    _one_line_usage_error(dateline_cli(*args), *words)
    assert list(tmp_path.iterdir()) == []  # no database, no folder, nothing


@pytest.mark.parametrize("command", ["events", "quotes", "actors", "search word", "export"])
def test_a_query_against_a_missing_database_says_so_and_creates_nothing(tmp_path, command):
    target = tmp_path / "no" / "such" / "dir" / "x.db"
    args = [*command.split(), "--db", f"sqlite:///{target}"]
    if command == "export":
        args += ["--format", "jsonl", "--out", str(tmp_path / "out.jsonl")]
    done = dateline_cli(*args)
    _one_line_usage_error(done, "no database at", str(target))
    assert list(tmp_path.iterdir()) == []


def test_a_query_against_a_bare_path_that_does_not_exist_creates_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _one_line_usage_error(dateline_cli("events", "--db", "corpus.db"), "no database at corpus.db")
    monkeypatch.setenv("DATELINE_DB", str(tmp_path / "env.db"))
    _one_line_usage_error(dateline_cli("quotes"), "env.db")
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_no_corpus_is_left_alone(tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    _one_line_usage_error(dateline_cli("events", "--db", str(other)), "no dateline corpus")
    with sqlite3.connect(other) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert tables == {"notes"}


def test_an_unreachable_postgresql_is_one_line_naming_the_host():
    # Port 9 (discard) on the loopback: nothing listens there, so the connection is refused.
    done = dateline_cli("events", "--db", "postgresql://news:secret@127.0.0.1:9/corpus")
    _one_line_usage_error(done, "PostgreSQL", "127.0.0.1:9", "corpus")
    assert "secret" not in done.err


def test_a_query_against_an_empty_corpus_still_works(corpus):
    done = dateline_cli("events", "--db", corpus, "--since", "2024-01-01", "--type", "assault")
    assert done.code == 0, done.err
    assert done.err == ""


def test_a_file_name_with_brackets_is_reported_not_a_markup_error(tmp_path):
    missing = tmp_path / "draft[/final].txt"
    done = dateline_cli("read", str(missing))
    assert done.code == 2
    assert done.err.strip() == f"dateline: {missing}: no such file or folder"
