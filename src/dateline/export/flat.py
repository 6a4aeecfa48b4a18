"""Articles as flat rows: one shape for query output, CSV/Parquet export and per-file tables.

Multi-valued cells are joined with `; ` so that every table loads as plain columns in R,
pandas or a spreadsheet; the full nested record is what `--format jsonl` is for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from dateline.export.columns import LIST_SEP
from dateline.export.scales import article_tone, goldstein, intensity
from dateline.schema import Article, Entity
from dateline.store.listing import listed_articles

if TYPE_CHECKING:
    from dateline.store import Store

Row = dict[str, Any]


def joined(values: Iterable[str | None]) -> str | None:
    kept = [v for v in values if v]
    return LIST_SEP.join(kept) if kept else None


def _names(article: Article, ids: list[str]) -> list[Entity]:
    return [e for e in (article.entity(i) for i in ids) if e is not None]


def _actor_field(entities: list[Entity], field: str) -> str | None:
    return joined(getattr(e.actor, field) if e.actor else None for e in entities)


def event_rows(article: Article, story_id: str | None = None) -> list[Row]:
    rows = []
    meta = article.meta
    tone = article_tone(article).score if article.events else None
    for v in article.events:
        actors, recipients = _names(article, v.actors), _names(article, v.recipients)
        place = article.entity(v.place)
        geo = place.geo if place else None
        reporter = article.entity(v.reported_by)
        rows.append(
            {
                "article_id": article.id,
                "event_id": v.id,
                "date": v.date,
                "type": v.type,
                "cameo": v.cameo,
                "mode": v.mode,
                "context": joined(v.context),
                "intended": v.intended,
                "goldstein": goldstein(v.cameo, v.type),
                "intensity": intensity(v.type, v.mode),
                "actor": joined(e.name for e in actors) or v.actor_text,
                "actor_code": _actor_field(actors, "code"),
                "actor_country": _actor_field(actors, "country"),
                "recipient": joined(e.name for e in recipients) or v.recipient_text,
                "recipient_code": _actor_field(recipients, "code"),
                "recipient_country": _actor_field(recipients, "country"),
                "place": place.name if place else None,
                "place_country": geo.country if geo else None,
                "latitude": geo.lat if geo else None,
                "longitude": geo.lon if geo else None,
                "place_adm1": geo.adm1 if geo else None,
                "place_geonames_id": geo.geonames_id if geo else None,
                "place_feature_code": geo.feature_code if geo else None,
                "negated": v.negated,
                "modality": v.modality,
                "reported_by": reporter.name if reporter else None,
                "confidence": v.confidence,
                "trigger": v.trigger.text,
                "trigger_start": v.trigger.start,
                "trigger_end": v.trigger.end,
                "sentence": article.text[v.sentence.start : v.sentence.end],
                "published": meta.published,
                "headline": meta.headline,
                "publisher": meta.publisher,
                "url": meta.url,
                "tone": tone,
                "story_id": story_id or article.id,
            }
        )
    return rows


def _located(article: Article, start: int, end: int, story_id: str | None) -> Row:
    """Where an item stands: its offsets, its article and its story."""
    return {
        "char_start": start,
        "char_end": end,
        "published": article.meta.published,
        "headline": article.meta.headline,
        "url": article.meta.url,
        "story_id": story_id or article.id,
    }


def quote_rows(article: Article, story_id: str | None = None) -> list[Row]:
    rows = []
    times = {t.id: t for t in article.times}
    for q in article.quotes:
        speaker = article.entity(q.speaker)
        actor = speaker.actor if speaker else None
        when = times.get(q.time or "")
        rows.append(
            {
                "article_id": article.id,
                "quote_id": q.id,
                "kind": q.kind,
                "speaker": speaker.name if speaker else None,
                "speaker_code": actor.code if actor else None,
                "speaker_country": actor.country if actor else None,
                "speaker_text": q.speaker_text,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "text": q.text,
                "cue": q.cue,
                "channel": q.channel,
                "time": when.value if when else None,
                **_located(article, q.start, q.end, story_id),
            }
        )
    return rows


def article_row(article: Article, story_id: str | None = None) -> Row:
    meta, dl = article.meta, article.meta.dateline
    geo = dl.geo if dl else None
    tone = article_tone(article)
    return {
        "article_id": article.id,
        "published": meta.published,
        "headline": meta.headline,
        "publisher": meta.publisher,
        "byline": meta.byline,
        "url": meta.url,
        "dateline_place": dl.place if dl else None,
        "dateline_agency": dl.agency if dl else None,
        "dateline_country": geo.country if geo else None,
        "dateline_latitude": geo.lat if geo else None,
        "dateline_longitude": geo.lon if geo else None,
        "dateline_adm1": geo.adm1 if geo else None,
        "dateline_geonames_id": geo.geonames_id if geo else None,
        "language": meta.language,
        "word_count": len(article.text.split()),
        "tone": tone.score,
        "tone_positive": tone.positive,
        "tone_negative": tone.negative,
        "entities": len(article.entities),
        "events": len(article.events),
        "quotes": len(article.quotes),
        "story_id": story_id or article.id,
        "text": article.text,
    }


def entity_rows(article: Article, story_id: str | None = None) -> list[Row]:
    rows = []
    for e in article.entities:
        rows.append(
            {
                "article_id": article.id,
                "entity_id": e.id,
                "name": e.name,
                "type": e.type,
                "actor_code": e.actor.code if e.actor else None,
                "actor_country": e.actor.country if e.actor else None,
                "actor_sector": e.actor.sector if e.actor else None,
                "geo_country": e.geo.country if e.geo else None,
                "latitude": e.geo.lat if e.geo else None,
                "longitude": e.geo.lon if e.geo else None,
                "admin": e.geo.admin if e.geo else None,
                "adm1": e.geo.adm1 if e.geo else None,
                "geonames_id": e.geo.geonames_id if e.geo else None,
                "feature_class": e.geo.feature_class if e.geo else None,
                "feature_code": e.geo.feature_code if e.geo else None,
                "titles": joined(e.titles),
                "aliases": joined(e.aliases),
                "mentions": len(e.mentions),
                "published": article.meta.published,
            }
        )
    return rows


def amount_rows(article: Article, story_id: str | None = None) -> list[Row]:
    rows = []
    for a in article.amounts:
        reporter = article.entity(a.reported_by)
        rows.append(
            {
                "article_id": article.id,
                "amount_id": a.id,
                "text": a.text,
                "value": a.value,
                "qualifier": a.qualifier,
                "unit": a.unit,
                "object": a.object,
                "predicate": a.predicate,
                "casualty": a.casualty,
                "reported_by": reporter.name if reporter else None,
                **_located(article, a.start, a.end, story_id),
            }
        )
    return rows


def stance_rows(article: Article, story_id: str | None = None) -> list[Row]:
    rows = []
    proposals = {p.id: p for p in article.proposals}
    times = {t.id: t for t in article.times}
    for s in article.stances:
        proposal = proposals.get(s.proposal)
        proposer = article.entity(proposal.proposer) if proposal else None
        actor = article.entity(s.actor)
        reporter = article.entity(s.reported_by)
        when = times.get(s.time or "")
        rows.append(
            {
                "article_id": article.id,
                "stance_id": s.id,
                "proposal_id": s.proposal,
                "proposal": proposal.name if proposal else None,
                "proposer": proposer.name if proposer else (proposal and proposal.proposer_text),
                "actor": actor.name if actor else s.actor_text,
                "actor_code": actor.actor.code if actor and actor.actor else None,
                "actor_country": actor.actor.country if actor and actor.actor else None,
                "stance": s.stance,
                "conditions": joined(s.conditions),
                "threats": joined(s.threats),
                "reported_by": reporter.name if reporter else None,
                "date": s.date or (when.value if when else None),
                "cue": s.cue,
                "text": s.text,
                **_located(article, s.start, s.end, story_id),
            }
        )
    return rows


def actor_rows(article: Article) -> list[Row]:
    """The article's actors for `dateline actors FILE`: who they are and what they do."""
    as_actor: dict[str, int] = {}
    as_recipient: dict[str, int] = {}
    for v in article.events:
        for i in v.actors:
            as_actor[i] = as_actor.get(i, 0) + 1
        for i in v.recipients:
            as_recipient[i] = as_recipient.get(i, 0) + 1
    quoted: dict[str, int] = {}
    for q in article.quotes:
        if q.speaker:
            quoted[q.speaker] = quoted.get(q.speaker, 0) + 1
    rows = []
    for e in article.entities:
        if not (e.actor or e.id in as_actor or e.id in as_recipient or e.id in quoted):
            continue
        rows.append(
            {
                "entity_id": e.id,
                "name": e.name,
                "type": e.type,
                "actor_code": e.actor.code if e.actor else None,
                "country": e.actor.country if e.actor else None,
                "sector": e.actor.sector if e.actor else None,
                "titles": joined(e.titles),
                "mentions": len(e.mentions),
                "events_as_actor": as_actor.get(e.id, 0),
                "events_as_recipient": as_recipient.get(e.id, 0),
                "quotes": quoted.get(e.id, 0),
            }
        )
    return rows


