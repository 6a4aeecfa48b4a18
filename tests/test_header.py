"""Header stage: headline, dateline, captions and credits, byline, footer, published date.

No spaCy here: `parse_header` works on reader output, so these tests are fast and pin down
the metadata contract (meta.*) and what is kept out of `text`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.sources import Block, Document, iter_documents, load_text
from dateline.stages.header import Header, find_dateline, parse_header, parse_iso
from tests.conftest import FIXTURES, ROOT, SEED

EXAMPLES = ROOT / "examples"
MARKUP_LEFTOVERS = ("*", "#", "Image not found", "http://", "https://", "<", "\ufffd")


def header_of(path: Path, published: date | None = None) -> Header:
    """The header of a file's only document."""
    (doc,) = list(iter_documents(path))
    assert isinstance(doc, Document), doc
    return parse_header(doc, published)


def header_from(
    text: str,
    fmt: str | None = None,
    published: date | None = None,
    **meta: str,
) -> Header:
    """The header of a pasted text, with container metadata (date, url, title) set by hand."""
    (doc,) = list(load_text(text, "pasted", fmt))
    assert isinstance(doc, Document), doc
    for key, value in meta.items():
        setattr(doc, key, value)
    return parse_header(doc, published)


def assert_clean(text: str) -> None:
    """Body text carries no markup, placeholders or URLs."""
    for leftover in MARKUP_LEFTOVERS:
        assert leftover not in text, leftover


# --- the seed article -------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
def test_seed_header() -> None:
    """The clipping this project started from: every header field it carries."""
    header = header_of(SEED)
    meta = header.meta
    assert meta.headline == "Blinken meets with Israeli opposition leaders amid Gaza truce push"
    assert meta.dateline is not None
    assert (meta.dateline.place, meta.dateline.date, meta.dateline.agency) == (
        "Amman",
        "2024-06-11",
        "RHC",
    )
    assert header.text[meta.dateline.start : meta.dateline.end] == "Amman, June 11 (RHC)--"
    assert meta.published == "2024-06-11"
    assert meta.publisher == "Radio Habana Cuba"
    assert meta.url and meta.url.startswith("http")
    assert len(meta.images) == 1
    assert meta.images[0].caption.startswith("U.S. Secretary of State Antony Blinken attends")
    assert meta.images[0].credit == "Alaa Al Sukhni/Pool via Reuters"
    assert header.text.startswith("Amman, June 11 (RHC)-- U.S. Secretary of State")
    assert_clean(header.text)
    assert "Radio Habana Cuba" not in header.text


# --- wire datelines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "place", "region", "date_text", "agency"),
    [
        ("WASHINGTON (AP) — The", "WASHINGTON", None, None, "AP"),
        ("LONDON, March 3 (Reuters) - The", "LONDON", None, "March 3", "Reuters"),
        ("Washington, DC [US], June 11 (ANI): The", "Washington", "DC", "June 11", "ANI"),
        ("GAZA CITY, Jan 5 — The", "GAZA CITY", None, "Jan 5", None),
        ("Amman, June 11 (RHC)--U.S.", "Amman", None, "June 11", "RHC"),
        ("KYIV, Ukraine (AP) — The", "KYIV", "Ukraine", None, "AP"),
        ("BEIJING, Nov. 3 (Xinhua) -- An", "BEIJING", None, "Nov. 3", "Xinhua"),
        ("BOGOTÁ, Colombia (AP) -- Owners", "BOGOTÁ", "Colombia", None, "AP"),
        ("RIO DE JANEIRO (Reuters) - The", "RIO DE JANEIRO", None, None, "Reuters"),
        ("Rio de Janeiro, Feb. 2 (AFP) - The", "Rio de Janeiro", None, "Feb. 2", "AFP"),
        ("CARTAGENA, Colombia, Sept. 26 — Colombian", "CARTAGENA", "Colombia", "Sept. 26", None),
        ("New York [US], April 2 (ANI): The", "New York", None, "April 2", "ANI"),
    ],
)
def test_dateline_forms(
    opening: str, place: str, region: str | None, date_text: str | None, agency: str | None
) -> None:
    m = find_dateline(opening)
    assert m is not None
    assert (m["place"], m["region"], m["date"], m["agency"]) == (place, region, date_text, agency)
    assert opening[m.end() :].strip()[0].isupper()


