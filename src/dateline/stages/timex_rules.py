"""Handlers that turn grammar matches into TIMEX3 values, and the scan that runs them.

`find_timexes(text, anchor)` works on a plain string (a caption, a headline); the times stage
passes a `Context` backed by the spaCy parse, which adds tense and part-of-speech evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateline.stages import timex as tx
from dateline.stages.timex_grammar import Grammar, grammar


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

    def way(self, start: int, end: int, explicit: bool = False, endpoint: bool = False) -> tx.Direction:
        """Forward after "ahead of" and the like, else by the governing verb's tense.

        With `explicit` (a written day of a month), only a past verb looks back: otherwise
        the nearest such day is meant ("the vote is on May 16").
        """
        cue = self.grammar.future_cue
        if cue is not None and cue.search(self.text[max(0, start - 30) : start]):
            return "forward"
        if (explicit or endpoint) and self.word_before(start) in self.grammar.lexicon["endpoint_cues"]:
            return "nearest"
        tense = self.tense_at(start, end)
        if explicit and tense != "past":
            return "forward" if tense == "future" else "nearest"
        return tx.direction(tense)


_LAST_WORD = re.compile(r"([\w.']+)[^\w]*$")
_NEXT_WORD = re.compile(r"[\s,]*([\w'’.]+)")
_AMOUNT_BEFORE = re.compile(r"(?:\d|million|billion|trillion|once|twice|times)\S*\s+$", re.I)
_NOT_A_MONTH_TAGS = {"MD", "VB", "VBD", "VBP", "VBZ", "VBG", "VBN"}
_NAME_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "NORP", "GPE", "LAW"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your"}


def _span(m: re.Match[str], group: str = "t") -> tuple[int, int]:
    return m.start(group), m.end(group)


def _capitalized(word: str | None) -> bool:
    return bool(word) and word[0].isupper()


def _sentence_initial(ctx: Context, offset: int) -> bool:
    return not ctx.text[:offset].strip() or ctx.text[:offset].rstrip()[-1] in ".!?\"“:\n"


def _mod(ctx: Context, m: re.Match[str]) -> str | None:
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


def _month(ctx: Context, name: str) -> int:
    return ctx.grammar.lookup("months", name.rstrip("."))


def _unit(ctx: Context, surface: str) -> tuple[str, dict]:
    name = ctx.grammar.units[surface.lower()]
    return name, ctx.grammar.lexicon["units"][name]


# --- calendar dates -------------------------------------------------------------------------


def date_mdy(m: re.Match[str], ctx: Context) -> Found | None:
    if not _capitalized(m["month"]) or (m["wd"] and not _capitalized(m["wd"])):
        return None
    if m["month"].lower() == "may" and not m["year"] and _is_verb(ctx, m.start("month")):
        return None
    return _month_day(m, ctx, _month(ctx, m["month"]), int(m["day"]), m["year"])


date_dmy = date_mdy


def _month_day(m: re.Match[str], ctx: Context, month: int, day: int, year: str | None) -> Found | None:
    start, end = _span(m)
    if not 1 <= day <= 31:
        return None
    if year:
        value = tx._safe_date(int(year), month, day)
    elif ctx.anchor is None:
        return Found(start, end, "DATE", f"XXXX-{month:02d}-{day:02d}", _mod(ctx, m))
    else:
        value = tx.resolve_month_day(ctx.anchor, month, day, ctx.way(start, end, explicit=True))
    return Found(start, end, "DATE", value.isoformat(), _mod(ctx, m)) if value else None


def date_numeric(m: re.Match[str], ctx: Context) -> Found | None:
    if m["iy"]:
        year, month, day = int(m["iy"]), int(m["im"]), int(m["id"])
    else:
        year = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
        first, second = int(m["a"]), int(m["b"])
        month, day = (first, second) if first <= 12 else (second, first)  # US order first
    value = tx._safe_date(year, month, day)
    return Found(*_span(m), "DATE", value.isoformat()) if value else None


def holiday(m: re.Match[str], ctx: Context) -> Found | None:
    if not _capitalized(m["hol"]) or _in_name(ctx, m.start("hol")):
        return None
    month, day = (int(x) for x in ctx.grammar.lookup("holidays", m["hol"]).split("-"))
    return _month_day(m, ctx, month, day, None)


def _is_verb(ctx: Context, offset: int) -> bool:
    """"May" the modal: the parser's tag, else the word after it ("may be", "may not")."""
    token = ctx.token_at(offset)
    if token is not None:
        return token.tag in _NOT_A_MONTH_TAGS or token.pos in ("VERB", "AUX")
    return ctx.word_after(offset + 3).lower() in ("be", "have", "not", "also", "well", "still")


