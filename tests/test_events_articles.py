"""Events on whole articles (issue 10): participants are actors, resolved, collective, one per
conjunct; dates come from the clause or the story; a restated act is one event. Our own texts
(the seed's acceptance lines are in test_events.py)."""

from __future__ import annotations

import pytest

import dateline
from dateline.schema import Article, Event
from tests.conftest import spans_are_exact

pytestmark = pytest.mark.slow

STORY = (
    "LIMA, March 4 -- Peru's foreign minister Ana Torres met with President Luis Arce, former "
    "minister Jorge Quispe and opposition leader Rosa Mamani on Tuesday in La Paz.\n\n"
    "On Friday, dock workers walked out at the port of Callao to demand higher wages. "
    "Thousands of protesters marched in Lima. State prosecutors charged two union leaders "
    "with obstruction, and police arrested three men who were accused of smuggling.\n\n"
    "Senator Marta Ruiz and Senator Pablo Vega rejected the budget bill. The two senators "
    "said the bill would cut pensions."
)


@pytest.fixture(scope="module")
def story() -> Article:
    article = dateline.read(STORY, published="2024-03-04")
    assert spans_are_exact(article) == []
    return article


def names(article: Article, ids: list[str]) -> list[str]:
    return [article.entity(i).name for i in ids]  # type: ignore[union-attr]


def events(article: Article, typ: str) -> list[Event]:
    return [e for e in article.events if e.type == typ]


def test_one_event_per_coordinated_recipient(story: Article) -> None:
    met = events(story, "CONSULT")
    recipients = {n for e in met for n in names(story, e.recipients)}
    assert {"Luis Arce", "Jorge Quispe", "Rosa Mamani"} <= recipients
    assert all(names(story, e.actors) == ["Ana Torres"] for e in met)


def test_one_event_per_coordinated_actor_and_no_thing_as_recipient(story: Article) -> None:
    rejected = events(story, "REJECT")
    assert {n for e in rejected for n in names(story, e.actors)} == {"Marta Ruiz", "Pablo Vega"}
    for event in rejected:
        assert not event.recipients and event.recipient_text is None  # "the budget bill"


def test_collectives_are_actors_with_a_sector(story: Article) -> None:
    groups = {e.name: e for e in story.entities if e.type == "GROUP"}
    assert groups["dock workers"].actor.sector == "LAB"  # type: ignore[union-attr]
    assert groups["Thousands of protesters"].actor.sector == "CVL"  # type: ignore[union-attr]
    assert groups["State prosecutors"].actor.sector == "JUD"  # type: ignore[union-attr]
    protests = events(story, "PROTEST")
    assert {n for e in protests for n in names(story, e.actors)} >= {
        "dock workers",
        "Thousands of protesters",
    }


def test_the_lead_weekday_dates_its_clause(story: Article) -> None:
    walkout = next(e for e in events(story, "PROTEST") if "walked" in e.trigger.text)
    assert walkout.date == "2024-03-01"  # the Friday before March 4
    meeting = events(story, "CONSULT")[0]
    assert meeting.date == "2024-02-27"  # Tuesday


def test_a_relative_clause_and_its_antecedent(story: Article) -> None:
    arrest = next(e for e in events(story, "COERCE") if e.trigger.text == "arrested")
    assert names(story, arrest.actors) == ["police"]
    assert arrest.recipient_text == "three men"


def test_the_two_senators_are_the_senators_named_together(story: Article) -> None:
    quote = next(q for q in story.quotes if q.text.startswith("the bill would"))
    speaker = story.entity(quote.speaker)
    assert speaker is not None and speaker.type == "GROUP"
    assert set(names(story, speaker.members)) == {"Marta Ruiz", "Pablo Vega"}


def test_a_restated_meeting_is_one_event_per_person_with_every_mention() -> None:
    article = dateline.read(
        "BERLIN, May 6 -- Foreign Minister Lena Vogt has met with Dutch opposition leaders. "
        "Vogt held talks with Dutch opposition leader Joris Bakker and Dutch opposition leader "
        "Femke de Wit in The Hague on Monday, although she had met Bakker and de Wit on several "
        "previous visits.",
        published="2024-05-06",
    )
    meetings = events(article, "CONSULT")
    monday = [e for e in meetings if e.date == "2024-05-06"]
    assert sorted(n for e in monday for n in names(article, e.recipients)) == [
        "Femke de Wit",
        "Joris Bakker",
    ]
    assert all(len(e.mentions) == 2 for e in monday)  # "has met" and "held talks"
    earlier = [e for e in meetings if e not in monday]
    assert earlier and all(e.date is None for e in earlier)


def test_the_police_act_in_an_agentless_arrest() -> None:
    article = dateline.read(
        "Police in Porto said on Sunday that a 30-year-old man was arrested at the station.",
        published="2024-05-06",
    )
    arrest = events(article, "COERCE")[0]
    assert [n.split()[0] for n in names(article, arrest.actors)] == ["Police"]
