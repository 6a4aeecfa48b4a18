"""Handlers for calendar expressions: dates, months, seasons, years, weekdays and units
relative to the anchor ("last month"), each resolved by the rules in `timex`."""

from __future__ import annotations

import re
from datetime import timedelta

from dateline.stages.times import timex as tx
from dateline.stages.times.context import (
    Context,
    Found,
    capitalized,
    modifier,
    month_number,
    span_of,
    unit_spec,
)

_NOT_A_MONTH_TAGS = {"MD", "VB", "VBD", "VBP", "VBZ", "VBG", "VBN"}
_NAME_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "NORP", "GPE", "LAW"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your"}


def date_mdy(m: re.Match[str], ctx: Context) -> Found | None:
    if not capitalized(m["month"]) or (m["wd"] and not capitalized(m["wd"])):
        return None
    if m["month"].lower() == "may" and not m["year"] and _is_verb(ctx, m.start("month")):
        return None
    return _month_day(m, ctx, month_number(ctx, m["month"]), int(m["day"]), m["year"])


date_dmy = date_mdy


def _month_day(
    m: re.Match[str], ctx: Context, month: int, day: int, year: str | None
) -> Found | None:
    start, end = span_of(m)
    if not 1 <= day <= 31:
        return None
    if year:
        value = tx._safe_date(int(year), month, day)
    elif ctx.anchor is None:
        return Found(start, end, "DATE", f"XXXX-{month:02d}-{day:02d}", modifier(ctx, m))
    else:
        value = tx.resolve_month_day(ctx.anchor, month, day, ctx.way(start, end, explicit=True))
    return Found(start, end, "DATE", value.isoformat(), modifier(ctx, m)) if value else None


def date_numeric(m: re.Match[str], ctx: Context) -> Found | None:
    if m["iy"]:
        year, month, day = int(m["iy"]), int(m["im"]), int(m["id"])
    else:
        year = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
        first, second = int(m["a"]), int(m["b"])
        month, day = (first, second) if first <= 12 else (second, first)  # US order first
    value = tx._safe_date(year, month, day)
    return Found(*span_of(m), "DATE", value.isoformat()) if value else None


def holiday(m: re.Match[str], ctx: Context) -> Found | None:
    if not capitalized(m["hol"]) or _in_name(ctx, m.start("hol")):
        return None
    month, day = (int(x) for x in ctx.grammar.lookup("holidays", m["hol"]).split("-"))
    return _month_day(m, ctx, month, day, None)


def _is_verb(ctx: Context, offset: int) -> bool:
    """ "May" the modal: the parser's tag, else the word after it ("may be", "may not")."""
    token = ctx.token_at(offset)
    if token is not None:
        return token.tag in _NOT_A_MONTH_TAGS or token.pos in ("VERB", "AUX")
    return ctx.word_after(offset + 3).lower() in ("be", "have", "not", "also", "well", "still")


def _in_name(ctx: Context, offset: int) -> bool:
    """Part of a name the parser found ("June Carter", "Christmas Charity Choir")."""
    token = ctx.token_at(offset)
    return token is not None and token.ent in _NAME_ENTS


def month(m: re.Match[str], ctx: Context) -> Found | None:
    """A month name alone needs a cue: a preposition, a modifier, a year, or the parser's DATE."""
    name, start_month = m["month"], m.start("month")
    if not capitalized(name):
        return None
    token = ctx.token_at(start_month)
    cued = bool(m["year"] or m["yrel"] or m["rel"] or m["pmod"])
    if not cued:
        before = ctx.word_before(m.start("t"))
        if before in _DETERMINERS or _is_verb(ctx, start_month):
            return None
        if _in_name(ctx, start_month) or name.lower() in ctx.names:
            return None  # "June Carter"; "May" in an article about Theresa May
        cued = before in ctx.grammar.lexicon["month_cues"] or (
            token is not None and token.ent == "DATE"
        )
        if not cued:
            return None
    start, end = span_of(m)
    number = month_number(ctx, name)
    if m["year"] or (m["yrel"] and ctx.anchor):
        year = _year_of(ctx, m["year"], m["yrel"])
        return Found(start, end, "DATE", tx.month_value(year, number), modifier(ctx, m))
    if ctx.anchor is None:
        return Found(start, end, "DATE", f"XXXX-{number:02d}", modifier(ctx, m))
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        year = tx.resolve_month_year(ctx.anchor, number, "back", strict=True)
    elif rel in ("next", "coming", "upcoming"):
        year = tx.resolve_month_year(ctx.anchor, number, "forward", strict=True)
    elif rel in ("this", "current"):
        year = ctx.anchor.year
    else:
        year = tx.resolve_month_year(
            ctx.anchor, number, ctx.way(start, end, endpoint=not m["pmod"])
        )
    return Found(start, end, "DATE", tx.month_value(year, number), modifier(ctx, m))


