"""Between the contract and the tables: an article dict to rows, and rows back to an Article.

Both directions live in one module so that a field added to the contract is added to the
store in one place; `tests/test_store.py` checks the round trip field by field.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from dateline.schema import Article

Row = dict[str, Any]


def _columns(names: str) -> dict[str, Any]:
    """A spec of plain columns, from the field names separated by spaces."""
    return dict.fromkeys(names.split(), 1)


# What the columns hold, per record: a key mapped to 1 is a column (or a child table); a dict
# maps a nested object. Anything else in a record (a field added to the contract before the
# store has a column for it) goes to the row's `extra` JSON column and comes back on read,
# so a round trip never loses data.
_SPAN = _columns("text start end")
GEO_KEYS = tuple(_columns("country lat lon admin adm1 geonames_id feature_class feature_code"))
TONE_COLUMNS = {  # contract `Tone` key -> `articles` column
    "score": "tone",
    "positive": "tone_positive",
    "negative": "tone_negative",
    "words": "tone_words",
}
ARTICLE_SPEC = {
    **_columns("schema id text entities times quotes events amounts"),
    "tone": dict.fromkeys(TONE_COLUMNS, 1),
    "meta": {
        **_columns("headline published publisher url byline language images source_format"),
        "dateline": {**_columns("place date agency start end"), "geo": dict.fromkeys(GEO_KEYS, 1)},
    },
}
IMAGE_SPEC = _columns("caption credit")
ENTITY_SPEC = {
    **_columns("id name type aliases titles evidence mentions members"),
    "actor": _columns("country sector code evidence"),
    "geo": dict.fromkeys(GEO_KEYS, 1),
}
EVIDENCE_SPEC = {**_SPAN, "kind": 1}
MENTION_SPEC = {**EVIDENCE_SPEC, **_columns("rule via")}
TIME_SPEC = {**_SPAN, **_columns("id type value mod")}
QUOTE_SPEC = {
    **_SPAN,
    **_columns("id kind speaker speaker_text cue channel time speaker_start speaker_end"),
}
EVENT_SPEC = {
    **_columns(
        "id type mode context cameo actors recipients time date place negated modality "
        "reported_by confidence actor_text recipient_text intended mentions"
    ),
    "trigger": _SPAN,
    "sentence": _columns("start end"),
}
AMOUNT_SPEC = {
    **_SPAN,
    **_columns("id value qualifier unit object reported_by predicate casualty"),
}


def unmapped(record: Mapping[str, Any], spec: Mapping[str, Any]) -> dict[str, Any] | None:
    """The parts of `record` that no column holds (None when there are none).

    Nulls and empty lists are left out: such a field comes back as its default (None, []).
    """
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key not in spec:
            if value is not None and value != []:
                out[key] = value
        elif isinstance(spec[key], dict) and isinstance(value, Mapping):
            rest = unmapped(value, spec[key])
            if rest:
                out[key] = rest
    return out or None


def with_extra(record: dict[str, Any], extra: Mapping[str, Any] | None) -> dict[str, Any]:
    """`record` with the stored `extra` merged back in (nested objects merged, not replaced)."""
    for key, value in (extra or {}).items():
        if isinstance(value, Mapping) and isinstance(record.get(key), dict):
            with_extra(record[key], value)
        else:
            record[key] = value
    return record


def article_rows(
    article: Mapping[str, Any], *, source: str | None, extractor_version: str, ingested_at: str
) -> dict[str, list[Row]]:
    """Rows per table name for one article (a `model_dump()` dict), in insert order."""
    aid = article["id"]
    meta = article.get("meta") or {}
    dl = meta.get("dateline") or {}
    tone = article.get("tone") or {}
    rows: dict[str, list[Row]] = defaultdict(list)
    rows["articles"].append(
        {
            "id": aid,
            "headline": meta.get("headline"),
            "published": meta.get("published"),
            "publisher": meta.get("publisher"),
            "url": meta.get("url"),
            "byline": meta.get("byline"),
            "language": meta.get("language"),
            "source_format": meta.get("source_format"),
            "dateline_place": dl.get("place"),
            "dateline_date": dl.get("date"),
            "dateline_agency": dl.get("agency"),
            "dateline_start": dl.get("start"),
            "dateline_end": dl.get("end"),
            "word_count": len(article["text"].split()),
            "text": article["text"],
            "source": source,
            "schema": article.get("schema", "dateline/1"),
            "extractor_version": extractor_version,
            "ingested_at": ingested_at,
            "extra": unmapped(article, ARTICLE_SPEC),
            "dateline_is_place": dl.get("geo") is not None,
            **_geo_cells(dl.get("geo"), "dateline_geo_"),
            **{column: tone.get(key) for key, column in TONE_COLUMNS.items()},
        }
    )
    for i, image in enumerate(meta.get("images") or []):
        rows["images"].append(
            {
                "article_id": aid,
                "position": i,
                "caption": image["caption"],
                "credit": image.get("credit"),
                "extra": unmapped(image, IMAGE_SPEC),
            }
        )
    for n, e in enumerate(article.get("entities") or []):
        actor, geo = e.get("actor"), e.get("geo")
        rows["entities"].append(
            {
                "article_id": aid,
                "entity_id": e["id"],
                "position": n,
                "name": e["name"],
                "type": e["type"],
                "aliases": list(e.get("aliases") or []),
                "titles": list(e.get("titles") or []),
                "is_actor": actor is not None,
                "actor_code": (actor or {}).get("code"),
                "actor_country": (actor or {}).get("country"),
                "actor_sector": (actor or {}).get("sector"),
                "is_place": geo is not None,
                **_geo_cells(geo, "geo_"),
                "members": list(e.get("members") or []),
                "extra": unmapped(e, ENTITY_SPEC),
            }
        )
        for i, m in enumerate(e.get("mentions") or []):
            rows["mentions"].append(
                {
                    "article_id": aid,
                    "entity_id": e["id"],
                    "position": i,
                    "kind": m["kind"],
                    **_span(m),
                    "rule": m.get("rule"),
                    **_via_cells(m.get("via")),
                    "extra": unmapped(m, MENTION_SPEC),
                }
            )
        for i, ev in enumerate(e.get("evidence") or []):
            rows["entity_evidence"].append(
                {
                    "article_id": aid,
                    "entity_id": e["id"],
                    "position": i,
                    "kind": ev["kind"],
                    **_span(ev),
                    "extra": unmapped(ev, EVIDENCE_SPEC),
                }
            )
        for i, ev in enumerate((actor or {}).get("evidence") or []):
            rows["actor_evidence"].append(
                {
                    "article_id": aid,
                    "entity_id": e["id"],
                    "position": i,
                    **_span(ev),
                    "extra": unmapped(ev, _SPAN),
                }
            )
    for n, t in enumerate(article.get("times") or []):
        rows["times"].append(
            {
                "article_id": aid,
                "time_id": t["id"],
                "position": n,
                "type": t["type"],
                "value": t.get("value"),
                "mod": t.get("mod"),
                **_span(t),
                "extra": unmapped(t, TIME_SPEC),
            }
        )
    for n, q in enumerate(article.get("quotes") or []):
        rows["quotes"].append(
            {
                "article_id": aid,
                "quote_id": q["id"],
                "position": n,
                "kind": q["kind"],
                **_span(q),
                "speaker_id": q.get("speaker"),
                "speaker_text": q.get("speaker_text"),
                "cue": q.get("cue"),
                "channel": q.get("channel"),
                "time_id": q.get("time"),
                "speaker_start": q.get("speaker_start"),
                "speaker_end": q.get("speaker_end"),
                "extra": unmapped(q, QUOTE_SPEC),
            }
        )
    for n, v in enumerate(article.get("events") or []):
        trigger, sentence = v["trigger"], v["sentence"]
        rows["events"].append(
            {
                "article_id": aid,
                "event_id": v["id"],
                "position": n,
                "type": v["type"],
                "mode": v.get("mode"),
                "context": list(v.get("context") or []),
                "cameo": v.get("cameo"),
                "trigger_text": trigger["text"],
                "trigger_start": trigger["start"],
                "trigger_end": trigger["end"],
                "sentence_start": sentence["start"],
                "sentence_end": sentence["end"],
                "time_id": v.get("time"),
                "date": v.get("date"),
                "place_id": v.get("place"),
                "negated": bool(v.get("negated")),
                "modality": v.get("modality", "asserted"),
                "reported_by_id": v.get("reported_by"),
                "confidence": v.get("confidence", 1.0),
                "actor_text": v.get("actor_text"),
                "recipient_text": v.get("recipient_text"),
                "intended": v.get("intended"),
                "mentions": [dict(m) for m in v.get("mentions") or []],
                "extra": unmapped(v, EVENT_SPEC),
            }
        )
        for role, key in (("actor", "actors"), ("recipient", "recipients")):
            for i, entity_id in enumerate(v.get(key) or []):
                rows["event_participants"].append(
                    {
                        "article_id": aid,
                        "event_id": v["id"],
                        "role": role,
                        "position": i,
                        "entity_id": entity_id,
                    }
                )
    for n, a in enumerate(article.get("amounts") or []):
        rows["amounts"].append(
            {
                "article_id": aid,
                "amount_id": a["id"],
                "position": n,
                **_span(a),
                "value": a["value"],
                "qualifier": a.get("qualifier"),
                "unit": a.get("unit"),
                "object": a.get("object"),
                "reported_by_id": a.get("reported_by"),
                "predicate": a.get("predicate"),
                "casualty": bool(a.get("casualty")),
                "extra": unmapped(a, AMOUNT_SPEC),
            }
        )
    return rows


def _geo_cells(geo: Mapping[str, Any] | None, prefix: str) -> Row:
    """A contract `Geo` as columns `<prefix>country`, `<prefix>lat`, …"""
    return {f"{prefix}{key}": (geo or {}).get(key) for key in GEO_KEYS}


def _geo_from(row: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    return {key: row[f"{prefix}{key}"] for key in GEO_KEYS}


def _span(item: Mapping[str, Any]) -> Row:
    return {"text": item["text"], "char_start": item["start"], "char_end": item["end"]}


def _via_cells(via: Mapping[str, Any] | None) -> Row:
    return {
        "via_text": (via or {}).get("text"),
        "via_start": (via or {}).get("start"),
        "via_end": (via or {}).get("end"),
    }


def _mention(row: Mapping[str, Any]) -> Row:
    """A mention record from its row: span, kind, and how coreference linked it."""
    via = None
    if row.get("via_start") is not None:
        via = {"text": row["via_text"], "start": row["via_start"], "end": row["via_end"]}
    record = {**_unspan(row), "kind": row["kind"], "rule": row.get("rule"), "via": via}
    return with_extra(record, row["extra"])


def _unspan(row: Mapping[str, Any]) -> Row:
    return {"text": row["text"], "start": row["char_start"], "end": row["char_end"]}


def _by_article(rows: Iterable[Mapping[str, Any]], *keys: str) -> dict[tuple, list]:
    grouped: dict[tuple, list] = defaultdict(list)
    for row in rows:
        grouped[tuple(row[k] for k in keys)].append(row)
    return grouped


def build_article(
    article: Mapping[str, Any], children: Mapping[str, list[Mapping[str, Any]]]
) -> Article:
    """The Article stored in one `articles` row and its child rows (ordered by position)."""
    aid = article["id"]
    dateline = None
    if article["dateline_place"] is not None:
        dateline = {
            "place": article["dateline_place"],
            "date": article["dateline_date"],
            "agency": article["dateline_agency"],
            "start": article["dateline_start"],
            "end": article["dateline_end"],
            "geo": _geo_from(article, "dateline_geo_") if article["dateline_is_place"] else None,
        }
    meta = {
        "headline": article["headline"],
        "published": article["published"],
        "publisher": article["publisher"],
        "url": article["url"],
        "byline": article["byline"],
        "language": article["language"] or "en",
        "dateline": dateline,
        "images": [
            with_extra({"caption": r["caption"], "credit": r["credit"]}, r["extra"])
            for r in sorted(children.get("images", []), key=lambda r: r["position"])
        ],
        "source_format": article["source_format"],
    }
    mentions = _by_article(children.get("mentions", []), "entity_id")
    evidence = _by_article(children.get("entity_evidence", []), "entity_id")
    actor_evidence = _by_article(children.get("actor_evidence", []), "entity_id")
    participants = _by_article(children.get("event_participants", []), "event_id", "role")

    def ordered(rows: list) -> list:
        return sorted(rows, key=lambda r: r["position"])

    def spans(rows: list, *keys: str) -> list:
        return [
            with_extra({**_unspan(r), **{k: r[k] for k in keys}}, r["extra"]) for r in ordered(rows)
        ]

    entities = []
    for e in ordered(children.get("entities", [])):
        key = (e["entity_id"],)
        actor = None
        if e["is_actor"]:
            actor = {
                "country": e["actor_country"],
                "sector": e["actor_sector"],
                "code": e["actor_code"],
                "evidence": spans(actor_evidence.get(key, [])),
            }
        geo = _geo_from(e, "geo_") if e["is_place"] else None
        record = {
            "id": e["entity_id"],
            "name": e["name"],
            "type": e["type"],
            "aliases": list(e["aliases"] or []),
            "titles": list(e["titles"] or []),
            "evidence": spans(evidence.get(key, []), "kind"),
            "actor": actor,
            "geo": geo,
            "mentions": [_mention(r) for r in ordered(mentions.get(key, []))],
            "members": list(e.get("members") or []),
        }
        entities.append(with_extra(record, e["extra"]))
    times = [
        with_extra(
            {
                "id": t["time_id"],
                **_unspan(t),
                "type": t["type"],
                "value": t["value"],
                "mod": t["mod"],
            },
            t["extra"],
        )
        for t in ordered(children.get("times", []))
    ]
    quotes = [
        with_extra(
            {
                "id": q["quote_id"],
                "kind": q["kind"],
                **_unspan(q),
                "speaker": q["speaker_id"],
                "speaker_text": q["speaker_text"],
                "cue": q["cue"],
                "channel": q["channel"],
                "time": q["time_id"],
                "speaker_start": q["speaker_start"],
                "speaker_end": q["speaker_end"],
            },
            q["extra"],
        )
        for q in ordered(children.get("quotes", []))
    ]
    events = []
    for v in ordered(children.get("events", [])):
        roles = {
            role: [r["entity_id"] for r in ordered(participants.get((v["event_id"], role), []))]
            for role in ("actor", "recipient")
        }
        record = {
            "id": v["event_id"],
            "type": v["type"],
            "mode": v["mode"],
            "context": list(v["context"] or []),
            "cameo": v["cameo"],
            "actors": roles["actor"],
            "recipients": roles["recipient"],
            "trigger": {
                "text": v["trigger_text"],
                "start": v["trigger_start"],
                "end": v["trigger_end"],
            },
            "sentence": {"start": v["sentence_start"], "end": v["sentence_end"]},
            "time": v["time_id"],
            "date": v["date"],
            "place": v["place_id"],
            "negated": bool(v["negated"]),
            "modality": v["modality"],
            "reported_by": v["reported_by_id"],
            "confidence": v["confidence"],
            "actor_text": v["actor_text"],
            "recipient_text": v["recipient_text"],
            "intended": v["intended"],
            "mentions": list(v.get("mentions") or []),
        }
        events.append(with_extra(record, v["extra"]))
    amounts = [
        with_extra(
            {
                "id": a["amount_id"],
                **_unspan(a),
                "value": a["value"],
                "qualifier": a["qualifier"],
                "unit": a["unit"],
                "object": a["object"],
                "reported_by": a["reported_by_id"],
                "predicate": a["predicate"],
                "casualty": bool(a["casualty"]),
            },
            a["extra"],
        )
        for a in ordered(children.get("amounts", []))
    ]
    record = {
        "schema": article["schema"],
        "id": aid,
        "text": article["text"],
        "meta": meta,
        "entities": entities,
        "times": times,
        "quotes": quotes,
        "events": events,
        "amounts": amounts,
        "tone": None
        if article["tone"] is None
        else {key: article[column] for key, column in TONE_COLUMNS.items()},
    }
    return Article.model_validate(with_extra(record, article["extra"]))
