"""The quotes scorer on a tiny gold set of our own, and the two quote commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.eval.quotes import (
    GoldQuote,
    Predicted,
    align,
    load_gold,
    locate,
    overlap,
    same_speaker,
    score,
)

TEXT = (
    "The minister said  the plan was “final and fair,” and added: “We will not move.” "
    "According to the union, talks failed. “We will not move.”"
)


def gold(kind: str, text: str, speaker: str, starts_with: str | None = None) -> GoldQuote:
    return GoldQuote("d1", kind, speaker, None, text, starts_with)


def test_locate_normalizes_whitespace_and_marks() -> None:
    g = gold("indirect", 'the plan was "final and fair,"', "minister")
    locate([g], TEXT)
    assert TEXT[g.start : g.end] == "the plan was “final and fair,”"


def test_locate_repeated_texts_take_successive_places() -> None:
    first, second = (
        gold("direct", "We will not move.", "a"),
        gold("direct", "We will not move.", "b"),
    )
    locate([first, second], TEXT)
    assert first.start is not None and second.start is not None
    assert first.start < second.start


def test_locate_falls_back_to_starts_with() -> None:
    g = gold("indirect", "talks failed (as reported)", "union", starts_with="talks failed")
    locate([g], TEXT)
    assert g.start == TEXT.index("talks failed")


def test_overlap_is_over_the_longer_span() -> None:
    assert overlap((0, 10), (0, 10)) == 1.0
    assert overlap((0, 10), (5, 10)) == 0.5
    assert overlap((0, 10), (10, 20)) == 0.0


def test_align_is_one_to_one_and_needs_half() -> None:
    g = [gold("direct", "x", "a"), gold("direct", "y", "b")]
    g[0].start, g[0].end = 0, 10
    g[1].start, g[1].end = 20, 30
    p = [
        Predicted("direct", 0, 9, "a"),
        Predicted("direct", 1, 10, "a"),
        Predicted("direct", 26, 40, "b"),
    ]
    pairs = align(g, p)
    assert [(x.text, y.start) for x, y in pairs] == [("x", 0)]


@pytest.mark.parametrize(
    ("gold_name", "predicted", "same"),
    [
        ("Antony Blinken", "Blinken", True),
        ("Recep Tayyip Erdoğan", "Erdogan", True),
        ("the State Department", "State Department", True),
        ("U.S. officials", "U.S. officials", True),
        ("Hamas", "Antony Blinken", False),
        ("Hamas", None, False),
    ],
)
def test_same_speaker(gold_name: str, predicted: str | None, same: bool) -> None:
    assert same_speaker(gold_name, predicted) is same


def test_score_by_kind_and_overall() -> None:
    g = [gold("direct", "a", "Smith"), gold("partial", "b", "Jones"), gold("indirect", "c", "Lee")]
    for item, (s, e) in zip(g, [(0, 10), (20, 30), (40, 50)], strict=True):
        item.start, item.end = s, e
    p = [
        Predicted("direct", 0, 10, "John Smith"),  # right span, right speaker
        Predicted("direct", 20, 30, "Jones"),  # right span, wrong kind
        Predicted("indirect", 60, 70, "Lee"),  # nowhere
    ]
    report = score({"d1": g}, {"d1": p})
    direct = report.by_kind["direct"]
    assert (direct.tp, direct.gold, direct.predicted) == (1, 1, 2)
    assert report.by_kind["partial"].tp == 0
    assert report.overall.tp == 2 and report.overall.speaker_ok == 2
    assert report.overall.precision == pytest.approx(2 / 3)
    assert report.overall.recall == pytest.approx(2 / 3)
    assert len(report.missed) == 1 and len(report.spurious) == 1


def test_load_gold_rejects_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc_id": "d1", "kind": "direct"}\n')
    with pytest.raises(ValueError, match="not a gold quote"):
        load_gold(path)


# --- commands ------------------------------------------------------------------------------


@pytest.mark.slow
def test_quotes_command_prints_a_table(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Officials met in Geneva on Monday.\n\n"
        "“We made progress,” the Swiss foreign minister Ignazio Cassis told reporters.\n"
    )
    result = CliRunner().invoke(app, ["quotes", str(path)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "We made progress," in result.output
    assert "reporters" in result.output


@pytest.mark.slow
def test_eval_quotes_command_on_a_tiny_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps(
            {
                "id": "t1",
                "title": "Talks",
                "date": "2024-01-02",
                "text": "Mayor Ann Lee said the road would reopen soon. “It is safe,” Lee said.",
            }
        )
        + "\n"
    )
    gold_path = tmp_path / "gold.jsonl"
    rows = [
        {"doc_id": "t1", "kind": "indirect", "speaker": "Ann Lee", "cue": "said",
         "text": "the road would reopen soon", "starts_with": "the road would"},
        {"doc_id": "t1", "kind": "direct", "speaker": "Ann Lee", "cue": "said",
         "text": "It is safe,", "starts_with": "It is safe"},
    ]  # fmt: skip
    gold_path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = CliRunner().invoke(
        app, ["eval", "quotes", str(gold_path), "--corpus", str(corpus)], terminal_width=200
    )
    assert result.exit_code == 0, result.output
    assert "direct" in result.output and "indirect" in result.output
    assert "1.000 (2/2)" in result.output
