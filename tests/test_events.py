"""Events and amounts (issue 6): the seed's eleven events, and each rule on our own sentences."""

from __future__ import annotations

import pytest

import dateline
from dateline.schema import Article, Event
from tests.conftest import spans_are_exact


def names(article: Article, ids: list[str]) -> list[str]:
    return [article.entity(i).name for i in ids]  # type: ignore[union-attr]


def find(
    article: Article, typ: str, actor: str | None = None, recipient: str | None = None
) -> list[Event]:
    found = []
    for e in article.events:
        if e.type != typ:
            continue
        if actor is not None and not any(actor in n for n in names(article, e.actors)):
            continue
        if recipient is not None and not any(recipient in n for n in names(article, e.recipients)):
            continue
        found.append(e)
    return found


SEED_EVENTS = [
    ("CONSULT", "Antony Blinken", "Benny Gantz", "2024-06-11"),
    ("CONSULT", "Antony Blinken", "Yair Lapid", "2024-06-11"),
    ("ACCUSE", "Antony Blinken", "Hamas", "2024-06-11"),
    ("CONSULT", "Antony Blinken", "Benny Gantz", "2024-03"),
    ("CONSULT", "Antony Blinken", "Benjamin Netanyahu", "2024-06-10"),
    ("SUPPORT", "Benjamin Netanyahu", None, "2024-06-10"),
    ("REJECT", "members of his right-wing cabinet", None, None),
    ("REQUEST", "Hamas", "Israel", None),
    ("REQUEST", "United Nations Security Council", None, "2024-06-10"),
    ("SUPPORT", "Hamas", "United Nations Security Council", None),
    ("THREATEN", "Benjamin Netanyahu", "Hamas", None),
]


def _seed_match(seed: Article, line: tuple[str, str, str | None, str | None]) -> Event | None:
    typ, actor, recipient, date = line
    for event in find(seed, typ):
        if names(seed, event.actors) != [actor]:
            continue
        if recipient is not None and names(seed, event.recipients) != [recipient]:
            continue
        if date is not None and event.date != date:
            continue
        return event
    return None


def test_seed_the_eleven_events_are_exact(seed: Article) -> None:
    missing = [line for line in SEED_EVENTS if _seed_match(seed, line) is None]
    assert missing == []


def test_seed_the_meeting_with_the_opposition_leaders_is_once_per_person(seed: Article) -> None:
    june_11 = [
        e
        for e in find(seed, "CONSULT")
        if e.date == "2024-06-11"
        and names(seed, e.actors) == ["Antony Blinken"]
        and e.modality == "asserted"
        and e.recipients
    ]
    recipients = sorted(n for e in june_11 for n in names(seed, e.recipients))
    assert recipients == ["Benny Gantz", "Yair Lapid"]
    assert all(len(e.mentions) >= 2 for e in june_11)  # "has met with" and "held talks with"


def test_seed_the_earlier_visits_are_not_dated_june_11(seed: Article) -> None:
    earlier = [
        e
        for e in find(seed, "CONSULT")
        if "visits" in seed.text[e.sentence.start : e.sentence.end] and e.modality == "asserted"
    ]
    assert earlier and all(e.date != "2024-06-11" for e in earlier)


def test_seed_meeting_in_jerusalem(seed: Article) -> None:
    meeting = find(seed, "CONSULT", "Antony Blinken", "Benjamin Netanyahu")
    assert meeting and meeting[0].date == "2024-06-10"
    assert seed.entity(meeting[0].place).name == "Jerusalem"  # type: ignore[union-attr]


def test_seed_support_is_reported_by_blinken(seed: Article) -> None:
    support = find(seed, "SUPPORT", "Benjamin Netanyahu")
    assert support and support[0].modality == "reported"
    assert seed.entity(support[0].reported_by).name == "Antony Blinken"  # type: ignore[union-attr]


def test_seed_public_acceptance_is_negated(seed: Article) -> None:
    accepts = [e for e in find(seed, "AGREE", "Benjamin Netanyahu") if "accept" in e.trigger.text]
    assert accepts and accepts[0].negated


