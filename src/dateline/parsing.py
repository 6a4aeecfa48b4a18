"""Parse texts with spaCy, cutting a long one into pieces and joining their Docs.

spaCy refuses texts over `nlp.max_length` (E088) and its parser needs about 1 GB per
100,000 characters. A longer article is cut at paragraph breaks (else after a sentence,
else at a space), the pieces are parsed as separate texts and joined with `Doc.from_docs`
into one Doc whose text is the whole article: the stages see one article and every offset
points into the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

# Characters per parsed piece: far below spaCy's limit, and memory stays near 1 GB.
PIECE_CHARS = 100_000
Context = TypeVar("Context")
# Where a piece may end, best first: after a blank line, a line break, a sentence, a space.
_CUTS = [
    re.compile(r"\n\s*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
]


def split_text(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """Pieces of at most `limit` characters whose concatenation is exactly `text`."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, stop: int) -> int:
    """The best place to end a piece that starts at `start` and may not pass `stop`:
    the last paragraph break in the window's second half, else the last line break, ...,
    else `stop` itself (a text with no spaces at all)."""
    floor = start + (stop - start) // 2
    for pattern in _CUTS:
        last = None
        for last in pattern.finditer(text, floor, stop):  # noqa: B007 - the last one counts
            pass
        if last is not None:
            return last.end()
    return stop


def parse(
    nlp: Language,
    items: Iterable[tuple[str | None, Context]],
    batch_size: int = 16,
) -> Iterator[tuple[Doc | None, Context]]:
    """(doc, context) for each (text, context), in order; a None text is not parsed.

    Every piece of every text goes through one `nlp.pipe`, so long and short texts are
    batched alike and the output streams.
    """
    limit = min(PIECE_CHARS, nlp.max_length)

    def pieces() -> Iterator[tuple[str, tuple[int, int, Context]]]:
        for text, context in items:
            if text is None:
                yield "", (0, -1, context)  # an empty text costs nothing to parse
                continue
            parts = split_text(text, limit) if len(text) > limit else [text]
            for i, part in enumerate(parts):
                yield part, (i, len(parts), context)

    parsed: list[Doc] = []
    for doc, (i, count, context) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        if count < 0:
            yield None, context
            continue
        parsed.append(doc)
        if i + 1 < count:
            continue
        yield (parsed[0] if count == 1 else _join(parsed)), context
        parsed = []


def _join(docs: list[Doc]) -> Doc:
    """One Doc from consecutive pieces; the text is the pieces' concatenation, unchanged."""
    # No stage reads the tok2vec tensor: leaving it out keeps a long article's Doc small.
    joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
    expected = "".join(doc.text for doc in docs)
    if joined.text != expected:  # from_docs would have moved every offset after the seam
        raise ValueError("joined pieces do not reproduce the text")
    return joined
