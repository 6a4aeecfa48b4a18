"""Small readings of the dependency parse that several stages share."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def span_at(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering characters start:end (a mention, a title), or None."""
    return doc.char_span(start, end, alignment_mode="expand")


def coordinated(token: Token) -> list[Token]:
    """The heads of the phrases coordinated with `token` ("Benny Gantz and Yair Lapid")."""
    partners = [c for c in token.children if c.dep_ == "conj"]
    if token.dep_ == "conj":
        partners.append(token.head)
    return partners


def prep_objects(prep: Token) -> list[Token]:
    """The objects of a preposition ("with" -> "Gantz")."""
    return [p for p in prep.children if p.dep_ == "pobj"]
