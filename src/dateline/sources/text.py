"""Plain text: paragraphs are separated by blank lines (or by line breaks when there are none)."""

from __future__ import annotations

import re

from dateline.sources.base import Block

_BLANK = re.compile(r"\n[ \t]*\n")


def text_blocks(text: str) -> list[Block]:
    """Split plain text into paragraph blocks, keeping the lines of each."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = _BLANK.split(text)
    if len(chunks) == 1 and text.count("\n") > 2:
        chunks = text.split("\n")
    blocks = []
    for chunk in chunks:
        lines = [(line.strip(), False) for line in chunk.split("\n") if line.strip()]
        if lines:
            blocks.append(Block("para", lines))
    return blocks
