"""Stages: one module per kind of annotation, each a pure function of the parsed article."""

from __future__ import annotations

from spacy.tokens import Doc

_TEXT_KEY = "dateline.text"


def text_of(doc: Doc) -> str:
    """The document's text, built once: spaCy's `doc.text` joins every token on each call,
    which costs more than a whole stage when it is read inside loops."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text
