"""The scan: every grammar rule over the text, each match handed to its handler, overlaps
resolved leftmost-longest. `find_timexes(text, anchor)` works on a plain string (a caption);
the times stage passes a `Context` backed by the spaCy parse (tense, part of speech)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

from dateline.stages.times import calendar as cal
from dateline.stages.times import durations as dur
from dateline.stages.times.context import Context, Found
from dateline.stages.times.cues import Cues
from dateline.stages.times.grammar import grammar

HANDLERS: dict[str, Callable[[re.Match[str], Context], Found | list[Found] | None]] = {
    "date_mdy": cal.date_mdy,
    "date_dmy": cal.date_dmy,
    "date_numeric": cal.date_numeric,
    "month": cal.month,
    "season": cal.season,
    "year_range": cal.year_range,
    "year": cal.year,
    "decade": cal.decade,
    "century": cal.century,
    "weekday": cal.weekday,
    "relative_day": cal.relative_day,
    "relative_unit": cal.relative_unit,
    "unit_position": cal.unit_position,
    "weekend": cal.weekend,
    "ago": dur.ago,
    "number_range": dur.number_range,
    "duration": dur.duration,
    "bare_units": dur.bare_units,
    "quarter": cal.quarter,
    "reference": dur.reference,
    "set": dur.set_,
    "clock_duration": dur.clock_duration,
    "time": dur.time,
    "holiday": cal.holiday,
}


def scan(ctx: Context, guided: bool = True) -> list[Found]:
    """Every rule over the text; overlapping matches resolved leftmost-longest. Rules are
    tried only near their cues unless `guided` is off (the same matches, found slowly)."""
    g = ctx.grammar
    cues = Cues.find(ctx.text, g) if guided else None

    def matches(name: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        if cues is None or name not in g.cues:
            return pattern.finditer(ctx.text)
        return cues.finditer(name, pattern)

    blocked = [(b.start(), b.end()) for b in matches("not_times", g.not_time_phrases)]
    blocked += _not_time_patterns(ctx)
    ctx.names = ctx.names | _surname_months(ctx)
    kind = None
    if g.season_kind and (cues is None or "season" in cues.folded):  # a word the pattern needs
        kind = g.season_kind.search(ctx.text)
    ctx.season = g.lookup("season_kinds", kind.group(1)) if kind else None
    candidates: list[tuple[int, int, int, list[Found]]] = []
    for priority, (name, pattern) in enumerate(g.rules):
        handler = HANDLERS[name]
        for m in matches(name, pattern):
            start, end = m.span("t")
            if any(s < end and start < e for s, e in blocked):
                continue
            result = handler(m, ctx)
            if result:
                found = result if isinstance(result, list) else [result]
                start = min(start, *(f.start for f in found))
                end = max(end, *(f.end for f in found))
                candidates.append((start, end, priority, found))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    chosen: list[Found] = []
    last_end = -1
    for start, end, _, found in candidates:
        if start >= last_end:
            chosen.extend(found)
            last_end = end
    return attach_days(chosen, ctx)


def _not_time_patterns(ctx: Context) -> list[tuple[int, int]]:
    """Spans of the lexicon's `not_time_patterns`, each tried only where the joined pattern
    matches: few places, and in most articles none."""
    g, text = ctx.grammar, ctx.text
    if g.any_not_time is None:
        return [b.span() for p in g.not_times for b in p.finditer(text)]
    places = []
    found = g.any_not_time.search(text)
    while found:
        places.append(found.start())
        found = g.any_not_time.search(text, found.start() + 1)
    return [span for p in g.not_times for span in _spans_at(p, text, places)]


def _spans_at(pattern: re.Pattern[str], text: str, places: list[int]) -> list[tuple[int, int]]:
    """The spans of `pattern.finditer(text)`, given every place where it can match."""
    spans: list[tuple[int, int]] = []
    end = 0
    for place in places:
        m = pattern.match(text, place) if place >= end else None
        if m and m.end() == place:  # an empty match: leave what follows to `finditer`
            return [b.span() for b in pattern.finditer(text, places[0])]
        if m:
            spans.append(m.span())
            end = m.end()
    return spans


_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+([A-Z][a-z]+)\b(?![\s,]*\d)")


def _surname_months(ctx: Context) -> frozenset[str]:
    """Month words used as surnames in this article ("Theresa May", "Brian March"): a
    capitalized word before them that is no cue, modifier or weekday."""
    lex = ctx.grammar.lexicon
    cues = {*lex["month_cues"], *lex["weekdays"], *lex["position_modifiers"], "the", "this"}
    return frozenset(
        m[2].lower()
        for m in _NAME_BEFORE.finditer(ctx.text)
        if m[2].lower() in lex["months"]
        and m[1].lower() not in cues
        and m[1].lower() not in lex["months"]
    )


_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z“\"]|\n")


def attach_days(found: list[Found], ctx: Context) -> list[Found]:
    """Clock times take the day named nearest them in their sentence, else the anchor's."""
    days = [f for f in found if f.value and re.fullmatch(r"\d{4}-\d\d-\d\d", f.value)]
    for item in found:
        if item.type != "TIME" or not (item.value or "").startswith("T"):
            continue
        near = [
            d
            for d in days
            if not _SENTENCE_BREAK.search(ctx.text, min(d.end, item.end), max(d.start, item.start))
        ]
        if near:
            day = min(near, key=lambda d: abs(d.start - item.start)).value
        else:
            day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
        item.value = f"{day}{item.value}"
    return found


def find_timexes(text: str, anchor: date | None) -> list[Found]:
    """Temporal expressions in a plain string (no parse: tense unknown, so dates look back)."""
    return scan(Context(text=text, anchor=anchor, grammar=grammar()))
