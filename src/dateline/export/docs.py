"""The README's "Export formats" section, generated from the column definitions.

`python -m dateline.export.docs` prints it; a test fails when README.md is out of date.
"""

from __future__ import annotations

from dateline.export import gdelt, polecat
from dateline.export.columns import TABLES

FLAT_INTRO = {
    "events": "One row per event.",
    "quotes": "One row per quote.",
    "articles": "One row per article.",
    "entities": "One row per entity (person, organization, place, group) per article.",
    "amounts": "One row per claimed figure.",
}

GDELT_DOCS = [
    (
        ["GLOBALEVENTID"],
        "Stable integer id of the row (hash of article id, event id and actor pair; 53 bits).",
    ),
    (
        ["SQLDATE", "MonthYear", "Year", "FractionDate"],
        "Event date (YYYYMMDD, YYYYMM, YYYY, "
        "year + fraction); the article's publication date when the event has no full date.",
    ),
    (
        ["Actor1Code", "Actor2Code"],
        "Actor code of the source / target (country + sector, `USAGOV`).",
    ),
    (["Actor1Name", "Actor2Name"], "Actor name as resolved in the article."),
    (["Actor1CountryCode", "Actor2CountryCode"], "Actor country (ISO alpha-3, as CAMEO)."),
    (["Actor1Type1Code", "Actor2Type1Code"], "Actor sector (GOV, MIL, REB, OPP, IGO, …)."),
    (
        [
            f"Actor{n}{f}"
            for n in (1, 2)
            for f in (
                "KnownGroupCode",
                "EthnicCode",
                "Religion1Code",
                "Religion2Code",
                "Type2Code",
                "Type3Code",
            )
        ],
        "Empty: dateline does not code these.",
    ),
    (["IsRootEvent"], "1 when the event is coded from the lead paragraph."),
    (
        ["EventCode", "EventBaseCode", "EventRootCode"],
        "CAMEO code and its 3- and 2-digit "
        "prefixes (empty when the coder gave only a PLOVER type).",
    ),
    (
        ["QuadClass"],
        "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
        "4 material conflict: from the CAMEO root, else from the PLOVER type.",
    ),
    (
        ["GoldsteinScale"],
        "Goldstein conflict–cooperation score (−10 … +10) of the most specific CAMEO code "
        "known, from GDELT's own lookup (`lexicons/goldstein.yaml`); an event with only a "
        "PLOVER type takes the score of the type's usual CAMEO root (`lexicons/cameo_roots.yaml`"
        ", e.g. ASSAULT → 18).",
    ),
    (
        ["AvgTone"],
        "Tone of the article: % positive words − % negative words (−100 … +100), as GDELT "
        "defines it, with VADER's lexicon instead of GDELT's dictionaries (see Tone). GDELT "
        "averages over every article that mentions the event; this is the tone of the story's "
        "first copy (its near-duplicate rewrites have nearly the same words).",
    ),
    (
        ["NumMentions", "NumArticles"],
        "Articles reporting the story: the first copy and its near-duplicate rewrites.",
    ),
    (["NumSources"], "Distinct publishers among those articles."),
    (
        [f"{p}_Type" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")],
        "1 country, 2 US state, 3 US city or county, 4 place elsewhere, 5 region elsewhere "
        "(from the place's GeoNames feature code).",
    ),
    (
        [f"{p}_FullName" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")],
        "Place, region, "
        "country. Actor geo: the actor's own place (a country actor); action geo: where the "
        "event happened.",
    ),
    (
        [f"{p}_CountryCode" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")],
        "FIPS 10-4 country code, as GDELT uses.",
    ),
    (
        [f"{p}_Lat" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")]
        + [f"{p}_Long" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")],
        "Coordinates.",
    ),
    (
        [f"{p}_ADM1Code" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")],
        "FIPS country code + the region's GeoNames admin1 code (`JO16` for Amman, `USDC` for "
        "Washington; the FIPS code alone for a country). GeoNames admin1 codes are GDELT's "
        "FIPS 10-4 codes for most countries; where GeoNames uses other codes, they differ.",
    ),
    (
        [f"{p}_FeatureID" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")],
        "GeoNames id of a town (GDELT's own ids are GNS/GNIS ids: join on names or "
        "coordinates, not ids); for a country or region, its ADM1 code, as GDELT does.",
    ),
    ([f"{p}_ADM2Code" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")], "Empty."),
    (["DATEADDED"], "When the article was ingested (YYYYMMDDHHMMSS, UTC)."),
    (["SOURCEURL"], "URL of the article (its file or record name when it has none)."),
]

POLECAT_DOCS = [
    (["Event ID"], "Stable hex id of the row (hash of article id, event id and actor pair)."),
    (["Event Date"], "Event date, else the publication date (YYYY-MM-DD)."),
    (
        ["Event Type", "Event Mode", "Contexts"],
        "PLOVER type, mode and contexts (contexts `; `-separated).",
    ),
    (
        ["Event Intensity"],
        "PLOVER conflict–cooperation score (−10 … +10) of the type and mode, else of the type "
        "(`lexicons/plover_intensity.yaml`, from the PLOVER manual).",
    ),
    (
        ["Actor COW", "Recipient COW", "Wikipedia Actor ID", "Wikipedia Recipient ID"],
        "Empty: not coded by dateline.",
    ),
    (["Quad Code"], "1–4 as GDELT's QuadClass."),
    (["Actor Name", "Recipient Name"], "Resolved name of the source / target."),
    (["Actor Country", "Recipient Country"], "Country (ISO alpha-3)."),
    (
        ["Primary Actor Sector", "Actor Sectors", "Primary Recipient Sector", "Recipient Sectors"],
        "Sector code (GOV, MIL, …).",
    ),
    (["Actor Title", "Recipient Title"], "Titles given in the article, `; `-separated."),
    (["Actor Name Raw", "Recipient Name Raw"], "First mention of the actor in the text."),
    (["Placename", "Raw Placename"], "Where the event happened: resolved name / first mention."),
    (
        ["City", "District", "Province", "Country"],
        "Town (empty when the place is a country or region); district, when the place is one "
        "(a US county); region (admin1 code, or the US state's name); country (ISO alpha-3).",
    ),
    (["Latitude", "Longitude"], "Coordinates of the place."),
    (["GeoNames ID"], "GeoNames id of the place, when the gazetteer has one."),
    (
        ["Feature Type"],
        "GeoNames feature code of the place: PCLI country, ADM1 region, ADM2 district, PPL "
        "town, PPLC capital.",
    ),
    (
        ["Source", "Publication Date", "Language"],
        "Publisher, publication date and language of the article.",
    ),
    (
        ["Story People", "Story Organizations", "Story Locations"],
        "All people, organizations and places the article names, `; `-separated.",
    ),
    (["Version"], "dateline version and extractor version."),
]


def _check(docs: list, columns: list[str]) -> None:
    documented = [c for names, _ in docs for c in names]
    missing = set(columns) - set(documented)
    extra = set(documented) - set(columns)
    assert not missing and not extra, (missing, extra)


def markdown() -> str:
    _check(GDELT_DOCS, gdelt.COLUMNS)
    _check(POLECAT_DOCS, polecat.COLUMNS)
    out = [
        "## Export formats",
        "",
        "`dateline export --format jsonl|csv|parquet|gdelt|polecat --out PATH [--db URL]`",
        "",
        "* **jsonl**: one `dateline/1` record per line, every field (load with "
        "`pandas.read_json(path, lines=True)`).",
        "* **csv**, **parquet**: one flat table, chosen with `--table events|quotes|articles|"
        "entities|amounts` (default `events`). Several values in one cell (two actors) are joined "
        "with `; `. Parquet columns are typed as listed. Every article is included; rewrites "
        "of one story share a `story_id`.",
        "* **gdelt**: the 61 columns of a GDELT 2.0 Event table, tab-separated, no header "
        "(add `--header`), one row per actor–recipient pair.",
        "* **polecat**: POLECAT's 40 PLOVER columns, tab-separated, with a header.",
        "",
        "gdelt and polecat leave out near-duplicate articles (rewrites of a story already "
        "stored) so that one wire story is not counted as many events; `--include-duplicates` "
        "keeps them.",
        "",
    ]
    for table, columns in TABLES.items():
        out += [
            f"### {table} (csv, parquet)",
            "",
            FLAT_INTRO[table],
            "",
            "| column | type | meaning |",
            "| --- | --- | --- |",
        ]
        out += [f"| `{c.name}` | {c.type} | {c.doc} |" for c in columns]
        out.append("")
    for title, docs in (("gdelt", GDELT_DOCS), ("polecat", POLECAT_DOCS)):
        out += [f"### {title}", "", "| columns | content |", "| --- | --- |"]
        out += [f"| {', '.join(f'`{n}`' for n in names)} | {doc} |" for names, doc in docs]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown())
