"""The TimeML scorer: parsing, matching and report structure."""

from __future__ import annotations

from datetime import date

import pytest
from rich.console import Console

from dateline.eval import timeml
from tests.conftest import SHARED

TINY = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>tiny</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2020-02-14">February 14, 2020</TIMEX3></DCT>\n'
    '<TEXT>\nThe mayor <EVENT eid="e1" class="OCCURRENCE">opened</EVENT> the bridge '
    '<TIMEX3 tid="t1" type="DATE" value="2020-02-13">Thursday</TIMEX3> after '
    '<TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> of work, and will speak '
    '<TIMEX3 tid="t3" type="DATE" value="2020-03">in March</TIMEX3>.\n</TEXT>\n</TimeML>\n'
)


def test_parse_strips_tags_and_keeps_offsets() -> None:
    doc = timeml.parse_timeml(TINY, "tiny.tml")
    assert doc.dct == date(2020, 2, 14)
    assert "<" not in doc.text
    assert [doc.text[t.start : t.end] for t in doc.timexes] == [
        "Thursday",
        "three years",
        "in March",
    ]
    assert [t.value for t in doc.timexes] == ["2020-02-13", "P3Y", "2020-03"]


def test_score_counts_strict_relaxed_type_and_value() -> None:
    doc = timeml.parse_timeml(TINY)
    gold = doc.timexes
    predicted = [
        timeml.Timex(gold[0].start, gold[0].end, "Thursday", "DATE", "2020-02-13"),  # exact
        timeml.Timex(
            gold[1].start, gold[1].end - 1, "three year", "DURATION", "P2Y"
        ),  # wrong value
        timeml.Timex(gold[2].start + 3, gold[2].end, "March", "DATE", "2020-03"),  # overlap
        timeml.Timex(0, 3, "The", "DATE", "PRESENT_REF"),  # false alarm
    ]
    result = timeml.score(gold, predicted, "tiny")
    c = result.counts
    assert (c.gold, c.predicted, c.strict, c.relaxed, c.type_ok, c.value_ok) == (3, 4, 1, 3, 3, 2)
    m = c.metrics()
    assert m["value_p"] == pytest.approx(0.5) and m["value_r"] == pytest.approx(2 / 3)
    assert [p.text for p in result.false_alarms] == ["The"] and len(result.wrong) == 1
    assert (c + c).gold == 6


def test_report_prints_tables() -> None:
    doc = timeml.parse_timeml(TINY, "tiny.tml")
    report = timeml.evaluate([doc], lambda text, anchor: [])
    console = Console(record=True, width=timeml.WIDTH)
    timeml.print_report(report, console, errors=True)
    out = console.export_text()
    assert "relaxed span" in out and "ALL" in out and "miss" in out


@pytest.mark.slow
def test_runs_over_the_shared_tempeval_folder() -> None:
    folder = SHARED / "eval" / "tempeval3"
    if not folder.is_dir():
        pytest.skip("shared TempEval-3 data not available")
    docs = timeml.load_folder(folder)
    report = timeml.evaluate(docs, timeml.dateline_predictor())
    assert [d.name for d in report.docs] == sorted(d.name for d in docs)
    total = report.total
    assert total.gold == sum(len(d.timexes) for d in docs) > 0
    assert set(total.metrics()) >= {"strict_f1", "relaxed_f1", "type_acc", "value_f1"}
    assert all(0.0 <= v <= 1.0 for v in total.metrics().values())
