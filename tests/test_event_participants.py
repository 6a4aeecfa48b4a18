"""Participants the parse hides (issue 10): a nationality stands for its country when the
article names it, forces "of" several countries are each of them, a noun's verb carries its
"with" phrase, a date is never the one acted on, and a subject the parser strands in "after X"
is the subject of the verb after it."""

from __future__ import annotations

import pytest

import dateline
from dateline.schema import Article
from tests.conftest import coded, spans_are_exact

pytestmark = pytest.mark.slow

TEXT = (
    "CAIRO, June 3 -- Egypt has stepped up cooperation with the navies of Greece, Cyprus and "
    "Italy, officials said. Libya accused Egypt of meddling, and Sudan alleged Egyptian "
    "involvement in the raids.\n\n"
    "Harbour police said a cargo ship was seized on Friday. On Saturday they arrested a "
    "45-year-old man on suspicion of smuggling.\n\n"
    "A man has been arrested after Omar Haji, mayor of the town of Garissa, was stabbed last "
    "night at a rally.\n\n"
    "The rebel leader Ivan Rocha asked the victims of the war for forgiveness for the pain the "
    "rebels had caused. Donors kept the figure first promised at the Nairobi summit in 2019. "
    "Foreign Minister Ali Rahimi posted a message on Twitter blaming Libya for the raids. "
    "Rahimi urged vigilant locals to report strangers."
)


@pytest.fixture(scope="module")
def article() -> Article:
    article = dateline.read(TEXT, published="2024-06-03")
    assert spans_are_exact(article) == []
    return article


def roles(article: Article, typ: str) -> list[tuple[list[str], list[str], str | None]]:
    return [(a, r, e.recipient_text) for a, r, e in coded(article, typ)]


def test_forces_of_several_countries_are_each_a_recipient_through_the_verb(
    article: Article,
) -> None:
    partners = {r[0] for a, r, _ in roles(article, "COOPERATE") if a == ["Egypt"] and r}
    assert partners == {"Greece", "Cyprus", "Italy"}


def test_a_nationality_stands_for_the_country_the_article_names(article: Article) -> None:
    assert (["Sudan"], ["Egypt"]) in [(a, r) for a, r, _ in roles(article, "ACCUSE")]


def test_the_one_arrested_is_not_the_day(article: Article) -> None:
    arrested = [t for _, _, t in roles(article, "COERCE")]
    assert "a 45-year-old man" in arrested and "Saturday" not in arrested


def test_a_subject_the_parser_left_in_a_subordinate_phrase(article: Article) -> None:
    """ "arrested after Omar Haji, mayor of ..., was stabbed": Haji was stabbed."""
    assert any(r == ["Omar Haji"] for _, r, _ in roles(article, "ASSAULT"))


def test_a_city_before_a_noun_is_where_not_who_and_words_stop_at_their_phrase(
    article: Article,
) -> None:
    """ "the Nairobi summit" is no act of Nairobi's; "the victims of the war", not the rest."""
    assert not any(
        "Nairobi" in a + r for t in ("CONSULT", "AGREE") for a, r, _ in coded(article, t)
    )
    asked = [t for a, _, t in roles(article, "REQUEST") if a == ["Ivan Rocha"]]
    assert asked == ["the victims of the war"]


def test_a_message_blaming_someone_is_its_poster_s_accusation(article: Article) -> None:
    """ "posted a message on Twitter blaming Libya": the poster blames, not Twitter."""
    assert (["Ali Rahimi"], ["Libya"]) in [(a, r) for a, r, _ in roles(article, "ACCUSE")]


def test_people_named_by_their_relation_are_participants(article: Article) -> None:
    """ "urged vigilant locals": locals, colleagues, critics ... are people, not things."""
    assert "vigilant locals" in [t for _, _, t in roles(article, "REQUEST")]
