"""Reading a pasted text or an uploaded file for the Read page and `POST /api/read`.

The spaCy model is loaded on the first read, not at start-up, so browsing a corpus starts
at once; reads run one at a time because one pipeline serves the whole process.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING

from dateline.schema import Article
from dateline.sources import ReadError, load_bytes, load_text

if TYPE_CHECKING:
    from dateline.pipeline import Pipeline


class Reader:
    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def _run(self, documents, published: date | None) -> Article:  # type: ignore[no-untyped-def]
        with self._lock:
            if self._pipeline is None:
                from dateline.pipeline import DEFAULT_MODEL, Pipeline  # spaCy: seconds to import

                self._pipeline = Pipeline(self.model or DEFAULT_MODEL)
            for item in self._pipeline.run(documents, published):
                if isinstance(item, ReadError):
                    raise item
                return item  # the first article: one text, one record
        raise ReadError("<text>", "no article found")

    def read_text(self, text: str, published: date | None = None) -> Article:
        """The record of a pasted text (plain, Markdown, HTML or a JSON record)."""
        return self._run(load_text(text, "<text>"), published)

    def read_file(self, data: bytes, name: str, published: date | None = None) -> Article:
        """The record of an uploaded file, read by the format its name or content tells."""
        return self._run(load_bytes(data, name), published)
