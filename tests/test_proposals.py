"""Proposals and stances (issue 14): the seed's proposal and who stands where, and each rule
on texts we wrote ourselves."""

from __future__ import annotations

import pytest

import dateline
from dateline.schema import Article, Stance

pytestmark = pytest.mark.slow


def name(article: Article, entity_id: str | None) -> str | None:
    entity = article.entity(entity_id)
    return entity.name if entity else None


def stances_of(article: Article, actor: str) -> list[Stance]:
    return [
        s
        for s in article.stances
        if actor in (name(article, s.actor) or "") or actor in (s.actor_text or "")
    ]


def spans_hold(article: Article) -> None:
    text = article.text
    for p in article.proposals:
        assert text[p.start : p.end] == p.name
        for phase in p.phases:
            assert text[phase.start : phase.end] == phase.text
        for m in p.mentions:
            assert text[m.start : m.end] == m.text
    for s in article.stances:
        assert text[s.start : s.end] == s.text


# -- the seed -------------------------------------------------------------------------------


def test_seed_has_one_proposal_by_biden_backed_by_the_united_states(seed: Article) -> None:
    assert len(seed.proposals) == 1
    proposal = seed.proposals[0]
    assert name(seed, proposal.proposer) == "Joe Biden"
    assert "United States" in [name(seed, b) for b in proposal.backers]
    assert "proposal" in proposal.name
    spans_hold(seed)


def test_seed_proposal_has_its_three_phases(seed: Article) -> None:
    phases = seed.proposals[0].phases
    assert [p.n for p in phases] == [1, 2, 3]
    assert "six-week truce" in phases[0].text and "prisoners" in phases[0].text
    assert "return of all captives" in phases[1].text and "withdrawal" in phases[1].text
    assert "rebuild" in phases[2].text


def test_seed_security_council_supports_it_through_its_resolution(seed: Article) -> None:
    council = stances_of(seed, "Security Council")
    assert [s.stance for s in council] == ["supports"]
    assert "resolution" in council[0].text and council[0].date == "2024-06-10"


def test_seed_hamas_accepts_on_conditions(seed: Article) -> None:
    hamas = [s for s in stances_of(seed, "Hamas") if s.stance == "conditional"]
    assert len(hamas) == 1
    conditions = " | ".join(hamas[0].conditions)
    assert "lasting ceasefire" in conditions
    assert "withdrawal" in conditions
    assert "positively" in hamas[0].text
    # Welcoming the council's resolution, based on the proposal, is support for it.
    assert any(s.stance == "supports" and "welcomed" in s.text for s in stances_of(seed, "Hamas"))


def test_seed_netanyahu_supports_it_as_blinken_reports_but_has_not_said_so(seed: Article) -> None:
    netanyahu = {s.stance: s for s in stances_of(seed, "Netanyahu")}
    assert set(netanyahu) == {"supports", "undecided"}
    assert name(seed, netanyahu["supports"].reported_by) == "Antony Blinken"
    assert netanyahu["undecided"].reported_by is None
    assert "has not said publicly" in netanyahu["undecided"].text


def test_seed_cabinet_members_reject_it_and_threaten_the_government(seed: Article) -> None:
    cabinet = stances_of(seed, "cabinet")
    assert [s.stance for s in cabinet] == ["rejects"]
    assert any("bring down the government" in t for t in cabinet[0].threats)


def test_a_requested_or_sought_plan_is_no_proposal(seed: Article) -> None:
    """ "pressing the government to present a post-conflict plan", "failure to reach a truce
    agreement": neither exists, so neither is a proposal of its own."""
    assert all("post-conflict" not in m.text for p in seed.proposals for m in p.mentions)


# -- our own texts ------------------------------------------------------------------------------

