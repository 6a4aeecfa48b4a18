"""The article-level event scorer on small gold sets and articles of our own, and the command
on the shared dev gold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.eval.events import (
    ArticleResult,
    GoldEvent,
    Participant,
    Unit,
    assign,
    fits,
    load_gold,
    name_key,
    same_date,
    same_name,
    score,
    score_article,
    units,
)
from dateline.schema import Article, Entity, Event, SentenceSpan, Span
from tests.conftest import SHARED

TEXT = "Ministers met in Lisbon. The union will strike. Police detained the leaders."


def entity(eid: str, name: str, *aliases: str) -> Entity:
    return Entity(id=eid, name=name, type="ORG", aliases=list(aliases))


def event(
    eid: str,
    type_: str,
    actors: tuple[str, ...] = (),
    recipients: tuple[str, ...] = (),
    **extra: object,
) -> Event:
    return Event(
        id=eid,
        type=type_,  # type: ignore[arg-type]
        actors=list(actors),
        recipients=list(recipients),
        trigger=Span(text="met", start=10, end=13),
        sentence=SentenceSpan(start=0, end=24),
        **extra,  # type: ignore[arg-type]
    )


def article(entities: list[Entity], events: list[Event]) -> Article:
    return Article(id="a1", text=TEXT, entities=entities, events=events)


def gold(
    type_: str, actor: str, recipient: str | None = None, date: str | None = None
) -> GoldEvent:
    return GoldEvent("d1", type_, actor, recipient, date)


def words(name: str) -> Participant:
    return Participant(name, (name_key(name),), words=True)


# --- names ---------------------------------------------------------------------------------


def test_name_key_folds_case_accents_punctuation_and_a_leading_the() -> None:
    assert name_key("The Ministry of Défense") == "ministry of defense"
    assert name_key("Recep Tayyip Erdoğan") == name_key("recep tayyip erdogan")
    assert name_key("Saint-Denis") == "saint denis"
    assert name_key("Bank of the West") == "bank of the west"  # only a leading "the"


@pytest.mark.parametrize(
    ("gold_name", "predicted", "same"),
    [
        ("the European Union", "European Union", True),
        ("Carrie Lam", "Lam", True),  # the gold contains it
        ("police", "Lima police", True),  # it contains the gold
        ("José Núñez", "jose nunez", True),
        ("US", "Russia", False),  # whole words only
        ("Ann Lee", "Ann Leeds", False),
        ("Hamas", "Fatah", False),
    ],
)
def test_same_name(gold_name: str, predicted: str, same: bool) -> None:
    assert same_name(gold_name, words(predicted)) is same


def test_same_name_without_a_participant() -> None:
    assert not same_name("Hamas", None)
    assert not same_name("", words("Hamas"))


def test_an_alias_stands_for_its_entity() -> None:
    congo = entity("E1", "Democratic Republic of Congo", "DRC")
    (unit,) = units(article([congo], [event("V1", "CONSULT", ("E1",))]))
    assert fits(gold("CONSULT", "DRC"), unit)
    assert not fits(gold("CONSULT", "Congo Brazzaville"), unit)


def test_role_words_are_used_only_when_no_entity_stands_for_the_role() -> None:
    union = entity("E1", "Transport Workers Union")
    with_entity = event("V1", "PROTEST", ("E1",), actor_text="the strikers")
    words_only = event("V2", "PROTEST", actor_text="The strikers")
    a, b = units(article([union], [with_entity, words_only]))
    assert a.actor is not None and a.actor.name == "Transport Workers Union"
    assert not a.actor.words
    assert b.actor is not None and b.actor.words
    assert fits(gold("PROTEST", "strikers"), b)
    assert not fits(gold("PROTEST", "strikers"), a)


# --- predicted units -----------------------------------------------------------------------


def test_one_unit_per_actor_and_recipient_pair() -> None:
    people = [entity(f"E{i}", n) for i, n in enumerate(["Ana Silva", "Rui Costa", "Eva Mar"], 1)]
    pair = event("V1", "CONSULT", ("E1", "E2"), ("E3",), recipient_text="Eva Mar and aides")
    both = event("V2", "AID", ("E1",), ("E2", "E3"))
    found = [(u.type, str(u.actor), str(u.recipient)) for u in units(article(people, [pair, both]))]
    assert found == [
        ("CONSULT", "Ana Silva", "Eva Mar"),
        ("CONSULT", "Rui Costa", "Eva Mar"),
        ("AID", "Ana Silva", "Rui Costa"),
        ("AID", "Ana Silva", "Eva Mar"),
    ]


def test_an_event_without_participants_is_still_one_unit() -> None:
    (unit,) = units(article([], [event("V1", "ASSAULT")]))
    assert unit.actor is None and unit.recipient is None
    assert not fits(gold("ASSAULT", "gunmen"), unit)


def test_planned_and_hypothetical_events_are_left_out() -> None:
    kept = units(
        article(
            [],
            [
                event("V1", "PROTEST", actor_text="union", modality="planned"),
                event("V2", "PROTEST", actor_text="union", modality="hypothetical"),
                event("V3", "PROTEST", actor_text="union", modality="reported"),
                event("V4", "PROTEST", actor_text="union"),
            ],
        )
    )
    assert [u.event_id for u in kept] == ["V3", "V4"]


# --- matching ------------------------------------------------------------------------------


def unit(type_: str, actor: str, recipient: str | None = None, date: str | None = None) -> Unit:
    return Unit(type_, words(actor), words(recipient) if recipient else None, date)


def test_a_null_gold_recipient_takes_any_recipient_or_none() -> None:
    g = gold("PROTEST", "farmers")
    assert fits(g, unit("PROTEST", "farmers", "the ministry"))
    assert fits(g, unit("PROTEST", "farmers"))
    named = gold("ACCUSE", "farmers", "the ministry")
    assert not fits(named, unit("ACCUSE", "farmers"))
    assert not fits(named, unit("ACCUSE", "farmers", "the bank"))
    assert not fits(named, unit("REQUEST", "farmers", "the ministry"))


def test_matching_is_one_to_one() -> None:
    twice = [gold("ACCUSE", "Ana Silva", "Rui Costa"), gold("ACCUSE", "Ana Silva", "Rui Costa")]
    result = score_article("d1", twice, [unit("ACCUSE", "Silva", "Costa")])
    assert len(result.matched) == 1
    once = [gold("ACCUSE", "Ana Silva", "Rui Costa")]
    result = score_article("d1", once, [unit("ACCUSE", "Silva", "Costa")] * 2)
    assert (len(result.matched), len(result.units)) == (1, 2)


def test_assignment_is_maximum_not_first_come() -> None:
    # The first gold fits both units; taking the first unit for it would leave the second
    # gold with nothing.
    golds = [gold("CONSULT", "Ana Silva"), gold("CONSULT", "Ana Silva", "Rui Costa")]
    preds = [unit("CONSULT", "Ana Silva", "Rui Costa"), unit("CONSULT", "Ana Silva", "Eva Mar")]
    assert sorted(assign(golds, preds, fits)) == [(0, 1), (1, 0)]


def test_among_maximum_assignments_dates_that_agree_win() -> None:
    g = [gold("COERCE", "police", None, "2024-03-04")]
    preds = [
        unit("COERCE", "police", None, "2024-03-01"),
        unit("COERCE", "police", None, "2024-03-04"),
    ]
    (pair,) = score_article("d1", g, preds).matched
    assert pair[1].date == "2024-03-04"


def test_same_date_and_gold_months() -> None:
    assert same_date("2024-03-04", "2024-03-04")
    assert same_date("2024-03", "2024-03-19")
    assert same_date("2024-03", "2024-03")
    assert not same_date("2024-03", "2024-04-01")
    assert not same_date("2024-03-04", "2024-03")  # a day is not known from its month
    assert not same_date("2024-03-04", None)
    assert not same_date(None, None)


# --- figures -------------------------------------------------------------------------------


def test_report_figures() -> None:
    one = [
        GoldEvent("d1", "ACCUSE", "Ana Silva", "Rui Costa", "2024-05-02"),
        GoldEvent("d1", "PROTEST", "farmers", None, "2024-05"),
        GoldEvent("d1", "AID", "Eva Mar", "Rui Costa"),
    ]
    two = [GoldEvent("d2", "COERCE", "police", "Ana Silva", "2024-05-03")]
    predicted: dict[str, list[Unit] | str] = {
        "d1": [
            unit("ACCUSE", "Silva", "Costa", "2024-05-01"),  # matched, wrong day
            unit("PROTEST", "farmers", None, "2024-05-20"),  # matched, in the gold month
            unit("AID", "Eva Mar", "Ana Silva"),  # right actor, wrong recipient
            unit("ASSAULT", "Eva Mar"),  # extra
        ],
        "d2": [unit("COERCE", "court", "Ana Silva")],  # right type, wrong actor
    }
    report = score([*one, *two], predicted)
    overall = report.overall
    assert (overall.tp, overall.gold, overall.predicted) == (2, 4, 5)
    assert (overall.precision, overall.recall) == pytest.approx((2 / 5, 2 / 4))
    assert overall.f1 == pytest.approx(2 * 0.4 * 0.5 / 0.9)
    assert report.type_actor.tp == 3
    assert report.type_only.tp == 4
    assert report.dates == (1, 2)  # d1's AID has no gold date and is not matched anyway
    assert report.macro_f1 == pytest.approx((prf_f1(2, 4, 3) + 0.0) / 2)
    assert report.by_type["ACCUSE"].tp == 1 and report.by_type["ASSAULT"].predicted == 1
    assert "MOBILIZE" not in report.by_type


def prf_f1(tp: int, predicted: int, gold: int) -> float:
    p, r = tp / predicted, tp / gold
    return 2 * p * r / (p + r)


def test_an_article_with_neither_gold_nor_predictions_scores_one() -> None:
    assert ArticleResult("d1", [], [], [], 0, 0).f1 == 1.0
    assert ArticleResult("d1", [gold("AID", "x")], [], [], 0, 0).f1 == 0.0


def test_articles_missing_from_the_corpus_count_as_misses() -> None:
    report = score([gold("AID", "Eva Mar")], {})
    assert report.overall.gold == 1 and report.overall.tp == 0
    assert report.problems == [("d1", "not in the corpus")]


# --- gold files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"gold\.jsonl:2: invalid JSON"),
        ('{"doc_id": "d1", "type": "AID"}', r"gold\.jsonl:2: not a gold event \(KeyError\)"),
        ('{"doc_id": "d1", "type": "HUG", "actor": "x"}', r"gold\.jsonl:2: unknown event type"),
        ('{"doc_id": "d1", "type": "AID", "actor": ""}', r"gold\.jsonl:2: .* an actor"),
        ('["d1", "AID"]', r"gold\.jsonl:2: not a gold event"),
    ],
)
def test_load_gold_names_the_bad_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    good = {"doc_id": "d1", "type": "AID", "actor": "Eva Mar", "recipient": None, "date": None}
    path.write_text(json.dumps(good) + "\n" + line + "\n")
    with pytest.raises(ValueError, match=message):
        load_gold(path)


def test_command_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["eval", "events", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "nope.jsonl: no such file" in missing.output
    assert "Traceback" not in missing.output
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"doc_id": "d1", "type": "AID", "actor": "x"}\n\n{oops\n')
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("")
    result = runner.invoke(app, ["eval", "events", str(bad), "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert "gold.jsonl:3: invalid JSON" in result.output
    assert "Traceback" not in result.output


# --- the command on real text --------------------------------------------------------------


@pytest.mark.slow
def test_json_output_on_a_tiny_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    text = (
        "Police in Quito arrested the opposition leader Marta Vela on Monday. "
        "On Tuesday, Vela's party accused the government of persecution."
    )
    corpus.write_text(json.dumps({"id": "q1", "date": "2024-02-07", "text": text}) + "\n")
    rows = [
        {"doc_id": "q1", "type": "COERCE", "actor": "Quito police", "recipient": "Marta Vela",
         "date": "2024-02-05", "negated": False, "evidence": "arrested"},
        {"doc_id": "q1", "type": "ACCUSE", "actor": "Vela's party", "recipient": "government",
         "date": "2024-02-06", "negated": False, "evidence": "accused"},
        {"doc_id": "q9", "type": "AID", "actor": "Red Cross", "recipient": None,
         "date": None, "negated": False, "evidence": "sent"},
    ]  # fmt: skip
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    args = ["eval", "events", str(gold_path), "--corpus", str(corpus), "-f", "json", "--errors"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["gold"] == 3 and figures["articles"] == 2
    assert 0 <= figures["matched"] <= min(figures["gold"], figures["predicted"])
    assert 0.0 <= figures["f1"] <= 1.0 and 0.0 <= figures["macro_f1"] <= 1.0
    assert figures["type_only"]["matched"] >= figures["type_actor"]["matched"]
    assert figures["type_actor"]["matched"] >= figures["matched"]
    assert figures["problems"] == [{"doc_id": "q9", "problem": "not in the corpus"}]
    missed = {m["type"] for a in figures["errors"] for m in a["missed"]}
    assert "AID" in missed


@pytest.mark.slow
@pytest.mark.skipif(
    not (SHARED / "eval" / "events" / "dev.jsonl").exists(), reason="shared gold not available"
)
def test_command_on_the_dev_gold() -> None:
    gold_path = SHARED / "eval" / "events" / "dev.jsonl"
    lines = sum(1 for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip())
    result = CliRunner().invoke(app, ["eval", "events", str(gold_path)], terminal_width=200)
    assert result.exit_code == 0, result.output
    number = r"(0\.\d{3}|1\.000)"
    assert re.search(rf"^micro P {number} R {number} F1 {number}$", result.output, re.M)
    assert re.search(rf"^macro F1 {number} over \d+ articles$", result.output, re.M)
    assert re.search(rf"^date accuracy {number} \(\d+/\d+ matched", result.output, re.M)
    total = re.search(r"│ all\s+│\s+(\d+) │\s+(\d+) │\s+(\d+) │", result.output)
    assert total is not None, result.output
    gold_count, predicted, matched = map(int, total.groups())
    assert gold_count == lines
    assert matched <= min(gold_count, predicted)
    for level in ("type only", "type + actor", "type + actor + recipient"):
        assert re.search(rf"│ {re.escape(level)}\s+│\s+{lines} │", result.output)
