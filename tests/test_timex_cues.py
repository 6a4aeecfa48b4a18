"""The cued scan finds exactly what every rule's `finditer` finds over the whole text.

Each example below is a longest-possible prefix before a rule's cue: if a pattern grows a new
optional word in front of its cue, add an example here and raise the rule's reach in
`timex_grammar._cues`.
"""

from __future__ import annotations

import re

import pytest

from dateline.stages.times.context import Context
from dateline.stages.times.cues import Cues
from dateline.stages.times.grammar import grammar
from dateline.stages.times.rules import _not_time_patterns, find_timexes, scan
from tests.conftest import WIKINEWS

LONGEST = [
    ("date_mdy", "Monday, the beginning of on March 5, 2012"),
    ("date_dmy", "Monday, 5th of March 2012"),
    ("date_numeric", "2012-03-04"),
    ("month", "the beginning of in last March"),
    ("season", "the beginning of in last spring"),
    ("year_range", "1957 - 58"),
    ("year", "the beginning of in 1990"),
    ("decade", "the beginning of the 1990s"),
    ("decade", "the ’90s"),
    ("century", "the beginning of the twenty-first century"),
    ("weekday", "the beginning of on last Monday"),
    ("relative_day", "the beginning of today"),
    ("relative_day", "the beginning of this morning"),
    ("relative_unit", "the beginning of in the past week"),
    ("unit_position", "the beginning of in the year"),
    ("weekend", "the weekend"),
    ("ago", "no more than a couple of years ago"),
    ("ago", "no more than twenty-five years ago"),
    ("number_range", "12 - a couple of years"),
    ("duration", "no more than the past a couple of and a half years"),
    ("bare_units", "the past years"),
    ("quarter", "the first - quarter of 2012"),
    ("quarter", "the second half of next year"),
    ("quarter", "Q3 2012"),
    ("reference", "the foreseeable future"),
    ("set", "every other week"),
    ("set", "three times a year"),
    ("set", "Mondays"),
    ("set", "weekly"),
    ("clock_duration", "3:07:35"),
    ("time", "10:30 a.m. local time"),
    ("time", "midnight"),
    ("holiday", "the beginning of Christmas Day"),
    ("not_times", "USA Today"),
]


def _patterns() -> dict[str, re.Pattern[str]]:
    g = grammar()
    return {**dict(g.rules), "not_times": g.not_time_phrases}


def _same(text: str) -> None:
    g = grammar()
    plain = sorted(b.span() for p in g.not_times for b in p.finditer(text))
    assert sorted(_not_time_patterns(Context(text=text, anchor=None, grammar=g))) == plain
    cues = Cues.find(text, g)
    assert cues is not None
    for name, pattern in _patterns().items():
        want = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in cues.finditer(name, pattern)] == want, name


def test_every_rule_has_cues() -> None:
    assert set(grammar().cues) == set(_patterns())


@pytest.mark.parametrize(("rule", "example"), LONGEST)
def test_longest_prefix_before_the_cue(rule: str, example: str) -> None:
    assert _patterns()[rule].fullmatch(example), "the example must be one whole match"
    for text in (example, f"Said ({example}), not {example.upper()} —\n{example}."):
        _same(text)
        _same(text.replace(" ", "  \n "))
        _same(text.replace(" ", " - "))


def test_same_matches_on_mixed_text() -> None:
    text = " ".join(example for _, example in LONGEST)
    text += " a 5-year-old, the two-year-olds, aged 12 years, 3 weeks old, 40 years and over"
    _same(text)
    _same(text.replace(" ", ""))
    _same(text.replace(" ", "-"))


def test_lower_casing_that_moves_or_hides_cues_falls_back() -> None:
    g = grammar()
    assert Cues.find("İstanbul, March 5", g) is None  # lower() adds a character
    assert Cues.find("ſeptember 5", g) is None  # IGNORECASE reads the long s as "s"
    assert find_timexes("ſeptember 5, 2012", None) == scan(
        Context(text="ſeptember 5, 2012", anchor=None, grammar=g), guided=False
    )


@pytest.mark.slow
def test_same_matches_on_wikinews() -> None:
    from dateline.sources import ReadError, iter_documents
    from dateline.stages.header import parse_header

    for document in iter_documents(WIKINEWS):
        if not isinstance(document, ReadError):
            _same(parse_header(document).text)