def _in_name(ctx: Context, offset: int) -> bool:
    """Part of a name the parser found ("June Carter", "Great Orchestra of Christmas Charity")."""
    token = ctx.token_at(offset)
    return token is not None and token.ent in _NAME_ENTS


def month(m: re.Match[str], ctx: Context) -> Found | None:
    """A month name alone needs a cue: a preposition, a modifier, a year, or the parser's DATE."""
    name, start_month = m["month"], m.start("month")
    if not _capitalized(name):
        return None
    token = ctx.token_at(start_month)
    cued = bool(m["year"] or m["yrel"] or m["rel"] or m["pmod"])
    if not cued:
        before = ctx.word_before(m.start("t"))
        if before in _DETERMINERS or _is_verb(ctx, start_month):
            return None
        if _in_name(ctx, start_month) or name.lower() in ctx.names:
            return None  # "June Carter"; "May" in an article about Theresa May
        cued = before in ctx.grammar.lexicon["month_cues"] or (token is not None and token.ent == "DATE")
        if not cued:
            return None
    start, end = _span(m)
    number = _month(ctx, name)
    if m["year"] or (m["yrel"] and ctx.anchor):
        year = _year_of(ctx, m["year"], m["yrel"])
        return Found(start, end, "DATE", tx.month_value(year, number), _mod(ctx, m))
    if ctx.anchor is None:
        return Found(start, end, "DATE", f"XXXX-{number:02d}", _mod(ctx, m))
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        year = tx.resolve_month_year(ctx.anchor, number, "back", strict=True)
    elif rel in ("next", "coming", "upcoming"):
        year = tx.resolve_month_year(ctx.anchor, number, "forward", strict=True)
    elif rel in ("this", "current"):
        year = ctx.anchor.year
    else:
        year = tx.resolve_month_year(ctx.anchor, number, ctx.way(start, end, endpoint=not m["pmod"]))
    return Found(start, end, "DATE", tx.month_value(year, number), _mod(ctx, m))


def season(m: re.Match[str], ctx: Context) -> Found | None:
    rel = (m["rel"] or "").lower()
    word = m["season"].lower()
    after = ctx.word_after(m.end("t")).lower()
    if not (rel or m["year"] or m["pmod"]) and ctx.word_before(m.start("t")) not in ("in", "during", "since", "by", "until", "over"):
        return None
    if word == "fall" and not m["year"] and rel in ("", "the") and (after == "of" or not m["pmod"] and rel == ""):
        return None  # "the fall of the regime", "prices fall"
    if rel == "the" and after == "of" and not m["year"]:
        return None
    start, end = _span(m)
    code = ctx.grammar.lookup("seasons", word)
    if m["year"]:
        return Found(start, end, "DATE", f"{m['year']}-{code}", _mod(ctx, m))
    if ctx.anchor is None:
        return Found(start, end, "DATE", f"XXXX-{code}", _mod(ctx, m))
    offset = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}.get(rel)
    value = tx.resolve_season(ctx.anchor, code, offset, ctx.way(start, end))
    return Found(start, end, "DATE", value, _mod(ctx, m))


# --- years, decades, centuries ---------------------------------------------------------------

_YEAR_CUES = {"in", "since", "of", "by", "from", "until", "till", "before", "after", "between",
              "and", "to", "during", "early", "late", "mid", "through", "around", "circa", "c."}
_NOT_YEAR_BEFORE = {"no.", "no", "number", "route", "flight", "resolution", "article", "section",
                    "page", "room", "$", "us$", "rs", "about", "some", "nearly", "over", "almost"}


def year(m: re.Match[str], ctx: Context) -> Found | None:
    value = int(m["year"])
    before = ctx.word_before(m.start("t"))
    token_after = ctx.token_at(m.end("t") + 1)
    if before in _NOT_YEAR_BEFORE or ctx.text[max(0, m.start("t") - 1) : m.start("t")] in "$£€#":
        if m.start("t") > 0:
            return None
    if value < 1900 and before not in _YEAR_CUES and not m["pmod"]:
        return None
    if token_after is not None and token_after.tag == "NNS" and ctx.text[m.end("t") : m.end("t") + 1] == " ":
        return None  # "2000 people"
    return Found(*_span(m), "DATE", f"{value:04d}", _mod(ctx, m))


def year_range(m: re.Match[str], ctx: Context) -> list[Found] | None:
    """"2009-2010", "1957-58": two years, each its own expression (as TimeML annotates)."""
    first, second = int(m["y1"]), m["y2"]
    later = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if not first < later < first + 100:
        return None
    return [Found(m.start("y1"), m.end("y1"), "DATE", f"{first:04d}"),
            Found(m.start("y2"), m.end("y2"), "DATE", f"{later:04d}")]