FOUR_STAGES = (
    "CAIRO, March 3 (Wire) -- Egypt unveiled a four-stage plan for a truce in Sudan on Monday. "
    "The Sudanese army welcomed the initiative, but the Rapid Support Forces rejected it, saying "
    "it favoured their rivals. The African Union said it backed the Egyptian plan.\n\n"
    "In the first stage, both sides would withdraw from the capital. The second stage would "
    "involve the return of displaced families. The final stage would see elections within two "
    "years.\n\nEthiopia has not said whether it supports the plan."
)


@pytest.fixture(scope="module")
def four_stages() -> Article:
    return dateline.read(FOUR_STAGES, published="2024-03-04")


def test_a_plan_put_forward_has_its_proposer_and_numbered_stages(four_stages: Article) -> None:
    (plan,) = four_stages.proposals
    assert name(four_stages, plan.proposer) == "Egypt"
    assert plan.name.startswith("four-stage plan")
    assert [p.n for p in plan.phases] == [1, 2, 4]  # "the final stage" of four
    assert plan.phases[0].text == "both sides would withdraw from the capital"
    spans_hold(four_stages)


def test_welcome_reject_and_backing_are_stances(four_stages: Article) -> None:
    got = {(name(four_stages, s.actor), s.stance) for s in four_stages.stances}
    assert ("Sudanese army", "supports") in got
    assert ("Rapid Support Forces", "rejects") in got
    assert ("African Union", "supports") in got


def test_not_saying_whether_is_undecided(four_stages: Article) -> None:
    assert [s.stance for s in stances_of(four_stages, "Ethiopia")] == ["undecided"]


PACT = (
    "BRUSSELS, May 8 (Wire) -- The European Commission proposed a new migration pact on "
    "Wednesday. Italy said it would accept the pact provided that other members take in a "
    "fixed share of arrivals. Hungary and Poland voted against the proposal, and Prime "
    "Minister Viktor Orban vowed to block it. Germany is still studying the plan, officials said."
)


def test_provided_that_makes_an_acceptance_conditional() -> None:
    article = dateline.read(PACT, published="2024-05-08")
    (pact,) = article.proposals
    assert name(article, pact.proposer) == "European Commission"
    (italy,) = stances_of(article, "Italy")
    assert italy.stance == "conditional"
    assert italy.conditions == ["other members take in a fixed share of arrivals"]
    rejecting = {name(article, s.actor) for s in article.stances if s.stance == "rejects"}
    assert {"Hungary", "Poland", "Viktor Orban"} <= rejecting
    assert [s.stance for s in stances_of(article, "Germany")] == ["undecided"]
    # Orban's own vow is not a threat of Hungary's and Poland's vote.
    assert all(not s.threats for s in stances_of(article, "Hungary"))
    spans_hold(article)


def test_the_parties_that_sign_an_accord_accept_it() -> None:
    article = dateline.read(
        "HAVANA, Aug 26 (Wire) -- Colombia's government and the FARC rebels signed a peace "
        "accord in Havana on Friday after four years of talks. Former president Alvaro Uribe "
        "denounced the accord as a surrender. The United Nations praised the agreement.",
        published="2016-08-26",
    )
    (accord,) = article.proposals
    assert accord.proposer is None  # an agreement of its parties, nobody's proposal
    got = {s.stance for s in article.stances}
    assert got == {"accepts", "rejects", "supports"}
    assert [s.stance for s in stances_of(article, "Uribe")] == ["rejects"]


def test_refusing_to_accept_is_rejecting_and_a_plural_plan_is_no_proposal() -> None:
    article = dateline.read(
        "The opposition refused to accept the budget deal on Tuesday, while ministers announced "
        "their plans for the summer recess.",
        published="2024-07-02",
    )
    assert [p.kind for p in article.proposals] == ["deal"]
    assert [s.stance for s in article.stances] == ["rejects"]


def test_an_article_without_proposals_has_none() -> None:
    article = dateline.read(
        "Floods swept through the lower valley on Sunday, and rescue teams reached three "
        "villages cut off by the water.",
        published="2024-07-02",
    )
    assert article.proposals == [] and article.stances == []