@pytest.mark.parametrize(
    "opening",
    [
        "In March, top U.S. officials – including Blinken – met Gantz.",
        "Tuesday’s talks come as the administration voices frustration.",
        "Reuters - the agency said on Monday.",
        "UN - The body met.",
        "The minister said (AP) — nothing.",
        "Officials in the capital said - without giving details - that talks would resume.",
        "Gantz, who resigned from the war cabinet, met Blinken.",
    ],
)
def test_sentences_are_not_datelines(opening: str) -> None:
    assert find_dateline(opening) is None


def test_shouted_place_is_normalized_but_region_kept() -> None:
    """'KYIV, Ukraine' reads as 'Kyiv, Ukraine'; abbreviations such as D.C. keep their case."""
    kyiv = header_of(FIXTURES / "kyiv_ap.txt").meta.dateline
    assert kyiv is not None and kyiv.place == "Kyiv, Ukraine" and kyiv.agency == "AP"
    dc = header_from("WASHINGTON, D.C. (AP) — Lawmakers met on Monday to discuss the budget.")
    assert dc.meta.dateline is not None and dc.meta.dateline.place == "Washington, D.C."
    latin = header_of(FIXTURES / "latin1.txt").meta.dateline
    assert latin is not None and latin.place == "Bogotá, Colombia"


def test_dateline_offsets_index_the_text() -> None:
    header = header_of(FIXTURES / "xinhua_no_year.txt")
    dl = header.meta.dateline
    assert dl is not None
    assert header.text[dl.start : dl.end] == "BEIJING, Nov. 3 (Xinhua) --"


def test_no_dateline() -> None:
    header = header_of(FIXTURES / "no_dateline.txt")
    assert header.meta.dateline is None
    assert header.meta.headline == "Regional council approves new budget for rural schools"
    assert header.meta.published is None and header.meta.publisher is None
    assert header.text.startswith("The regional council approved")


# --- years come from evidence only ------------------------------------------------------

WIRE = "{dateline} Officials said on Tuesday that the talks would resume next week in the capital."


def test_month_day_without_year_evidence_has_no_date() -> None:
    """'March 3' with nothing to tell the year: date None, never this year or a guess."""
    header = header_from(WIRE.format(dateline="LONDON, March 3 (Reuters) -"))
    assert header.meta.dateline is not None
    assert header.meta.dateline.date is None
    assert header.meta.published is None


def test_xinhua_fixture_has_no_year() -> None:
    meta = header_of(FIXTURES / "xinhua_no_year.txt").meta
    assert meta.dateline is not None and meta.dateline.date is None
    assert meta.published is None
    assert meta.publisher == "Xinhua News Agency"


def test_december_dateline_with_january_metadata() -> None:
    """A Dec. 31 dateline filed for a Jan. 1 page is from the year before."""
    header = header_from(WIRE.format(dateline="BEIJING, Dec. 31 (Xinhua) --"), date="2025-01-01")
    assert header.meta.dateline is not None
    assert header.meta.dateline.date == "2024-12-31"
    assert header.meta.published == "2025-01-01"


def test_january_dateline_with_december_explicit_date() -> None:
    header = header_from(
        WIRE.format(dateline="MOSCOW, Jan. 1 (TASS) -"), published=date(2024, 12, 31)
    )
    assert header.meta.dateline is not None and header.meta.dateline.date == "2025-01-01"
    assert header.meta.published == "2024-12-31"


def test_published_precedence_explicit_over_metadata_over_dateline() -> None:
    text = WIRE.format(dateline="LONDON, March 3 (Reuters) -")
    explicit = header_from(text, published=date(2023, 3, 4), date="2023-03-05")
    assert explicit.meta.published == "2023-03-04"
    assert explicit.meta.dateline is not None and explicit.meta.dateline.date == "2023-03-03"
    metadata = header_from(text, date="2023-03-05T08:00:00Z")
    assert metadata.meta.published == "2023-03-05"
    from_dateline = header_from(text, url="https://news.example.org/2023/03/03/talks")
    assert from_dateline.meta.published == "2023-03-03"


def test_explicit_year_in_dateline() -> None:
    header = header_from(WIRE.format(dateline="PARIS, June 11, 2024 (AFP) -"))
    assert header.meta.dateline is not None and header.meta.dateline.date == "2024-06-11"
    assert header.meta.published == "2024-06-11"


