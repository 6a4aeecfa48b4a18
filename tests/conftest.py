"""Shared fixtures: the spaCy model once per session, and paths into ../shared."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__import__("os").environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "corpus" / "seed" / "000_3d4d97d3557609bd.txt"
WIKINEWS = SHARED / "corpus" / "wikinews" / "articles.jsonl"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy model, loaded once for the whole test session."""
    from dateline.pipeline import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed():
    """The seed article read with no --date (acceptance tests use it)."""
    import dateline

    return dateline.read(SEED)


def spans_are_exact(article) -> list[str]:
    """Every offset-bearing item whose text is not text[start:end] (empty list when all hold)."""
    bad = []
    text = article.text
    for entity in article.entities:
        for m in entity.mentions + entity.evidence:
            if text[m.start : m.end] != m.text:
                bad.append(f"entity {entity.id} {m}")
    for item in [*article.times, *article.quotes, *article.amounts]:
        if text[item.start : item.end] != item.text:
            bad.append(f"{item.id} {item}")
    for q in article.quotes:
        if q.speaker_start is not None and text[q.speaker_start : q.speaker_end] != q.speaker_text:
            bad.append(f"{q.id} speaker words")
    for event in article.events:
        if text[event.trigger.start : event.trigger.end] != event.trigger.text:
            bad.append(f"{event.id} trigger")
    dl = article.meta.dateline
    if dl is not None and not (0 <= dl.start < dl.end <= len(text)):
        bad.append("dateline")
    return bad


def read_exact(text: str):
    """`dateline.read` of a text we wrote, after checking every span it gives."""
    import dateline

    article = dateline.read(text, published="2024-05-10")
    assert spans_are_exact(article) == []
    return article


@contextmanager
def user_lexicon(path: Path, text: str, *caches: Callable) -> Iterator[None]:
    """A user lexicon (YAML `text`, written to `path`) in force for a `with` block; the lexicon
    cache and the given caches built from lexicons are cleared on entry and on exit."""
    from dateline import lexicons

    path.write_text(text, encoding="utf-8")
    before = os.environ.get(lexicons.ENV_VAR)
    os.environ[lexicons.ENV_VAR] = str(path)
    clear = (lexicons.load, *caches)
    for cached in clear:
        cached.cache_clear()  # type: ignore[attr-defined]
    try:
        yield
    finally:
        if before is None:
            del os.environ[lexicons.ENV_VAR]
        else:
            os.environ[lexicons.ENV_VAR] = before
        for cached in clear:
            cached.cache_clear()  # type: ignore[attr-defined]


def coded(article, typ: str | None = None) -> list[tuple[list[str], list[str], Any]]:
    """An article's events (of one type) as (actor names, recipient names, event)."""

    def names(ids: list[str]) -> list[str]:
        return [article.entity(i).name for i in ids]

    return [
        (names(e.actors), names(e.recipients), e)
        for e in article.events
        if typ is None or e.type == typ
    ]
