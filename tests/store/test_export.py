"""Exports load with pandas and pyarrow and have exactly the documented columns."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dateline.export import export, gdelt, polecat
from dateline.export.columns import TABLES
from dateline.export.docs import markdown
from dateline.export.tabular import arrow_schema
from dateline.schema import Article
from dateline.store import Extracted, dedup
from tests.conftest import ROOT
from tests.store.samples import BODY, sample_article, variant


@pytest.fixture
def corpus(store):  # type: ignore[no-untyped-def]
    """Three stories and one rewrite of the first (a near-duplicate).

    The variants differ in one word only, so they go in without signatures: here they stand
    for distinct stories.
    """
    stories = [sample_article(), variant(1), variant(2)]
    rewrite = sample_article(BODY.replace("to discuss", "for talks on"), headline="Rewrite")
    items = [
        Extracted(a.model_dump(), f"{i}.txt", dedup.signature(a.text) if i in (0, 3) else None)
        for i, a in enumerate([*stories, rewrite])
    ]
    store.write(items, "1")
    return store, stories, rewrite


def test_jsonl_holds_every_record_in_full(corpus, tmp_path):
    store, stories, rewrite = corpus
    out = tmp_path / "corpus.jsonl"
    assert export(store, "jsonl", out) == 4
    frame = pd.read_json(out, lines=True)
    assert list(frame["id"]) == [a.id for a in [*stories, rewrite]]
    first = Article.model_validate(json.loads(out.read_text().splitlines()[0]))
    assert first == stories[0]


@pytest.mark.parametrize("table", list(TABLES))
def test_csv_and_parquet_have_the_documented_columns(corpus, tmp_path, table):
    store, stories, rewrite = corpus
    names = [c.name for c in TABLES[table]]
    csv_rows = export(store, "csv", tmp_path / "t.csv", table)
    frame = pd.read_csv(tmp_path / "t.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns) == names and len(frame) == csv_rows
    export(store, "parquet", tmp_path / "t.parquet", table)
    parquet = pq.read_table(tmp_path / "t.parquet")
    assert parquet.schema.equals(arrow_schema(TABLES[table]))
    assert len(pd.read_parquet(tmp_path / "t.parquet")) == csv_rows
    if table == "events":
        assert csv_rows == 12
        first = frame.iloc[0]
        assert (first["actor"], first["actor_code"], first["recipient_code"]) == (
            "Ana Duarte",
            "PRTGOV",
            "KENGOV",
        )
        assert first["sentence"].startswith("Foreign Minister Ana Duarte")
        story_ids = set(frame[frame["article_id"] == rewrite.id]["story_id"])
        assert story_ids == {stories[0].id}


def test_gdelt_has_61_columns_and_counts_a_rewrite_as_one_story(corpus, tmp_path):
    store = corpus[0]
    out = tmp_path / "events.tsv"
    assert export(store, "gdelt", out) == 9  # 3 stories x 3 events; the rewrite is left out
    frame = pd.read_csv(
        out, sep="\t", header=None, names=gdelt.COLUMNS, dtype=str, keep_default_na=False
    )
    assert frame.shape == (9, 61)
    consult = frame.iloc[0]
    assert consult["SQLDATE"] == "20240305" and consult["Year"] == "2024"
    assert (consult["Actor1Code"], consult["Actor1CountryCode"], consult["Actor1Type1Code"]) == (
        "PRTGOV",
        "PRT",
        "GOV",
    )
    assert consult["Actor2Name"] == "Joseph Mwangi"
    assert (consult["EventCode"], consult["EventBaseCode"], consult["EventRootCode"]) == (
        "043",
        "043",
        "04",
    )
    assert consult["QuadClass"] == "1" and consult["IsRootEvent"] == "1"
    assert consult["ActionGeo_CountryCode"] == "SZ"  # FIPS for Switzerland
    assert consult["ActionGeo_Type"] == "4" and consult["ActionGeo_Lat"].startswith("46.2")
    assert (consult["NumArticles"], consult["NumSources"]) == ("2", "1")
    assert consult["SOURCEURL"].startswith("https://")
    reject = frame.iloc[2]
    assert (reject["EventCode"], reject["QuadClass"]) == ("", "3")  # from the PLOVER type
    assert reject["Actor2Geo_Type"] == "1"  # Kenya, a country
    assert len(gdelt.COLUMNS) == len(set(gdelt.COLUMNS)) == 61
    with_header = tmp_path / "with-header.tsv"
    assert export(store, "gdelt", with_header, include_duplicates=True, header=True) == 12
    assert list(pd.read_csv(with_header, sep="\t").columns) == gdelt.COLUMNS


def test_polecat_has_its_40_columns(corpus, tmp_path):
    store = corpus[0]
    out = tmp_path / "polecat.tsv"
    assert export(store, "polecat", out) == 9
    frame = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    assert list(frame.columns) == polecat.COLUMNS
    first = frame.iloc[0]
    assert (first["Event Type"], first["Actor Name"], first["Recipient Country"]) == (
        "CONSULT",
        "Ana Duarte",
        "KEN",
    )
    assert (first["Placename"], first["Country"], first["Feature Type"]) == ("Geneva", "CHE", "PPL")
    assert first["Story People"] == "Ana Duarte; Joseph Mwangi"
    assert set(frame["Quad Code"]) == {"1", "3"}


def test_readme_documents_every_export_column():
    readme = (ROOT / "README.md").read_text()
    assert markdown() in readme, "run: python -m dateline.export.docs and paste into README.md"
