"""GDELT 2.0 Event table: the 61 columns, tab-separated, no header (as GDELT publishes them).

One row per actor-recipient pair of an event (an event with two actors gives two rows, as
PETRARCH and GDELT code compound actors). Columns dateline cannot fill (ethnic, religion and
known-group codes, ADM2 codes) are left empty. Only the first copy of each story is exported;
NumArticles/NumSources count its near-duplicates, so a wire story printed by ten outlets is
one event reported ten times, not ten events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import product
from pathlib import Path

from dateline.export import codes
from dateline.export.scales import article_tone, goldstein
from dateline.schema import Article, Entity, Event
from dateline.store import StoredArticle

ACTOR_FIELDS = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in ACTOR_FIELDS),
    *(f"Actor2{f}" for f in ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{f}" for f in GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
]
assert len(COLUMNS) == 61


def event_id(article_id: str, event: str, pair: int) -> int:
    """A stable integer id (53 bits, exact in R and JavaScript doubles)."""
    digest = hashlib.blake2b(f"{article_id}:{event}:{pair}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 11


Sized = tuple[StoredArticle, tuple[int, int]]  # a record with its story's articles and sources


def rows(items: Iterable[Sized]) -> Iterator[list]:
    for record, (n_articles, n_sources) in items:
        article = record.article
        tone = article_tone(article).score if article.events else None
        for event in article.events:
            day = _event_day(event, article)
            actors = [article.entity(i) for i in event.actors] or [None]
            recipients = [article.entity(i) for i in event.recipients] or [None]
            for pair, (a1, a2) in enumerate(product(actors, recipients)):
                place = article.entity(event.place)
                cameo = event.cameo or ""
                score = goldstein(event.cameo, event.type)
                yield [
                    event_id(article.id, event.id, pair),
                    day.strftime("%Y%m%d") if day else "",
                    day.strftime("%Y%m") if day else "",
                    day.year if day else "",
                    f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
                    *_actor(a1),
                    *_actor(a2),
                    int(_is_root(event, article)),
                    cameo,
                    cameo[:3],
                    cameo[:2],
                    codes.quad_class(event.cameo, event.type) or "",
                    "" if score is None else score,
                    n_articles,
                    n_sources,
                    n_articles,
                    tone,
                    *_geo(a1),
                    *_geo(a2),
                    *_geo(place),
                    _dateadded(record.ingested_at),
                    article.meta.url or record.source or "",
                ]


def write(items: Iterable[Sized], out: Path, header: bool = False) -> int:
    n = 0
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        if header:
            handle.write("\t".join(COLUMNS) + "\n")
        for row in rows(items):
            handle.write("\t".join(_cell(v) for v in row) + "\n")
            n += 1
    return n


def _cell(value: object) -> str:
    """Tabs and newlines inside a value would shift every later column: flatten them."""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _event_day(event: Event, article: Article) -> date | None:
    for value in (event.date, article.meta.published):
        try:
            return date.fromisoformat(value or "")
        except ValueError:
            continue
    return None


def _is_root(event: Event, article: Article) -> bool:
    """GDELT's root events come from the lead paragraph."""
    lead_end = article.text.find("\n\n")
    return event.sentence.start < (lead_end if lead_end > 0 else len(article.text) // 5 or 1)


def _actor(entity: Entity | None) -> list:
    if entity is None:
        return [""] * len(ACTOR_FIELDS)
    actor = entity.actor
    return [
        (actor.code if actor else None) or "",
        entity.name,
        (actor.country if actor else None) or "",
        "",
        "",
        "",
        "",
        (actor.sector if actor else None) or "",
        "",
        "",
    ]


def _geo_type(entity: Entity) -> int:
    """GDELT's geographic resolution: 1 country, 2 US state, 3 US city or landmark, 4 city
    or landmark elsewhere, 5 first-level region elsewhere."""
    geo = entity.geo
    assert geo is not None
    us = geo.country == "USA"
    if geo.feature_code == "PCLI" or (
        geo.feature_code is None and codes.is_country(entity.name, geo.country)
    ):
        return 1
    if geo.feature_code == "ADM1":
        return 2 if us else 5
    return 3 if us else 4


def _geo(entity: Entity | None) -> list:
    if entity is None or entity.geo is None:
        return [""] * len(GEO_FIELDS)
    geo = entity.geo
    geo_type = _geo_type(entity)
    full = ", ".join(
        dict.fromkeys(x for x in (entity.name, geo.admin, codes.country_name(geo.country)) if x)
    )
    fips = codes.fips(geo.country) or ""
    # GDELT's ADM1 code is the FIPS country code plus the region's code (JO16); a country is
    # its FIPS code alone. GeoNames admin1 codes are FIPS codes for most countries.
    adm1 = fips if geo_type == 1 or not fips else fips + (geo.adm1 or "")
    # GDELT gives a numeric feature id for a town, and the ADM1 code for a country or region.
    feature = adm1 if geo_type in (1, 2, 5) else geo.geonames_id
    return [
        geo_type,
        full,
        fips,
        adm1,
        "",
        "" if geo.lat is None else geo.lat,
        "" if geo.lon is None else geo.lon,
        "" if feature is None else feature,
    ]


def _dateadded(ingested_at: str) -> str:
    digits = "".join(ch for ch in ingested_at[:19] if ch.isdigit())
    return digits.ljust(14, "0")
