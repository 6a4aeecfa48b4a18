"""Actor codes and places (issue 5): the seed's acceptance and rules on our own sentences."""

from __future__ import annotations

import pytest

import dateline
from dateline.schema import Article, Entity
from dateline.stages.gazetteer import resolve
from tests.conftest import spans_are_exact, user_lexicon


def entity(article: Article, name: str) -> Entity:
    found = [e for e in article.entities if e.name == name]
    assert found, f"no {name!r} in {[e.name for e in article.entities]}"
    return found[0]


def code(article: Article, name: str) -> tuple[str | None, str | None]:
    actor = entity(article, name).actor
    assert actor is not None, f"{name} has no actor"
    return actor.country, actor.sector


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Antony Blinken", ("USA", "GOV")),
        ("Joe Biden", ("USA", "GOV")),
        ("Kamala Harris", ("USA", "GOV")),
        ("State Department", ("USA", "GOV")),
        ("Benjamin Netanyahu", ("ISR", "GOV")),
        ("Benny Gantz", ("ISR", "OPP")),
        ("Yair Lapid", ("ISR", "OPP")),
        ("Hamas", ("PSE", "REB")),
    ],
)
def test_seed_actor_codes(seed: Article, name: str, expected: tuple[str, str]) -> None:
    assert code(seed, name) == expected


def test_seed_security_council_is_an_igo(seed: Article) -> None:
    assert code(seed, "United Nations Security Council")[0] == "IGO"


def test_seed_collective_actors(seed: Article) -> None:
    groups = {e.name: e for e in seed.entities if e.type == "GROUP"}
    assert code(seed, "U.S. officials") == ("USA", "GOV")
    cabinet = [g for name, g in groups.items() if "right-wing cabinet" in name]
    assert cabinet and (cabinet[0].actor.country, cabinet[0].actor.sector) == ("ISR", "GOV")
    assert code(seed, "Biden administration") == ("USA", "GOV")


def test_seed_codes_carry_evidence(seed: Article) -> None:
    blinken = entity(seed, "Antony Blinken").actor
    assert blinken is not None and blinken.code == "USAGOV"
    assert any("U.S." in ev.text for ev in blinken.evidence)
    for e in seed.entities:
        for ev in e.actor.evidence if e.actor else []:
            assert seed.text[ev.start : ev.end] == ev.text


def test_seed_places(seed: Article) -> None:
    amman = entity(seed, "Amman").geo
    assert amman is not None and amman.country == "JOR"
    assert abs(amman.lat - 31.95) < 0.5 and abs(amman.lon - 35.93) < 0.5
    assert entity(seed, "Gaza").geo.country == "PSE"
    assert entity(seed, "Washington").geo.country == "USA"
    assert entity(seed, "Israel").geo.country == "ISR"
    assert entity(seed, "Jordan").geo.country == "JOR"
    assert entity(seed, "Jerusalem").geo is not None
    assert seed.meta.dateline.geo.country == "JOR"


def test_seed_spans_exact_with_groups(seed: Article) -> None:
    assert spans_are_exact(seed) == []


def test_seed_places_carry_their_geonames_identity(seed: Article) -> None:
    """Acceptance (issue 16): Amman's ADM1 code (16) and GeoNames id (250441) are filled."""
    for geo in (entity(seed, "Amman").geo, seed.meta.dateline.geo):
        assert (geo.adm1, geo.geonames_id) == ("16", 250441)
        assert (geo.feature_class, geo.feature_code) == ("P", "PPLC")  # Jordan's capital
    israel = entity(seed, "Israel").geo
    assert (israel.feature_class, israel.feature_code, israel.adm1) == ("A", "PCLI", None)
    assert israel.geonames_id is not None
    washington = entity(seed, "Washington").geo
    assert washington.adm1 == "DC" and washington.geonames_id is not None


def test_states_and_counties_are_first_and_second_level_regions() -> None:
    texas = resolve("Texas", {"USA"})
    assert (texas.kind, texas.adm1, texas.feature_code) == ("state", "TX", "ADM1")
    cook = resolve("Cook County", {"USA"}, "Illinois")
    assert (cook.kind, cook.admin, cook.adm1, cook.feature_code) == (
        "county",
        "Illinois",
        "IL",
        "ADM2",
    )
    assert resolve("Cook County", {"USA"}) is None  # three states have one: not guessed
    assert resolve("Miami-Dade County", {"USA"}).admin == "Florida"
    assert resolve("Eastern District", {"USA"}) is None  # a court district, not American Samoa's


def test_georgia_follows_the_article() -> None:
    assert resolve("Georgia", {"USA"}).kind == "state"
    assert resolve("Georgia", {"RUS", "ARM"}).country == "GEO"


def test_big_city_beats_small_namesake_in_context() -> None:
    assert resolve("Paris", {"USA"}).country == "FRA"


def test_unknown_place_keeps_null_geo() -> None:
    article = dateline.read(
        "Residents of Zxqvbrook said on Monday that the bridge had been closed for a week "
        "after heavy rain.",
        published="2021-04-05",
    )
    for e in article.entities:
        if e.name == "Zxqvbrook":
            assert e.geo is None


def test_nationality_before_a_name_codes_the_person() -> None:
    article = dateline.read(
        "Chief Kenyan negotiator Wanjiru Kamau rejected the offer on Tuesday, officials said.",
        published="2021-04-05",
    )
    assert code(article, "Wanjiru Kamau")[0] == "KEN"


def test_user_lexicon_extends_actors(tmp_path) -> None:
    from dateline.stages import actors

    text = "actors:\n  groups:\n    Zorvath Front: {country: KEN, sector: REB}\n"
    with user_lexicon(tmp_path / "mine.yaml", text, actors._known_actors):
        article = dateline.read(
            "The Zorvath Front attacked a convoy near the border on Sunday, police said.",
            published="2021-04-05",
        )
        assert code(article, "Zorvath Front") == ("KEN", "REB")


def test_coordinated_nationalities_are_separate_actors() -> None:
    article = dateline.read(
        "Brazilian and Argentine negotiators met in Montevideo on Monday to discuss tariffs.",
        published="2021-04-05",
    )
    countries = {e.actor.country for e in article.entities if e.type == "GROUP" and e.actor}
    assert {"BRA", "ARG"} <= countries
    assert spans_are_exact(article) == []