def decade(m: re.Match[str], ctx: Context) -> Found | None:
    if m["c"]:
        value = f"{m['c']}{m['d']}"
    else:
        digit = int(m["d2"])
        now = ctx.anchor.year if ctx.anchor else 2000
        value = f"20{digit}" if 2000 + 10 * digit <= now else f"19{digit}"
    return Found(*_span(m), "DATE", value, _mod(ctx, m))


def century(m: re.Match[str], ctx: Context) -> Found | None:
    number = int(m["n"]) if m["n"] else ctx.grammar.lookup("ordinals", m["w"])
    if not number:
        return None
    return Found(*_span(m), "DATE", f"{number - 1:02d}", _mod(ctx, m))


# --- days relative to the anchor -------------------------------------------------------------

_REL_OFFSET = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1,
               "coming": 1, "following": 1, "upcoming": 1}


def weekday(m: re.Match[str], ctx: Context) -> Found | None:
    if not _capitalized(m["wd"]):
        return None
    start, end = _span(m)
    number = ctx.grammar.lookup("weekdays", m["wd"])
    pod = ctx.grammar.lookup("parts_of_day", m["pod"]) if m["pod"] else None
    kind = "TIME" if pod else "DATE"
    suffix = f"T{pod}" if pod else ""
    if ctx.anchor is None:
        return Found(start, end, kind, f"XXXX-WXX-{number}{suffix}", _mod(ctx, m))
    rel = (m["rel"] or "").lower()
    if rel in ("this", "current"):
        day = ctx.anchor + timedelta(days=number - ctx.anchor.isoweekday())
    elif rel:
        way = "forward" if _REL_OFFSET[rel] > 0 else "back"
        day = tx.resolve_weekday(ctx.anchor, number, way, strict=True)
    else:
        day = tx.resolve_weekday(ctx.anchor, number, ctx.way(start, end))
    return Found(start, end, kind, day.isoformat() + suffix, _mod(ctx, m))


def relative_day(m: re.Match[str], ctx: Context) -> Found | None:
    start, end = _span(m)
    word = (m["rd"] or m["this"]).lower()
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(word, 0)
    pod_word = m["pod"] or m["pod2"] or ("night" if word == "tonight" else None)
    pod = ctx.grammar.lookup("parts_of_day", pod_word) if pod_word else None
    if ctx.anchor is None:
        return Found(start, end, "TIME" if pod else "DATE", None, _mod(ctx, m))
    value = (ctx.anchor + timedelta(days=offset)).isoformat()
    if pod:
        return Found(start, end, "TIME", f"{value}T{pod}", _mod(ctx, m))
    return Found(start, end, "DATE", value, _mod(ctx, m))


def relative_unit(m: re.Match[str], ctx: Context) -> Found | None:
    """"last month", "this week", "earlier this year"; "the past year" is a duration."""
    start, end = _span(m)
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if ctx.text[m.end("unit") : m.end("unit") + 1].lower() == "s":
        return None  # "the next weeks" is left to the duration rules
    if rel in ("past", "next", "coming", "following", "upcoming") and (m["the"] or rel == "past"):
        if unit in ("weekend", "quarter"):
            return None
        name, spec = _unit(ctx, unit)
        value = tx.duration_value(spec.get("factor", 1), spec["code"], spec.get("time", False))
        return Found(start, end, "DURATION", value, _mod(ctx, m))
    if ctx.anchor is None:
        return Found(start, end, "DATE", None, _mod(ctx, m))
    value = tx.relative_unit(ctx.anchor, unit, _REL_OFFSET[rel])
    return Found(start, end, "DATE", value, _mod(ctx, m))


def unit_position(m: re.Match[str], ctx: Context) -> Found | None:
    """"the end of the year", "late in the month": a part of the current unit."""
    if ctx.anchor is None:
        return None
    start, end = _span(m)
    mod, unit = _mod(ctx, m), m["unit"].lower()
    shift = tx.end_of_year_shift(ctx.anchor, mod, ctx.tense_at(start, end)) if unit == "year" else 0
    return Found(start, end, "DATE", tx.relative_unit(ctx.anchor, unit, shift), mod)


def weekend(m: re.Match[str], ctx: Context) -> Found | None:
    if ctx.anchor is None:
        return Found(*_span(m), "DATE", None)
    past = ctx.way(*_span(m)) == "back" and ctx.anchor.isoweekday() < 6
    return Found(*_span(m), "DATE", tx.relative_unit(ctx.anchor, "weekend", -1 if past else 0))


