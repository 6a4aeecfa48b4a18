"""The `dateline/1` contract (DESIGN.md §2) as pydantic models.

Field names are public interface: add freely, rename or remove only with a schema bump.
All offsets are Python string indices into `Article.text`.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "dateline/1"

EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]


class Model(BaseModel):
    """Base for every record: strict about unknown fields so typos fail loudly."""

    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """A stretch of `text` that is the evidence for something."""

    text: str
    start: int
    end: int


class Geo(Model):
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin: str | None = None
    adm1: str | None = Field(
        default=None, description="GeoNames admin1 code of the place's first-level region ('16')."
    )
    geonames_id: int | None = Field(default=None, description="GeoNames id of the place.")
    feature_class: str | None = Field(
        default=None, description="GeoNames feature class: A country or region, P populated place."
    )
    feature_code: str | None = Field(
        default=None, description="GeoNames feature code: PCLI, ADM1, ADM2, PPL, PPLC."
    )


class Dateline(Model):
    place: str
    date: str | None = None
    agency: str | None = None
    start: int
    end: int
    geo: Geo | None = None


class Image(Model):
    caption: str
    credit: str | None = None


class Meta(Model):
    headline: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    byline: str | None = None
    language: str = "en"
    dateline: Dateline | None = None
    images: list[Image] = Field(default_factory=list)
    source_format: str | None = Field(
        default=None, description="Reader that produced the article: text, markdown, html, json."
    )
    notes: list[str] = Field(
        default_factory=list,
        description="Why the article carries fewer annotations than usual, e.g. "
        "'unsupported language: de' (kept with its metadata, not annotated).",
    )


class Mention(Span):
    kind: Literal["name", "description", "pronoun"] = "name"
    rule: str | None = Field(
        default=None,
        description="How coreference linked a description or pronoun: title, role, family, "
        "head noun, pronoun, plural, anaphoric description, unnamed.",
    )
    via: Span | None = Field(
        default=None, description="The words it was linked through: antecedent, title or role."
    )


class Evidence(Span):
    """Words in the article that tell us something about an entity (a title, an appositive)."""

    kind: Literal["title", "appositive", "relative", "description", "members"]


class Actor(Model):
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    evidence: list[Span] = Field(default_factory=list)


class Entity(Model):
    id: str
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    actor: Actor | None = None
    geo: Geo | None = None
    mentions: list[Mention] = Field(default_factory=list)
    members: list[str] = Field(
        default_factory=list,
        description='For a group that stands for named entities ("the two men"): their ids.',
    )


class Time(Span):
    id: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None = None
    mod: str | None = None


class Quote(Span):
    id: str
    kind: Literal["direct", "partial", "indirect"]
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    channel: str | None = None
    time: str | None = None
    speaker_start: int | None = Field(
        default=None, description="Offset of the words naming the speaker (speaker_text)."
    )
    speaker_end: int | None = None


class SentenceSpan(Model):
    start: int
    end: int


class Event(Model):
    id: str
    type: EventType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    cameo: str | None = None
    actors: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    trigger: Span
    sentence: SentenceSpan
    time: str | None = None
    date: str | None = None
    place: str | None = None
    negated: bool = False
    modality: Literal["asserted", "planned", "hypothetical", "reported"] = "asserted"
    reported_by: str | None = None
    confidence: float = 1.0
    actor_text: str | None = Field(
        default=None, description="The actor's words when no entity stands for them."
    )
    recipient_text: str | None = Field(
        default=None, description="The recipient's words when no entity stands for them."
    )
    intended: str | None = Field(
        default=None,
        description="For an intention (AGREE/THREATEN) or a refusal (REJECT): the type of the "
        "act intended or refused, e.g. AID for 'will provide aid'.",
    )
    mentions: list[Span] = Field(
        default_factory=list,
        description="Every trigger span where the article states this same act (restatements).",
    )


class Amount(Span):
    id: str
    value: float
    qualifier: str | None = None
    unit: str | None = None
    object: str | None = None
    reported_by: str | None = None
    predicate: str | None = Field(default=None, description="The verb the figure belongs to.")
    casualty: bool = Field(default=False, description="A count of the killed or wounded.")


class Tone(Model):
    """GDELT's document tone: the share of positive words minus the share of negative words."""

    score: float = Field(description="positive - negative, -100 ... +100 (GDELT's AvgTone).")
    positive: float = Field(description="Percentage of the words with a positive valence.")
    negative: float = Field(description="Percentage of the words with a negative valence.")
    words: int = Field(description="Words counted (the denominator of the percentages).")


class Article(Model):
    """One news report as structured, verifiable data."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    id: str
    text: str
    meta: Meta = Field(default_factory=Meta)
    entities: list[Entity] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    tone: Tone | None = Field(default=None, description="Tone of the whole text (GDELT AvgTone).")

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        """Dump with the public key `schema` (not the Python attribute name)."""
        kwargs.setdefault("by_alias", True)
        return super().model_dump(**kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:  # type: ignore[override]
        kwargs.setdefault("by_alias", True)
        return super().model_dump_json(**kwargs)

    def entity(self, entity_id: str | None) -> Entity | None:
        """Look an entity up by id (quotes and events refer to entities by id)."""
        return next((e for e in self.entities if e.id == entity_id), None)


def json_schema() -> str:
    """The JSON Schema of an article record, for `dateline schema`."""
    schema = Article.model_json_schema(by_alias=True)
    schema["$id"] = SCHEMA_ID
    return json.dumps(schema, indent=2)
