"""Judgements told as plain statements are events (issue 10): praise and blame of someone
("said Vega was a courageous leader", "'Vega is a liar'") and solidarity ("'we are with
him'"), acted by whoever says them; a judgement of a thing, or nobody's, is none."""

from __future__ import annotations

import pytest

import dateline
from dateline.schema import Article
from tests.conftest import coded, spans_are_exact

pytestmark = pytest.mark.slow

TEXT = (
    '"We are with Governor Pawel Nowak and his family," Prime Minister Jan Lis said on Monday. '
    "Senator Ana Ruiz said Governor Luis Vega was a courageous and great leader. "
    '"Vega is a liar and a coward," said Congressman Tom Hale. '
    "Senator Ana Ruiz said the weather was great."
)


@pytest.fixture(scope="module")
def article() -> Article:
    article = dateline.read(TEXT, published="2024-02-07")
    assert spans_are_exact(article) == []
    return article


def pairs(article: Article) -> list[tuple[str, list[str], list[str]]]:
    return [(e.type, a, r) for a, r, e in coded(article)]


def test_solidarity_praise_and_blame_are_acts_of_their_speakers(article: Article) -> None:
    found = pairs(article)
    assert ("SUPPORT", ["Jan Lis"], ["Pawel Nowak"]) in found
    assert ("SUPPORT", ["Ana Ruiz"], ["Luis Vega"]) in found
    assert ("ACCUSE", ["Tom Hale"], ["Luis Vega"]) in found


def test_a_judgement_of_a_thing_is_no_event(article: Article) -> None:
    assert len([p for p in pairs(article) if p[1] == ["Ana Ruiz"]]) == 1