def table_rows(table: str, article: Article, story_id: str | None = None) -> list[Row]:
    """Rows of one flat table (`events`, `quotes`, `articles`, `entities`, `amounts`)."""
    if table == "events":
        return event_rows(article, story_id)
    if table == "quotes":
        return quote_rows(article, story_id)
    if table == "entities":
        return entity_rows(article, story_id)
    if table == "amounts":
        return amount_rows(article, story_id)
    if table == "stances":
        return stance_rows(article, story_id)
    if table == "articles":
        return [article_row(article, story_id)]
    raise ValueError(f"unknown table {table!r}")


def stored_rows(store: Store, keys: Sequence[tuple[str, str]], table: str) -> list[Row]:
    """Flat rows of stored items given as (article_id, item_id) keys, in the keys' order:
    what a query of `dateline.store.query` found, in the shape every output shares. Each
    article is read with the listed items only (`store.listing`), not whole."""
    id_column = {"events": "event_id", "quotes": "quote_id"}[table]
    wanted = {key: i for i, key in enumerate(keys)}
    with store.engine.connect() as conn:
        records = listed_articles(conn, keys, table)
    rows = [
        row
        for article, story_id in records
        for row in table_rows(table, article, story_id)
        if (row["article_id"], row[id_column]) in wanted
    ]
    return sorted(rows, key=lambda r: wanted[(r["article_id"], r[id_column])])