def test_seed_casualty_figure(seed: Article) -> None:
    figures = [a for a in seed.amounts if a.value == 37000]
    assert figures
    figure = figures[0]
    assert figure.qualifier == "more than"
    assert figure.object == "Palestinians"
    assert figure.predicate == "killed" and figure.casualty


def test_seed_spans_exact(seed: Article) -> None:
    assert spans_are_exact(seed) == []
    for event in seed.events:
        sentence = seed.text[event.sentence.start : event.sentence.end]
        assert event.trigger.text in sentence


def test_seed_durations_are_not_amounts(seed: Article) -> None:
    assert not [a for a in seed.amounts if "week" in a.text]


OWN = (
    "The Lakeland government said on Monday that it had arrested 14 opposition activists. "
    "Foreign Minister Ana Ruiz of Chile met her counterpart Li Wei and Minister Omar Haddad in "
    "Geneva on Tuesday. Ruiz, who visited Cairo last month, did not condemn the decision. "
    "Rebels in the north said they would attack the capital unless the army withdrew. "
    "The ministry said it would not accept any new refugees. Protesters in Santiago said "
    "the president must resign."
)


@pytest.fixture(scope="module")
def own() -> Article:
    return dateline.read(OWN, published="2023-05-10")


def test_coordinated_recipients_make_one_event_each(own: Article) -> None:
    meetings = find(own, "CONSULT", "Ana Ruiz")
    met = {n for e in meetings for n in names(own, e.recipients)}
    assert {"Li Wei", "Omar Haddad"} <= met


def test_relative_clause_actor(own: Article) -> None:
    visits = [e for e in find(own, "CONSULT", "Ana Ruiz") if "visit" in e.trigger.text]
    assert visits and visits[0].date == "2023-04"


def test_negation(own: Article) -> None:
    condemn = find(own, "ACCUSE", "Ana Ruiz")
    assert condemn and condemn[0].negated


def test_intended_attack_is_a_threat(own: Article) -> None:
    threats = [e for e in own.events if e.type == "THREATEN" and e.intended == "ASSAULT"]
    assert threats
    assert threats[0].modality in ("asserted", "reported")


def test_refused_acceptance_is_a_rejection(own: Article) -> None:
    rejections = [e for e in own.events if e.type == "REJECT" and e.intended == "AGREE"]
    assert rejections


def test_reported_obligation_is_a_request(own: Article) -> None:
    requests = [e for e in own.events if e.type == "REQUEST" and "must" in e.trigger.text]
    assert requests
    assert requests[0].actor_text and "Protesters" in requests[0].actor_text


def test_event_without_entity_keeps_its_words(own: Article) -> None:
    arrests = [e for e in own.events if e.type == "COERCE"]
    assert arrests and arrests[0].recipient_text and "activists" in arrests[0].recipient_text


def test_own_spans_exact(own: Article) -> None:
    assert spans_are_exact(own) == []


def test_vague_quantities_follow_acled() -> None:
    article = dateline.read(
        "Dozens of people were killed and hundreds more were wounded when gunmen attacked a "
        "market on Friday.",
        published="2022-02-02",
    )
    values = {a.text.lower(): a.value for a in article.amounts}
    assert values.get("dozens") == 12
    assert values.get("hundreds") == 100
    dozens = next(a for a in article.amounts if a.text.lower() == "dozens")
    assert dozens.casualty and dozens.object == "people"


def test_dateline_is_not_the_subject_of_the_lead() -> None:
    article = dateline.read(
        "OSLO, May 4 (Reuters) - Norwegian Prime Minister Ingrid Dahl and Danish Prime "
        "Minister Lars Holm signed a fisheries agreement on Tuesday.",
        published="2021-05-04",
    )
    signers = {n for e in article.events if e.type == "SUPPORT" for n in names(article, e.actors)}
    assert {"Ingrid Dahl", "Lars Holm"} <= signers
    assert "Oslo" not in signers and "OSLO" not in signers