def quarter(m: re.Match[str], ctx: Context) -> Found | None:
    start, end = _span(m)
    if m["qn"] and not m["qn"].startswith("Q"):
        return None
    if m["h"]:
        year_ = _year_of(ctx, m["hy"], m["hrel"])
        half = 1 if m["h"].lower() == "first" else 2
        return Found(start, end, "DATE", f"{year_:04d}-H{half}" if year_ else None)
    word = (m["q"] or m["qn"][1]).lower()
    if word == "last" and not (m["year"] or m["yrel"]):
        if ctx.anchor is None:
            return Found(start, end, "DATE", None)
        return Found(start, end, "DATE", tx.relative_unit(ctx.anchor, "quarter", -1))
    number = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}.get(word)
    number = number or int(word[0])
    year_ = _year_of(ctx, m["year"] or m["qy"], m["yrel"])
    if year_ and not (m["year"] or m["qy"] or m["yrel"]) and ctx.anchor:
        current = (ctx.anchor.month - 1) // 3 + 1
        way = ctx.way(start, end)
        year_ += -1 if way == "back" and number > current else 1 if way == "forward" and number < current else 0
    return Found(start, end, "DATE", tx.quarter_value(year_, number) if year_ else None)


def _year_of(ctx: Context, written: str | None, rel: str | None) -> int | None:
    if written:
        return int(written)
    if ctx.anchor is None:
        return None
    return ctx.anchor.year + _REL_OFFSET.get((rel or "this").lower(), 0)


# --- durations and sets ----------------------------------------------------------------------


def duration(m: re.Match[str], ctx: Context) -> Found | None:
    start, end = _span(m)
    name, spec = _unit(ctx, m["unit"])
    num = (m["num"] or "").lower()
    if name == "second" and num in ("a", "an"):
        return None  # "a second term"
    if num in ("a", "an") and _AMOUNT_BEFORE.search(ctx.text, max(0, start - 20), start):
        return Found(start, end, "SET", tx.duration_value(spec.get("factor", 1), spec["code"], spec.get("time", False)))
    count = amount(ctx, m["num"])
    if count is not None and m.groupdict().get("half"):
        count += 0.5
    value = _duration(spec, count)
    return Found(start, end, "DURATION", value, _mod(ctx, m))


def _duration(spec: dict, count: float | None) -> str:
    if count is None:
        return tx.duration_value(None, spec.get("vague", spec["code"]), spec.get("time", False))
    return tx.duration_value(count * spec.get("factor", 1), spec["code"], spec.get("time", False))


def number_range(m: re.Match[str], ctx: Context) -> list[Found] | None:
    """"between 12 and 18 months": the first number borrows the unit of the second."""
    _, spec = _unit(ctx, m["unit"])
    first, second = amount(ctx, m["n1"]), amount(ctx, m["num"])
    if first is None or second is None or first >= second:
        return None
    return [Found(*_span(m, "n1"), "DURATION", _duration(spec, first)),
            Found(*_span(m, "t2"), "DURATION", _duration(spec, second))]


def bare_units(m: re.Match[str], ctx: Context) -> Found | None:
    """"after months", "for years", "days before": a vague duration, only with a cue."""
    cues = ctx.grammar.lexicon["duration_cues"]
    if not m["rel"]:
        before = ctx.word_before(m.start("t"))
        after = ctx.word_after(m.end("t")).lower()
        if before not in cues["before"] and after not in cues["after"]:
            return None
    _, spec = _unit(ctx, m["unit"])
    return Found(*_span(m), "DURATION", _duration(spec, None))


def ago(m: re.Match[str], ctx: Context) -> Found | None:
    start, end = _span(m)
    name, _ = _unit(ctx, m["unit"])
    count = amount(ctx, m["num"]) if m["num"] else None
    if count is None or ctx.anchor is None:
        return Found(start, end, "DATE", "PAST_REF", _mod(ctx, m))
    return Found(start, end, "DATE", tx.ago_value(ctx.anchor, int(count), name), _mod(ctx, m))


def reference(m: re.Match[str], ctx: Context) -> Found | None:
    phrase = " ".join(m["t"].lower().split())
    if phrase.startswith(("the ", "at ")) and ctx.word_after(m.end("t")).lower() == "of":
        return None  # "the future of Gaza", "at the time of"
    return Found(*_span(m), "DATE", ctx.grammar.lookup("references", phrase))


