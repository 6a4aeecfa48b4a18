"""Quotes: direct, partial and indirect speech with its speaker, cue and channel."""

from dateline.stages.quotes.extract import extract_quotes, find_marks, is_title

__all__ = ["extract_quotes", "find_marks", "is_title"]
