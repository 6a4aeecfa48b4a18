"""Temporal expressions (issue 3). Placeholder until the times stage lands."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from dateline.schema import Time


def extract_times(doc: Doc, anchor: date | None) -> list[Time]:
    """Every temporal expression in `doc`, normalized against `anchor` (the article's date)."""
    return []