def season(m: re.Match[str], ctx: Context) -> Found | None:
    rel = (m["rel"] or "").lower()
    word = m["season"].lower()
    after = ctx.word_after(m.end("t")).lower()
    if not (rel or m["year"] or m["pmod"]) and ctx.word_before(m.start("t")) not in (
        "in",
        "during",
        "since",
        "by",
        "until",
        "over",
    ):
        return None
    if (
        word == "fall"
        and not m["year"]
        and rel in ("", "the")
        and (after == "of" or (not m["pmod"] and rel == ""))
    ):
        return None  # "the fall of the regime", "prices fall"
    if rel == "the" and after == "of" and not m["year"]:
        return None
    start, end = span_of(m)
    code = ctx.grammar.lookup("seasons", word)
    if m["year"]:
        return Found(start, end, "DATE", f"{m['year']}-{code}", modifier(ctx, m))
    if ctx.anchor is None:
        return Found(start, end, "DATE", f"XXXX-{code}", modifier(ctx, m))
    offset = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}.get(rel)
    value = tx.resolve_season(ctx.anchor, code, offset, ctx.way(start, end))
    return Found(start, end, "DATE", value, modifier(ctx, m))


# --- years, decades, centuries ---------------------------------------------------------------

_MONEY = ("$", "£", "€", "#")
_YEAR_CUES = {
    "in",
    "since",
    "of",
    "by",
    "from",
    "until",
    "till",
    "before",
    "after",
    "between",
    "and",
    "to",
    "during",
    "early",
    "late",
    "mid",
    "through",
    "around",
    "circa",
    "c.",
}
_NOT_YEAR_BEFORE = {
    "no.",
    "no",
    "number",
    "route",
    "flight",
    "resolution",
    "article",
    "section",
    "page",
    "room",
    "$",
    "us$",
    "rs",
    "about",
    "some",
    "nearly",
    "over",
    "almost",
}


def year(m: re.Match[str], ctx: Context) -> Found | None:
    value = int(m["year"])
    before = ctx.word_before(m.start("t"))
    token_after = ctx.token_at(m.end("t") + 1)
    if before in _NOT_YEAR_BEFORE or ctx.text[max(0, m.start("t") - 1) : m.start("t")] in _MONEY:
        return None
    if value < 1900 and before not in _YEAR_CUES and not m["pmod"]:
        return None
    if (
        token_after is not None
        and token_after.tag == "NNS"
        and ctx.text[m.end("t") : m.end("t") + 1] == " "
    ):
        return None  # "2000 people"
    return Found(*span_of(m), "DATE", f"{value:04d}", modifier(ctx, m))


def year_range(m: re.Match[str], ctx: Context) -> list[Found] | None:
    """ "2009-2010", "1957-58": two years, each its own expression (as TimeML annotates)."""
    first, second = int(m["y1"]), m["y2"]
    later = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if not first < later < first + 100:
        return None
    return [
        Found(m.start("y1"), m.end("y1"), "DATE", f"{first:04d}"),
        Found(m.start("y2"), m.end("y2"), "DATE", f"{later:04d}"),
    ]


def decade(m: re.Match[str], ctx: Context) -> Found | None:
    if m["c"]:
        value = f"{m['c']}{m['d']}"
    else:
        digit = int(m["d2"])
        now = ctx.anchor.year if ctx.anchor else 2000
        value = f"20{digit}" if 2000 + 10 * digit <= now else f"19{digit}"
    return Found(*span_of(m), "DATE", value, modifier(ctx, m))


def century(m: re.Match[str], ctx: Context) -> Found | None:
    number = int(m["n"]) if m["n"] else ctx.grammar.lookup("ordinals", m["w"])
    if not number:
        return None
    return Found(*span_of(m), "DATE", f"{number - 1:02d}", modifier(ctx, m))


# --- days relative to the anchor -------------------------------------------------------------

