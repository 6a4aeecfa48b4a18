"""Which language an article is written in, so that only English goes through the English
stages: py3langid's naive Bayes model ships in its wheel (offline, about 2 ms a text)."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# The language the stages are written for, and what an uncertain or wordless text counts as.
DEFAULT = "en"
SUPPORTED = frozenset({DEFAULT})
# Below this share of the probability the detector abstains: short or mixed texts stay English.
MIN_CONFIDENCE = 0.9
_SAMPLE = 3000  # characters: the opening of an article tells its language
_NOT_A_LANGUAGE = {"und", "zxx"}


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(
        MODEL_FILE, norm_probs=True, min_confidence=MIN_CONFIDENCE
    )


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; English when the detector is not sure."""
    code, _ = _identifier().classify(text[:_SAMPLE])
    return DEFAULT if code in _NOT_A_LANGUAGE else code


def unsupported_note(code: str) -> str:
    """The note an article carries when it is kept without annotations."""
    return f"unsupported language: {code}"
