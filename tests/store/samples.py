"""Hand-built articles with every list of the contract filled, for store and export tests.

The stages that fill quotes, events and amounts are still being written, so the store is
tested with articles whose annotations we write ourselves (fictional people, real shapes).
"""

from __future__ import annotations

import hashlib

from dateline.schema import Article

BODY = (
    "Foreign Minister Ana Duarte of Portugal met Kenyan Trade Minister Joseph Mwangi on "
    "Tuesday in Geneva to discuss the drought in the Horn of Africa. "
    "\u201cWe will not abandon our partners,\u201d Duarte told reporters after the talks. "
    "Kenya accused the World Bank of delaying aid, saying more than 2,000 families had lost "
    "their homes since January. The bank rejected the accusation in a statement on Wednesday."
)


GENEVA = {
    "country": "CHE",
    "lat": 46.20222,
    "lon": 6.14569,
    "admin": "GE",
    "adm1": "GE",
    "geonames_id": 2660646,
    "feature_class": "P",
    "feature_code": "PPL",
}


def _at(text: str, phrase: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return {"text": phrase, "start": start, "end": start + len(phrase)}


def sample_article(
    body: str = BODY,
    headline: str = "Portugal and Kenya discuss drought aid",
    published: str = "2024-03-06",
) -> Article:
    """A fully annotated article; offsets are computed from `body`, so variants stay exact."""
    text = body
    sentence_2 = text.index("Kenya accused")
    sentence_3 = text.index("The bank rejected")
    record = {
        "schema": "dateline/1",
        "id": hashlib.sha256(text.encode()).hexdigest(),
        "text": text,
        "meta": {
            "headline": headline,
            "published": published,
            "publisher": "Example Wire",
            "url": "https://news.example.org/2024/03/06/drought-talks",
            "byline": "Maria Keller",
            "language": "en",
            "dateline": {
                "place": "GENEVA",
                "date": "2024-03-04",
                "agency": "Wire",
                "start": 0,
                "end": 0,
                "geo": GENEVA,
            },
            "images": [{"caption": "Ana Duarte arrives in Geneva.", "credit": "Example Photo"}],
            "source_format": "text",
        },
        "entities": [
            {
                "id": "E1",
                "name": "Ana Duarte",
                "type": "PERSON",
                "aliases": ["Duarte"],
                "titles": ["Foreign Minister"],
                "evidence": [{**_at(text, "Foreign Minister"), "kind": "title"}],
                "actor": {
                    "country": "PRT",
                    "sector": "GOV",
                    "code": "PRTGOV",
                    "evidence": [_at(text, "Foreign Minister")],
                },
                "geo": None,
                "mentions": [
                    {**_at(text, "Ana Duarte"), "kind": "name"},
                    {**_at(text, "Duarte", 1), "kind": "name"},
                ],
            },
            {
                "id": "E2",
                "name": "Joseph Mwangi",
                "type": "PERSON",
                "aliases": [],
                "titles": ["Trade Minister"],
                "evidence": [],
                "actor": {"country": "KEN", "sector": "GOV", "code": "KENGOV", "evidence": []},
                "geo": None,
                "mentions": [{**_at(text, "Joseph Mwangi"), "kind": "name"}],
            },
            {
                "id": "E3",
                "name": "Geneva",
                "type": "GPE",
                "aliases": [],
                "titles": [],
                "evidence": [],
                "actor": None,
                "geo": GENEVA,
                "mentions": [{**_at(text, "Geneva"), "kind": "name"}],
            },
            {
                "id": "E4",
                "name": "Kenya",
                "type": "GPE",
                "aliases": [],
                "titles": [],
                "evidence": [],
                "actor": {"country": "KEN", "sector": None, "code": "KEN", "evidence": []},
                "geo": {
                    "country": "KEN",
                    "lat": 0.0236,
                    "lon": 37.9062,
                    "admin": None,
                    "adm1": None,
                    "geonames_id": 192950,
                    "feature_class": "A",
                    "feature_code": "PCLI",
                },
                "mentions": [{**_at(text, "Kenya", 1), "kind": "name"}],
            },
            {
                "id": "E5",
                "name": "World Bank",
                "type": "ORG",
                "aliases": ["The bank"],
                "titles": [],
                "evidence": [],
                "actor": {"country": None, "sector": "IGO", "code": "IGOWBK", "evidence": []},
                "geo": None,
                "mentions": [
                    {**_at(text, "World Bank"), "kind": "name"},
                    {**_at(text, "The bank"), "kind": "description"},
                ],
            },
        ],
        "times": [
            {
                "id": "T1",
                **_at(text, "Tuesday"),
                "type": "DATE",
                "value": "2024-03-05",
                "mod": None,
            },
            {
                "id": "T2",
                **_at(text, "since January"),
                "type": "DATE",
                "value": "2024-01",
                "mod": "AFTER",
            },
            {
                "id": "T3",
                **_at(text, "Wednesday"),
                "type": "DATE",
                "value": "2024-03-06",
                "mod": None,
            },
        ],
        "quotes": [
            {
                "id": "Q1",
                "kind": "direct",
                **_at(text, "We will not abandon our partners,"),
                "speaker": "E1",
                "speaker_text": "Duarte",
                "cue": "told",
                "channel": "reporters",
                "time": None,
                "speaker_start": _at(text, "Duarte", 1)["start"],
                "speaker_end": _at(text, "Duarte", 1)["end"],
            },
            {
                "id": "Q2",
                "kind": "indirect",
                **_at(text, "more than 2,000 families had lost their homes since January"),
                "speaker": "E4",
                "speaker_text": "Kenya",
                "cue": "saying",
                "channel": None,
                "time": "T2",
            },
        ],
        "events": [
            {
                "id": "V1",
                "type": "CONSULT",
                "mode": "visit",
                "context": ["economic"],
                "cameo": "043",
                "actors": ["E1"],
                "recipients": ["E2"],
                "trigger": _at(text, "met"),
                "sentence": {"start": 0, "end": sentence_2 - 1},
                "time": "T1",
                "date": "2024-03-05",
                "place": "E3",
                "negated": False,
                "modality": "asserted",
                "reported_by": None,
                "confidence": 0.9,
            },
            {
                "id": "V2",
                "type": "ACCUSE",
                "mode": None,
                "context": [],
                "cameo": "112",
                "actors": ["E4"],
                "recipients": ["E5"],
                "trigger": _at(text, "accused"),
                "sentence": {"start": sentence_2, "end": sentence_3 - 1},
                "time": None,
                "date": "2024-03-06",
                "place": None,
                "negated": False,
                "modality": "asserted",
                "reported_by": None,
                "confidence": 0.8,
            },
            {
                "id": "V3",
                "type": "REJECT",
                "mode": None,
                "context": [],
                "cameo": None,
                "actors": ["E5"],
                "recipients": ["E4"],
                "trigger": _at(text, "rejected"),
                "sentence": {"start": sentence_3, "end": len(text)},
                "time": "T3",
                "date": "2024-03-06",
                "place": None,
                "negated": False,
                "modality": "reported",
                "reported_by": "E5",
                "confidence": 0.7,
                "intended": "CONCEDE",
            },
        ],
        "amounts": [
            {
                "id": "A1",
                **_at(text, "more than 2,000 families"),
                "value": 2000.0,
                "qualifier": "more than",
                "unit": None,
                "object": "families",
                "reported_by": "E4",
                "predicate": "lost",
                "casualty": False,
            },
        ],
    }
    record["tone"] = {"score": -1.5152, "positive": 3.0303, "negative": 4.5455, "words": 66}
    return Article.model_validate(record)


def variant(n: int) -> Article:
    """The n-th distinct article (different text, so a different id), same annotations."""
    body = BODY.replace("on Tuesday", f"on Tuesday ({n})")
    return sample_article(body, headline=f"Drought talks, part {n}")


def plain_article(text: str, headline: str) -> Article:
    """An article with metadata and no annotations (what a reader-only run stores)."""
    return Article.model_validate(
        {
            "id": hashlib.sha256(text.encode()).hexdigest(),
            "text": text,
            "meta": {"headline": headline, "published": "2024-03-06"},
        }
    )