def set_(m: re.Match[str], ctx: Context) -> Found | None:
    start, end = _span(m)
    g = ctx.grammar
    if m["adv"]:
        if m["adv"][0].isupper() and not _sentence_initial(ctx, m.start("t")):
            return None  # "LA Weekly", "Daily News"
        return Found(start, end, "SET", g.lookup("set_words", m["adv"]))
    if m["wds"]:
        if not _capitalized(m["wds"]):
            return None
        return Found(start, end, "SET", f"XXXX-WXX-{g.lookup('weekdays', m['wds'])}")
    what = (m["what"] or m["funit"]).lower()
    if what in g.units:
        _, spec = _unit(ctx, what)
        count = 2 if (m["num"] or "").lower() == "other" else amount(ctx, m["num"])
        return Found(start, end, "SET", _duration(spec, count or 1))
    if g.lookup("weekdays", what):
        return Found(start, end, "SET", f"XXXX-WXX-{g.lookup('weekdays', what)}")
    if g.lookup("parts_of_day", what):
        return Found(start, end, "SET", f"XXXX-XX-XXT{g.lookup('parts_of_day', what)}")
    code = g.lookup("seasons", what) or ctx.season
    return Found(start, end, "SET", f"XXXX-{code}" if code else "P1Y")


def clock_duration(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(*_span(m), "DURATION", tx.clock_duration(int(m["h"]), int(m["m"]), int(m["s"])))


_TIME_CUES = {"at", "by", "from", "until", "till", "before", "after", "around", "about", "since"}


def time(m: re.Match[str], ctx: Context) -> Found | None:
    """A clock time; its day is filled in later from the sentence (see `attach_days`)."""
    if m["noon"]:
        clock = "12:00" if m["noon"].lower() in ("noon", "midday") else "24:00"
    elif m["ap"]:
        hour, minute = int(m["h"]), int(m["m"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        hour = hour % 12 + (12 if m["ap"].lower().startswith("p") else 0)
        clock = f"{hour:02d}:{minute:02d}"
    elif m["hm"]:
        clock = f"{m['hm'][:2]}:{m['hm'][2:]}"
    else:
        if not m["tz2"] and ctx.word_before(m.start("t")) not in _TIME_CUES:
            return None
        hour, minute = int(m["h2"]), int(m["m2"])
        if hour > 23 or minute > 59:
            return None
        clock = f"{hour:02d}:{minute:02d}"
    if int(clock[:2]) > 24:
        return None
    return Found(*_span(m), "TIME", "T" + clock)


HANDLERS: dict[str, Callable[[re.Match[str], Context], Found | list[Found] | None]] = {
    "date_mdy": date_mdy, "date_dmy": date_dmy, "date_numeric": date_numeric, "month": month,
    "season": season, "year_range": year_range, "year": year, "decade": decade,
    "century": century, "weekday": weekday, "relative_day": relative_day,
    "relative_unit": relative_unit, "unit_position": unit_position, "weekend": weekend,
    "ago": ago, "number_range": number_range, "duration": duration, "bare_units": bare_units,
    "quarter": quarter, "reference": reference, "set": set_, "clock_duration": clock_duration,
    "time": time, "holiday": holiday,
}


# --- the scan --------------------------------------------------------------------------------


def scan(ctx: Context) -> list[Found]:
    """Every rule over the text; overlapping matches resolved leftmost-longest."""
    g = ctx.grammar
    blocked = [(b.start(), b.end()) for pattern in g.not_times for b in pattern.finditer(ctx.text)]
    kind = g.season_kind.search(ctx.text) if g.season_kind else None
    ctx.season = g.lookup("season_kinds", kind.group(1)) if kind else None
    candidates: list[tuple[int, int, int, list[Found]]] = []
    for priority, (name, pattern) in enumerate(g.rules):
        handler = HANDLERS[name]
        for m in pattern.finditer(ctx.text):
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


_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z“\"]|\n")


def attach_days(found: list[Found], ctx: Context) -> list[Found]:
    """Clock times take the day named nearest them in their sentence, else the anchor's."""
    days = [f for f in found if f.value and re.fullmatch(r"\d{4}-\d\d-\d\d", f.value)]
    for item in found:
        if item.type != "TIME" or not (item.value or "").startswith("T"):
            continue
        near = [d for d in days if not _SENTENCE_BREAK.search(
            ctx.text, min(d.end, item.end), max(d.start, item.start))]
        if near:
            day = min(near, key=lambda d: abs(d.start - item.start)).value
        else:
            day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
        item.value = f"{day}{item.value}"
    return found


def find_timexes(text: str, anchor: date | None) -> list[Found]:
    """Temporal expressions in a plain string (no parse: tense unknown, so dates look back)."""
    return scan(Context(text=text, anchor=anchor, grammar=grammar()))