_REL_OFFSET = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "this": 0,
    "current": 0,
    "next": 1,
    "coming": 1,
    "following": 1,
    "upcoming": 1,
}


def weekday(m: re.Match[str], ctx: Context) -> Found | None:
    if not capitalized(m["wd"]):
        return None
    start, end = span_of(m)
    number = ctx.grammar.lookup("weekdays", m["wd"])
    pod = ctx.grammar.lookup("parts_of_day", m["pod"]) if m["pod"] else None
    kind = "TIME" if pod else "DATE"
    suffix = f"T{pod}" if pod else ""
    if ctx.anchor is None:
        return Found(start, end, kind, f"XXXX-WXX-{number}{suffix}", modifier(ctx, m))
    rel = (m["rel"] or "").lower()
    if rel in ("this", "current"):
        day = ctx.anchor + timedelta(days=number - ctx.anchor.isoweekday())
    elif rel:
        way = "forward" if _REL_OFFSET[rel] > 0 else "back"
        day = tx.resolve_weekday(ctx.anchor, number, way, strict=True)
    else:
        day = tx.resolve_weekday(ctx.anchor, number, ctx.way(start, end))
    return Found(start, end, kind, day.isoformat() + suffix, modifier(ctx, m))


def relative_day(m: re.Match[str], ctx: Context) -> Found | None:
    start, end = span_of(m)
    word = (m["rd"] or m["this"]).lower()
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(word, 0)
    pod_word = m["pod"] or m["pod2"] or ("night" if word == "tonight" else None)
    pod = ctx.grammar.lookup("parts_of_day", pod_word) if pod_word else None
    if ctx.anchor is None:
        return Found(start, end, "TIME" if pod else "DATE", None, modifier(ctx, m))
    value = (ctx.anchor + timedelta(days=offset)).isoformat()
    if pod:
        return Found(start, end, "TIME", f"{value}T{pod}", modifier(ctx, m))
    return Found(start, end, "DATE", value, modifier(ctx, m))


def relative_unit(m: re.Match[str], ctx: Context) -> Found | None:
    """ "last month", "this week", "earlier this year"; "the past year" is a duration."""
    start, end = span_of(m)
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if ctx.text[m.end("unit") : m.end("unit") + 1].lower() == "s":
        return None  # "the next weeks" is left to the duration rules
    if rel in ("past", "next", "coming", "following", "upcoming") and (m["the"] or rel == "past"):
        if unit in ("weekend", "quarter"):
            return None
        _, spec = unit_spec(ctx, unit)
        value = tx.duration_value(spec.get("factor", 1), spec["code"], spec.get("time", False))
        return Found(start, end, "DURATION", value, modifier(ctx, m))
    if ctx.anchor is None:
        return Found(start, end, "DATE", None, modifier(ctx, m))
    value = tx.relative_unit(ctx.anchor, unit, _REL_OFFSET[rel])
    return Found(start, end, "DATE", value, modifier(ctx, m))


def unit_position(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the end of the year", "late in the month": a part of the current unit."""
    if ctx.anchor is None:
        return None
    start, end = span_of(m)
    mod, unit = modifier(ctx, m), m["unit"].lower()
    shift = tx.end_of_year_shift(ctx.anchor, mod, ctx.tense_at(start, end)) if unit == "year" else 0
    return Found(start, end, "DATE", tx.relative_unit(ctx.anchor, unit, shift), mod)


def weekend(m: re.Match[str], ctx: Context) -> Found | None:
    if ctx.anchor is None:
        return Found(*span_of(m), "DATE", None)
    past = ctx.way(*span_of(m)) == "back" and ctx.anchor.isoweekday() < 6
    return Found(*span_of(m), "DATE", tx.relative_unit(ctx.anchor, "weekend", -1 if past else 0))


def quarter(m: re.Match[str], ctx: Context) -> Found | None:
    start, end = span_of(m)
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
        year_ += (
            -1
            if way == "back" and number > current
            else 1
            if way == "forward" and number < current
            else 0
        )
    return Found(start, end, "DATE", tx.quarter_value(year_, number) if year_ else None)


def _year_of(ctx: Context, written: str | None, rel: str | None) -> int | None:
    if written:
        return int(written)
    if ctx.anchor is None:
        return None
    return ctx.anchor.year + _REL_OFFSET.get((rel or "this").lower(), 0)
