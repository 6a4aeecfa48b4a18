"""Texts longer than the model takes are parsed in pieces and read as one article."""

from __future__ import annotations

import re

import pytest

from dateline.parsing import split_text
from dateline.sources import iter_documents
from dateline.stages.header import parse_header
from tests.conftest import ROOT, spans_are_exact

EXAMPLES = ROOT / "examples"


def _example_bodies() -> list[str]:
    """The body texts of our own examples (headers and markup removed)."""
    return [
        parse_header(doc).text
        for path in sorted(EXAMPLES.iterdir())
        for doc in iter_documents(path)
    ]


def test_pieces_rebuild_the_text_exactly_and_end_at_paragraphs():
    text = "\n\n".join(_example_bodies() * 5)
    pieces = split_text(text, 3000)
    assert "".join(pieces) == text
    assert all(len(p) <= 3000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_a_paragraph_longer_than_a_piece_is_cut_after_a_sentence_else_a_space():
    sentence = "The delegates met again in Geneva on Monday to discuss the ceasefire. "
    text = sentence * 100
    pieces = split_text(text, 1000)
    assert "".join(pieces) == text
    assert all(p.endswith(". ") for p in pieces[:-1])
    words = "ceasefire " * 300
    assert all(p.endswith(" ") for p in split_text(words, 500)[:-1])
    solid = "x" * 2500  # no place to cut: hard cuts, still the same text
    assert [len(p) for p in split_text(solid, 1000)] == [1000, 1000, 500]


@pytest.fixture
def small_limit(nlp):
    """The model's length limit lowered, so that a long text costs seconds, not minutes:
    what used to fail (E088) and must now work is the same, at a smaller scale."""
    saved = nlp.max_length
    nlp.max_length = 10_000
    yield nlp.max_length
    nlp.max_length = saved


@pytest.mark.slow
def test_a_text_over_the_model_limit_is_one_article_with_exact_offsets(small_limit):
    import dateline

    bodies = _example_bodies()
    text = "\n\n".join(bodies * 6)
    assert len(text) > 2 * small_limit  # three or more pieces
    article = dateline.read(text)
    assert article.text == text
    assert spans_are_exact(article) == []
    # Each example is repeated in several pieces; its people are still one entity each.
    for name in ("Barack Obama", "Dmitry Medvedev"):
        found = [e for e in article.entities if e.name == name]
        assert len(found) == 1, [e.name for e in article.entities]
        starts = [m.start for m in found[0].mentions]
        assert max(starts) - min(starts) > 2 * small_limit
        assert len(found[0].mentions) >= 6
    for event in article.events:
        assert 0 <= event.sentence.start < event.sentence.end <= len(text)


@pytest.mark.slow
def test_read_command_reads_a_long_file_and_refuses_one_over_the_cap(tmp_path, small_limit):
    from tests.test_cli_args import dateline_cli

    body = "\n\n".join(_example_bodies() * 4)
    long_file = tmp_path / "long.txt"
    long_file.write_text(body)
    done = dateline_cli("read", str(long_file), "--format", "jsonl")
    assert done.code == 0, done.err
    assert len(done.out.splitlines()) == 1

    capped = dateline_cli(
        "read",
        str(long_file),
        str(EXAMPLES / "new_start_prague.txt"),
        "--format",
        "jsonl",
        "--max-chars",
        "5000",
    )
    assert capped.code == 2
    (line,) = capped.err.splitlines()
    assert re.match(rf"dateline: {re.escape(str(long_file))}: text too long \([\d,]+ char", line)
    assert len(capped.out.splitlines()) == 1  # the other file was read


def test_the_cap_can_be_set_from_the_environment(tmp_path, monkeypatch):
    from tests.test_cli_args import dateline_cli

    path = tmp_path / "story.txt"
    path.write_text((EXAMPLES / "new_start_prague.txt").read_text())
    monkeypatch.setenv("DATELINE_MAX_CHARS", "100")
    done = dateline_cli("read", str(path))
    assert done.code == 2
    assert "the limit is 100," in done.err
    monkeypatch.setenv("DATELINE_MAX_CHARS", "lots")
    bad = dateline_cli("read", str(path))
    assert bad.code == 2 and "--max-chars" in bad.err and len(bad.err.splitlines()) == 1
