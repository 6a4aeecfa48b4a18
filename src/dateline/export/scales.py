"""The scales of event data: conflict-cooperation scores of an event, tone of an article.

Goldstein (GDELT's GoldsteinScale) is keyed by CAMEO code; PLOVER intensity (POLECAT's Event
Intensity) by PLOVER type and mode. Both are functions of fields the record already holds,
so they are looked up at export time, not stored: a user lexicon that changes a score
changes every export at once. Tone is stored with the article (stages/tone.py).
"""

from __future__ import annotations

from dateline import lexicons
from dateline.schema import Article, Tone
from dateline.stages.tone import measure_tone


def goldstein(cameo: str | None, plover_type: str | None = None) -> float | None:
    """Score of the most specific CAMEO code known (0874, else 087, else 08); an event with
    only a PLOVER type takes the score of the type's usual CAMEO root (cameo_roots.yaml)."""
    scores = lexicons.load("goldstein")
    code = (cameo or "").strip()
    if not code.isdigit():
        code = lexicons.load("cameo_roots").get(plover_type or "", "")
    for n in range(len(code), 1, -1):
        score = scores.get(code[:n])
        if score is not None:
            return float(score)
    return None


def intensity(plover_type: str | None, mode: str | None = None) -> float | None:
    """PLOVER score of the type and mode, else of the type alone."""
    entry = lexicons.load("plover_intensity").get(plover_type or "")
    if entry is None:
        return None
    score = (entry.get("modes") or {}).get(mode or "", entry["score"])
    return float(score)


def article_tone(article: Article) -> Tone:
    """The article's stored tone; an article stored before tone was measured (extractor 1,
    not yet `--reprocess`ed) gets the same measure taken from its text now."""
    return article.tone or measure_tone(article.text)
