"""Allegations are accusations (issue 10): claiming that someone did wrong, or telling of a
wrongdoing, accuses its doer; owning up to it accuses nobody."""

from __future__ import annotations

import pytest

import dateline
from dateline.schema import Article
from tests.conftest import coded, spans_are_exact

pytestmark = pytest.mark.slow

TEXT = (
    "Attorney General Maria Lopez claimed that Acme Corp violated federal law. "
    '"Delta Bank is lying to its customers," Senator Ken Ito said on Monday. '
    "Senator Rosa Diaz said she had lied to investigators. "
    "A newspaper in Lagos violated a ban by Governor Paul Kent."
)


@pytest.fixture(scope="module")
def article() -> Article:
    article = dateline.read(TEXT, published="2024-05-09")
    assert spans_are_exact(article) == []
    return article


def pairs(article: Article, typ: str) -> list[tuple[list[str], list[str]]]:
    return [(a, r) for a, r, _ in coded(article, typ)]


def test_a_claim_of_wrongdoing_accuses(article: Article) -> None:
    assert (["Maria Lopez"], ["Acme Corp"]) in pairs(article, "ACCUSE")


def test_a_told_wrongdoing_accuses_its_doer(article: Article) -> None:
    assert (["Ken Ito"], ["Delta Bank"]) in pairs(article, "ACCUSE")


def test_owning_up_accuses_nobody_and_an_untold_violation_stays_a_rejection(
    article: Article,
) -> None:
    assert not any("Rosa Diaz" in a + r for a, r in pairs(article, "ACCUSE"))
    rejections = [e.trigger.text for e in article.events if e.type == "REJECT"]
    assert rejections == ["violated"]
