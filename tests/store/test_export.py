"""Exports load with pandas and pyarrow and have exactly the documented columns."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.export import export, gdelt, polecat
from dateline.export.columns import TABLES
from dateline.export.docs import markdown
from dateline.export.tabular import arrow_schema
from dateline.schema import Article
from dateline.stages.tone import measure_tone
from dateline.store import Extracted, dedup, open_store
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
    # Goldstein from the CAMEO code (043 host a visit), else from the type's root (REJECT: 12).
    assert (consult["GoldsteinScale"], reject["GoldsteinScale"]) == ("2.8", "-4.0")
    assert consult["AvgTone"] == "-1.5152"  # the article's stored tone
    assert (consult["ActionGeo_ADM1Code"], consult["ActionGeo_FeatureID"]) == ("SZGE", "2660646")
    assert (reject["Actor2Geo_ADM1Code"], reject["Actor2Geo_FeatureID"]) == ("KE", "KE")
    assert consult["ActionGeo_ADM2Code"] == ""
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
    assert (first["City"], first["GeoNames ID"], first["District"]) == ("Geneva", "2660646", "")
    assert first["Story People"] == "Ana Duarte; Joseph Mwangi"
    assert set(frame["Quad Code"]) == {"1", "3"}
    # CONSULT mode visit: 4; ACCUSE without a mode: the type's default, -3; REJECT: -2.
    assert list(frame["Event Intensity"][:3]) == ["4", "-3", "-2"]


def test_flat_exports_carry_the_new_columns_typed(corpus, tmp_path):
    store = corpus[0]
    export(store, "parquet", tmp_path / "events.parquet", "events")
    events = pq.read_table(tmp_path / "events.parquet")
    assert events.schema.field("goldstein").type == pa.float64()
    assert events.schema.field("place_geonames_id").type == pa.int64()
    first = events.slice(0, 1).to_pylist()[0]
    assert (first["goldstein"], first["intensity"], first["tone"]) == (2.8, 4.0, -1.5152)
    assert (first["place_adm1"], first["place_geonames_id"]) == ("GE", 2660646)
    assert events.column("intended").to_pylist()[:3] == [None, None, "CONCEDE"]
    export(store, "parquet", tmp_path / "amounts.parquet", "amounts")
    amounts = pq.read_table(tmp_path / "amounts.parquet").to_pylist()
    assert len(amounts) == 4  # one figure in each of the four articles
    assert (amounts[0]["predicate"], amounts[0]["casualty"], amounts[0]["value"]) == (
        "lost",
        False,
        2000.0,
    )
    export(store, "csv", tmp_path / "articles.csv", "articles")
    articles = pd.read_csv(tmp_path / "articles.csv")
    assert articles["dateline_geonames_id"].dtype == "int64"
    assert list(articles["tone"]) == [-1.5152] * 4
    export(store, "csv", tmp_path / "quotes.csv", "quotes")
    quote = pd.read_csv(tmp_path / "quotes.csv").iloc[0]
    start, end = int(quote["speaker_start"]), int(quote["speaker_end"])
    assert BODY[start:end] == quote["speaker_text"] == "Duarte"


def test_an_article_stored_without_tone_gets_it_from_its_text(store, tmp_path):
    """Articles stored by extractor 1 have no tone until reprocessed; exports measure it."""
    article = sample_article().model_copy(update={"tone": None})
    store.write([Extracted(article.model_dump(), "old.txt")], "1")
    out = tmp_path / "events.tsv"
    export(store, "gdelt", out)
    frame = pd.read_csv(out, sep="\t", header=None, names=gdelt.COLUMNS, dtype=str)
    assert set(frame["AvgTone"]) == {str(measure_tone(article.text).score)}


@pytest.mark.slow
def test_event_data_exports_of_the_examples_have_scores_on_every_row(db_url, tmp_path, nlp):
    """Acceptance (issue 16): `dateline export --format gdelt` of the examples has
    GoldsteinScale and AvgTone on every row; the polecat export has Event Intensity."""
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(ROOT / "examples"), "--db", db_url])
    assert result.exit_code == 0, result.output
    for fmt in ("gdelt", "polecat"):
        out = tmp_path / f"{fmt}.tsv"
        args = ["export", "--format", fmt, "--out", str(out), "--db", db_url]
        assert runner.invoke(app, args).exit_code == 0
    rows = pd.read_csv(
        tmp_path / "gdelt.tsv", sep="\t", header=None, names=gdelt.COLUMNS, dtype=str
    )
    assert len(rows) >= 20
    goldstein = rows["GoldsteinScale"].astype(float)
    assert goldstein.notna().all() and goldstein.between(-10, 10).all()
    assert rows["AvgTone"].astype(float).notna().all()
    tones = {a.id: a.tone.score for a in open_store(db_url).articles()}
    assert len(set(tones.values())) == 4  # one tone per article, stored at ingest
    polecat_rows = pd.read_csv(tmp_path / "polecat.tsv", sep="\t", dtype=str)
    assert len(polecat_rows) >= 20
    intensity = polecat_rows["Event Intensity"].astype(float)
    assert intensity.notna().all() and intensity.between(-10, 10).all()


def test_readme_documents_every_export_column():
    readme = (ROOT / "README.md").read_text()
    assert markdown() in readme, "run: python -m dateline.export.docs and paste into README.md"
