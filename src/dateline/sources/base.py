"""What every reader returns: blocks of clean text and whatever metadata the container had."""

from __future__ import annotations

from dataclasses import dataclass, field

# The longest article text read (characters): a longer "article" is a dump or a mistake, and
# would take hours and gigabytes to parse. `--max-chars` / $DATELINE_MAX_CHARS change it.
MAX_CHARS = 5_000_000


class ReadError(Exception):
    """A file that cannot be turned into an article; the message is one line for the user."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass
class Block:
    """A paragraph-level unit of the source, markup removed.

    `lines` keeps the source's line breaks with a flag telling whether the whole line was
    emphasized (bold/italic), which is how clippings mark captions and publisher footers.
    """

    kind: str  # heading | para | rule | url | image
    lines: list[tuple[str, bool]]

    @property
    def text(self) -> str:
        return " ".join(line for line, _ in self.lines if line)

    @property
    def emphasized(self) -> bool:
        return bool(self.lines) and self.lines[0][1]


@dataclass
class Document:
    """A source document before extraction: blocks plus container metadata."""

    name: str
    format: str
    blocks: list[Block]
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    captions: list[tuple[str, str | None]] = field(default_factory=list)
