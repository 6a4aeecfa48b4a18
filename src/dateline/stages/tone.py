"""Tone: GDELT's AvgTone of a text, with VADER's sentiment lexicon (vaderSentiment, MIT).

GDELT scores a document as the percentage of its words that are positive minus the
percentage that are negative (Leetaru's GDELT 2.0 codebooks). We count a word as positive or
negative by the sign of its valence in VADER's lexicon, without VADER's rules for negation,
intensifiers or capitals: the measure is GDELT's, only the word list differs.
"""

from __future__ import annotations

import re
from functools import cache

from dateline.schema import Tone

# A word: letters, with inner apostrophes or hyphens ("don't", "self-confident"); digits and
# punctuation are not words, as in GDELT's word counts.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@cache
def valences() -> dict[str, float]:
    """VADER's lexicon: word -> valence on its -4 ... +4 scale (also read by the events stage)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


def measure_tone(text: str) -> Tone:
    """Tone of `text`: positive and negative words as percentages of all words, and their
    difference (-100 ... +100; news usually falls between -10 and +10)."""
    table = valences()
    words = positive = negative = 0
    for match in _WORD.finditer(text):
        words += 1
        valence = table.get(match.group().lower().replace("’", "'"), 0.0)
        if valence > 0:
            positive += 1
        elif valence < 0:
            negative += 1
    pos = 100 * positive / words if words else 0.0
    neg = 100 * negative / words if words else 0.0
    return Tone(
        score=round(pos - neg, 4), positive=round(pos, 4), negative=round(neg, 4), words=words
    )
