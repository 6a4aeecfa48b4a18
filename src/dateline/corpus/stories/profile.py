"""An article's story signature: the few words and names that say what it is about.

Keys are word stems (the first six letters, so "suspend", "suspends" and "suspension" meet)
from the headline, the lead and the body, and the names of the article's people,
organizations and places (`e:` keys, with their aliases). Each key is weighed by tf-idf: the
term frequency (the headline counts three times, the lead one and a half) times an inverse
document frequency that blends the corpus's own counts with English at large (wordfreq), as
if the corpus began with `PRIOR_DOCS` ordinary documents. So "said" weighs nothing even in
the first article stored, and "Gaza" still weighs something in a corpus that is all Gaza.
The signature is the `SIZE` heaviest keys.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from wordfreq import word_frequency as _word_frequency

STEM = 6  # letters kept of a word
SIZE = 15  # keys in a signature
HEADLINE_WEIGHT = 2.0
LEAD_WEIGHT = 1.5
PRIOR_DOCS = 100  # ordinary English documents the corpus is taken to start with
DOC_WORDS = 400  # words of an ordinary document, for the chance that it holds a word
STOP_FREQUENCY = 1e-3  # words more frequent than this in English say nothing of a story
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})
MAX_KEY = 160
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?", re.UNICODE)


@dataclass
class Terms:
    """Every key of an article with its frequency in the text, whether the headline holds it,
    and its prior chance of occurring in an ordinary English document."""

    counts: Counter[str]
    prior: dict[str, float]
    headline: set[str]


@lru_cache(maxsize=200_000)
def word_frequency(word: str, lang: str) -> float:
    """wordfreq's frequency, remembered: news repeats its words."""
    return _word_frequency(word, lang)


def fold(text: str) -> str:
    """Lower case without accents: "Muñoz" and "Munoz" are one key."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    out = []
    for word in _WORD.findall(fold(text)):
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) > 2 and word_frequency(word, "en") < STOP_FREQUENCY:
            out.append(word)
    return out


def _doc_chance(frequency: float) -> float:
    """Chance that an ordinary document of DOC_WORDS words holds a word this frequent."""
    return 1.0 - math.exp(-frequency * DOC_WORDS)


def terms(record: Mapping[str, Any]) -> Terms:
    """The keys of an article record (a `dateline/1` dict: what the ingest writes)."""
    counts: Counter[str] = Counter()
    prior: dict[str, float] = {}
    headline: set[str] = set()

    def add(word: str, weight: float) -> str:
        key = word[:STEM]
        counts[key] += weight
        if key not in prior or not key.startswith("e:"):
            prior[key] = max(prior.get(key, 0.0), _doc_chance(word_frequency(word, "en")))
        return key

    for word in _words((record.get("meta") or {}).get("headline") or ""):
        headline.add(add(word, 0.0))
    # Names count as words too (a person's name is part of what a story is about) and again
    # as their entity below: that weight is deliberate, it makes shared actors decisive.
    for n, paragraph in enumerate(_paragraphs(record["text"])):
        for word in _words(paragraph):
            add(word, LEAD_WEIGHT if n == 0 else 1.0)
    for entity in record.get("entities") or []:
        if entity["type"] not in ENTITY_TYPES:
            continue
        name = fold(entity["name"])
        key = f"e:{name}"[:MAX_KEY]
        counts[key] += max(1, len(entity.get("mentions") or []))
        rarest = min((word_frequency(w, "en") for w in name.split()), default=0.0)
        prior[key] = _doc_chance(rarest)
    return Terms(counts, prior, headline)


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()] or [text]


def idf(documents: int, articles_with_key: int, prior: float) -> float:
    """Inverse document frequency over the corpus plus PRIOR_DOCS ordinary documents."""
    total = documents + PRIOR_DOCS
    return math.log(total / (articles_with_key + PRIOR_DOCS * prior + 0.5))


def signature(found: Terms, documents: int, frequency: dict[str, int]) -> dict[str, float]:
    """The SIZE heaviest keys by tf-idf; `frequency` counts the articles holding each key
    (this one included) among `documents`."""
    scored = {
        key: ((1.0 + math.log(tf) if tf >= 1 else tf) + HEADLINE_WEIGHT * (key in found.headline))
        * idf(documents, frequency.get(key, 1), found.prior[key])
        for key, tf in found.counts.items()
    }
    top = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:SIZE]
    return {key: round(weight, 6) for key, weight in top if weight > 0}


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted Jaccard of two signatures: shared weight over all weight."""
    if not a or not b:
        return 0.0
    shared = sum(min(w, b[k]) for k, w in a.items() if k in b)
    total = sum(a.values()) + sum(b.values()) - shared
    return shared / total if total else 0.0