def test_year_from_caption_full_date() -> None:
    """The caption 'March 14, 2023' gives the year of the 'March 15' dateline."""
    meta = header_of(FIXTURES / "credit_broken.md").meta
    assert meta.dateline is not None and meta.dateline.date == "2023-03-15"
    assert meta.published == "2023-03-15"


def test_year_from_body_full_date() -> None:
    text = (
        "SEOUL, Feb. 2 (Yonhap) -- The talks that began on January 30, 2023, ended on Thursday "
        "without an agreement, officials said."
    )
    header = header_from(text)
    assert header.meta.dateline is not None and header.meta.dateline.date == "2023-02-02"


def test_impossible_dateline_day_gives_no_date() -> None:
    header = header_from(WIRE.format(dateline="LONDON, Feb. 30 (Reuters) -"), date="2023-03-01")
    assert header.meta.dateline is not None and header.meta.dateline.date is None
    assert header.meta.published == "2023-03-01"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-12-12T21:40:00+01:00", date(2015, 12, 12)),
        ("published 2013-04-02", date(2013, 4, 2)),
        ("2013-02-30", None),
        ("April 2, 2013", None),
        (None, None),
    ],
)
def test_parse_iso(value: str | None, expected: date | None) -> None:
    assert parse_iso(value) == expected


# --- captions, credits, byline, footer ---------------------------------------------------


def test_credit_broken_over_lines_with_stray_bracket() -> None:
    header = header_of(FIXTURES / "credit_broken.md")
    (image,) = header.meta.images
    assert image.caption == "Residents clear mud from a street in the river valley, March 14, 2023"
    assert image.credit == "Jane Doe/Pool via Reuters"
    assert "Jane" not in header.text and "Residents clear mud" not in header.text
    assert "]" not in header.text
    assert_clean(header.text)


def test_inline_photo_credit() -> None:
    header = header_of(FIXTURES / "inline_credit.md")
    (image,) = header.meta.images
    assert image.caption == "Cyclists cross the new bridge on its opening day"
    assert image.credit == "City Press Office"
    assert "Photo:" not in header.text and "Cyclists" not in header.text


def test_markdown_footer_url_and_publisher() -> None:
    header = header_of(FIXTURES / "credit_broken.md")
    meta = header.meta
    assert meta.url == "https://news.example.org/2023/03/15/flood-waters-recede"
    assert meta.publisher == "Radio Habana Cuba"
    assert meta.headline == "Flood waters recede in river valley towns"
    assert header.text.rstrip().endswith("damaged by the floods.")
    assert "Radio Habana Cuba" not in header.text


def test_byline() -> None:
    header = header_of(FIXTURES / "byline.txt")
    assert header.meta.byline == "Jane Doe"
    assert header.meta.headline == "Port workers end strike after pay deal"
    assert "By Jane Doe" not in header.text
    assert header.text.startswith("ROTTERDAM, Netherlands (Reuters) -")


def test_publisher_from_agency_lexicon_and_its_precedence() -> None:
    """The agency names the publisher only when the container and the footer do not."""
    text = WIRE.format(dateline="KYIV, Ukraine (AP) —")
    assert header_from(text).meta.publisher == "Associated Press"
    assert header_from(text, publisher="The Courier").meta.publisher == "The Courier"
    footer = header_of(FIXTURES / "credit_broken.md").meta
    assert footer.dateline is not None and footer.dateline.agency == "RHC"
    assert footer.publisher == "Radio Habana Cuba"


def test_title_repeated_atop_the_text_is_not_body() -> None:
    """Pages and records often repeat the title as the first paragraph."""
    text = "Harbour ferry service resumes\n\n" + WIRE.format(dateline="OSLO (Reuters) -")
    for title in ("Harbour ferry service resumes", "Harbour ferry service resumes | The Courier"):
        header = header_from(text, title=title)
        assert header.text.startswith("OSLO (Reuters) -")
        assert header.meta.dateline is not None and header.meta.dateline.place == "Oslo"
        assert header.meta.headline == title


def test_bold_subheading_in_body_is_text_not_caption() -> None:
    md = (
        "# Storm hits coast\n\n"
        "**Waves break over the sea wall in the harbour town, January 2, 2024**\n"
        "Jane Doe/Reuters\n\n"
        "LONDON, Jan 3 (Reuters) - A storm closed ports on Wednesday, officials said.\n\n"
        "**Reaction**\n\n"
        "The coastguard said it had rescued two sailors.\n"
    )
    header = header_from(md, "markdown")
    assert [i.caption for i in header.meta.images] == [
        "Waves break over the sea wall in the harbour town, January 2, 2024"
    ]
    assert "\n\nReaction\n\n" in header.text
    assert header.meta.dateline is not None and header.meta.dateline.date == "2024-01-03"


