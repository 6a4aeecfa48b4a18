"""Where each grammar rule can match in one text: just before the words it needs.

Running every rule's regex over the whole text costs the regex engine a try at every
position. Instead, one pass finds the cues (see `timex_grammar`), and a rule is tried, with
`pattern.match`, only at the places where a word begins between `reach` words before one of
its cues and the cue itself. Its matches are exactly those of `pattern.finditer(text)`: every
match begins at such a place, and places are tried left to right, after the previous match.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache

from dateline.stages.times.grammar import DIGITS, Grammar

# Where a match can begin: not inside a word (every rule starts with `timex_grammar.START`).
_BEGIN = re.compile(r"(?<![\w'’])[^\s\-]")
_WORD_CHAR = re.compile(r"\w")
_ASCII_LETTER = re.compile(r"[a-z]", re.I)


class Cues:
    """The spans of one text where each rule can match; None where cues can't be trusted."""

    def __init__(
        self, text: str, folded: str, begins: list[int], spans: dict[str, list[tuple[int, int]]]
    ):
        self.text = text
        self.folded = folded  # the text lower-cased, letter for letter
        self.begins = begins
        self.spans = spans

    @classmethod
    def find(cls, text: str, g: Grammar) -> Cues | None:
        if g.cue_finder is None:
            return None
        folded = text.lower()
        if len(folded) != len(text) or any(
            _folds_apart(c, g.ascii_cues) for c in set(text) if not c.isascii()
        ):
            return None  # lower-casing would move or hide a cue: scan everything
        begins = [m.start() for m in _BEGIN.finditer(text)]
        words = [p for p in begins if p == 0 or text[p - 1] == "-" or text[p - 1].isspace()]
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in g.cue_finder.finditer(folded):
            at = m.start()
            word = bisect_right(words, at) - 1  # the word the cue is in
            for rule, reach in g.cue_rules[m[1] or DIGITS]:
                spans.setdefault(rule, []).append((words[word - reach] if word >= reach else 0, at))
        return cls(text, folded, begins, {rule: _merged(s) for rule, s in spans.items()})

    def finditer(self, rule: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """The matches of `pattern.finditer(text)`, for a rule with cues in the grammar."""
        text, begins = self.text, self.begins
        end = 0
        for low, high in self.spans.get(rule, ()):
            i = bisect_left(begins, max(low, end))
            while i < len(begins) and begins[i] <= high:
                m = pattern.match(text, begins[i])
                if m:
                    yield m
                    end = m.end()
                    i = bisect_left(begins, end)
                else:
                    i += 1


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if out and low <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], high))
        else:
            out.append((low, high))
    return out


@cache
def _folds_apart(char: str, ascii_cues: bool) -> bool:
    """Whether `char.lower()` could hide from the cue finder a word the rules match ignoring
    case: it changes length or word-ness, or IGNORECASE takes it for another letter ("ſ")."""
    low = char.lower()
    if len(low) != 1 or bool(_WORD_CHAR.match(char)) != bool(_WORD_CHAR.match(low)):
        return True
    if _ASCII_LETTER.match(char) and low not in string.ascii_lowercase:
        return True
    return not ascii_cues and bool(_WORD_CHAR.match(char))
