"""The times stage: one test per rule, with explicit anchors, plus the seed acceptance."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.stages.times import extract_times
from dateline.stages.times import timex as tx
from dateline.stages.times.rules import find_timexes
from tests.conftest import spans_are_exact

pytestmark = pytest.mark.slow

JUNE_11 = date(2024, 6, 11)  # a Tuesday


def times(nlp, text: str, anchor: date | None = JUNE_11) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in extract_times(nlp(text), anchor)]


def values(nlp, text: str, anchor: date | None = JUNE_11) -> dict[str, str | None]:
    return {t.text: t.value for t in extract_times(nlp(text), anchor)}


# --- calendar rules (no parser) -------------------------------------------------------------


def test_weekday_resolution_by_direction() -> None:
    assert tx.resolve_weekday(JUNE_11, 1, "back") == date(2024, 6, 10)
    assert tx.resolve_weekday(JUNE_11, 2, "back") == JUNE_11  # the anchor's own weekday
    assert tx.resolve_weekday(JUNE_11, 4, "forward") == date(2024, 6, 13)
    assert tx.resolve_weekday(JUNE_11, 2, "back", strict=True) == date(2024, 6, 4)


def test_month_year_across_the_year_boundary() -> None:
    january = date(2025, 1, 8)
    assert tx.resolve_month_year(january, 12, "back") == 2024
    assert tx.resolve_month_year(january, 12, "forward") == 2025
    assert tx.resolve_month_year(date(2024, 12, 20), 1, "forward") == 2025
    assert tx.resolve_month_year(date(2024, 11, 20), 1, "nearest") == 2025


def test_relative_units_and_seasons() -> None:
    assert tx.relative_unit(JUNE_11, "month", -1) == "2024-05"
    assert tx.relative_unit(date(2024, 1, 15), "month", -1) == "2023-12"
    assert tx.relative_unit(JUNE_11, "week", 0) == "2024-W24"
    assert tx.relative_unit(JUNE_11, "quarter", -1) == "2024-Q1"
    assert tx.resolve_season(date(2013, 3, 22), "SU", -1, "back") == "2012-SU"
    assert tx.resolve_season(date(2013, 3, 22), "WI", -1, "back") == "2012-WI"
    assert tx.resolve_season(date(2013, 3, 22), "SU", 1, "back") == "2013-SU"


def test_plain_string_normalizer_reads_a_caption_date() -> None:
    found = find_timexes("at the conference in Jordan, June 11, 2024", None)
    assert [(f.type, f.value) for f in found] == [("DATE", "2024-06-11")]


# --- weekdays and tense ---------------------------------------------------------------------


def test_weekdays_follow_the_governing_verb(nlp) -> None:
    assert values(nlp, "The minister met the envoy on Monday.")["Monday"] == "2024-06-10"
    assert values(nlp, "The minister will meet the envoy on Thursday.")["Thursday"] == "2024-06-13"
    assert values(nlp, "The ministers met on Thursday.")["Thursday"] == "2024-06-06"
    assert values(nlp, "Talks are due to resume on Friday.")["Friday"] == "2024-06-14"
    assert values(nlp, "He spoke to reporters on Tuesday.")["Tuesday"] == "2024-06-11"


def test_weekday_modifiers_possessives_and_parts_of_day(nlp) -> None:
    found = extract_times(
        nlp("The envoy arrived late on Monday. Tuesday's vote was close."), JUNE_11
    )
    assert [(t.text, t.value, t.mod) for t in found] == [
        ("late on Monday", "2024-06-10", "END"),
        ("Tuesday", "2024-06-11", None),
    ]
    assert times(nlp, "Shelling resumed on Sunday night.") == [
        ("Sunday night", "TIME", "2024-06-09TNI")
    ]
    assert values(nlp, "They met last Tuesday.")["last Tuesday"] == "2024-06-04"


# --- months and dates -----------------------------------------------------------------------


def test_months_take_the_year_that_makes_them_past_or_future(nlp) -> None:
    january = date(2025, 1, 8)
    assert values(nlp, "The council voted in December to extend the mandate.", january) == {
        "December": "2024-12"
    }
    assert values(nlp, "The council will vote in December.", january) == {"December": "2025-12"}
    assert values(nlp, "The rebels withdrew in March.")["March"] == "2024-03"
    assert values(nlp, "The report is due to be published in August.")["August"] == "2024-08"
    assert values(nlp, "Exports fell last June.")["last June"] == "2023-06"


def test_written_and_numeric_dates(nlp) -> None:
    assert values(nlp, "The deal was signed on March 3, 2021.")["March 3, 2021"] == "2021-03-03"
    assert values(nlp, "The deal was signed on 3 March 2021.")["3 March 2021"] == "2021-03-03"
    assert values(nlp, "The files are dated 2021-03-03.")["2021-03-03"] == "2021-03-03"
    assert values(nlp, "Voting is set for June 20.")["June 20"] == "2024-06-20"
    assert values(nlp, "Troops crossed the border on Jan. 28.")["Jan. 28"] == "2024-01-28"


def test_dateline_date_takes_the_anchor_year(nlp) -> None:
    text = "Amman, June 11 (RHC)-- The minister has met opposition leaders."
    assert times(nlp, text)[0] == ("June 11", "DATE", "2024-06-11")


def test_years_decades_centuries_quarters(nlp) -> None:
    got = values(nlp, "Output grew in 2019, in the 1990s and in the 20th century.")
    assert got == {"2019": "2019", "the 1990s": "199", "the 20th century": "19"}
    assert values(nlp, "Profits rose in the first quarter.")["the first quarter"] == "2024-Q1"
    assert [v for _, _, v in times(nlp, "The expedition of 1957-58 was long.")] == ["1957", "1958"]
    assert times(nlp, "About 2000 people marched.") == []


# --- relative expressions -------------------------------------------------------------------


def test_relative_units(nlp) -> None:
    got = values(nlp, "Prices fell last month and earlier this year, but rose last week.")
    assert got == {"last month": "2024-05", "earlier this year": "2024", "last week": "2024-W23"}
    assert values(nlp, "The army left four years ago.")["four years ago"] == "2020"
    assert values(nlp, "He was arrested yesterday.")["yesterday"] == "2024-06-10"
    assert values(nlp, "She spoke this morning.")["this morning"] == "2024-06-11TMO"


def test_year_end_in_a_past_sentence_is_last_year(nlp) -> None:
    found = extract_times(nlp("Cases peaked by the end of the year."), date(2013, 3, 22))
    assert [(t.value, t.mod) for t in found] == [("2012", "END")]


def test_references(nlp) -> None:
    got = values(nlp, "The camp is now closed; it was recently reopened, as in the past.")
    assert got == {"now": "PRESENT_REF", "recently": "PAST_REF", "the past": "PAST_REF"}


# --- durations and sets ---------------------------------------------------------------------


def test_durations(nlp) -> None:
    got = values(nlp, "After months of talks, a six-week truce began two days later.")
    assert got == {"months": "PXM", "six-week": "P6W", "two days": "P2D"}
    assert values(nlp, "Sales grew in the past several months.") == {
        "the past several months": "PXM"
    }
    found = extract_times(nlp("He held the post for almost seven years."), JUNE_11)
    assert [(t.text, t.value, t.mod) for t in found] == [("almost seven years", "P7Y", "LESS_THAN")]
    assert values(nlp, "It could take between 12 and 18 months.") == {
        "12": "P12M",
        "18 months": "P18M",
    }


def test_sets(nlp) -> None:
    got = values(nlp, "Vaccinate every winter; the board meets each Monday and reports annually.")
    assert got == {"every winter": "XXXX-WI", "each Monday": "XXXX-WXX-1", "annually": "P1Y"}
    assert (
        values(nlp, "In a bad flu season, doctors vaccinate each season.")["each season"]
        == "XXXX-WI"
    )


def test_clock_times_take_the_day_named_in_their_sentence(nlp) -> None:
    got = values(nlp, "The polls closed at 8 p.m. on Monday.")
    assert got == {"8 p.m.": "2024-06-10T20:00", "Monday": "2024-06-10"}


# --- not times ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Sunday Times reported the story.",
        "Officials may meet the envoy.",
        "The March was the largest protest in years of the movement's history.",
        "He founded the Independence Day Party.",
        "She is a five-year-old girl.",
        "Theresa May said Brexit was done. Critics attacked May over it.",
        "Prime Minister Theresa May resigned. Critics said May had failed.",
    ],
)
def test_not_times(nlp, text: str) -> None:
    assert [t for t in times(nlp, text) if t[0] not in ("years",)] == []


def test_ids_in_text_order_and_exact_spans(nlp) -> None:
    doc = nlp("On Monday the council met; last month it had voted; now it waits.")
    found = extract_times(doc, JUNE_11)
    assert [t.id for t in found] == ["T1", "T2", "T3"]
    assert all(doc.text[t.start : t.end] == t.text for t in found)


def test_no_anchor_gives_underspecified_values(nlp) -> None:
    assert values(nlp, "They met on Monday and again in March.", None) == {
        "Monday": "XXXX-WXX-1",
        "March": "XXXX-03",
    }


# --- acceptance: the seed article -----------------------------------------------------------


def test_seed_acceptance(seed) -> None:
    got = [(t.text, t.type, t.value) for t in seed.times]
    assert seed.meta.published is None or seed.meta.published == "2024-06-11"
    assert got.count(("Tuesday", "DATE", "2024-06-11")) == 3
    for item in [
        ("Sunday", "DATE", "2024-06-09"),
        ("March", "DATE", "2024-03"),
        ("last month", "DATE", "2024-05"),
        ("late on Monday", "DATE", "2024-06-10"),
        ("six-week", "DURATION", "P6W"),
        ("months", "DURATION", "PXM"),
        ("June 11", "DATE", "2024-06-11"),
    ]:
        assert item in got, item
    assert got.count(("Monday", "DATE", "2024-06-10")) == 2  # "On Monday", "Monday's"
    assert spans_are_exact(seed) == []