def test_wire_signoff_is_footer_but_sources_paragraph_is_body() -> None:
    """'(Reporting by ...)' is boilerplate; a last paragraph starting 'Sources said' is news."""
    text = (
        "LONDON, March 3 (Reuters) - Talks on the trade deal stalled on Friday, officials said.\n\n"
        "Sources close to the negotiations said a new round could start next month.\n\n"
        "(Reporting by Jane Doe; Editing by John Roe)\n"
    )
    header = header_from(text)
    assert header.text.endswith("could start next month.")
    assert "Reporting by" not in header.text


def test_copyright_footer_is_cut() -> None:
    text = WIRE.format(dateline="LONDON, March 3 (Reuters) -") + "\n\n© 2023 Example News\n"
    assert "©" not in header_from(text).text


def test_image_block_alt_text_is_a_caption() -> None:
    doc = Document(
        "d",
        "markdown",
        [
            Block("image", [("Rescuers search the rubble", False)]),
            Block("para", [(WIRE.format(dateline="ANKARA (AA) -"), False)]),
        ],
    )
    header = parse_header(doc)
    assert [(i.caption, i.credit) for i in header.meta.images] == [
        ("Rescuers search the rubble", None)
    ]
    assert header.meta.publisher == "Anadolu Agency"


# --- the examples -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "new_start_prague.txt",
        "colombia_peace_accord.md",
        "paris_climate_agreement.html",
        "arms_trade_treaty.json",
    ],
)
def test_example_text_is_clean(name: str) -> None:
    """Whatever the format, the body is plain prose that starts at the dateline."""
    header = header_of(EXAMPLES / name)
    assert_clean(header.text)
    assert header.meta.dateline is not None and header.meta.dateline.start == 0
    assert header.meta.headline and header.meta.headline not in header.text


def test_html_example_header() -> None:
    header = header_of(EXAMPLES / "paris_climate_agreement.html")
    meta = header.meta
    assert meta.headline == "Nearly 200 nations adopt Paris climate agreement"
    assert meta.byline == "Elena Marchetti"
    assert meta.published == "2015-12-12"
    assert meta.publisher == "The Meridian Courier"
    assert meta.dateline is not None
    assert (meta.dateline.place, meta.dateline.agency, meta.dateline.date) == ("Paris", "AP", None)
    assert [(i.caption[:16], i.credit) for i in meta.images] == [
        ("Delegates stand ", "Meridian Courier photo")
    ]


# --- lines between the headline and the dateline -----------------------------------------

DATELINED = "LONDON, March 3 (Reuters) - Officials said on Tuesday that the talks would resume."


def test_question_headline_and_piped_byline() -> None:
    """A headline may end in '?'; 'By X | Agency' is a byline, not body text."""
    header = header_from(f"Will the truce hold?\n\nBy Jane Doe | Reuters\n\n{DATELINED}\n")
    assert header.meta.headline == "Will the truce hold?"
    assert header.meta.byline == "Jane Doe"
    assert header.text == DATELINED


def test_unknown_line_above_dateline_does_not_hide_it() -> None:
    """The timestamp stays in the text, and the dateline below it is found with exact offsets."""
    header = header_from(f"Will the truce hold?\n\nUpdated 10:02 GMT\n\n{DATELINED}\n")
    dl = header.meta.dateline
    assert dl is not None and dl.place == "London" and dl.start > 0
    assert header.text[dl.start : dl.end] == "LONDON, March 3 (Reuters) -"
    assert header.text.startswith("Updated 10:02 GMT")


def test_sentence_before_dateline_is_not_a_headline() -> None:
    header = header_from(f"The minister resigned after protests.\n\n{DATELINED}\n")
    assert header.meta.headline is None
    assert header.text.startswith("The minister resigned")


def test_dateline_deep_in_the_text_is_ignored() -> None:
    paragraphs = ["First paragraph of the story, with no dateline at all."] * 3
    header = header_from("\n\n".join([*paragraphs, DATELINED]))
    assert header.meta.dateline is None
