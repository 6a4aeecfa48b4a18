"""What timex handlers work with: the text, the anchor, the parser's evidence, and helpers
for reading a match (its extent, its modifier, its number and unit)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dateline.stages.times import timex as tx
from dateline.stages.times.grammar import Grammar


@dataclass
class Found:
    """One temporal expression: its extent and TIMEX3 attributes."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None


@dataclass
class Token:
    """What the parser says about the token at a character offset."""

    tag: str
    pos: str
    ent: str
    is_sent_start: bool = False


@dataclass
class Context:
    """The text being scanned and the evidence handlers may consult."""

    text: str
    anchor: date | None
    grammar: Grammar
    tense_at: Callable[[int, int], tx.Tense | None] = lambda start, end: None
    token_at: Callable[[int], Token | None] = lambda offset: None
    names: frozenset[str] = frozenset()  # lower-cased words that are people's names here
    season: str | None = None

    def word_before(self, offset: int) -> str:
        match = _LAST_WORD.search(self.text, max(0, offset - 40), offset)
        return match.group(1).lower() if match else ""

    def word_after(self, offset: int) -> str:
        match = _NEXT_WORD.match(self.text, offset)
        return match.group(1) if match else ""

    def way(
        self, start: int, end: int, explicit: bool = False, endpoint: bool = False
    ) -> tx.Direction:
        """Forward after "ahead of" and the like, else by the governing verb's tense.

        With `explicit` (a written day of a month), only a past verb looks back: otherwise
        the nearest such day is meant ("the vote is on May 16").
        """
        cue = self.grammar.future_cue
        if cue is not None and cue.search(self.text[max(0, start - 30) : start]):
            return "forward"
        if (explicit or endpoint) and self.word_before(start) in self.grammar.lexicon[
            "endpoint_cues"
        ]:
            return "nearest"
        tense = self.tense_at(start, end)
        if explicit and tense != "past":
            return "forward" if tense == "future" else "nearest"
        return tx.direction(tense)


_LAST_WORD = re.compile(r"([\w.']+)[^\w]*$")
_NEXT_WORD = re.compile(r"[\s,]*([\w'’.]+)")


def span_of(m: re.Match[str], group: str = "t") -> tuple[int, int]:
    return m.start(group), m.end(group)


def capitalized(word: str | None) -> bool:
    return bool(word) and word[0].isupper()


def sentence_initial(ctx: Context, offset: int) -> bool:
    return not ctx.text[:offset].strip() or ctx.text[:offset].rstrip()[-1] in '.!?"“:\n'


def modifier(ctx: Context, m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    if groups.get("pmod"):
        key = groups["pmod"].strip(" -\n\t")
        return ctx.grammar.lookup("position_modifiers", key)
    if groups.get("qmod"):
        return ctx.grammar.lookup("quantity_modifiers", groups["qmod"])
    return None


def amount(ctx: Context, words: str | None) -> float | None:
    """A number written in digits or words; None for vague quantities ("several")."""
    if not words:
        return 1
    words = words.lower().strip()
    try:
        return float(words)
    except ValueError:
        pass
    value = ctx.grammar.lookup("numbers", words)
    if value is not None:
        return None if value == "X" else float(value)
    parts = re.split(r"[\s-]+", words)  # "twenty-five"
    values = [ctx.grammar.lookup("numbers", p) for p in parts]
    if all(isinstance(v, int) for v in values):
        return float(sum(values))
    return None


def month_number(ctx: Context, name: str) -> int:
    return ctx.grammar.lookup("months", name.rstrip("."))


def unit_spec(ctx: Context, surface: str) -> tuple[str, dict]:
    name = ctx.grammar.units[surface.lower()]
    return name, ctx.grammar.lexicon["units"][name]
