"""Stages: one module per kind of annotation, each a pure function of the parsed article."""

from __future__ import annotations

import unicodedata

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


# Letters that carry no combining mark in Unicode but are written without it in English news.
_PLAIN = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i"})


def fold(name: str) -> str:
    """Accents and apostrophes off, so "Samarra" finds "Sāmarrā’" and "Erdogan" "Erdoğan"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "’'‘`")
