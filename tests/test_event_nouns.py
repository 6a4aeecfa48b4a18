"""Events named by nouns and by clauses the parser shares out (issue 10): who acts and who is
acted on comes from the noun ("his arrest", "the resignation of", "drew criticism from"), from
the conjunct a subject is shared with, and nothing is coded inside an "unless" clause; verbs
with one subject share the time said once."""

from __future__ import annotations

import pytest

import dateline
from dateline.schema import Article
from tests.conftest import coded, spans_are_exact

pytestmark = pytest.mark.slow

TEXT = (
    "QUITO, May 9 -- Interior Minister Rafael Ortiz announced his resignation on Tuesday. "
    "The union leader Carla Mena was questioned by police after her arrest in Guayaquil.\n\n"
    "Senator Diego Luna drew sharp criticism from President Elena Paz. "
    "Former mayor Tomas Vera has been charged by prosecutors and will resign next month.\n\n"
    "The Workers Front said it would boycott the vote unless Prime Minister Ana Rios stepped "
    "down. Lawmaker Jorge Salas called the plan a tax on the poor.\n\n"
    "Deputy Luis Pardo resigned from the cabinet and joined the opposition on Sunday.\n\n"
    "Three civilians died in the airstrike on the market. Governor Ali Tamba attributed the "
    "attack to Al-Shabaab. Boko Haram claimed responsibility for the bombing of the barracks."
)


def roles(article: Article, typ: str) -> list[tuple[list[str], list[str], str]]:
    return [(a, r, e.modality) for a, r, e in coded(article, typ)]


@pytest.fixture(scope="module")
def article() -> Article:
    article = dateline.read(TEXT, published="2024-05-09")
    assert spans_are_exact(article) == []
    return article


def test_owner_of_an_intransitive_noun_acts(article: Article) -> None:
    assert (["Rafael Ortiz"], [], "asserted") in roles(article, "RETREAT")


def test_owner_of_a_patient_noun_is_acted_on_by_the_implied_police(article: Article) -> None:
    arrests = roles(article, "COERCE")
    assert any(r == ["Carla Mena"] and a and "police" in a[0].lower() for a, r, _ in arrests)
    assert not any(a == ["Carla Mena"] for a, _, _ in arrests)


def test_subject_of_a_verb_of_receiving_is_the_target(article: Article) -> None:
    assert (["Elena Paz"], ["Diego Luna"], "asserted") in roles(article, "ACCUSE")


def test_shared_subject_acts_in_the_active_conjunct(article: Article) -> None:
    """ "has been charged by prosecutors and will resign": he resigns (an announced act)."""
    resignations = roles(article, "RETREAT")
    assert any(a == ["Tomas Vera"] for a, _, _ in resignations)
    assert not any(a and a[0].lower() == "prosecutors" for a, _, _ in resignations)


def test_nothing_is_stated_inside_an_unless_clause(article: Article) -> None:
    for actors, _, modality in roles(article, "RETREAT") + roles(article, "AGREE"):
        if actors == ["Ana Rios"]:
            assert modality == "hypothetical"


def test_a_pattern_particle_hangs_on_its_verb(article: Article) -> None:
    """ "called the plan a tax on the poor" is no "call on" (REQUEST)."""
    assert not any(a == ["Jorge Salas"] for a, _, _ in roles(article, "REQUEST"))


def test_coordinated_predicates_share_their_time(article: Article) -> None:
    """ "resigned from the cabinet and joined the opposition on Sunday": both on Sunday."""
    dates = [e.date for e in article.events if e.type == "RETREAT" and e.trigger.text == "resigned"]
    assert dates == ["2024-05-05"]


def test_who_did_an_act_a_noun_names_comes_from_the_verb_that_says_so(article: Article) -> None:
    """ "attributed the attack to Al-Shabaab", "Boko Haram claimed responsibility for the
    bombing"; not "civilians died in the airstrike" (they did not strike)."""
    doers = {(e.trigger.text, tuple(a)) for a, _, e in coded(article, "ASSAULT")}
    assert ("attack", ("Al-Shabaab",)) in doers
    assert ("bombing", ("Boko Haram",)) in doers
    strikes = [e for _, _, e in coded(article, "ASSAULT") if e.trigger.text == "airstrike"]
    assert all(e.actor_text is None and not e.actors for e in strikes)
