"""`dateline events|quotes|actors|search` on a database, and on files."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.export.columns import EVENTS, QUOTES
from dateline.store import Extracted
from tests.conftest import SEED
from tests.store.samples import BODY, sample_article

runner = CliRunner()


@pytest.fixture
def url(store):  # type: ignore[no-untyped-def]
    base = sample_article()
    later = sample_article(
        BODY.replace("Horn of Africa", "Sahel region"),
        headline="Second round of drought talks",
        published="2024-04-12",
    ).model_dump()
    for event in later["events"]:
        event["date"] = "2024-04-12"
    items = [Extracted(base.model_dump(), "a.txt"), Extracted(later, "b.txt")]
    store.write(items, "1")
    return store.url


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def json_rows(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_events_filters_by_actor_recipient_type_country_and_dates(url):
    every = json_rows(run("events", "--db", url, "-f", "json"))
    assert len(every) == 6 and set(every[0]) == {c.name for c in EVENTS}
    assert [e["date"] for e in every][:3] == ["2024-04-12"] * 3  # most recent first
    by_name = json_rows(run("events", "--db", url, "--actor", "duarte", "-f", "json"))
    assert {e["type"] for e in by_name} == {"CONSULT"} and len(by_name) == 2
    by_code = json_rows(run("events", "--db", url, "--actor", "KEN", "-f", "json"))
    assert {e["type"] for e in by_code} == {"ACCUSE"}
    to_kenya = json_rows(run("events", "--db", url, "--recipient", "Kenya", "-f", "json"))
    assert {e["type"] for e in to_kenya} == {"REJECT"}
    assert len(json_rows(run("events", "--db", url, "--type", "accuse", "-f", "json"))) == 2
    assert len(json_rows(run("events", "--db", url, "--type", "04", "-f", "json"))) == 2
    swiss = json_rows(run("events", "--db", url, "--country", "CHE", "-f", "json"))
    assert {e["place"] for e in swiss} == {"Geneva"}
    assert len(json_rows(run("events", "--db", url, "--country", "PRT", "-f", "json"))) == 2
    march = json_rows(run("events", "--db", url, "--until", "2024-03", "-f", "json"))
    assert {e["headline"] for e in march} == {"Portugal and Kenya discuss drought aid"}
    april = run("events", "--db", url, "--since", "2024-04-01", "-f", "csv")
    assert len(list(csv.DictReader(io.StringIO(april)))) == 3
    assert "Mwangi" in run("events", "--db", url, "--limit", "1")


def test_quotes_by_speaker_and_words(url):
    rows = json_rows(run("quotes", "--db", url, "--speaker", "Duarte", "-f", "json"))
    assert len(rows) == 2 and set(rows[0]) == {c.name for c in QUOTES}
    assert rows[0]["text"].startswith("We will not abandon")
    assert rows[0]["speaker_code"] == "PRTGOV"
    homes = json_rows(run("quotes", "--db", url, "--contains", "HOMES", "-f", "json"))
    assert {r["speaker"] for r in homes} == {"Kenya"} and homes[0]["time"] == "2024-01"
    assert json_rows(run("quotes", "--db", url, "--speaker", "nobody", "-f", "json")) == []


def test_actors_are_counted_in_stories(url):
    rows = json_rows(run("actors", "--db", url, "--top", "3", "-f", "json"))
    assert len(rows) == 3
    kenya = next(
        r for r in json_rows(run("actors", "--db", url, "-f", "json")) if r["name"] == "Kenya"
    )
    assert (kenya["stories"], kenya["events_as_actor"], kenya["events_as_recipient"]) == (2, 2, 2)
    assert kenya["quotes"] == 2


def test_search_finds_quotes_and_articles_with_snippets(url):
    hits = json_rows(run("search", "abandon", "--db", url, "-f", "json"))
    assert {h["kind"] for h in hits} == {"article", "quote"}
    assert all("[abandon]" in h["snippet"] for h in hits)
    sahel = json_rows(run("search", "Sahel", "--db", url, "-f", "json"))
    assert [h["headline"] for h in sahel] == ["Second round of drought talks"]
    assert "[Sahel]" in run("search", "Sahel", "--db", url)


@pytest.mark.slow
def test_with_files_the_commands_read_the_articles_instead(nlp):
    for command in ("events", "quotes", "actors"):
        output = run(command, str(SEED), "-f", "json")
        assert all(json.loads(line) for line in output.splitlines() if line.strip())
    assert "Events" in run("events", str(SEED))
