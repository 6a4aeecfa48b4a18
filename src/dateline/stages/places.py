"""Places: GPE, LOC and FAC entities and the dateline place, resolved offline to country,
admin area and coordinates, read in the light of the countries the article itself names."""

from __future__ import annotations

from dateline.schema import Entity, Geo, Meta
from dateline.stages.gazetteer import Place, country_of_name, country_of_word, resolve

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def article_countries(entities: list[Entity], meta: Meta) -> set[str]:
    """Countries the article is about: named countries, nationality words, the dateline."""
    found: set[str] = set()
    for entity in entities:
        if entity.type in ("GPE", "LOC"):
            iso3 = country_of_name(entity.name)
        elif entity.type == "NORP":
            iso3 = country_of_word(entity.name, capitals=False)
        else:
            continue
        if iso3:
            found.add(iso3)
    if meta.dateline is not None:
        place = resolve(meta.dateline.place.split(",")[0])
        if place is not None:
            found.add(place.country)
    return found


def _geo(place: Place | None) -> Geo | None:
    if place is None:
        return None
    code = place.feature_code
    return Geo(
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        admin=place.admin,
        adm1=place.adm1,
        geonames_id=place.geonames_id,
        # GeoNames puts populated places (PPL…) in class P, countries and regions in class A.
        feature_class=None if code is None else ("P" if code.startswith("PPL") else "A"),
        feature_code=code,
    )


def _region(entity: Entity) -> str | None:
    """ "DC" from "Washington, DC": the region written after a comma, if any."""
    for alias in [entity.name, *entity.aliases]:
        if "," in alias:
            return alias.split(",", 1)[1].strip()
    return None


def resolve_places(entities: list[Entity], meta: Meta) -> None:
    """Set `geo` on place entities and on the dateline; unknown places keep `geo: null`."""
    context = article_countries(entities, meta)
    for entity in entities:
        if entity.type in PLACE_TYPES:
            others = context - {country_of_name(entity.name)}
            entity.geo = _geo(resolve(entity.name, others, _region(entity)))
    if meta.dateline is not None:
        name, _, region = meta.dateline.place.partition(",")
        meta.dateline.geo = _geo(resolve(name.strip(), context, region.strip() or None))
