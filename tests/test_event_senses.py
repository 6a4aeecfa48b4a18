"""Senses of ambiguous triggers (issue 10): an attack on a decision is an accusation, a
statement released yields nothing, and a decision belongs to whoever made it."""

from __future__ import annotations

import pytest

import dateline
from dateline.schema import Article
from tests.conftest import coded, spans_are_exact

pytestmark = pytest.mark.slow

TEXT = (
    "NAIROBI, April 2 -- Opposition leader Grace Wanjiru attacked the decision by President "
    "Samuel Otieno on Monday. Gunmen attacked a police station in Garissa on Sunday.\n\n"
    "The rebels released a statement on Tuesday and released four hostages on Wednesday."
)


@pytest.fixture(scope="module")
def article() -> Article:
    article = dateline.read(TEXT, published="2024-04-02")
    assert spans_are_exact(article) == []
    return article


def test_an_attack_on_a_decision_accuses_its_maker(article: Article) -> None:
    accusations = [(a, r) for a, r, _ in coded(article, "ACCUSE")]
    assert (["Grace Wanjiru"], ["Samuel Otieno"]) in accusations
    assault_triggers = [
        article.text[e.sentence.start : e.trigger.end]
        for e in article.events
        if e.type == "ASSAULT"
    ]
    assert len(assault_triggers) == 1 and assault_triggers[0].startswith("Gunmen")


def test_releasing_a_statement_yields_nothing(article: Article) -> None:
    released = [e for e in article.events if e.type == "RETREAT"]
    assert [e.date for e in released] == ["2024-03-27"]
