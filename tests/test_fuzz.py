"""Fuzzing with a fixed budget (derandomized, so CI runs the same examples every time).

bench/fuzz.py runs the same property over many more examples and prints counts.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import ODD, WORDS, check, inputs, write_input

BUDGET = settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
FORMATS = [None, "html", "json", "markdown", "text"]


@BUDGET
@given(case=inputs, fmt=st.sampled_from(FORMATS))
def test_readers_never_raise_on_fuzzed_input(case, fmt):
    from dateline.sources import Document, ReadError, load_text
    from dateline.sources.encoding import decode

    _, data = case
    try:
        text = decode(data, "fuzzed")
    except ReadError:
        return
    for item in load_text(text, "fuzzed", fmt):
        assert isinstance(item, Document | ReadError)
        if isinstance(item, ReadError):
            assert "\n" not in str(item)


@pytest.mark.slow
@settings(BUDGET, max_examples=250)
@given(case=inputs)
def test_read_on_fuzzed_files_gives_exact_valid_records_or_one_line_errors(case, nlp):
    suffix, data = case
    with tempfile.TemporaryDirectory() as folder:
        outcome = check(write_input(Path(folder), suffix, data))
    assert outcome.problems == []


@pytest.mark.slow
@settings(BUDGET, max_examples=60)
@given(
    text=st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from([*ODD, "\udcff", "\ud83d"]),
            st.sampled_from(WORDS),
        ),
        max_size=150,
    ).map(" ".join)
)
def test_pasted_text_with_any_characters_reads_or_fails_cleanly(text, nlp):
    import dateline

    try:
        article = dateline.read(text)
    except dateline.ReadError as exc:
        assert "\n" not in str(exc)
        return
    from tests.conftest import spans_are_exact

    assert spans_are_exact(article) == []


def test_a_lone_surrogate_in_pasted_text_is_not_a_crash():
    """A str from a surrogateescape decode holds lone surrogates, which UTF-8 cannot encode."""
    import dateline
    from dateline.pipeline import prepare
    from dateline.sources import load_text

    text = "Talks resumed in Geneva on Monday \udcff between the two delegations, officials said."
    (document,) = load_text(text)
    header = prepare(document)
    assert not isinstance(header, dateline.ReadError)
    assert "\udcff" not in header.text
