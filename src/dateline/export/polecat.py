"""POLECAT-style PLOVER event table: POLECAT's 40 columns, tab-separated, with a header.

POLECAT's own weekly files are known for stray tabs and extra header cells; this writer
flattens tabs and newlines inside values so every row has exactly 40 fields. As in POLECAT,
one row per actor-recipient pair; only the first copy of each story is exported. Columns
dateline cannot fill (COW codes, Wikipedia ids) are empty.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from itertools import product
from pathlib import Path

from dateline import __version__
from dateline.export import codes
from dateline.export.columns import LIST_SEP
from dateline.export.scales import intensity
from dateline.pipeline import EXTRACTOR_VERSION
from dateline.schema import Article, Entity
from dateline.store import StoredArticle

COLUMNS = [
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Event Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
]
assert len(COLUMNS) == 40


def rows(records: Iterable[StoredArticle]) -> Iterator[list]:
    version = f"dateline {__version__} (extractor {EXTRACTOR_VERSION})"
    for record in records:
        article = record.article
        story = _story_entities(article)
        for event in article.events:
            actors = [article.entity(i) for i in event.actors] or [None]
            recipients = [article.entity(i) for i in event.recipients] or [None]
            place = article.entity(event.place)
            for pair, (actor, recipient) in enumerate(product(actors, recipients)):
                yield [
                    _event_id(article.id, event.id, pair),
                    event.date or article.meta.published or "",
                    event.type,
                    event.mode or "",
                    _number(intensity(event.type, event.mode)),
                    codes.quad_class(event.cameo, event.type) or "",
                    LIST_SEP.join(event.context),
                    *_party(actor),
                    *_party(recipient),
                    *_place(place),
                    article.meta.publisher or "",
                    article.meta.published or "",
                    *story,
                    article.meta.language,
                    version,
                ]


def write(records: Iterable[StoredArticle], out: Path) -> int:
    n = 0
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for row in rows(records):
            handle.write("\t".join(" ".join(str(v).split()) for v in row) + "\n")
            n += 1
    return n


def _event_id(article_id: str, event_id: str, pair: int) -> str:
    return hashlib.blake2b(f"{article_id}:{event_id}:{pair}".encode(), digest_size=10).hexdigest()


def _party(entity: Entity | None) -> list:
    if entity is None:
        return [""] * 8
    actor = entity.actor
    sector = (actor.sector if actor else None) or ""
    raw = entity.mentions[0].text if entity.mentions else entity.name
    return [
        entity.name,
        (actor.country if actor else None) or "",
        "",
        sector,
        sector,
        LIST_SEP.join(entity.titles),
        raw,
        "",
    ]


def _number(value: float | None) -> str:
    """A score as the PLOVER table prints it: -2, 2.5."""
    return "" if value is None else f"{value:g}"


def _place(entity: Entity | None) -> list:
    if entity is None:
        return [""] * 10
    geo = entity.geo
    country = geo.country if geo else None
    code = geo.feature_code if geo else None
    if code is None:  # a place GeoNames does not identify: a town unless it is the country
        is_city = not codes.is_country(entity.name, country)
    else:
        is_city = geo is not None and geo.feature_class == "P"
    return [
        entity.name,
        entity.name if is_city else "",
        entity.name if code == "ADM2" else "",
        (geo.admin if geo else None) or "",
        country or "",
        "" if geo is None or geo.lat is None else geo.lat,
        "" if geo is None or geo.lon is None else geo.lon,
        "" if geo is None or geo.geonames_id is None else geo.geonames_id,
        entity.mentions[0].text if entity.mentions else entity.name,
        code or "",
    ]


def _story_entities(article: Article) -> list[str]:
    def names(*types: str) -> str:
        return LIST_SEP.join(e.name for e in article.entities if e.type in types)

    return [names("PERSON"), names("ORG", "NORP"), names("GPE", "LOC", "FAC")]
