"""Readers: turn a file, a record or a pasted string into `Document`s (plain blocks + metadata)."""

from dateline.sources.base import Block, Document, ReadError, Skipped, SourceItem, SourceOptions
from dateline.sources.detect import iter_documents, load_bytes, load_text

__all__ = [
    "Block",
    "Document",
    "ReadError",
    "Skipped",
    "SourceItem",
    "SourceOptions",
    "iter_documents",
    "load_bytes",
    "load_text",
]
