"""Entities: document-level corrections of spaCy's NER, on the seed and on our own sentences."""

from __future__ import annotations

import pytest

import dateline
from dateline.schema import Article, Entity
from tests.conftest import spans_are_exact


def by_name(article: Article, name: str) -> Entity:
    matches = [e for e in article.entities if e.name == name]
    assert matches, f"no entity {name!r} in {[e.name for e in article.entities]}"
    assert len(matches) == 1, f"{name!r} split into {len(matches)} entities"
    return matches[0]


def names_of(article: Article, *types: str) -> set[str]:
    return {e.name for e in article.entities if e.type in types}


# --- the seed article (issue 2 acceptance) ---------------------------------------------------


def test_seed_people_are_exactly_the_six(seed: Article) -> None:
    assert names_of(seed, "PERSON") == {
        "Antony Blinken",
        "Benny Gantz",
        "Yair Lapid",
        "Benjamin Netanyahu",
        "Kamala Harris",
        "Joe Biden",
    }


def test_seed_blinken_is_one_entity_with_all_his_forms(seed: Article) -> None:
    blinken = by_name(seed, "Antony Blinken")
    assert len(blinken.mentions) >= 8
    forms = {m.text for m in blinken.mentions}
    assert {"Antony Blinken", "Blinken", "the top U.S. diplomat"} <= forms
    assert {m.kind for m in blinken.mentions} == {"name", "description", "pronoun"}


def test_seed_titles(seed: Article) -> None:
    assert "Secretary of State" in by_name(seed, "Antony Blinken").titles
    assert "Prime Minister" in by_name(seed, "Benjamin Netanyahu").titles
    assert "Vice President" in by_name(seed, "Kamala Harris").titles
    assert "President" in by_name(seed, "Joe Biden").titles


def test_seed_relative_clause_is_evidence(seed: Article) -> None:
    gantz = by_name(seed, "Benny Gantz")
    relatives = [ev.text for ev in gantz.evidence if ev.kind == "relative"]
    assert any("joined the opposition" in r for r in relatives)


def test_seed_organizations(seed: Article) -> None:
    orgs = names_of(seed, "ORG")
    assert {"Hamas", "State Department", "United Nations Security Council"} <= orgs
    council = by_name(seed, "United Nations Security Council")
    assert "Security Council" in {m.text for m in council.mentions}


def test_seed_no_junk_entities(seed: Article) -> None:
    for entity in seed.entities:
        for m in entity.mentions:
            assert "RHC" not in m.text and ")" not in m.text
        assert entity.name != "State"
        assert "Habana" not in entity.name
        if entity.name in ("Gantz", "Blinken") or entity.name.endswith(("Gantz", "Blinken")):
            assert entity.type == "PERSON"
    surfaces = {m.text: e.type for e in seed.entities for m in e.mentions if m.kind == "name"}
    assert surfaces["Gantz"] == "PERSON" and surfaces["Blinken"] == "PERSON"


def test_seed_places(seed: Article) -> None:
    places = names_of(seed, "GPE", "LOC")
    assert {
        "Gaza",
        "Israel",
        "Jordan",
        "Amman",
        "Jerusalem",
        "Washington",
        "United States",
    } <= places
    us = [e for e in seed.entities if e.name == "United States"]
    assert len(us) == 1
    assert {"U.S.", "US", "the United States"} & {m.text for m in us[0].mentions} >= {"U.S.", "US"}


def test_seed_group_and_pronouns_resolve(seed: Article) -> None:
    hamas = by_name(seed, "Hamas")
    assert "the group" in {m.text for m in hamas.mentions if m.kind == "description"}
    netanyahu = by_name(seed, "Benjamin Netanyahu")
    assert "the Israeli prime minister" in {m.text for m in netanyahu.mentions}


def test_seed_spans_exact(seed: Article) -> None:
    assert spans_are_exact(seed) == []


# --- rules, on our own sentences -------------------------------------------------------------

OWN = (
    "GENEVA (AP) — Foreign Minister Amara Okonkwo of Nigeria held talks with Lena Varga and "
    "Tomas Berglund on Monday. Okonkwo said the talks were useful. She will travel to Oslo on "
    "Friday.\n\n"
    "The World Food Programme (WFP) warned of shortages. WFP said stocks were low. The United "
    "Nations Security Council met later, and the Security Council issued a statement.\n\n"
    "U.S. officials said the United States would help. The US envoy declined to comment."
)


@pytest.fixture(scope="module")
def own() -> Article:
    return dateline.read(OWN, published="2023-05-10")


def test_title_makes_a_person_and_is_recorded(own: Article) -> None:
    okonkwo = by_name(own, "Amara Okonkwo")
    assert okonkwo.type == "PERSON"
    assert "Foreign Minister" in okonkwo.titles
    assert any(
        ev.kind == "title" and ev.text.endswith("Foreign Minister") for ev in okonkwo.evidence
    )


def test_surname_joins_full_name_and_pronoun_follows(own: Article) -> None:
    okonkwo = by_name(own, "Amara Okonkwo")
    forms = [m.text for m in okonkwo.mentions]
    assert "Okonkwo" in forms
    assert "She" in forms


def test_coordinated_names_are_people(own: Article) -> None:
    people = names_of(own, "PERSON")
    assert {"Lena Varga", "Tomas Berglund"} <= people


def test_acronym_and_suffix_join_their_organization(own: Article) -> None:
    wfp = by_name(own, "World Food Programme")
    assert "WFP" in {m.text for m in wfp.mentions}
    council = by_name(own, "United Nations Security Council")
    assert "Security Council" in {m.text for m in council.mentions}


def test_country_aliases_are_one_entity(own: Article) -> None:
    us = by_name(own, "United States")
    assert {"U.S.", "United States", "US"} <= {m.text for m in us.mentions}


def test_agency_code_is_not_an_entity(own: Article) -> None:
    assert not [e for e in own.entities if any(m.text == "AP" for m in e.mentions)]


def test_state_of_secretary_of_state_is_not_an_entity() -> None:
    article = dateline.read(
        "Secretary of State Ruth Adeyemi arrived in Lagos on Tuesday for two days of talks. "
        "Adeyemi met the governor.",
        published="2022-03-01",
    )
    assert "State" not in {m.text for e in article.entities for m in e.mentions}
    assert "Secretary of State" in by_name(article, "Ruth Adeyemi").titles


def test_description_with_another_origin_is_not_resolved() -> None:
    article = dateline.read(
        "Senate President Carla Dominguez opened the session on Monday. Later the French "
        "president spoke to reporters in Paris about the budget.",
        published="2022-03-01",
    )
    dominguez = by_name(article, "Carla Dominguez")
    assert "the French president" not in {m.text for m in dominguez.mentions}


def test_own_spans_exact(own: Article) -> None:
    assert spans_are_exact(own) == []


def test_an_organization_is_not_cut_at_a_title_word() -> None:
    article = dateline.read(
        "The United Nations General Assembly on Tuesday adopted the treaty by a recorded vote.",
        published="2013-04-02",
    )
    assembly = by_name(article, "United Nations General Assembly")
    assert assembly.type == "ORG"
    assert not [e for e in article.entities if e.type == "PERSON"]
