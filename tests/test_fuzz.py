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


@pytest.mark.parametrize("dep", ["appos", "conj"])
def test_a_chain_of_thousands_of_appositions_or_conjuncts_does_not_exhaust_the_stack(nlp, dep):
    """Found by bench/fuzz.py: a garbled long line parsed as one apposition chain made
    the events stage recurse once per token (RecursionError)."""
    from spacy.tokens import Doc

    from dateline.stages.events.args import MentionIndex, entities_of

    n = 3000
    heads = [0, *range(n - 1)]
    deps = ["ROOT", *[dep] * (n - 1)]
    doc = Doc(nlp.vocab, words=["delegates"] * n, heads=heads, deps=deps)
    assert entities_of(doc[0], MentionIndex([])) == []


def test_a_stage_that_raises_is_one_read_error_and_the_batch_goes_on(nlp, monkeypatch):
    import dateline.pipeline as pipeline
    from dateline.sources import ReadError, load_text

    def broken(doc, header):  # type: ignore[no-untyped-def]
        if "Geneva" in header.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc, header)

    real = pipeline.annotate
    monkeypatch.setattr(pipeline, "annotate", broken)
    texts = [
        "Talks resumed in Geneva on Monday between the two delegations, officials said.",
        "The council met in Leeds on Tuesday and voted to extend the tram line.",
    ]
    docs = [d for i, t in enumerate(texts) for d in load_text(t, f"story{i}.txt")]
    first, second = pipeline.Pipeline().run(docs)
    assert isinstance(first, ReadError)
    assert (
        str(first)
        == "story0.txt: extraction failed (RecursionError: maximum recursion depth exceeded)"
    )
    assert second.text == texts[1]
