"""The example articles in examples/ read end to end, one per input format.

`make run` shows them to new users, so they must keep working: header fields as written and
exact offsets for every annotation. Entity names are not asserted while that stage changes.
"""

from __future__ import annotations

import pytest

import dateline
from tests.conftest import ROOT, spans_are_exact

EXAMPLES = ROOT / "examples"

# file: (format, headline start, dateline place, dateline agency, dateline date, published)
EXPECTED = {
    "new_start_prague.txt": (
        "text",
        "U.S. and Russia sign New START treaty",
        "Prague",
        "Reuters",
        "2010-04-08",
        "2010-04-08",
    ),
    "colombia_peace_accord.md": (
        "markdown",
        "Colombia and FARC sign peace accord",
        "Cartagena, Colombia",
        None,
        "2016-09-26",
        "2016-09-26",
    ),
    "paris_climate_agreement.html": (
        "html",
        "Nearly 200 nations adopt Paris climate agreement",
        "Paris",
        "AP",
        None,
        "2015-12-12",
    ),
    "arms_trade_treaty.json": (
        "json",
        "UN General Assembly adopts first global Arms Trade Treaty",
        "New York",
        "ANI",
        "2013-04-02",
        "2013-04-02",
    ),
}


def test_every_example_is_covered() -> None:
    """A new example must come with its expectations here."""
    assert sorted(p.name for p in EXAMPLES.iterdir() if p.is_file()) == sorted(EXPECTED)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_reads(name: str) -> None:
    fmt, headline, place, agency, dl_date, published = EXPECTED[name]
    article = dateline.read(EXAMPLES / name)
    meta = article.meta
    assert meta.source_format == fmt
    assert meta.headline and meta.headline.startswith(headline)
    assert meta.dateline is not None
    assert (meta.dateline.place, meta.dateline.agency, meta.dateline.date) == (
        place,
        agency,
        dl_date,
    )
    assert meta.published == published
    assert meta.publisher
    assert article.text.startswith(article.text[meta.dateline.start : meta.dateline.end])
    assert 150 <= len(article.text.split()) <= 350
    assert spans_are_exact(article) == []
    assert article.entities, "the pipeline found no entities at all"


@pytest.mark.slow
def test_example_with_explicit_date_keeps_dateline_year() -> None:
    """--date overrides the published date; the dateline's own year comes from the evidence."""
    article = dateline.read(EXAMPLES / "new_start_prague.txt", published="2010-04-09")
    assert article.meta.published == "2010-04-09"
    assert article.meta.dateline is not None and article.meta.dateline.date == "2010-04-08"
