"""Column definitions shared by exports, query output and the README.

Each table is a list of `Column(name, type, doc)`; Parquet types, CSV headers and the README
section "Export formats" are all generated from these lists, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string | int | float | bool
    doc: str


def columns(*specs: tuple[str, str, str]) -> list[Column]:
    return [Column(*spec) for spec in specs]


LIST_SEP = "; "  # multi-valued cells (several actors, contexts, titles) in flat tables

EVENTS = columns(
    ("article_id", "string", "sha256 of the article text (`articles.id`)."),
    ("event_id", "string", "Event id within the article (`V1`, `V2`, …)."),
    ("date", "string", "Date of the event (YYYY-MM-DD, or YYYY-MM when only the month is known)."),
    ("type", "string", "PLOVER event type (AGREE … ASSAULT)."),
    ("cameo", "string", "CAMEO event code, when the coder assigned one."),
    ("mode", "string", "PLOVER event mode."),
    ("context", "string", "PLOVER contexts, `; `-separated."),
    (
        "intended",
        "string",
        "For an intention (AGREE, THREATEN) or a refusal (REJECT): the PLOVER type of the act "
        "intended or refused.",
    ),
    (
        "goldstein",
        "float",
        "Goldstein score (−10 … +10) of the CAMEO code, else of the PLOVER type's usual CAMEO "
        "root (GDELT's GoldsteinScale).",
    ),
    (
        "intensity",
        "float",
        "PLOVER intensity (−10 … +10) of the type and mode (POLECAT's Event Intensity).",
    ),
    (
        "actor",
        "string",
        "Source actor name(s), `; `-separated; the article's own words when no entity "
        "stands for the actor.",
    ),
    ("actor_code", "string", "Source actor code(s) (country + sector, e.g. `USAGOV`)."),
    ("actor_country", "string", "Source actor country code(s) (ISO 3166 alpha-3)."),
    (
        "recipient",
        "string",
        "Target actor name(s), `; `-separated; the article's own words when no entity stands "
        "for the target.",
    ),
    ("recipient_code", "string", "Target actor code(s)."),
    ("recipient_country", "string", "Target actor country code(s)."),
    ("place", "string", "Where the event happened (entity name)."),
    ("place_country", "string", "Country of the place (ISO 3166 alpha-3)."),
    ("latitude", "float", "Latitude of the place."),
    ("longitude", "float", "Longitude of the place."),
    ("place_adm1", "string", "GeoNames admin1 code of the place's region."),
    ("place_geonames_id", "int", "GeoNames id of the place."),
    ("place_feature_code", "string", "GeoNames feature code of the place (PCLI, ADM1, PPL, …)."),
    ("negated", "bool", "The text says the event did not happen."),
    ("modality", "string", "asserted, planned, hypothetical or reported."),
    ("reported_by", "string", "Who the article attributes the event to."),
    ("confidence", "float", "Coder confidence, 0–1."),
    ("trigger", "string", "The words that express the event."),
    ("trigger_start", "int", "Character offset of the trigger in the article text."),
    ("trigger_end", "int", "End offset of the trigger."),
    ("sentence", "string", "The sentence the event was coded from (the evidence)."),
    ("published", "string", "Publication date of the article."),
    ("headline", "string", "Headline of the article."),
    ("publisher", "string", "Publisher of the article."),
    ("url", "string", "URL of the article."),
    ("tone", "float", "Tone of the article (see `articles`)."),
    (
        "story_id",
        "string",
        "The article id of the story's first copy: equal for rewrites of one "
        "wire story, so `story_id` counts independent sources.",
    ),
)

QUOTES = columns(
    ("article_id", "string", "sha256 of the article text."),
    ("quote_id", "string", "Quote id within the article (`Q1`, …)."),
    ("kind", "string", "direct, partial or indirect."),
    ("speaker", "string", "Who is quoted (entity name), if known."),
    ("speaker_code", "string", "Actor code of the speaker."),
    ("speaker_country", "string", "Country of the speaker (ISO alpha-3)."),
    ("speaker_text", "string", "How the article names the speaker at the quote."),
    ("speaker_start", "int", "Character offset of `speaker_text` in the article text."),
    ("speaker_end", "int", "End offset of `speaker_text`."),
    ("text", "string", "The quoted words."),
    ("cue", "string", "Reporting verb (said, told, warned, …)."),
    ("channel", "string", "statement, reporters, interview, post, …"),
    ("time", "string", "TIMEX3 value of when it was said, if stated."),
    ("char_start", "int", "Character offset of the quote in the article text."),
    ("char_end", "int", "End offset of the quote."),
    ("published", "string", "Publication date of the article."),
    ("headline", "string", "Headline of the article."),
    ("url", "string", "URL of the article."),
    ("story_id", "string", "Id of the story's first copy (see events)."),
)

ARTICLES = columns(
    ("article_id", "string", "sha256 of the normalized text."),
    ("published", "string", "Publication date (YYYY-MM-DD)."),
    ("headline", "string", "Headline."),
    ("publisher", "string", "Publisher."),
    ("byline", "string", "Author(s)."),
    ("url", "string", "URL."),
    ("dateline_place", "string", "Place of the wire dateline (`AMMAN`)."),
    ("dateline_agency", "string", "Agency of the dateline (`Reuters`)."),
    ("dateline_country", "string", "Country of the dateline place (ISO alpha-3)."),
    ("dateline_latitude", "float", "Latitude of the dateline place."),
    ("dateline_longitude", "float", "Longitude of the dateline place."),
    ("dateline_adm1", "string", "GeoNames admin1 code of the dateline place's region."),
    ("dateline_geonames_id", "int", "GeoNames id of the dateline place."),
    ("language", "string", "Language code."),
    ("word_count", "int", "Words in the text."),
    (
        "tone",
        "float",
        "GDELT's tone: % positive words − % negative words (−100 … +100), by the sign of "
        "each word's valence in VADER's lexicon.",
    ),
    ("tone_positive", "float", "Positive words, % of the words counted."),
    ("tone_negative", "float", "Negative words, % of the words counted."),
    ("entities", "int", "Entities found."),
    ("events", "int", "Events coded."),
    ("quotes", "int", "Quotes found."),
    ("story_id", "string", "Id of the story's first copy (see events)."),
    ("text", "string", "The normalized body text."),
)

ENTITIES = columns(
    ("article_id", "string", "sha256 of the article text."),
    ("entity_id", "string", "Entity id within the article (`E1`, …)."),
    ("name", "string", "Canonical name."),
    ("type", "string", "PERSON, ORG, GPE, LOC, NORP, …"),
    ("actor_code", "string", "Event-data actor code (`USAGOV`), if coded as an actor."),
    ("actor_country", "string", "Actor country (ISO alpha-3)."),
    ("actor_sector", "string", "Actor sector (GOV, MIL, REB, OPP, IGO, …)."),
    ("geo_country", "string", "Country of a place (ISO alpha-3)."),
    ("latitude", "float", "Latitude of a place."),
    ("longitude", "float", "Longitude of a place."),
    ("admin", "string", "Region of a place (admin1 code; the state's name in the US)."),
    ("adm1", "string", "GeoNames admin1 code of a place's region (`16` for Amman)."),
    ("geonames_id", "int", "GeoNames id of a place."),
    ("feature_class", "string", "GeoNames feature class: A country or region, P populated place."),
    ("feature_code", "string", "GeoNames feature code: PCLI, ADM1, ADM2, PPL, PPLC."),
    ("titles", "string", "Titles the article gives (`Secretary of State`), `; `-separated."),
    ("aliases", "string", "Other names used in the article, `; `-separated."),
    ("mentions", "int", "Times the entity is mentioned."),
    ("published", "string", "Publication date of the article."),
)

AMOUNTS = columns(
    ("article_id", "string", "sha256 of the article text."),
    ("amount_id", "string", "Amount id within the article (`A1`, …)."),
    ("text", "string", "The words of the figure (`more than 37,000 Palestinians`)."),
    ("value", "float", "The number (`dozens` is 12, `hundreds` 100)."),
    ("qualifier", "string", "more than, at least, about, …"),
    ("unit", "string", "Unit, when the figure has one (USD, km, …)."),
    ("object", "string", "What is counted."),
    ("predicate", "string", "The verb the figure belongs to (killed, approved, …)."),
    ("casualty", "bool", "A count of the killed or wounded."),
    ("reported_by", "string", "Who the article attributes the figure to."),
    ("char_start", "int", "Character offset of the figure in the article text."),
    ("char_end", "int", "End offset of the figure."),
    ("published", "string", "Publication date of the article."),
    ("headline", "string", "Headline of the article."),
    ("url", "string", "URL of the article."),
    ("story_id", "string", "Id of the story's first copy (see events)."),
)

TABLES = {
    "events": EVENTS,
    "quotes": QUOTES,
    "articles": ARTICLES,
    "entities": ENTITIES,
    "amounts": AMOUNTS,
}
