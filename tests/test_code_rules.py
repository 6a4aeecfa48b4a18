"""Rules about our own code that once cost us an endless loop."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "dateline"


def test_tokens_are_never_compared_by_identity() -> None:
    """spaCy makes a new Token object on every `.head` access, so `tok.head is tok` is never
    true and a walk up to the root that waits for it never ends. Compare `.i` instead."""
    pattern = re.compile(r"\.head is (not )?\w")
    offenders = [
        f"{path.name}:{n}"
        for path in SRC.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and "None" not in line
    ]
    assert offenders == []
