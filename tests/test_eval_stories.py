"""`dateline eval stories` end to end on our own reports, and the shared gold file's shape."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.eval.stories import load_gold
from tests.conftest import FIXTURES, SHARED

REPORTS = FIXTURES / "story" / "reports.jsonl"


@pytest.mark.slow
def test_eval_stories_scores_the_incremental_grouping(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"story": "Kaldor talks", "ids": ["harbor-1", "coast-1", "valley-1"]})
    )
    db = f"sqlite:///{tmp_path / 'eval.db'}"
    args = ["eval", "stories", str(gold), "--corpus", str(REPORTS), "--db", db, "-f", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["pairwise"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "gold": 3,
        "predicted": 3,
        "right": 3,
    }
    assert report["bcubed"]["f1"] == 1.0 and report["merges"] == 0 and report["stories"] == 2
    again = CliRunner().invoke(app, [*args[:-2], "--regroup", "--errors"])
    assert again.exit_code == 0 and "pairwise  P 1.000  R 1.000  F1 1.000" in again.output


def test_eval_stories_names_a_missing_file_in_one_line(tmp_path):
    result = CliRunner().invoke(
        app, ["eval", "stories", str(tmp_path / "none.jsonl"), "--corpus", str(REPORTS)]
    )
    assert result.exit_code == 2 and "none.jsonl: no such file" in result.output


def test_the_shared_dev_gold_loads():
    gold = load_gold(SHARED / "eval" / "stories" / "dev.jsonl")
    stories = set(gold.label.values())
    assert len(stories) == 14 and len(gold.label) == 38
